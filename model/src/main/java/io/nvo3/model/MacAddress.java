package io.nvo3.model;

import java.util.HexFormat;

/** A 48-bit MAC address, written {@code aa:bb:cc:dd:ee:ff} in lower case. */
public record MacAddress(long value) {
    public MacAddress {
        if (value < 0 || value > 0xffff_ffff_ffffL) {
            throw new InvalidValueException("mac_address", "MAC value out of range");
        }
    }

    /** Accepts {@code aa:bb:cc:dd:ee:ff} and {@code aa-bb-cc-dd-ee-ff} in any case. */
    public static MacAddress parse(String field, String text) {
        if (text == null || text.length() != 17) {
            throw new InvalidValueException(field, "'" + text + "' is not a valid MAC address");
        }
        char sep = text.charAt(2);
        if (sep != ':' && sep != '-') {
            throw new InvalidValueException(field, "'" + text + "' is not a valid MAC address");
        }
        long v = 0;
        for (int i = 0; i < 6; i++) {
            if (i > 0 && text.charAt(3 * i - 1) != sep) {
                throw new InvalidValueException(field, "'" + text + "' is not a valid MAC address");
            }
            int hi = Character.digit(text.charAt(3 * i), 16);
            int lo = Character.digit(text.charAt(3 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new InvalidValueException(field, "'" + text + "' is not a valid MAC address");
            }
            v = (v << 8) | (hi << 4) | lo;
        }
        return new MacAddress(v);
    }

    /** IEEE 802: the I/G bit (least significant bit of the first octet) set means group address. */
    public boolean isMulticast() {
        return ((value >>> 40) & 0x01) != 0;
    }

    /** IEEE 802: the U/L bit (second least significant bit of the first octet) set means locally administered. */
    public boolean isLocallyAdministered() {
        return ((value >>> 40) & 0x02) != 0;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(17);
        HexFormat hex = HexFormat.of();
        for (int i = 5; i >= 0; i--) {
            sb.append(hex.toHexDigits((byte) (value >>> (8 * i))));
            if (i > 0) {
                sb.append(':');
            }
        }
        return sb.toString();
    }
}
