// The WebSocket benchmark's client (bench/websocket.sh): one gateway at a time, the same steps for
// each. Prints one JSON line: echo round trips (p50/p99 ms) on a warm $default route, N
// connections held (the server's resident memory before and after), and a fan-out of one message
// to every connection through @connections (ms to the last delivery).
// Usage: node websocket_client.js WS_URL CONNECTIONS_BASE SERVER_PID N
'use strict';
const WebSocket = require(process.env.WS_MODULE || 'ws');
const http = require('http');
const fs = require('fs');

const [wsUrl, managementBase, pid, countText] = process.argv.slice(2);
const count = Number(countText);

function rssKiB() {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
}

// The server process's CPU time (user + system), in ms, from /proc (clock ticks of 10 ms).
function serverCpuMs() {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function open() {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, { perMessageDeflate: false });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function nextMessage(ws) {
  return new Promise((resolve) => ws.once('message', (data) => resolve(data.toString())));
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

async function echo() {
  const ws = await open();
  for (let i = 0; i < 200; ++i) { // warm: the function's process started
    ws.send(`warm ${i}`);
    await nextMessage(ws);
  }
  const times = [];
  for (let i = 0; i < 2000; ++i) {
    const start = process.hrtime.bigint();
    ws.send(`ping ${i}`);
    const answer = await nextMessage(ws);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (answer !== `ping ${i}`) throw new Error(`echo answered ${answer}`);
  }
  ws.close();
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

async function openMany(n) {
  const clients = [];
  let next = 0;
  async function worker() {
    while (next < n) {
      next++;
      const ws = await open();
      ws.send(JSON.stringify({ action: 'whoami' }));
      const id = await nextMessage(ws);
      clients.push({ ws, id });
    }
  }
  await Promise.all(Array.from({ length: 16 }, worker));
  return clients;
}

function post(agent, id, body) {
  return new Promise((resolve, reject) => {
    const url = new URL(`${managementBase}/@connections/${encodeURIComponent(id)}`);
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent,
                               headers: { 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode >= 200 && res.statusCode < 300 ? resolve() : reject(new Error(`POST ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function fanOut(clients) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let delivered = 0;
  const start = process.hrtime.bigint();
  const all = new Promise((resolve) => {
    for (const c of clients)
      c.ws.once('message', () => { if (++delivered === clients.length) resolve(); });
  });
  let next = 0;
  async function poster() {
    while (next < clients.length) {
      const c = clients[next++];
      await post(agent, c.id, 'fan-out');
    }
  }
  await Promise.all(Array.from({ length: 64 }, poster));
  await all;
  agent.destroy();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

(async () => {
  const echoed = await echo();
  const before = rssKiB();
  const t0 = Date.now();
  const clients = await openMany(count);
  const openSeconds = (Date.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 500));
  const after = rssKiB();
  const serverCpuBefore = serverCpuMs();
  const clientCpuBefore = process.cpuUsage();
  const fanoutMs = await fanOut(clients);
  const fanoutServerCpuMs = serverCpuMs() - serverCpuBefore;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const fanoutClientCpuMs = (clientCpu.user + clientCpu.system) / 1000;
  for (const c of clients) c.ws.terminate();
  console.log(JSON.stringify({ connections: count, echoP50Ms: echoed.p50, echoP99Ms: echoed.p99, rssBeforeMiB: before / 1024,
                               rssAfterMiB: after / 1024, kibPerConnection: (after - before) / count, openSeconds, fanoutMs,
                               fanoutServerCpuMs, fanoutClientCpuMs }));
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(1); });
