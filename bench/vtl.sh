#!/usr/bin/env bash
# The mapping-template benchmark (Release): a typical 20-line template on a 1 KB body, rendered per
# request, against a JSON parse+dump of the same body measured in the same run.
#   bash bench/vtl.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh >&2
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DGW_BUILD_TESTS=OFF >/dev/null
ninja -C build/release bench_vtl >/dev/null
exec build/release/bench/bench_vtl
