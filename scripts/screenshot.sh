#!/usr/bin/env bash
# Starts the real app in a virtual screen and saves a screenshot of it, so a person can look.
# Usage: scripts/screenshot.sh OUT.png [WIDTHxHEIGHT] [DATA_DIR]   (the app binary must be built)
set -euo pipefail
out=${1:?usage: screenshot.sh OUT.png [WIDTHxHEIGHT] [DATA_DIR]}
size=${2:-1280x800}
data=${3:-$(mktemp -d)}
app=${CIRCLEKEEPER_APP:-target/debug/circlekeeper}
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 "${size}x24" -nolisten tcp &
xvfb=$!
trap 'kill $app_pid $xvfb 2>/dev/null || true' EXIT
sleep 1
DISPLAY=$display CIRCLEKEEPER_DATA_DIR=$data "$app" &
app_pid=$!
sleep "${WAIT:-4}"
# Fill the screen with the window, as a chair would on a laptop or projector.
DISPLAY=$display xdotool search --sync --name Circlekeeper windowsize %@ 100% 100% windowmove %@ 0 0 2>/dev/null || true
sleep 1
DISPLAY=$display import -window root "$out"
echo "saved $out ($size)"
