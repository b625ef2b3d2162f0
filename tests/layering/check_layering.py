#!/usr/bin/python3
"""The engine's include graph runs one way (../shared/DESIGN.md §2):

    app -> ui -> gateway -> pipeline -> integrations . auth . traffic . vtl . websocket . io
        -> runtime . net -> config -> api . model . observability . common

Fails on an #include in engine/ that runs back up that plan, on an engine include of ui/ or app/,
and on any QtGui/QtWidgets header in engine/ (checked against the Qt include directories given).
Before checking the real tree it checks itself on a made-up tree that has each kind of mistake.

Usage: check_layering.py ENGINE_DIR QT_INCLUDE_DIR
Prints the offending edges with file:line; exits 0 when there are none, 1 otherwise.
"""
import os
import re
import sys
import tempfile

LEVELS = [["gateway"], ["pipeline"], ["integrations", "auth", "traffic", "vtl", "websocket", "io"],
          ["runtime", "net"], ["config"], ["api", "model", "observability", "common"]]
LEVEL_OF = {area: i for i, group in enumerate(LEVELS) for area in group}
QUOTED = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
ANGLED = re.compile(r'^\s*#\s*include\s*<([^>]+)>')


def forbidden_qt_headers(qt_include_dir):
    names = set()
    for module in ("QtGui", "QtWidgets", "QtOpenGL", "QtQuick"):
        folder = os.path.join(qt_include_dir, module)
        if os.path.isdir(folder):
            names.update(n for n in os.listdir(folder) if not n.endswith(".h") or n.startswith("q"))
    # A header both QtCore and QtGui know (none today) would stay allowed.
    core = os.path.join(qt_include_dir, "QtCore")
    if os.path.isdir(core):
        names -= set(os.listdir(core))
    return names


def check(engine_dir, qt_include_dir):
    problems = []
    gui_headers = forbidden_qt_headers(qt_include_dir)
    engine_dir = os.path.abspath(engine_dir)
    for root, _, files in os.walk(engine_dir):
        rel = os.path.relpath(root, engine_dir)
        area = rel.split(os.sep)[0]
        if area == ".":
            continue
        if area not in LEVEL_OF:
            problems.append(f"{rel}: folder '{area}' is not in the layering plan")
            continue
        for name in sorted(files):
            if not name.endswith((".h", ".cpp")):
                continue
            path = os.path.join(root, name)
            shown = os.path.relpath(path, os.path.dirname(engine_dir))
            with open(path, errors="replace") as f:
                for number, line in enumerate(f, 1):
                    m = QUOTED.match(line)
                    if m:
                        target = os.path.normpath(os.path.join(root, m.group(1)))
                        if not os.path.exists(target):
                            # Include-path form ("net/x.h"): resolve against engine/.
                            target = os.path.normpath(os.path.join(engine_dir, m.group(1)))
                        inside = os.path.relpath(target, engine_dir)
                        if inside.startswith(".."):
                            top = os.path.relpath(target, os.path.dirname(engine_dir)).split(os.sep)[0]
                            if top in ("ui", "app"):
                                problems.append(f"{shown}:{number}: engine includes {top}/ ({m.group(1)})")
                            continue
                        to = inside.split(os.sep)[0]
                        if to in LEVEL_OF and LEVEL_OF[to] < LEVEL_OF[area]:
                            problems.append(f"{shown}:{number}: {area} -> {to} runs up the plan ({m.group(1)})")
                        continue
                    m = ANGLED.match(line)
                    if m:
                        header = m.group(1)
                        module = header.split("/")[0]
                        if module in ("QtGui", "QtWidgets", "QtOpenGL", "QtQuick") or (
                                "/" not in header and header in gui_headers):
                            problems.append(f"{shown}:{number}: GUI header <{header}> in the engine")
    return problems


def self_test(qt_include_dir):
    with tempfile.TemporaryDirectory() as tmp:
        engine = os.path.join(tmp, "engine")
        for folder in ("net", "gateway", "common"):
            os.makedirs(os.path.join(engine, folder))
        os.makedirs(os.path.join(tmp, "ui"))
        open(os.path.join(tmp, "ui", "window.h"), "w").close()
        open(os.path.join(engine, "gateway", "gateway.h"), "w").close()
        with open(os.path.join(engine, "net", "bad.h"), "w") as f:
            f.write('#include "../gateway/gateway.h"\n#include "../../ui/window.h"\n#include <QWidget>\n'
                    '#include <QtGui/QColor>\n#include <QByteArray>\n#include "../common/ok.h"\n')
        open(os.path.join(engine, "common", "ok.h"), "w").close()
        found = "\n".join(check(engine, qt_include_dir))
        expected = ["net -> gateway runs up the plan", "engine includes ui/", "GUI header <QWidget>",
                    "GUI header <QtGui/QColor>"]
        missing = [e for e in expected if e not in found]
        wrong = [p for p in ("QByteArray", "common") if p in found]
        if missing or wrong:
            print("check_layering.py self-test failed: missed " + str(missing) + ", flagged " + str(wrong))
            print(found)
            return False
    return True


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    engine_dir, qt_include_dir = sys.argv[1], sys.argv[2]
    if not self_test(qt_include_dir):
        return 1
    problems = check(engine_dir, qt_include_dir)
    for p in problems:
        print(p)
    print(f"{len(problems)} layering problems in {engine_dir}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
