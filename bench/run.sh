#!/usr/bin/env bash
# Gatewright benchmark: throughput and latency of `gatewright serve` next to serverless-offline (Lambda
# proxy) and nginx (fixed answer, reverse proxy), plus the gateway's start-up time.
#
#   bash bench/run.sh
#
# Environment:
#   GATEWRIGHT_BIN        use this binary and skip the Release build
#   BENCH_SECONDS         seconds per wrk run (default 10)
#   BENCH_ROUNDS          round-robin rounds over all targets; the median is reported (default 2)
#   BENCH_THREADS         wrk threads (default 2)
#   BENCH_CONNECTIONS     wrk connections (default 32)
#   BENCH_WARMUP_SECONDS  warm-up per target before the first round (default 2)
#   BENCH_FN_CONCURRENCY  reservedConcurrency of the Gatewright functions (default: unset, so Gatewright's
#                         default of 8 warm processes per function applies, as a user would get it)
#   BENCH_TARGETS         space-separated subset of the targets, in run order (default: all of them)
#   BENCH_KEEP_TMP=1      keep the temporary directory (it is always kept when the script fails)
#   BENCH_GW_SERVE_ARGS   extra `serve` arguments for the gatewright server only, not the baseline (e.g.
#                         "--metrics-port 0 --execution-log /dev/null" with GATEWRIGHT_BASELINE_BIN set to
#                         the same binary: the baseline ratios are then the cost of what they turn on)
#   BENCH_BASE_SERVE_ARGS extra `serve` arguments for the baseline only
#   GATEWRIGHT_BASELINE_BIN  a second gatewright binary (e.g. an earlier commit's) measured in the same
#                         run, round-robin with the others: targets baseline-node/-python/-proxy and
#                         the ratios gatewright / baseline
#
# Output: a table on stdout, and the same as JSON in bench/.work/results.json.
# See bench/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/bench/.work"
SLS_DIR="$WORK/sls"

BENCH_SECONDS="${BENCH_SECONDS:-10}"
BENCH_ROUNDS="${BENCH_ROUNDS:-2}"
BENCH_THREADS="${BENCH_THREADS:-2}"
BENCH_CONNECTIONS="${BENCH_CONNECTIONS:-32}"
BENCH_WARMUP_SECONDS="${BENCH_WARMUP_SECONDS:-2}"
BENCH_FN_CONCURRENCY="${BENCH_FN_CONCURRENCY:-}"
FN_CONCURRENCY_FIELD=""
[ -n "$BENCH_FN_CONCURRENCY" ] && FN_CONCURRENCY_FIELD=", \"reservedConcurrency\": $BENCH_FN_CONCURRENCY"
SLS_START_TIMEOUT=60
GW_START_TIMEOUT=60

# nginx lives in /usr/sbin, which a non-root PATH may lack.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

