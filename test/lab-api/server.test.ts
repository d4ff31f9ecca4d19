/**
 * The lab API server over HTTP, without kubectl: discovery documents, lists with
 * limit/continue and selectors, watches (initial events, bookmarks, 410 Expired, Tables),
 * Status errors, logs rules, protobuf bodies, fault injection, and large lists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import https from 'node:https';
import http from 'node:http';
import { MemoryStore } from '../../src/lab/store/memory-store.js';
import { MemoryLogStore } from '../../src/lab/store/log-store.js';
import { manualClock } from '../../src/lab/store/clock.js';
import { RT } from '../../src/lab/store/resource-types.js';
import type { LabObject } from '../../src/lab/store/types.js';
import { startApiServer, type ApiServer } from '../../src/lab/api/server.js';
import { populateSimulatedCluster } from '../../src/lab/sim/populate.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const clock = manualClock(new Date('2025-03-01T12:00:00Z'));
const store = new MemoryStore({ clock, historySize: 50 });
const logs = new MemoryLogStore({ clock });
let server: ApiServer;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: Any;
}

function request(
  method: string,
  path: string,
  opts: { body?: string | Buffer; headers?: Record<string, string>; base?: ApiServer } = {},
): Promise<Reply> {
  const base = opts.base ?? server;
  const url = new URL(path, base.url);
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      url,
      { method, headers: opts.headers, ...(base.caPem ? { ca: base.caPem } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Any;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** Reads watch events until `count` arrived or the stream ended. */
function watch(
  path: string,
  count: number,
  opts: { headers?: Record<string, string>; onOpen?: () => void } = {},
): Promise<Any[]> {
  const url = new URL(path, server.url);
  return new Promise((resolve, reject) => {
    const events: Any[] = [];
    let buffer = '';
    const req = http.get(url, { headers: opts.headers }, (res) => {
      opts.onOpen?.();
      res.on('data', (c: Buffer) => {
        buffer += c.toString();
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          events.push(JSON.parse(buffer.slice(0, nl)));
          buffer = buffer.slice(nl + 1);
          if (events.length >= count) {
            req.destroy();
            resolve(events);
            return;
          }
        }
      });
      res.on('end', () => resolve(events));
      res.on('close', () => resolve(events));
    });
    req.on('error', (e) => (events.length >= count ? resolve(events) : reject(e)));
  });
}

function pod(name: string, labels: Record<string, string> = {}, extra: Any = {}): LabObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels },
    spec: { containers: [{ name: 'app', image: 'app:1' }], ...extra },
  };
}

beforeAll(async () => {
  server = await startApiServer({ store, logs, clock, tls: false, bookmarkIntervalMs: 50 });
});

afterAll(async () => {
  await server?.close();
});

describe('discovery', () => {
  it('serves /version, classic lists and aggregated discovery on request', async () => {
    expect((await request('GET', '/version')).json).toMatchObject({
      major: '1',
      minor: '33',
      gitVersion: expect.stringMatching(/^v1\.33\./),
    });
    const api = await request('GET', '/api');
    expect(api.json).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const groups = (await request('GET', '/apis')).json;
    expect(groups.kind).toBe('APIGroupList');
    expect(groups.groups.map((g: Any) => g.name)).toEqual(
      expect.arrayContaining([
        'apps',
        'batch',
        'events.k8s.io',
        'discovery.k8s.io',
        'coordination.k8s.io',
      ]),
    );
    const v1 = (await request('GET', '/api/v1')).json;
    expect(v1.resources).toContainEqual(
      expect.objectContaining({ name: 'pods', kind: 'Pod', namespaced: true, shortNames: ['po'] }),
    );
    expect(v1.resources).toContainEqual(
      expect.objectContaining({ name: 'pods/log', kind: 'Pod', verbs: ['get'] }),
    );
    const apps = (await request('GET', '/apis/apps/v1')).json;
    expect(apps.resources).toContainEqual(
      expect.objectContaining({
        name: 'deployments/scale',
        group: 'autoscaling',
        version: 'v1',
        kind: 'Scale',
      }),
    );
    const agg = await request('GET', '/apis', {
      headers: {
        Accept:
          'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json',
      },
    });
    expect(agg.headers['content-type']).toBe(
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
    );
    const appsGroup = agg.json.items.find((i: Any) => i.metadata.name === 'apps');
    const deploy = appsGroup.versions[0].resources.find((r: Any) => r.resource === 'deployments');
    expect(deploy).toMatchObject({
      scope: 'Namespaced',
      singularResource: 'deployment',
      responseKind: { group: 'apps', version: 'v1', kind: 'Deployment' },
    });
    expect(deploy.subresources.map((s: Any) => s.subresource)).toEqual(['status', 'scale']);
    expect((await request('GET', '/apis/nope/v1')).status).toBe(404);
  });
});

