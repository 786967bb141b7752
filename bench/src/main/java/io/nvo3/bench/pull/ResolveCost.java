package io.nvo3.bench.pull;

import io.nvo3.fib.Pull;
import io.nvo3.fib.PullPolicy;
import io.nvo3.fib.PullQuery;
import io.nvo3.fib.input.FibInput;
import io.nvo3.fib.input.MacAddress;
import java.util.Locale;

/**
 * How long {@link Pull#resolve} takes per packet-in, alone on one thread, as the VN grows (16 NVEs x HOSTS tenant
 * systems, the {@link PullLoad} input): separates the FIB lookup from the OpenFlow channel in {@link PacketInBench}.
 *
 * <pre>java ... io.nvo3.bench.pull.ResolveCost [HOSTS...]   (default 10 100 1000)</pre>
 */
public final class ResolveCost {
    private ResolveCost() {
    }

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {10, 100, 1000} : java.util.Arrays.stream(args)
                .mapToInt(Integer::parseInt).toArray();
        System.out.println("| tenant systems in the VN | Pull.resolve µs/call | calls/s (1 thread) |");
        System.out.println("|---|---|---|");
        for (int hosts : sizes) {
            FibInput input = PullLoad.input(16, hosts);
            long sink = 0;
            int calls = 0;
            long deadline = System.nanoTime() + 2_000_000_000L; // warm-up
            long t0 = 0;
            boolean measuring = false;
            while (true) {
                int h = calls % hosts;
                int sw = calls / hosts % 16 + 1;
                PullQuery q = new PullQuery.UnicastMiss(new MacAddress(PullLoad.mac(sw % 16 + 1, h)));
                sink += Pull.resolve(input, PullLoad.systemId(sw), PullLoad.VN, q, PullPolicy.DEFAULT).hashCode();
                calls++;
                if ((calls & 63) == 0 && System.nanoTime() > deadline) {
                    if (measuring) {
                        break;
                    }
                    measuring = true;
                    calls = 0;
                    t0 = System.nanoTime();
                    deadline = t0 + 3_000_000_000L;
                }
            }
            double us = (System.nanoTime() - t0) / 1e3 / calls;
            System.out.printf(Locale.ROOT, "| %d | %.1f | %.0f |%n", 16 * hosts, us, 1e6 / us);
            if (sink == 42) {
                System.out.println();
            }
        }
    }
}
