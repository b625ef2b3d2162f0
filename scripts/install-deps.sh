#!/usr/bin/env bash
# Installs the Debian 12 packages Gatewright needs to build, run and test.
# Touches apt only when something is missing.
#   bash scripts/install-deps.sh           build, run and test
#   bash scripts/install-deps.sh --test    also what only the tests use (Chromium for the CORS test, npm for
#                                          the local AWS services of the REST recordings, Python websockets
#                                          and the AWS CLI as WebSocket and @connections clients)
#   bash scripts/install-deps.sh --bench   also the benchmark tools (wrk, nginx, npm)
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-websockets-dev qt6-svg-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-qpa-plugins
  libqscintilla2-qt6-dev libhttp-parser-dev nlohmann-json3-dev libvalijson-dev
  libssl-dev zlib1g-dev openssl ca-certificates libgl-dev libvulkan-dev libxkbcommon-dev
  python3 python3-jsonschema nodejs curl xvfb xauth fonts-dejavu-core
)

for arg in "$@"; do
  case "$arg" in
    --test) packages+=(chromium python3-websockets python3-prometheus-client python3-boto3 awscli); command -v npm >/dev/null 2>&1 || packages+=(npm) ;;
    --bench) packages+=(wrk nginx-light); command -v npm >/dev/null 2>&1 || packages+=(npm) ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install-deps.sh: unknown argument '$arg' (only --test, --bench)" >&2; exit 2 ;;
  esac
done

is_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing=()
for pkg in "${packages[@]}"; do
  is_installed "$pkg" || missing+=("$pkg")
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps.sh: all ${#packages[@]} packages are installed" >&2
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "install-deps.sh: missing packages: ${missing[*]}" >&2
    echo "install-deps.sh: run this script as root (sudo is not available)" >&2
    exit 1
  fi
fi

# Progress goes to stderr: run.sh's stdout is serve's (the ready line, then the access log).
echo "install-deps.sh: installing ${missing[*]}" >&2
"${as_root[@]}" apt-get update >&2
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y --no-install-recommends "${missing[@]}" >&2
