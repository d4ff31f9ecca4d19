import { describe, expect, it } from 'vitest';
import { MemoryStore } from './memory-store.js';
import { RT } from './resource-types.js';
import { manualClock } from './clock.js';
import { seededRandom, SAFE_ALPHABET } from './names.js';
import { StoreError, type LabObject, type WatchEvent } from './types.js';
import { deleteWithPropagation } from './ownership.js';

function pod(name: string, extra: Partial<LabObject['metadata']> = {}, ns = 'default'): LabObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, ...extra },
    spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] },
  };
}

function newStore(historySize?: number): MemoryStore {
  return new MemoryStore({
    clock: manualClock(),
    random: seededRandom(1),
    ...(historySize ? { historySize } : {}),
  });
}

describe('MemoryStore', () => {
  it('creates with uid, resourceVersion, timestamps, defaults, and a generated name', () => {
    const store = newStore();
    const created = store.create(RT.pods, {
      ...pod(''),
      metadata: { generateName: 'web-', namespace: 'default' },
    });
    expect(created.metadata.name).toMatch(new RegExp(`^web-[${SAFE_ALPHABET}]{5}$`));
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata.creationTimestamp).toBe('2025-03-01T10:00:00Z');
    expect(created.metadata.generation).toBe(1);
    expect(created['status']).toMatchObject({ phase: 'Pending', qosClass: 'BestEffort' });
    expect((created['spec'] as Record<string, unknown>)['restartPolicy']).toBe('Always');
    expect(Number(created.metadata.resourceVersion)).toBe(Number(store.currentResourceVersion()));
  });

  it('refuses duplicates, missing namespaces, and invalid objects like the API server', () => {
    const store = newStore();
    store.create(RT.pods, pod('a'));
    expect(() => store.create(RT.pods, pod('a'))).toThrow('pods "a" already exists');
    expect(() => store.create(RT.pods, pod('b', {}, 'nope'))).toThrow(
      'namespaces "nope" not found',
    );
    const bad = { ...pod('c'), spec: { containers: [] } };
    expect(() => store.create(RT.pods, bad)).toThrow(
      'Pod "c" is invalid: spec.containers: Required value',
    );
  });

  it('detects stale writes and keeps status on main-resource updates', () => {
    const store = newStore();
    const created = store.create(RT.pods, pod('a'));
    const withStatus = store.updateStatus(RT.pods, { ...created, status: { phase: 'Running' } });
    expect(withStatus['status']).toEqual({ phase: 'Running' });
    const stale = { ...created, metadata: { ...created.metadata, labels: { x: 'y' } } };
    let err: unknown;
    try {
      store.update(RT.pods, stale);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).reason).toBe('Conflict');
    const fresh = store.get(RT.pods, 'default', 'a');
    if (!fresh) throw new Error('missing');
    fresh.metadata.labels = { x: 'y' };
    fresh['status'] = { phase: 'Failed' };
    const updated = store.update(RT.pods, fresh);
    expect(updated.metadata.labels).toEqual({ x: 'y' });
    expect(updated['status']).toEqual({ phase: 'Running' });
  });

  it('bumps generation only on spec changes and skips no-op writes', () => {
    const store = newStore();
    const d = store.create(RT.deployments, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'app', image: 'a:1' }] },
        },
      },
    });
    const rv = d.metadata.resourceVersion;
    expect(store.update(RT.deployments, d).metadata.resourceVersion).toBe(rv);
    const copy = store.get(RT.deployments, 'default', 'web');
    if (!copy) throw new Error('missing');
    copy.metadata.annotations = { a: 'b' };
    expect(store.update(RT.deployments, copy).metadata.generation).toBe(1);
    const again = store.get(RT.deployments, 'default', 'web');
    if (!again) throw new Error('missing');
    (again['spec'] as Record<string, unknown>)['replicas'] = 3;
    expect(store.update(RT.deployments, again).metadata.generation).toBe(2);
  });

  it('lists in key order with selectors, limit and continue', () => {
    const store = newStore();
    for (let i = 0; i < 10; i++)
      store.create(RT.pods, pod(`p${i}`, { labels: { i: String(i % 2) } }));
    store.create(RT.namespaces, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'other' },
    });
    store.create(RT.pods, pod('zz', {}, 'other'));
    const page1 = store.list(RT.pods, 'default', { limit: 4 });
    expect(page1.items.map((p) => p.metadata.name)).toEqual(['p0', 'p1', 'p2', 'p3']);
    expect(page1.remainingItemCount).toBe(6);
    const page2 = store.list(RT.pods, 'default', {
      limit: 4,
      ...(page1.continue ? { continue: page1.continue } : {}),
    });
    expect(page2.items.map((p) => p.metadata.name)).toEqual(['p4', 'p5', 'p6', 'p7']);
    const odd = store.list(RT.pods, undefined, { labelSelector: 'i=1' });
    expect(odd.items).toHaveLength(5);
    expect(store.list(RT.pods, undefined).items).toHaveLength(11);
    expect(
      store.list(RT.pods, undefined, { fieldSelector: 'metadata.namespace=other' }).items,
    ).toHaveLength(1);
    expect(() => store.list(RT.pods, undefined, { continue: 'garbage' })).toThrow(
      /continue key is not valid/,
    );
  });

  it('watches from a resourceVersion, filters by selector transitions, and expires old versions', () => {
    const store = newStore(5);
    const start = store.currentResourceVersion();
    const seen: WatchEvent[] = [];
    const stop = store.watch(RT.pods, 'default', start, (e) => seen.push(e), {
      labelSelector: 'ready=yes',
    });
    const a = store.create(RT.pods, pod('a'));
    const labelled = store.get(RT.pods, 'default', 'a');
    if (!labelled) throw new Error('missing');
    labelled.metadata.labels = { ready: 'yes' };
    store.update(RT.pods, labelled);
    const unlabelled = store.get(RT.pods, 'default', 'a');
    if (!unlabelled) throw new Error('missing');
    unlabelled.metadata.labels = {};
    store.update(RT.pods, unlabelled);
    expect(seen.map((e) => e.type)).toEqual(['ADDED', 'DELETED']);
    stop();
    const replay: string[] = [];
    store.watch(RT.pods, undefined, a.metadata.resourceVersion, (e) => replay.push(e.type))();
    expect(replay).toEqual(['MODIFIED', 'MODIFIED']);
    for (let i = 0; i < 10; i++) store.create(RT.pods, pod(`x${i}`));
    expect(() => store.watch(RT.pods, undefined, start, () => undefined)).toThrow(
      /too old resource version/,
    );
  });

  it('honours finalizers and cascades deletion to dependents', () => {
    const store = newStore();
    const owner = store.create(RT.replicasets, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'rs', namespace: 'default' },
      spec: {
        selector: { matchLabels: { app: 'a' } },
        template: {
          metadata: { labels: { app: 'a' } },
          spec: { containers: [{ name: 'c', image: 'i:1' }] },
        },
      },
    });
    const ref = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      name: 'rs',
      uid: owner.metadata.uid ?? '',
      controller: true,
    };
    store.create(RT.pods, pod('child', { ownerReferences: [ref] }));
    store.create(RT.pods, pod('held', { ownerReferences: [ref], finalizers: ['x/y'] }));
    deleteWithPropagation(store, RT.replicasets, 'default', 'rs', 'Background');
    expect(store.get(RT.pods, 'default', 'child')).toBeUndefined();
    const held = store.get(RT.pods, 'default', 'held');
    expect(held?.metadata.deletionTimestamp).toBeDefined();
    if (!held) throw new Error('missing');
    held.metadata.finalizers = [];
    store.update(RT.pods, held);
    expect(store.get(RT.pods, 'default', 'held')).toBeUndefined();
  });

  it('returns copies from get/list so callers cannot corrupt the store', () => {
    const store = newStore();
    store.create(RT.pods, pod('a'));
    const copy = store.get(RT.pods, 'default', 'a');
    if (!copy) throw new Error('missing');
    copy.metadata.name = 'changed';
    expect(store.get(RT.pods, 'default', 'a')?.metadata.name).toBe('a');
    expect(Object.isFrozen(store.getShared(RT.pods, 'default', 'a'))).toBe(true);
  });
});
