import { describe, expect, it } from 'vitest';
import { MemoryLogStore } from './log-store.js';
import { manualClock } from './clock.js';
import type { LogLine } from './types.js';

const at = (s: number, text: string): LogLine => ({
  time: new Date(Date.UTC(2025, 2, 1, 10, 0, s)).toISOString(),
  text,
  stream: 'stdout',
});

describe('MemoryLogStore', () => {
  it('reads the current and previous instance with tail and since', () => {
    const clock = manualClock(new Date('2025-03-01T10:01:00Z'));
    const logs = new MemoryLogStore({ clock });
    expect(logs.read('ns', 'p', 'c')).toBeUndefined();
    logs.append('ns', 'p', 'c', 0, at(1, 'first run'));
    expect(logs.read('ns', 'p', 'c', { previous: true })).toBeUndefined();
    logs.append('ns', 'p', 'c', 1, at(10, 'a'));
    logs.append('ns', 'p', 'c', 1, at(20, 'b'));
    logs.append('ns', 'p', 'c', 1, at(50, 'c'));
    expect(logs.currentInstance('ns', 'p', 'c')).toBe(1);
    expect(logs.read('ns', 'p', 'c')?.map((l) => l.text)).toEqual(['a', 'b', 'c']);
    expect(logs.read('ns', 'p', 'c', { previous: true })?.map((l) => l.text)).toEqual([
      'first run',
    ]);
    expect(logs.read('ns', 'p', 'c', { tailLines: 2 })?.map((l) => l.text)).toEqual(['b', 'c']);
    expect(logs.read('ns', 'p', 'c', { sinceSeconds: 45 })?.map((l) => l.text)).toEqual(['b', 'c']);
    expect(logs.read('ns', 'p', 'c', { limitBytes: 3 })?.map((l) => l.text)).toEqual(['a', 'b']);
  });

  it('caps an instance by bytes, dropping the oldest lines', () => {
    const logs = new MemoryLogStore({ maxBytesPerInstance: 20 });
    for (let i = 0; i < 10; i++) logs.append('ns', 'p', 'c', 0, at(i, `line-${i}`));
    expect(logs.read('ns', 'p', 'c')?.map((l) => l.text)).toEqual(['line-8', 'line-9']);
  });

  it('follows the current instance and ends when a new one starts', () => {
    const logs = new MemoryLogStore();
    logs.append('ns', 'p', 'c', 0, at(0, 'x'));
    const got: string[] = [];
    let ended = false;
    logs.follow(
      'ns',
      'p',
      'c',
      (l) => got.push(l.text),
      () => (ended = true),
    );
    logs.append('ns', 'p', 'c', 0, at(1, 'y'));
    logs.append('ns', 'p', 'c', 1, at(2, 'z'));
    expect(got).toEqual(['y']);
    expect(ended).toBe(true);
    logs.deletePod('ns', 'p');
    expect(logs.currentInstance('ns', 'p', 'c')).toBe(-1);
  });
});
