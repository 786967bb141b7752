/**
 * The FIB: a pure function from {@link io.nvo3.fib.input.FibInput} to the desired flows and groups of every NVE
 * ({@link io.nvo3.fib.Fib#compute}), an incremental {@link io.nvo3.fib.FibEngine} that provably agrees with it,
 * {@link io.nvo3.fib.diff.FibDiff} that turns desired versus installed into ordered batches, and
 * {@link io.nvo3.fib.Pull} that answers packet-ins of pull and hybrid VNs and tells which entries installed on demand
 * are still valid. No I/O, threads or clocks here.
 */
package io.nvo3.fib;
