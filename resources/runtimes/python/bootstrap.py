#!/usr/bin/env python3
"""Gatewright: Lambda Runtime API client for Python handlers.

Started by the gateway as a real process, with the environment AWS Lambda gives a
function (AWS_LAMBDA_RUNTIME_API, _HANDLER, LAMBDA_TASK_ROOT, AWS_LAMBDA_FUNCTION_*, ...).
It imports the handler, then loops: GET /next (long poll), call the handler,
POST /response or /error.  Python standard library only; runs on Python >= 3.8.

Exit status: 1 after an init error (reported to /runtime/init/error first), 1 when the
Runtime API fails or answers /next with something other than 200.
"""

import decimal
import http.client
import importlib
import json
import os
import sys
import time
import traceback

API_PREFIX = "/2018-06-01/runtime"
NEXT_PATH = API_PREFIX + "/invocation/next"
INIT_ERROR_PATH = API_PREFIX + "/init/error"
ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type"
JSON_HEADERS = {"Content-Type": "application/json"}
UNHANDLED_ERROR_HEADERS = {"Content-Type": "application/json", ERROR_TYPE_HEADER: "Unhandled"}
BOOTSTRAP_FILE = os.path.abspath(__file__)


class FaultException(Exception):
    """An error of the runtime itself (as opposed to one raised by the handler)."""

    MARSHAL_ERROR = "Runtime.MarshalError"
    UNMARSHAL_ERROR = "Runtime.UnmarshalError"
    IMPORT_MODULE_ERROR = "Runtime.ImportModuleError"
    BUILT_IN_MODULE_CONFLICT = "Runtime.BuiltInModuleConflict"
    MALFORMED_HANDLER_NAME = "Runtime.MalformedHandlerName"
    USER_CODE_SYNTAX_ERROR = "Runtime.UserCodeSyntaxError"
    HANDLER_NOT_FOUND = "Runtime.HandlerNotFound"
    LAMBDA_CONTEXT_UNMARSHAL_ERROR = "Runtime.LambdaContextUnmarshalError"

    def __init__(self, exception_type, msg, trace=None):
        Exception.__init__(self, msg)
        self.exception_type = exception_type
        self.msg = msg
        self.trace = trace if trace else []


# --------------------------------------------------------------------------- context


class CognitoIdentity(object):
    __slots__ = ["cognito_identity_id", "cognito_identity_pool_id"]

    def __repr__(self):
        return "CognitoIdentity([cognito_identity_id={}, cognito_identity_pool_id={}])".format(
            self.cognito_identity_id, self.cognito_identity_pool_id)


class Client(object):
    __slots__ = ["installation_id", "app_title", "app_version_name", "app_version_code",
                 "app_package_name"]

    def __repr__(self):
        return "Client([{}])".format(", ".join(
            "{}={}".format(k, getattr(self, k)) for k in self.__slots__))


class ClientContext(object):
    __slots__ = ["custom", "env", "client"]

    def __repr__(self):
        return "ClientContext([custom={}, env={}, client={}])".format(
            self.custom, self.env, self.client)


def _obj_from_dict(cls, data):
    if data is None:
        return None
    obj = cls()
    if not isinstance(data, dict):
        data = {}
    for field in cls.__slots__:
        setattr(obj, field, data.get(field))
    return obj


def _env_int(name):
    try:
        return int(os.environ.get(name, ""))
    except ValueError:
        return None


