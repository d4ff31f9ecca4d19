/* eslint-disable -- a lab scenario's program: plain Node.js (CommonJS), not crashlens source */
'use strict';
// trade-api: order entry for the trading desk. Health endpoint: /healthz.
const http = require('http');

const log = (level, category, text) => {
  console.log(`${level}: ${category}`);
  console.log(`      ${text}`);
};

const port = Number((process.env.ASPNETCORE_URLS || 'http://+:8080').split(':').pop());
const orders = [];

const server = http.createServer((req, res) => {
  const t0 = process.hrtime.bigint();
  const host = req.headers.host || `localhost:${port}`;
  log(
    'info',
    'TradeApi.Hosting.Diagnostics[1]',
    `Request starting HTTP/1.1 ${req.method} http://${host}${req.url} - - -`,
  );
  let status = 404;
  let body = '';
  if (req.url === '/healthz') {
    status = 200;
    body = 'Healthy';
  } else if (req.url === '/orders' && req.method === 'GET') {
    status = 200;
    body = JSON.stringify(orders);
  }
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(body);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  log(
    'info',
    'TradeApi.Hosting.Diagnostics[2]',
    `Request finished HTTP/1.1 ${req.method} http://${host}${req.url} - ${status} ${body.length || '-'} text/plain ${ms.toFixed(4)}ms`,
  );
});

server.listen(port, () => {
  log('info', 'TradeApi.Hosting.Lifetime[14]', `Now listening on: http://[::]:${port}`);
  log('info', 'TradeApi.Hosting.Lifetime[0]', 'Application started. Press Ctrl+C to shut down.');
  log(
    'info',
    'TradeApi.Hosting.Lifetime[0]',
    `Hosting environment: ${process.env.NODE_ENV === 'production' ? 'Production' : 'Development'}`,
  );
});

process.on('SIGTERM', () => {
  log('info', 'TradeApi.Hosting.Lifetime[0]', 'Application is shutting down...');
  server.close();
  // Leave with the signal's status, as the runtime would report an unhandled SIGTERM.
  setTimeout(() => {
    process.removeAllListeners('SIGTERM');
    process.kill(process.pid, 'SIGTERM');
  }, 50);
});
