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
  # rpm to read the .rpm's metadata (scripts/check-packages.sh); python3-yaml to read the release
  # workflow (scripts/check-release-config.sh).
  # poppler-utils to read back the PDFs the app prints (pdftotext) and render their pages (pdftoppm).
  packages+=(xvfb xauth dbus-x11 webkit2gtk-driver imagemagick xdotool strace iproute2 rpm python3-yaml poppler-utils)
fi

missing=()
for p in "${packages[@]}"; do
  [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing system packages: ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Rust and Node.js: what Circlekeeper's lock files need (the workspace's rust-version, and Vite's Node).
RUST_MIN=1.95
NODE_MIN=20.19
export PATH="$HOME/.cargo/bin:$PATH"

at_least() { # at_least <have> <need>: compares dotted versions
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | sed -n 1p)" = "$2" ]
}
rust_ok() { command -v rustc >/dev/null && at_least "$(rustc --version | cut -d' ' -f2)" "$RUST_MIN"; }
node_ok() { command -v npm >/dev/null && command -v node >/dev/null && at_least "$(node --version | tr -d v)" "$NODE_MIN"; }
apt_has() { # apt_has <package> <min version>: the distribution offers it, new enough
  local v
  v=$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2}')
  [ -n "$v" ] && [ "$v" != "(none)" ] && at_least "${v#*:}" "$2"
}

if ! rust_ok; then
  echo "==> Rust $RUST_MIN or newer is needed: installing it with rustup"
  if command -v rustup >/dev/null; then
    rustup toolchain install stable --profile minimal && rustup default stable || true
  elif apt_has rustup 0; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q rustup && rustup default stable || true
  else
    # The usual way where the distribution has no rustup (Debian 12): the official installer.
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal || true
  fi
fi

if ! node_ok; then
  echo "==> Node.js $NODE_MIN or newer is needed"
  if apt_has nodejs "$NODE_MIN"; then
    # NodeSource's nodejs carries npm; Debian's has it in a package of its own.
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs || true
    command -v npm >/dev/null || as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q npm || true
  else
    # Debian 12's own Node.js is 18: the usual way is NodeSource's repository of current releases.
    curl -fsSL https://deb.nodesource.com/setup_22.x -o /tmp/nodesource_setup.sh &&
      as_root bash /tmp/nodesource_setup.sh &&
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs || true
  fi
fi

if ! rust_ok || ! node_ok; then
  {
    echo
    echo "Circlekeeper could not install what it needs by itself (is this computer offline?)."
    if ! rust_ok; then
      echo "It needs Rust $RUST_MIN or newer (found: $(rustc --version 2>/dev/null || echo none)). Install it with:"
      echo "    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y"
      echo "    . \"\$HOME/.cargo/env\""
    fi
    if ! node_ok; then
      echo "It needs Node.js $NODE_MIN or newer (found: $(node --version 2>/dev/null || echo none)). Install it with:"
      echo "    curl -fsSL https://deb.nodesource.com/setup_22.x -o /tmp/nodesource_setup.sh"
      echo "    sudo bash /tmp/nodesource_setup.sh"
      echo "    sudo apt-get install -y nodejs"
    fi
    echo "Then run this command again."
  } >&2
  exit 1
fi

# npm ci installs exactly the lock file (every platform's Tauri CLI is in it). It starts from an empty
# node_modules, so skip it when the lock file has not changed since the last install.
lock_sum=$(sha256sum ui/package-lock.json | cut -d' ' -f1)
if [ "$(cat ui/node_modules/.installed-lock 2>/dev/null)" != "$lock_sum" ]; then
  echo "==> installing the UI's npm packages (npm ci)"
  npm --prefix ui ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" >ui/node_modules/.installed-lock
fi

if [ "${1:-}" = "--test" ] && ! command -v tauri-driver >/dev/null; then
  echo "==> installing tauri-driver"
  # Pinned to 2.x: 3.0 alphas exist and do not match Tauri 2.
  cargo install tauri-driver --locked --version ^2
fi
