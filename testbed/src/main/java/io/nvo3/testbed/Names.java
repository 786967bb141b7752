package io.nvo3.testbed;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Naming scheme of everything a testbed creates, so that a later run can find and remove it.
 *
 * <p>A prefix is {@code tb} plus four base-36 characters. Root-namespace links are
 * {@code PREFIX-u} (underlay bridge), {@code PREFIX-m} (management bridge), {@code PREFIX-Nu} and
 * {@code PREFIX-Nm} (veths of hypervisor N): at most 11 characters, under Linux's 15 (IFNAMSIZ - 1).
 * Namespaces are {@code nvo3tb-PREFIX-NAME}.
 */
final class Names {
    static final String NETNS_PREFIX = "nvo3tb-";
    static final Pattern PREFIX = Pattern.compile("tb[0-9a-z]{4}");
    static final Pattern ROOT_LINK = Pattern.compile("(tb[0-9a-z]{4})-[0-9]*[um]");
    static final Pattern NETNS = Pattern.compile(NETNS_PREFIX + "(tb[0-9a-z]{4})-[a-z0-9-]+");
    private static final Pattern USER_NAME = Pattern.compile("[a-z][a-z0-9]{0,19}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Names() {}

    static String newPrefix() {
        StringBuilder sb = new StringBuilder("tb");
        String alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
        for (int i = 0; i < 4; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    static String requireName(String kind, String name) {
        if (name == null || !USER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(kind + " name must match " + USER_NAME + ", got " + name);
        }
        return name;
    }

    static String netns(String prefix, String name) {
        return NETNS_PREFIX + prefix + "-" + name;
    }

    static String underlayBridge(String prefix) {
        return prefix + "-u";
    }

    static String managementBridge(String prefix) {
        return prefix + "-m";
    }

    static String hvUnderlayVeth(String prefix, int index) {
        return prefix + "-" + index + "u";
    }

    static String hvManagementVeth(String prefix, int index) {
        return prefix + "-" + index + "m";
    }
}