log() { printf 'bench: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# --- process bookkeeping and clean-up -------------------------------------------------------------
# Every background process is started with setsid, so it leads its own process group; clean-up
# signals that group, which also reaches the function processes a server spawned.
PIDS=()
PORTS=()
TMP=""
CLEANED=0

cleanup() {
  local rc=$?
  [ "$CLEANED" = 1 ] && return
  CLEANED=1
  trap - EXIT INT TERM
  local pid
  for pid in "${PIDS[@]+"${PIDS[@]}"}"; do
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  done
  local deadline=$((SECONDS + 5))
  for pid in "${PIDS[@]+"${PIDS[@]}"}"; do
    while kill -0 -- "-$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.05; done
    kill -KILL -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  local port
  for port in "${PORTS[@]+"${PORTS[@]}"}"; do
    if ss -ltnH "sport = :$port" 2>/dev/null | grep -q .; then
      log "warning: something still listens on 127.0.0.1:$port after clean-up"
    fi
  done
  if [ -n "$TMP" ] && [ -d "$TMP" ]; then
    if [ "$rc" -ne 0 ] || [ "${BENCH_KEEP_TMP:-0}" = 1 ]; then
      log "logs and generated files kept in $TMP"
    else
      rm -rf "$TMP"
    fi
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# start_bg NAME CMD... : runs CMD in its own session, stdout/stderr to $TMP/NAME.{out,err}
start_bg() {
  local name="$1"; shift
  setsid "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" </dev/null &
  local pid=$!
  PIDS+=("$pid")
  LAST_PID=$pid
}

# stop_bg PID : stops one process group started by start_bg (used between phases)
stop_bg() {
  local pid="$1" i
  kill -TERM -- "-$pid" 2>/dev/null || true
  for i in $(seq 1 100); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.05; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

elapsed_ms() { # elapsed_ms START_US END_US
  awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1000 }'
}
now_us() { local t="${EPOCHREALTIME/[.,]/}"; echo "$t"; }

# wait_http URL TIMEOUT_S PID : polls URL every 10 ms until it answers 2xx; fails if PID exits
wait_http() {
  local url="$1" timeout="$2" pid="$3"
  local deadline=$((SECONDS + timeout))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if curl -sf -o /dev/null --max-time 5 "$url" 2>/dev/null; then return 0; fi
    kill -0 "$pid" 2>/dev/null || return 2
    sleep 0.01
  done
  return 1
}

free_port_pair() { # prints a free TCP port P on 127.0.0.1 whose neighbours P+1 and P+2 are free too (serve's other APIs)
  python3 - <<'EOF'
import socket
while True:
    a, b, c = socket.socket(), socket.socket(), socket.socket()
    a.bind(("127.0.0.1", 0))
    try:
        b.bind(("127.0.0.1", a.getsockname()[1] + 1))
        c.bind(("127.0.0.1", a.getsockname()[1] + 2))
    except OSError:
        a.close(); b.close(); c.close()
        continue
    print(a.getsockname()[1])
    a.close(); b.close(); c.close()
    break
EOF
}

free_ports() { # free_ports N : prints N distinct free TCP ports on 127.0.0.1
  python3 - "$1" <<'EOF'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks:
    s.close()
EOF
}

# --- step 1: the gatewright binary -------------------------------------------------------------------
if [ -n "${GATEWRIGHT_BIN:-}" ]; then
  GW_BIN="$GATEWRIGHT_BIN"
  log "using GATEWRIGHT_BIN=$GW_BIN (no build)"
else
  log "building Release into build/release"
  command -v cmake >/dev/null && command -v ninja >/dev/null || bash "$ROOT/scripts/install-deps.sh"
  (cd "$ROOT" && cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DGW_BUILD_TESTS=OFF \
     && ninja -C build/release gatewright) >&2
  GW_BIN="$ROOT/build/release/bin/gatewright"
fi
[ -x "$GW_BIN" ] || die "gatewright binary not found or not executable: $GW_BIN"

# --- step 2: tools -----------------------------------------------------------------------------------
missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v nginx >/dev/null 2>&1 || missing+=(nginx-light)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v ss >/dev/null 2>&1 || missing+=(iproute2)
if [ "${#missing[@]}" -gt 0 ]; then
  as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "missing ${missing[*]}; run as root or install them"
    as_root=(sudo)
  fi
  log "installing ${missing[*]}"
  "${as_root[@]}" apt-get update >&2
  if ! "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends "${missing[@]}" >&2; then
    # nginx-light is gone from newer Debian releases; fall back to nginx.
    missing=("${missing[@]/#nginx-light/nginx}")
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y --no-install-recommends "${missing[@]}" >&2
  fi
fi

if [ ! -f "$SLS_DIR/node_modules/serverless/bin/serverless.js" ] \
   || [ ! -f "$SLS_DIR/node_modules/serverless-offline/package.json" ]; then
  log "installing serverless@3 and serverless-offline@13 into bench/.work/sls"
  mkdir -p "$SLS_DIR"
  [ -f "$SLS_DIR/package.json" ] || echo '{"name": "gatewright-bench-sls", "private": true}' >"$SLS_DIR/package.json"
  if ! (cd "$SLS_DIR" && npm install --no-audit --no-fund serverless@3 serverless-offline@13) >&2; then
    log "npm install failed: the serverless-offline case will be skipped"
    SLS_INSTALL_FAILED=1
  fi
fi

# --- step 3: generated files -------------------------------------------------------------------------
mkdir -p "$WORK"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/gatewright-bench.XXXXXX")"
# A gatewright serves the bench project's second API (CORS) on its port + 1, the third (REST) on + 2.
while :; do
  GW_PORT=$(free_port_pair)
  BASE_PORT=$(free_port_pair)
  read -r SLS_PORT SLS_LAMBDA_PORT NGX_RET_PORT NGX_PROXY_PORT BACKEND_PORT <<<"$(free_ports 5)"
  PORTS=("$GW_PORT" "$SLS_PORT" "$SLS_LAMBDA_PORT" "$NGX_RET_PORT" "$NGX_PROXY_PORT" "$BACKEND_PORT" "$BASE_PORT")
  all="${PORTS[*]} $((GW_PORT + 1)) $((BASE_PORT + 1)) $((GW_PORT + 2)) $((BASE_PORT + 2))"
  [ "$(tr ' ' '\n' <<<"$all" | sort -u | wc -l)" -eq 11 ] && break
done
GW_CORS_PORT=$((GW_PORT + 1))
GW_REST_PORT=$((GW_PORT + 2))
BASE_BIN="${GATEWRIGHT_BASELINE_BIN:-}"
if [ -n "$BASE_BIN" ]; then
  [ -x "$BASE_BIN" ] || die "GATEWRIGHT_BASELINE_BIN is not an executable: $BASE_BIN"
fi

mkdir -p "$TMP/functions/node" "$TMP/functions/python" "$TMP/sls" "$TMP/nginx/logs"

cat >"$TMP/functions/node/app.js" <<'EOF'
'use strict';
// Constant answer: measures the gateway and runtime, not the function.
exports.handler = async () => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: '{"ok":true}',
});
EOF

cat >"$TMP/functions/python/app.py" <<'EOF'
# Constant answer: measures the gateway and runtime, not the function.
def handler(event, context):
    return {"statusCode": 200, "headers": {"content-type": "application/json"}, "body": '{"ok":true}'}
EOF