# Per-process values, read once.
FUNCTION_NAME = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
FUNCTION_VERSION = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
MEMORY_LIMIT_IN_MB = _env_int("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
LOG_GROUP_NAME = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
LOG_STREAM_NAME = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")


class LambdaContext(object):
    def __init__(self, request_id, deadline_ms, invoked_function_arn, client_context,
                 cognito_identity):
        self.aws_request_id = request_id
        self.log_group_name = LOG_GROUP_NAME
        self.log_stream_name = LOG_STREAM_NAME
        self.function_name = FUNCTION_NAME
        self.memory_limit_in_mb = MEMORY_LIMIT_IN_MB
        self.function_version = FUNCTION_VERSION
        self.invoked_function_arn = invoked_function_arn
        self._deadline_ms = deadline_ms

        self.client_context = _obj_from_dict(ClientContext, client_context)
        if self.client_context is not None:
            self.client_context.client = _obj_from_dict(Client, self.client_context.client)

        self.identity = _obj_from_dict(CognitoIdentity, {})
        if isinstance(cognito_identity, dict):
            self.identity.cognito_identity_id = cognito_identity.get("cognitoIdentityId")
            self.identity.cognito_identity_pool_id = cognito_identity.get("cognitoIdentityPoolId")

    def get_remaining_time_in_millis(self):
        remaining = self._deadline_ms - int(time.time() * 1000)
        return remaining if remaining > 0 else 0

    def __repr__(self):
        return (
            "LambdaContext([aws_request_id={}, log_group_name={}, log_stream_name={}, "
            "function_name={}, memory_limit_in_mb={}, function_version={}, "
            "invoked_function_arn={}, client_context={}, identity={}])".format(
                self.aws_request_id, self.log_group_name, self.log_stream_name,
                self.function_name, self.memory_limit_in_mb, self.function_version,
                self.invoked_function_arn, self.client_context, self.identity))


# --------------------------------------------------------------------------- errors


def make_error(message, error_type, stack_trace, request_id=None):
    """The error document; init errors carry no requestId."""
    result = {
        "errorMessage": message if message else "",
        "errorType": error_type if error_type else "",
    }
    if request_id is not None:
        result["requestId"] = request_id
    result["stackTrace"] = stack_trace if stack_trace else []
    return result


IMPORTLIB_DIR = os.path.dirname(os.path.abspath(importlib.__file__))


def _is_runtime_frame(filename):
    if filename.startswith("<frozen importlib"):
        return True
    path = os.path.abspath(filename)
    return path == BOOTSTRAP_FILE or os.path.dirname(path) == IMPORTLIB_DIR


def _user_frames(tb):
    """Traceback entries of user code: the leading frames of the runtime (this file,
    importlib) are dropped."""
    frames = traceback.extract_tb(tb)
    for i, frame in enumerate(frames):
        if not _is_runtime_frame(frame.filename):
            return traceback.format_list(frames[i:])
    return []


def build_fault_result(exc_info, request_id):
    etype, value, tb = exc_info
    return make_error(str(value), etype.__name__, _user_frames(tb), request_id)


def log_error(error):
    """Like the real runtime: "[ERROR] Type: message" then the traceback, on stderr."""
    line = "[ERROR]"
    if error.get("errorType"):
        line += " " + error["errorType"]
    if error.get("errorMessage"):
        if error.get("errorType"):
            line += ":"
        line += " " + error["errorMessage"]
    lines = [line, "Traceback (most recent call last):"]
    for entry in error.get("stackTrace") or []:
        lines.extend(entry.splitlines() if entry else [""])
    try:
        sys.stderr.write("\n".join(lines) + "\n")
        sys.stderr.flush()
    except Exception:
        pass


def _flush_output():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass


# --------------------------------------------------------------------------- JSON


def _json_default(obj):
    if isinstance(obj, decimal.Decimal):
        return float(obj)
    raise TypeError("Object of type {} is not JSON serializable".format(type(obj).__name__))


def to_json(obj):
    return json.dumps(obj, default=_json_default)


# --------------------------------------------------------------------------- Runtime API


class RuntimeApiError(Exception):
    pass


class RuntimeClient(object):
    """One persistent keep-alive connection to the Runtime API."""

    def __init__(self, address):
        self.address = address
        self.conn = None

    def close(self):
        if self.conn is not None:
            try:
                self.conn.close()
            except Exception:
                pass
            self.conn = None

    def request(self, method, path, body=None, headers=None):
        """Returns (status, headers, body).  A failure on a reused (possibly stale)
        connection is retried once on a fresh one."""
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.address)
            reused = self.conn.sock is not None
            try:
                self.conn.request(method, path, body=body, headers=headers or {})
                response = self.conn.getresponse()
                data = response.read()
                return response.status, response.headers, data
            except (http.client.HTTPException, OSError) as e:
                self.close()
                if attempt or not reused:
                    raise RuntimeApiError("{} {} failed: {!r}".format(method, path, e))

    def next(self):
        status, headers, body = self.request("GET", NEXT_PATH)
        if status != 200:
            raise RuntimeApiError("GET {} answered {}: {!r}".format(NEXT_PATH, status, body[:500]))
        return headers, body

    def _post(self, path, body, headers):
        status, _, data = self.request("POST", path, body, headers)
        if not 200 <= status < 300:
            sys.stderr.write("gatewright bootstrap: POST {} answered {}: {!r}\n".format(
                path, status, data[:500]))
            sys.stderr.flush()
        return status

    def post_response(self, request_id, payload):
        return self._post(API_PREFIX + "/invocation/" + request_id + "/response", payload,
                          JSON_HEADERS)

    def post_error(self, request_id, error):
        return self._post(API_PREFIX + "/invocation/" + request_id + "/error",
                          to_json(error).encode("utf-8"), UNHANDLED_ERROR_HEADERS)

    def post_init_error(self, error):
        headers = {"Content-Type": "application/json", ERROR_TYPE_HEADER: error["errorType"]}
        return self._post(INIT_ERROR_PATH, to_json(error).encode("utf-8"), headers)


# --------------------------------------------------------------------------- handler


