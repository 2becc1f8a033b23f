#!/usr/bin/env bash
# Builds what a chair runs: the release build, with the UI embedded and the web inspector off, and from it
# the Linux packages (.deb and .rpm) in target/release/bundle/. `--no-bundle` stops after the build.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"

npm --prefix ui run build
cargo build --release --locked -p circlekeeper --features custom-protocol
[ "${1:-}" = "--no-bundle" ] && exit 0

# The Tauri CLI looks for src-tauri/ below the folder it runs in, so it runs from the repository root.
# `bundle` packages the binary just built; AppImage is left out because its tools are downloaded at
# build time (the release workflow makes it on hosted CI).
ui/node_modules/.bin/tauri bundle --ci --bundles deb,rpm --features custom-protocol
ls -l "${CARGO_TARGET_DIR:-target}"/release/bundle/deb/*.deb "${CARGO_TARGET_DIR:-target}"/release/bundle/rpm/*.rpm
