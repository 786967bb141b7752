#!/bin/sh
# Starts a private ovsdb-server + ovs-vswitchd (userspace datapath) in DIR, root namespace, no kernel module.
# Usage: ovs-sandbox.sh start DIR | stop DIR ; then: env OVS_RUNDIR=DIR OVS_DBDIR=DIR ovs-vsctl --db=unix:DIR/db.sock ...
set -e
cmd=$1; dir=$2
case "$cmd" in
start)
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
    if [ -f "$dir/$p.pid" ]; then kill "$(cat "$dir/$p.pid")" 2>/dev/null || true; fi
  done
  ;;
esac
