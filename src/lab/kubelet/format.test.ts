/** The kubelet's formatting: Go durations, quantities, pod full names, timestamps. */
import { describe, expect, it } from 'vitest';
import { goDuration, parseQuantity, podFullName, rfc3339 } from './format.js';

describe('goDuration', () => {
  it.each([
    [0, '0s'],
    [0.5, '500ms'],
    [10, '10s'],
    [80, '1m20s'],
    [160, '2m40s'],
    [300, '5m0s'],
    [3600, '1h0m0s'],
  ])('%s s → %s', (s, text) => expect(goDuration(s)).toBe(text));
});

describe('parseQuantity', () => {
  it.each([
    ['256Mi', 256 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['500m', 0.5],
    ['1', 1],
    ['1.5', 1.5],
    ['128M', 128e6],
    ['1e3', 1000],
    [2, 2],
  ] as const)('%s', (q, n) => expect(parseQuantity(q)).toBeCloseTo(n));
  it('rejects garbage', () => expect(parseQuantity('lots')).toBeUndefined());
});

it('formats pods and times as the kubelet does', () => {
  expect(podFullName({ name: 'web-1', namespace: 'shop', uid: 'u-1' })).toBe('web-1_shop(u-1)');
  expect(rfc3339(new Date('2026-03-11T14:33:02.114Z'))).toBe('2026-03-11T14:33:02Z');
});
