#!/usr/bin/env bash
# Our scripts run under `set -o pipefail`. A pipeline stage that stops reading early (grep -q, head,
# awk's exit) kills the stage before it with SIGPIPE whenever that stage has more to write, and
# pipefail turns that into exit 141: a failure that depends on how much the machine's tools print
# (CI stopped on `ldconfig -p | awk '...exit'` this way). Such stages must read to the end instead.
set -euo pipefail
cd "$(dirname "$0")/../.."
found=$(grep -nE '\|[[:space:]]*(grep[[:space:]]+-[[:alnum:]]*q|head\b|awk\b.*\bexit\b)' scripts/*.sh scripts/tests/*.sh \
  | grep -v '^scripts/tests/pipelines.sh:' || true)
if [ -n "$found" ]; then
  echo "pipelines: a stage that stops reading early can fail the script with SIGPIPE (exit 141):" >&2
  sed 's/^/    /' <<<"$found" >&2
  exit 1
fi
echo "pipelines: no pipeline stops reading early"