cat >"$TMP/backend.js" <<'EOF'
'use strict';
// Backend of the proxy cases: 200 {"ok":true} to everything, keep-alive.
const http = require('http');
const body = Buffer.from('{"ok":true}');
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
});
server.keepAliveTimeout = 120000;
server.headersTimeout = 121000;
server.listen(Number(process.argv[2]), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
EOF

# A browser's CORS preflight, which the gateway answers itself (no OPTIONS route).
cat >"$TMP/preflight.lua" <<'EOF'
wrk.method = "OPTIONS"
wrk.headers["Origin"] = "http://app.example"
wrk.headers["Access-Control-Request-Method"] = "PUT"
wrk.headers["Access-Control-Request-Headers"] = "content-type"
EOF

# The REST MOCK method's 20-line response template, as a JSON string (python3 escapes it).
cat >"$TMP/mock-template.vtl" <<'EOF'
#set($id = $input.params('id'))
{
  "id": "$id",
  "requestId": "$context.requestId",
  "stage": "$context.stage",
  "tier": "$stageVariables.tier",
  "path": "$context.resourcePath",
  "agent": "$util.escapeJavaScript($context.identity.userAgent)",
  "items": [
#foreach($i in [1..5])
    {
      "n": $i,
      "double": #set($d = $i * 2)$d,
      "even": #if($i % 2 == 0)true#{else}false#end
    }#if($foreach.hasNext),#end

#end
  ],
  "count": 5
}
EOF
python3 -c 'import json, sys; print(json.dumps(open(sys.argv[1]).read())[1:-1], end="")' "$TMP/mock-template.vtl" \
  >"$TMP/mock-template.json.txt"

cat >"$TMP/bench.gatewright.json" <<EOF
{
  "format": "gatewright-project",
  "version": 1,
  "name": "Bench",
  "functions": [
    {"name": "node", "runtime": "nodejs", "handler": "app.handler", "codeDir": "functions/node",
     "timeout": 10, "memorySize": 128$FN_CONCURRENCY_FIELD},
    {"name": "python", "runtime": "python3", "handler": "app.handler", "codeDir": "functions/python",
     "timeout": 10, "memorySize": 128$FN_CONCURRENCY_FIELD}
  ],
  "apis": [{
    "id": "bench-http", "name": "bench", "type": "HTTP", "apiId": "bench00001", "port": 0,
    "routes": [
      {"routeKey": "GET /node", "integration": "node", "authorizationType": "NONE"},
      {"routeKey": "GET /python", "integration": "python", "authorizationType": "NONE"},
      {"routeKey": "ANY /proxy/{proxy+}", "integration": "backend", "authorizationType": "NONE"},
      {"routeKey": "ANY /mapped/{proxy+}", "integration": "backend-mapped", "authorizationType": "NONE"}
    ],
    "integrations": [
      {"id": "node", "type": "AWS_PROXY", "function": "node", "payloadFormatVersion": "2.0", "timeoutInMillis": 30000},
      {"id": "python", "type": "AWS_PROXY", "function": "python", "payloadFormatVersion": "2.0", "timeoutInMillis": 30000},
      {"id": "backend", "type": "HTTP_PROXY", "uri": "http://127.0.0.1:$BACKEND_PORT/{proxy}", "method": "ANY",
       "timeoutInMillis": 30000},
      {"id": "backend-mapped", "type": "HTTP_PROXY", "uri": "http://127.0.0.1:$BACKEND_PORT/{proxy}", "method": "ANY",
       "timeoutInMillis": 30000,
       "requestParameters": {"overwrite:header.x-request-id": "\$context.requestId", "append:header.x-api": "v2",
                             "remove:header.accept": ""},
       "responseParameters": {"200": {"overwrite:header.x-mapped": "yes"}}}
    ],
    "stages": [{"name": "\$default", "autoDeploy": true, "throttling": null}]
  }, {
    "id": "bench-cors", "name": "bench-cors", "type": "HTTP", "apiId": "benchcors1", "port": 0,
    "routes": [{"routeKey": "GET /cors", "integration": "node", "authorizationType": "NONE"}],
    "integrations": [{"id": "node", "type": "AWS_PROXY", "function": "node", "payloadFormatVersion": "2.0"}],
    "cors": {"allowOrigins": ["http://app.example"], "allowMethods": ["GET", "PUT"],
             "allowHeaders": ["content-type", "authorization"], "maxAge": 300},
    "stages": [{"name": "\$default"}]
  }, {
    "id": "bench-rest", "name": "bench-rest", "type": "REST", "apiId": "benchrest1", "port": 0,
    "stages": [{"name": "bench", "stageVariables": {"tier": "gold"}},
               {"name": "canary", "stageVariables": {"tier": "gold"},
                "canarySettings": {"deploymentId": "next01", "percentTraffic": 50, "stageVariableOverrides": {"tier": "silver"}}}],
    "deployments": [{"id": "next01", "description": "the design, as the canary"}],
    "resources": [
      {"path": "/node", "methods": [{"httpMethod": "GET",
        "integration": {"type": "AWS_PROXY", "function": "node", "httpMethod": "POST"}}]},
      {"path": "/custom/{id}", "methods": [{"httpMethod": "GET",
        "integration": {"type": "AWS", "function": "node", "httpMethod": "POST",
          "requestTemplates": {"application/json": "{\"id\": \"\$input.params('id')\", \"resource\": \"\$context.resourcePath\", \"tier\": \"\$stageVariables.tier\"}"},
          "integrationResponses": [{"statusCode": "200", "responseTemplates": {"application/json": "{\"id\": \"\$input.params('id')\", \"status\": \$input.json('\$.statusCode'), \"answer\": \$util.parseJson(\$input.path('\$.body')).ok}"}}]}}]},
      {"path": "/mock/{id}", "methods": [{"httpMethod": "GET",
        "integration": {"type": "MOCK", "requestTemplates": {"application/json": "{\"statusCode\": 200}"},
          "integrationResponses": [{"statusCode": "200", "responseTemplates": {"application/json": "$(cat "$TMP/mock-template.json.txt")"}}]}}]}
    ]
  }],
  "usagePlans": [],
  "apiKeys": []
}
EOF

cat >"$TMP/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $TMP/nginx/client_body;
  proxy_temp_path $TMP/nginx/proxy;
  fastcgi_temp_path $TMP/nginx/fastcgi;
  uwsgi_temp_path $TMP/nginx/uwsgi;
  scgi_temp_path $TMP/nginx/scgi;
  keepalive_requests 1000000;

  upstream backend {
    server 127.0.0.1:$BACKEND_PORT;
    keepalive 64;
  }
  server {
    listen 127.0.0.1:$NGX_RET_PORT;
    location / {
      default_type application/json;
      return 200 '{"ok":true}';
    }
  }
  server {
    listen 127.0.0.1:$NGX_PROXY_PORT;
    location / {
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_pass http://backend;
    }
  }
}
EOF

