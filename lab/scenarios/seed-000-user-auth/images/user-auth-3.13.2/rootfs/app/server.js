/* eslint-disable -- a lab scenario's program: plain Node.js (CommonJS), not crashlens source */
'use strict';
const { log, start } = require('./lib');

const VERSION = '3.13.2';
log('info', `Initializing user-auth v${VERSION}...`);
log('info', 'Loading config...');
if (!process.env.SESSION_SECRET) {
  log('fatal', 'SESSION_SECRET is not set');
  process.exit(1);
}
const host = process.env.REDIS_HOST || 'localhost';
const port = Number(process.env.REDIS_PORT || 6379);
log('info', `REDIS_HOST=${host} REDIS_PORT=${port}`);
start(VERSION, { host, port, db: 0 });
