package io.nvo3.fib;

import io.nvo3.fib.flow.CookieTrace;
import io.nvo3.fib.flow.FlowEntry;
import io.nvo3.fib.flow.FlowKey;
import io.nvo3.fib.flow.GroupEntry;
import io.nvo3.fib.flow.Instruction;
import io.nvo3.fib.flow.Match;
import io.nvo3.fib.flow.RuleKind;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects one slice's flows and groups. Allocates cookies (detecting tag collisions and probing past them) and
 * refuses two different flows with one identity, which would be a bug in the rules.
 */
final class SliceBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(SliceBuilder.class);
    private static final int TAG_MASK = 0xFF_FFFF;

    private final int vni;
    private final Optional<String> vnId;
    private final Map<FlowKey, FlowEntry> flows = new LinkedHashMap<>();
    private final Map<Integer, GroupEntry> groups = new LinkedHashMap<>();
    private final Map<Long, CookieTrace> cookies = new HashMap<>();
    private final Map<Subject, Long> cookieBySubject = new HashMap<>();

    private record Subject(RuleKind rule, String subject) {
    }

    SliceBuilder(int vni, Optional<String> vnId) {
        this.vni = vni;
        this.vnId = vnId;
    }

    /** The cookie of (rule, subject) in this slice; the same pair always gets the same cookie. */
    long cookie(RuleKind rule, String subject) {
        Subject key = new Subject(rule, subject);
        Long known = cookieBySubject.get(key);
        if (known != null) {
            return known;
        }
        int tag = subject.isEmpty() ? 0 : naturalTag(subject);
        while (true) {
            CookieTrace t = new CookieTrace(rule, vni, tag, vnId,
                    subject.isEmpty() ? Optional.empty() : Optional.of(subject));
            CookieTrace taken = cookies.putIfAbsent(t.cookie(), t);
            if (taken == null) {
                cookieBySubject.put(key, t.cookie());
                return t.cookie();
            }
            LOG.debug("cookie tag collision in VNI {}: {} and {}; probing", vni, taken, t);
            tag = tag == TAG_MASK ? 1 : tag + 1;
        }
    }

    void flow(int table, int priority, Match match, List<Instruction> instructions, long cookie) {
        FlowEntry f = FlowEntry.of(table, priority, match, instructions, cookie);
        FlowEntry before = flows.putIfAbsent(f.key(), f);
        if (before != null && !before.equals(f)) {
            throw new IllegalStateException("two rules produced " + f.key() + ": " + before + " and " + f);
        }
    }

    void group(GroupEntry g) {
        GroupEntry before = groups.putIfAbsent(g.groupId(), g);
        if (before != null && !before.equals(g)) {
            throw new IllegalStateException("two rules produced group " + g.groupId());
        }
    }

    VnSlice build() {
        if (flows.isEmpty() && groups.isEmpty()) {
            return VnSlice.EMPTY;
        }
        Map<Long, CookieTrace> used = new HashMap<>();
        flows.values().forEach(f -> used.put(f.cookie(), cookies.get(f.cookie())));
        return new VnSlice(flows, groups, used);
    }

    /** The subject naming a tenant-system port in cookie traces. */
    static String port(String portId) {
        return "port " + portId;
    }

    /** The tag a non-empty subject gets when no other subject of its (rule, VNI) took it first. */
    static int naturalTag(String subject) {
        return Math.max(1, hash24(subject));
    }

    /** Whether a subject of natural tag {@code natural} that ended on {@code tag} probed past {@code t}. */
    static boolean probedPast(int natural, int tag, int t) {
        return natural <= tag ? natural <= t && t < tag : t >= natural || t < tag;
    }

    /** FNV-1a over UTF-8, folded to 24 bits. */
    static int hash24(String s) {
        int h = 0x811c9dc5;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x01000193;
        }
        return (h ^ (h >>> 24)) & TAG_MASK;
    }
}
