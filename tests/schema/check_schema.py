#!/usr/bin/python3
"""Checks schema/gatewright-project.schema.json (JSON Schema draft 4).

  * the schema is a valid draft-4 schema, uses only local "#/definitions/..." references,
    and every object schema with properties closes them with additionalProperties: false;
  * every resources/samples/**/*.gatewright.json and the example in
    docs/project-format.md validate;
  * a set of inline documents validate or fail as expected (for failures: at the
    expected JSON pointer).

Needs the Debian package python3-jsonschema (apt-get install python3-jsonschema).
Prints "N passed, M failed"; exits 0 when all passed, 1 on a failure, 77 (skip) when
jsonschema is not installed.

Usage: tests/schema/check_schema.py [-v]
"""

import copy
import json
import pathlib
import sys

try:
    import jsonschema
except ImportError:
    print("check_schema.py: python3-jsonschema is not installed (apt-get install python3-jsonschema)")
    sys.exit(77)

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "schema" / "gatewright-project.schema.json"
SAMPLES_DIR = ROOT / "resources" / "samples"
FORMAT_DOC = ROOT / "docs" / "project-format.md"
DRAFT4 = "http://json-schema.org/draft-04/schema#"

VERBOSE = "-v" in sys.argv[1:]
passed = 0
failed = 0


def report(ok, name, detail=""):
    global passed, failed
    if ok:
        passed += 1
        if VERBOSE:
            print(f"ok    {name}")
    else:
        failed += 1
        print(f"FAIL  {name}" + (f": {detail}" if detail else ""))


def pointer(path):
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def all_errors(errors):
    """Every error with the ones nested in anyOf/oneOf contexts, as (pointer, keyword, message)."""
    out = []
    for e in errors:
        out.append((pointer(e.absolute_path), e.validator, e.message))
        out.extend(all_errors(e.context or []))
    return out


def describe(errors, limit=3):
    return "; ".join(f"{p or '/'}: {m}" for p, _, m in errors[:limit])


# --- the schema itself -------------------------------------------------------------------

def walk_schemas(node, where="#"):
    """Yields (location, subschema) for every subschema of a draft-4 schema."""
    if not isinstance(node, dict):
        return
    yield where, node
    for key in ("properties", "patternProperties", "definitions"):
        for name, sub in (node.get(key) or {}).items():
            yield from walk_schemas(sub, f"{where}/{key}/{name}")
    for key in ("items", "additionalProperties", "additionalItems", "not"):
        sub = node.get(key)
        if isinstance(sub, dict):
            yield from walk_schemas(sub, f"{where}/{key}")
        elif isinstance(sub, list):
            for i, s in enumerate(sub):
                yield from walk_schemas(s, f"{where}/{key}/{i}")
    for key in ("allOf", "anyOf", "oneOf"):
        for i, sub in enumerate(node.get(key) or []):
            yield from walk_schemas(sub, f"{where}/{key}/{i}")


def check_schema_itself(schema):
    report(schema.get("$schema") == DRAFT4, "schema declares draft 4", schema.get("$schema"))
    try:
        jsonschema.Draft4Validator.check_schema(schema)
        report(True, "schema is a valid draft-4 schema")
    except jsonschema.SchemaError as exc:
        report(False, "schema is a valid draft-4 schema", exc.message)

    bad_refs, open_objects, undescribed = [], [], []
    definitions = schema.get("definitions", {})
    for where, sub in walk_schemas(schema):
        ref = sub.get("$ref")
        if ref is not None:
            prefix = "#/definitions/"
            if not ref.startswith(prefix) or ref[len(prefix):] not in definitions:
                bad_refs.append(f"{where}: {ref}")
        types = sub.get("type")
        types = types if isinstance(types, list) else [types]
        if "object" in types and ("properties" in sub or "patternProperties" in sub):
            if sub.get("additionalProperties") is not False:
                open_objects.append(where)
        if "object" in types and "properties" in sub:
            for name, prop in sub["properties"].items():
                if "description" not in prop and where in ("#", "#/definitions/function", "#/definitions/api",
                                                           "#/definitions/route", "#/definitions/integration"):
                    undescribed.append(f"{where}/properties/{name}")
    report(not bad_refs, "every $ref is a local #/definitions/ reference that resolves", ", ".join(bad_refs))
    report(not open_objects, "every object with properties has additionalProperties: false", ", ".join(open_objects))
    report(not undescribed, "main properties have a description", ", ".join(undescribed))


# --- documents -----------------------------------------------------------------------------

