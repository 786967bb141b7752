#!/bin/sh
# Starts a private ovsdb-server + ovs-vswitchd (userspace datapath) in DIR, root namespace, no kernel module.
# Usage: ovs-sandbox.sh start DIR | stop DIR ; then: env OVS_RUNDIR=DIR OVS_DBDIR=DIR ovs-vsctl --db=unix:DIR/db.sock ...
set -e
cmd=$1; dir=$2
case "$cmd" in
start)
  # Two ovs-vswitchd with the userspace datapath in one network namespace break each other (both want the tap
  # device ovs-netdev; the second one's bridges never connect): wait for one that is stopping, then refuse with a
  # clear message instead of a silent hang. An ovs-vswitchd with kernel-datapath bridges only (the distribution's
  # service) makes no ovs-netdev and is no obstacle.
  here=$(readlink /proc/$$/ns/net)
  others() {
    for p in $(pgrep -x ovs-vswitchd); do
      [ "$(readlink /proc/"$p"/ns/net 2>/dev/null)" = "$here" ] && printf '%s ' "$p"
    done
    return 0
  }
  i=0
  while ip link show ovs-netdev >/dev/null 2>&1 && [ -n "$(others)" ]; do
    i=$((i + 1))
    if [ "$i" -gt 50 ]; then
      echo "ovs-sandbox: another ovs-vswitchd with the userspace datapath runs in this network namespace (device" \
           "ovs-netdev; ovs-vswitchd pid $(others)); the sandbox cannot work beside it: stop it first" >&2
      exit 1
    fi
    sleep 0.1
  done
  mkdir -p "$dir"
  export OVS_RUNDIR="$dir" OVS_DBDIR="$dir" OVS_LOGDIR="$dir" OVS_PKGDATADIR=/usr/share/openvswitch
  ovsdb-tool create "$dir/conf.db" /usr/share/openvswitch/vswitch.ovsschema
  ovsdb-server "$dir/conf.db" --remote=punix:"$dir/db.sock" --pidfile="$dir/ovsdb-server.pid" \
      --unixctl="$dir/ovsdb-server.ctl" --log-file="$dir/ovsdb-server.log" --detach --no-chdir
  ovs-vsctl --db=unix:"$dir/db.sock" --no-wait init
  ovs-vswitchd unix:"$dir/db.sock" --pidfile="$dir/ovs-vswitchd.pid" --unixctl="$dir/ovs-vswitchd.ctl" \
      --log-file="$dir/ovs-vswitchd.log" --detach --no-chdir
  ;;
stop)
  for p in ovs-vswitchd ovsdb-server; do
    if [ -f "$dir/$p.pid" ]; then
      pid=$(cat "$dir/$p.pid")
      kill "$pid" 2>/dev/null || true
      i=0
      while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 50 ]; do i=$((i + 1)); sleep 0.1; done
    fi
  done
  ;;
esac
