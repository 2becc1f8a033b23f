#!/usr/bin/env bash
# The story of a Debian 12 laptop with Debian's own Node.js 18, no Rust, and no way to download either:
# setup must try, then print the exact commands that install them, and stop before touching anything else.
set -euo pipefail
cd "$(dirname "$0")/../.."

fake=$(mktemp -d)
trap 'rm -rf "$fake"' EXIT
mkdir -p "$fake/bin" "$fake/home"
printf '#!/bin/sh\necho v18.19.0\n' >"$fake/bin/node"
printf '#!/bin/sh\necho 9.2.0\n' >"$fake/bin/npm"
printf '#!/bin/sh\necho "curl: (6) Could not resolve host" >&2\nexit 6\n' >"$fake/bin/curl"
# What Debian 12's own archive offers: no rustup, Node.js 18.
cat >"$fake/bin/apt-cache" <<'SH'
#!/bin/sh
case "$2" in
  nodejs) printf 'nodejs:\n  Installed: (none)\n  Candidate: 18.19.0+dfsg-6~deb12u2\n' ;;
  *) printf '%s:\n  Installed: (none)\n  Candidate: (none)\n' "$2" ;;
esac
SH
# Nothing here may change the system: apt-get only notes that it was asked.
printf '#!/bin/sh\necho "$*" >>"%s/apt-get-called"\nexit 100\n' "$fake" >"$fake/bin/apt-get"
chmod +x "$fake/bin/"*
before=$(stat -c %Y ui/node_modules 2>/dev/null || echo none)

# No Rust on this PATH: the real toolchain lives in ~/.cargo/bin, and HOME is an empty folder.
set +e
HOME="$fake/home" PATH="$fake/bin:/usr/sbin:/usr/bin:/sbin:/bin" ./scripts/setup.sh >"$fake/out" 2>&1
status=$?
set -e

fail() { echo "setup-offline: $*" >&2; cat "$fake/out" >&2; exit 1; }
[ "$status" -eq 1 ] || fail "setup should stop with status 1, got $status"
grep -q "It needs Rust 1.95 or newer (found: none)" "$fake/out" || fail "it does not say Rust is missing"
grep -q "curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y" "$fake/out" ||
  fail "it does not print the rustup command"
grep -q "It needs Node.js 20.19 or newer (found: v18.19.0)" "$fake/out" || fail "it does not say Node.js is too old"
grep -q "sudo apt-get install -y nodejs" "$fake/out" || fail "it does not print the Node.js commands"
[ ! -e "$fake/apt-get-called" ] || fail "it ran apt-get $(cat "$fake/apt-get-called") although nothing it offers is new enough"
[ "$(stat -c %Y ui/node_modules 2>/dev/null || echo none)" = "$before" ] || fail "it went on to install npm packages"
echo "setup-offline: setup names the missing tools and the commands that install them"
