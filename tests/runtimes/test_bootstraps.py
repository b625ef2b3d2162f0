#!/usr/bin/env python3
"""End-to-end test of the Lambda Runtime API bootstraps in resources/runtimes/.

A mock Runtime API (http.server on 127.0.0.1, ephemeral port) hands out queued events on
/next and records what the bootstrap posts to /response, /error and /init/error.  The
bootstraps run as real subprocesses (`python3` and `node` from PATH) with the environment
the gateway gives them, against tiny handler files written into a temporary directory.

Standard library only.  Run: /usr/bin/python3 tests/runtimes/test_bootstraps.py
Prints one line per failed check, then a final line "N passed, M failed"; exits 1 on failure.
"""

import ast
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import traceback
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PY_BOOTSTRAP = os.path.join(ROOT, "resources", "runtimes", "python", "bootstrap.py")
NODE_BOOTSTRAP = os.path.join(ROOT, "resources", "runtimes", "node", "bootstrap.js")

API = "/2018-06-01/runtime"
NEXT_PATH = API + "/invocation/next"
INVOCATION_POST = re.compile(r"^/2018-06-01/runtime/invocation/([^/]+)/(response|error)$")
INIT_ERROR_PATH = API + "/init/error"

FUNCTION_NAME = "orders-fn"
MEMORY = "256"
LOG_GROUP = "/aws/lambda/orders-fn"
LOG_STREAM = "2024/01/01/[$LATEST]0123456789abcdef"
ARN = "arn:aws:lambda:us-east-1:123456789012:function:orders-fn"
TIMEOUT_MS = 30000

# --------------------------------------------------------------------------- results

PASSED = 0
FAILED = 0


def check(name, condition, detail=""):
    global PASSED, FAILED
    if condition:
        PASSED += 1
    else:
        FAILED += 1
        print("FAIL: {}{}".format(name, (" -- " + str(detail)) if detail != "" else ""))
        sys.stdout.flush()
    return condition


def check_eq(name, actual, expected):
    return check(name, actual == expected, "expected {!r}, got {!r}".format(expected, actual))


# --------------------------------------------------------------------------- mock API


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a bootstrap killed at the end of a test resets its connection


class MockRuntimeApi(object):
    """A Lambda Runtime API that serves queued events and records every post."""

    def __init__(self, mode="keep-alive"):
        """mode: "keep-alive" (HTTP/1.1), "http1.0" (Connection: close on every
        response), "drop" / "drop-next" (HTTP/1.1, but the server silently closes the
        connection after answering a post / a /next, as a gateway closing idle
        connections would)."""
        self.events = queue.Queue()
        self.cond = threading.Condition()
        self.posts = []      # dicts: kind, id, path, headers, body, time
        self.requests = []   # (method, path, client port)
        self.handed_out = {}  # request id -> (monotonic time, deadline ms)
        self.stopping = False
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0" if mode == "http1.0" else "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out in separate writes

            def log_message(self, *args):
                pass

            def _send(self, status, body, headers=None):
                self.send_response(status)
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                api._record(self, "GET")
                if self.path != NEXT_PATH:
                    return self._send(404, b'{"errorMessage":"not found"}')
                while True:
                    try:
                        event = api.events.get(timeout=0.1)
                        break
                    except queue.Empty:
                        if api.stopping:
                            self.close_connection = True
                            return
                deadline = int(time.time() * 1000) + event["timeout_ms"]
                with api.cond:
                    api.handed_out[event["id"]] = (time.monotonic(), deadline)
                headers = {
                    "Content-Type": "application/json",
                    "Lambda-Runtime-Aws-Request-Id": event["id"],
                    "Lambda-Runtime-Deadline-Ms": str(deadline),
                    "Lambda-Runtime-Invoked-Function-Arn": event["arn"],
                }
                if event.get("trace_id") is not None:  # "" sends an empty header
                    headers["Lambda-Runtime-Trace-Id"] = event["trace_id"]
                if event.get("client_context") is not None:
                    headers["Lambda-Runtime-Client-Context"] = json.dumps(event["client_context"])
                if event.get("identity") is not None:
                    headers["Lambda-Runtime-Cognito-Identity"] = json.dumps(event["identity"])
                self._send(200, event["body"], headers)
                if mode == "drop-next":
                    self.close_connection = True

            def do_POST(self):
                api._record(self, "POST")
                length = self.headers.get("Content-Length")
                body = self.rfile.read(int(length)) if length is not None else None
                if body is None:
                    self.close_connection = True  # chunked: not what we expect
                m = INVOCATION_POST.match(self.path)
                if m:
                    kind, rid = m.group(2), m.group(1)
                elif self.path == INIT_ERROR_PATH:
                    kind, rid = "init_error", None
                else:
                    return self._send(404, b'{"errorMessage":"not found"}')
                with api.cond:
                    api.posts.append({
                        "kind": kind, "id": rid, "path": self.path, "headers": self.headers,
                        "body": body, "time": time.monotonic(),
                    })
                    api.cond.notify_all()
                self._send(202, b'{"status":"OK"}', {"Content-Type": "application/json"})
                if mode == "drop":
                    self.close_connection = True

        self.server = QuietServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def _record(self, handler, method):
        with self.cond:
            self.requests.append((method, handler.path, handler.client_address[1]))

    @property
    def address(self):
        return "127.0.0.1:{}".format(self.server.server_address[1])

    def add_event(self, payload=None, raw_body=None, trace_id=None, client_context=None,
                  identity=None, timeout_ms=TIMEOUT_MS):
        rid = str(uuid.uuid4())
        body = raw_body if raw_body is not None else json.dumps(payload).encode("utf-8")
        self.events.put({"id": rid, "body": body, "trace_id": trace_id, "arn": ARN,
                         "client_context": client_context, "identity": identity,
                         "timeout_ms": timeout_ms})
        return rid

    def wait_post(self, rid=None, kind=None, timeout=5.0):
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for post in self.posts:
                    if (rid is None or post["id"] == rid) and (kind is None or post["kind"] == kind):
                        return post
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError("no {} post for request {} within {}s (posts: {})".format(
                        kind or "any", rid, timeout,
                        [(p["kind"], p["id"], p["body"]) for p in self.posts]))
                self.cond.wait(remaining)

    def wait_posts(self, count, timeout=10.0):
        deadline = time.monotonic() + timeout
        with self.cond:
            while len(self.posts) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError("only {} of {} posts within {}s".format(
                        len(self.posts), count, timeout))
                self.cond.wait(remaining)
            return list(self.posts)

    def next_requests(self):
        with self.cond:
            return [r for r in self.requests if r[0] == "GET" and r[1] == NEXT_PATH]

    def client_ports(self):
        with self.cond:
            return set(r[2] for r in self.requests)

    def close(self):
        self.stopping = True
        self.server.shutdown()
        self.server.server_close()