cp "$TMP/functions/node/app.js" "$TMP/sls/app.js"
ln -s "$SLS_DIR/node_modules" "$TMP/sls/node_modules"
cat >"$TMP/sls/serverless.yml" <<'EOF'
service: gatewright-bench
frameworkVersion: '3'
provider:
  name: aws
  runtime: nodejs20.x
  region: us-east-1
plugins:
  - serverless-offline
functions:
  node:
    handler: app.handler
    events:
      - httpApi: GET /node
EOF

# --- step 4: start the servers -----------------------------------------------------------------------
declare -A URL=()
declare -A UP=()
ALL_TARGETS=(gatewright-node serverless-offline-node gatewright-python nginx-return gatewright-cors-preflight
             gatewright-proxy gatewright-proxy-mapped nginx-proxy gatewright-rest-node gatewright-rest-custom gatewright-rest-mock gatewright-rest-canary)
if [ -n "$BASE_BIN" ]; then
  # Each baseline target right beside its counterpart: with ABBA rounds the two take turns going
  # first, and neither always follows the same neighbour (serverless-offline, say, still busy).
  ALL_TARGETS=(gatewright-node baseline-node serverless-offline-node gatewright-python baseline-python nginx-return
               gatewright-cors-preflight gatewright-proxy gatewright-proxy-mapped baseline-proxy nginx-proxy
               gatewright-rest-node gatewright-rest-custom gatewright-rest-mock gatewright-rest-canary)
fi
read -r -a TARGETS <<<"${BENCH_TARGETS:-${ALL_TARGETS[*]}}"
for t in "${TARGETS[@]}"; do
  case " ${ALL_TARGETS[*]} " in *" $t "*) ;; *) die "unknown target in BENCH_TARGETS: $t (known: ${ALL_TARGETS[*]})" ;; esac
done
wants() { case " ${TARGETS[*]} " in *" $1 "*) return 0 ;; esac; return 1; }
# Which servers each target needs; a target is measured only while all of them run.
declare -A NEEDS=(
  [gatewright-node]="gatewright" [gatewright-python]="gatewright" [gatewright-proxy]="gatewright backend"
  [gatewright-cors-preflight]="gatewright" [gatewright-proxy-mapped]="gatewright backend"
  [serverless-offline-node]="serverless-offline" [nginx-return]="nginx" [nginx-proxy]="nginx backend"
  [baseline-node]="baseline" [baseline-python]="baseline" [baseline-proxy]="baseline backend"
  [gatewright-rest-node]="gatewright" [gatewright-rest-custom]="gatewright" [gatewright-rest-mock]="gatewright"
  [gatewright-rest-canary]="gatewright"
)
declare -A SERVER_PID=()
declare -A SERVER_GONE=()
STATUS="$TMP/status.tsv" # target, "skipped" or "failed", reason
: >"$STATUS"

# mark_down TARGET STATUS REASON
mark_down() {
  [ -n "${UP[$1]:-}" ] || [ "$2" = skipped ] || return 0
  UP[$1]=""
  printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$STATUS"
}

# check_servers WHEN : notices a server that exited and takes its targets out of the run
check_servers() {
  local name pid rc why t
  for name in "${!SERVER_PID[@]}"; do
    pid="${SERVER_PID[$name]}"
    [ -z "${SERVER_GONE[$name]:-}" ] || continue
    kill -0 "$pid" 2>/dev/null && continue
    SERVER_GONE[$name]=1
    rc=0; wait "$pid" 2>/dev/null || rc=$?
    if [ "$rc" -gt 128 ]; then why="killed by SIG$(kill -l $((rc - 128)) 2>/dev/null || echo $((rc - 128)))"
    else why="exit status $rc"; fi
    log "error: $name exited ($why) $1; last lines of its stderr ($TMP/$name.err):"
    tail -n 10 "$TMP/$name.err" >&2 || true
    for t in "${TARGETS[@]}"; do
      case " ${NEEDS[$t]} " in
        *" $name "*) mark_down "$t" failed "$name exited ($why) $1" ;;
      esac
    done
  done
}

