/**
 * The kubelet's restart back-off (client-go `flowcontrol.Backoff` as the kubelet configures it):
 * the first failure restarts at once, the next waits 10 s, then 20 s, 40 s … up to 300 s; an
 * entry not updated for 10 minutes (lab time) is forgotten, so a container that ran that long
 * starts again from nothing. Times are real milliseconds; durations are lab seconds, converted
 * through the lab clock so a time scale shortens every wait alike.
 */

export interface BackOffPolicy {
  /** First delay, lab seconds. */
  initialSeconds: number;
  /** Cap, lab seconds. */
  maxSeconds: number;
  /** An entry older than this (since its last update) is forgotten, lab seconds. */
  resetSeconds: number;
}

/** `initialCrashLoopBackOff`, `MaxContainerBackOff` and the flat 600 s reset (KEP-4603). */
export const CRASH_LOOP_BACKOFF: BackOffPolicy = {
  initialSeconds: 10,
  maxSeconds: 300,
  resetSeconds: 600,
};

/** Image pulls: `imageBackOffPeriod` 10 s, `MaxImageBackOff` 300 s, client-go's 2 × max reset. */
export const IMAGE_PULL_BACKOFF: BackOffPolicy = {
  initialSeconds: 10,
  maxSeconds: 300,
  resetSeconds: 600,
};

interface Entry {
  seconds: number;
  lastUpdateMs: number;
}

export class BackOff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly policy: BackOffPolicy,
    private readonly toRealMs: (labSeconds: number) => number,
  ) {}

  private live(key: string, nowMs: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (nowMs - entry.lastUpdateMs > this.toRealMs(this.policy.resetSeconds)) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** True while `nowMs - sinceMs` is shorter than the current delay (the kubelet refuses to start). */
  isInBackOffSince(key: string, sinceMs: number, nowMs: number): boolean {
    const entry = this.live(key, nowMs);
    if (!entry) return false;
    return nowMs - sinceMs < this.toRealMs(entry.seconds);
  }

  /** Real ms left in the back-off window that started at `sinceMs`; 0 when not in back-off. */
  remainingMs(key: string, sinceMs: number, nowMs: number): number {
    const entry = this.live(key, nowMs);
    if (!entry) return 0;
    return Math.max(0, this.toRealMs(entry.seconds) - (nowMs - sinceMs));
  }

  /** Record a restart: start at the initial delay, or double the current one up to the cap. */
  next(key: string, nowMs: number): void {
    const entry = this.live(key, nowMs);
    if (!entry) {
      this.entries.set(key, { seconds: this.policy.initialSeconds, lastUpdateMs: nowMs });
      return;
    }
    entry.seconds = Math.min(entry.seconds * 2, this.policy.maxSeconds);
    entry.lastUpdateMs = nowMs;
  }

  /** The current delay in lab seconds, or undefined when there is no live entry. */
  get(key: string, nowMs: number): number | undefined {
    return this.live(key, nowMs)?.seconds;
  }

  reset(key: string): void {
    this.entries.delete(key);
  }

  /** Forget every key that starts with `prefix` (a deleted pod). */
  forgetPrefix(prefix: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}
