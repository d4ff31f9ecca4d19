/**
 * Records Events into the store the way client-go's legacy recorder does for the kubelet and
 * controllers: a repeat of the same event (object, type, reason, message, source) bumps
 * `count` and `lastTimestamp` of the existing Event; after 10 distinct messages with the same
 * object/type/reason within 10 minutes, they collapse into one
 * `(combined from similar events): …` Event. Names are `<object>.<hex UnixNano>`; objects
 * carry both the classic fields and `reportingComponent`/`reportingInstance`.
 */
import type { EventRecorder, EventSource, LabClock, LabObject, ObjectStore } from './types.js';
import { RT } from './resource-types.js';
import { formatTime } from './object-utils.js';

export type InvolvedObject = Parameters<EventRecorder['record']>[0];

export interface EventFields {
  involved: InvolvedObject;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  source: EventSource;
  firstTimestamp: Date;
  lastTimestamp: Date;
  count: number;
  name?: string;
}

let nanoCounter = 0;

/** `<name>.<hex UnixNano>` as the recorder names events. */
export function eventName(involvedName: string, at: Date): string {
  nanoCounter = (nanoCounter + 1) % 1_000_000;
  const nanos = BigInt(at.getTime()) * 1_000_000n + BigInt(nanoCounter);
  return `${involvedName}.${nanos.toString(16)}`;
}

/** A core/v1 Event object (used by the recorder and by the scale-mode generator). */
export function buildEvent(f: EventFields): LabObject {
  const involvedObject: Record<string, string> = { kind: f.involved.kind, name: f.involved.name };
  if (f.involved.namespace) involvedObject['namespace'] = f.involved.namespace;
  if (f.involved.uid) involvedObject['uid'] = f.involved.uid;
  if (f.involved.apiVersion) involvedObject['apiVersion'] = f.involved.apiVersion;
  if (f.involved.fieldPath) involvedObject['fieldPath'] = f.involved.fieldPath;
  const source: Record<string, string> = { component: f.source.component };
  if (f.source.host) source['host'] = f.source.host;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: f.name ?? eventName(f.involved.name, f.firstTimestamp),
      namespace: f.involved.namespace ?? 'default',
    },
    involvedObject,
    reason: f.reason,
    message: f.message,
    source,
    firstTimestamp: formatTime(f.firstTimestamp),
    lastTimestamp: formatTime(f.lastTimestamp),
    count: f.count,
    type: f.type,
    eventTime: null,
    reportingComponent: f.source.component,
    reportingInstance: f.source.host ?? '',
  };
}

interface Aggregate {
  messages: Map<string, number>;
}

const COMBINED_PREFIX = '(combined from similar events): ';
const MAX_SIMILAR = 10;
const SIMILAR_WINDOW_MS = 600_000;

export class StoreEventRecorder implements EventRecorder {
  private readonly seen = new Map<string, { namespace: string; name: string }>();
  private readonly aggregates = new Map<string, Aggregate>();

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: LabClock,
  ) {}

  record(
    involved: InvolvedObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    source: EventSource,
  ): void {
    const now = this.clock.now();
    const objectKey = [
      involved.kind,
      involved.namespace ?? '',
      involved.name,
      involved.uid ?? '',
      involved.apiVersion ?? '',
      type,
      reason,
      source.component,
      source.host ?? '',
    ].join('\u0001');
    let dedupeKey = `${objectKey}\u0001${involved.fieldPath ?? ''}\u0001${message}`;
    let text = message;
    const agg = this.aggregates.get(objectKey) ?? { messages: new Map<string, number>() };
    this.aggregates.set(objectKey, agg);
    for (const [m, at] of agg.messages)
      if (now.getTime() - at > SIMILAR_WINDOW_MS) agg.messages.delete(m);
    agg.messages.set(message, now.getTime());
    if (agg.messages.size >= MAX_SIMILAR) {
      dedupeKey = `${objectKey}\u0001combined`;
      text = COMBINED_PREFIX + message;
    }
    try {
      const known = this.seen.get(dedupeKey);
      const existing = known ? this.store.get(RT.events, known.namespace, known.name) : undefined;
      if (existing) {
        existing['count'] = (typeof existing['count'] === 'number' ? existing['count'] : 1) + 1;
        existing['lastTimestamp'] = formatTime(now);
        existing['message'] = text;
        delete existing.metadata.resourceVersion;
        this.store.update(RT.events, existing);
        return;
      }
      const created = this.store.create(
        RT.events,
        buildEvent({
          involved,
          type,
          reason,
          message: text,
          source,
          firstTimestamp: now,
          lastTimestamp: now,
          count: 1,
        }),
      );
      this.seen.set(dedupeKey, {
        namespace: created.metadata.namespace ?? 'default',
        name: created.metadata.name ?? '',
      });
    } catch {
      // Like the real recorder: an event that cannot be written (namespace gone) is dropped.
    }
  }
}
