/* eslint-disable -- a lab scenario's program: plain Node.js (CommonJS), not crashlens source */
'use strict';
const http = require('http');
const { loadConfiguration } = require('./config');

console.log('info: TradeApi.Program[0]');
console.log('      Starting trade-api 2.9.0');
const configuration = loadConfiguration(process.env);
const apiKey = configuration.require('Broker:ApiKey');
const port = Number((process.env.ASPNETCORE_URLS || 'http://+:8080').split(':').pop());

http
  .createServer((req, res) => {
    res.writeHead(req.url === '/healthz' ? 200 : 404);
    res.end(req.url === '/healthz' ? 'Healthy' : '');
  })
  .listen(port, () =>
    console.log(`info: listening on ${port} with broker key ${apiKey.slice(0, 4)}…`),
  );
