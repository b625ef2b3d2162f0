"""The command-line contract of `gatewright` (README "Command line"): serve, validate, exit codes."""
import json, os, signal, subprocess, sys, tempfile, time, urllib.error, urllib.request

BIN = sys.argv[1]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLE = os.path.join(ROOT, "resources", "samples", "orders", "orders.gatewright.json")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "testlib"))
from checks import check, finish  # noqa: E402


r = subprocess.run([BIN, "--version"], capture_output=True, text=True)
check("version", r.returncode == 0 and r.stdout.startswith("gatewright "), r.stdout)
r = subprocess.run([BIN, "validate", SAMPLE], capture_output=True, text=True)
check("validate sample", r.returncode == 0, r.stderr)
with tempfile.NamedTemporaryFile("w", suffix=".gatewright.json", delete=False) as f:
    f.write('{"format": "gatewright-project",\n "version": 1,\n "apis": [ }')
    bad = f.name
r = subprocess.run([BIN, "validate", bad], capture_output=True, text=True)
check("validate bad exit 2", r.returncode == 2, str(r.returncode))
check("validate names file and line", bad in r.stderr and ":3:" in r.stderr, r.stderr)
# A REST mapping template that does not parse: only compiling finds it, and validate says where
# (the file's line and column of the template, and the template's own).
with tempfile.NamedTemporaryFile("w", suffix=".gatewright.json", delete=False) as f:
    f.write('{"format": "gatewright-project", "version": 1,\n'
            ' "apis": [{"id": "r", "name": "r", "type": "REST", "stages": [{"name": "dev"}],\n'
            '  "resources": [{"path": "/x", "methods": [{"httpMethod": "GET", "integration": {"type": "MOCK",\n'
            '   "requestTemplates": {"application/json": "ok\\n#foreach($i in [1])"}}}]}]}]}\n')
    broken = f.name
r = subprocess.run([BIN, "validate", broken], capture_output=True, text=True)
check("validate broken template exit 2", r.returncode == 2, str(r.returncode) + r.stdout)
check("validate names the template", broken + ":4:" in r.stderr and "requestTemplates/application~1json" in r.stderr
      and "GET /x: request template for application/json, line 2, column 1: #foreach is not closed with #end" in r.stderr,
      r.stderr)
r = subprocess.run([BIN, "serve", bad], capture_output=True, text=True, timeout=30)
check("serve bad exit 2", r.returncode == 2 and bad in r.stderr, r.stderr)
r = subprocess.run([BIN, "serve"], capture_output=True, text=True, timeout=30)
check("serve without project exit 2", r.returncode == 2, str(r.returncode))

