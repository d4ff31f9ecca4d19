/* eslint-disable -- a lab scenario's program: plain Node.js (CommonJS), not crashlens source */
'use strict';
const http = require('http');

const log = (msg) => console.log(`${new Date().toISOString()} INFO  [indexer] ${msg}`);
const shards = 12;
let loaded = 0;

log('search-indexer 6.1.0 starting; loading index shards before serving');
const timer = setInterval(() => {
  loaded++;
  log(`loaded index shard ${loaded}/${shards} (${(loaded * 183.4).toFixed(1)} MB)`);
  if (loaded === shards) {
    clearInterval(timer);
    http
      .createServer((req, res) => {
        res.writeHead(req.url === '/healthz' ? 200 : 404);
        res.end();
      })
      .listen(8080, () => log('index ready, listening on :8080'));
  }
}, 700);

process.on('SIGTERM', () => {
  log(`SIGTERM received after ${loaded}/${shards} shards, shutting down`);
  process.exit(143);
});
