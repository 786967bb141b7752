# Sourced: installs what nvo3 needs from Debian when it is missing (run as root).
# usage: nvo3_install_deps build|test
nvo3_install_deps() {
  local want=(maven)
  if [ "$1" = test ]; then
    want+=(openvswitch-switch frr gobgpd exabgp bird2 etcd-server tshark python3-openstackclient
           iputils-ping iproute2 ethtool procps psmisc curl)
  fi
  local missing=() p
  for p in "${want[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then echo "nvo3: missing packages: ${missing[*]} (run as root to install them)" >&2; return 1; fi
    echo "nvo3: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2 && apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 || return 1
  fi
}
