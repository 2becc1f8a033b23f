#!/usr/bin/env bash
# Measures Circlekeeper beside a bare Tauri 2 app (bench/bare-app) built and packaged the same way, and
# fails if Circlekeeper passes issue 13's limits: 1.5x the bare app's release binary and .deb, 1.2x its
# memory (PSS of the app and its WebKit processes 6 s after start, under Xvfb at 1280x800).
# Usage: scripts/bench-size.sh [--reuse]
#   --reuse  use Circlekeeper's artefacts in $CIRCLEKEEPER_TARGET (default: the target dir) if they
#            exist, instead of building them with scripts/package.sh.
set -euo pipefail
self=$(realpath "$0")
cd "$(dirname "$self")/.."
settle=6 runs=3

tree() { echo "$1"; local child; for child in $(pgrep -P "$1"); do tree "$child"; done; }

# One start, run by this script under its own virtual screen and session bus, with a throwaway home
# so no one's data is touched. Writes to $4 the milliseconds to a visible window, the PSS in KiB
# after $settle s, and how many processes that PSS covers (stdout is left to the bus and WebKit).
if [ "${1:-}" = --run-once ]; then
  app=$2 title=$3 result=$4 home=$(mktemp -d)
  sleep "$settle" & timer=$!
  t0=$(date +%s%N)
  env -u CIRCLEKEEPER_DATA_DIR HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" \
    XDG_CACHE_HOME="$home/cache" "$app" &
  pid=$!
  trap 'kill $(tree $pid) 2>/dev/null; wait $pid || true; rm -rf "$home"' EXIT
  until xdotool search --onlyvisible --name "$title" >/dev/null; do
    kill -0 $pid 2>/dev/null || { echo "$app exited before showing a window" >&2; exit 1; }
    (( $(date +%s%N) - t0 < 30000000000 )) || { echo "$app showed no window in 30 s" >&2; exit 1; }
    sleep 0.01
  done
  t1=$(date +%s%N)
  wait $timer
  pids=$(tree $pid)
  pss=$(for p in $pids; do cat "/proc/$p/smaps_rollup"; done | awk '/^Pss:/ { kib += $2 } END { print kib }')
  echo $(( (t1 - t0) / 1000000 )) "$pss" "$(wc -w <<<"$pids")" >"$result"
  exit 0
fi

for tool in xvfb-run dbus-run-session xdotool; do
  command -v $tool >/dev/null || { echo "$tool is missing: run scripts/setup.sh" >&2; exit 1; }
done
cli=$PWD/ui/node_modules/.bin/tauri
[ -x "$cli" ] || { echo "no Tauri CLI in ui/node_modules: run scripts/setup.sh" >&2; exit 1; }
target=${CARGO_TARGET_DIR:-target}
ck=${CIRCLEKEEPER_TARGET:-$target}
bare=$(realpath -m "$target/bare")
newest_deb() { ls -t "$1"/release/bundle/deb/*.deb 2>/dev/null | sed -n 1p; }

if [ "${1:-}" != --reuse ] || [ ! -x "$ck/release/circlekeeper" ] || [ -z "$(newest_deb "$ck")" ]; then
  CARGO_TARGET_DIR=$ck ./scripts/package.sh
fi
# The bare app is built the way scripts/package.sh builds Circlekeeper (its own target dir, as it
# is its own workspace); cargo and the bundler have little to do when it is already built. Its config
# is kept under another name (see its .gitignore); its time is copied too, so cargo keeps its build.
(cd bench/bare-app && export CARGO_TARGET_DIR=$bare && cp -p bare-app.conf.json tauri.conf.json &&
  cargo build --release --locked --features custom-protocol &&
  "$cli" bundle --ci --bundles deb --features custom-protocol) >&2

median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
mib() { awk -v b="$1" 'BEGIN { printf "%.2f", b / 1048576 }'; }

# $runs starts of one app: prints the median seconds to its window and median PSS in MiB.
measure() {
  local app=$1 title=$2 ms=() kib=() i m k n log result
  log=$(mktemp) result=$(mktemp)
  for i in $(seq $runs); do
    # A private session bus, as a desktop session has, shared with no other run.
    # The bus and WebKit are chatty: their output is shown only if the start fails.
    # Three tries: back to back, xvfb-run -a now and then hands out a display whose last server is
    # still going away, and GTK cannot open it (the start is then measured again, not counted).
    local try
    for try in 1 2 3; do
      xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- "$self" --run-once "$app" "$title" "$result" \
        >"$log" 2>&1 && break
      grep -q "Failed to initialize GTK" "$log" && [ $try -lt 3 ] || { cat "$log" >&2; exit 1; }
      echo "$(basename "$app") start $i: the virtual screen was not ready; starting again" >&2
      sleep 1
    done
    read -r m k n <"$result"
    echo "$(basename "$app") start $i: window after $m ms, PSS $k KiB over $n processes" >&2
    ms+=("$m") kib+=("$k")
  done
  rm "$log" "$result"
  awk -v ms="$(median "${ms[@]}")" -v kib="$(median "${kib[@]}")" 'BEGIN { printf "%.2f %.2f\n", ms / 1000, kib / 1024 }'
}

out=$(measure "$bare/release/bare-app" "Bare Tauri app"); read -r bare_s bare_pss <<<"$out"
out=$(measure "$ck/release/circlekeeper" Circlekeeper); read -r ck_s ck_pss <<<"$out"
size() { mib "$(stat -c %s "$1")"; }
{
  echo "release binary (MiB)|$(size "$bare/release/bare-app")|$(size "$ck/release/circlekeeper")|1.5"
  echo ".deb (MiB)|$(size "$(newest_deb "$bare")")|$(size "$(newest_deb "$ck")")|1.5"
  echo "PSS $settle s after start (MiB)|$bare_pss|$ck_pss|1.2"
  echo "time to window (s)|$bare_s|$ck_s|"
} | awk -F'|' -v runs=$runs '
  BEGIN { printf "%-28s %12s %12s %7s %6s\n", "", "bare Tauri 2", "Circlekeeper", "ratio", "limit" }
  { over = $4 != "" && $3 / $2 > $4; failed += over
    printf "%-28s %12.2f %12.2f %6.2fx %6s %s\n", $1, $2, $3, $3 / $2, $4 == "" ? "" : $4 "x", over ? "OVER" : "" }
  END { printf "PSS and time to window: median of %d starts each.\n", runs; exit failed > 0 }'