describe('lists, errors and patches', () => {
  it('pages with limit/continue and filters with selectors', async () => {
    for (let i = 0; i < 7; i++)
      store.create(RT.pods, pod(`page-${i}`, { group: i % 2 === 0 ? 'even' : 'odd' }));
    const first = (
      await request('GET', '/api/v1/namespaces/default/pods?limit=3&labelSelector=group')
    ).json;
    expect(first.kind).toBe('PodList');
    expect(first.apiVersion).toBe('v1');
    expect(first.items.map((p: Any) => p.metadata.name)).toEqual(['page-0', 'page-1', 'page-2']);
    expect(first.metadata.continue).toBeTruthy();
    const next = (
      await request(
        'GET',
        `/api/v1/namespaces/default/pods?limit=3&labelSelector=group&continue=${encodeURIComponent(first.metadata.continue)}`,
      )
    ).json;
    expect(next.items.map((p: Any) => p.metadata.name)).toEqual(['page-3', 'page-4', 'page-5']);
    const odd = (await request('GET', '/api/v1/pods?labelSelector=group%3Dodd')).json;
    expect(odd.items).toHaveLength(3);
    const byName = (await request('GET', '/api/v1/pods?fieldSelector=metadata.name%3Dpage-4')).json;
    expect(byName.items.map((p: Any) => p.metadata.name)).toEqual(['page-4']);
  });

  it('answers with Kubernetes Status bodies', async () => {
    const nf = await request('GET', '/apis/apps/v1/namespaces/default/deployments/ghost');
    expect(nf.status).toBe(404);
    expect(nf.json).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'deployments.apps "ghost" not found',
      reason: 'NotFound',
      details: { name: 'ghost', group: 'apps', kind: 'deployments' },
      code: 404,
    });
    const dup = await request('POST', '/api/v1/namespaces/default/pods', {
      body: JSON.stringify(pod('page-0')),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(dup.json).toMatchObject({
      reason: 'AlreadyExists',
      code: 409,
      message: 'pods "page-0" already exists',
    });
    const current = store.get(RT.pods, 'default', 'page-0') as Any;
    const stale = {
      ...current,
      metadata: { ...current.metadata, resourceVersion: '1', labels: { a: 'b' } },
    };
    const conflict = await request('PUT', '/api/v1/namespaces/default/pods/page-0', {
      body: JSON.stringify(stale),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(conflict.json).toMatchObject({
      reason: 'Conflict',
      code: 409,
      message:
        'Operation cannot be fulfilled on pods "page-0": the object has been modified; please apply your changes to the latest version and try again',
    });
    const invalid = await request('POST', '/apis/apps/v1/namespaces/default/deployments', {
      body: JSON.stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'x' },
        spec: { template: { spec: { containers: [{ name: 'c', image: 'i' }] } } },
      }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(invalid.json).toMatchObject({
      reason: 'Invalid',
      code: 422,
      message: 'Deployment.apps "x" is invalid: spec.selector: Required value',
      details: { kind: 'Deployment', group: 'apps' },
    });
    const missingNs = await request('POST', '/api/v1/namespaces/nope/configmaps', {
      body: JSON.stringify({ metadata: { name: 'c' } }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(missingNs.json).toMatchObject({
      reason: 'NotFound',
      message: 'namespaces "nope" not found',
    });
    const garbage = await request('POST', '/api/v1/namespaces/default/pods', {
      body: '{nope',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(garbage.status).toBe(400);
    const badSelector = await request('GET', '/api/v1/pods?fieldSelector=spec.bogus%3D1');
    expect(badSelector.json).toMatchObject({
      reason: 'BadRequest',
      message: 'field label not supported: spec.bogus',
    });
    expect((await request('GET', '/version')).status).toBe(200);
  });

  it('applies strategic merge, merge and JSON patches, and the scale subresource', async () => {
    store.create(RT.deployments, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'app', image: 'a:1', env: [{ name: 'A', value: '1' }] }] },
        },
      },
    });
    const smp = await request('PATCH', '/apis/apps/v1/namespaces/default/deployments/web', {
      body: JSON.stringify({
        spec: {
          template: { spec: { containers: [{ name: 'app', env: [{ name: 'B', value: '2' }] }] } },
        },
      }),
      headers: { 'Content-Type': 'application/strategic-merge-patch+json' },
    });
    expect(smp.json.spec.template.spec.containers[0].env).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
    ]);
    expect(smp.json.metadata.generation).toBe(2);
    const scale = await request('PATCH', '/apis/apps/v1/namespaces/default/deployments/web/scale', {
      body: '{"spec":{"replicas":4}}',
      headers: { 'Content-Type': 'application/merge-patch+json' },
    });
    expect(scale.json).toMatchObject({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      spec: { replicas: 4 },
      status: { selector: 'app=web' },
    });
    const jp = await request('PATCH', '/apis/apps/v1/namespaces/default/deployments/web', {
      body: JSON.stringify([{ op: 'replace', path: '/spec/replicas', value: 2 }]),
      headers: { 'Content-Type': 'application/json-patch+json' },
    });
    expect(jp.json.spec.replicas).toBe(2);
    const statusPatch = await request(
      'PATCH',
      '/apis/apps/v1/namespaces/default/deployments/web/status',
      {
        body: JSON.stringify({ status: { replicas: 2 } }),
        headers: { 'Content-Type': 'application/merge-patch+json' },
      },
    );
    expect(statusPatch.json.status.replicas).toBe(2);
    const ignored = await request('PATCH', '/apis/apps/v1/namespaces/default/deployments/web', {
      body: '{"status":{"replicas":9}}',
      headers: { 'Content-Type': 'application/merge-patch+json' },
    });
    expect(ignored.json.status.replicas).toBe(2);
    expect(
      (
        await request('PATCH', '/apis/apps/v1/namespaces/default/deployments/web', {
          body: '{}',
          headers: { 'Content-Type': 'text/plain' },
        })
      ).status,
    ).toBe(415);
  });

  it('decodes protobuf bodies as kubectl create sends them', async () => {
    // kubectl create configmap cfg --from-literal=a=1 (captured from kubectl 1.33).
    const body = Buffer.from(
      '6b3873000a0f0a0276311209436f6e6669674d6170121d0a130a036366671200 1a0022002a0032003800420012060a016112013 11a002200'.replace(
        /\s/g,
        '',
      ),
      'hex',
    );
    const r = await request('POST', '/api/v1/namespaces/default/configmaps', {
      body,
      headers: { 'Content-Type': 'application/vnd.kubernetes.protobuf' },
    });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      kind: 'ConfigMap',
      metadata: { name: 'cfg', namespace: 'default' },
      data: { a: '1' },
    });
  });
});