log "starting the backend on :$BACKEND_PORT"
start_bg backend node "$TMP/backend.js" "$BACKEND_PORT"
BACKEND_PID=$LAST_PID
SERVER_PID[backend]=$BACKEND_PID
wait_http "http://127.0.0.1:$BACKEND_PORT/x" 15 "$BACKEND_PID" || die "backend did not start: $(cat "$TMP/backend.err")"

# start_gatewright NAME BIN PORT : starts `BIN serve` as server NAME and times it; sets START_READY_MS
# (ready line on stdout) and START_FIRST_MS (first 200 from GET /node, the Node function's cold start included)
start_gatewright() {
  local name="$1" bin="$2" port="$3" t0 pid deadline path
  log "starting $name on :$port (start-up is timed)"
  t0=$(now_us)
  local extra=()
  [ "$name" = gatewright ] && read -r -a extra <<<"${BENCH_GW_SERVE_ARGS:-}"
  [ "$name" = baseline ] && read -r -a extra <<<"${BENCH_BASE_SERVE_ARGS:-}"
  start_bg "$name" "$bin" serve "$TMP/bench.gatewright.json" --host 127.0.0.1 --port "$port" \
    --access-log "$TMP/$name-access.log" --stats "$TMP/$name-stats.json" "${extra[@]}"
  pid=$LAST_PID
  SERVER_PID[$name]=$pid
  START_READY_MS=""
  START_FIRST_MS=""
  deadline=$((SECONDS + GW_START_TIMEOUT))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if [ -z "$START_READY_MS" ] && [ -s "$TMP/$name.out" ]; then
      START_READY_MS=$(elapsed_ms "$t0" "$(now_us)")
    fi
    if curl -sf -o /dev/null --max-time 10 "http://127.0.0.1:$port/node" 2>/dev/null; then
      START_FIRST_MS=$(elapsed_ms "$t0" "$(now_us)")
      # The ready line came while curl was waiting: it was printed before the first answer.
      if [ -z "$START_READY_MS" ] && [ -s "$TMP/$name.out" ]; then START_READY_MS=$START_FIRST_MS; fi
      break
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.01
  done
  if [ -z "$START_FIRST_MS" ]; then
    log "$name stderr:"; tail -n 30 "$TMP/$name.err" >&2 || true
    die "$name did not answer GET /node within ${GW_START_TIMEOUT}s"
  fi
  if [ -z "$START_READY_MS" ]; then
    for _ in $(seq 1 500); do [ -s "$TMP/$name.out" ] && break; sleep 0.01; done
    START_READY_MS=$(elapsed_ms "$t0" "$(now_us)")
    log "warning: $name answered before it printed its ready line"
  fi
  grep -q '"event":"ready"' "$TMP/$name.out" || die "no ready line on $name's stdout: $(head -c 300 "$TMP/$name.out")"
  log "$name: ready line after ${START_READY_MS} ms, first answer of /node after ${START_FIRST_MS} ms"
  for path in python proxy/x; do
    curl -sf -o /dev/null --max-time 10 "http://127.0.0.1:$port/$path" \
      || die "$name GET /$path failed: $(curl -s --max-time 10 "http://127.0.0.1:$port/$path")"
  done
}

start_gatewright gatewright "$GW_BIN" "$GW_PORT"
GW_PID=${SERVER_PID[gatewright]}
GW_READY_MS=$START_READY_MS
GW_FIRST_MS=$START_FIRST_MS
BASE_PID=""
BASE_READY_MS=""
BASE_FIRST_MS=""
if [ -n "$BASE_BIN" ]; then
  start_gatewright baseline "$BASE_BIN" "$BASE_PORT"
  BASE_PID=${SERVER_PID[baseline]}
  BASE_READY_MS=$START_READY_MS
  BASE_FIRST_MS=$START_FIRST_MS
  URL[baseline-node]="http://127.0.0.1:$BASE_PORT/node"
  URL[baseline-python]="http://127.0.0.1:$BASE_PORT/python"
  URL[baseline-proxy]="http://127.0.0.1:$BASE_PORT/proxy/x"
  UP[baseline-node]=1; UP[baseline-python]=1; UP[baseline-proxy]=1
fi
URL[gatewright-node]="http://127.0.0.1:$GW_PORT/node"
URL[gatewright-python]="http://127.0.0.1:$GW_PORT/python"
URL[gatewright-proxy]="http://127.0.0.1:$GW_PORT/proxy/x"
URL[gatewright-cors-preflight]="http://127.0.0.1:$GW_CORS_PORT/cors"
URL[gatewright-proxy-mapped]="http://127.0.0.1:$GW_PORT/mapped/x"
URL[gatewright-rest-node]="http://127.0.0.1:$GW_REST_PORT/bench/node"
URL[gatewright-rest-mock]="http://127.0.0.1:$GW_REST_PORT/bench/mock/42"
URL[gatewright-rest-custom]="http://127.0.0.1:$GW_REST_PORT/bench/custom/42"
URL[gatewright-rest-canary]="http://127.0.0.1:$GW_REST_PORT/canary/mock/42"
UP[gatewright-node]=1; UP[gatewright-python]=1; UP[gatewright-proxy]=1; UP[gatewright-cors-preflight]=1
UP[gatewright-proxy-mapped]=1; UP[gatewright-rest-node]=1; UP[gatewright-rest-custom]=1; UP[gatewright-rest-mock]=1
UP[gatewright-rest-canary]=1
curl -sf -D - -o /dev/null "${URL[gatewright-proxy-mapped]}" | grep -qi '^x-mapped: yes' \
  || die "the parameter-mapped route did not map its response"
