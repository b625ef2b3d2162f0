"""Orders service of the Gatewright "orders" sample (Python, standard library only).

One Lambda function serves every /orders route: `handler` dispatches on the route key.
Routes with payload format 2.0 carry it in event["routeKey"]; the legacy route uses
payload format 1.0, which has no routeKey, so it is rebuilt from httpMethod + resource.

State lives in ORDERS, a module-level dict. As on AWS Lambda, a warm process keeps its
module state between invocations, so an order created by POST /orders is visible to the
next GET; a cold start (new process, code edited, idle timeout) resets it to the three
demo orders. The project sets reservedConcurrency 1 so that a single warm process
serves all requests; with more processes each one would have its own copy. Real
services keep orders in a database, never in process memory.
"""

import base64
import binascii
import json
import os
from datetime import datetime, timezone

import live_channel

CURRENCY = os.environ.get("CURRENCY", "USD")

# Unit prices in cents. The catalog function (catalog_node/app.js) owns the product
# data; a real order service would look prices up there or in a shared database.
PRICES = {
    "kb-01": 8900,
    "ms-02": 2950,
    "mn-27": 24900,
    "cb-usb": 999,
    "st-lap": 3400,
}

STATUSES = ("PENDING", "PAID", "SHIPPED", "DELIVERED")
MAX_ITEMS = 20
MAX_QUANTITY = 100


def _now():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _make_order(order_id, customer_id, items, status, created_at):
    lines = [
        {"sku": sku, "quantity": qty, "unitPriceCents": PRICES[sku], "lineTotalCents": PRICES[sku] * qty}
        for sku, qty in items
    ]
    return {
        "orderId": order_id,
        "customerId": customer_id,
        "status": status,
        "items": lines,
        "totalCents": sum(line["lineTotalCents"] for line in lines),
        "currency": CURRENCY,
        "createdAt": created_at,
    }


def _seed():
    return {
        "ord-1001": _make_order("ord-1001", "cust-ana", [("kb-01", 1), ("cb-usb", 2)], "DELIVERED", "2024-05-02T09:14:00Z"),
        "ord-1002": _make_order("ord-1002", "cust-ben", [("mn-27", 2)], "SHIPPED", "2024-05-03T16:40:00Z"),
        "ord-1003": _make_order("ord-1003", "cust-ana", [("ms-02", 1), ("st-lap", 1)], "PENDING", "2024-05-04T11:05:00Z"),
    }


# Per-process state: created at cold start, kept while the process stays warm.
ORDERS = _seed()
_next_id = 1004
print(f"orders: cold start, seeded {len(ORDERS)} demo orders")


# --- responses -------------------------------------------------------------------------

def _json(status, payload, headers=None):
    all_headers = {"content-type": "application/json"}
    all_headers.update(headers or {})
    return {
        "statusCode": status,
        "headers": all_headers,
        "body": json.dumps(payload),
        "isBase64Encoded": False,
    }


def _error(status, message, details=None):
    payload = {"message": message}
    if details:
        payload["errors"] = details
    return _json(status, payload)


# --- request helpers -------------------------------------------------------------------

def _path_param(event, name):
    return (event.get("pathParameters") or {}).get(name)


