/* eslint-disable -- a lab scenario's program: plain Node.js (CommonJS), not crashlens source */
'use strict';
const net = require('net');
const http = require('http');

const log = (level, msg) =>
  console.log(`${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} orders-api ${msg}`);

function connect(host, port) {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host, port, timeout: 3000 });
    sock.once('connect', () => resolve(sock));
    sock.once('timeout', () => {
      sock.destroy();
      reject(new Error(`connect ETIMEDOUT ${host}:${port}`));
    });
    sock.once('error', reject);
  });
}

async function main() {
  const url = new URL(process.env.DATABASE_URL || 'postgres://orders@localhost:5432/orders');
  log(
    'info',
    `starting orders-api 1.8.2, database ${url.hostname}:${url.port || 5432}/${url.pathname.slice(1)}`,
  );
  let db;
  for (let attempt = 1; attempt <= 5; attempt++) {
    try {
      db = await connect(url.hostname, Number(url.port || 5432));
      break;
    } catch (err) {
      log('warn', `database connection attempt ${attempt}/5 failed: ${err.message}`);
      if (attempt === 5) {
        console.error(err.stack);
        log(
          'fatal',
          `could not connect to PostgreSQL at ${url.hostname}:${url.port || 5432}, giving up`,
        );
        process.exit(1);
      }
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
  log('info', 'connected to database');
  http
    .createServer((req, res) => res.end('ok'))
    .listen(8080, () => log('info', 'listening on :8080'));
  db.on('close', () => log('warn', 'database connection closed'));
}

main();
