/** Loopback address pools and network leases shared by concurrent labs. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { AddressPool, leaseNetwork } from './ipam.js';

it('hands out distinct loopback addresses and reuses released ones later', () => {
  const pool = new AddressPool(201);
  const a = pool.allocate();
  const b = pool.allocate();
  expect(a).toBe('127.201.0.2');
  expect(b).toBe('127.201.0.3');
  pool.release(a);
  expect(pool.allocate()).toBe('127.201.0.4');
  expect(pool.claim('127.201.0.3')).toBe(false);
  expect(pool.contains('127.9.0.1')).toBe(false);
});

it('gives concurrent labs different networks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipam-'));
  const one = leaseNetwork(dir);
  const two = leaseNetwork(dir);
  expect(two.podOctet).not.toBe(one.podOctet);
  one.release();
  two.release();
});
