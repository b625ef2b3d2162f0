#!/usr/bin/env bash
# The designer's benchmarks (Release, offscreen): the Traffic panel at 10,000 rows/s, the WebSockets panel at
# 10,000 frames/s, saving into the file's own text, and the cost of body capture on the request path. Each
# line is a ratio against a reference measured in the same run.
#   bash bench/designer.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --bench >&2 # wrk: the console and ingest lines
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DGW_BUILD_TESTS=OFF >/dev/null
ninja -C build/release bench_designer >/dev/null
exec build/release/bench/bench_designer
