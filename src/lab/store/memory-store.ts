/**
 * The lab's in-memory ObjectStore: what etcd plus the API server's registry do for a real
 * cluster. One global resourceVersion counter; per-type maps of frozen objects (so lists and
 * watches share them without copies and the JSON of each is computed once); defaulting and
 * validation on write; optimistic concurrency; finalizers; an owner index for garbage
 * collection; label/field selectors and limit/continue on list; and per-type watch history
 * for resumable watches with 410 Expired beyond it.
 *
 * The ObjectStore methods return mutable copies. The `*Shared` methods return the stored,
 * frozen objects for read-only hot paths (the API server's lists, controllers).
 */
import type {
  LabClock,
  LabObject,
  ListOptions,
  ListResult,
  ObjectStore,
  ResourceType,
  WatchEvent,
} from './types.js';
import { StoreError } from './types.js';
import {
  clone,
  deepEqual,
  deepFreeze,
  formatTime,
  isPlainObject,
  objectKey,
} from './object-utils.js';
import { toJson } from './json-cache.js';
import { randomUUID } from 'node:crypto';
import { randomSuffix, randomUid, type RandomSource } from './names.js';
import {
  BUILTIN_TYPES,
  RT,
  apiVersionOf,
  groupResource,
  hasStatusSubresource,
  qualifiedResource,
  tracksGeneration,
} from './resource-types.js';
import { matchesLabels, parseLabelSelector } from './label-selector.js';
import { compileFieldSelector, parseFieldSelector, pinnedName } from './field-selector.js';
import { applyCreateDefaults, applyUpdateDefaults, type DefaultingContext } from './defaults.js';
import { validateObject, validatePodSpecUpdate } from './validation.js';
import { WatchHub, type HubEvent, type HubWatcher } from './watch-hub.js';
import { systemClock } from './clock.js';

export interface MemoryStoreOptions {
  clock?: LabClock;
  /** Random source for uids and generated names (seed it for reproducible runs). */
  random?: RandomSource;
  /** Changes kept per resource type for watch resumption (default 10,000). */
  historySize?: number;
  types?: readonly ResourceType[];
  /** Namespaces that exist from the start (default: default, kube-system, kube-public, kube-node-lease). */
  namespaces?: readonly string[];
  /** Create the `kubernetes` Service in `default` like a real control plane (default true). */
  bootstrapObjects?: boolean;
  /** Called when a watcher's callback throws (the store itself keeps going). */
  onWatcherError?: (error: unknown) => void;
}

export interface WriteOptions {
  /** `?dryRun=All`: run defaulting/validation, return the result, store nothing. */
  dryRun?: boolean;
  /** Return the stored (frozen) object instead of a copy: for hot paths that only read it. */
  shared?: boolean;
  /** Keep a given creationTimestamp (scale mode builds a cluster "with history"). */
  keepCreationTimestamp?: boolean;
}

export interface DeleteOptions {
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface ContinueToken {
  rv: number;
  start: string;
}

interface Table {
  type: ResourceType;
  objects: Map<string, LabObject>;
  sortedKeys: string[] | undefined;
  hub: WatchHub;
}

const DEFAULT_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export function encodeContinue(token: ContinueToken): string {
  return Buffer.from(
    JSON.stringify({ v: 'meta.k8s.io/v1', rv: token.rv, start: token.start }),
  ).toString('base64');
}

export function decodeContinue(text: string): ContinueToken {
  try {
    const raw: unknown = JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
    if (isPlainObject(raw) && typeof raw['rv'] === 'number' && typeof raw['start'] === 'string') {
      return { rv: raw['rv'], start: raw['start'] };
    }
  } catch {
    // fall through to the API server's wording
  }
  throw new StoreError(
    'BadRequest',
    400,
    'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
  );
}

function lowerBound(keys: readonly string[], target: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] ?? '') < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function ownerUids(obj: LabObject | undefined): string[] {
  return (obj?.metadata.ownerReferences ?? [])
    .map((r) => r.uid)
    .filter((u) => typeof u === 'string');
}