describe('tables', () => {
  it('serves server-side Tables with PartialObjectMetadata rows by default', async () => {
    const p = store.create(RT.pods, pod('tabled', {}, { nodeName: 'n1' }));
    store.updateStatus(RT.pods, {
      ...p,
      status: {
        phase: 'Running',
        containerStatuses: [
          {
            name: 'app',
            ready: false,
            restartCount: 3,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1, finishedAt: '2025-03-01T11:57:50Z' } },
          },
        ],
      },
    });
    const accept =
      'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
    const t = (
      await request('GET', '/api/v1/namespaces/default/pods/tabled', {
        headers: { Accept: accept },
      })
    ).json;
    expect(t.kind).toBe('Table');
    expect(t.apiVersion).toBe('meta.k8s.io/v1');
    expect(t.columnDefinitions.map((c: Any) => c.name)).toEqual([
      'Name',
      'Ready',
      'Status',
      'Restarts',
      'Age',
      'IP',
      'Node',
      'Nominated Node',
      'Readiness Gates',
    ]);
    expect(t.rows[0].cells.slice(0, 4)).toEqual([
      'tabled',
      '0/1',
      'CrashLoopBackOff',
      '3 (2m10s ago)',
    ]);
    expect(t.rows[0].object).toMatchObject({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { name: 'tabled' },
    });
    const full = (
      await request(
        'GET',
        '/api/v1/namespaces/default/pods?includeObject=Object&fieldSelector=metadata.name%3Dtabled',
        { headers: { Accept: accept } },
      )
    ).json;
    expect(full.rows[0].object.kind).toBe('Pod');
  });
});

