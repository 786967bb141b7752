#!/usr/bin/env bash
# Runs the end-to-end benchmarks one by one, each with its CPU pinning (the machine has 2 CPUs: the system under
# test on CPU 0, the load on CPU 1). Builds first when a source or POM is newer than the bench jar.
#
#   bench/run.sh [ports|nve|bgp|fed|all] [ARGS...]     (default: all = ports, nve, bgp; without ARGS)
#
#   ports  io.nvo3.bench.PortCreateBench REPO_DIR [PORTS=20000] [CONCURRENCY=32]: Neutron port creation with the
#          embedded store; it starts ./nvo3 controller pinned to CPU 0, the load generator runs on CPU 1.
#          Reports ports/s, p50/p99/max latency, RSS and heap. ARGS: [PORTS] [CONCURRENCY].
#   nve    io.nvo3.bench.nve.NveBench: real OVS hypervisors in namespaces (needs root). Plug -> flows on all 3 NVEs
#          (p50/p99 over 500 plugs), 100k flows by bundles into one OVS vs `ovs-ofctl --bundle add-flows` of the
#          same flows, reconcile of those flows unchanged after a reconnect (time, flow mods sent). Every
#          ovsdb-server/ovs-vswitchd on CPU 0; the controller, the load and the OVS CLI tools on CPU 1.
#          ARGS: [--only plug|flows] [--plugs N] [--flows N] [--management 198.19.K.254].
#   bgp    bench/bgp-ingest.sh ARGS (when present).
#   fed    io.nvo3.bench.federation.FederationBench (needs root; not part of all): two ./nvo3 controller domains over
#          iBGP, real OVS. Plug in A -> flow on both B NVEs (p50/p99/max), 10k-MAC add/withdraw into B. Appends to
#          bench/RESULTS-federation.md. ARGS: [--only plug|churn] [--plugs N] [--warmup N] [--series CSV] [--background-macs N] [--macs N] [--management 198.19.K.254].
#          FED_LOG_DIR=DIR keeps both controllers' whole logs there (a.log, b.log) for per-stage timing.
#          Controllers on CPU 1, OVS and the benchmark JVM (probes, ovs-vsctl: the hypervisors' side) on CPU 0;
#          FED_BENCH_CPU=1 puts the benchmark JVM on the controllers' CPU instead.
#
#   SKIP_BUILD=1   use what is built          BENCH_JVM="-Xmx4g"   options of the benchmark JVM
#   NVO3_JAVA_OPTS is passed by ./nvo3 to the controller JVM of `ports` (e.g. -XX:StartFlightRecording=...).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. scripts/env.sh

NAME=${1:-all}
[ $# -gt 0 ] && shift
case "$NAME" in
  ports|nve|bgp|fed|all) ;;
  -h|--help|help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0;;
  *) echo "run.sh: unknown benchmark '$NAME' (ports, nve, bgp, fed or all)" >&2; exit 2;;