export class MemoryStore implements ObjectStore {
  readonly clock: LabClock;
  private readonly random: RandomSource;
  private readonly tables = new Map<string, Table>();
  private readonly typeList: readonly ResourceType[];
  private rv = 0;
  private readonly queue: { table: Table; event: HubEvent }[] = [];
  private dispatching = false;
  private readonly owners = new Map<string, Set<string>>();
  private readonly onWatcherError: (error: unknown) => void;
  private nextIp = 10;
  private readonly usedIPs = new Set<string>();
  private nextNodePort = 30000;
  private readonly defaulting: DefaultingContext;

  constructor(options: MemoryStoreOptions = {}) {
    this.clock = options.clock ?? systemClock();
    this.random = options.random ?? Math.random;
    this.onWatcherError = options.onWatcherError ?? (() => undefined);
    this.typeList = options.types ?? BUILTIN_TYPES;
    for (const type of this.typeList) {
      this.tables.set(groupResource(type), {
        type,
        objects: new Map(),
        sortedKeys: undefined,
        hub: new WatchHub(options.historySize ?? 10_000),
      });
    }
    this.defaulting = {
      allocateClusterIP: () => this.allocateClusterIP(),
      allocateNodePort: () => this.nextNodePort++,
    };
    for (const ns of this.tables.has('namespaces')
      ? (options.namespaces ?? DEFAULT_NAMESPACES)
      : []) {
      this.create(RT.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    }
    if (
      options.bootstrapObjects !== false &&
      this.tables.has('services') &&
      this.namespaceExists('default')
    ) {
      this.create(RT.services, {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          name: 'kubernetes',
          namespace: 'default',
          labels: { component: 'apiserver', provider: 'kubernetes' },
        },
        spec: {
          clusterIP: '10.96.0.1',
          ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
        },
      });
    }
  }

  // ---- ObjectStore ------------------------------------------------------------------------

  types(): readonly ResourceType[] {
    return this.typeList;
  }

  typeOf(group: string, resource: string): ResourceType | undefined {
    return this.tables.get(group ? `${group}/${resource}` : resource)?.type;
  }

  currentResourceVersion(): string {
    return String(this.rv);
  }

  get(type: ResourceType, namespace: string | undefined, name: string): LabObject | undefined {
    const obj = this.getShared(type, namespace, name);
    return obj ? (JSON.parse(toJson(obj)) as LabObject) : undefined;
  }

  list(type: ResourceType, namespace: string | undefined, options: ListOptions = {}): ListResult {
    const result = this.listShared(type, namespace, options);
    return { ...result, items: result.items.map((o) => JSON.parse(toJson(o)) as LabObject) };
  }

  watch(
    type: ResourceType,
    namespace: string | undefined,
    resourceVersion: string | undefined,
    onEvent: (event: WatchEvent) => void,
    options: ListOptions = {},
  ): () => void {
    return this.watchShared(
      type,
      namespace,
      resourceVersion,
      (e) => onEvent({ type: e.type, object: JSON.parse(toJson(e.object)) as LabObject }),
      options,
    );
  }

