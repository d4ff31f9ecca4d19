/* eslint-disable -- a lab scenario's program: plain Node.js (CommonJS), not crashlens source */
'use strict';
const http = require('http');
const net = require('net');
const fs = require('fs');

const log = (msg) => console.log(`${new Date().toISOString()} greeter ${msg}`);
const greeting = fs.existsSync('/etc/greeter/greeting')
  ? fs.readFileSync('/etc/greeter/greeting', 'utf8').trim()
  : 'Hello';
const redisHost = process.env.REDIS_HOST || 'redis';
let redisOk = false;

function ping() {
  const sock = net.connect({ host: redisHost, port: 6379 });
  sock.setTimeout(1000);
  sock.once('connect', () => sock.write('PING\r\n'));
  sock.once('data', (d) => {
    redisOk = d.toString().startsWith('+PONG');
    sock.end();
  });
  sock.once('timeout', () => sock.destroy());
  sock.once('error', () => {
    redisOk = false;
  });
}
ping();
setInterval(ping, 2000);

http
  .createServer((req, res) => {
    if (req.url === '/healthz') return res.end('ok');
    if (req.url === '/readyz') {
      res.writeHead(redisOk ? 200 : 503);
      return res.end(redisOk ? 'ready' : 'waiting for redis');
    }
    res.end(`${greeting}, visitor\n`);
  })
  .listen(8080, () => log(`listening on :8080 (redis at ${redisHost})`));
process.on('SIGTERM', () => {
  log('SIGTERM, bye');
  process.exit(0);
});
