/**
 * The shape of an in-process controller: which store changes wake it up (mapped to work-queue
 * keys), which keys to sync at start, and its sync function.
 */
import type {
  EventRecorder,
  LabClock,
  LabObject,
  ResourceType,
  WatchEvent,
} from '../store/types.js';
import type { MemoryStore } from '../store/memory-store.js';
import type { SyncResult } from './queue.js';

export interface ControllerDeps {
  store: MemoryStore;
  events: EventRecorder;
  clock: LabClock;
}

export interface Trigger {
  type: ResourceType;
  keys(event: WatchEvent): string[];
}

export interface Controller {
  name: string;
  triggers: Trigger[];
  initialKeys(): string[];
  sync(key: string): SyncResult;
}

export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return i < 0 ? ['', key] : [key.slice(0, i), key.slice(i + 1)];
}

/** The work-queue key of a namespaced name: `namespace/name`. */
export function queueKey(namespace: string | undefined, name: string | undefined): string {
  return `${namespace ?? ''}/${name ?? ''}`;
}

/** The work-queue key of an object. */
export function objectKey(obj: LabObject): string {
  return queueKey(obj.metadata.namespace, obj.metadata.name);
}
