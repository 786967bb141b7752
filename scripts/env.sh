# Sourced by the launcher and the scripts: finds a JDK >= 21 and exports JAVA_HOME.
nvo3_java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'; }
nvo3_find_jdk() {
  local c major
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$c" ] && [ -x "$c/bin/javac" ] || continue
    major=$(nvo3_java_major "$c")
    case "$major" in ''|1.*) continue;; esac
    if [ "$major" -ge 21 ] 2>/dev/null; then echo "$c"; return 0; fi
  done
  return 1
}
if ! NVO3_JDK=$(nvo3_find_jdk); then
  echo "nvo3: no JDK 21 or newer found (looked at \$JAVA_HOME and /usr/lib/jvm/*)." >&2
  echo "nvo3: install one, e.g. Temurin 25 (temurin-25-jdk) or openjdk-21-jdk, or set JAVA_HOME to it." >&2
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME="$NVO3_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
