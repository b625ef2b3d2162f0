"""HTTP API CORS in a real browser: headless Chromium loads a page from one loopback origin and
calls an API served by `gatewright serve` on another, with a simple, a preflighted, a
credentialed and a refused request. The page reports what it observed to the server that served
it; the test checks that report and the access log (a preflight never reaches the function).

Usage: test_cors_chromium.py GATEWRIGHT_BINARY
Skipped (exit 77) only when no Chromium is installed and CI is not set."""
import http.server, json, os, shutil, signal, subprocess, sys, tempfile, threading

BIN = sys.argv[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if not CHROMIUM:
    print("chromium is not installed (scripts/install-deps.sh installs it)")
    sys.exit(1 if os.environ.get("CI") else 77)

PAGE = """<!doctype html><meta charset="utf-8"><title>cors</title><script>
const api = %(api)s;
async function attempt(name, url, init) {
  try {
    const r = await fetch(url, init);
    const body = await r.text();
    return {name, ok: true, status: r.status, body, exposed: r.headers.get('x-request-kind'),
            hidden: r.headers.get('x-not-exposed')};
  } catch (e) {
    return {name, ok: false, error: String(e)};
  }
}
(async () => {
  const results = [];
  results.push(await attempt('simple', api + '/hello'));
  results.push(await attempt('preflighted', api + '/hello',
      {method: 'PUT', headers: {'Content-Type': 'application/json', 'X-Trace': 'page'}, body: '{"a":1}'}));
  results.push(await attempt('credentialed', api + '/hello', {credentials: 'include'}));
  results.push(await attempt('refused header', api + '/hello',
      {method: 'PUT', headers: {'Content-Type': 'application/json', 'X-Not-Allowed': '1'}, body: '{}'}));
  await fetch('/report', {method: 'POST', body: JSON.stringify(results)});
})();
</script>"""

HANDLER = """exports.handler = async (event) => ({
  statusCode: 200,
  headers: {'content-type': 'text/plain', 'x-request-kind': event.requestContext.http.method,
            'x-not-exposed': 'secret', 'access-control-allow-origin': 'https://backend-says.example'},
  body: event.requestContext.http.method + ' ' + (event.body || ''),
});
"""

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "testlib"))
from checks import check, finish  # noqa: E402


report = {}
done = threading.Event()
page_html = {}


class PageServer(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        body = page_html["html"].encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        report["results"] = json.loads(self.rfile.read(length))
        self.send_response(204)
        self.end_headers()
        done.set()


with tempfile.TemporaryDirectory() as tmp:
    os.makedirs(os.path.join(tmp, "fn"))
    with open(os.path.join(tmp, "fn", "app.js"), "w") as f:
        f.write(HANDLER)
    page_server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PageServer)
    page_origin = f"http://127.0.0.1:{page_server.server_address[1]}"
    threading.Thread(target=page_server.serve_forever, daemon=True).start()

    project = {
        "format": "gatewright-project", "version": 1,
        "functions": [{"name": "hello", "runtime": "nodejs", "handler": "app.handler", "codeDir": "fn"}],
        "apis": [{
            "id": "web", "name": "web", "type": "HTTP", "apiId": "corsweb001",
            "routes": [{"routeKey": "GET /hello", "integration": "fn"}, {"routeKey": "PUT /hello", "integration": "fn"}],
            "integrations": [{"id": "fn", "type": "AWS_PROXY", "function": "hello", "payloadFormatVersion": "2.0"}],
            "stages": [{"name": "$default"}],
            "cors": {"allowOrigins": [page_origin], "allowMethods": ["GET", "PUT"],
                     "allowHeaders": ["content-type", "x-trace"], "exposeHeaders": ["x-request-kind"],
                     "maxAge": 60, "allowCredentials": True},
        }],
    }
    project_path = os.path.join(tmp, "cors.gatewright.json")
    with open(project_path, "w") as f:
        json.dump(project, f)
    log_path = os.path.join(tmp, "access.log")
    serve = subprocess.Popen([BIN, "serve", project_path, "--port", "0", "--access-log", log_path],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ready = json.loads(serve.stdout.readline())
    # "localhost" and 127.0.0.1 are different origins: the page's requests are cross-origin.
    api_url = ready["endpoints"][0]["url"].replace("127.0.0.1", "localhost")
    page_html["html"] = PAGE % {"api": json.dumps(api_url)}

    profile = os.path.join(tmp, "profile")
    browser = subprocess.Popen([CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                "--disable-dev-shm-usage", f"--user-data-dir={profile}", page_origin + "/"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        reported = done.wait(90)
    finally:
        browser.kill()
        browser.wait()
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=30)
        page_server.shutdown()
    check("the page reported", reported)
    results = {r["name"]: r for r in report.get("results", [])}

    simple = results.get("simple", {})
    check("simple request readable", simple.get("ok") and simple.get("status") == 200 and simple.get("body") == "GET ", str(simple))
    check("exposed header readable", simple.get("exposed") == "GET", str(simple))
    check("header not in exposeHeaders hidden", simple.get("hidden") is None, str(simple))
    pre = results.get("preflighted", {})
    check("preflighted request readable", pre.get("ok") and pre.get("status") == 200 and pre.get("body") == 'PUT {"a":1}', str(pre))
    cred = results.get("credentialed", {})
    check("credentialed request readable", cred.get("ok") and cred.get("status") == 200, str(cred))
    refused = results.get("refused header", {})
    check("header not in allowHeaders refused by the browser", refused.get("ok") is False, str(refused))

    lines = [json.loads(line) for line in open(log_path) if line.strip()] if os.path.exists(log_path) else []
    preflights = [l for l in lines if l.get("httpMethod") == "OPTIONS"]
    check("preflights logged", len(preflights) >= 1, str(lines))
    check("preflights answered 204 by the gateway", all(l["status"] == "204" and l["integrationStatus"] == "-" for l in preflights), str(preflights))
    puts = [l for l in lines if l.get("httpMethod") == "PUT"]
    check("the refused PUT never reached the function", len(puts) == 1, str(puts))

finish()
