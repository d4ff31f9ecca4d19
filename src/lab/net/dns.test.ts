/** The cluster DNS table: Service and headless records. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { DnsTable, dnsRecords } from './dns.js';

it('writes Service and headless records', () => {
  const records = dnsRecords(
    [
      { name: 'redis', namespace: 'auth', clusterIP: '127.160.0.4', endpoints: [] },
      {
        name: 'db',
        namespace: 'auth',
        clusterIP: 'None',
        endpoints: [{ ip: '127.200.0.7', hostname: 'db-0' }],
      },
    ],
    'cluster.local',
  );
  expect(records).toEqual({
    'redis.auth.svc.cluster.local': ['127.160.0.4'],
    'db.auth.svc.cluster.local': ['127.200.0.7'],
    'db-0.db.auth.svc.cluster.local': ['127.200.0.7'],
  });
  const file = join(mkdtempSync(join(tmpdir(), 'dns-')), 'dns.json');
  new DnsTable(file).write(records);
  expect(JSON.parse(readFileSync(file, 'utf8')).records).toEqual(records);
});
