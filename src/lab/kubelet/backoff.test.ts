/** The crash-loop back-off schedule: immediate first restart, 10 s doubling to 300 s, reset after 10 minutes, time scale. */
import { describe, expect, it } from 'vitest';
import { BackOff, CRASH_LOOP_BACKOFF } from './backoff.js';

const toRealMs = (s: number): number => s * 1000;

describe('crash-loop back-off', () => {
  it('restarts at once after the first crash, then waits 10s doubling to 300s', () => {
    const b = new BackOff(CRASH_LOOP_BACKOFF, toRealMs);
    let now = 0;
    const waits: number[] = [];
    for (let crash = 0; crash < 8; crash++) {
      const finished = now;
      const wait = b.isInBackOffSince('k', finished, now)
        ? b.remainingMs('k', finished, now) / 1000
        : 0;
      waits.push(wait);
      now += wait * 1000;
      b.next('k', now);
      now += 1000; // runs one second, crashes again
    }
    expect(waits).toEqual([0, 10, 20, 40, 80, 160, 300, 300]);
  });

  it('forgets a container that ran for ten minutes', () => {
    const b = new BackOff(CRASH_LOOP_BACKOFF, toRealMs);
    b.next('k', 0);
    b.next('k', 1000);
    expect(b.get('k', 1000)).toBe(20);
    expect(b.isInBackOffSince('k', 601_001, 601_002)).toBe(false);
    b.next('k', 601_002);
    expect(b.get('k', 601_002)).toBe(10);
  });

  it('shortens every wait by the time scale', () => {
    const b = new BackOff(CRASH_LOOP_BACKOFF, (s) => (s * 1000) / 20);
    b.next('k', 0);
    expect(b.remainingMs('k', 0, 0)).toBe(500);
  });
});
