/**
 * nvo3 testbed: real peers on one machine for integration tests and benchmarks (see TESTBED.md).
 *
 * <ul>
 *   <li>{@link io.nvo3.testbed.Testbed}: underlay and management bridges in the root namespace;
 *       {@link io.nvo3.testbed.Testbed#addHypervisor(String)} starts an Open vSwitch hypervisor
 *       ({@link io.nvo3.testbed.Hypervisor}) in its own namespace; {@link io.nvo3.testbed.Vm}s are
 *       namespaces plugged into br-int as os-vif does. {@link io.nvo3.testbed.Testbed#cleanupStale()}
 *       first, try-with-resources around the rest.</li>
 *   <li>{@link io.nvo3.testbed.GoBgp} and {@link io.nvo3.testbed.Frr}: BGP peers on loopback.</li>
 *   <li>{@link io.nvo3.testbed.ProcessRunner} and {@link io.nvo3.testbed.Await}: commands with timeouts,
 *       polling instead of sleeping.</li>
 * </ul>
 *
 * <p>Everything needs root; all traffic stays on loopback or in the testbed's own namespaces.
 */
package io.nvo3.testbed;