  create(type: ResourceType, object: LabObject, options: WriteOptions = {}): LabObject {
    const table = this.table(type);
    const obj = this.normalize(type, object);
    const meta = obj.metadata;
    if (type.namespaced) this.checkNamespaceWritable(meta.namespace ?? '');
    if (!meta.name && meta.generateName) {
      for (let attempt = 0; attempt < 8 && !meta.name; attempt++) {
        const candidate = meta.generateName + randomSuffix(this.random);
        if (!table.objects.has(objectKey(meta.namespace, candidate))) meta.name = candidate;
      }
      if (!meta.name) {
        throw new StoreError(
          'AlreadyExists',
          409,
          `${qualifiedResource(type)} "${meta.generateName}" already exists`,
        );
      }
    }
    const name = meta.name ?? '';
    const key = objectKey(meta.namespace, name);
    if (name && table.objects.has(key)) {
      throw new StoreError(
        'AlreadyExists',
        409,
        `${qualifiedResource(type)} "${name}" already exists`,
      );
    }
    meta.uid = this.random === Math.random ? randomUUID() : randomUid(this.random);
    if (!options.keepCreationTimestamp || !meta.creationTimestamp)
      meta.creationTimestamp = formatTime(this.clock.now());
    delete meta.deletionTimestamp;
    delete meta['deletionGracePeriodSeconds'];
    delete meta['managedFields'];
    if (tracksGeneration(type)) meta.generation = 1;
    else delete meta.generation;
    applyCreateDefaults(type, obj, this.defaulting);
    validateObject(type, obj);
    if (options.dryRun) return obj;
    meta.resourceVersion = String(++this.rv);
    const frozen = deepFreeze(obj);
    table.objects.set(key, frozen);
    table.sortedKeys = undefined;
    this.indexOwners(type, key, undefined, frozen);
    this.trackClusterIP(type, frozen, true);
    this.emit(table, { rv: this.rv, type: 'ADDED', object: frozen });
    return options.shared ? frozen : clone(frozen);
  }

  update(type: ResourceType, object: LabObject, options: WriteOptions = {}): LabObject {
    const table = this.table(type);
    const existing = this.mustGet(type, object.metadata.namespace, object.metadata.name ?? '');
    this.checkPreconditions(type, existing, object.metadata.uid, object.metadata.resourceVersion);
    const obj = this.normalize(type, object);
    const meta = obj.metadata;
    const old = existing.metadata;
    meta.uid = old.uid ?? '';
    if (type.namespaced && old.namespace !== undefined) meta.namespace = old.namespace;
    else delete meta.namespace;
    meta.creationTimestamp = old.creationTimestamp ?? '';
    if (old.deletionTimestamp) meta.deletionTimestamp = old.deletionTimestamp;
    if (old['deletionGracePeriodSeconds'] !== undefined) {
      meta['deletionGracePeriodSeconds'] = old['deletionGracePeriodSeconds'];
    }
    if (hasStatusSubresource(type)) {
      // Frozen, so the new version can share it.
      if (existing['status'] === undefined) delete obj['status'];
      else obj['status'] = existing['status'];
    }
    applyUpdateDefaults(type, obj);
    validateObject(type, obj);
    if (groupResource(type) === 'pods') validatePodSpecUpdate(type, existing, obj);
    if (tracksGeneration(type)) {
      const gen = typeof old.generation === 'number' ? old.generation : 1;
      meta.generation = deepEqual(existing['spec'], obj['spec']) ? gen : gen + 1;
    }
    return this.commit(table, type, existing, obj, options);
  }

  updateStatus(type: ResourceType, object: LabObject, options: WriteOptions = {}): LabObject {
    const table = this.table(type);
    const existing = this.mustGet(type, object.metadata.namespace, object.metadata.name ?? '');
    this.checkPreconditions(type, existing, object.metadata.uid, object.metadata.resourceVersion);
    // Structural sharing: only the top level and metadata are new; the rest is frozen and shared.
    const obj = { ...existing, metadata: { ...existing.metadata } } as LabObject;
    if (object['status'] === undefined) delete obj['status'];
    else obj['status'] = clone(object['status']);
    return this.commit(table, type, existing, obj, options);
  }

  delete(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
  ): LabObject | undefined {
    const table = this.table(type);
    const key = objectKey(type.namespaced ? namespace : undefined, name);
    const existing = table.objects.get(key);
    if (!existing) return undefined;
    this.checkPreconditions(
      type,
      existing,
      options.preconditions?.uid,
      options.preconditions?.resourceVersion,
    );
    if ((existing.metadata.finalizers ?? []).length > 0) {
      if (existing.metadata.deletionTimestamp) return clone(existing);
      const marked = clone(existing) as LabObject;
      marked.metadata.deletionTimestamp = formatTime(this.clock.now());
      marked.metadata['deletionGracePeriodSeconds'] = 0;
      return this.commit(table, type, existing, marked, {});
    }
    return clone(this.remove(table, type, key, existing));
  }

