package io.nvo3.fib.flow;

/**
 * Hash codes for flow identities that spread well in open-addressing tables. Record hash codes are linear ({@code 31 *
 * h + c}): the flows of sequential MACs got near-sequential hash codes that overlapped between tables, and
 * {@code Map.copyOf} (linear probing, no bit spreading) degenerated to quadratic time — {@code Fib.compute} with 100k
 * remote MACs took minutes in {@code Map.copyOf} of {@link NveState}.
 */
final class Hashing {
    private Hashing() {
    }

    /** MurmurHash3's 32-bit finalizer (fmix32): a bijection, so distinct inputs keep distinct outputs. */
    static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EB_CA6B;
        h ^= h >>> 13;
        h *= 0xC2B2_AE35;
        h ^= h >>> 16;
        return h;
    }

    /** Combines an accumulated hash with the next component, non-linearly. */
    static int combine(int acc, int next) {
        return mix(acc * 0x9E37_79B9 + next);
    }
}
