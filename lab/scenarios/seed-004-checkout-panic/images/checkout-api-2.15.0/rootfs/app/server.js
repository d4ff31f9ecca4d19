/* eslint-disable -- a lab scenario's program: plain Node.js (CommonJS), not crashlens source */
'use strict';
const http = require('http');
const log = require('./log');
const { connectSessionCache } = require('./cache');
const { PaymentService, newPaymentClient } = require('./payment');

async function main() {
  log('INFO', 'checkout-api v2.15.0 starting');
  const host = process.env.REDIS_HOST || 'checkout-redis';
  const port = Number(process.env.REDIS_PORT || 6379);
  let cache = null;
  try {
    cache = await connectSessionCache(host, port, 500);
    log('INFO', `session cache connected at ${host}:${port}`);
  } catch (err) {
    log('WARN', `redis session cache unavailable: ${err.message}; continuing without cache`);
  }
  const payments = new PaymentService(newPaymentClient(cache));
  const server = http.createServer((req, res) => {
    if (req.url === '/healthz') return res.end('ok');
    res.writeHead(404);
    res.end();
  });
  server.listen(8080, () => log('INFO', 'listening on :8080'));
  // Resume the checkouts that were queued while the previous pods were down.
  const queued = [{ id: 'order-88412', totalCents: 12900 }];
  for (const order of queued) {
    log('INFO', `resuming queued checkout ${order.id}`);
    payments.process(order);
  }
}

main();
