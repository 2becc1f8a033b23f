#!/usr/bin/env bash
# Makes every app icon (Linux PNGs, Windows .ico, macOS .icns) from the one source, icons/circlekeeper.svg,
# with the Tauri CLI. `--check` changes nothing and fails if the icons in icons/ are not what the source makes.
set -euo pipefail
cd "$(dirname "$0")/.."

# The desktop set; `tauri icon` also makes Android, iOS and Windows Store logos, which we do not ship.
desktop=(32x32.png 64x64.png 128x128.png 128x128@2x.png icon.png icon.ico icon.icns)
made=$(mktemp -d)
trap 'rm -rf "$made"' EXIT
ui/node_modules/.bin/tauri icon icons/circlekeeper.svg -o "$made" >"$made/log" 2>&1 || { cat "$made/log" >&2; exit 1; }

if [ "${1:-}" != "--check" ]; then
  for f in "${desktop[@]}"; do cp "$made/$f" "icons/$f"; done
  echo "icons/: ${desktop[*]} made from icons/circlekeeper.svg"
  exit 0
fi

stale=()
for f in "${desktop[@]}"; do
  [ -f "icons/$f" ] || { stale+=("$f (missing)"); continue; }
  if [ "$f" = icon.icns ]; then
    # The CLI writes .icns entries in a random order: compare the entries, not the bytes.
    python3 - "$made/$f" "icons/$f" <<'PY' || stale+=("$f")
import struct, sys
def entries(path):
    data = open(path, "rb").read()
    assert data[:4] == b"icns", f"{path} is not an .icns file"
    found, at = [], 8
    while at < len(data):
        size = struct.unpack(">I", data[at + 4:at + 8])[0]
        found.append(data[at:at + size])
        at += size
    return sorted(found)
sys.exit(entries(sys.argv[1]) != entries(sys.argv[2]))
PY
  else
    cmp -s "$made/$f" "icons/$f" || stale+=("$f")
  fi
done
if [ ${#stale[@]} -gt 0 ]; then
  echo "icons/ is not what icons/circlekeeper.svg makes: ${stale[*]}. Run scripts/icons.sh and commit icons/." >&2
  exit 1
fi
echo "icons/: all ${#desktop[@]} icons match icons/circlekeeper.svg"