describe('watch', () => {
  it('starts with the current state, then streams changes', async () => {
    const rv = store.currentResourceVersion();
    const events = watch('/api/v1/namespaces/default/pods?watch=true&labelSelector=w%3D1', 3, {
      onOpen: () => {
        setTimeout(() => {
          store.create(RT.pods, pod('w-2', { w: '1' }));
          store.delete(RT.pods, 'default', 'w-1');
        }, 20);
      },
    });
    store.create(RT.pods, pod('w-1', { w: '1' }));
    const got = await events;
    expect(got.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual([
      'ADDED w-1',
      'ADDED w-2',
      'DELETED w-1',
    ]);
    const resumed = await watch(
      `/api/v1/namespaces/default/pods?watch=true&resourceVersion=${rv}&labelSelector=w%3D1`,
      3,
    );
    expect(resumed.map((e) => e.type)).toEqual(['ADDED', 'ADDED', 'DELETED']);
  });

  it('sends the initial-events-end bookmark for WatchList clients and periodic bookmarks', async () => {
    const got = await watch(
      '/api/v1/namespaces/default/pods?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&labelSelector=w%3D1',
      3,
    );
    expect(got[0]).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'w-2' } } });
    expect(got[1]).toMatchObject({
      type: 'BOOKMARK',
      object: {
        kind: 'Pod',
        apiVersion: 'v1',
        metadata: { annotations: { 'k8s.io/initial-events-end': 'true' } },
      },
    });
    expect(got[2].type).toBe('BOOKMARK');
  });

  it('expires resource versions beyond the retained history with an in-stream 410', async () => {
    const old = store.currentResourceVersion();
    for (let i = 0; i < 60; i++)
      store.create(RT.configmaps, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `churn-${i}`, namespace: 'default' },
      });
    const got = await watch(`/api/v1/configmaps?watch=true&resourceVersion=${old}`, 1);
    expect(got[0]).toMatchObject({
      type: 'ERROR',
      object: { kind: 'Status', status: 'Failure', reason: 'Expired', code: 410 },
    });
    expect(got[0].object.message).toMatch(/^too old resource version: \d+ \(\d+\)$/);
  });

  it('sends one-row Tables per event, with column definitions only first', async () => {
    const accept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
    const got = await watch('/api/v1/namespaces/default/pods?watch=true&labelSelector=w%3D1', 2, {
      headers: { Accept: accept },
      onOpen: () => setTimeout(() => store.create(RT.pods, pod('w-3', { w: '1' })), 20),
    });
    expect(got[0].object.kind).toBe('Table');
    expect(got[0].object.columnDefinitions).toHaveLength(9);
    expect(got[1].object.columnDefinitions).toBeNull();
    expect(got[1].object.rows[0].cells[0]).toBe('w-3');
  });
});

