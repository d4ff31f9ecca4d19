/* eslint-disable -- a lab scenario's program: plain Node.js (CommonJS), not crashlens source */
'use strict';
require('http')
  .createServer((req, res) => res.end('storefront 4.2.0'))
  .listen(3000, () => console.log('storefront 4.2.0 listening on :3000'));
