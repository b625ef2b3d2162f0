'use strict';
// Gatewright: Lambda Runtime API client for Node.js handlers (Node >= 18, CommonJS,
// core modules only).
//
// Started by the gateway as a real process with the environment AWS Lambda gives a
// function (AWS_LAMBDA_RUNTIME_API, _HANDLER, LAMBDA_TASK_ROOT, AWS_LAMBDA_FUNCTION_*).
// Loads the handler, then loops: GET /next (long poll), call the handler, POST
// /response or /error, over one keep-alive connection.
//
// Exit status: 129 after an init error (reported to /runtime/init/error first) and after
// an uncaught exception, 128 after an unhandled promise rejection (both reported to the
// current invocation's /error first), 1 when the Runtime API fails or answers /next with
// something other than 200.

const net = require('net');
const path = require('path');
const fs = require('fs');
const { pathToFileURL } = require('url');
const { isNativeError } = require('util').types;

const API_PREFIX = '/2018-06-01/runtime';
const INVOCATION_PREFIX = API_PREFIX + '/invocation/';
const ERROR_TYPE_HEADER = 'Lambda-Runtime-Function-Error-Type';

const env = process.env;
const FUNCTION_NAME = env.AWS_LAMBDA_FUNCTION_NAME;
const FUNCTION_VERSION = env.AWS_LAMBDA_FUNCTION_VERSION;
const MEMORY_LIMIT_IN_MB = env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE;
const LOG_GROUP_NAME = env.AWS_LAMBDA_LOG_GROUP_NAME;
const LOG_STREAM_NAME = env.AWS_LAMBDA_LOG_STREAM_NAME;

// ------------------------------------------------------------------------- errors

class ImportModuleError extends Error {}
class HandlerNotFound extends Error {}
class MalformedHandlerName extends Error {}
class UserCodeSyntaxError extends Error {}
class UnhandledPromiseRejection extends Error {
  constructor(reason, promise) {
    super(reason);
    this.reason = reason;
    this.promise = promise;
  }
}
for (const cls of [ImportModuleError, HandlerNotFound, MalformedHandlerName,
  UserCodeSyntaxError, UnhandledPromiseRejection]) {
  cls.prototype.name = 'Runtime.' + cls.name;
}

function isError(value) {
  return value instanceof Error || isNativeError(value) ||
    (value !== null && typeof value === 'object' && typeof value.name === 'string' &&
      typeof value.message === 'string' && typeof value.stack === 'string');
}

