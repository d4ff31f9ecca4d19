/**
 * Watch fan-out for one resource type: a bounded history ring of changes (for resuming a watch
 * from a resourceVersion, and `410 Expired` beyond it), and the set of live watchers, each with
 * its namespace and selectors. Filtering follows the watch cache: an object that starts
 * matching a watcher's selector arrives as ADDED, one that stops matching as DELETED.
 */
import type { LabObject, WatchEvent, WatchEventType } from './types.js';
import { StoreError } from './types.js';
import { deepFreeze } from './object-utils.js';

export interface HubEvent {
  rv: number;
  type: WatchEventType;
  object: LabObject;
  /** The state before a MODIFIED (or the deleted object's last state). */
  prev?: LabObject;
}

export interface HubWatcher {
  namespace: string | undefined;
  matches: (obj: LabObject) => boolean;
  deliver: (event: WatchEvent) => void;
}

export class WatchHub {
  private readonly ring: (HubEvent | undefined)[];
  private head = 0;
  private size = 0;
  /** Highest resourceVersion evicted from the ring; watches from below it have expired. */
  compactedRv = 0;
  readonly watchers = new Set<HubWatcher>();

  constructor(private readonly capacity: number) {
    this.ring = new Array<HubEvent | undefined>(Math.max(1, capacity));
  }

  record(event: HubEvent): void {
    if (this.size === this.ring.length) {
      const evicted = this.ring[this.head];
      if (evicted) this.compactedRv = evicted.rv;
      this.ring[this.head] = event;
      this.head = (this.head + 1) % this.ring.length;
    } else {
      this.ring[(this.head + this.size) % this.ring.length] = event;
      this.size++;
    }
  }

  /** Events after `rv` (exclusive), oldest first; throws 410 Expired when they were evicted. */
  since(rv: number): HubEvent[] {
    if (rv < this.compactedRv) {
      throw new StoreError(
        'Expired',
        410,
        `too old resource version: ${rv} (${this.compactedRv + 1})`,
      );
    }
    const out: HubEvent[] = [];
    for (let i = 0; i < this.size; i++) {
      const e = this.ring[(this.head + i) % this.ring.length];
      if (e && e.rv > rv) out.push(e);
    }
    return out;
  }

  /** Converts a change into what one watcher sees, or nothing. */
  static view(w: HubWatcher, e: HubEvent): WatchEvent | undefined {
    const inNs = (o: LabObject | undefined): boolean =>
      o !== undefined && (w.namespace === undefined || o.metadata.namespace === w.namespace);
    const cur = inNs(e.object) && w.matches(e.object);
    if (e.type === 'DELETED') return cur ? { type: 'DELETED', object: e.object } : undefined;
    if (e.type === 'ADDED') return cur ? { type: 'ADDED', object: e.object } : undefined;
    const old = e.prev !== undefined && inNs(e.prev) && w.matches(e.prev);
    if (cur && old) return { type: 'MODIFIED', object: e.object };
    if (cur) return { type: 'ADDED', object: e.object };
    if (old && e.prev) {
      // Like the watch cache: the last matching state, stamped with the change's version.
      const gone = {
        ...e.prev,
        metadata: { ...e.prev.metadata, resourceVersion: String(e.rv) },
      } as LabObject;
      return { type: 'DELETED', object: deepFreeze(gone) };
    }
    return undefined;
  }
}
