# Finding a JDK, shared by bin/trawl and .ci/run (sourced, not run).
#
#   trawl_find_jdk MIN   prints the home of a JDK whose major version is >= MIN, or fails:
#                        JAVA_HOME first, then the java on PATH, then the newest in the usual install folders.
#   trawl_jdk_major HOME prints the major version of the JDK in HOME (e.g. 21, 25), or nothing.

trawl_jdk_major() {
  local home=$1 version=""
  if [ -r "$home/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release" | head -n 1 || true)
  fi
  if [ -z "$version" ] && [ -x "$home/bin/java" ]; then
    version=$("$home/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1 || true)
  fi
  case $version in 1.*) version=${version#1.} ;; esac # 1.8.0_392 is Java 8
  version=${version%%[!0-9]*}
  if [ -n "$version" ]; then printf '%s\n' "$version"; fi
}

# A JDK home is usable when it has java and javac (javac: the jar may have to be built).
trawl_jdk_ok() {
  local home=$1 min=$2 major
  [ -n "$home" ] && [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 1
  major=$(trawl_jdk_major "$home")
  [ -n "$major" ] && [ "$major" -ge "$min" ]
}

trawl_find_jdk() {
  local min=$1 home best="" best_major=0 major java
  if [ -n "${JAVA_HOME:-}" ] && trawl_jdk_ok "$JAVA_HOME" "$min"; then
    printf '%s\n' "$JAVA_HOME"
    return 0
  fi
  if java=$(command -v java 2>/dev/null); then
    # Ask the java itself where it lives: /usr/bin/java is a chain of symlinks on Linux, a stub on macOS.
    home=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p' | head -n 1 || true)
    if trawl_jdk_ok "$home" "$min"; then
      printf '%s\n' "$home"
      return 0
    fi
  fi
  for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
      "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home \
      /opt/homebrew/opt/openjdk*/libexec/openjdk.jdk/Contents/Home /usr/local/opt/openjdk*/libexec/openjdk.jdk/Contents/Home; do
    [ -d "$home" ] && trawl_jdk_ok "$home" "$min" || continue
    major=$(trawl_jdk_major "$home")
    if [ "$major" -gt "$best_major" ]; then
      best=$home
      best_major=$major
    fi
  done
  if [ -n "$best" ]; then
    printf '%s\n' "$best"
    return 0
  fi
  return 1
}