  // ---- extensions -------------------------------------------------------------------------

  getShared(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
  ): LabObject | undefined {
    return this.table(type).objects.get(objectKey(type.namespaced ? namespace : undefined, name));
  }

  /** Like list(), with the stored (frozen) objects: read-only, no copies. */
  listShared(
    type: ResourceType,
    namespace: string | undefined,
    options: ListOptions = {},
  ): ListResult {
    const table = this.table(type);
    const labels = parseLabelSelector(options.labelSelector);
    const fieldReqs = parseFieldSelector(options.fieldSelector);
    const fields = compileFieldSelector(type, fieldReqs);
    const ns = type.namespaced ? namespace || undefined : undefined;
    const match = (o: LabObject): boolean => matchesLabels(labels, o.metadata.labels) && fields(o);
    const rv = String(this.rv);
    const limit = options.limit && options.limit > 0 ? Math.floor(options.limit) : undefined;
    const pinned = pinnedName(fieldReqs);
    if (pinned !== undefined && (ns !== undefined || !type.namespaced) && !options.continue) {
      const o = table.objects.get(objectKey(ns, pinned));
      return { items: o && match(o) ? [o] : [], resourceVersion: rv };
    }
    const keys = this.sortedKeys(table);
    let lo = 0;
    let hi = keys.length;
    if (ns !== undefined) {
      lo = lowerBound(keys, `${ns}/`);
      hi = lowerBound(keys, `${ns}0`);
    }
    let listRv = rv;
    if (options.continue) {
      const token = decodeContinue(options.continue);
      lo = Math.max(lo, lowerBound(keys, token.start));
      listRv = String(token.rv);
    }
    const items: LabObject[] = [];
    let i = lo;
    for (; i < hi; i++) {
      const o = table.objects.get(keys[i] ?? '');
      if (o && match(o)) {
        items.push(o);
        if (limit !== undefined && items.length >= limit) {
          i++;
          break;
        }
      }
    }
    const result: ListResult = { items, resourceVersion: listRv };
    if (limit !== undefined && i < hi) {
      const last = items[items.length - 1];
      const lastKey = last
        ? objectKey(last.metadata.namespace, last.metadata.name ?? '')
        : (keys[i - 1] ?? '');
      result.continue = encodeContinue({ rv: Number(listRv), start: `${lastKey}\u0000` });
      if (labels.length === 0 && fieldReqs.length === 0) result.remainingItemCount = hi - i;
    }
    return result;
  }

  /** Like watch(), delivering the stored (frozen) objects. */
  watchShared(
    type: ResourceType,
    namespace: string | undefined,
    resourceVersion: string | undefined,
    onEvent: (event: WatchEvent) => void,
    options: ListOptions = {},
  ): () => void {
    const table = this.table(type);
    const labels = parseLabelSelector(options.labelSelector);
    const fields = compileFieldSelector(type, parseFieldSelector(options.fieldSelector));
    const watcher: HubWatcher = {
      namespace: type.namespaced ? namespace || undefined : undefined,
      matches: (o) => matchesLabels(labels, o.metadata.labels) && fields(o),
      deliver: onEvent,
    };
    let backlog: HubEvent[] = [];
    if (resourceVersion !== undefined && resourceVersion !== '' && resourceVersion !== '0') {
      const from = Number(resourceVersion);
      if (!Number.isInteger(from) || from < 0) {
        throw new StoreError('BadRequest', 400, `invalid resource version: ${resourceVersion}`);
      }
      backlog = table.hub.since(from);
    }
    for (const e of backlog) {
      const view = WatchHub.view(watcher, e);
      if (view) this.safeDeliver(watcher, view);
    }
    table.hub.watchers.add(watcher);
    return () => {
      table.hub.watchers.delete(watcher);
    };
  }

