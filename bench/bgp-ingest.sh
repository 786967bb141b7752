#!/usr/bin/env bash
# BGP ingest benchmark, side by side: nvo3's BgpSpeaker, FRR bgpd, BIRD 2 and GoBGP take the same
# pre-encoded feed (IPv4 /32s, VPNv4, EVPN type 2) from the same Java feeder; each system under test
# is pinned to CPU 0 and the feeder (plus the count polls and the re-advertisement receiver) to CPU 1.
# Prints one table and appends it, with date, machine and load, to bench/RESULTS-bgp.md.
#
#   bench/bgp-ingest.sh [ROUTES] [BgpIngestBench options...]
#
#   ROUTES                 feed size (default 1000000); GoBGP gets --gobgp-routes (200000) and
#                          --gobgp-evpn-routes (20000), labelled as such in the table
#   FEEDS=ipv4,vpnv4,evpn  feeds to run (env)         SUTS=nvo3,frr,bird,gobgp  systems (env)
#   NVO3_JVM="-Xms64m -Xmx4g"  options of the nvo3 JVM  SKIP_BUILD=1  use the jars already built
#   KEEP_WORK=1            keep the daemons' configs and logs (the work directory is printed)
#   RESULTS=FILE           where to append results (default bench/RESULTS-bgp.md; /dev/null to skip)
#
# Route entries only: /32s from 100.64.0.0/10 and 198.18.0.0/15, next hop 198.18.0.1; no daemon runs
# zebra or a kernel protocol, so nothing reaches the kernel and no packet is sent to these addresses.
set -euo pipefail
ROUTES=1000000
if [ $# -gt 0 ] && [[ "$1" =~ ^[0-9]+$ ]]; then ROUTES=$1; shift; fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. scripts/env.sh

for tool in taskset /usr/lib/frr/bgpd vtysh bird birdc gobgpd gobgp; do
  command -v "$tool" >/dev/null || { echo "bgp-ingest: $tool not found (apt-get install frr bird2 gobgpd util-linux)" >&2; exit 1; }
done
if [ "$(nproc --all)" -lt 2 ]; then echo "bgp-ingest: needs 2 CPUs (SUT on 0, feeder on 1)" >&2; exit 1; fi

WORK=$(mktemp -d /tmp/nvo3-bgp-bench.XXXXXX)
JPID=
cleanup() {
  set +e
  if [ -n "$JPID" ] && kill -0 "$JPID" 2>/dev/null; then
    kill -TERM "$JPID"          # its shutdown hook stops the daemon under test
    for _ in $(seq 50); do kill -0 "$JPID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$JPID" 2>/dev/null
  fi
  # Anything still alive that this run started (the pid files name their process; check the command line
  # mentions this run's work directory so a recycled pid is never hit).
  for f in "$WORK"/*/sut.pid "$WORK"/*/bgpd.pid "$WORK"/*/bird.pid; do
    [ -f "$f" ] || continue
    pid=$(tr -dc 0-9 < "$f")
    [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF "$WORK" \
      && kill -KILL "$pid" 2>/dev/null
  done
  if [ "${KEEP_WORK:-0}" = 1 ]; then echo "bgp-ingest: work directory kept: $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  # The code under test (bgp and what it needs), then bench itself; bench's other upstream modules (app, api,
  # controller: not used by this benchmark) come from the local repository, so work in progress there cannot
  # stop the benchmark. BUILD_ALL=1 builds them too.
  if [ "${BUILD_ALL:-0}" = 1 ]; then
    mvn -B -q -o -pl bench -am install -Dmaven.test.skip=true
  else
    mvn -B -q -o -pl bgp -am install -Dmaven.test.skip=true
    mvn -B -q -o -pl bench install -Dmaven.test.skip=true
  fi
fi
mvn -B -q -o -pl bench dependency:build-classpath -Dmdep.outputFile="$WORK/classpath" >/dev/null
# Run from private copies: other builds re-installing a module's jar mid-run would break the running JVMs.
mkdir -p "$WORK/lib"
cp -r "$ROOT/bench/target/classes" "$WORK/lib/bench-classes"
CP="$WORK/lib/bench-classes"
IFS=: read -r -a JARS < "$WORK/classpath" || true  # no trailing newline
for j in "${JARS[@]}"; do
  [ -n "$j" ] || continue
  n=$(( ${#CP} % 100000 ))  # unique-ish prefix keeps same-named jars apart
  cp -r "$j" "$WORK/lib/$n-$(basename "$j")"
  CP="$CP:$WORK/lib/$n-$(basename "$j")"
done

NVO3_JVM=${NVO3_JVM:-"-Xms64m -Xmx4g"}
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
STARTED=$(date -u '+%Y-%m-%d %H:%M UTC')
taskset -c 1 "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx2g -cp "$CP" io.nvo3.bench.bgp.BgpIngestBench \
  --routes "$ROUTES" --feeds "${FEEDS:-ipv4,vpnv4,evpn}" --suts "${SUTS:-nvo3,frr,bird,gobgp}" --sut-cpu 0 \
  --workdir "$WORK" --nvo3-jvm "$NVO3_JVM" "$@" > "$WORK/bench.log" 2> >(grep --line-buffered -v ' DEBUG ' >&2) &
JPID=$!
wait "$JPID"
JPID=
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
# table.md is written by the benchmark itself; its log lines went to bench.log.
[ -s "$WORK/table.md" ] || { echo "bgp-ingest: no results (see the messages above)" >&2; exit 1; }
cat "$WORK/table.md"

RESULTS=${RESULTS:-$ROOT/bench/RESULTS-bgp.md}
{
  echo
  echo "### Run of $STARTED — $ROUTES routes"
  echo
  echo "- Machine: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1), $(nproc --all) CPUs, $(free -g | awk '/^Mem:/ {print $2}') GB;" \
       "kernel $(uname -r). Load average (1/5/15 min) before: $LOAD_BEFORE, after: $LOAD_AFTER."
  echo "- SUT on CPU 0, feeder/poller/receiver on CPU 1 (taskset). nvo3: BgpSpeaker alone (no controller)," \
       "JVM $("$JAVA_HOME/bin/java" -version 2>&1 | head -1 | tr -d '"'), options \`$NVO3_JVM\`."
  echo "- Tree: commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)," \
       "$(git --no-optional-locks -C "$ROOT" status --porcelain -- bgp 2>/dev/null | wc -l) uncommitted file(s) under bgp/."
  echo "- Command: \`bench/bgp-ingest.sh $ROUTES $*\` (FEEDS=${FEEDS:-ipv4,vpnv4,evpn}, SUTS=${SUTS:-nvo3,frr,bird,gobgp})."
  echo
  cat "$WORK/table.md"
} >> "$RESULTS"
echo "bgp-ingest: appended to $RESULTS" >&2
