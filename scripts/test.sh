#!/usr/bin/env bash
# Installs what is missing, builds everything with AddressSanitizer and
# UndefinedBehaviorSanitizer (build/asan) and runs the whole test suite.
# Exits with ctest's status.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh --test

# The local AWS services the REST recordings call (tests/aws_services: s3rver, dynalite,
# kinesalite), from npm; installed again only when the lock file changed.
if [ ! tests/aws_services/node_modules/.package-lock.json -nt tests/aws_services/package-lock.json ]; then
  npm ci --prefix tests/aws_services --no-audit --no-fund >&2
fi

cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DGW_SANITIZE=ON
ninja -C build/asan

exec env QT_QPA_PLATFORM=offscreen \
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build/asan --output-on-failure -j2
