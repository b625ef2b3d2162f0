#!/usr/bin/env bash
# Installs what is missing, builds Gatewright (build/release) and starts it:
# the designer when there is a display, otherwise the sample project served headless.
# Arguments go to gatewright:
#   with a display:  bash scripts/run.sh [PROJECT]
#   headless:        bash scripts/run.sh [--host H] [--port P] [--access-log FILE|-]
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DGW_BUILD_TESTS=OFF >&2
ninja -C build/release gatewright >&2

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  # With no PROJECT the designer opens the bundled sample project.
  exec build/release/bin/gatewright "$@"
fi

echo "run.sh: no display (DISPLAY and WAYLAND_DISPLAY are unset), so the designer cannot open;" >&2
echo "run.sh: serving the sample project headless instead. Stop with Ctrl+C." >&2
exec build/release/bin/gatewright serve resources/samples/orders/orders.gatewright.json "$@"
