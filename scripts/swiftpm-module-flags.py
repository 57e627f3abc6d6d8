#!/usr/bin/env python3
"""Prints, one per line, the swiftc flags SwiftPM's debug build used for one module of this package
(language mode, package name, upcoming features, -D and -I flags, the module maps of C dependencies),
without what names outputs or drives incremental builds, so that scripts/fuzz.sh can compile the
same sources again with other flags (instrumentation) against the modules of that build.

    scripts/swiftpm-module-flags.py .build/debug.yaml PlaybooksRuntime flags|sources
"""
import json
import sys

# Flags dropped, with the number of values each takes.
DROPPED = {
    "-module-name": 1, "-emit-module-path": 1, "-output-file-map": 1, "-index-store-path": 1,
    "-emit-objc-header-path": 1, "-emit-dependencies": 0, "-emit-module": 0, "-incremental": 0, "-c": 0,
    "-enable-batch-mode": 0, "-serialize-diagnostics": 0, "-parseable-output": 0, "-emit-objc-header": 0,
    "-Onone": 0, "-g": 0,
}


def module_args(yaml_path, module):
    key = '  "C.%s-' % module
    with open(yaml_path, encoding="utf-8") as f:
        inside = False
        for line in f:
            if line.startswith(key) and line.rstrip().endswith('-debug.module":'):
                inside = True
            elif inside and line.strip().startswith("args:"):
                return json.loads(line.strip()[len("args:"):])
    sys.exit("swiftpm-module-flags: no debug build of %s in %s (run swift build first)" % (module, yaml_path))


def main():
    yaml_path, module, what = sys.argv[1:4]
    args = module_args(yaml_path, module)[1:]
    flags, sources = [], []
    i = 0
    while i < len(args):
        a = args[i]
        if a in ("-Xcc", "-Xlinker", "-Xfrontend") and i + 1 < len(args):
            flags += args[i:i + 2]
            i += 2
            continue
        if a in DROPPED:
            i += 1 + DROPPED[a]
            continue
        if a.startswith("-j") or a.startswith("@"):
            if a.startswith("@"):
                with open(a[1:], encoding="utf-8") as f:
                    sources += [s.strip() for s in f if s.strip()]
            i += 1
            continue
        if a.endswith(".swift"):
            sources.append(a)
        else:
            flags.append(a)
        i += 1
    print("\n".join(flags if what == "flags" else sources))


main()
