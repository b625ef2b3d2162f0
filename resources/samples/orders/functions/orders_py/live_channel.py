"""The live channel of the orders sample: who is connected, and pushing to them.

After the API Gateway decision guide's real-time example: the WebSocket API's $connect
stores the connection with the endpoint its events name (https://{domainName}/{stage},
as AWS's samples build it), and the orders function pushes each order change to the
connections through the @connections API (PostToConnection), dropping those that are
gone (410). On AWS the connections would live in a DynamoDB table; here a JSON file in
the temporary folder stands in for it, shared by both functions' processes.

Standard library only: the POST is signed with SigV4 from the credentials the runtime
provides (boto3's post_to_connection sends the same request), and HTTPS trusts the
bundle the runtime names in AWS_CA_BUNDLE (the gateway's local CA on your machine).
"""

import contextlib
import datetime
import fcntl
import hashlib
import hmac
import json
import os
import ssl
import tempfile
import urllib.error
import urllib.parse
import urllib.request

STORE = os.path.join(tempfile.gettempdir(), "gatewright-orders-live-connections.json")


@contextlib.contextmanager
def _connections():
    """The stored connections, locked for the block; changes are written back."""
    with open(STORE, "a+") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        f.seek(0)
        text = f.read()
        connections = json.loads(text) if text.strip() else {}
        before = json.dumps(connections, sort_keys=True)
        yield connections
        if json.dumps(connections, sort_keys=True) != before:
            f.seek(0)
            f.truncate()
            f.write(json.dumps(connections, indent=1, sort_keys=True))


def add(connection_id, endpoint):
    with _connections() as connections:
        connections[connection_id] = {"endpoint": endpoint, "orderId": None}


def remove(connection_id):
    with _connections() as connections:
        connections.pop(connection_id, None)


def subscribe(connection_id, order_id):
    with _connections() as connections:
        if connection_id not in connections:
            return False
        connections[connection_id]["orderId"] = order_id
        return True


def _sign(method, url, body):
    """SigV4 headers for an execute-api call (AWS General Reference, "Create a signed request")."""
    parts = urllib.parse.urlsplit(url)
    region = os.environ.get("AWS_REGION", "us-east-1")
    now = datetime.datetime.now(datetime.timezone.utc)
    amz_date, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
    headers = {"host": parts.netloc, "x-amz-date": amz_date}
    token = os.environ.get("AWS_SESSION_TOKEN")
    if token:
        headers["x-amz-security-token"] = token
    names = ";".join(sorted(headers))
    canonical = "\n".join([method, urllib.parse.quote(parts.path, safe="/~"), "",
                           "".join(f"{k}:{headers[k]}\n" for k in sorted(headers)), names,
                           hashlib.sha256(body).hexdigest()])
    scope = f"{day}/{region}/execute-api/aws4_request"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    key = ("AWS4" + os.environ.get("AWS_SECRET_ACCESS_KEY", "")).encode()
    for part in (day, region, "execute-api", "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    headers["authorization"] = (f"AWS4-HMAC-SHA256 Credential={os.environ.get('AWS_ACCESS_KEY_ID', '')}/{scope}, "
                                f"SignedHeaders={names}, Signature={signature}")
    return headers


def post_to_connection(endpoint, connection_id, data):
    """PostToConnection; False when the connection is gone (410) or its gateway is not there."""
    url = f"{endpoint}/@connections/{urllib.parse.quote(connection_id, safe='')}"
    body = json.dumps(data).encode()
    request = urllib.request.Request(url, data=body, method="POST", headers=_sign("POST", url, body))
    context = ssl.create_default_context(cafile=os.environ.get("AWS_CA_BUNDLE"))
    try:
        with urllib.request.urlopen(request, timeout=5, context=context):
            return True
    except urllib.error.HTTPError as error:
        if error.code != 410:
            print(f"live channel: PostToConnection {connection_id} answered {error.code}")
        return False
    except (urllib.error.URLError, OSError) as error:
        print(f"live channel: {endpoint} unreachable ({error})")
        return False


def order_changed(change, order):
    """Pushes {"type": change, "order": ...} to every connection watching this order (or all)."""
    with _connections() as connections:
        watching = {cid: c for cid, c in connections.items() if c.get("orderId") in (None, order["orderId"])}
    message = {"type": change, "order": order}
    gone = [cid for cid, c in watching.items() if not post_to_connection(c["endpoint"], cid, message)]
    if gone:
        with _connections() as connections:
            for cid in gone:
                connections.pop(cid, None)
    return len(watching) - len(gone)