def strip_jsonc(text):
    """Removes // comments outside strings (the docs' example is JSON with comments)."""
    out, i, in_string = [], 0, False
    while i < len(text):
        c = text[i]
        if in_string:
            out.append(c)
            if c == "\\":
                out.append(text[i + 1])
                i += 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
            out.append(c)
        elif text.startswith("//", i):
            while i < len(text) and text[i] != "\n":
                i += 1
            continue
        else:
            out.append(c)
        i += 1
    return "".join(out)


def docs_example():
    text = FORMAT_DOC.read_text(encoding="utf-8")
    start = text.index("```jsonc") + len("```jsonc")
    end = text.index("```", start)
    return json.loads(strip_jsonc(text[start:end]))


def valid_kitchen_sink():
    """One document that uses every part of the format."""
    return {
        "format": "gatewright-project",
        "version": 1,
        "name": "Everything",
        "region": "eu-west-1",
        "accountId": "210987654321",
        "functions": [
            {"name": "listOrders", "runtime": "python3", "handler": "app.handler", "command": [],
             "codeDir": "functions/orders_py", "timeout": 3, "memorySize": 128,
             "environment": {"TABLE": "orders"}, "reservedConcurrency": None},
            {"name": "go-fn_2", "runtime": "command", "handler": "bootstrap", "command": ["./bootstrap", "--flag"],
             "codeDir": "functions/go", "timeout": 900, "memorySize": 10240, "environment": {}, "reservedConcurrency": 4},
            {"name": "authorize", "runtime": "nodejs", "handler": "auth.handler", "codeDir": "functions/auth"},
        ],
        "apis": [
            {
                "id": "orders-http", "name": "orders", "type": "HTTP", "apiId": "a1b2c3d4e5", "port": 0,
                "description": "",
                "routes": [
                    {"routeKey": "GET /orders/{id}", "integration": "listOrders", "authorizationType": "JWT",
                     "authorizer": "jwt", "authorizationScopes": ["orders/read"], "apiKeyRequired": False,
                     "routeResponseSelectionExpression": None},
                    {"routeKey": "ANY /{proxy+}", "integration": "backend", "authorizationType": "CUSTOM",
                     "authorizer": "lambda"},
                    {"routeKey": "$default", "integration": None},
                ],
                "integrations": [
                    {"id": "listOrders", "type": "AWS_PROXY",
                     "function": "arn:aws:lambda:eu-west-1:210987654321:function:listOrders:live",
                     "uri": None, "method": "ANY", "payloadFormatVersion": "2.0", "timeoutInMillis": 30000,
                     "requestParameters": {}, "requestTemplates": {}, "templateSelectionExpression": None},
                    {"id": "backend", "type": "HTTP_PROXY", "function": None, "uri": "http://127.0.0.1:9000/{proxy}",
                     "method": "GET", "payloadFormatVersion": "1.0", "timeoutInMillis": 50,
                     "requestParameters": {"overwrite:header.x-stage": "$context.stage"}},
                ],
                "routeSelectionExpression": None,
                "cors": {"allowOrigins": ["*"], "allowMethods": ["GET"], "allowHeaders": [], "exposeHeaders": [],
                         "maxAge": None, "allowCredentials": False},
                "stages": [{"name": "$default", "autoDeploy": True, "deployment": None, "stageVariables": {"v": "1"},
                            "accessLogFormat": None, "throttling": {"burstLimit": 5000, "rateLimit": 10000}}],
                "authorizers": [
                    {"id": "jwt", "name": "cognito", "type": "JWT", "identitySource": ["$request.header.Authorization"],
                     "jwtConfiguration": {"issuer": "https://issuer.example", "audience": ["client"]},
                     "function": None, "authorizerPayloadFormatVersion": "2.0", "enableSimpleResponses": False,
                     "resultTtlInSeconds": 300},
                    {"id": "lambda", "name": "lambda", "type": "REQUEST", "identitySource": ["$request.header.x-token"],
                     "jwtConfiguration": None, "function": "authorize", "authorizerPayloadFormatVersion": "2.0",
                     "enableSimpleResponses": True, "resultTtlInSeconds": 0},
                ],
            },
            {
                "id": "pets-rest", "name": "pets", "type": "REST", "apiId": "0123456789", "port": 8080,
                "resources": [
                    {"path": "/", "methods": []},
                    {"path": "/pets/{petId}", "methods": [{
                        "httpMethod": "GET", "authorizationType": "CUSTOM", "authorizer": "token",
                        "apiKeyRequired": True, "requestValidator": "body",
                        "requestParameters": {"method.request.querystring.q": True, "method.request.path.petId": True},
                        "requestModels": {"application/json": "PetModel"},
                        "integration": {
                            "type": "AWS", "function": "listOrders", "uri": None, "httpMethod": "POST",
                            "requestParameters": {"integration.request.header.x-q": "method.request.querystring.q"},
                            "requestTemplates": {"application/json": "{\"id\": \"$input.params('petId')\"}"},
                            "passthroughBehavior": "WHEN_NO_TEMPLATES", "contentHandling": None, "timeoutInMillis": 29000,
                            "integrationResponses": [
                                {"statusCode": "200", "selectionPattern": "", "responseParameters": {},
                                 "responseTemplates": {}, "contentHandling": "CONVERT_TO_TEXT"},
                                {"statusCode": "404", "selectionPattern": ".*not found.*"},
                            ],
                        },
                        "methodResponses": [{"statusCode": "200",
                                             "responseParameters": {"method.response.header.Content-Type": False},
                                             "responseModels": {"application/json": "Empty"}}],
                    }, {"httpMethod": "ANY", "integration": None}]},
                ],
                "models": [{"name": "PetModel", "contentType": "application/json",
                            "schema": {"$schema": DRAFT4, "type": "object", "required": ["name"]}}],
                "requestValidators": [{"id": "body", "name": "Validate body", "validateRequestBody": True,
                                       "validateRequestParameters": False}],
                "deployments": [{"id": "d1", "description": "first"}],
                "gatewayResponses": {"DEFAULT_4XX": {"statusCode": "400", "responseParameters": {},
                                                     "responseTemplates": {}},
                                     "MISSING_AUTHENTICATION_TOKEN": {"statusCode": "404"}},
                "binaryMediaTypes": ["image/png"],
                "apiKeySource": "HEADER",
                "stages": [{"name": "prod", "autoDeploy": False, "deployment": "d1", "throttling": None}],
                "authorizers": [{"id": "token", "name": "token", "type": "TOKEN",
                                 "identitySource": ["method.request.header.Authorization"], "function": "authorize",
                                 "resultTtlInSeconds": 3600}],
            },
            {
                "id": "chat", "name": "chat", "type": "WEBSOCKET", "apiId": "zzzzzzzzzz", "port": 65535,
                "routeSelectionExpression": "$request.body.action",
                "routes": [
                    {"routeKey": "$connect", "integration": "connect", "authorizationType": "AWS_IAM",
                     "apiKeyRequired": True},
                    {"routeKey": "$disconnect", "integration": "connect"},
                    {"routeKey": "sendMessage", "integration": "echo", "routeResponseSelectionExpression": "$default"},
                ],
                "integrations": [
                    {"id": "connect", "type": "AWS_PROXY", "function": "listOrders"},
                    {"id": "echo", "type": "MOCK", "requestTemplates": {"$default": "{\"statusCode\": 200}"},
                     "templateSelectionExpression": "\\$default"},
                ],
                "stages": [{"name": "production", "autoDeploy": True}],
            },
        ],
        "usagePlans": [{"id": "basic", "name": "Basic", "apiStages": [{"api": "pets-rest", "stage": "prod"}],
                        "throttle": {"burstLimit": 10, "rateLimit": 5.5},
                        "quota": {"limit": 1000, "period": "DAY", "offset": 0}},
                       {"id": "free", "name": "Free", "apiStages": [], "throttle": None, "quota": None}],
        "apiKeys": [{"id": "k1", "name": "alice", "value": "at-least-20-characters-long", "enabled": True,
                     "usagePlans": ["basic"]}],
    }