describe('logs', () => {
  it('applies the kubelet rules for current/previous and container choice', async () => {
    const p = store.create(
      RT.pods,
      pod(
        'logger',
        {},
        {
          nodeName: 'n1',
          containers: [
            { name: 'app', image: 'a' },
            { name: 'side', image: 's' },
          ],
        },
      ),
    );
    store.updateStatus(RT.pods, {
      ...p,
      status: {
        containerStatuses: [
          {
            name: 'app',
            restartCount: 1,
            state: { running: { startedAt: '2025-03-01T11:59:00Z' } },
            lastState: { terminated: { exitCode: 1, containerID: 'containerd://x' } },
          },
          { name: 'side', restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff' } } },
        ],
      },
    });
    logs.append('default', 'logger', 'app', 0, {
      time: '2025-03-01T11:58:00.120Z',
      text: 'first run died',
      stream: 'stderr',
    });
    logs.append('default', 'logger', 'app', 1, {
      time: '2025-03-01T11:59:01.500Z',
      text: 'second run',
      stream: 'stdout',
    });
    logs.append('default', 'logger', 'app', 1, {
      time: '2025-03-01T11:59:30Z',
      text: 'still going',
      stream: 'stdout',
    });
    const base = '/api/v1/namespaces/default/pods/logger/log';
    expect((await request('GET', base)).json).toMatchObject({
      code: 400,
      message: 'a container name must be specified for pod logger, choose one of: [app side]',
    });
    expect((await request('GET', `${base}?container=app`)).text).toBe('second run\nstill going\n');
    expect((await request('GET', `${base}?container=app&previous=true`)).text).toBe(
      'first run died\n',
    );
    expect((await request('GET', `${base}?container=app&tailLines=1&timestamps=true`)).text).toBe(
      '2025-03-01T11:59:30Z still going\n',
    );
    expect((await request('GET', `${base}?container=app&sinceSeconds=45`)).text).toBe(
      'still going\n',
    );
    expect((await request('GET', `${base}?container=app&limitBytes=4`)).text).toBe('seco');
    expect((await request('GET', `${base}?container=side`)).json).toMatchObject({
      message:
        'container "side" in pod "logger" is waiting to start: trying and failing to pull image',
    });
    expect((await request('GET', `${base}?container=side&previous=true`)).json).toMatchObject({
      message: 'previous terminated container "side" in pod "logger" not found',
    });
    expect((await request('GET', `${base}?container=nope`)).json).toMatchObject({
      message: 'container nope is not valid for pod logger',
    });
  });

  it('follows until the client goes away', async () => {
    const url = new URL(
      '/api/v1/namespaces/default/pods/logger/log?container=app&follow=true&tailLines=0',
      server.url,
    );
    const text = await new Promise<string>((resolve) => {
      let got = '';
      const req = http.get(url, (res) => {
        res.on('data', (c: Buffer) => {
          got += c.toString();
          if (got.includes('later')) {
            req.destroy();
            resolve(got);
          }
        });
        setTimeout(
          () =>
            logs.append('default', 'logger', 'app', 1, {
              time: '2025-03-01T12:00:00Z',
              text: 'later',
              stream: 'stdout',
            }),
          20,
        );
      });
    });
    expect(text).toBe('later\n');
  });
});

describe('faults, auth and TLS', () => {
  it('injects 429 with Retry-After, 5xx and dropped watches, and can be changed at runtime', async () => {
    server.faults.set({
      seed: 3,
      throttleRate: 1,
      retryAfterSeconds: 2,
      exemptPaths: ['/version'],
    });
    const throttled = await request('GET', '/api/v1/pods');
    expect(throttled.status).toBe(429);
    expect(throttled.headers['retry-after']).toBe('2');
    expect(throttled.json).toMatchObject({ kind: 'Status', reason: 'TooManyRequests', code: 429 });
    expect((await request('GET', '/version')).status).toBe(200);
    server.faults.set({ errorRate: 1, errorCodes: [503] });
    expect((await request('GET', '/api/v1/pods')).json).toMatchObject({
      reason: 'ServiceUnavailable',
      code: 503,
    });
    server.faults.set({ watchDropAfterEvents: 2 });
    const dropped = await watch('/api/v1/namespaces/default/pods?watch=true', 100);
    expect(dropped).toHaveLength(2);
    server.faults.set({ watchExpireRate: 1 });
    const expired = await watch('/api/v1/namespaces/default/pods?watch=true&resourceVersion=1', 5);
    expect(expired[0]).toMatchObject({ type: 'ERROR', object: { code: 410, reason: 'Expired' } });
    server.faults.clear();
    expect((await request('GET', '/api/v1/pods?limit=1')).status).toBe(200);
  });

  it('serves HTTPS with the generated CA, and rejects unknown tokens', async () => {
    const secure = await startApiServer({ store, logs, clock, tokens: { good: { user: 'u' } } });
    try {
      expect(secure.url).toMatch(/^https:/);
      expect(
        (
          await request('GET', '/api/v1/namespaces', {
            base: secure,
            headers: { Authorization: 'Bearer good' },
          })
        ).status,
      ).toBe(200);
      const bad = await request('GET', '/api/v1/namespaces', {
        base: secure,
        headers: { Authorization: 'Bearer nope' },
      });
      expect(bad.json).toMatchObject({ reason: 'Unauthorized', code: 401 });
      expect(secure.kubeconfig()).toContain('certificate-authority-data:');
    } finally {
      await secure.close();
    }
  });
});

describe('scale', () => {
  it('lists 5,000 pods in well under a second', async () => {
    const big = new MemoryStore({ clock });
    const bigLogs = new MemoryLogStore({ clock });
    populateSimulatedCluster(big, bigLogs, undefined, {
      pods: 5000,
      failing: 50,
      namespaces: 10,
      seed: 2,
    });
    const s = await startApiServer({ store: big, logs: bigLogs, clock, tls: false });
    try {
      await request('GET', '/api/v1/pods', { base: s });
      const started = performance.now();
      const list = await request('GET', '/api/v1/pods', { base: s });
      const elapsed = performance.now() - started;
      expect(list.json.items).toHaveLength(5000);
      const tableStart = performance.now();
      const table = await request('GET', '/api/v1/pods?limit=500', {
        base: s,
        headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' },
      });
      const tableElapsed = performance.now() - tableStart;
      expect(table.json.rows).toHaveLength(500);
      // Generous bounds: CI machines are shared; locally these take ~100 ms and ~20 ms.
      expect(elapsed).toBeLessThan(1500);
      expect(tableElapsed).toBeLessThan(1000);
    } finally {
      await s.close();
    }
  });
});