def get_handler(handler_name):
    try:
        (modname, fname) = handler_name.rsplit(".", 1)
    except ValueError as e:
        raise FaultException(FaultException.MALFORMED_HANDLER_NAME,
                             "Bad handler '{}': {}".format(handler_name, str(e)))

    try:
        if modname.split(".")[0] in sys.builtin_module_names:
            raise FaultException(
                FaultException.BUILT_IN_MODULE_CONFLICT,
                "Cannot use built-in module {} as a handler module".format(modname))
        module = importlib.import_module(modname.replace("/", "."))
    except ImportError as e:
        raise FaultException(FaultException.IMPORT_MODULE_ERROR,
                             "Unable to import module '{}': {}".format(modname, str(e)))
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise FaultException(FaultException.USER_CODE_SYNTAX_ERROR,
                             "Syntax error in module '{}': {}".format(modname, str(e)), trace)

    try:
        return getattr(module, fname)
    except AttributeError:
        raise FaultException(FaultException.HANDLER_NOT_FOUND,
                             "Handler '{}' missing on module '{}'".format(fname, modname))


def _parse_header_json(value, what):
    if not value:
        return None
    try:
        return json.loads(value)
    except Exception as e:
        raise FaultException(FaultException.LAMBDA_CONTEXT_UNMARSHAL_ERROR,
                             "Unable to parse {} JSON: {}".format(what, str(e)))


def handle_invocation(client, handler, headers, body):
    request_id = headers.get("Lambda-Runtime-Aws-Request-Id") or ""
    trace_id = headers.get("Lambda-Runtime-Trace-Id")
    if trace_id:
        os.environ["_X_AMZN_TRACE_ID"] = trace_id
    elif "_X_AMZN_TRACE_ID" in os.environ:
        del os.environ["_X_AMZN_TRACE_ID"]

    try:
        try:
            deadline_ms = int(headers.get("Lambda-Runtime-Deadline-Ms") or 0)
        except ValueError:
            deadline_ms = 0
        context = LambdaContext(
            request_id, deadline_ms,
            headers.get("Lambda-Runtime-Invoked-Function-Arn"),
            _parse_header_json(headers.get("Lambda-Runtime-Client-Context"), "Client Context"),
            _parse_header_json(headers.get("Lambda-Runtime-Cognito-Identity"),
                               "Cognito Identity"))
        try:
            event = json.loads(body)
        except Exception as e:
            raise FaultException(FaultException.UNMARSHAL_ERROR,
                                 "Unable to unmarshal input: {}".format(str(e)))

        result = handler(event, context)

        try:
            payload = to_json(result).encode("utf-8")
        except Exception as e:
            raise FaultException(FaultException.MARSHAL_ERROR,
                                 "Unable to marshal response: {}".format(str(e)))
    except FaultException as e:
        error = make_error(e.msg, e.exception_type, e.trace, request_id)
    except Exception:
        error = build_fault_result(sys.exc_info(), request_id)
    else:
        _flush_output()
        client.post_response(request_id, payload)
        return

    log_error(error)
    _flush_output()
    client.post_error(request_id, error)


# --------------------------------------------------------------------------- main


def _setup_streams():
    # The gateway captures stdout/stderr per invocation: no block buffering.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(line_buffering=True)
        except Exception:
            pass


def _setup_path(task_root):
    # The bootstrap's own directory must not shadow user modules.
    script_dir = os.path.dirname(BOOTSTRAP_FILE)
    sys.path[:] = [p for p in sys.path
                   if os.path.abspath(p or os.curdir) != script_dir or p == task_root]
    if task_root:
        sys.path.insert(0, task_root)
        try:
            os.chdir(task_root)
        except OSError as e:
            sys.stderr.write("gatewright bootstrap: cannot chdir to {}: {}\n".format(task_root, e))


def main():
    _setup_streams()
    address = os.environ.get("AWS_LAMBDA_RUNTIME_API")
    if not address:
        sys.stderr.write("gatewright bootstrap: AWS_LAMBDA_RUNTIME_API is not set\n")
        return 1
    _setup_path(os.environ.get("LAMBDA_TASK_ROOT", ""))
    client = RuntimeClient(address)

    try:
        handler = get_handler(os.environ.get("_HANDLER", ""))
    except Exception as e:
        if isinstance(e, FaultException):
            error = make_error(e.msg, e.exception_type, e.trace)
        else:
            error = build_fault_result(sys.exc_info(), None)
        log_error(error)
        _flush_output()
        try:
            client.post_init_error(error)
        except RuntimeApiError as api_error:
            sys.stderr.write("gatewright bootstrap: {}\n".format(api_error))
        return 1

    try:
        while True:
            headers, body = client.next()
            handle_invocation(client, handler, headers, body)
    except RuntimeApiError as e:
        _flush_output()
        sys.stderr.write("gatewright bootstrap: {}\n".format(e))
        sys.stderr.flush()
        return 1


if __name__ == "__main__":
    sys.exit(main())