with tempfile.TemporaryDirectory() as tmp:
    log = os.path.join(tmp, "access.log")
    stats = os.path.join(tmp, "stats.json")
    p = subprocess.Popen([BIN, "serve", SAMPLE, "--port", "0", "--access-log", log, "--stats", stats], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ready = json.loads(p.stdout.readline())
    check("ready event", ready.get("event") == "ready", str(ready))
    endpoint = ready["endpoints"][0]
    check("endpoint fields", endpoint["type"] == "HTTP" and endpoint["stage"] == "$default" and endpoint["url"].startswith("http://127.0.0.1:"), str(endpoint))
    body = json.loads(urllib.request.urlopen(endpoint["url"] + "/health", timeout=20).read())
    check("health answers", isinstance(body, dict), str(body))
    try:
        urllib.request.urlopen(endpoint["url"] + "/no/such/route", timeout=20)
        check("404", False)
    except urllib.error.HTTPError as e:
        check("404 body", e.code == 404 and json.loads(e.read()) == {"message": "Not Found"})
    p.send_signal(signal.SIGTERM)
    code = p.wait(timeout=30)
    check("SIGTERM exits 0", code == 0, str(code))
    lines = [json.loads(line) for line in open(log) if line.strip()]
    check("one access-log line per request", len(lines) == 2, str(lines))
    check("access log fields", lines and lines[0]["routeKey"] == "GET /health" and lines[0]["status"] == "200", str(lines[:1]))
    # --stats: microsecond latencies per route, written on exit.
    summary = json.load(open(stats)) if os.path.exists(stats) else {}
    health = summary.get("routes", {}).get("GET /health", {})
    check("stats count the requests", summary.get("all", {}).get("requests") == 2 and health.get("requests") == 1, str(summary))
    overhead, integration, response = (health.get(k) or {} for k in ("overheadUs", "integrationLatencyUs", "responseLatencyUs"))
    check("stats overhead = response - integration",
          overhead.get("count") == 1 and overhead.get("p50", -1) >= 0
          and abs(response.get("p50", 0) - integration.get("p50", 0) - overhead.get("p50", 0)) <= 0.2, str(health))
    check("stats: unmatched request has no integration", summary.get("routes", {}).get("-", {}).get("overheadUs", 0) is None, str(summary))

# Without --execution-log no execution notes are kept (a stage's execution logging is off by default
# on the service); the answers and the measured latencies in the access log are the same. --no-trace
# says so explicitly and stays accepted. What a function prints goes to stderr after its name.
with tempfile.TemporaryDirectory() as tmp:
    log = os.path.join(tmp, "access.log")
    p = subprocess.Popen([BIN, "serve", SAMPLE, "--port", "0", "--access-log", log, "--no-trace"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    ready = json.loads(p.stdout.readline())
    body = json.loads(urllib.request.urlopen(ready["endpoints"][0]["url"] + "/orders", timeout=20).read())
    time.sleep(0.5)  # the function's REPORT line comes through its pipe beside the answer
    p.send_signal(signal.SIGTERM)
    check("--no-trace serves and exits 0", isinstance(body, dict) and p.wait(timeout=30) == 0)
    err = p.stderr.read()
    lines = [json.loads(line) for line in open(log) if line.strip()]
    check("--no-trace still measures the integration", len(lines) == 1 and lines[0]["integrationLatency"] != "-"
          and lines[0]["integrationStatus"] == "200", str(lines))
    check("function output on stderr after the function's name",
          "[orders] orders: cold start, seeded" in err and "[orders] REPORT RequestId: " in err, err)
r = subprocess.run([BIN, "serve", SAMPLE, "--no-trace", "--execution-log", "-"], capture_output=True, text=True, timeout=30)
check("--no-trace with --execution-log exit 2", r.returncode == 2 and "--execution-log" in r.stderr, r.stderr)

# --execution-log FILE: each request's execution log, one "(REQUEST-ID) LINE" message per line as
# CloudWatch holds a stage's execution log, after the request's time.
with tempfile.TemporaryDirectory() as tmp:
    project = os.path.join(tmp, "mock.gatewright.json")
    with open(project, "w") as f:
        json.dump({"format": "gatewright-project", "version": 1, "functions": [], "apis": [{
            "id": "r", "name": "r", "type": "REST", "port": 0, "stages": [{"name": "dev"}],
            "resources": [{"path": "/items/{id}", "methods": [{"httpMethod": "GET", "integration": {
                "type": "MOCK", "requestTemplates": {"application/json": '{"statusCode": 200}'},
                "integrationResponses": [{"statusCode": "200",
                                          "responseTemplates": {"application/json": '{"id": "$input.params(\'id\')"}'}}]}}]}]}]}, f)
    execution_log = os.path.join(tmp, "execution.log")
    p = subprocess.Popen([BIN, "serve", project, "--port", "0", "--access-log", os.path.join(tmp, "access.log"),
                          "--execution-log", execution_log], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ready = json.loads(p.stdout.readline())
    with urllib.request.urlopen(ready["endpoints"][0]["url"] + "/items/42", timeout=20) as answer:
        request_id = answer.headers["x-amzn-RequestId"]
        body = json.loads(answer.read())
    p.send_signal(signal.SIGTERM)
    check("--execution-log serves and exits 0", body == {"id": "42"} and p.wait(timeout=30) == 0, str(body))
    text = open(execution_log).read() if os.path.exists(execution_log) else ""
    messages = [line.split(" ", 1) for line in text.splitlines()]
    check("execution log: every line is TIME (REQUEST-ID) MESSAGE",
          len(messages) >= 5 and all(len(m) == 2 and m[0].endswith("Z") and m[1].startswith("(%s) " % request_id)
                                     for m in messages), text)
    said = [m[1][len(request_id) + 3:] for m in messages]
    check("execution log: the service's lines, in order",
          "Method request path: {id=42}" in said and said[-1] == "Method completed with status: 200"
          and said.index("Method request path: {id=42}") < said.index('Endpoint request body after transformations: {"statusCode": 200}'),
          text)

# --metrics-port: Prometheus text format, read by the Prometheus project's own Python parser
# (Debian python3-prometheus-client), with counts that match the requests sent.
from prometheus_client.parser import text_string_to_metric_families  # noqa: E402
import asyncio  # noqa: E402
import websockets  # noqa: E402 - Debian python3-websockets

with tempfile.TemporaryDirectory() as tmp:
    p = subprocess.Popen([BIN, "serve", SAMPLE, "--port", "0", "--metrics-port", "0", "--access-log", os.path.join(tmp, "log")],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        ready = json.loads(p.stdout.readline())
        metrics_url = ready.get("metricsUrl", "")
        check("ready line names the metrics URL", metrics_url.startswith("http://127.0.0.1:") and metrics_url.endswith("/metrics"), str(ready))
        base = ready["endpoints"][0]["url"]
        for path in ["/health", "/health", "/health", "/orders/ord-none", "/no/such/route"]:
            try:
                urllib.request.urlopen(base + path, timeout=20).read()
            except urllib.error.HTTPError:
                pass
        # A WebSocket session on the live channel: ConnectCount, MessageCount and the error counters.
        live = next(e["url"] for e in ready["endpoints"] if e["type"] == "WEBSOCKET")

        async def session():
            async with websockets.connect(live) as ws:
                await ws.send('{"action": "subscribe", "orderId": "ord-1"}')
                await asyncio.wait_for(ws.recv(), 20)
        asyncio.run(session())
        # The access log (and so the metrics) is flushed at about 30 Hz.
        deadline, samples, error = time.time() + 10, [], ""
        while time.time() < deadline:
            with urllib.request.urlopen(metrics_url, timeout=20) as r:
                content_type, text = r.headers.get("Content-Type"), r.read().decode()
            try:
                families = {f.name: f for f in text_string_to_metric_families(text)}
                samples = [s for f in families.values() for s in f.samples]
            except Exception as e:  # noqa: BLE001 - the parser's complaint is the finding
                error, samples = repr(e), []
                break
            if sum(s.value for s in samples if s.name == "gatewright_requests_total" and s.labels["route"][0] != "$") >= 5 \
                    and sum(s.value for s in samples if s.name == "gatewright_websocket_messages_total") >= 1:
                break
            time.sleep(0.1)
        check("metrics parse as Prometheus text", not error and samples, error + text[:300])
        check("metrics content type", content_type.startswith("text/plain; version=0.0.4"), str(content_type))
        types = {f.name: f.type for f in families.values()} if not error else {}
        check("metric types", types.get("gatewright_requests") == "counter" and types.get("gatewright_latency_milliseconds") == "histogram"
              and types.get("gatewright_integration_latency_milliseconds") == "histogram", str(types))
        counts = {(s.labels["route"], s.labels["status"]): int(s.value) for s in samples
                  if s.name == "gatewright_requests_total" and s.labels["api"] == "orders"}
        check("requests counted by route and status",
              counts == {("GET /health", "200"): 3, ("GET /orders/{orderId}", "404"): 1, ("-", "404"): 1}, str(counts))
        errors = {s.labels["route"]: int(s.value) for s in samples if s.name == "gatewright_4xx_errors_total" and s.labels["api"] == "orders"}
        check("4XXError per route", errors == {"GET /health": 0, "GET /orders/{orderId}": 1, "-": 1}, str(errors))
        health = {(s.name, s.labels.get("le")): s.value for s in samples if s.labels.get("route") == "GET /health"}
        check("latency histogram counts and buckets", health.get(("gatewright_latency_milliseconds_count", None)) == 3
              and health.get(("gatewright_latency_milliseconds_bucket", "+Inf")) == 3
              and health.get(("gatewright_latency_milliseconds_sum", None), 0) > 0, str(health)[:400])
        ws = {(s.name, s.labels["route"]): int(s.value) for s in samples if s.name.startswith("gatewright_websocket_")}
        check("WebSocket metrics are counters", all(types.get(n) == "counter" for n in [
            "gatewright_websocket_connects", "gatewright_websocket_messages", "gatewright_websocket_client_errors",
            "gatewright_websocket_integration_errors", "gatewright_websocket_execution_errors"]), str(types))
        check("ConnectCount and MessageCount per route", ws.get(("gatewright_websocket_connects_total", "$connect")) == 1
              and ws.get(("gatewright_websocket_messages_total", "subscribe")) == 1, str(ws))
        check("no WebSocket errors in a good session", sum(v for (n, _), v in ws.items() if n.endswith("errors_total")) == 0, str(ws))
        check("HTTP routes have no WebSocket series", not any(r.startswith(("GET", "POST", "-")) for (_, r) in ws), str(ws))
        unmatched = {s.name: s.value for s in samples if s.labels.get("route") == "-"}
        check("no integration latency without an integration", unmatched.get("gatewright_integration_latency_milliseconds_count") == 0,
              str(unmatched)[:300])
        try:
            urllib.request.urlopen(metrics_url.replace("/metrics", "/other"), timeout=20)
            check("other paths are 404", False)
        except urllib.error.HTTPError as e:
            check("other paths are 404", e.code == 404)
    finally:
        p.send_signal(signal.SIGTERM)
        check("serve with metrics exits 0", p.wait(timeout=30) == 0)
r = subprocess.run([BIN, "serve", SAMPLE, "--metrics-port", "x"], capture_output=True, text=True, timeout=30)
check("bad --metrics-port exit 2", r.returncode == 2 and "--metrics-port" in r.stderr, r.stderr)

# --har FILE: every request and response of the run as HAR 1.2, checked by har-validator (npm, the
# validator HAR tools use), with the requests' own content.
HAR_VALIDATE = r"""
const validate = require('har-validator');
const har = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'));
validate.har(har).then(() => console.log('valid')).catch((e) => { console.log(JSON.stringify(e.errors || String(e))); process.exit(1); });
"""
with tempfile.TemporaryDirectory() as tmp:
    har_path = os.path.join(tmp, "run.har")
    p = subprocess.Popen([BIN, "serve", SAMPLE, "--port", "0", "--har", har_path, "--access-log", os.path.join(tmp, "log")],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = json.loads(p.stdout.readline())["endpoints"][0]["url"]
        urllib.request.urlopen(base + "/health", timeout=20).read()
        order = json.dumps({"customerId": "cust-har", "items": [{"sku": "kb-01", "quantity": 1}]})
        urllib.request.urlopen(urllib.request.Request(base + "/orders", data=order.encode(), method="POST",
                                                      headers={"Content-Type": "application/json"}), timeout=20).read()
        urllib.request.urlopen(base + "/orders?status=PENDING&customerId=cust-har", timeout=20).read()
        try:
            urllib.request.urlopen(base + "/no/such/route", timeout=20)
        except urllib.error.HTTPError:
            pass
        time.sleep(0.3)  # the access log's last batch
    finally:
        p.send_signal(signal.SIGTERM)
        check("serve with --har exits 0", p.wait(timeout=30) == 0, p.stderr.read()[-500:])
    check("HAR file written on exit", os.path.exists(har_path))
    r = subprocess.run(["node", "-e", HAR_VALIDATE, har_path], capture_output=True, text=True, timeout=60,
                       env=dict(os.environ, NODE_PATH=os.path.join(ROOT, "tests", "aws_services", "node_modules")))
    check("har-validator accepts the HAR", r.returncode == 0 and r.stdout.strip() == "valid", r.stdout[-800:] + r.stderr[-800:])
    entries = json.load(open(har_path))["log"]["entries"] if os.path.exists(har_path) else []
    seen = [(e["request"]["url"].split("?")[0].replace(base, ""), e["response"]["status"]) for e in entries]
    check("one HAR entry per request", sorted(seen) == sorted([("/health", 200), ("/orders", 201), ("/orders", 200), ("/no/such/route", 404)]),
          str(seen))
    check("HAR entries oldest first", [e["startedDateTime"] for e in entries] == sorted(e["startedDateTime"] for e in entries))
    if len(entries) == 4:
        post = next(e for e in entries if e["request"]["method"] == "POST")
        listed = next(e for e in entries if "?" in e["request"]["url"])
        check("HAR request URL, body and query", post["request"]["url"] == base + "/orders"
              and post["request"]["postData"]["text"] == order and post["request"]["postData"]["mimeType"] == "application/json"
              and {q["name"]: q["value"] for q in listed["request"]["queryString"]} == {"status": "PENDING", "customerId": "cust-har"},
              json.dumps(post["request"])[:500])
        created = json.loads(post["response"]["content"]["text"])
        check("HAR response content is what the client got", created["customerId"] == "cust-har"
              and post["response"]["content"]["size"] == len(post["response"]["content"]["text"].encode())
              and post["response"]["statusText"] == "Created", json.dumps(post["response"])[:500])
        check("HAR timings: gateway and integration", abs(sum(v for v in post["timings"].values() if v >= 0) - post["time"]) < 0.01
              and post["timings"]["wait"] > 0 and post["_routeKey"] == "POST /orders", json.dumps(post["timings"]))

# --access-log-max-mb: past the size the file starts again, the older lines in FILE.1 .. FILE.5, none lost
# until the oldest file goes.
with tempfile.TemporaryDirectory() as tmp:
    log = os.path.join(tmp, "access.log")
    p = subprocess.Popen([BIN, "serve", SAMPLE, "--port", "0", "--access-log", log, "--access-log-max-mb", "0.002"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = json.loads(p.stdout.readline())["endpoints"][0]["url"]
        for i in range(30):
            try:
                urllib.request.urlopen(base + "/no/such/route/%d" % i, timeout=20)
            except urllib.error.HTTPError:
                pass
            time.sleep(0.04)  # a flush each: rotation happens between batches
    finally:
        p.send_signal(signal.SIGTERM)
        check("serve with rotation exits 0", p.wait(timeout=30) == 0)
    files = [log] + [log + ".%d" % i for i in range(1, 6)]
    sizes = [os.path.getsize(f) for f in files if os.path.exists(f)]
    check("rotated files stay under the size", len(sizes) >= 3 and all(size <= 0.002 * 1024 * 1024 for size in sizes), str(sizes))
    kept = [json.loads(line)["requestId"] for f in reversed(files) if os.path.exists(f) for line in open(f) if line.strip()]
    check("no line lost or repeated across the rotated files", len(kept) == len(set(kept)) and (len(kept) == 30 or os.path.exists(log + ".5")),
          str(len(kept)))
r = subprocess.run([BIN, "serve", SAMPLE, "--access-log-max-mb", "1"], capture_output=True, text=True, timeout=30)
check("--access-log-max-mb needs --access-log FILE", r.returncode == 2 and "--access-log-max-mb" in r.stderr, r.stderr)

# invoke: one request through the pipeline without a socket (real functions).
r = subprocess.run([BIN, "invoke", SAMPLE, "--api", "orders", "--method", "GET", "--path", "/orders?status=PENDING",
                    "-H", "X-Client: cli"], capture_output=True, text=True, timeout=60)
check("invoke exit 0", r.returncode == 0, r.stderr)
out = json.loads(r.stdout) if r.returncode == 0 else {}
check("invoke fields", all(k in out for k in ("status", "headers", "multiValueHeaders", "body", "latency", "trace", "log")), str(out)[:300])
check("invoke answers", out.get("status") == 200 and all(o["status"] == "PENDING" for o in json.loads(out.get("body", "{}")).get("orders", [None])), str(out)[:300])
spans = [s["name"] for s in out.get("trace", [])]
check("invoke trace spans", spans[:2] == ["response_headers", "stage"] and "route" in spans and "integration" in spans, str(spans))
integration = [s for s in out.get("trace", []) if s["kind"] == "integration"]
check("invoke trace has the function's log", integration and any("REPORT RequestId" in line for line in integration[0]["log"]), str(integration)[:300])
check("invoke latency split", out.get("latency", {}).get("integrationMs", 0) > 0
      and abs(out["latency"]["responseMs"] - out["latency"]["integrationMs"] - out["latency"]["gatewayMs"]) < 0.01, str(out.get("latency")))
r = subprocess.run([BIN, "invoke", SAMPLE, "--api", "orders", "--method", "POST", "--path", "/orders",
                    "-H", "Content-Type: application/json", "--data", '{"customerId": "c", "items": []}'],
                   capture_output=True, text=True, timeout=60)
check("invoke POST reaches the function", r.returncode == 0 and json.loads(r.stdout)["status"] == 400, r.stdout[:300] + r.stderr)
# invoke on a REST method: `log` is the execution log in TestInvokeMethod's text.
with tempfile.NamedTemporaryFile("w", suffix=".gatewright.json", delete=False) as f:
    f.write(json.dumps({"format": "gatewright-project", "version": 1, "apis": [{
        "id": "r", "name": "r", "type": "REST", "stages": [{"name": "dev"}],
        "resources": [{"path": "/pets/{id}", "methods": [{"httpMethod": "GET", "integration": {
            "type": "MOCK", "requestTemplates": {"application/json": '{"statusCode": 200}'},
            "integrationResponses": [{"statusCode": "200", "responseTemplates": {"application/json": "pet $input.params('id')"}}]}}]}]}]}))
    rest = f.name
r = subprocess.run([BIN, "invoke", rest, "--api", "r", "--stage", "dev", "--path", "/pets/7?q=1", "-H", "X-A: b"],
                   capture_output=True, text=True, timeout=60)
out = json.loads(r.stdout) if r.returncode == 0 else {}
log = out.get("log", "")
check("invoke REST answers", out.get("status") == 200 and out.get("body") == "pet 7", r.stdout[:300] + r.stderr)
check("invoke REST log is TestInvokeMethod's text", log.startswith("Execution log for request ")
      and " UTC 20" in log and " : HTTP Method: GET, Resource Path: /pets/{id}\n" in log
      and " : Method request path: {id=7}\n" in log and " : Method request query string: {q=1}\n" in log
      and " : Method request headers: {X-A=b}\n" in log
      and " : Endpoint request body after transformations: {\"statusCode\": 200}\n" in log
      and " : Method response body after transformations: pet 7\n" in log and log.endswith(" : Method completed with status: 200\n"), log)
r = subprocess.run([BIN, "invoke", SAMPLE, "--api", "nope", "--path", "/"], capture_output=True, text=True, timeout=60)
check("invoke unknown api exit 2", r.returncode == 2 and "nope" in r.stderr, r.stderr)
r = subprocess.run([BIN, "invoke", SAMPLE, "--api", "orders"], capture_output=True, text=True, timeout=60)
check("invoke without --path exit 2", r.returncode == 2, r.stderr)

# deploy: a snapshot the stage serves until the next deploy (the design may change meanwhile);
# a broken design is refused, the file untouched; --canary-percent deploys to the stage's canary.
def rest_project(text):
    return {"format": "gatewright-project", "version": 1, "apis": [{
        "id": "r", "name": "r", "type": "REST", "port": 0, "stages": [{"name": "prod", "stageVariables": {"who": "base"}}],
        "resources": [{"path": "/v", "methods": [{"httpMethod": "GET", "integration": {
            "type": "MOCK", "requestTemplates": {"application/json": '{"statusCode": 200}'},
            "integrationResponses": [{"statusCode": "200", "responseTemplates": {"application/json": text}}]}}]}]}]}


def served_texts(path, count):
    p = subprocess.Popen([BIN, "serve", path, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        ready = json.loads(p.stdout.readline())
        url = ready["endpoints"][0]["url"]
        return ready["endpoints"][0], [urllib.request.urlopen(url + "/v", timeout=20).read().decode() for _ in range(count)]
    finally:
        p.send_signal(signal.SIGTERM)
        p.wait(timeout=30)


with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "rest.gatewright.json")
    with open(path, "w") as f:
        json.dump(rest_project("one $stageVariables.who $context.deploymentId"), f, indent=2)
    endpoint, texts = served_texts(path, 1)
    check("no deployment: the design is served, and said so", endpoint.get("servesDesign") is True
          and endpoint.get("deployment") is None and texts[0].startswith("one base "), str(endpoint) + str(texts))
    r = subprocess.run([BIN, "deploy", path, "--api", "r", "--stage", "prod", "--description", "first"],
                       capture_output=True, text=True, timeout=60)
    first = json.loads(r.stdout) if r.returncode == 0 else {}
    check("deploy prints the deployment", r.returncode == 0 and len(first.get("deploymentId", "")) == 6
          and first.get("stage") == "prod" and first.get("description") == "first", r.stdout + r.stderr)
    saved = json.load(open(path))
    api = saved["apis"][0]
    check("deploy writes the snapshot and points the stage at it", api["stages"][0].get("deployment") == first.get("deploymentId")
          and api["deployments"][0]["snapshot"]["resources"][0]["path"] == "/v"
          and api["deployments"][0]["createdDate"].endswith("Z"), json.dumps(api)[:400])
    # The design changes; the stage keeps serving what was deployed.
    api["resources"][0]["methods"][0]["integration"]["integrationResponses"][0]["responseTemplates"]["application/json"] = \
        "two $stageVariables.who $context.isCanaryRequest"
    with open(path, "w") as f:
        json.dump(saved, f, indent=2)
    endpoint, texts = served_texts(path, 1)
    check("the stage serves its deployment, not the edited design", texts == ["one base " + first.get("deploymentId", "")]
          and endpoint.get("deployment") == first.get("deploymentId") and endpoint.get("servesDesign") is False,
          str(endpoint) + str(texts))
    # The edited design goes to the canary, at 100%: every request sees it, with the override.
    r = subprocess.run([BIN, "deploy", path, "--api", "r", "--stage", "prod", "--canary-percent", "100"],
                       capture_output=True, text=True, timeout=60)
    second = json.loads(r.stdout) if r.returncode == 0 else {}
    saved = json.load(open(path))
    saved["apis"][0]["stages"][0]["canarySettings"]["stageVariableOverrides"] = {"who": "canary"}
    with open(path, "w") as f:
        json.dump(saved, f, indent=2)
    endpoint, texts = served_texts(path, 2)
    check("the canary serves its deployment with its overrides", r.returncode == 0 and texts == ["two canary true"] * 2
          and endpoint.get("canary") == {"deployment": second.get("deploymentId"), "percentTraffic": 100.0}
          and saved["apis"][0]["stages"][0]["deployment"] == first.get("deploymentId"), str(endpoint) + str(texts) + r.stderr)
    # A design that does not compile is refused with where and why; nothing is written.
    saved["apis"][0]["resources"][0]["methods"][0]["integration"]["requestTemplates"]["application/json"] = "#if($x) never closed"
    with open(path, "w") as f:
        json.dump(saved, f, indent=2)
    before = open(path).read()
    r = subprocess.run([BIN, "deploy", path, "--api", "r", "--stage", "prod"], capture_output=True, text=True, timeout=60)
    check("a broken design is not deployed", r.returncode == 2 and "#if is not closed with #end" in r.stderr
          and "keeps what it serves" in r.stderr and open(path).read() == before, r.stderr)
    endpoint, texts = served_texts(path, 1)
    check("and the stage keeps serving its deployment", texts[0].startswith("one base ") or texts[0] == "two canary true",
          str(texts))
    r = subprocess.run([BIN, "deploy", path, "--api", "r", "--stage", "prod", "--canary-percent", "101"],
                       capture_output=True, text=True, timeout=60)
    check("deploy --canary-percent out of range exit 2", r.returncode == 2 and "0 to 100" in r.stderr, r.stderr)
    r = subprocess.run([BIN, "deploy", SAMPLE, "--api", "orders", "--stage", "x"], capture_output=True, text=True, timeout=60)
    check("deploy an HTTP API exit 2", r.returncode == 2 and "only REST APIs have deployments" in r.stderr, r.stderr)

finish()
