#!/usr/bin/env bash
# Checks the Linux packages scripts/package.sh made, as a distribution's reviewer would: who made them,
# under what licence, what they install, and that every shared library the app links comes from a
# package the .deb depends on (directly or through those packages' own dependencies).
set -euo pipefail
cd "$(dirname "$0")/.."
release="${CARGO_TARGET_DIR:-target}/release"
deb=$(ls "$release"/bundle/deb/*.deb)
rpm=$(ls "$release"/bundle/rpm/*.rpm)
problems=0
unpacked=$(mktemp -d)
trap 'rm -rf "$unpacked"' EXIT
dpkg-deb -x "$deb" "$unpacked"
expect() { # expect <what> <text> <extended regex>
  if ! grep -Eq -- "$3" <<<"$2"; then
    echo "check-packages: $1 does not match /$3/:" >&2
    sed 's/^/    /' <<<"$2" >&2
    problems=$((problems + 1))
  fi
}

control=$(dpkg-deb -f "$deb")
expect ".deb Package" "$control" '^Package: circlekeeper$'
expect ".deb Maintainer" "$control" '^Maintainer: The Circlekeeper contributors$'
expect ".deb Section" "$control" '^Section: misc$'
expect ".deb Description" "$control" "^Description: The chair's companion for peer support meetings"
expect ".deb Depends" "$control" '^Depends: .*libwebkit2gtk-4\.1-0'
expect ".deb Depends" "$control" '^Depends: .*libssl3 \| libssl3t64'
# Time zones come from the system's database (core/src/zone.rs).
expect ".deb Depends" "$control" '^Depends: .*tzdata'
files=$(dpkg-deb -c "$deb" | awk '{print "/" $6}' | sed 's|^/\./|/|')
expect ".deb files" "$files" '^/usr/bin/circlekeeper$'
expect ".deb files" "$files" '^/usr/share/applications/Circlekeeper\.desktop$'
expect ".deb files" "$files" '^/usr/share/icons/hicolor/128x128/apps/circlekeeper\.png$'
copyright=$(cat "$unpacked/usr/share/doc/circlekeeper/copyright" 2>/dev/null || true)
expect ".deb copyright file" "$copyright" '^Copyright \(c\) 2026 the Circlekeeper contributors$'
entry=$(cat "$unpacked/usr/share/applications/Circlekeeper.desktop" 2>/dev/null || true)
expect ".deb menu entry" "$entry" '^Exec=circlekeeper$'
expect ".deb menu entry" "$entry" '^Icon=circlekeeper$'

# Every library the binary needs must arrive with the package's dependencies on a Debian system.
declared=$(sed -n 's/^Depends: //p' <<<"$control" | tr ',' '\n' | sed 's/|.*//; s/(.*//; s/ //g')
# shellcheck disable=SC2086 # one package per word
closure=$(apt-cache depends --recurse --installed --no-recommends --no-suggests --no-conflicts --no-breaks \
  --no-replaces --no-enhances $declared | grep -v '^ ' | sed 's/:.*//' | sort -u)
for lib in $(readelf -d "$release/circlekeeper" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p'); do
  # awk reads to the end: leaving early would kill ldconfig with SIGPIPE, which pipefail turns into exit 141.
  path=$(ldconfig -p | awk -v l="$lib" '$1 == l && !found {print $NF; found = 1}')
  owner=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | sed -n 1p | cut -d: -f1 || true)
  [ -z "$owner" ] && owner=$(dpkg -S "$path" 2>/dev/null | sed -n 1p | cut -d: -f1 || true)
  if [ -z "$owner" ] || ! grep -qx "$owner" <<<"$closure"; then
    echo "check-packages: the app links $lib (from ${owner:-no package}), which the .deb's Depends do not bring" >&2
    problems=$((problems + 1))
  fi
done

info=$(rpm -qip "$rpm" 2>/dev/null)
expect ".rpm Name" "$info" '^Name +: circlekeeper$'
expect ".rpm License" "$info" '^License +: MIT$'
expect ".rpm Summary" "$info" "^Summary +: The chair's companion for peer support meetings$"
requires=$(rpm -qpR "$rpm" 2>/dev/null)
expect ".rpm Requires" "$requires" '^openssl-libs$'
expect ".rpm Requires" "$requires" '^tzdata$'
expect ".rpm Requires" "$requires" '^libwebkit2gtk-4\.1\.so\.0'
rpm_files=$(rpm -qlp "$rpm" 2>/dev/null)
expect ".rpm files" "$rpm_files" '^/usr/bin/circlekeeper$'
expect ".rpm files" "$rpm_files" '^/usr/share/applications/Circlekeeper\.desktop$'
expect ".rpm files" "$rpm_files" '^/usr/share/licenses/circlekeeper/LICENSE$'

if [ "$problems" -gt 0 ]; then
  echo "check-packages: $problems problem(s) in $deb / $rpm" >&2
  exit 1
fi
printf 'check-packages: %s (%s KiB) and %s (%s KiB) are complete\n' \
  "$(basename "$deb")" "$(($(stat -c %s "$deb") / 1024))" "$(basename "$rpm")" "$(($(stat -c %s "$rpm") / 1024))"