_DELETE = object()


def mutate(doc, path, value):
    """Returns a copy of doc with the value at path (a list of keys) replaced, or deleted for _DELETE."""
    doc = copy.deepcopy(doc)
    node = doc
    for key in path[:-1]:
        node = node[key]
    if value is _DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return doc


def add_key(doc, path, key, value):
    doc = copy.deepcopy(doc)
    node = doc
    for k in path:
        node = node[k]
    node[key] = value
    return doc


def build_cases():
    base = valid_kitchen_sink()
    http_route = ["apis", 0, "routes", 0]
    fn = ["functions", 0]
    valid = [
        ("kitchen sink: every part of the format", base),
        ("minimal document: format and version only", {"format": "gatewright-project", "version": 1}),
        ("WebSocket route keys are free strings",
         mutate(base, ["apis", 2, "routes", 2, "routeKey"], "any custom key!")),
        ("HTTP route key ANY /", mutate(base, http_route + ["routeKey"], "ANY /")),
        ("function reference by ARN without qualifier",
         mutate(base, ["apis", 0, "integrations", 0, "function"], "arn:aws:lambda:us-east-1:123456789012:function:x")),
        ("64-character function name", mutate(base, fn + ["name"], "a" * 64)),
        ("port 0 and 65535", mutate(base, ["apis", 1, "port"], 0)),
    ]
    # (name, document, JSON pointer at which an error is expected, keyword or None)
    invalid = [
        ("wrong version 2", mutate(base, ["version"], 2), "/version", "enum"),
        ("version as a string", mutate(base, ["version"], "1"), "/version", "type"),
        ("version 1.0 is not an integer", mutate(base, ["version"], 1.0), "/version", "type"),
        ("missing format", mutate(base, ["format"], _DELETE), "", "required"),
        ("wrong format", mutate(base, ["format"], "gatewright"), "/format", "enum"),
        ("missing version", mutate(base, ["version"], _DELETE), "", "required"),
        ("unknown top-level property", add_key(base, [], "fuctions", []), "", "additionalProperties"),
        ("unknown route property (typo)", add_key(base, http_route, "routekey", "GET /x"),
         "/apis/0/routes/0", "additionalProperties"),
        ("unknown function property", add_key(base, fn, "timeOut", 3), "/functions/0", "additionalProperties"),
        ("unknown REST method property", add_key(base, ["apis", 1, "resources", 1, "methods", 0], "verb", "GET"),
         "/apis/1/resources/1/methods/0", "additionalProperties"),
        ("bad HTTP route key: no slash", mutate(base, http_route + ["routeKey"], "GET orders"),
         "/apis/0/routes/0/routeKey", "pattern"),
        ("bad HTTP route key: unknown method", mutate(base, http_route + ["routeKey"], "FETCH /orders"),
         "/apis/0/routes/0/routeKey", "pattern"),
        ("bad HTTP route key: lowercase method", mutate(base, http_route + ["routeKey"], "get /orders"),
         "/apis/0/routes/0/routeKey", "pattern"),
        ("bad HTTP route key: $connect", mutate(base, http_route + ["routeKey"], "$connect"),
         "/apis/0/routes/0/routeKey", "pattern"),
        ("empty WebSocket route key", mutate(base, ["apis", 2, "routes", 2, "routeKey"], ""),
         "/apis/2/routes/2/routeKey", "minLength"),
        ("bad function name: space", mutate(base, fn + ["name"], "list orders"), "/functions/0/name", "pattern"),
        ("bad function name: 65 characters", mutate(base, fn + ["name"], "a" * 65), "/functions/0/name", "pattern"),
        ("bad function name: empty", mutate(base, fn + ["name"], ""), "/functions/0/name", "pattern"),
        ("function without name", mutate(base, fn + ["name"], _DELETE), "/functions/0", "required"),
        ("unknown runtime", mutate(base, fn + ["runtime"], "python3.12"), "/functions/0/runtime", "enum"),
        ("timeout 0", mutate(base, fn + ["timeout"], 0), "/functions/0/timeout", "minimum"),
        ("timeout 901", mutate(base, fn + ["timeout"], 901), "/functions/0/timeout", "maximum"),
        ("memorySize 64", mutate(base, fn + ["memorySize"], 64), "/functions/0/memorySize", "minimum"),
        ("memorySize 10241", mutate(base, fn + ["memorySize"], 10241), "/functions/0/memorySize", "maximum"),
        ("environment value not a string", mutate(base, fn + ["environment"], {"PORT": 8080}),
         "/functions/0/environment/PORT", "type"),
        ("bad function ARN", mutate(base, ["apis", 0, "integrations", 0, "function"],
                                    "arn:aws:lambda:us-east-1:123:function:x"),
         "/apis/0/integrations/0/function", "pattern"),
        ("apiId with uppercase", mutate(base, ["apis", 0, "apiId"], "A1B2C3D4E5"), "/apis/0/apiId", "pattern"),
        ("apiId with 9 characters", mutate(base, ["apis", 0, "apiId"], "a1b2c3d4e"), "/apis/0/apiId", "pattern"),
        ("accountId with 11 digits", mutate(base, ["accountId"], "12345678901"), "/accountId", "pattern"),
        ("unknown API type", mutate(base, ["apis", 0, "type"], "GRAPHQL"), "/apis/0/type", "enum"),
        ("API without type", mutate(base, ["apis", 0, "type"], _DELETE), "/apis/0", "required"),
        ("port 65536", mutate(base, ["apis", 0, "port"], 65536), "/apis/0/port", "maximum"),
        ("port -1", mutate(base, ["apis", 0, "port"], -1), "/apis/0/port", "minimum"),
        ("timeoutInMillis 49", mutate(base, ["apis", 0, "integrations", 0, "timeoutInMillis"], 49),
         "/apis/0/integrations/0/timeoutInMillis", "minimum"),
        ("timeoutInMillis 30001", mutate(base, ["apis", 0, "integrations", 0, "timeoutInMillis"], 30001),
         "/apis/0/integrations/0/timeoutInMillis", "maximum"),
        ("payloadFormatVersion 3.0", mutate(base, ["apis", 0, "integrations", 0, "payloadFormatVersion"], "3.0"),
         "/apis/0/integrations/0/payloadFormatVersion", "enum"),
        ("payloadFormatVersion as a number", mutate(base, ["apis", 0, "integrations", 0, "payloadFormatVersion"], 2.0),
         "/apis/0/integrations/0/payloadFormatVersion", "type"),
        ("REST resource path without leading slash", mutate(base, ["apis", 1, "resources", 1, "path"], "pets"),
         "/apis/1/resources/1/path", "pattern"),
        ("REST authorizationType JWT", mutate(base, ["apis", 1, "resources", 1, "methods", 0, "authorizationType"],
                                             "JWT"),
         "/apis/1/resources/1/methods/0/authorizationType", "enum"),
        ("REST request parameter with a bad location",
         mutate(base, ["apis", 1, "resources", 1, "methods", 0, "requestParameters"], {"method.request.body.q": True}),
         "/apis/1/resources/1/methods/0/requestParameters", "additionalProperties"),
        ("status code 20", mutate(base, ["apis", 1, "resources", 1, "methods", 0, "methodResponses", 0, "statusCode"],
                                  "20"),
         "/apis/1/resources/1/methods/0/methodResponses/0/statusCode", "pattern"),
        ("unknown gateway response type", add_key(base, ["apis", 1, "gatewayResponses"], "DEFAULT_4xx", {}),
         "/apis/1/gatewayResponses", "additionalProperties"),
        ("stage name with a space", mutate(base, ["apis", 1, "stages", 0, "name"], "my stage"),
         "/apis/1/stages/0/name", "pattern"),
        ("null route key", mutate(base, http_route + ["routeKey"], None), "/apis/0/routes/0/routeKey", "type"),
        ("null where the model has no optional (authorizationType)", mutate(base, http_route + ["authorizationType"],
                                                                             None),
         "/apis/0/routes/0/authorizationType", "type"),
        ("quota period YEAR", mutate(base, ["usagePlans", 0, "quota", "period"], "YEAR"),
         "/usagePlans/0/quota/period", "enum"),
        ("API key shorter than 20 characters", mutate(base, ["apiKeys", 0, "value"], "short"),
         "/apiKeys/0/value", "minLength"),
        ("usage plan stage without api", mutate(base, ["usagePlans", 0, "apiStages", 0, "api"], _DELETE),
         "/usagePlans/0/apiStages/0", "required"),
        ("apis is not an array", mutate(base, ["apis"], {}), "/apis", "type"),
    ]
    return valid, invalid


