package io.nvo3.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class BytesOrderTest {
    /** compareTo orders as the hex strings do (what callers sorted by before), without building them. */
    @Property
    void ordersAsTheHexStrings(@ForAll @Size(max = 12) byte[] a, @ForAll @Size(max = 12) byte[] b) {
        Bytes x = Bytes.of(a);
        Bytes y = Bytes.of(b);
        assertThat(Integer.signum(x.compareTo(y))).isEqualTo(Integer.signum(x.hex().compareTo(y.hex())));
        assertThat(x.compareTo(x)).isZero();
    }
}
