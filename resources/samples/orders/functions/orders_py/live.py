"""The WebSocket API of the orders sample: clients connect to hear about order changes.

$connect stores the connection (live_channel.add), $disconnect forgets it, and
{"action": "subscribe", "orderId": "ord-1001"} narrows it to one order (without it a
connection hears about every order). Any other message gets a short help text back.
The orders function (app.py) pushes the changes.
"""

import json

import live_channel


def _reply(payload, status=200):
    return {"statusCode": status, "body": json.dumps(payload)}


def handler(event, context):
    request = event["requestContext"]
    route, connection_id = request["routeKey"], request["connectionId"]
    if route == "$connect":
        # Where this connection's @connections API answers, as AWS's samples build it.
        live_channel.add(connection_id, f"https://{request['domainName']}/{request['stage']}")
        return {"statusCode": 200}
    if route == "$disconnect":
        live_channel.remove(connection_id)
        return {"statusCode": 200}
    try:
        body = json.loads(event.get("body") or "{}")
    except ValueError:
        body = {}
    if route == "subscribe":
        order_id = body.get("orderId") if isinstance(body, dict) else None
        if not isinstance(order_id, str) or not order_id:
            return _reply({"message": "subscribe needs an orderId, e.g. {\"action\": \"subscribe\", \"orderId\": \"ord-1002\"}"})
        live_channel.subscribe(connection_id, order_id)
        return _reply({"subscribed": order_id, "connectionId": connection_id})
    return _reply({"message": "Order changes arrive here. Send {\"action\": \"subscribe\", \"orderId\": \"ord-1002\"} "
                              "to hear about one order only.", "connectionId": connection_id})
