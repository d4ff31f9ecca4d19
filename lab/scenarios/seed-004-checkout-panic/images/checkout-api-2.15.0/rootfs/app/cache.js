/* eslint-disable -- a lab scenario's program: plain Node.js (CommonJS), not crashlens source */
'use strict';
const net = require('net');

/** Connect to the Redis session cache; resolves null when it cannot be reached in time. */
function connectSessionCache(host, port, timeoutMs) {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host, port });
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`dial tcp ${host}:${port}: i/o timeout`));
    }, timeoutMs);
    sock.once('connect', () => {
      clearTimeout(timer);
      resolve({
        token: () => 'sk_live_cached_token',
        close: () => sock.end(),
      });
    });
    sock.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

module.exports = { connectSessionCache };
