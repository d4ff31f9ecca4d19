/**
 * The lab's contract between its parts: the object store the API server serves and the
 * controllers and kubelet emulator write to, the per-container log store, and the event
 * recorder. Objects are plain Kubernetes JSON (as the real API returns them).
 *
 * The API server (src/lab/api) exposes the store over HTTP; controllers (src/lab/controllers)
 * and the kubelet emulator (src/lab/kubelet) use it in-process through these interfaces only.
 */

/** Any Kubernetes object as JSON. */
export interface LabObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name?: string;
    generateName?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: {
      apiVersion: string;
      kind: string;
      name: string;
      uid: string;
      controller?: boolean;
      blockOwnerDeletion?: boolean;
    }[];
    finalizers?: string[];
    [other: string]: unknown;
  };
  [other: string]: unknown;
}

/** A resource type: `{group: '', version: 'v1', resource: 'pods'}`, `{group: 'apps', ...}`. */
export interface ResourceType {
  group: string;
  version: string;
  /** Plural, lower-case: `pods`, `deployments`, `endpointslices`. */
  resource: string;
  kind: string;
  namespaced: boolean;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchEventType;
  object: LabObject;
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
}

export interface ListResult {
  items: LabObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

/** Errors carry the Kubernetes Status reason so the API server can answer with a real Status. */
export class StoreError extends Error {
  readonly reason:
    'NotFound' | 'AlreadyExists' | 'Conflict' | 'Invalid' | 'Expired' | 'BadRequest' | 'Forbidden';
  readonly code: number;
  constructor(reason: StoreError['reason'], code: number, message: string) {
    super(message);
    this.name = 'StoreError';
    this.reason = reason;
    this.code = code;
  }
}

export interface ObjectStore {
  /** The resource types the store knows (for discovery). */
  types(): readonly ResourceType[];
  typeOf(group: string, resource: string): ResourceType | undefined;
  get(type: ResourceType, namespace: string | undefined, name: string): LabObject | undefined;
  list(type: ResourceType, namespace: string | undefined, options?: ListOptions): ListResult;
  /** Assigns uid, resourceVersion, creationTimestamp, generation, a name from generateName. AlreadyExists on clash. */
  create(type: ResourceType, object: LabObject): LabObject;
  /** Conflict when object.metadata.resourceVersion is set and stale. Bumps generation on spec change. */
  update(type: ResourceType, object: LabObject): LabObject;
  /** Replace only `.status` (the /status subresource). */
  updateStatus(type: ResourceType, object: LabObject): LabObject;
  delete(type: ResourceType, namespace: string | undefined, name: string): LabObject | undefined;
  /**
   * Watch changes after `resourceVersion` (exclusive; undefined = from now). Throws
   * StoreError('Expired', 410) when that version is older than the retained history.
   * Returns a function that stops the watch.
   */
  watch(
    type: ResourceType,
    namespace: string | undefined,
    resourceVersion: string | undefined,
    onEvent: (event: WatchEvent) => void,
    options?: ListOptions,
  ): () => void;
  /** The current global resourceVersion. */
  currentResourceVersion(): string;
}

/** One container instance's output; instance 0 is the first run, each restart adds one. */
export interface LogLine {
  time: string;
  text: string;
  stream: 'stdout' | 'stderr';
}

export interface LogReadOptions {
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: string;
  timestamps?: boolean;
  limitBytes?: number;
}

export interface LogStore {
  append(namespace: string, pod: string, container: string, instance: number, line: LogLine): void;
  /** Lines of the current (or, with previous, the one before) instance. Undefined when that instance does not exist. */
  read(
    namespace: string,
    pod: string,
    container: string,
    options?: LogReadOptions,
  ): LogLine[] | undefined;
  /** Follow new lines of the current instance until the returned function is called. */
  follow(
    namespace: string,
    pod: string,
    container: string,
    onLine: (line: LogLine) => void,
  ): () => void;
  /** The latest instance number, or -1. */
  currentInstance(namespace: string, pod: string, container: string): number;
  deletePod(namespace: string, pod: string): void;
}

export interface EventSource {
  component: string;
  host?: string;
}

export interface EventRecorder {
  /**
   * Record an event as the kubelet/controllers do: a repeat (same object, reason, message,
   * source) increments `count` and `lastTimestamp` of the existing Event instead of creating one.
   */
  record(
    involved: {
      kind: string;
      namespace?: string;
      name: string;
      uid?: string;
      apiVersion?: string;
      fieldPath?: string;
    },
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    source: EventSource,
  ): void;
}

/** A clock the lab runs on: real time scaled for fast tests. */
export interface LabClock {
  /** Wall-clock now (ISO), what timestamps in objects show. */
  now(): Date;
  /** Lab seconds → real milliseconds (timeScale 10 makes a 10 s back-off last 1 s). */
  toRealMs(labSeconds: number): number;
  readonly timeScale: number;
}