preflight_status=$(curl -s -o /dev/null -w '%{http_code}' -X OPTIONS -H 'Origin: http://app.example' \
  -H 'Access-Control-Request-Method: PUT' "${URL[gatewright-cors-preflight]}")
[ "$preflight_status" = 204 ] || die "the CORS preflight got $preflight_status, not 204"
curl -sf "${URL[gatewright-rest-mock]}" | python3 -c 'import json, sys; d = json.load(sys.stdin); assert d["id"] == "42" and len(d["items"]) == 5' \
  || die "the REST MOCK method did not render its template: $(curl -s "${URL[gatewright-rest-mock]}")"
tiers=$(for _ in $(seq 1 24); do curl -sf "${URL[gatewright-rest-canary]}"; done | grep -o '"tier": "[a-z]*"' | sort -u | cut -d'"' -f4 | tr '\n' ' ' | sed 's/ $//')
[ "$tiers" = "gold silver" ] || die "the canary stage did not split its requests between the stage and its canary: tiers $tiers"
curl -sf -o /dev/null "${URL[gatewright-rest-node]}" || die "the REST Lambda proxy method failed: $(curl -s "${URL[gatewright-rest-node]}")"
curl -sf "${URL[gatewright-rest-custom]}" | python3 -c 'import json, sys; d = json.load(sys.stdin); assert d == {"id": "42", "status": 200, "answer": True}, d' \
  || die "the REST Lambda custom method did not map both ways: $(curl -s "${URL[gatewright-rest-custom]}")"

if wants nginx-return || wants nginx-proxy; then
  log "starting nginx on :$NGX_RET_PORT (return) and :$NGX_PROXY_PORT (proxy_pass)"
  start_bg nginx nginx -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -e "$TMP/nginx/logs/error.log" -g 'daemon off;'
  NGX_PID=$LAST_PID
  SERVER_PID[nginx]=$NGX_PID
  URL[nginx-return]="http://127.0.0.1:$NGX_RET_PORT/"
  URL[nginx-proxy]="http://127.0.0.1:$NGX_PROXY_PORT/x"
  if wait_http "${URL[nginx-return]}" 15 "$NGX_PID" && wait_http "${URL[nginx-proxy]}" 5 "$NGX_PID"; then
    UP[nginx-return]=1; UP[nginx-proxy]=1
  else
    log "nginx did not start; its cases are skipped:"
    mark_down nginx-return skipped "nginx did not start"
    mark_down nginx-proxy skipped "nginx did not start"
    SERVER_GONE[nginx]=1
    cat "$TMP/nginx.err" "$TMP/nginx/logs/error.log" 2>/dev/null | tail -n 20 >&2 || true
  fi
fi

if wants serverless-offline-node && [ -n "${SLS_INSTALL_FAILED:-}" ]; then
  mark_down serverless-offline-node skipped "serverless or serverless-offline could not be installed"
elif wants serverless-offline-node; then
  log "starting serverless-offline on :$SLS_PORT (lambda :$SLS_LAMBDA_PORT); up to ${SLS_START_TIMEOUT}s"
  start_bg serverless-offline env -C "$TMP/sls" SLS_TELEMETRY_DISABLED=1 SLS_NOTIFICATIONS_MODE=off \
    node node_modules/serverless/bin/serverless.js offline start \
    --useInProcess --host 127.0.0.1 --httpPort "$SLS_PORT" --lambdaPort "$SLS_LAMBDA_PORT"
  SLS_PID=$LAST_PID
  SERVER_PID[serverless-offline]=$SLS_PID
  SLS_T0=$(now_us)
  URL[serverless-offline-node]="http://127.0.0.1:$SLS_PORT/node"
  sls_rc=0
  wait_http "${URL[serverless-offline-node]}" "$SLS_START_TIMEOUT" "$SLS_PID" || sls_rc=$?
  if [ "$sls_rc" = 0 ]; then
    UP[serverless-offline-node]=1
    log "serverless-offline: first answer of /node after $(elapsed_ms "$SLS_T0" "$(now_us)") ms"
  else
    if [ "$sls_rc" = 2 ]; then why="serverless-offline exited before answering GET /node"
    else why="serverless-offline did not answer GET /node within ${SLS_START_TIMEOUT}s"; fi
    log "$why; its case is skipped. Its output:"
    mark_down serverless-offline-node skipped "$why"
    SERVER_GONE[serverless-offline]=1
    tail -n 30 "$TMP/serverless-offline.out" "$TMP/serverless-offline.err" >&2 || true
    stop_bg "$SLS_PID"
  fi
fi

# --- step 5: load ------------------------------------------------------------------------------------
WRK=(wrk "-t$BENCH_THREADS" "-c$BENCH_CONNECTIONS")
declare -A WRK_SCRIPT=([gatewright-cors-preflight]="$TMP/preflight.lua")
wrk_args() { if [ -n "${WRK_SCRIPT[$1]:-}" ]; then printf '%s\n' -s "${WRK_SCRIPT[$1]}"; fi; }

