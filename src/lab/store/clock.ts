/**
 * LabClock implementations. `systemClock` is wall time with a time scale (lab seconds run
 * `timeScale` times faster in real milliseconds); `manualClock` is for tests that need exact
 * ages ("7 (2m10s ago)") and moves only when told to.
 */
import type { LabClock } from './types.js';

export function systemClock(timeScale = 1): LabClock {
  return {
    now: () => new Date(),
    toRealMs: (labSeconds) => (labSeconds * 1000) / timeScale,
    timeScale,
  };
}

export interface ManualClock extends LabClock {
  set(date: Date): void;
  advance(seconds: number): void;
}

export function manualClock(
  start: Date = new Date('2025-03-01T10:00:00Z'),
  timeScale = 1,
): ManualClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    toRealMs: (labSeconds) => (labSeconds * 1000) / timeScale,
    timeScale,
    set(date) {
      current = date.getTime();
    },
    advance(seconds) {
      current += seconds * 1000;
    },
  };
}
