#!/usr/bin/env bash
# Renders the README's screenshots of the designer (offscreen, the bundled sample, real requests)
# into docs/screenshots: 1280×800, and 2560×1600 (@2x) for HiDPI screens.
#   bash scripts/screenshots.sh [BUILD_DIR]     (default build/asan, built by scripts/test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/asan}"
ninja -C "$build" tst_ui_smoke >/dev/null
for scale in 1 2; do
  env QT_QPA_PLATFORM=offscreen QT_SCALE_FACTOR="$scale" ASAN_OPTIONS=detect_leaks=0 \
    GW_SCREENSHOTS_DIR="$PWD/docs/screenshots" "$build/tests/tst_ui_smoke" screenshots restMethodPageShowsTheExecutionAndPreviewsTemplates restStagePageDeploysAndRollsBack restModelsAreCheckedAsTyped \
    webSocketSessionsAndClientInTheWindow sampleLiveChannelPushesOrderChangesToTheClient >/dev/null
done
ls docs/screenshots