log "warm-up: ${BENCH_WARMUP_SECONDS}s per target"
for t in "${TARGETS[@]}"; do
  [ -n "${UP[$t]:-}" ] || continue
  mapfile -t extra < <(wrk_args "$t")
  "${WRK[@]}" "${extra[@]}" "-d${BENCH_WARMUP_SECONDS}s" "${URL[$t]}" >"$TMP/warmup-$t.txt" 2>&1 || true
  check_servers "during the warm-up of $t"
done

RESULTS="$TMP/rounds.tsv"
: >"$RESULTS"
for round in $(seq 1 "$BENCH_ROUNDS"); do
  # Odd rounds in order, even rounds in reverse (ABBA): a target does not always follow the same
  # other one, so drift and after-effects (a neighbour's warm processes, GC) fall on all alike.
  ORDER=("${TARGETS[@]}")
  if [ $((round % 2)) -eq 0 ]; then
    ORDER=()
    for ((k = ${#TARGETS[@]} - 1; k >= 0; k--)); do ORDER+=("${TARGETS[$k]}"); done
  fi
  for t in "${ORDER[@]}"; do
    [ -n "${UP[$t]:-}" ] || continue
    log "round $round/$BENCH_ROUNDS: $t (${BENCH_SECONDS}s)"
    out="$TMP/wrk-$round-$t.txt"
    mapfile -t extra < <(wrk_args "$t")
    "${WRK[@]}" "${extra[@]}" "-d${BENCH_SECONDS}s" --latency "${URL[$t]}" >"$out" 2>&1 || true
    # Requests/sec, p50, p99 (converted to ms), non-2xx/3xx answers plus socket errors.
    awk -v target="$t" -v round="$round" '
      function ms(v,   n, u) {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") return n / 1000
        if (u == "ms") return n
        if (u == "s")  return n * 1000
        if (u == "m")  return n * 60000
        if (u == "h")  return n * 3600000
        return n
      }
      /^ +50%/ { p50 = ms($2) }
      /^ +99%/ { p99 = ms($2) }
      /^Requests\/sec:/ { rps = $2 }
      /Non-2xx or 3xx responses:/ { errs += $NF }
      /Socket errors:/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) errs += $i + 0 }
      END {
        if (rps == "") { rps = "nan"; p50 = "nan"; p99 = "nan" }
        printf "%s\t%s\t%s\t%s\t%s\t%d\n", target, round, rps, p50, p99, errs
      }' "$out" >>"$RESULTS"
    check_servers "during round $round of $t"
  done
done

# Gateway overhead (Latency - IntegrationLatency) needs finer than the access log's whole ms:
# serve --stats writes microsecond percentiles per route when it exits.
for pid in "$GW_PID" $BASE_PID; do
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 500); do kill -0 "$pid" 2>/dev/null || break; sleep 0.02; done
  fi
done
[ -s "$TMP/gatewright-stats.json" ] || log "warning: gatewright wrote no --stats file"

# --- step 6: report ----------------------------------------------------------------------------------
python3 - "$RESULTS" "$WORK/results.json" "$GW_FIRST_MS" "$GW_READY_MS" "$BENCH_SECONDS" "$BENCH_ROUNDS" \
  "$BENCH_THREADS" "$BENCH_CONNECTIONS" "${BENCH_FN_CONCURRENCY:-default}" "$GW_BIN" "$STATUS" \
  "$TMP" "${BASE_BIN:--}" "${BASE_FIRST_MS:--}" "${BASE_READY_MS:--}" "${TARGETS[@]}" <<'EOF'
import json, os, statistics, sys, time

(results_path, json_path, first_ms, ready_ms, seconds, rounds, threads, conns, fn_conc, gw_bin,
 status_path, tmp, base_bin, base_first_ms, base_ready_ms, *targets) = sys.argv[1:]

def read_stats(name):
    path = os.path.join(tmp, name + "-stats.json")
    if os.path.exists(path) and os.path.getsize(path) > 0:
        with open(path) as f:
            return json.load(f)
    return {}
ROUTES = {"node": "GET /node", "python": "GET /python", "proxy": "ANY /proxy/{proxy+}", "proxy-mapped": "ANY /mapped/{proxy+}"}
overhead = {}
for server in ("gatewright", "baseline"):
    stats = read_stats(server)
    for case, route in ROUTES.items():
        o = (stats.get("routes", {}).get(route) or {}).get("overheadUs")
        if o:
            overhead[server + "-" + case] = o

status = {}
with open(status_path) as f:
    for line in f:
        t, state, reason = line.rstrip("\n").split("\t", 2)
        status[t] = {"status": state, "reason": reason}

rows = {}
with open(results_path) as f:
    for line in f:
        t, rnd, rps, p50, p99, errs = line.rstrip("\n").split("\t")
        num = lambda v: None if v == "nan" else float(v)
        rows.setdefault(t, []).append({"round": int(rnd), "rps": num(rps), "p50_ms": num(p50),
                                       "p99_ms": num(p99), "errors": int(errs)})

def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None

summary = {}
for t in targets:
    runs = rows.get(t)
    if not runs:
        summary[t] = None
        continue
    summary[t] = {"rps": med([r["rps"] for r in runs]), "p50_ms": med([r["p50_ms"] for r in runs]),
                  "p99_ms": med([r["p99_ms"] for r in runs]), "errors": sum(r["errors"] for r in runs),
                  "rounds": runs}
