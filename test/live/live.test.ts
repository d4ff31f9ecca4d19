/**
 * Live mode against the lab's real API server (HTTPS, bearer tokens, RBAC rules, fault
 * injection), populated in scale mode with simulated failing pods: the diagnosis is right for
 * each failure kind, the request count stays within budget, a role without `pods/log` still gets
 * a diagnosis that names the missing permission, API faults are survived, and a snapshot read
 * back offline gives the same answer.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSnapshot } from '../../src/cli/snapshot.js';
import { DETECTORS } from '../../src/detectors/index.js';
import { diagnose } from '../../src/engine/diagnose.js';
import type { Report } from '../../src/engine/report.js';
import { collectLive, type LiveOptions } from '../../src/evidence/live/collect.js';
import { collectOffline } from '../../src/evidence/offline/collect.js';
import { startApiServer, type ApiServer } from '../../src/lab/api/server.js';
import type { FailureKind } from '../../src/lab/sim/catalog.js';
import { populateSimulatedCluster, type PopulateSummary } from '../../src/lab/sim/populate.js';
import { MemoryLogStore } from '../../src/lab/store/log-store.js';
import { MemoryStore } from '../../src/lab/store/memory-store.js';
import { RT } from '../../src/lab/store/resource-types.js';

const EXPECTED: Record<FailureKind, string[]> = {
  'app-crash': ['app-crash'],
  'missing-env': ['missing-config'],
  'dependency-refused': ['dependency-failure'],
  'bad-command': ['bad-command'],
  'not-executable': ['bad-command'],
  segfault: ['app-crash'],
  'exits-immediately': ['exits-immediately'],
  'oom-killed': ['oom-killed'],
  'liveness-probe': ['liveness-probe'],
  'image-pull': ['image-pull'],
  'config-error': ['missing-config'],
  unschedulable: ['unschedulable'],
  'readiness-probe': ['readiness-probe'],
};

const READ_ALL_BUT_LOGS = [
  {
    apiGroups: ['', 'apps', 'batch', 'discovery.k8s.io', 'events.k8s.io'],
    resources: [
      'pods',
      'events',
      'services',
      'endpoints',
      'configmaps',
      'nodes',
      'replicasets',
      'deployments',
      'statefulsets',
      'daemonsets',
      'jobs',
      'endpointslices',
    ],
    verbs: ['get', 'list'],
  },
];

const SECRET_VALUE = 'hunter2-live-secret-value';

let server: ApiServer;
let summary: PopulateSummary;
let dir: string;
let kubeconfig: string;

beforeAll(async () => {
  const store = new MemoryStore();
  const logs = new MemoryLogStore();
  summary = populateSimulatedCluster(store, logs, undefined, {
    pods: 400,
    failing: 26,
    namespaces: 3,
    seed: 7,
  });
  for (const ns of summary.namespaces) {
    store.create(RT.secrets, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db-credentials', namespace: ns },
      data: {
        password: Buffer.from(SECRET_VALUE).toString('base64'),
        username: Buffer.from('app').toString('base64'),
      },
    });
  }
  server = await startApiServer({
    store,
    logs,
    tokens: { admin: { user: 'admin' }, reader: { user: 'reader', rules: READ_ALL_BUT_LOGS } },
  });
  dir = mkdtempSync(join(tmpdir(), 'crashlens-live-'));
  kubeconfig = await server.writeKubeconfig(join(dir, 'kubeconfig'), {
    token: 'admin',
    users: [{ name: 'reader', token: 'reader' }],
  });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function options(extra: Partial<LiveOptions> = {}): LiveOptions {
  return { kubeconfig, allNamespaces: true, now: new Date().toISOString(), ...extra };
}

function run(
  extra: Partial<LiveOptions> = {},
): Promise<{ report: Report; requests: number; forbidden: string[] }> {
  return collectLive(options(extra)).then((r) => ({
    report: diagnose(r.bundle, {
      detectors: Object.values(DETECTORS),
      version: 'test',
      mode: 'live',
      inputs: [r.server],
      apiRequests: r.apiRequests,
    }),
    requests: r.apiRequests,
    forbidden: r.forbidden,
  }));
}

function categories(report: Report): Map<string, string> {
  return new Map(
    report.diagnoses.map((d) => [`${d.subject.namespace}/${d.subject.pod}`, d.rootCause.category]),
  );
}

describe('live diagnosis of the lab', () => {
  it('diagnoses every simulated failure with its category', async () => {
    const { report } = await run();
    const got = categories(report);
    const wrong = summary.failures.filter(
      (f) => !EXPECTED[f.kind].includes(got.get(`${f.namespace}/${f.pod}`) ?? 'none'),
    );
    expect(
      wrong.map(
        (f) =>
          `${f.kind} ${f.namespace}/${f.pod} → ${got.get(`${f.namespace}/${f.pod}`) ?? 'none'}`,
      ),
    ).toEqual([]);
    expect(report.source).toMatchObject({ mode: 'live' });
  });

  it('stays within the request budget: kinds listed + 2 per failing pod + 5', async () => {
    const { requests } = await run();
    const kinds = 10; // pods, events, replicasets, deployments, services, endpointslices, configmaps, nodes, + owner kinds
    expect(requests).toBeLessThanOrEqual(kinds + 2 * summary.failingPods + 5);
  });

  it('diagnoses without pods/log and names the missing permission', async () => {
    const { report, forbidden } = await run({ context: 'crashlens-lab-reader' });
    expect(forbidden.some((f) => f.startsWith('get pods/log'))).toBe(true);
    expect(report.warnings?.some((w) => w.includes('get pods/log'))).toBe(true);
    expect(report.diagnoses.length).toBeGreaterThan(0);
  });

  it('survives 429 with Retry-After, 5xx and latency with the same diagnosis', async () => {
    const clean = categories((await run()).report);
    server.faults.set({
      seed: 3,
      throttleRate: 0.2,
      retryAfterSeconds: 0,
      errorRate: 0.15,
      latencyMs: { min: 0, max: 20 },
    });
    try {
      const faulty = await run({ http: { retries: 8, maxBackoffMs: 50 } });
      expect(categories(faulty.report)).toEqual(clean);
    } finally {
      server.faults.clear();
    }
  });

  it('a snapshot read back offline gives the same diagnosis and holds no Secret values', async () => {
    const live = await collectLive(options({ secretKeys: true }));
    const liveReport = diagnose(live.bundle, {
      detectors: Object.values(DETECTORS),
      version: 'test',
      mode: 'live',
      inputs: [],
      apiRequests: 0,
    });
    const snap = join(dir, 'snapshot');
    writeSnapshot(snap, live, {
      collectedAt: live.bundle.now ?? new Date().toISOString(),
      scope: 'all namespaces',
    });
    const files = [
      ...readdirSync(snap),
      ...readdirSync(join(snap, 'logs')).map((f) => join('logs', f)),
    ].filter((f) => /\.(json|log)$/.test(f));
    const inputs = files.map((f) => ({ name: f, text: readFileSync(join(snap, f), 'utf8') }));
    const offline = diagnose(
      collectOffline(inputs, { now: live.bundle.now ?? new Date().toISOString() }),
      { detectors: Object.values(DETECTORS), version: 'test', mode: 'offline', inputs: files },
    );
    expect(categories(offline)).toEqual(categories(liveReport));
    const encoded = Buffer.from(SECRET_VALUE).toString('base64');
    for (const input of inputs) {
      expect(input.text, input.name).not.toContain(SECRET_VALUE);
      expect(input.text, input.name).not.toContain(encoded);
    }
    expect(JSON.stringify(live.bundle)).not.toContain(encoded);
    expect(inputs.some((i) => i.name === 'secrets.json' && i.text.includes('"password"'))).toBe(
      true,
    );
  });

  it('works from the CLI with a kubeconfig, reporting its API requests', async () => {
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'crashlens');
    // Asynchronously: the API server runs in this process and must keep answering.
    const r = await promisify(execFile)(
      process.execPath,
      [bin, 'diagnose', '-A', '--kubeconfig', kubeconfig, '-o', 'json'],
      { maxBuffer: 64 << 20 },
    ).then(
      (ok) => ({ ...ok, code: 0 }),
      (error: { stdout: string; stderr: string; code: number }) => error,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.source.mode).toBe('live');
    expect(report.source.apiRequests).toBeGreaterThan(0);
    expect(report.diagnoses.length).toBe(summary.failingPods);
  });

  it('lets client-node read the lab too', async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    const { CoreV1Api } = await import('@kubernetes/client-node');
    const pods = await kc.makeApiClient(CoreV1Api).listPodForAllNamespaces({ limit: 5 });
    expect(pods.items.length).toBe(5);
  });
});
