#!/usr/bin/env bash
# Sets up everything and runs every test: core and shell (cargo), the IPC types' drift check,
# the UI's type check and component tests (vitest), and the end-to-end stories that drive the
# real app window under Xvfb through tauri-driver and WebKitWebDriver; then the Linux packages are made,
# checked, installed and started as a chair would.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }

step "setup on a laptop without Rust or a current Node.js names the commands that install them"
./scripts/tests/setup-offline.sh

step "scripts: no pipeline can fail on SIGPIPE under pipefail"
./scripts/tests/pipelines.sh

step "icons: every format made from icons/circlekeeper.svg, as checked in"
./scripts/icons.sh --check

step "release workflow and the Windows and macOS configs: parsed and checked against the Tauri CLI's schema"
./scripts/check-release-config.sh

step "building the UI (the app crate embeds ui/dist)"
npm --prefix ui run build

step "core and shell tests"
cargo test --locked --workspace --features circlekeeper/custom-protocol

step "IPC types: generated from Rust must equal what is checked in"
if ! git diff --exit-code --stat -- ui/src/lib/bindings || [ -n "$(git status --porcelain -- ui/src/lib/bindings)" ]; then
  echo "ui/src/lib/bindings is out of date: run 'cargo test -p circlekeeper-core' and commit the result." >&2
  exit 1
fi

step "lints"
cargo clippy --locked --workspace --all-targets --features circlekeeper/custom-protocol -- -D warnings

step "UI type check and component tests"
npm --prefix ui run check
npm --prefix ui test

step "no-network check: self-test (it must catch an outside connect, pass a loopback one, refuse strace alone unasked, and fail when the app was never traced)"
./scripts/no-network.sh --self-test

step "end-to-end: the real app under Xvfb"
cargo build --locked -p circlekeeper --features custom-protocol
# A group with two years of meetings, as a bundle, for the retention story.
cargo build --locked -p circlekeeper-core --example old_group
# Under the no-network check: any connect outside loopback fails the run (see scripts/no-network.sh),
# and so does a run in which the app or its WebKit processes were never traced.
CIRCLEKEEPER_APP="${CARGO_TARGET_DIR:-target}/debug/circlekeeper" \
  NO_NETWORK_EXPECT="circlekeeper WebKitWebProcess WebKitNetworkProcess" ./scripts/no-network.sh \
  xvfb-run -a --server-args="-screen 0 1280x800x24" node --test --test-concurrency=1 tests/e2e/

step "Linux packages: the release build, the .deb and the .rpm, checked"
./scripts/package.sh
./scripts/check-packages.sh

step "installed from the .deb: started from /usr/bin, someone checked in, removed with the data kept"
CIRCLEKEEPER_APP=/usr/bin/circlekeeper CIRCLEKEEPER_DEB="$(ls "${CARGO_TARGET_DIR:-target}"/release/bundle/deb/*.deb)" \
  xvfb-run -a --server-args="-screen 0 1280x800x24" node --test --test-concurrency=1 tests/install/

echo
echo "All Circlekeeper tests passed."
