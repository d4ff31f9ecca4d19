import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../store/memory-store.js';
import { MemoryLogStore } from '../store/log-store.js';
import { StoreEventRecorder } from '../store/event-recorder.js';
import { manualClock } from '../store/clock.js';
import { RT } from '../store/resource-types.js';
import { asRecord } from '../store/object-utils.js';
import type { LabObject } from '../store/types.js';
import { populateSimulatedCluster } from './populate.js';
import { summarizePod } from '../api/tables/pods.js';
import { startControllers } from '../controllers/manager.js';
import { startSimulatedKubelet, SIM_FAILURE_ANNOTATION } from './sim-kubelet.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

function build(
  seed: number,
  pods: number,
  failing: number,
): {
  store: MemoryStore;
  logs: MemoryLogStore;
  summary: ReturnType<typeof populateSimulatedCluster>;
} {
  const clock = manualClock(new Date('2025-03-01T12:00:00Z'));
  const store = new MemoryStore({ clock });
  const logs = new MemoryLogStore({ clock });
  const summary = populateSimulatedCluster(store, logs, new StoreEventRecorder(store, clock), {
    pods,
    failing,
    namespaces: 5,
    seed,
  });
  return { store, logs, summary };
}

describe('populateSimulatedCluster', () => {
  it('builds 10,000 pods with the requested number of failures, quickly', () => {
    const started = Date.now();
    const { store, summary } = build(1, 10_000, 100);
    const elapsed = Date.now() - started;
    expect(summary.pods).toBe(10_000);
    expect(summary.failingPods).toBe(100);
    expect(store.count(RT.pods)).toBe(10_000);
    expect(store.count(RT.nodes)).toBe(100);
    // A guard against accidental O(n²) work, not a benchmark (CI machines are shared).
    expect(elapsed).toBeLessThan(30_000);
  });

  it('is deterministic for a seed and covers many failure categories', () => {
    const a = build(9, 600, 80).summary;
    const b = build(9, 600, 80).summary;
    expect(a.failures).toEqual(b.failures);
    expect(new Set(a.failures.map((f) => f.kind)).size).toBeGreaterThanOrEqual(5);
  });

  it('gives failing pods consistent statuses, events and logs', () => {
    const { store, logs, summary } = build(3, 800, 120);
    const now = new Date('2025-03-01T12:00:00Z');
    let crashLoops = 0;
    for (const f of summary.failures) {
      const pod = store.get(RT.pods, f.namespace, f.pod) as LabObject;
      const s = summarizePod(pod, now);
      const cs = (asRecord(pod['status'])['containerStatuses'] as Any[] | undefined)?.[0];
      if (f.kind === 'image-pull') expect(s.status).toBe('ImagePullBackOff');
      if (f.kind === 'config-error') expect(s.status).toBe('CreateContainerConfigError');
      if (f.kind === 'unschedulable') {
        expect(s.status).toBe('Pending');
        expect(JSON.stringify(pod['status'])).toMatch(
          /0\/\d+ nodes are available: \d+ Insufficient memory/,
        );
      }
      if (f.kind === 'oom-killed')
        expect(cs.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
      if (s.status === 'CrashLoopBackOff') {
        crashLoops++;
        expect(cs.restartCount).toBeGreaterThan(0);
        expect(cs.state.waiting.message).toMatch(
          /^back-off \d+m?\d*s restarting failed container=app pod=/,
        );
        expect(logs.read(f.namespace, f.pod, 'app')?.length).toBeGreaterThan(0);
        expect(logs.read(f.namespace, f.pod, 'app', { previous: true })?.length).toBeGreaterThan(0);
        const evs = store.list(RT.events, f.namespace, {
          fieldSelector: `involvedObject.name=${f.pod},reason=BackOff`,
        }).items;
        expect(evs[0]?.['count']).toBeGreaterThan(1);
      }
    }
    expect(crashLoops).toBeGreaterThan(0);
    const deps = store.list(RT.deployments, undefined).items;
    for (const d of deps.slice(0, 20)) {
      expect(asRecord(d['status'])['replicas']).toBe(asRecord(d['spec'])['replicas']);
    }
  });

  it('stays consistent when the controllers and the simulated kubelet take over', async () => {
    const clock = manualClock(new Date('2025-03-01T12:00:00Z'));
    const store = new MemoryStore({ clock });
    const logs = new MemoryLogStore({ clock });
    const events = new StoreEventRecorder(store, clock);
    const controllers = startControllers({ store, events, clock });
    const kubelet = startSimulatedKubelet({ store, logs, events, clock });
    try {
      const summary = populateSimulatedCluster(store, logs, events, {
        pods: 300,
        failing: 30,
        namespaces: 3,
        seed: 5,
      });
      await controllers.idle();
      expect(store.count(RT.pods)).toBe(300);
      const rsCount = store.count(RT.replicasets);
      // Scaling a simulated deployment: the new replica gets a simulated, healthy status.
      const healthy = store
        .list(RT.deployments, undefined)
        .items.find((d) => !summary.failures.some((f) => f.deployment === d.metadata.name)) as Any;
      healthy.spec.replicas += 1;
      store.update(RT.deployments, healthy);
      await controllers.idle();
      await new Promise((r) => setTimeout(r, 20));
      await controllers.idle();
      expect(store.count(RT.replicasets)).toBe(rsCount);
      expect(store.count(RT.pods)).toBe(301);
      const pods = store.list(RT.pods, healthy.metadata.namespace, {
        labelSelector: `app=${healthy.metadata.name}`,
      }).items;
      expect(pods.every((p) => summarizePod(p, clock.now()).status === 'Running')).toBe(true);
      // A simulated failure named on the template reaches new pods.
      const d = store.get(RT.deployments, healthy.metadata.namespace, healthy.metadata.name) as Any;
      d.spec.template.metadata.annotations[SIM_FAILURE_ANNOTATION] = 'app-crash';
      store.update(RT.deployments, d);
      for (let i = 0; i < 5; i++) {
        await controllers.idle();
        await new Promise((r) => setTimeout(r, 10));
      }
      const statuses = store
        .list(RT.pods, healthy.metadata.namespace, {
          labelSelector: `app=${healthy.metadata.name}`,
        })
        .items.map((p) => summarizePod(p, clock.now()).status);
      expect(statuses).toContain('CrashLoopBackOff');
    } finally {
      kubelet.stop();
      controllers.stop();
    }
  });
});