  /** Graceful deletion: stamps deletionTimestamp (now + grace) and leaves removal to the kubelet. */
  markDeleting(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    gracePeriodSeconds: number,
  ): LabObject {
    const table = this.table(type);
    const existing = this.mustGet(type, namespace, name);
    if (existing.metadata.deletionTimestamp) return clone(existing);
    const marked = clone(existing) as LabObject;
    marked.metadata.deletionTimestamp = formatTime(
      new Date(this.clock.now().getTime() + gracePeriodSeconds * 1000),
    );
    marked.metadata['deletionGracePeriodSeconds'] = gracePeriodSeconds;
    return this.commit(table, type, existing, marked, {});
  }

  /** Objects whose ownerReferences name this uid (for cascading deletion). */
  dependentsOf(uid: string): { type: ResourceType; object: LabObject }[] {
    const out: { type: ResourceType; object: LabObject }[] = [];
    for (const ref of this.owners.get(uid) ?? []) {
      const sep = ref.indexOf('|');
      const table = this.tables.get(ref.slice(0, sep));
      const obj = table?.objects.get(ref.slice(sep + 1));
      if (table && obj) out.push({ type: table.type, object: obj });
    }
    return out;
  }

  /** Whether any object with this uid is stored (owner liveness for garbage collection). */
  hasUid(type: ResourceType, namespace: string | undefined, name: string, uid: string): boolean {
    return this.getShared(type, namespace, name)?.metadata.uid === uid;
  }

  namespaceExists(name: string): boolean {
    return this.tables.get('namespaces')?.objects.has(name) ?? false;
  }

  count(type: ResourceType): number {
    return this.table(type).objects.size;
  }

  // ---- internals --------------------------------------------------------------------------

  private table(type: ResourceType): Table {
    const table = this.tables.get(groupResource(type));
    if (!table) {
      throw new StoreError('NotFound', 404, 'the server could not find the requested resource');
    }
    return table;
  }

  private mustGet(type: ResourceType, namespace: string | undefined, name: string): LabObject {
    const existing = this.getShared(type, namespace, name);
    if (!existing)
      throw new StoreError('NotFound', 404, `${qualifiedResource(type)} "${name}" not found`);
    return existing;
  }

  private normalize(type: ResourceType, object: LabObject): LabObject {
    const obj = clone(object) as LabObject;
    obj.apiVersion = apiVersionOf(type);
    obj.kind = type.kind;
    if (!isPlainObject(obj.metadata)) obj.metadata = {};
    if (type.namespaced) obj.metadata.namespace = obj.metadata.namespace || 'default';
    else delete obj.metadata.namespace;
    return obj;
  }

  private checkNamespaceWritable(ns: string): void {
    const namespaces = this.tables.get('namespaces');
    if (!namespaces) return;
    const nsObj = namespaces.objects.get(ns);
    if (!nsObj) throw new StoreError('NotFound', 404, `namespaces "${ns}" not found`);
    if (nsObj.metadata.deletionTimestamp) {
      throw new StoreError(
        'Forbidden',
        403,
        `unable to create new content in namespace ${ns} because it is being terminated`,
      );
    }
  }

  private checkPreconditions(
    type: ResourceType,
    existing: LabObject,
    uid?: string,
    rv?: string,
  ): void {
    if (uid && existing.metadata.uid && uid !== existing.metadata.uid) {
      throw new StoreError(
        'Conflict',
        409,
        `Operation cannot be fulfilled on ${qualifiedResource(type)} "${existing.metadata.name ?? ''}": Precondition failed: UID in precondition: ${uid}, UID in object meta: ${existing.metadata.uid}`,
      );
    }
    if (rv && rv !== existing.metadata.resourceVersion) {
      throw new StoreError(
        'Conflict',
        409,
        `Operation cannot be fulfilled on ${qualifiedResource(type)} "${existing.metadata.name ?? ''}": the object has been modified; please apply your changes to the latest version and try again`,
      );
    }
  }

