#!/usr/bin/env bash
# Sets up everything, makes the release build (what a chair runs: the UI embedded, the inspector off),
# and starts it.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/package.sh --no-bundle
exec "${CARGO_TARGET_DIR:-target}/release/circlekeeper" "$@"