def check_documents(validator):
    samples = sorted(SAMPLES_DIR.rglob("*.gatewright.json"))
    report(bool(samples), f"found samples under {SAMPLES_DIR.relative_to(ROOT)}")
    for path in samples:
        name = f"sample {path.relative_to(ROOT)}"
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            report(False, name, str(exc))
            continue
        errors = all_errors(validator.iter_errors(doc))
        report(not errors, name, describe(errors))

    try:
        errors = all_errors(validator.iter_errors(docs_example()))
        report(not errors, "example in docs/project-format.md", describe(errors))
    except (OSError, ValueError) as exc:
        report(False, "example in docs/project-format.md", str(exc))

    valid, invalid = build_cases()
    for name, doc in valid:
        errors = all_errors(validator.iter_errors(doc))
        report(not errors, f"valid: {name}", describe(errors))
    for name, doc, at, keyword in invalid:
        errors = all_errors(validator.iter_errors(doc))
        if not errors:
            report(False, f"invalid: {name}", "validated, but must fail")
            continue
        hit = any(p == at and (keyword is None or k == keyword) for p, k, _ in errors)
        report(hit, f"invalid: {name}",
               f"expected a '{keyword}' error at '{at or '/'}', got: {describe(errors, 5)}")


def main():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    check_schema_itself(schema)
    check_documents(jsonschema.Draft4Validator(schema))
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