esac
if [ "$NAME" = all ] && [ $# -gt 0 ]; then echo "run.sh: arguments go with one benchmark, not with all" >&2; exit 2; fi
command -v taskset >/dev/null || { echo "run.sh: taskset not found (apt-get install util-linux)" >&2; exit 1; }
if [ "$(nproc --all)" -lt 2 ]; then echo "run.sh: needs 2 CPUs (system under test on 0, load on 1)" >&2; exit 1; fi

needs_build() {
  local jar
  jar=$(ls bench/target/nvo3-bench-*.jar 2>/dev/null | head -1)
  [ -n "$jar" ] && [ -f app/target/nvo3.jar ] || return 0
  [ -n "$(find . -path '*/target' -prune -o \( -name '*.java' -o -name 'pom.xml' -o -name '*.xml' -path '*/src/main/*' \) \
      -newer "$jar" -print -quit)" ]
}
if [ "${SKIP_BUILD:-0}" != 1 ] && [ "$NAME" != bgp ] && needs_build; then
  echo "run.sh: building (mvn -o -pl bench -am install -DskipTests) ..." >&2
  mvn -B -q -o -pl bench -am install -DskipTests >&2
fi

WORK=
cleanup() { [ -z "$WORK" ] || rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# The benchmark JVM runs from private copies of the jars: another build re-installing a module mid-run would
# otherwise pull classes from under it.
classpath() {
  WORK=$(mktemp -d /tmp/nvo3-bench-run.XXXXXX)
  mvn -B -q -o -pl bench dependency:build-classpath -Dmdep.outputFile="$WORK/classpath" >/dev/null
  mkdir -p "$WORK/lib"
  # A concurrent build of the bench module empties target/classes for a moment: copy again until the mains are there.
  local try
  for try in 1 2 3 4 5 6; do
    rm -rf "$WORK/lib/bench-classes"
    cp -r bench/target/classes "$WORK/lib/bench-classes" 2>/dev/null || true
    [ -f "$WORK/lib/bench-classes/io/nvo3/bench/PortCreateBench.class" ] \
      && [ -f "$WORK/lib/bench-classes/io/nvo3/bench/nve/NveBench.class" ] && break
    [ "$try" = 6 ] && { echo "run.sh: bench/target/classes lacks the benchmark mains (a build running?)" >&2; exit 1; }
    sleep 5
  done
  CP="$WORK/lib/bench-classes"
  local jars j i=0
  IFS=: read -r -a jars < "$WORK/classpath" || true  # no trailing newline
  for j in "${jars[@]}"; do
    [ -n "$j" ] || continue
    i=$((i + 1))
    cp -r "$j" "$WORK/lib/$i-$(basename "$j")"
    CP="$CP:$WORK/lib/$i-$(basename "$j")"
  done
}

header() {
  echo "== $1: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc --all) CPUs,"\
       "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
}
footer() {
  echo "== $1 done: $(date -u '+%H:%M:%S UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
}

JAVA=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED ${BENCH_JVM:-})

run_ports() {
  # The controller, too, runs from a private copy of the launcher and the application jars.
  mkdir -p "$WORK/repo/scripts" "$WORK/repo/app/target"
  cp nvo3 "$WORK/repo/" && cp scripts/env.sh "$WORK/repo/scripts/"
  cp -r app/target/nvo3.jar app/target/lib "$WORK/repo/app/target/"
  header ports
  # The load generator runs on CPU 1 beside a controller pinned to CPU 0; with BENCH_JVM="-Dctl.cpu=none" (the
  # controller on the whole machine) it is left unpinned too, as the README's figures were measured.
  local pin=(taskset -c 1)
  case " ${BENCH_JVM:-} " in *" -Dctl.cpu=none "*) pin=();; esac
  "${pin[@]}" "${JAVA[@]}" -Dlogback.configurationFile="$WORK/lib/bench-classes/logback-bench.xml" -cp "$CP" \
    io.nvo3.bench.PortCreateBench "$WORK/repo" "$@"
  footer ports
}

run_nve() {
  if [ "$(id -u)" != 0 ]; then echo "run.sh: nve needs root (network namespaces, OVS)" >&2; exit 1; fi
  header nve
  # Logs to stderr; the result table alone on stdout.
  taskset -c 1 "${JAVA[@]}" -Dlogback.configurationFile="$WORK/lib/bench-classes/logback-bench.xml" -cp "$CP" \
    io.nvo3.bench.nve.NveBench --ovs-cpu 0 "$@"
  footer nve
}

run_fed() {
  if [ "$(id -u)" != 0 ]; then echo "run.sh: fed needs root (network namespaces, OVS)" >&2; exit 1; fi
  mkdir -p "$WORK/repo/scripts" "$WORK/repo/app/target"
  cp nvo3 "$WORK/repo/" && cp scripts/env.sh "$WORK/repo/scripts/"
  cp -r app/target/nvo3.jar app/target/lib "$WORK/repo/app/target/"
  header fed
  # Both controllers on CPU 1 (the controllers' machine); every OVS daemon on CPU 0 with this JVM, whose flow probes
  # and OVS command-line tools (ovs-vsctl add-port: what os-vif does on a compute host) act for the hypervisors.
  # FED_BENCH_CPU=1 puts this JVM beside the controllers instead (the set-up of the runs before 2026-11-28 05:30).
  taskset -c "${FED_BENCH_CPU:-0}" "${JAVA[@]}" -Dlogback.configurationFile="$WORK/lib/bench-classes/logback-bench.xml" \
    -cp "$CP" io.nvo3.bench.federation.FederationBench --repo "$WORK/repo" \
    --results "$ROOT/bench/RESULTS-federation.md" --ctl-cpu 1 --ovs-cpu 0 --bench-cpu "${FED_BENCH_CPU:-0}" "$@"
  footer fed
}

run_bgp() {
  if [ -x bench/bgp-ingest.sh ]; then
    bench/bgp-ingest.sh "$@"
  else
    echo "run.sh: bench/bgp-ingest.sh is not there (yet); skipping bgp" >&2
  fi
}

case "$NAME" in
  ports) classpath; run_ports "$@";;
  nve) classpath; run_nve "$@";;
  bgp) run_bgp "$@";;
  fed) classpath; run_fed "$@";;
  all) classpath; run_ports; run_nve; run_bgp;;
esac