// The error document of the Node.js runtime: {errorType, errorMessage, trace}.
function toRapidResponse(error) {
  try {
    if (isError(error)) {
      return {
        errorType: error.name,
        errorMessage: error.message,
        trace: typeof error.stack === 'string' ? error.stack.split('\n') : [],
      };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch (_) {
    return {
      errorType: 'handled',
      errorMessage: 'callback called with Error argument, but there was a problem while ' +
        'retrieving one or more of its message, name, and stack',
    };
  }
}

function logError(requestId, label, response) {
  let json;
  try {
    json = JSON.stringify({
      errorType: response.errorType, errorMessage: response.errorMessage, stack: response.trace,
    });
  } catch (_) {
    json = String(response.errorMessage);
  }
  process.stderr.write(new Date().toISOString() + '\t' + requestId + '\tERROR\t' + label +
    ' \t' + json + '\n');
}

// ------------------------------------------------------------------------- Runtime API

const API = env.AWS_LAMBDA_RUNTIME_API || '';
const colon = API.lastIndexOf(':');
let HOST = colon > 0 ? API.slice(0, colon) : API;
if (HOST.charCodeAt(0) === 91 /* [ */) HOST = HOST.slice(1, -1);
const PORT = colon > 0 ? Number(API.slice(colon + 1)) : 80;
const HOST_HEADER = 'Host: ' + API + '\r\n';
const MAX_HEAD_BYTES = 64 * 1024;
const HEAD_END = Buffer.from('\r\n\r\n');

function fatal(message) {
  process.stderr.write('gatewright bootstrap: ' + message + '\n');
  process.exit(1);
}

// The Runtime API over one keep-alive connection, with plain HTTP/1.1 written and read here
// instead of the http module: an invocation costs one write (its post and the next /next,
// pipelined) and one read per answer, which is most of the runtime's own overhead.
// The server answers in order, so answers are matched to `pending` first in, first out.
// When the connection closes with requests unanswered (a server that closes after each
// answer, or one that dropped an idle connection), they are sent again on a new one; a new
// connection that closes before answering anything is fatal. The socket is unref'd while
// nothing is pending, as the http module's keep-alive agent does with free sockets.
const pending = []; // {data: string, then(status, headers, body: Buffer)}
let socket = null;
let input = null; // unparsed bytes
let answeredOnSocket = 0;
let freshFailures = 0;
let lastSocketError = '';

function connect() {
  socket = net.createConnection({ host: HOST, port: PORT });
  socket.setNoDelay(true);
  answeredOnSocket = 0;
  input = null;
  socket.on('data', onData);
  socket.on('error', (err) => { lastSocketError = err.message; });
  socket.on('close', onClose);
}

function joinedData(entries) {
  let data = '';
  for (const entry of entries) data += entry.data;
  return data;
}

function send(entries) {
  pending.push(...entries);
  if (socket === null) connect();
  else socket.ref();
  socket.write(joinedData(entries));
}

function request(method, path, extraHeaders, body, then) {
  let head = method + ' ' + path + ' HTTP/1.1\r\n' + HOST_HEADER + extraHeaders;
  if (body !== null) head += 'Content-Length: ' + Buffer.byteLength(body) + '\r\n\r\n' + body;
  else head += '\r\n';
  return { data: head, then };
}

function onClose() {
  socket = null;
  input = null;
  if (pending.length === 0) return;
  if (answeredOnSocket === 0 && ++freshFailures > 1) {
    fatal('Runtime API failed: ' + (lastSocketError || 'connection closed'));
  }
  if (answeredOnSocket > 0) freshFailures = 0;
  connect();
  socket.write(joinedData(pending));
}

function onData(chunk) {
  input = input === null ? chunk : Buffer.concat([input, chunk]);
  for (;;) {
    const headEnd = input.indexOf(HEAD_END);
    if (headEnd < 0) {
      if (input.length > MAX_HEAD_BYTES) fatal('Runtime API answer head too large');
      return;
    }
    const lines = input.latin1Slice(0, headEnd).split('\r\n');
    const status = Number(lines[0].slice(9, 12));
    const headers = {};
    for (let i = 1; i < lines.length; ++i) {
      const line = lines[i];
      const sep = line.indexOf(':');
      if (sep > 0) headers[line.slice(0, sep).trim().toLowerCase()] = line.slice(sep + 1).trim();
    }
    // The Runtime API gives every answer a length; none means no body (202, 204).
    const length = headers['content-length'];
    const bodyStart = headEnd + 4;
    const bodyEnd = bodyStart + (length === undefined ? 0 : Number(length));
    if (input.length < bodyEnd) return;
    const body = input.subarray(bodyStart, bodyEnd);
    input = input.length === bodyEnd ? null : input.subarray(bodyEnd);
    const entry = pending.shift();
    ++answeredOnSocket;
    // An idle connection must not keep the event loop alive: callback handlers wait for
    // it to empty ('beforeExit').
    if (pending.length === 0) socket.unref();
    if (entry !== undefined) entry.then(status, headers, body);
    if (input === null) return;
  }
}

const RESPONSE_HEADERS = 'Content-Type: application/json\r\n';
function errorHeaders(errorType) {
  return RESPONSE_HEADERS + ERROR_TYPE_HEADER + ': ' + String(errorType).replace(/[\r\n]/g, ' ') + '\r\n';
}
const ERROR_HEADERS = errorHeaders('Unhandled');

function postRequest(path, extraHeaders, body, then) {
  return request('POST', path, extraHeaders, body, (status) => {
    if (status < 200 || status > 299) {
      process.stderr.write('gatewright bootstrap: POST ' + path + ' answered ' + status + '\n');
    }
    if (then) then();
  });
}

function nextRequest() {
  return request('GET', INVOCATION_PREFIX + 'next', '', null, onNextAnswer);
}

function onNextAnswer(status, headers, body) {
  if (status !== 200) fatal('GET /next answered ' + status);
  invoke(headers, body.toString('utf8'));
}

// Posts the outcome of an invocation; the next /next goes out in the same write unless
// `then` (a fatal path) runs once the post is answered.
function postOutcome(path, extraHeaders, body, then) {
  const post = postRequest(path, extraHeaders, body, then);
  if (then) send([post]);
  else send([post, nextRequest()]);
}

// ------------------------------------------------------------------------- invocation

const kDeadline = Symbol('deadline');
const kDone = Symbol('done');

class Context {
  constructor(requestId, deadline, arn, clientContext, identity) {
    this.callbackWaitsForEmptyEventLoop = true;
    this.functionVersion = FUNCTION_VERSION;
    this.functionName = FUNCTION_NAME;
    this.memoryLimitInMB = MEMORY_LIMIT_IN_MB;
    this.logGroupName = LOG_GROUP_NAME;
    this.logStreamName = LOG_STREAM_NAME;
    this.clientContext = clientContext;
    this.identity = identity;
    this.invokedFunctionArn = arn;
    this.awsRequestId = requestId;
    this[kDeadline] = deadline;
    this[kDone] = false;
  }

  getRemainingTimeInMillis() {
    return this[kDeadline] - Date.now();
  }

  // Legacy context methods of the Node.js runtime.
  succeed(result) {
    complete(this, result);
  }

  fail(err) {
    failInvocation(this, err === undefined || err === null ? 'handled' : err);
  }

  done(err, result) {
    if (err !== undefined && err !== null) failInvocation(this, err);
    else complete(this, result);
  }
}

let handler = null;
let callbackStyle = false;
let initialized = false;
let current = null; // context of the invocation in progress
// What to post when the event loop empties (callback handlers wait for it, and an
// invocation that never finishes otherwise ends with null, as in the real runtime).
let pendingContext = null;
let pendingResult;
let lastTraceId;

function alreadyDone() {
  process.stderr.write('Invocation has already been reported as done. Cannot call ' +
    'complete more than once per invocation.\n');
}

function complete(ctx, result) {
  if (ctx[kDone]) return alreadyDone();
  let body;
  try {
    body = JSON.stringify(result === undefined ? null : result);
  } catch (_) {
    failInvocation(ctx, new Error('Unable to stringify response body'));
    return;
  }
  if (body === undefined) body = 'null';
  ctx[kDone] = true;
  if (pendingContext === ctx) pendingContext = null;
  postOutcome(INVOCATION_PREFIX + ctx.awsRequestId + '/response', RESPONSE_HEADERS, body, null);
}

function failInvocation(ctx, err, then) {
  if (ctx[kDone]) return alreadyDone();
  ctx[kDone] = true;
  if (pendingContext === ctx) pendingContext = null;
  const response = toRapidResponse(err);
  logError(ctx.awsRequestId, 'Invoke Error', response);
  let body;
  try {
    body = JSON.stringify(response);
  } catch (_) {
    body = JSON.stringify({ errorType: 'Error', errorMessage: 'Unable to stringify error' });
  }
  postOutcome(INVOCATION_PREFIX + ctx.awsRequestId + '/error', ERROR_HEADERS, body, then || null);
}

function makeCallback(ctx) {
  return function callback(err, result) {
    if (err !== undefined && err !== null) {
      failInvocation(ctx, err);
    } else if (!ctx.callbackWaitsForEmptyEventLoop) {
      complete(ctx, result);
    } else if (!ctx[kDone]) {
      pendingContext = ctx;
      pendingResult = result;
    }
  };
}

process.on('beforeExit', () => {
  const ctx = pendingContext;
  if (ctx !== null) {
    pendingContext = null;
    complete(ctx, pendingResult);
  }
});

function parseHeaderJson(value, what) {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch (err) {
    throw new Error('Cannot parse ' + what + ' as json: ' + err.message);
  }
}

function invoke(headers, body) {
  const requestId = headers['lambda-runtime-aws-request-id'];
  const traceId = headers['lambda-runtime-trace-id'] || undefined; // empty = none
  if (traceId !== lastTraceId) {
    if (traceId === undefined) delete env._X_AMZN_TRACE_ID;
    else env._X_AMZN_TRACE_ID = traceId;
    lastTraceId = traceId;
  }
  const ctx = new Context(requestId, Number(headers['lambda-runtime-deadline-ms']),
    headers['lambda-runtime-invoked-function-arn'], undefined, undefined);
  current = ctx;
  pendingContext = ctx;
  pendingResult = undefined;

  let result;
  try {
    const clientContext = headers['lambda-runtime-client-context'];
    if (clientContext !== undefined) ctx.clientContext = parseHeaderJson(clientContext, 'ClientContext');
    const identity = headers['lambda-runtime-cognito-identity'];
    if (identity !== undefined) ctx.identity = parseHeaderJson(identity, 'CognitoIdentity');
    const event = JSON.parse(body);
    result = callbackStyle ? handler(event, ctx, makeCallback(ctx)) : handler(event, ctx);
  } catch (err) {
    failInvocation(ctx, err);
    return;
  }
  if ((typeof result === 'object' && result !== null) || typeof result === 'function') {
    if (typeof result.then === 'function') {
      result.then((value) => complete(ctx, value), (err) => failInvocation(ctx, err));
      return;
    }
  }
  if (!callbackStyle && !ctx[kDone]) complete(ctx, result);
}

function next() {
  send([nextRequest()]);
}

// ------------------------------------------------------------------------- fatal errors

function reportFatal(label, error, exitCode) {
  const ctx = current;
  const exit = () => process.exit(exitCode);
  if (!initialized) {
    postInitError(error, exitCode);
  } else if (ctx !== null && !ctx[kDone]) {
    failInvocation(ctx, error, exit);
  } else {
    logError(ctx ? ctx.awsRequestId : 'undefined', label, toRapidResponse(error));
    exit();
  }
}

process.on('uncaughtException', (error) => {
  reportFatal('Uncaught Exception', error, 129);
});

process.on('unhandledRejection', (reason, promise) => {
  const text = reason === undefined || reason === null ? String(reason) : reason.toString();
  reportFatal('Unhandled Promise Rejection', new UnhandledPromiseRejection(text, promise), 128);
});

// ------------------------------------------------------------------------- init

let initErrorPosted = false;

function postInitError(error, exitCode) {
  if (initErrorPosted) return;
  initErrorPosted = true;
  const response = toRapidResponse(error);
  logError('undefined', 'Init Error', response);
  const body = JSON.stringify(response);
  send([postRequest(API_PREFIX + '/init/error', errorHeaders(response.errorType), body,
    () => process.exit(exitCode))]);
}

function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch (_) {
    return false;
  }
}

function nearestPackageTypeIsModule(dir) {
  for (;;) {
    const pj = path.join(dir, 'package.json');
    if (isFile(pj)) {
      try {
        return JSON.parse(fs.readFileSync(pj, 'utf8')).type === 'module';
      } catch (_) {
        return false;
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return false;
    dir = parent;
  }
}

function importFile(file) {
  return import(pathToFileURL(file).href);
}

async function requireFile(file) {
  try {
    return require(file);
  } catch (err) {
    // An ES module that require() cannot load (older Node, or top-level await).
    if (err && (err.code === 'ERR_REQUIRE_ESM' || err.code === 'ERR_REQUIRE_ASYNC_MODULE')) {
      return importFile(file);
    }
    throw err;
  }
}

async function loadModule(appRoot, moduleRoot, moduleName) {
  const base = path.resolve(appRoot, moduleRoot, moduleName);
  if (isFile(base)) return requireFile(base);
  if (isFile(base + '.js')) {
    return nearestPackageTypeIsModule(path.dirname(base)) ? importFile(base + '.js')
      : requireFile(base + '.js');
  }
  if (isFile(base + '.mjs')) return importFile(base + '.mjs');
  if (isFile(base + '.cjs')) return requireFile(base + '.cjs');
  // Not a file of the code directory: Node's own resolution (node_modules, folders).
  return requireFile(require.resolve(moduleName,
    { paths: [path.resolve(appRoot, moduleRoot), appRoot] }));
}

async function loadHandler(appRoot, fullHandler) {
  if (fullHandler.includes('..')) {
    throw new MalformedHandlerName(`'${fullHandler}' is not a valid handler name. Use ` +
      'absolute paths when specifying root directories in handler names.');
  }
  const handlerString = path.basename(fullHandler);
  const moduleRoot = fullHandler.substring(0, fullHandler.indexOf(handlerString));
  const match = /^([^.]*)\.(.*)$/.exec(handlerString);
  if (!match) throw new MalformedHandlerName('Bad handler');
  const moduleName = match[1];
  const handlerPath = match[2];

  let userApp;
  try {
    userApp = await loadModule(appRoot, moduleRoot, moduleName);
  } catch (err) {
    if (err instanceof SyntaxError) throw new UserCodeSyntaxError(err);
    if (err && (err.code === 'MODULE_NOT_FOUND' || err.code === 'ERR_MODULE_NOT_FOUND')) {
      throw new ImportModuleError(err);
    }
    throw err;
  }

  let fn = userApp;
  for (const key of handlerPath.split('.')) fn = fn && fn[key];
  if (!fn) throw new HandlerNotFound(`${fullHandler} is undefined or not exported`);
  if (typeof fn !== 'function') throw new HandlerNotFound(`${fullHandler} is not a function`);
  return fn;
}

async function main() {
  if (!API) fatal('AWS_LAMBDA_RUNTIME_API is not set');
  const appRoot = env.LAMBDA_TASK_ROOT || process.cwd();
  try {
    process.chdir(appRoot);
  } catch (err) {
    process.stderr.write('gatewright bootstrap: cannot chdir to ' + appRoot + ': ' +
      err.message + '\n');
  }
  try {
    handler = await loadHandler(appRoot, env._HANDLER || '');
  } catch (err) {
    postInitError(err, 129);
    return;
  }
  callbackStyle = handler.length >= 3;
  initialized = true;
  next();
}

main();
