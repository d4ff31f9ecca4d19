/* eslint-disable -- a lab scenario's program: plain Node.js (CommonJS), not crashlens source */
'use strict';
const { log, start } = require('./lib');

const VERSION = '3.14.0';
log('info', `Initializing user-auth v${VERSION}...`);
log('info', 'Loading config...');
if (!process.env.SESSION_SECRET) {
  log('fatal', 'SESSION_SECRET is not set');
  process.exit(1);
}
// 3.14.0 takes one connection URL instead of REDIS_HOST/REDIS_PORT.
const url = new URL(process.env.REDIS_URL || 'redis://127.0.0.1:6379/0');
log('info', `REDIS_URL=${url.href}`);
start(VERSION, {
  host: url.hostname,
  port: Number(url.port || 6379),
  db: Number(url.pathname.slice(1) || 0),
});
