/* eslint-disable -- a lab scenario's program: plain Node.js (CommonJS), not crashlens source */
'use strict';
// ledger-worker: reconciles the day's ledger entries in memory, in batches.
const v8 = require('v8');

const log = (level, thread, logger, text) =>
  console.log(
    `${new Date().toISOString().replace('T', ' ').slice(0, 23)}  ${level.padStart(5)} 1 --- [${thread.padStart(15)}] ${logger.padEnd(40)} : ${text}`,
  );

const heapMb = Math.round(v8.getHeapStatistics().heap_size_limit / 1024 / 1024);
log(
  'INFO',
  'main',
  'c.a.l.LedgerWorkerApplication',
  `Starting LedgerWorkerApplication v5.2.0 (heap limit ${heapMb} MB)`,
);
log(
  'INFO',
  'main',
  'c.a.l.LedgerWorkerApplication',
  'Started LedgerWorkerApplication in 0.412 seconds',
);

const total = 1840000;
const entries = [];
let loaded = 0;
log(
  'INFO',
  'batch-1',
  'c.a.l.batch.ReconcileJob',
  `loading ${total} ledger entries for reconciliation`,
);

function loadBatch() {
  for (let i = 0; i < 40000 && loaded < total; i++, loaded++) {
    entries.push({
      id: `LE-${loaded.toString(36).padStart(8, '0')}`,
      account: `ACC-${(loaded * 7919) % 100000}`,
      amountCents: (loaded * 104729) % 1000000,
      currency: 'EUR',
      memo: `settlement batch ${Math.floor(loaded / 1000)} line ${loaded % 1000}`.repeat(2),
    });
  }
  if (loaded % 200000 < 40000)
    log('INFO', 'batch-1', 'c.a.l.batch.ReconcileJob', `loaded ${loaded} entries`);
  if (loaded < total) setTimeout(loadBatch, 15);
  else log('INFO', 'batch-1', 'c.a.l.batch.ReconcileJob', `reconciling ${entries.length} entries`);
}
setTimeout(loadBatch, 200);
setInterval(() => {}, 60000);
