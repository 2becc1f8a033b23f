#!/usr/bin/env bash
# Installs what Circlekeeper needs on Debian or Ubuntu: system libraries, the UI's npm packages,
# and, with --test, the WebDriver tools for the end-to-end tests. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

packages=(
  libwebkit2gtk-4.1-dev build-essential curl file pkg-config libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev
  # The chimes play through GStreamer inside WebKitGTK.
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-pulseaudio gstreamer1.0-alsa
)
if [ "${1:-}" = "--test" ]; then
  # strace and iproute2 for the no-network check around the end-to-end tests (scripts/no-network.sh).
  packages+=(xvfb xauth dbus-x11 webkit2gtk-driver imagemagick xdotool strace iproute2)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing system packages: ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null; then
  [ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
fi
if ! command -v cargo >/dev/null; then
  if apt-cache show rustup >/dev/null 2>&1; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q rustup
    rustup default stable
  else
    echo "Circlekeeper needs Rust 1.90 or newer: install it from https://rustup.rs and run this again." >&2
    exit 1
  fi
fi

if ! command -v npm >/dev/null; then
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm
fi
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' || {
  echo "Circlekeeper's UI build needs Node.js 20.19 or newer (found $(node --version))." >&2
  exit 1
}

echo "==> installing the UI's npm packages"
# `npm ci` trips over @tauri-apps/cli's unversioned optional platform packages; install honours the lock file.
npm --prefix ui install --no-audit --no-fund --loglevel=error

if [ "${1:-}" = "--test" ] && ! command -v tauri-driver >/dev/null; then
  echo "==> installing tauri-driver"
  # Pinned to 2.x: 3.0 alphas exist and do not match Tauri 2.
  cargo install tauri-driver --locked --version ^2
fi
