"""The command-line contract of `gatewright` (README "Command line"): serve, validate, exit codes."""
import json, os, signal, subprocess, sys, tempfile, urllib.request

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

finish()