  /** Stores a replacement (or a no-op when nothing changed), emitting MODIFIED or DELETED. */
  private commit(
    table: Table,
    type: ResourceType,
    existing: LabObject,
    obj: LabObject,
    options: WriteOptions,
  ): LabObject {
    obj.metadata.resourceVersion = existing.metadata.resourceVersion ?? '';
    if (deepEqual(existing, obj)) return options.shared ? existing : clone(existing);
    if (options.dryRun) return clone(obj);
    const key = objectKey(existing.metadata.namespace, existing.metadata.name ?? '');
    if (
      obj.metadata.deletionTimestamp &&
      (obj.metadata.finalizers ?? []).length === 0 &&
      existing.metadata.finalizers?.length
    ) {
      return clone(this.remove(table, type, key, obj));
    }
    obj.metadata.resourceVersion = String(++this.rv);
    const frozen = deepFreeze(obj);
    table.objects.set(key, frozen);
    this.indexOwners(type, key, existing, frozen);
    this.emit(table, { rv: this.rv, type: 'MODIFIED', object: frozen, prev: existing });
    return options.shared ? frozen : clone(frozen);
  }

  private remove(table: Table, type: ResourceType, key: string, last: LabObject): LabObject {
    table.objects.delete(key);
    table.sortedKeys = undefined;
    this.indexOwners(type, key, last, undefined);
    this.trackClusterIP(type, last, false);
    const rv = ++this.rv;
    const gone = deepFreeze({
      ...clone(last),
      metadata: { ...clone(last.metadata), resourceVersion: String(rv) },
    } as LabObject);
    this.emit(table, { rv, type: 'DELETED', object: gone, prev: last });
    return gone;
  }

  private sortedKeys(table: Table): string[] {
    if (!table.sortedKeys) table.sortedKeys = [...table.objects.keys()].sort();
    return table.sortedKeys;
  }

  private indexOwners(
    type: ResourceType,
    key: string,
    before: LabObject | undefined,
    after: LabObject | undefined,
  ): void {
    const ref = `${groupResource(type)}|${key}`;
    const was = ownerUids(before);
    const now = ownerUids(after);
    for (const uid of was) {
      if (now.includes(uid)) continue;
      const set = this.owners.get(uid);
      set?.delete(ref);
      if (set && set.size === 0) this.owners.delete(uid);
    }
    for (const uid of now) {
      let set = this.owners.get(uid);
      if (!set) this.owners.set(uid, (set = new Set()));
      set.add(ref);
    }
  }

  /**
   * Records a change and fans it out. Deliveries are serialized: a watcher that writes to the
   * store from its callback queues the new change behind the current one, so every watcher
   * sees changes in resourceVersion order.
   */
  private emit(table: Table, event: HubEvent): void {
    table.hub.record(event);
    this.queue.push({ table, event });
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      for (let item = this.queue.shift(); item; item = this.queue.shift()) {
        for (const w of [...item.table.hub.watchers]) {
          if (!item.table.hub.watchers.has(w)) continue;
          const view = WatchHub.view(w, item.event);
          if (view) this.safeDeliver(w, view);
        }
      }
    } finally {
      this.dispatching = false;
    }
  }

  private safeDeliver(w: HubWatcher, event: WatchEvent): void {
    try {
      w.deliver(event);
    } catch (error) {
      this.onWatcherError(error);
    }
  }

  private trackClusterIP(type: ResourceType, svc: LabObject, add: boolean): void {
    if (groupResource(type) !== 'services') return;
    const ip = (svc['spec'] as Record<string, unknown> | undefined)?.['clusterIP'];
    if (typeof ip !== 'string') return;
    if (add) this.usedIPs.add(ip);
    else this.usedIPs.delete(ip);
  }

  private allocateClusterIP(): string {
    for (let tries = 0; tries < 65_536; tries++) {
      const n = this.nextIp++;
      const ip = `10.96.${Math.floor(n / 254) % 256}.${(n % 254) + 1}`;
      if (!this.usedIPs.has(ip)) return ip;
    }
    throw new StoreError(
      'Invalid',
      422,
      'Internal error occurred: failed to allocate a serviceIP: range is full',
    );
  }
}
