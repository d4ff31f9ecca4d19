/* eslint-disable -- a lab scenario's program: plain Node.js (CommonJS), not crashlens source */
const net = require('net');
const http = require('http');

const log = (level, text) => console.log(`${new Date().toISOString()} ${level.padEnd(5)} ${text}`);

/** A minimal Redis client: one connection, RESP2 commands, replies in order. */
function connectRedis(host, port, db) {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host, port });
    const pending = [];
    let buf = '';
    sock.setEncoding('utf8');
    sock.on('data', (d) => {
      buf += d;
      let nl;
      while ((nl = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        const p = pending.shift();
        if (p) line.startsWith('-') ? p.reject(new Error(line.slice(1))) : p.resolve(line.slice(1));
      }
    });
    const command = (...args) =>
      new Promise((res, rej) => {
        pending.push({ resolve: res, reject: rej });
        sock.write(
          `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(String(a))}\r\n${a}\r\n`).join('')}`,
        );
      });
    sock.once('error', reject);
    sock.once('connect', async () => {
      sock.removeListener('error', reject);
      sock.on('error', (err) => {
        log('error', `Redis connection lost: ${err.message}`);
        state.redisUp = false;
      });
      sock.on('close', () => {
        state.redisUp = false;
      });
      try {
        await command('SELECT', db);
        const pong = await command('PING');
        if (pong !== 'PONG') throw new Error(`unexpected reply to PING: ${pong}`);
        resolve({ command, close: () => sock.end() });
      } catch (err) {
        reject(err);
      }
    });
  });
}

const state = { redisUp: false };

async function start(version, target) {
  log('info', 'Connecting to Redis...');
  let client;
  for (let attempt = 1; ; attempt++) {
    try {
      client = await connectRedis(target.host, target.port, target.db);
      break;
    } catch (err) {
      if (attempt >= 3) {
        log('error', err.stack || String(err));
        log('fatal', 'Could not connect to Redis, exiting');
        process.exit(1);
      }
      await new Promise((r) => setTimeout(r, 400));
    }
  }
  state.redisUp = true;
  log('info', 'Connected to Redis.');
  const server = http.createServer(async (req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(state.redisUp ? 200 : 503, { 'content-type': 'text/plain' });
      return res.end(state.redisUp ? 'ok' : 'redis unavailable');
    }
    if (req.url === '/version') return res.end(`user-auth ${version}\n`);
    if (req.url && req.url.startsWith('/session/')) {
      const hits = await client.command('INCR', `session:${req.url.slice(9)}`).catch(() => '0');
      return res.end(JSON.stringify({ session: req.url.slice(9), hits: Number(hits) }));
    }
    res.writeHead(404);
    res.end();
  });
  server.listen(8080, () => log('info', 'Listening on port 8080.'));
  process.on('SIGTERM', () => {
    log('info', 'SIGTERM received, draining connections');
    server.close(() => process.exit(0));
    client.close();
    setTimeout(() => process.exit(0), 2000).unref();
  });
}

module.exports = { log, start };
