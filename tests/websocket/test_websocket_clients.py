"""A WebSocket API under `gatewright serve`, driven by real clients: Python's `websockets` (Debian
python3-websockets) over ws:// and wss://, the AWS CLI's `apigatewaymanagementapi` (Debian awscli)
against the @connections API on the same port, as a user pushes from a terminal, and an
unmodified functions pushing to https://{domainName}/{stage} as AWS's samples build it (Node with
AWS SDK v3 and v2 from npm in tests/aws_services, Python with boto3 from Debian python3-boto3),
and wscat (npm) as the window's "Copy as wscat" gives the command."""
import asyncio, json, os, signal, ssl, subprocess, sys, tempfile, threading

BIN = sys.argv[1]
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "testlib"))
from checks import check, finish  # noqa: E402

import websockets  # noqa: E402

AWS = "/usr/bin/aws"

HANDLERS = r'''
import json
def connect(event, context):
    if (event.get("queryStringParameters") or {}).get("deny"):
        return {"statusCode": 401}
    return {"statusCode": 200}
def whoami(event, context):
    return {"statusCode": 200, "body": event["requestContext"]["connectionId"]}
def echo(event, context):
    return {"statusCode": 200, "body": json.dumps({"route": event["requestContext"]["routeKey"], "body": event["body"]})}
def fail(event, context):
    raise RuntimeError("on purpose")
'''

# As AWS's samples write it (SDK v3, ApiGatewayManagementApiClient on https://{domainName}/{stage}).
SDK_HANDLER = r'''
const { ApiGatewayManagementApiClient, PostToConnectionCommand, GetConnectionCommand } = require("@aws-sdk/client-apigatewaymanagementapi");
exports.handler = async (event) => {
  const { domainName, stage, connectionId } = event.requestContext;
  const client = new ApiGatewayManagementApiClient({ endpoint: `https://${domainName}/${stage}` });
  await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: "pushed by SDK v3" }));
  const info = await client.send(new GetConnectionCommand({ ConnectionId: connectionId }));
  await client.send(new PostToConnectionCommand({ ConnectionId: connectionId,
    Data: JSON.stringify({ sourceIp: info.Identity.SourceIp, connectedAt: info.ConnectedAt instanceof Date }) }));
  try {
    await client.send(new PostToConnectionCommand({ ConnectionId: "AAAAAAAAAAAAAAA=", Data: "nobody" }));
  } catch (e) {
    await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: "gone: " + e.name }));
  }
  return { statusCode: 200 };
};
'''
# As AWS's v2 samples write it (simple-websockets-chat-app: endpoint domainName + '/' + stage, no scheme).
SDK_V2_HANDLER = r'''
const AWS = require("aws-sdk");
exports.handler = async (event) => {
  const { domainName, stage, connectionId } = event.requestContext;
  const api = new AWS.ApiGatewayManagementApi({ apiVersion: "2018-11-29", endpoint: domainName + "/" + stage });
  await api.postToConnection({ ConnectionId: connectionId, Data: "pushed by SDK v2" }).promise();
  const info = await api.getConnection({ ConnectionId: connectionId }).promise();
  await api.postToConnection({ ConnectionId: connectionId,
    Data: JSON.stringify({ sourceIp: info.Identity.SourceIp, connectedAt: info.ConnectedAt instanceof Date }) }).promise();
  try {
    await api.postToConnection({ ConnectionId: "AAAAAAAAAAAAAAA=", Data: "nobody" }).promise();
  } catch (e) {
    await api.postToConnection({ ConnectionId: connectionId, Data: "gone: " + e.code + " " + e.statusCode }).promise();
  }
  return { statusCode: 200 };
};
'''

# As boto3's documentation and AWS's Python samples write it.
BOTO3_HANDLER = r'''
import datetime, json
import boto3
def push(event, context):
    rc = event["requestContext"]
    client = boto3.client("apigatewaymanagementapi", endpoint_url=f"https://{rc['domainName']}/{rc['stage']}")
    client.post_to_connection(ConnectionId=rc["connectionId"], Data=b"pushed by boto3")
    info = client.get_connection(ConnectionId=rc["connectionId"])
    client.post_to_connection(ConnectionId=rc["connectionId"], Data=json.dumps(
        {"sourceIp": info["Identity"]["SourceIp"], "connectedAt": isinstance(info["ConnectedAt"], datetime.datetime)}).encode())
    try:
        client.post_to_connection(ConnectionId="AAAAAAAAAAAAAAA=", Data=b"nobody")
    except client.exceptions.GoneException as e:
        client.post_to_connection(ConnectionId=rc["connectionId"],
                                  Data=("gone: GoneException %d" % e.response["ResponseMetadata"]["HTTPStatusCode"]).encode())
    return {"statusCode": 200}
'''
NODE_MODULES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "aws_services", "node_modules")
WSCAT = os.path.join(NODE_MODULES, ".bin", "wscat")


