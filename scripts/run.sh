#!/usr/bin/env bash
# Sets up everything, builds Circlekeeper with its UI embedded, and starts it.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
npm --prefix ui run build
cargo build -p circlekeeper --features custom-protocol
exec "${CARGO_TARGET_DIR:-target}/debug/circlekeeper" "$@"