# --------------------------------------------------------------------------- processes


class Output(object):
    """Collects a pipe's bytes as they arrive, with arrival times."""

    def __init__(self, pipe):
        self.chunks = []  # (monotonic time, text)
        self.lock = threading.Condition()
        self.thread = threading.Thread(target=self._read, args=(pipe,), daemon=True)
        self.thread.start()

    def _read(self, pipe):
        fd = pipe.fileno()
        while True:
            data = os.read(fd, 65536)
            if not data:
                break
            with self.lock:
                self.chunks.append((time.monotonic(), data.decode("utf-8", "replace")))
                self.lock.notify_all()

    def text(self):
        with self.lock:
            return "".join(c[1] for c in self.chunks)

    def _seen_at(self, needle):
        acc = ""
        for t, chunk in self.chunks:
            acc += chunk
            if needle in acc:
                return t
        return None

    def wait_for(self, needle, timeout=3.0):
        """Monotonic time at which needle had fully arrived, or None."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                t = self._seen_at(needle)
                if t is not None:
                    return t
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self.lock.wait(remaining)


def lambda_env(api, handler, task_root):
    env = {k: v for k, v in os.environ.items()
           if not (k.startswith("AWS_") or k.startswith("LAMBDA_") or k in (
               "_HANDLER", "_X_AMZN_TRACE_ID", "PYTHONPATH", "PYTHONUNBUFFERED",
               "PYTHONSTARTUP", "NODE_OPTIONS", "NODE_PATH"))}
    env.update({
        "AWS_LAMBDA_RUNTIME_API": api.address,
        "_HANDLER": handler,
        "LAMBDA_TASK_ROOT": task_root,
        "AWS_LAMBDA_FUNCTION_NAME": FUNCTION_NAME,
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": MEMORY,
        "AWS_LAMBDA_LOG_GROUP_NAME": LOG_GROUP,
        "AWS_LAMBDA_LOG_STREAM_NAME": LOG_STREAM,
        "AWS_REGION": "us-east-1",
        "TZ": ":UTC",
    })
    return env


class Bootstrap(object):
    def __init__(self, argv, api, handler, task_root, cwd):
        self.proc = subprocess.Popen(argv, env=lambda_env(api, handler, task_root), cwd=cwd,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.stdout = Output(self.proc.stdout)
        self.stderr = Output(self.proc.stderr)

    def wait_exit(self, timeout=5.0):
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self.stdout.thread.join(2)
        self.stderr.thread.join(2)
        for pipe in (self.proc.stdout, self.proc.stderr):
            pipe.close()


# --------------------------------------------------------------------------- fixtures

PY_APP = r'''
import decimal
import os
import sys
import time

COUNT = 0


def handler(event, context):
    global COUNT
    COUNT += 1
    action = event.get("action")
    if action == "raise":
        return helper(event)
    if action == "nonser":
        return {"s": {1, 2}}
    if action == "none":
        return None
    if action == "decimal":
        return {"d": decimal.Decimal("1.5")}
    if action == "print":
        print("hello stdout " + event["token"])
        sys.stderr.write("hello stderr " + event["token"] + "\n")
        time.sleep(0.6)
        sys.stdout.write("tail without newline " + event["token"])
        return {"printed": True}
    cc = context.client_context
    return {
        "event": event,
        "count": COUNT,
        "aws_request_id": context.aws_request_id,
        "remaining": context.get_remaining_time_in_millis(),
        "function_name": context.function_name,
        "function_version": context.function_version,
        "invoked_function_arn": context.invoked_function_arn,
        "memory_limit_in_mb": context.memory_limit_in_mb,
        "memory_type": type(context.memory_limit_in_mb).__name__,
        "log_group_name": context.log_group_name,
        "log_stream_name": context.log_stream_name,
        "identity": [context.identity.cognito_identity_id,
                     context.identity.cognito_identity_pool_id],
        "client_context": None if cc is None else {
            "custom": cc.custom, "env": cc.env,
            "installation_id": cc.client.installation_id if cc.client else None},
        "trace": os.environ.get("_X_AMZN_TRACE_ID"),
        "cwd": os.getcwd(),
        "path0": sys.path[0],
        "sys_path": sys.path,
        "module_file": __file__,
    }


def helper(event):
    raise ValueError("bad value: %s" % event.get("n"))
'''

PY_DOTTED = r'''
def fn(event, context):
    return {"dotted": True, "module": __name__, "n": event["n"]}
'''

PY_BROKEN = r'''
def _explode():
    raise RuntimeError("exploded at import")


_explode()
'''

NODE_APP = r'''
let count = 0;

exports.handler = async (event, context) => {
  count++;
  if (event.action === 'throw') throw new TypeError('bad thing ' + event.n);
  if (event.action === 'undefined') return undefined;
  if (event.action === 'bigint') return { n: 1n };
  if (event.action === 'print') {
    console.log('hello node stdout ' + event.token);
    console.error('hello node stderr ' + event.token);
    await new Promise((resolve) => setTimeout(resolve, 600));
    return { printed: true };
  }
  if (event.action === 'echo') return { n: event.n, id: context.awsRequestId };
  await new Promise((resolve) => setTimeout(resolve, 5));
  return {
    event,
    count,
    awsRequestId: context.awsRequestId,
    remaining: context.getRemainingTimeInMillis(),
    functionName: context.functionName,
    functionVersion: context.functionVersion,
    invokedFunctionArn: context.invokedFunctionArn,
    memoryLimitInMB: context.memoryLimitInMB,
    memoryType: typeof context.memoryLimitInMB,
    logGroupName: context.logGroupName,
    logStreamName: context.logStreamName,
    callbackWaitsForEmptyEventLoop: context.callbackWaitsForEmptyEventLoop,
    identity: context.identity === undefined ? 'undefined' : context.identity,
    clientContext: context.clientContext === undefined ? 'undefined' : context.clientContext,
    trace: process.env._X_AMZN_TRACE_ID === undefined ? null : process.env._X_AMZN_TRACE_ID,
    cwd: process.cwd(),
  };
};

exports.syncHandler = (event, context) => {
  if (event.action === 'throwString') throw 'plain string';
  if (event.action === 'throw') throw new RangeError('sync bad ' + event.n);
  return { sync: true, id: context.awsRequestId, n: event.n };
};

exports.cbHandler = function (event, context, callback) {
  if (event.action === 'error') {
    setTimeout(() => callback(new Error('cb failed ' + event.n)), 1);
    return;
  }
  const result = { cb: true, n: event.n, id: context.awsRequestId };
  if (event.wait === false) context.callbackWaitsForEmptyEventLoop = false;
  setTimeout(() => { result.timerFired = true; }, 300);
  callback(null, result);
};

exports.nested = { fn: async (event) => 'nested ok ' + event.n };
exports.notFn = 42;

exports.uncaught = async () => {
  setTimeout(() => { throw new Error('async boom'); }, 10);
  return new Promise(() => {});
};

exports.rejection = async () => {
  Promise.reject(new Error('rejected boom'));
  return new Promise((resolve) => setTimeout(resolve, 2000));
};
'''

NODE_ESM = r'''
export const handler = async (event, context) => ({
  esm: true,
  id: context.awsRequestId,
  n: event.n,
  noRequire: typeof require === 'undefined',
  metaUrl: import.meta.url.endsWith('/esm.mjs'),
});
'''

NODE_CJS = r'''
module.exports.handler = async (event) => ({ cjs: true, n: event.n });
'''


def write_files(root, files):
    for rel, text in files.items():
        full = os.path.join(root, rel)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(textwrap.dedent(text).lstrip("\n"))


class Env(object):
    def __init__(self):
        self.tmp = tempfile.mkdtemp(prefix="gatewright-bootstrap-test-")
        self.py_root = os.path.realpath(os.path.join(self.tmp, "py-task"))
        self.node_root = os.path.realpath(os.path.join(self.tmp, "node-task"))
        self.elsewhere = os.path.join(self.tmp, "elsewhere")
        os.makedirs(self.elsewhere)
        write_files(self.py_root, {
            "app.py": PY_APP,
            "pkg/__init__.py": "",
            "pkg/sub/__init__.py": "",
            "pkg/sub/mod.py": PY_DOTTED,
            "broken.py": PY_BROKEN,
        })
        write_files(self.node_root, {
            "app.js": NODE_APP,
            "esm.mjs": NODE_ESM,
            "lib.cjs": NODE_CJS,
        })

    def start(self, runtime, handler, mode="keep-alive"):
        api = MockRuntimeApi(mode)
        if runtime == "python":
            argv, root = ["python3", PY_BOOTSTRAP], self.py_root
        else:
            argv, root = ["node", NODE_BOOTSTRAP], self.node_root
        return api, Bootstrap(argv, api, handler, root, self.elsewhere)

    def cleanup(self):
        shutil.rmtree(self.tmp, ignore_errors=True)


def run_group(env, name, runtime, handler, body, mode="keep-alive"):
    api, proc = env.start(runtime, handler, mode)
    try:
        body(api, proc)
    except Exception as e:
        check("{}: completed".format(name), False,
              "{}: {}\n{}".format(type(e).__name__, e, traceback.format_exc()))
        err = proc.stderr.text()
        if err:
            print("  bootstrap stderr:\n" + textwrap.indent(err[-3000:], "    "))
    finally:
        proc.stop()
        api.close()


def json_body(post):
    return json.loads(post["body"].decode("utf-8"))


def check_remaining(name, api, rid, remaining):
    _, deadline = api.handed_out[rid]
    check(name, isinstance(remaining, int) and TIMEOUT_MS - 5000 < remaining <= TIMEOUT_MS,
          "remaining={!r} (timeout {} ms)".format(remaining, TIMEOUT_MS))


def check_single_connection(name, api):
    ports = api.client_ports()
    check(name, len(ports) == 1, "client ports used: {}".format(sorted(ports)))


# --------------------------------------------------------------------------- python


def python_warm(env):
    def body(api, proc):
        p = "python warm"
        # 1. success, with every context field and the optional headers.
        cc = {"client": {"installation_id": "inst-1", "app_title": "t"},
              "custom": {"k": "v"}, "env": {"platform": "linux"}}
        ident = {"cognitoIdentityId": "id-1", "cognitoIdentityPoolId": "pool-1"}
        rid = api.add_event({"n": 1, "nested": {"x": [1, 2]}}, trace_id="Root=1-abc;Sampled=1",
                            client_context=cc, identity=ident)
        post = api.wait_post(rid)
        check_eq(p + ": success posts to /response", post["kind"], "response")
        check_eq(p + ": response content type", post["headers"].get("Content-Type"),
                 "application/json")
        r = json_body(post)
        check_eq(p + ": event passed through", r["event"], {"n": 1, "nested": {"x": [1, 2]}})
        check_eq(p + ": aws_request_id", r["aws_request_id"], rid)
        check_remaining(p + ": remaining time > 0 and below the deadline", api, rid, r["remaining"])
        check_eq(p + ": memory_limit_in_mb is int 256", (r["memory_limit_in_mb"], r["memory_type"]),
                 (256, "int"))
        check_eq(p + ": function name/version/arn",
                 (r["function_name"], r["function_version"], r["invoked_function_arn"]),
                 (FUNCTION_NAME, "$LATEST", ARN))
        check_eq(p + ": log group/stream", (r["log_group_name"], r["log_stream_name"]),
                 (LOG_GROUP, LOG_STREAM))
        check_eq(p + ": identity", r["identity"], ["id-1", "pool-1"])
        check_eq(p + ": client_context", r["client_context"],
                 {"custom": {"k": "v"}, "env": {"platform": "linux"}, "installation_id": "inst-1"})
        check_eq(p + ": _X_AMZN_TRACE_ID set", r["trace"], "Root=1-abc;Sampled=1")
        check_eq(p + ": cwd is the task root", os.path.realpath(r["cwd"]), env.py_root)
        check_eq(p + ": task root first on sys.path", r["path0"], env.py_root)
        check(p + ": the bootstrap's directory is not on sys.path",
              os.path.dirname(PY_BOOTSTRAP) not in r["sys_path"], r["sys_path"])
        check_eq(p + ": module loaded from task root", os.path.dirname(r["module_file"]),
                 env.py_root)

        # 2. handler raising.
        rid = api.add_event({"action": "raise", "n": 7})
        post = api.wait_post(rid)
        check_eq(p + ": exception posts to /error", post["kind"], "error")
        check_eq(p + ": error type header", post["headers"].get("Lambda-Runtime-Function-Error-Type"),
                 "Unhandled")
        e = json_body(post)
        check_eq(p + ": error document keys", sorted(e),
                 ["errorMessage", "errorType", "requestId", "stackTrace"])
        check_eq(p + ": error fields", (e["errorMessage"], e["errorType"], e["requestId"]),
                 ("bad value: 7", "ValueError", rid))
        st = e["stackTrace"]
        check(p + ": stack trace is the user frames only",
              isinstance(st, list) and len(st) == 2
              and 'app.py", line' in st[0] and "in handler" in st[0]
              and "in helper" in st[1] and "raise ValueError" in st[1]
              and not any("bootstrap.py" in s for s in st), st)
        check(p + ": error logged on stderr",
              proc.stderr.wait_for("[ERROR] ValueError: bad value: 7") is not None,
              proc.stderr.text()[-500:])

        # 3. result that is not JSON serialisable.
        rid = api.add_event({"action": "nonser"})
        post = api.wait_post(rid)
        check_eq(p + ": marshal error posts to /error", post["kind"], "error")
        check_eq(p + ": marshal error document", json_body(post), {
            "errorMessage": "Unable to marshal response: Object of type set is not JSON serializable",
            "errorType": "Runtime.MarshalError", "requestId": rid, "stackTrace": []})
        check_eq(p + ": marshal error header",
                 post["headers"].get("Lambda-Runtime-Function-Error-Type"), "Unhandled")

        # 4. None posts null.
        rid = api.add_event({"action": "none"})
        post = api.wait_post(rid)
        check_eq(p + ": None posts null", (post["kind"], post["body"]), ("response", b"null"))

        # 5. stdout / stderr arrive unbuffered, during the invocation.
        token = uuid.uuid4().hex[:8]
        rid = api.add_event({"action": "print", "token": token})
        post = api.wait_post(rid)
        check_eq(p + ": print invocation responds", json_body(post), {"printed": True})
        t_line = proc.stdout.wait_for("hello stdout " + token + "\n", 2)
        check(p + ": stdout line arrives during the invocation (line buffered)",
              t_line is not None and t_line < post["time"] - 0.3,
              "line at {}, response at {}".format(t_line, post["time"]))
        t_err = proc.stderr.wait_for("hello stderr " + token + "\n", 2)
        check(p + ": stderr line arrives during the invocation",
              t_err is not None and t_err < post["time"] - 0.3,
              "line at {}, response at {}".format(t_err, post["time"]))
        t_tail = proc.stdout.wait_for("tail without newline " + token, 2)
        check(p + ": partial stdout line flushed before the response",
              t_tail is not None and t_tail <= post["time"] + 0.5, t_tail)

        # 6. warm reuse: module state kept, trace id unset without the header.
        rid = api.add_event({"n": 2}, trace_id="")
        r = json_body(api.wait_post(rid))
        check_eq(p + ": warm process keeps module state", r["count"], 6)
        check_eq(p + ": _X_AMZN_TRACE_ID removed with an empty header", r["trace"], None)
        check_eq(p + ": no identity header -> empty identity", r["identity"], [None, None])
        check_eq(p + ": no client context header -> None", r["client_context"], None)
        check_eq(p + ": second request id", r["aws_request_id"], rid)

        # 7. Decimal like the real runtime, 8. an event that is not JSON.
        rid = api.add_event({"action": "decimal"})
        check_eq(p + ": Decimal serialised as a number", json_body(api.wait_post(rid)), {"d": 1.5})
        rid = api.add_event(raw_body=b"{not json")
        post = api.wait_post(rid)
        e = json_body(post)
        check(p + ": invalid event -> Runtime.UnmarshalError",
              post["kind"] == "error" and e["errorType"] == "Runtime.UnmarshalError"
              and e["errorMessage"].startswith("Unable to unmarshal input: ")
              and e["requestId"] == rid, e)

        # 9. a burst of invocations on the same process.
        before = len(api.posts)
        ids = [api.add_event({"n": i}) for i in range(50)]
        posts = api.wait_posts(before + 50, timeout=10)
        by_id = dict((pp["id"], pp) for pp in posts)
        check(p + ": 50 warm invocations answered",
              all(i in by_id and json_body(by_id[i])["event"] == {"n": n}
                  for n, i in enumerate(ids)))
        check_single_connection(p + ": one keep-alive connection for every request", api)
        time.sleep(0.1)
        check_eq(p + ": polling /next again after the last invocation",
                 len(api.next_requests()), 8 + 50 + 1)
        check(p + ": process still running", proc.proc.poll() is None, proc.proc.poll())

    run_group(env, "python warm", "python", "app.handler", body)


def python_init_error(env, handler, expected_body, expected_exit=1):
    name = "python init error {}".format(handler)

    def body(api, proc):
        post = api.wait_post(kind="init_error")
        check_eq(name + ": init error document", json_body(post), expected_body)
        check_eq(name + ": init error type header",
                 post["headers"].get("Lambda-Runtime-Function-Error-Type"),
                 expected_body["errorType"])
        check_eq(name + ": exit status", proc.wait_exit(), expected_exit)
        check_eq(name + ": never polled /next", len(api.next_requests()), 0)

    run_group(env, name, "python", handler, body)


def python_broken_module(env):
    name = "python import raising"

    def body(api, proc):
        post = api.wait_post(kind="init_error")
        e = json_body(post)
        check_eq(name + ": error type and message", (e["errorType"], e["errorMessage"]),
                 ("RuntimeError", "exploded at import"))
        check(name + ": stack trace starts in the user module",
              len(e["stackTrace"]) == 2 and "broken.py" in e["stackTrace"][0]
              and "in _explode" in e["stackTrace"][1], e["stackTrace"])
        check(name + ": exit status non-zero", proc.wait_exit() not in (None, 0))

    run_group(env, name, "python", "broken.handler", body)


def python_dotted(env):
    name = "python dotted module"

    def body(api, proc):
        ids = [api.add_event({"n": i}) for i in range(3)]
        for i, rid in enumerate(ids):
            post = api.wait_post(rid)
            check_eq("{}: invocation {}".format(name, i), (post["kind"], json_body(post)),
                     ("response", {"dotted": True, "module": "pkg.sub.mod", "n": i}))

    run_group(env, name, "python", "pkg.sub.mod.fn", body)


def python_syntax_level(env):
    with open(PY_BOOTSTRAP) as f:
        source = f.read()
    try:
        ast.parse(source, feature_version=(3, 8))
        ok, detail = True, ""
    except SyntaxError as e:
        ok, detail = False, e
    check("python bootstrap parses as Python 3.8", ok, detail)


# --------------------------------------------------------------------------- node


def node_async(env):
    def body(api, proc):
        p = "node async"
        cc = {"client": {"installation_id": "inst-1"}, "custom": {"k": "v"}, "env": {"locale": "en"}}
        ident = {"cognitoIdentityId": "id-1", "cognitoIdentityPoolId": "pool-1"}
        rid = api.add_event({"n": 1}, trace_id="Root=1-node;Sampled=0", client_context=cc,
                            identity=ident)
        post = api.wait_post(rid)
        check_eq(p + ": success posts to /response", post["kind"], "response")
        check_eq(p + ": response content type", post["headers"].get("Content-Type"),
                 "application/json")
        r = json_body(post)
        check_eq(p + ": event passed through", r["event"], {"n": 1})
        check_eq(p + ": awsRequestId", r["awsRequestId"], rid)
        check_remaining(p + ": remaining time > 0 and below the deadline", api, rid, r["remaining"])
        check_eq(p + ": memoryLimitInMB is the string '256'", (r["memoryLimitInMB"], r["memoryType"]),
                 (MEMORY, "string"))
        check_eq(p + ": function name/version/arn",
                 (r["functionName"], r["functionVersion"], r["invokedFunctionArn"]),
                 (FUNCTION_NAME, "$LATEST", ARN))
        check_eq(p + ": log group/stream", (r["logGroupName"], r["logStreamName"]),
                 (LOG_GROUP, LOG_STREAM))
        check_eq(p + ": callbackWaitsForEmptyEventLoop defaults to true",
                 r["callbackWaitsForEmptyEventLoop"], True)
        check_eq(p + ": identity", r["identity"], ident)
        check_eq(p + ": clientContext", r["clientContext"], cc)
        check_eq(p + ": _X_AMZN_TRACE_ID set", r["trace"], "Root=1-node;Sampled=0")
        check_eq(p + ": cwd is the task root", os.path.realpath(r["cwd"]), env.node_root)

        rid = api.add_event({"action": "throw", "n": 3})
        post = api.wait_post(rid)
        check_eq(p + ": rejection posts to /error", post["kind"], "error")
        check_eq(p + ": error type header", post["headers"].get("Lambda-Runtime-Function-Error-Type"),
                 "Unhandled")
        e = json_body(post)
        check_eq(p + ": error document keys", sorted(e), ["errorMessage", "errorType", "trace"])
        check_eq(p + ": error fields", (e["errorType"], e["errorMessage"]),
                 ("TypeError", "bad thing 3"))
        check(p + ": trace is the stack split in lines",
              isinstance(e["trace"], list) and e["trace"][0] == "TypeError: bad thing 3"
              and "app.js" in e["trace"][1], e["trace"])
        check(p + ": error logged on stderr",
              proc.stderr.wait_for("Invoke Error") is not None, proc.stderr.text()[-500:])

        rid = api.add_event({"action": "undefined"})
        post = api.wait_post(rid)
        check_eq(p + ": undefined posts null", (post["kind"], post["body"]), ("response", b"null"))

        rid = api.add_event({"action": "bigint"})
        post = api.wait_post(rid)
        e = json_body(post)
        check_eq(p + ": unserialisable result",
                 (post["kind"], e["errorType"], e["errorMessage"]),
                 ("error", "Error", "Unable to stringify response body"))

        token = uuid.uuid4().hex[:8]
        rid = api.add_event({"action": "print", "token": token})
        post = api.wait_post(rid)
        check_eq(p + ": print invocation responds", json_body(post), {"printed": True})
        t_line = proc.stdout.wait_for("hello node stdout " + token + "\n", 2)
        check(p + ": stdout line arrives during the invocation",
              t_line is not None and t_line < post["time"] - 0.3,
              "line at {}, response at {}".format(t_line, post["time"]))
        t_err = proc.stderr.wait_for("hello node stderr " + token + "\n", 2)
        check(p + ": stderr line arrives during the invocation",
              t_err is not None and t_err < post["time"] - 0.3,
              "line at {}, response at {}".format(t_err, post["time"]))

        rid = api.add_event({"n": 2}, trace_id="")
        r = json_body(api.wait_post(rid))
        check_eq(p + ": warm process keeps module state", r["count"], 6)
        check_eq(p + ": _X_AMZN_TRACE_ID removed with an empty header", r["trace"], None)
        check_eq(p + ": no identity/clientContext headers -> undefined",
                 (r["identity"], r["clientContext"]), ("undefined", "undefined"))
        check_eq(p + ": second request id", r["awsRequestId"], rid)

        rid = api.add_event(raw_body=b"{not json")
        post = api.wait_post(rid)
        check_eq(p + ": invalid event -> SyntaxError error",
                 (post["kind"], json_body(post)["errorType"]), ("error", "SyntaxError"))

        # A burst: every invocation answered in order, on one connection.
        before = len(api.posts)
        start = time.monotonic()
        ids = [api.add_event({"action": "echo", "n": i}) for i in range(300)]
        posts = api.wait_posts(before + 300, timeout=10)
        elapsed = time.monotonic() - start
        by_id = dict((pp["id"], pp) for pp in posts)
        check(p + ": 300 warm invocations answered",
              all(i in by_id and json_body(by_id[i]) == {"n": n, "id": i}
                  for n, i in enumerate(ids)))
        print("  (node: 300 invocations through the mock API in {:.2f}s)".format(elapsed))
        check_single_connection(p + ": one keep-alive connection for every request", api)
        time.sleep(0.1)
        check_eq(p + ": polling /next again after the last invocation",
                 len(api.next_requests()), 7 + 300 + 1)
        check(p + ": process still running", proc.proc.poll() is None, proc.proc.poll())

    run_group(env, "node async", "node", "app.handler", body)


def node_sync(env):
    def body(api, proc):
        p = "node sync"
        rid = api.add_event({"n": 1})
        post = api.wait_post(rid)
        check_eq(p + ": returned value posted", (post["kind"], json_body(post)),
                 ("response", {"sync": True, "id": rid, "n": 1}))
        rid = api.add_event({"action": "throw", "n": 2})
        post = api.wait_post(rid)
        e = json_body(post)
        check_eq(p + ": throw -> error", (post["kind"], e["errorType"], e["errorMessage"],
                                           e["trace"][0]),
                 ("error", "RangeError", "sync bad 2", "RangeError: sync bad 2"))
        check_eq(p + ": throw header", post["headers"].get("Lambda-Runtime-Function-Error-Type"),
                 "Unhandled")
        rid = api.add_event({"action": "throwString"})
        post = api.wait_post(rid)
        check_eq(p + ": thrown string", json_body(post),
                 {"errorType": "string", "errorMessage": "plain string", "trace": []})
        rid = api.add_event({"n": 4})
        check_eq(p + ": works after errors", json_body(api.wait_post(rid)),
                 {"sync": True, "id": rid, "n": 4})

    run_group(env, "node sync", "node", "app.syncHandler", body)


def node_callback(env):
    def body(api, proc):
        p = "node callback"
        rid = api.add_event({"n": 1})
        post = api.wait_post(rid)
        elapsed = post["time"] - api.handed_out[rid][0]
        check_eq(p + ": result posted after the event loop empties",
                 json_body(post), {"cb": True, "n": 1, "id": rid, "timerFired": True})
        check(p + ": waited for the pending timer", elapsed >= 0.25, elapsed)

        rid = api.add_event({"n": 2, "wait": False})
        post = api.wait_post(rid)
        elapsed = post["time"] - api.handed_out[rid][0]
        check_eq(p + ": callbackWaitsForEmptyEventLoop=false posts at once",
                 json_body(post), {"cb": True, "n": 2, "id": rid})
        check(p + ": did not wait for the timer", elapsed < 0.25, elapsed)

        rid = api.add_event({"action": "error", "n": 3})
        post = api.wait_post(rid)
        e = json_body(post)
        check_eq(p + ": callback(err) -> error",
                 (post["kind"], e["errorType"], e["errorMessage"],
                  post["headers"].get("Lambda-Runtime-Function-Error-Type")),
                 ("error", "Error", "cb failed 3", "Unhandled"))
        rid = api.add_event({"n": 4, "wait": False})
        check_eq(p + ": works after an error", json_body(api.wait_post(rid)),
                 {"cb": True, "n": 4, "id": rid})

    run_group(env, "node callback", "node", "app.cbHandler", body)


def node_simple(env, name, handler, payload, expected):
    def body(api, proc):
        for i in range(2):
            rid = api.add_event(payload(i))
            post = api.wait_post(rid)
            want = expected(i, rid)
            check_eq("{}: invocation {}".format(name, i), (post["kind"], json_body(post)),
                     ("response", want))

    run_group(env, name, "node", handler, body)


def node_init_error(env, handler, check_body):
    name = "node init error {}".format(handler)

    def body(api, proc):
        post = api.wait_post(kind="init_error")
        e = json_body(post)
        check_eq(name + ": init error keys", sorted(e), ["errorMessage", "errorType", "trace"])
        check_body(name, e)
        check_eq(name + ": init error type header",
                 post["headers"].get("Lambda-Runtime-Function-Error-Type"), e["errorType"])
        check_eq(name + ": exit status", proc.wait_exit(), 129)
        check_eq(name + ": never polled /next", len(api.next_requests()), 0)

    run_group(env, name, "node", handler, body)


def node_fatal(env, handler, expected_type, expected_message, expected_exit):
    name = "node fatal {}".format(handler)

    def body(api, proc):
        rid = api.add_event({"n": 1})
        post = api.wait_post(rid)
        e = json_body(post)
        check_eq(name + ": error posted for the invocation",
                 (post["kind"], e["errorType"], e["errorMessage"],
                  post["headers"].get("Lambda-Runtime-Function-Error-Type")),
                 ("error", expected_type, expected_message, "Unhandled"))
        check_eq(name + ": exit status", proc.wait_exit(), expected_exit)

    run_group(env, name, "node", handler, body)


# --------------------------------------------------------------------------- connections


def reconnects(env, runtime, handler, mode, make_event, expected):
    name = "{} reconnects ({})".format(runtime, mode)

    def body(api, proc):
        for i in range(5):
            rid = api.add_event(make_event(i))
            post = api.wait_post(rid)
            check_eq("{}: invocation {}".format(name, i), (post["kind"], json_body(post)),
                     ("response", expected(i, rid)))
            time.sleep(0.02)  # let the server's close reach the client first, sometimes
        check(name + ": several connections were used", len(api.client_ports()) > 1,
              api.client_ports())
        check(name + ": process still running", proc.proc.poll() is None, proc.proc.poll())

    run_group(env, name, runtime, handler, body, mode)


# --------------------------------------------------------------------------- main


def main():
    for tool in ("python3", "node"):
        if shutil.which(tool) is None:
            check("{} on PATH".format(tool), False)
    started = time.monotonic()
    env = Env()
    try:
        python_syntax_level(env)
        python_warm(env)
        python_dotted(env)
        python_init_error(env, "nosuch.handler", {
            "errorMessage": "Unable to import module 'nosuch': No module named 'nosuch'",
            "errorType": "Runtime.ImportModuleError", "stackTrace": []})
        python_init_error(env, "app.nope", {
            "errorMessage": "Handler 'nope' missing on module 'app'",
            "errorType": "Runtime.HandlerNotFound", "stackTrace": []})
        python_broken_module(env)

        node_async(env)
        node_sync(env)
        node_callback(env)
        node_simple(env, "node esm .mjs", "esm.handler", lambda i: {"n": i},
                    lambda i, rid: {"esm": True, "id": rid, "n": i, "noRequire": True,
                                    "metaUrl": True})
        node_simple(env, "node .cjs", "lib.handler", lambda i: {"n": i},
                    lambda i, rid: {"cjs": True, "n": i})
        node_simple(env, "node nested export", "app.nested.fn", lambda i: {"n": i},
                    lambda i, rid: "nested ok {}".format(i))

        def missing_module(name, e):
            check_eq(name + ": error type", e["errorType"], "Runtime.ImportModuleError")
            check(name + ": message", e["errorMessage"].startswith(
                "Error: Cannot find module 'nosuch'"), e["errorMessage"])
            check(name + ": trace", e["trace"][0].startswith(
                "Runtime.ImportModuleError: Error: Cannot find module 'nosuch'"), e["trace"])

        def missing_export(name, e):
            check_eq(name + ": error", (e["errorType"], e["errorMessage"], e["trace"][0]),
                     ("Runtime.HandlerNotFound", "app.nope is undefined or not exported",
                      "Runtime.HandlerNotFound: app.nope is undefined or not exported"))

        def not_function(name, e):
            check_eq(name + ": error", (e["errorType"], e["errorMessage"]),
                     ("Runtime.HandlerNotFound", "app.notFn is not a function"))

        for mode in ("http1.0", "drop", "drop-next"):
            reconnects(env, "python", "pkg.sub.mod.fn", mode, lambda i: {"n": i},
                       lambda i, rid: {"dotted": True, "module": "pkg.sub.mod", "n": i})
            reconnects(env, "node", "app.syncHandler", mode, lambda i: {"n": i},
                       lambda i, rid: {"sync": True, "id": rid, "n": i})

        node_init_error(env, "nosuch.handler", missing_module)
        node_init_error(env, "app.nope", missing_export)
        node_init_error(env, "app.notFn", not_function)
        node_fatal(env, "app.uncaught", "Error", "async boom", 129)
        node_fatal(env, "app.rejection", "Runtime.UnhandledPromiseRejection",
                   "Error: rejected boom", 128)
    finally:
        env.cleanup()
    print("  (took {:.1f}s)".format(time.monotonic() - started))
    print("{} passed, {} failed".format(PASSED, FAILED))
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