def wscat(*args):
    """wscat's own output for a connect that sends one message and waits a second for answers."""
    # stdin stays open, as a terminal's does: wscat quits when its input ends.
    p = subprocess.Popen([WSCAT, "--no-color", *args, "-w", "1"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True, env=dict(os.environ, NODE_EXTRA_CA_CERTS=""))
    timer = threading.Timer(60, p.kill)  # a wscat that never ends fails the check, not the run
    timer.start()
    try:
        out = p.stdout.read()
    finally:
        timer.cancel()
        p.stdin.close()
    return p.wait(timeout=60), out


def project(code_dir):
    fns = [{"name": n, "runtime": "python3", "handler": "app." + n, "codeDir": code_dir} for n in ("connect", "whoami", "echo", "fail")]
    fns.append({"name": "sdkpush", "runtime": "nodejs", "handler": "push.handler", "codeDir": "sdk", "timeout": 20})
    fns.append({"name": "sdkv2push", "runtime": "nodejs", "handler": "pushv2.handler", "codeDir": "sdk", "timeout": 20})
    fns.append({"name": "boto3push", "runtime": "python3", "handler": "boto3push.push", "codeDir": code_dir, "timeout": 20})
    return {"format": "gatewright-project", "version": 1, "name": "ws", "region": "us-east-1", "accountId": "123456789012",
            "functions": fns,
            "apis": [{"id": "chat", "name": "chat", "type": "WEBSOCKET", "apiId": "wsapi12345", "port": 0,
                      "routeSelectionExpression": "$request.body.action",
                      "routes": [{"routeKey": "$connect", "integration": "connect"},
                                 {"routeKey": "whoami", "integration": "whoami", "routeResponseSelectionExpression": "$default"},
                                 {"routeKey": "fail", "integration": "fail"},
                                 {"routeKey": "sdkpush", "integration": "sdkpush"},
                                 {"routeKey": "sdkv2push", "integration": "sdkv2push"},
                                 {"routeKey": "boto3push", "integration": "boto3push"},
                                 {"routeKey": "$default", "integration": "echo", "routeResponseSelectionExpression": "$default"}],
                      "integrations": [{"id": n, "type": "AWS_PROXY", "function": n} for n in ("connect", "whoami", "echo", "fail", "sdkpush", "sdkv2push", "boto3push")],
                      "stages": [{"name": "dev"}]}]}


def aws(endpoint, *args):
    env = {"PATH": "/usr/bin:/bin", "AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local", "HOME": os.environ.get("HOME", "/tmp"),
           "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null"}
    r = subprocess.run([AWS, "apigatewaymanagementapi", *args, "--endpoint-url", endpoint, "--region", "us-east-1"],
                       capture_output=True, text=True, env=env, timeout=60)
    return r.returncode, r.stdout, r.stderr


async def scenario(url, endpoint, ca_file):
    loop = asyncio.get_running_loop()
    # wss:// on the same port, with the local CA trusted.
    tls = ssl.create_default_context(cafile=ca_file)
    async with websockets.connect("wss" + url[2:], ssl=tls) as ws:
        await ws.send(json.dumps({"action": "whoami"}))
        check("wss:// on the same port", len(await asyncio.wait_for(ws.recv(), 30)) == 16)
        # An unmodified SDK function pushes to https://{domainName}/{stage}.
        await ws.send(json.dumps({"action": "sdkpush"}))
        check("SDK v3 PostToConnection arrives", await asyncio.wait_for(ws.recv(), 60) == "pushed by SDK v3")
        info = json.loads(await asyncio.wait_for(ws.recv(), 30))
        check("SDK v3 GetConnection parses", info == {"sourceIp": "127.0.0.1", "connectedAt": True}, str(info))
        gone = await asyncio.wait_for(ws.recv(), 30)
        check("SDK v3 raises GoneException", gone == "gone: GoneException", gone)
        for route, name, gone_text in (("sdkv2push", "SDK v2", "gone: GoneException 410"), ("boto3push", "boto3", "gone: GoneException 410")):
            await ws.send(json.dumps({"action": route}))
            pushed = await asyncio.wait_for(ws.recv(), 60)
            check(name + " PostToConnection arrives", pushed == "pushed by " + name, pushed)
            info = json.loads(await asyncio.wait_for(ws.recv(), 30))
            check(name + " GetConnection parses", info == {"sourceIp": "127.0.0.1", "connectedAt": True}, str(info))
            gone = await asyncio.wait_for(ws.recv(), 30)
            check(name + " raises GoneException", gone == gone_text, gone)

    try:
        async with websockets.connect(url + "?deny=1"):
            check("$connect 401 refuses the handshake", False)
    except websockets.InvalidStatusCode as e:
        check("$connect 401 refuses the handshake", e.status_code == 401, str(e))

    async with websockets.connect(url, user_agent_header="gw-test/1.0") as ws:
        await ws.send(json.dumps({"action": "whoami"}))
        cid = await asyncio.wait_for(ws.recv(), 30)
        check("two-way route answers with the body", len(cid) == 16 and cid.endswith("="), cid)
        await ws.send("plain text")
        echoed = json.loads(await asyncio.wait_for(ws.recv(), 30))
        check("a message that is not JSON goes to $default", echoed == {"route": "$default", "body": "plain text"}, str(echoed))
        await ws.send(json.dumps({"action": "fail"}))
        frame = await asyncio.wait_for(ws.recv(), 30)
        check("a failing function gives the service's error frame",
              frame.startswith('{"message": "Internal server error", "connectionId":"' + cid + '", "requestId":"'), frame)

        code, out, err = await loop.run_in_executor(None, aws, endpoint, "post-to-connection", "--connection-id", cid,
                                                    "--data", "pushed from the CLI", "--cli-binary-format", "raw-in-base64-out")
        check("aws post-to-connection exits 0", code == 0, err)
        check("the pushed message arrives", await asyncio.wait_for(ws.recv(), 30) == "pushed from the CLI")

        code, out, err = await loop.run_in_executor(None, aws, endpoint, "get-connection", "--connection-id", cid)
        info = json.loads(out) if code == 0 else {}
        check("aws get-connection", code == 0 and info.get("Identity") == {"SourceIp": "127.0.0.1", "UserAgent": "gw-test/1.0"}
              and "ConnectedAt" in info and "LastActiveAt" in info, out + err)

        code, out, err = await loop.run_in_executor(None, aws, endpoint, "delete-connection", "--connection-id", cid)
        check("aws delete-connection exits 0", code == 0, err)
        try:
            await asyncio.wait_for(ws.recv(), 30)
            check("delete-connection closes the socket", False)
        except websockets.ConnectionClosed as e:
            check("delete-connection closes the socket with 1000", e.code == 1000, str(e))

    code, out, err = await loop.run_in_executor(None, aws, endpoint, "post-to-connection", "--connection-id", cid,
                                                "--data", "late", "--cli-binary-format", "raw-in-base64-out")
    check("a closed connection is GoneException for the CLI", code != 0 and "GoneException" in err, err)


with tempfile.TemporaryDirectory() as tmp:
    os.makedirs(os.path.join(tmp, "fn"))
    with open(os.path.join(tmp, "fn", "app.py"), "w") as f:
        f.write(HANDLERS)
    with open(os.path.join(tmp, "fn", "boto3push.py"), "w") as f:
        f.write(BOTO3_HANDLER)
    path = os.path.join(tmp, "ws.gatewright.json")
    with open(path, "w") as f:
        json.dump(project("fn"), f)
    os.makedirs(os.path.join(tmp, "sdk"))
    with open(os.path.join(tmp, "sdk", "push.js"), "w") as f:
        f.write(SDK_HANDLER)
    with open(os.path.join(tmp, "sdk", "pushv2.js"), "w") as f:
        f.write(SDK_V2_HANDLER)
    os.symlink(NODE_MODULES, os.path.join(tmp, "sdk", "node_modules"))
    # boto3 is Debian's (python3-boto3): the python3 functions run on Debian's interpreter here,
    # whichever python3 comes first on the caller's PATH.
    env = dict(os.environ, GATEWRIGHT_CA_DIR=os.path.join(tmp, "ca"), PATH="/usr/bin:" + os.environ.get("PATH", "/bin"))
    p = subprocess.Popen([BIN, "serve", path, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        ready = json.loads(p.stdout.readline())
        endpoint = ready["endpoints"][0]
        check("ready line lists the WebSocket stage", endpoint["type"] == "WEBSOCKET" and endpoint["url"].startswith("ws://127.0.0.1:")
              and endpoint["url"].endswith("/dev"), str(endpoint))
        check("ready line names the wss:// URL and the CA", endpoint.get("tlsUrl") == "wss" + endpoint["url"][2:]
              and endpoint.get("caFile") == os.path.join(tmp, "ca", "gatewright-local-ca.pem"), str(endpoint))
        url = endpoint["url"]
        ca_file = os.path.join(tmp, "ca", "gatewright-local-ca.pem")
        asyncio.run(scenario(url, "http" + url[2:], ca_file))
        code, out = wscat("-c", url, "-x", json.dumps({"action": "whoami"}))
        check("wscat over ws:// gets the two-way answer", code == 0 and len(out.strip().lstrip("< ").strip()) == 16, out)
        code, out = wscat("--ca", ca_file, "-c", endpoint["tlsUrl"], "-x", "plain text")
        check("wscat over wss:// with --ca the exported CA", code == 0 and '"route": "$default"' in out, out)
        code, out = wscat("-c", endpoint["tlsUrl"], "-x", "plain text")
        check("wscat over wss:// without the CA is refused", "self-signed" in out or "certificate" in out, out)
    finally:
        p.send_signal(signal.SIGTERM)
        code = p.wait(timeout=30)
        err = p.stderr.read()
        check("serve exits 0", code == 0, str(code) + err[-2000:])

finish()