def _read_json_body(event):
    """Returns (value, None) or (None, error response)."""
    body = event.get("body")
    if body is None or body == "":
        return None, _error(400, "Request body is required: a JSON object")
    if event.get("isBase64Encoded"):
        try:
            body = base64.b64decode(body, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None, _error(400, "Request body could not be decoded as UTF-8 text")
    try:
        return json.loads(body), None
    except json.JSONDecodeError as exc:
        return None, _error(400, "Request body is not valid JSON", [f"line {exc.lineno} column {exc.colno}: {exc.msg}"])


def _validate_new_order(data):
    """Returns (customerId, [(sku, quantity)], []) or (None, None, [problems])."""
    if not isinstance(data, dict):
        return None, None, ["body must be a JSON object"]
    problems = []
    unknown = sorted(set(data) - {"customerId", "items"})
    if unknown:
        problems.append("unknown field(s): " + ", ".join(unknown))

    customer_id = data.get("customerId")
    if not isinstance(customer_id, str) or not customer_id.strip():
        problems.append("customerId must be a non-empty string")
    elif len(customer_id) > 64:
        problems.append("customerId must be at most 64 characters")

    items = data.get("items")
    parsed = []
    if not isinstance(items, list) or not items:
        problems.append("items must be a non-empty array")
    elif len(items) > MAX_ITEMS:
        problems.append(f"items may hold at most {MAX_ITEMS} entries")
    else:
        for i, item in enumerate(items):
            where = f"items[{i}]"
            if not isinstance(item, dict):
                problems.append(f"{where} must be an object with sku and quantity")
                continue
            sku = item.get("sku")
            qty = item.get("quantity")
            sku_ok = isinstance(sku, str) and sku in PRICES
            # bool is a subclass of int in Python: reject true/false explicitly.
            qty_ok = isinstance(qty, int) and not isinstance(qty, bool) and 1 <= qty <= MAX_QUANTITY
            if not sku_ok:
                problems.append(f"{where}.sku must be one of: " + ", ".join(sorted(PRICES)))
            if not qty_ok:
                problems.append(f"{where}.quantity must be an integer from 1 to {MAX_QUANTITY}")
            extra = sorted(set(item) - {"sku", "quantity"})
            if extra:
                problems.append(f"{where} has unknown field(s): " + ", ".join(extra))
            if sku_ok and qty_ok:
                parsed.append((sku, qty))
    if problems:
        return None, None, problems
    return customer_id.strip(), parsed, []


def _filter_orders(statuses, customer_id):
    orders = sorted(ORDERS.values(), key=lambda o: o["orderId"])
    if statuses:
        orders = [o for o in orders if o["status"] in statuses]
    if customer_id:
        orders = [o for o in orders if o["customerId"] == customer_id]
    return orders


def _parse_statuses(values):
    """values: list of raw strings; each may hold a comma-separated list."""
    statuses = []
    for value in values:
        statuses.extend(s.strip().upper() for s in value.split(",") if s.strip())
    bad = [s for s in statuses if s not in STATUSES]
    return statuses, bad


# --- routes ----------------------------------------------------------------------------

def list_orders(event):
    # Payload 2.0: queryStringParameters is absent when there is no query string, and a
    # repeated parameter arrives as one comma-joined value (?status=A&status=B -> "A,B").
    query = event.get("queryStringParameters") or {}
    statuses, bad = _parse_statuses([query["status"]] if "status" in query else [])
    if bad:
        return _error(400, "Unknown status", [f"status must be one of: {', '.join(STATUSES)}"])
    orders = _filter_orders(statuses, query.get("customerId"))
    return _json(200, {"orders": orders, "count": len(orders)})


def create_order(event):
    global _next_id
    data, error = _read_json_body(event)
    if error:
        return error
    customer_id, items, problems = _validate_new_order(data)
    if problems:
        return _error(400, "Invalid order", problems)
    order_id = f"ord-{_next_id}"
    _next_id += 1
    order = _make_order(order_id, customer_id, items, "PENDING", _now())
    ORDERS[order_id] = order
    _tell_live_channel("ORDER_CREATED", order)
    return _json(201, order, {"location": f"/orders/{order_id}"})


def get_order(event):
    order_id = _path_param(event, "orderId") or ""
    order = ORDERS.get(order_id)
    if order is None:
        return _error(404, f"Order {order_id} not found")
    return _json(200, order)


def delete_order(event):
    order_id = _path_param(event, "orderId") or ""
    order = ORDERS.get(order_id)
    if order is None:
        return _error(404, f"Order {order_id} not found")
    if order["status"] in ("SHIPPED", "DELIVERED"):
        return _error(409, f"Order {order_id} is {order['status']} and can no longer be deleted")
    del ORDERS[order_id]
    _tell_live_channel("ORDER_DELETED", order)
    return {"statusCode": 204, "headers": {}, "body": "", "isBase64Encoded": False}


def update_order(event):
    # The status moves forward only: PENDING -> PAID -> SHIPPED -> DELIVERED.
    order_id = _path_param(event, "orderId") or ""
    order = ORDERS.get(order_id)
    if order is None:
        return _error(404, f"Order {order_id} not found")
    data, error = _read_json_body(event)
    if error:
        return error
    status = data.get("status") if isinstance(data, dict) else None
    if status not in STATUSES:
        return _error(400, "Invalid status", [f"status must be one of: {', '.join(STATUSES)}"])
    if STATUSES.index(status) <= STATUSES.index(order["status"]):
        return _error(409, f"Order {order_id} is {order['status']}: it cannot become {status}")
    order["status"] = status
    _tell_live_channel("ORDER_STATUS_CHANGED", order)
    return _json(200, order)


def _tell_live_channel(change, order):
    # The order's change reaches the WebSocket clients listening for it; a push that fails
    # never fails the order request itself.
    try:
        reached = live_channel.order_changed(change, order)
        print(f"live channel: {change} {order['orderId']} pushed to {reached} connection(s)")
    except Exception as error:  # noqa: BLE001 - the order is done whatever the channel does
        print(f"live channel: {change} {order['orderId']} not pushed: {error}")


def legacy_list_orders(event):
    # Payload 1.0: multiValueQueryStringParameters keeps every value of a repeated
    # parameter (?status=PENDING&status=SHIPPED -> ["PENDING", "SHIPPED"]), while
    # queryStringParameters holds only the last one.
    multi = event.get("multiValueQueryStringParameters") or {}
    statuses, bad = _parse_statuses(multi.get("status") or [])
    if bad:
        return _error(400, "Unknown status", [f"status must be one of: {', '.join(STATUSES)}"])
    customer_ids = multi.get("customerId") or []
    orders = _filter_orders(statuses, customer_ids[-1] if customer_ids else None)
    return _json(200, {
        "orders": orders,
        "count": len(orders),
        "filters": {"status": statuses, "customerId": customer_ids},
        "payloadFormatVersion": event.get("version", "1.0"),
        "httpMethod": event.get("httpMethod"),
    })


ROUTES = {
    "GET /orders": list_orders,
    "POST /orders": create_order,
    "GET /orders/{orderId}": get_order,
    "DELETE /orders/{orderId}": delete_order,
    "PATCH /orders/{orderId}": update_order,
    "GET /legacy/orders": legacy_list_orders,
}


def _route_key(event):
    if event.get("version") == "2.0":
        return event.get("routeKey", "")
    # Payload 1.0 (and REST API proxy events): no routeKey; resource is the route path.
    return f"{event.get('httpMethod', '')} {event.get('resource', '')}"


def handler(event, context):
    route_key = _route_key(event)
    route = ROUTES.get(route_key)
    if route is None:
        return _error(404, f"No handler for route {route_key!r}")
    return route(event)
