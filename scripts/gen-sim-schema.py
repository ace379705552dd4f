#!/usr/bin/env python3
"""Derives the simulator's parameter-validation facts from the official PVE API schema.

Reads ../shared/pve-api/lxc-endpoints.json (beside the repository), plus the few endpoints in EXTRA from
apidata.json in the same folder (the whole schema), and writes
src/LxcForge.Simulator/Http/Schema/pve-lxc-schema.json: per endpoint and method the parameter
names, types, optional flags, enums, ranges, lengths, patterns and format names, plus the keys of
the property-string formats (net[n], rootfs, mp[n], features, dev[n], unused[n]). Descriptions and
return schemas are dropped: the result is facts for validation, not documentation.

Usage: scripts/gen-sim-schema.py [path/to/lxc-endpoints.json]
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "pve-api", "lxc-endpoints.json")
TARGET = os.path.join(ROOT, "src", "LxcForge.Simulator", "Http", "Schema", "pve-lxc-schema.json")

# Schema keys that matter for validation; everything else (descriptions, typetext, defaults) is dropped.
KEPT = ("type", "optional", "enum", "minimum", "maximum", "minLength", "maxLength", "pattern", "requires", "default_key")

# How many instances an indexed option has (pve-container: MAX_LXC_NETWORKS, MAX_MOUNT_POINTS,
# MAX_UNUSED_DISKS, MAX_DEVICES). The schema dump collapses net0..net31 into "net[n]".
INDEXED = {"net[n]": 32, "mp[n]": 256, "unused[n]": 256, "dev[n]": 256}

# Endpoints outside the LXC dump taken from the full API tree (apidata.json beside it): the node's certificates,
# whose root CA fingerprint is the host's identity, and /pools, whose create-fails-when-it-exists is what
# LxcForge's host lock relies on (docs/ownership.md).
# Only the methods the simulator serves (updating a pool's members is not modelled).
EXTRA = {("/nodes/{node}/certificates/info", "GET"), ("/pools", "GET"), ("/pools", "POST"), ("/pools", "DELETE"), ("/pools/{poolid}", "GET"), ("/pools/{poolid}", "DELETE")}
APIDATA = os.path.join(os.path.dirname(SOURCE), "apidata.json")


def extra_endpoints():
    if not os.path.exists(APIDATA):
        return []
    with open(APIDATA, encoding="utf-8") as f:
        tree = json.load(f)
    found = []

    def walk(nodes):
        for n in nodes:
            if any(path == n.get("path") for path, _ in EXTRA):
                for method, info in sorted(n.get("info", {}).items()):
                    if (n["path"], method) not in EXTRA:
                        continue
                    props = info.get("parameters", {}).get("properties", {})
                    found.append({"method": method, "path": n["path"], "allowtoken": info.get("allowtoken", 1),
                                  "parameters": [dict(v, name=k) for k, v in sorted(props.items())]})
            walk(n.get("children", []))

    walk(tree)
    return found


def perl_pattern(pattern):
    # Perl stringifies qr// as (?^:...); .NET spells a plain group (?:...).
    return pattern.replace("(?^:", "(?:")


def facts(spec):
    out = {}
    for key in KEPT:
        if spec.get(key) is not None:  # an undefined enum (null in the dump) checks nothing
            value = spec[key]
            if key == "pattern":
                value = perl_pattern(value)
            if key in ("optional", "default_key"):
                value = bool(value)
            if key in ("minimum", "maximum", "minLength", "maxLength") and isinstance(value, str):
                value = float(value) if "." in value else int(value)  # Perl sometimes quotes numbers
            out[key] = value
    fmt = spec.get("format")
    if isinstance(fmt, str):
        out["format"] = fmt
    return out


def main():
    with open(SOURCE, encoding="utf-8") as f:
        schema = json.load(f)
    endpoints = []
    for e in schema["endpoints"] + extra_endpoints():
        params = {}
        for p in e["parameters"]:
            entry = facts(p)
            if isinstance(p.get("format"), dict):
                entry["propertyString"] = p["name"]
            if p["name"] in INDEXED:
                entry["indexed"] = INDEXED[p["name"]]
            params[p["name"]] = entry
        endpoints.append({
            "method": e["method"],
            "path": e["path"],
            "allowtoken": bool(e.get("allowtoken", 1)),
            "parameters": dict(sorted(params.items())),
        })
    formats = {}
    for name, f in sorted(schema["formats"].items()):
        formats[name] = {k: facts(v) for k, v in sorted(f["keys"].items())}
    meta = schema.get("_meta", {})
    result = {
        "generatedBy": "scripts/gen-sim-schema.py",
        "source": "pve-api/lxc-endpoints.json (%s, pve-docs %s)" % (meta.get("pve_release", "?"), meta.get("pve_docs_commit", "?")),
        "endpoints": endpoints,
        "propertyStrings": formats,
    }
    os.makedirs(os.path.dirname(TARGET), exist_ok=True)
    with open(TARGET, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1, sort_keys=False)
        f.write("\n")
    print("wrote %s: %d endpoints, %d property-string formats" % (os.path.relpath(TARGET, ROOT), len(endpoints), len(formats)))


if __name__ == "__main__":
    main()
