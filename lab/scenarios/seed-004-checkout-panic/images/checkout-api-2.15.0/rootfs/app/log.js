/* eslint-disable -- a lab scenario's program: plain Node.js (CommonJS), not crashlens source */
'use strict';
module.exports = (level, text) => console.log(`${new Date().toISOString()} [${level}] ${text}`);
