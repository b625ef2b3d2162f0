#!/usr/bin/env bash
# WebSocket benchmark: gatewright's WebSocket API next to serverless-offline's WebSocket server, in
# the same run, with the same Node client (bench/websocket_client.js, `ws` from the
# serverless-offline install):
# Both serve $connect, $default and whoami from one Node function:
#   - round trip of a $default echo route with a warm Node function (p50/p99),
#   - N connections held (default 10000): the server's resident memory before and after,
#   - fan-out of one message to all N through @connections (ms to the last delivery).
# Environment: BENCH_WS_CONNECTIONS (10000), GATEWRIGHT_BIN (else a Release build in build/release).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/bench/.work"
SLS_DIR="$WORK/sls"
N="${BENCH_WS_CONNECTIONS:-10000}"
log() { printf 'bench-ws: %s\n' "$*" >&2; }

bash "$ROOT/scripts/install-deps.sh" --bench
if [ -n "${GATEWRIGHT_BIN:-}" ]; then
  GW_BIN="$GATEWRIGHT_BIN"
else
  (cd "$ROOT" && cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DGW_BUILD_TESTS=OFF >/dev/null \
     && ninja -C build/release gatewright) >&2
  GW_BIN="$ROOT/build/release/bin/gatewright"
fi
if [ ! -f "$SLS_DIR/node_modules/serverless-offline/package.json" ]; then
  mkdir -p "$SLS_DIR"
  [ -f "$SLS_DIR/package.json" ] || echo '{"name": "gatewright-bench-sls", "private": true}' >"$SLS_DIR/package.json"
  (cd "$SLS_DIR" && npm install --no-audit --no-fund serverless@3 serverless-offline@13) >&2
fi
export WS_MODULE="$SLS_DIR/node_modules/ws"
# Each server holds N sockets, the client N more.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
[ "$(ulimit -n)" -gt $((N + 1000)) ] || { log "open-file limit $(ulimit -n) is too low for $N connections"; exit 1; }

TMP="$(mktemp -d "${TMPDIR:-/tmp}/gatewright-ws-bench.XXXXXX")"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -TERM -- "-$p" 2>/dev/null || true; done; rm -rf "$TMP"; }
trap cleanup EXIT

mkdir -p "$TMP/fn" "$TMP/sls"
cat >"$TMP/fn/app.js" <<'JS'
// $connect accepts (serverless-offline refuses connections without a $connect route); $default
// echoes the message; whoami answers with the connection's id (for @connections).
exports.handler = async (event) => {
  const rc = event.requestContext;
  if (rc.routeKey === 'whoami') return { statusCode: 200, body: rc.connectionId };
  return { statusCode: 200, body: event.body };
};
JS
cat >"$TMP/ws.gatewright.json" <<'JSON'
{"format": "gatewright-project", "version": 1, "name": "ws-bench",
 "functions": [{"name": "ws", "runtime": "nodejs", "handler": "app.handler", "codeDir": "fn"}],
 "apis": [{"id": "ws", "name": "ws", "type": "WEBSOCKET", "port": 0, "routeSelectionExpression": "$request.body.action",
           "routes": [{"routeKey": "$connect", "integration": "fn"},
                      {"routeKey": "$default", "integration": "fn", "routeResponseSelectionExpression": "$default"},
                      {"routeKey": "whoami", "integration": "fn", "routeResponseSelectionExpression": "$default"}],
           "integrations": [{"id": "fn", "type": "AWS_PROXY", "function": "ws"}],
           "stages": [{"name": "dev"}]}]}
JSON
cp "$TMP/fn/app.js" "$TMP/sls/app.js"
ln -s "$SLS_DIR/node_modules" "$TMP/sls/node_modules"
cat >"$TMP/sls/serverless.yml" <<'YML'
service: gatewright-ws-bench
frameworkVersion: '3'
provider:
  name: aws
  runtime: nodejs20.x
  region: us-east-1
plugins:
  - serverless-offline
functions:
  ws:
    handler: app.handler
    events:
      - websocket:
          route: $connect
      - websocket:
          route: $default
          routeResponseSelectionExpression: $default
      - websocket:
          route: whoami
          routeResponseSelectionExpression: $default
YML

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

results=()
# gatewright
setsid "$GW_BIN" serve "$TMP/ws.gatewright.json" >"$TMP/gw.out" 2>"$TMP/gw.err" </dev/null &
GW_PID=$!; PIDS+=("$GW_PID")
for _ in $(seq 1 200); do grep -q '"event":"ready"' "$TMP/gw.out" 2>/dev/null && break; sleep 0.05; done
GW_URL=$(grep -o 'ws://[^"]*' "$TMP/gw.out" | head -1)
[ -n "$GW_URL" ] || { log "gatewright did not start: $(cat "$TMP/gw.err")"; exit 1; }
log "gatewright at $GW_URL: $N connections"
gw_json=$(node "$ROOT/bench/websocket_client.js" "$GW_URL" "http${GW_URL#ws}" "$GW_PID" "$N")
results+=("\"gatewright\": $gw_json")
kill -TERM -- "-$GW_PID" 2>/dev/null || true

# serverless-offline
SLS_WS_PORT=$(free_port); SLS_HTTP_PORT=$(free_port); SLS_LAMBDA_PORT=$(free_port)
setsid env -C "$TMP/sls" SLS_TELEMETRY_DISABLED=1 SLS_NOTIFICATIONS_MODE=off node node_modules/serverless/bin/serverless.js \
  offline start --useInProcess --host 127.0.0.1 --websocketPort "$SLS_WS_PORT" --httpPort "$SLS_HTTP_PORT" \
  --lambdaPort "$SLS_LAMBDA_PORT" >"$TMP/sls.out" 2>"$TMP/sls.err" </dev/null &
SLS_PID=$!; PIDS+=("$SLS_PID")
for _ in $(seq 1 600); do grep -q "ws://" "$TMP/sls.out" "$TMP/sls.err" 2>/dev/null && break; sleep 0.1; done
SLS_URL="ws://127.0.0.1:$SLS_WS_PORT"
log "serverless-offline at $SLS_URL: $N connections"
if sls_json=$(node "$ROOT/bench/websocket_client.js" "$SLS_URL" "http://127.0.0.1:$SLS_WS_PORT" "$SLS_PID" "$N"); then
  results+=("\"serverless-offline\": $sls_json")
else
  log "serverless-offline run failed: $(tail -5 "$TMP/sls.err")"
fi

printf '{%s}\n' "$(IFS=,; echo "${results[*]}")" | tee "$WORK/websocket-results.json"
