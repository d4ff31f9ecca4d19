/* eslint-disable -- a lab scenario's program: plain Node.js (CommonJS), not crashlens source */
'use strict';
const http = require('http');

const port = Number(process.env.PORT || 80);
const log = (level, msg, extra = {}) =>
  console.log(JSON.stringify({ time: new Date().toISOString(), level, msg, ...extra }));

log('info', 'edge-gateway 3.0.0 starting', { port, uid: process.getuid() });
const server = http.createServer((req, res) => {
  res.writeHead(req.url === '/healthz' ? 200 : 404);
  res.end();
});
server.listen(port, () => log('info', 'listening', { port }));
server.on('error', (err) => {
  log('fatal', 'cannot start HTTP listener', { error: err.message, code: err.code });
  console.error(err.stack);
  process.exit(1);
});