for t in targets:
    if t in status:
        summary[t] = dict(summary[t] or {}, **status[t])

def fmt(v, spec):
    return format(v, spec) if v is not None else "n/a"

print()
print(f"{'target':<26}{'req/s':>12}{'p50 ms':>10}{'p99 ms':>10}{'errors':>9}")
for t in targets:
    s = summary[t]
    note = f"  {s['status'].upper()}: {s['reason']}" if s and "status" in s else ""
    if s is None or "rps" not in s:
        print(f"{t:<26}{'n/a':>12}{'n/a':>10}{'n/a':>10}{'n/a':>9}{note}")
    else:
        print(f"{t:<26}{fmt(s['rps'], '.0f'):>12}{fmt(s['p50_ms'], '.2f'):>10}"
              f"{fmt(s['p99_ms'], '.2f'):>10}{s['errors']:>9}{note}")

def ratio(a, b, key):
    sa, sb = summary.get(a), summary.get(b)
    if not sa or not sb or not sa.get(key) or not sb.get(key):
        return None
    return sa[key] / sb[key]

ratios = {
    "gatewright-node / serverless-offline req/s": ratio("gatewright-node", "serverless-offline-node", "rps"),
    "gatewright-node / serverless-offline p50": ratio("gatewright-node", "serverless-offline-node", "p50_ms"),
    "gatewright-node / serverless-offline p99": ratio("gatewright-node", "serverless-offline-node", "p99_ms"),
    "gatewright-proxy / nginx-proxy req/s": ratio("gatewright-proxy", "nginx-proxy", "rps"),
    "gatewright-proxy / nginx-proxy p50": ratio("gatewright-proxy", "nginx-proxy", "p50_ms"),
    "gatewright-proxy / nginx-proxy p99": ratio("gatewright-proxy", "nginx-proxy", "p99_ms"),
    "gatewright-cors-preflight / nginx-return req/s": ratio("gatewright-cors-preflight", "nginx-return", "rps"),
    "gatewright-proxy-mapped / gatewright-proxy req/s": ratio("gatewright-proxy-mapped", "gatewright-proxy", "rps"),
    "gatewright-rest-node / gatewright-node req/s": ratio("gatewright-rest-node", "gatewright-node", "rps"),
    "gatewright-rest-mock / nginx-return req/s": ratio("gatewright-rest-mock", "nginx-return", "rps"),
    "gatewright-rest-canary / gatewright-rest-mock req/s": ratio("gatewright-rest-canary", "gatewright-rest-mock", "rps"),
    "gatewright-rest-custom / gatewright-rest-node req/s": ratio("gatewright-rest-custom", "gatewright-rest-node", "rps"),
    "gatewright-rest-custom / gatewright-node req/s": ratio("gatewright-rest-custom", "gatewright-node", "rps"),
}
if base_bin != "-":
    for case in ("node", "python", "proxy"):
        for key, label in (("rps", "req/s"), ("p50_ms", "p50"), ("p99_ms", "p99")):
            ratios[f"gatewright-{case} / baseline-{case} {label}"] = ratio(f"gatewright-{case}", f"baseline-{case}", key)
    # The figures of the issue's table, for the baseline binary, from the same run.
    ratios["baseline-node / serverless-offline req/s"] = ratio("baseline-node", "serverless-offline-node", "rps")
    ratios["baseline-proxy / nginx-proxy req/s"] = ratio("baseline-proxy", "nginx-proxy", "rps")
print()
for k, v in ratios.items():
    print(f"{k:<46}{fmt(v, '.2f'):>10}")
for t, o in overhead.items():
    print(f"{t + ' overhead us p50 / p99':<46}{o['p50']:>10.1f}{o['p99']:>10.1f}")
print(f"{'gatewright start-to-first-answer ms':<46}{float(first_ms):>10.1f}")
print(f"{'gatewright start-to-ready-line ms':<46}{float(ready_ms):>10.1f}")
if base_bin != "-":
    print(f"{'baseline start-to-first-answer ms':<46}{float(base_first_ms):>10.1f}")
    print(f"{'baseline start-to-ready-line ms':<46}{float(base_ready_ms):>10.1f}")
print("(req/s ratios: higher is better for Gatewright; latency ratios: lower is better)")

doc = {
    "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    "config": {"seconds": int(seconds), "rounds": int(rounds), "threads": int(threads),
               "connections": int(conns), "functionConcurrency": fn_conc, "gatewrightBin": gw_bin},
    "targets": summary,
    "ratios": ratios,
    "gatewrightOverheadUs": overhead,
    "ok": not any(v.get("status") == "failed" for v in status.values()),
    "gatewrightStartToFirstAnswerMs": float(first_ms),
    "gatewrightStartToReadyLineMs": float(ready_ms),
}
if base_bin != "-":
    doc["config"]["baselineBin"] = base_bin
    doc["baselineStartToFirstAnswerMs"] = float(base_first_ms)
    doc["baselineStartToReadyLineMs"] = float(base_ready_ms)
with open(json_path, "w") as f:
    json.dump(doc, f, indent=2)
    f.write("\n")
print(f"\nresults written to {json_path}")
EOF

if grep -q "	failed	" "$STATUS"; then
  die "a server exited during the run (see FAILED above); the numbers are incomplete"
fi
