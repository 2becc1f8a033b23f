#!/usr/bin/env bash
# Checks, offline and in about a second, what only a hosted Windows or macOS build would otherwise
# find out: that the release workflow parses and builds for Linux, Windows and macOS with --locked,
# that each platform's Tauri config (tauri.conf.json with tauri.<os>.conf.json merged over it)
# passes the config schema of the Tauri CLI we ship with, and that every icon it names exists.
#
# Needs python3 with PyYAML (Debian: python3-yaml) and ui/node_modules (npm ci --prefix ui).
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's own Python, where python3-yaml is installed (another python3 may come first on PATH).
exec /usr/bin/python3 - <<'PY'
import json, re, sys
from pathlib import Path

import yaml

errors = []
def fail(msg):
    errors.append(msg)

# --- The release workflow --------------------------------------------------------------------
try:
    workflow = yaml.safe_load(Path(".github/workflows/release.yml").read_text())
except yaml.YAMLError as e:
    sys.exit(f"check-release-config: release.yml does not parse: {e}")
triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
if "v*" not in (triggers.get("push") or {}).get("tags", []) or "workflow_dispatch" not in triggers:
    fail("release.yml: must run on v* tags and by hand (workflow_dispatch)")
job = workflow["jobs"]["build"]
matrix = job["strategy"]["matrix"]["include"]
for os_prefix in ("ubuntu-", "windows-", "macos-"):
    if not any(entry["os"].startswith(os_prefix) for entry in matrix):
        fail(f"release.yml: the matrix has no {os_prefix}* runner")
action = next((s for s in job["steps"] if s.get("uses", "").startswith("tauri-apps/tauri-action@")), None)
if action is None:
    fail("release.yml: no tauri-apps/tauri-action step")
else:
    script = action["with"]["tauriScript"].split()
    if script[0] != "node" or not Path(script[1]).is_file():
        fail(f"release.yml: tauriScript {' '.join(script)!r} does not run a CLI that exists here")
    if not re.search(r"(^|\s)--\s.*--locked\b", action["with"]["args"]):
        fail("release.yml: cargo must build with --locked (after `--` in the action's args)")
for entry in matrix:
    target = re.search(r"--target\s+(\S+)", entry["args"])
    expected = f"target/{target.group(1)}/release/bundle" if target else "target/release/bundle"
    if entry["bundle"] != expected:
        fail(f"release.yml: {entry['os']} uploads {entry['bundle']}, but builds into {expected}")

# --- Platform configs against the CLI's schema -----------------------------------------------
schema_file = Path("ui/node_modules/@tauri-apps/cli/config.schema.json")
if not schema_file.is_file():
    sys.exit(f"check-release-config: {schema_file} is missing: run npm ci --prefix ui")
schema = json.loads(schema_file.read_text())

def resolve(node):
    while "$ref" in node:
        node = schema["definitions"][node["$ref"].rsplit("/", 1)[1]]
    return node

TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None),
         "integer": int, "number": (int, float)}

def problems(value, node, where):
    """The schema errors for value (the subset of JSON Schema that Tauri's schema uses)."""
    node = resolve(node)
    for key in ("anyOf", "oneOf"):
        if key in node:
            tries = [problems(value, option, where) for option in node[key]]
            if all(tries):
                # Report the alternative that got furthest: one that failed inside the value
                # (a wrong key in the right kind of object) over one that rejected it outright.
                allowed = [v for o in node[key] for v in resolve(o).get("enum", [resolve(o).get("const")])]
                if all(resolve(o).keys() & {"enum", "const"} for o in node[key]):
                    return [f"{where}: {json.dumps(value)} is not one of {allowed}"]
                return min(tries, key=lambda t: (all(e.startswith(where + ": ") for e in t), len(t)))
    for option in node.get("allOf", []):
        if found := problems(value, option, where):
            return found
    kinds = node.get("type")
    if kinds:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if not any(isinstance(value, TYPES[k]) and not (k in ("integer", "number") and isinstance(value, bool))
                   for k in kinds):
            return [f"{where}: {json.dumps(value)} is not {' or '.join(kinds)}"]
    if "enum" in node and value not in node["enum"]:
        return [f"{where}: {json.dumps(value)} is not one of {node['enum']}"]
    if "const" in node and value != node["const"]:
        return [f"{where}: {json.dumps(value)} is not {json.dumps(node['const'])}"]
    found = []
    if isinstance(value, dict):
        props = node.get("properties", {})
        found += [f"{where}: missing {k!r}" for k in node.get("required", []) if k not in value]
        for k, v in value.items():
            if k in props:
                found += problems(v, props[k], f"{where}.{k}")
            elif node.get("additionalProperties") is False:
                found.append(f"{where}: unknown key {k!r}")
            elif isinstance(node.get("additionalProperties"), dict):
                found += problems(v, node["additionalProperties"], f"{where}.{k}")
    if isinstance(value, list) and isinstance(node.get("items"), dict):
        for i, item in enumerate(value):
            found += problems(item, node["items"], f"{where}[{i}]")
    return found

def merge_patch(base, patch):
    """RFC 7396, as the Tauri CLI merges tauri.<os>.conf.json: objects merge, the rest replaces."""
    if not isinstance(patch, dict):
        return patch
    merged = dict(base) if isinstance(base, dict) else {}
    for k, v in patch.items():
        if v is None:
            merged.pop(k, None)
        else:
            merged[k] = merge_patch(merged.get(k), v)
    return merged

config_dir = Path("src-tauri")
base = json.loads((config_dir / "tauri.conf.json").read_text())
platforms = {  # platform file, the bundle targets it must make, the icon format it needs
    "linux": (None, None, ".png"),
    "windows": ("tauri.windows.conf.json", {"nsis", "msi"}, ".ico"),
    "macos": ("tauri.macos.conf.json", {"app", "dmg"}, ".icns"),
}
for platform, (file_name, targets, icon_format) in platforms.items():
    config = base
    if file_name:
        patch = json.loads((config_dir / file_name).read_text())
        if "windows" in patch.get("app", {}):
            fail(f"{file_name}: app.windows would replace the whole window list; keep windows in tauri.conf.json")
        config = merge_patch(base, patch)
        if set(config["bundle"].get("targets", [])) != targets:
            fail(f"{file_name}: bundle.targets should be {sorted(targets)}")
    errors += [f"{platform} config: {p}" for p in problems(config, schema, "$")]
    icons = config["bundle"].get("icon", [])
    if not any(icon.endswith(icon_format) for icon in icons):
        fail(f"{platform} config: bundle.icon lists no {icon_format} file")
    errors += [f"{platform} config: icon {icon} does not exist" for icon in icons
               if not (config_dir / icon).is_file()]

for e in dict.fromkeys(errors):  # one line per distinct problem
    print(f"check-release-config: {e}", file=sys.stderr)
if errors:
    sys.exit(1)
print("check-release-config: workflow, platform configs and icons are consistent")
PY
