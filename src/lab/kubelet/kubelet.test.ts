/**
 * The kubelet emulator against the real in-memory store, with real processes: crash-loop
 * back-off and its waiting message, config errors, probe kills, OOM kills, restart policies,
 * graceful deletion, and no process left behind.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabNetwork } from '../net/network.js';
import { systemClock } from '../store/clock.js';
import { StoreEventRecorder } from '../store/event-recorder.js';
import { MemoryLogStore } from '../store/log-store.js';
import { MemoryStore } from '../store/memory-store.js';
import { RT } from '../store/resource-types.js';
import type { LabObject } from '../store/types.js';
import { ImageRegistry, loadImageDir } from './images.js';
import { Kubelet } from './kubelet.js';
import type { ContainerStatus, PodStatus } from './pod-types.js';

const clock = systemClock(50);
const store = new MemoryStore({ clock });
const logs = new MemoryLogStore({ clock });
const events = new StoreEventRecorder(store, clock);
const dir = mkdtempSync(join(tmpdir(), 'kubelet-test-'));
chmodSync(dir, 0o755);
let network: LabNetwork;
let kubelet: Kubelet;

function image(name: string, config: string, files: Record<string, string> = {}): void {
  const d = join(dir, 'images', name);
  mkdirSync(join(d, 'rootfs'), { recursive: true });
  writeFileSync(join(d, 'image.yaml'), config);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(d, 'rootfs', p, '..'), { recursive: true });
    writeFileSync(join(d, 'rootfs', p), text);
  }
}

const images = new ImageRegistry();
beforeAll(() => {
  image(
    'crash',
    'cmd: ["node", "-e", "console.log(\'starting\'); console.error(\'boom\'); process.exit(3)"]\n',
  );
  image('web', 'cmd: ["node", "/app/web.js"]\n', {
    'app/web.js':
      "require('http').createServer((q, s) => { s.writeHead(q.url === '/healthz' ? 200 : 404); s.end(); }).listen(8080, () => console.log('up'));\n",
  });
  image(
    'hog',
    'cmd: ["node", "-e", "const a=[]; setInterval(() => a.push(Buffer.alloc(8<<20, 1)), 20)"]\n',
  );
  image('once', 'cmd: ["sh", "-c", "echo done"]\n');
  image('burn', 'cmd: ["node", "-e", "for (;;) {}"]\n');
  image('cat', 'cmd: ["node", "-e", "setInterval(() => {}, 1000)"]\n', { 'app/ok': 'yes' });
  for (const n of ['crash', 'web', 'hog', 'once', 'burn', 'cat'])
    images.add(loadImageDir(`lab.test/${n}:1`, join(dir, 'images', n)));
  network = new LabNetwork({ store, dir: join(dir, 'net') });
  network.start();
  kubelet = new Kubelet({ store, logs, events, clock, network, images, dir });
  kubelet.start();
});

afterAll(async () => {
  const pids = kubelet.pids();
  await kubelet.stop();
  network.stop();
  expect(kubelet.pids()).toEqual([]);
  for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
function pod(containers: Record<string, unknown>[], spec: Record<string, unknown> = {}): string {
  const name = `p${++n}`;
  store.create(RT.pods, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { nodeName: 'lab-node-1', containers, ...spec },
  } as LabObject);
  return name;
}

function status(name: string): {
  pod: LabObject | undefined;
  s: PodStatus;
  c: ContainerStatus | undefined;
} {
  const p = store.get(RT.pods, 'default', name);
  const s = (p?.['status'] ?? {}) as PodStatus;
  return { pod: p, s, c: s.containerStatuses?.[0] };
}

async function until<T>(f: () => T | undefined | false, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

function eventsOf(name: string): string[] {
  return store
    .list(RT.events, 'default', { fieldSelector: `involvedObject.name=${name}` })
    .items.map((e) => `${String(e['reason'])}: ${String(e['message'])}`);
}

describe('kubelet', () => {
  it('crash-loops with the kubelet back-off, waiting message, last state and logs', async () => {
    const name = pod([{ name: 'app', image: 'lab.test/crash:1' }]);
    const { pod: p, c } = await until(() => {
      const st = status(name);
      return st.c?.state.waiting?.reason === 'CrashLoopBackOff' && st.c.restartCount >= 2
        ? st
        : undefined;
    });
    expect(c?.state.waiting?.message).toMatch(
      new RegExp(
        `^back-off (10|20|40)s restarting failed container=app pod=${name}_default\\(${p?.metadata.uid}\\)$`,
      ),
    );
    expect(c?.lastState.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(status(name).s.phase).toBe('Running');
    expect(
      logs.read('default', name, 'app', { previous: true })?.map((l) => [l.stream, l.text]),
    ).toEqual([
      ['stdout', 'starting'],
      ['stderr', 'boom'],
    ]);
    expect(eventsOf(name)).toContain(
      `BackOff: Back-off restarting failed container app in pod ${name}_default(${p?.metadata.uid})`,
    );
  });

  it('reports a missing Secret as CreateContainerConfigError', async () => {
    const name = pod([
      {
        name: 'app',
        image: 'lab.test/web:1',
        env: [{ name: 'K', valueFrom: { secretKeyRef: { name: 'creds', key: 'k' } } }],
      },
    ]);
    const { c, s } = await until(() => {
      const st = status(name);
      return st.c?.state.waiting?.reason === 'CreateContainerConfigError' ? st : undefined;
    });
    expect(c?.state.waiting?.message).toBe('secret "creds" not found');
    expect(s.phase).toBe('Pending');
    expect(eventsOf(name)).toContain('Failed: Error: secret "creds" not found');
  });

  it('kills a container whose liveness probe fails, with the kubelet events', async () => {
    const name = pod([
      {
        name: 'app',
        image: 'lab.test/web:1',
        ports: [{ containerPort: 8080 }],
        livenessProbe: {
          httpGet: { path: '/health', port: 8080 },
          initialDelaySeconds: 25,
          periodSeconds: 2,
          failureThreshold: 2,
        },
        readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 2 },
      },
    ]);
    const { c } = await until(() => {
      const st = status(name);
      return (st.c?.restartCount ?? 0) >= 1 && st.c?.lastState.terminated ? st : undefined;
    });
    expect(c?.lastState.terminated?.exitCode).toBe(143);
    const ev = eventsOf(name);
    expect(ev).toContain(
      'Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 404',
    );
    expect(ev).toContain('Killing: Container app failed liveness probe, will be restarted');
  });

  it('OOM-kills a container over its memory limit', async () => {
    const name = pod([
      { name: 'app', image: 'lab.test/hog:1', resources: { limits: { memory: '96Mi' } } },
    ]);
    const { c } = await until(() => {
      const st = status(name);
      return st.c?.lastState.terminated?.reason === 'OOMKilled' ||
        st.c?.state.terminated?.reason === 'OOMKilled'
        ? st
        : undefined;
    });
    expect((c?.lastState.terminated ?? c?.state.terminated)?.exitCode).toBe(137);
  });

  it('follows restartPolicy Never to Succeeded', async () => {
    const name = pod([{ name: 'app', image: 'lab.test/once:1' }], { restartPolicy: 'Never' });
    const { c } = await until(() => {
      const st = status(name);
      return st.s.phase === 'Succeeded' ? st : undefined;
    });
    expect(c?.state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(c?.restartCount).toBe(0);
  });

  it('runs init containers first and reports a failing one as Init:CrashLoopBackOff', async () => {
    const ok = pod([{ name: 'app', image: 'lab.test/web:1' }], {
      initContainers: [{ name: 'init', image: 'lab.test/once:1' }],
    });
    await until(() => status(ok).c?.state.running);
    const st = status(ok).s;
    expect(st.initContainerStatuses?.[0]?.state.terminated).toMatchObject({
      exitCode: 0,
      reason: 'Completed',
    });
    expect(st.conditions?.find((c) => c.type === 'Initialized')?.status).toBe('True');

    const bad = pod([{ name: 'app', image: 'lab.test/web:1' }], {
      initContainers: [{ name: 'init', image: 'lab.test/crash:1' }],
    });
    const s2 = await until(() => {
      const x = status(bad).s;
      return x.initContainerStatuses?.[0]?.state.waiting?.reason === 'CrashLoopBackOff'
        ? x
        : undefined;
    });
    expect(s2.phase).toBe('Pending');
    expect(s2.containerStatuses?.[0]?.state.waiting?.reason).toBe('PodInitializing');
    expect(s2.conditions?.find((c) => c.type === 'Initialized')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [init]',
    });
  });

  it('runs exec probes inside the container', async () => {
    const ready = pod([
      {
        name: 'app',
        image: 'lab.test/cat:1',
        readinessProbe: { exec: { command: ['cat', '/app/ok'] }, periodSeconds: 2 },
      },
    ]);
    await until(() => status(ready).c?.ready);
    const killed = pod([
      {
        name: 'app',
        image: 'lab.test/cat:1',
        livenessProbe: {
          exec: { command: ['cat', '/app/missing'] },
          periodSeconds: 2,
          failureThreshold: 1,
        },
      },
    ]);
    await until(() => eventsOf(killed).some((e) => e.startsWith('Killing:')));
    expect(eventsOf(killed)).toContain(
      'Unhealthy: Liveness probe failed: cat: /app/missing: No such file or directory',
    );
  });

  it('keeps a CPU-bound container near its CPU limit', async () => {
    const name = pod([
      { name: 'app', image: 'lab.test/burn:1', resources: { limits: { cpu: '200m' } } },
    ]);
    await until(() => status(name).c?.state.running);
    const pid = await until(() =>
      kubelet.pids().find((p) => {
        try {
          return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('for (;;)');
        } catch {
          return false;
        }
      }),
    );
    const ticks = (): number => {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return Number(f[11]) + Number(f[12]);
    };
    await new Promise((r) => setTimeout(r, 300));
    const t0 = ticks();
    await new Promise((r) => setTimeout(r, 2000));
    const used = (ticks() - t0) / 100;
    expect(used).toBeLessThan(0.8);
    store.markDeleting(RT.pods, 'default', name, 0);
  });

  it('rewrites ConfigMap volumes when the ConfigMap changes', async () => {
    store.create(RT.configmaps, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'flags', namespace: 'default' },
      data: { mode: 'a' },
    });
    const name = pod(
      [
        {
          name: 'app',
          image: 'lab.test/cat:1',
          volumeMounts: [{ name: 'f', mountPath: '/etc/flags' }],
        },
      ],
      {
        volumes: [{ name: 'f', configMap: { name: 'flags' } }],
      },
    );
    await until(() => status(name).c?.state.running);
    const uid = status(name).pod!.metadata.uid!;
    const file = join(dir, 'pods', uid, 'volumes', 'f', 'mode');
    expect(readFileSync(file, 'utf8')).toBe('a');
    const cm = store.get(RT.configmaps, 'default', 'flags')!;
    store.update(RT.configmaps, { ...cm, data: { mode: 'b' } });
    await until(() => readFileSync(file, 'utf8') === 'b');
  });

  it('stops a deleted pod gracefully and removes it', async () => {
    const name = pod([{ name: 'app', image: 'lab.test/web:1' }], {
      terminationGracePeriodSeconds: 5,
    });
    await until(() => status(name).c?.state.running);
    store.markDeleting(RT.pods, 'default', name, 5);
    await until(() => !store.get(RT.pods, 'default', name));
    expect(eventsOf(name)).toContain('Killing: Stopping container app');
  });
});
