/**
 * A de-duplicating work queue like client-go's: a key enqueued several times before it is
 * processed is processed once; keys can be re-queued after a delay. Processing is
 * asynchronous and batched (setImmediate) so store watch callbacks never run controller
 * logic re-entrantly, and a burst of 10,000 changes does not block the event loop.
 */
export type SyncResult = void | { requeueAfterMs?: number };

export class WorkQueue {
  private readonly pending = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private scheduled = false;
  private running = false;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly sync: (key: string) => SyncResult,
    private readonly onError: (key: string, error: unknown) => number | undefined,
    private readonly batchSize = 256,
  ) {}

  add(key: string): void {
    if (this.stopped) return;
    this.pending.add(key);
    this.schedule();
  }

  addAfter(key: string, ms: number): void {
    if (this.stopped) return;
    if (ms <= 0) {
      this.add(key);
      return;
    }
    const existing = this.timers.get(key);
    if (existing) clearTimeout(existing);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.add(key);
    }, ms);
    timer.unref();
    this.timers.set(key, timer);
  }

  /** Resolves when nothing is queued or running (delayed re-queues do not count). */
  idle(): Promise<void> {
    if (this.pending.size === 0 && !this.running && !this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  isIdle(): boolean {
    return this.pending.size === 0 && !this.running && !this.scheduled;
  }

  stop(): void {
    this.stopped = true;
    this.pending.clear();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.notifyIdle();
  }

  private schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => this.drain());
  }

  private drain(): void {
    this.scheduled = false;
    if (this.stopped) return;
    this.running = true;
    let n = 0;
    for (const key of this.pending) {
      if (n++ >= this.batchSize || this.stopped) break;
      this.pending.delete(key);
      let result: SyncResult;
      try {
        result = this.sync(key);
      } catch (error) {
        const retry = this.onError(key, error);
        if (retry !== undefined) this.addAfter(key, retry);
        continue;
      }
      if (result && result.requeueAfterMs !== undefined) this.addAfter(key, result.requeueAfterMs);
    }
    this.running = false;
    if (this.pending.size > 0) this.schedule();
    else this.notifyIdle();
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
