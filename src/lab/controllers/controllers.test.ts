import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../store/memory-store.js';
import { StoreEventRecorder } from '../store/event-recorder.js';
import { manualClock } from '../store/clock.js';
import { RT } from '../store/resource-types.js';
import type { LabObject } from '../store/types.js';
import { asRecord } from '../store/object-utils.js';
import { startControllers, type RunningControllers } from './manager.js';
import { failedSchedulingMessage, fitNode } from './scheduler.js';
import { DESIRED_REPLICAS, REVISION, REVISION_HISTORY } from './deployment.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

function node(
  name: string,
  opts: { cpu?: string; memory?: string; taints?: Any[]; labels?: Record<string, string> } = {},
): LabObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(opts.labels ?? {}) } },
    spec: opts.taints ? { taints: opts.taints } : {},
    status: {
      allocatable: { cpu: opts.cpu ?? '4', memory: opts.memory ?? '8Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  };
}

function deployment(name: string, image: string, replicas = 3, extra: Any = {}): LabObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'kubernetes.io/change-cause': `deploy ${image}` },
    },
    spec: {
      replicas,
      revisionHistoryLimit: 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image, ports: [{ containerPort: 8080 }] }] },
      },
      ...extra,
    },
  };
}

interface Lab {
  store: MemoryStore;
  clock: ReturnType<typeof manualClock>;
  controllers: RunningControllers;
  settle(): Promise<void>;
}

let current: Lab | undefined;

function lab(): Lab {
  const clock = manualClock();
  const store = new MemoryStore({ clock });
  const events = new StoreEventRecorder(store, clock);
  const controllers = startControllers({ store, events, clock });
  let ip = 10;
  // A stand-in kubelet: every bound pod becomes Running and Ready (unless labelled broken).
  const runPods = (): boolean => {
    let changed = false;
    for (const p of store.listShared(RT.pods, undefined).items) {
      const spec = asRecord(p['spec']);
      const status = asRecord(p['status']);
      if (!spec['nodeName'] || status['podIP']) continue;
      const broken = p.metadata.labels?.['broken'] === 'true';
      const now = '2025-03-01T10:00:00Z';
      store.updateStatus(RT.pods, {
        ...p,
        status: {
          ...status,
          phase: 'Running',
          podIP: `10.244.0.${ip}`,
          podIPs: [{ ip: `10.244.0.${ip++}` }],
          conditions: [
            ...((status['conditions'] as Any[]) ?? []),
            { type: 'Ready', status: broken ? 'False' : 'True', lastTransitionTime: now },
          ],
          containerStatuses: [
            {
              name: 'app',
              ready: !broken,
              restartCount: broken ? 3 : 0,
              state: broken
                ? { waiting: { reason: 'CrashLoopBackOff' } }
                : { running: { startedAt: now } },
            },
          ],
        },
      });
      changed = true;
    }
    return changed;
  };
  const l: Lab = {
    store,
    clock,
    controllers,
    async settle() {
      for (let i = 0; i < 50; i++) {
        await controllers.idle();
        if (!runPods()) {
          await controllers.idle();
          if (!runPods()) return;
        }
      }
    },
  };
  current = l;
  return l;
}

afterEach(() => {
  current?.controllers.stop();
  current = undefined;
});

function rsOf(store: MemoryStore, deployName: string): LabObject[] {
  return store
    .list(RT.replicasets, 'default')
    .items.filter((rs) => rs.metadata.ownerReferences?.[0]?.name === deployName);
}

describe('deployment + replicaset controllers', () => {
  it('creates a hashed ReplicaSet with revision 1 and scheduled, owned pods', async () => {
    const { store, settle } = lab();
    store.create(RT.nodes, node('node-1'));
    store.create(RT.deployments, deployment('web', 'app:1'));
    await settle();
    const [rs] = rsOf(store, 'web');
    if (!rs) throw new Error('no rs');
    const hash = rs.metadata.labels?.['pod-template-hash'] ?? '';
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(rs.metadata.annotations).toMatchObject({
      [REVISION]: '1',
      [DESIRED_REPLICAS]: '3',
      'kubernetes.io/change-cause': 'deploy app:1',
    });
    const pods = store.list(RT.pods, 'default').items;
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p.metadata.ownerReferences?.[0]).toMatchObject({
        kind: 'ReplicaSet',
        name: rs.metadata.name,
        controller: true,
      });
      expect(asRecord(p['spec'])['nodeName']).toBe('node-1');
    }
    const d = store.get(RT.deployments, 'default', 'web') as Any;
    expect(d.metadata.annotations[REVISION]).toBe('1');
    expect(d.status).toMatchObject({
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      observedGeneration: 1,
    });
    const conds = Object.fromEntries((d.status.conditions as Any[]).map((c) => [c.type, c]));
    expect(conds['Available']).toMatchObject({
      status: 'True',
      reason: 'MinimumReplicasAvailable',
    });
    expect(conds['Progressing']).toMatchObject({
      status: 'True',
      reason: 'NewReplicaSetAvailable',
      message: `ReplicaSet "${rs.metadata.name ?? ''}" has successfully progressed.`,
    });
    const events = store
      .list(RT.events, 'default')
      .items.map((e) => `${String(e['reason'])}: ${String(e['message'])}`);
    expect(events).toContain(
      `ScalingReplicaSet: Scaled up replica set ${rs.metadata.name ?? ''} to 3`,
    );
    expect(events.filter((e) => e.startsWith('SuccessfulCreate: Created pod: '))).toHaveLength(3);
    expect(
      events.filter((e) => e.startsWith('Scheduled: Successfully assigned default/web-')),
    ).toHaveLength(3);
  });

  it('rolls out a new template, records revision history on undo, and prunes old ReplicaSets', async () => {
    const { store, settle } = lab();
    store.create(RT.nodes, node('node-1'));
    store.create(RT.deployments, deployment('web', 'app:1'));
    await settle();
    const setImage = async (image: string): Promise<void> => {
      const d = store.get(RT.deployments, 'default', 'web') as Any;
      d.spec.template.spec.containers[0].image = image;
      store.update(RT.deployments, d);
      await settle();
    };
    await setImage('app:2');
    let sets = rsOf(store, 'web');
    expect(sets).toHaveLength(2);
    const byRev = (r: string): Any =>
      sets.find((s) => s.metadata.annotations?.[REVISION] === r) as Any;
    expect(byRev('2').spec.replicas).toBe(3);
    expect(byRev('1').spec.replicas).toBe(0);
    expect(store.list(RT.pods, 'default').items).toHaveLength(3);
    const events = store.list(RT.events, 'default').items.map((e) => String(e['message']));
    expect(events.some((m) => /^Scaled down replica set web-\w+ to \d+ from \d+$/.test(m))).toBe(
      true,
    );
    // rollout undo: the old template comes back; its ReplicaSet becomes revision 3.
    await setImage('app:1');
    sets = rsOf(store, 'web');
    expect(sets).toHaveLength(2);
    expect(byRev('3').metadata.annotations[REVISION_HISTORY]).toBe('1');
    expect(byRev('3').spec.template.spec.containers[0].image).toBe('app:1');
    expect(
      (store.get(RT.deployments, 'default', 'web') as Any).metadata.annotations[REVISION],
    ).toBe('3');
    await setImage('app:3');
    await setImage('app:4');
    sets = rsOf(store, 'web');
    // revisionHistoryLimit 2: the current one plus two old ones.
    expect(sets).toHaveLength(3);
    expect(sets.map((s) => s.metadata.annotations?.[REVISION]).sort()).toEqual(['3', '4', '5']);
  });

  it('marks a rollout that cannot progress ProgressDeadlineExceeded', async () => {
    const { store, clock, settle } = lab();
    store.create(RT.nodes, node('node-1'));
    const d = deployment('api', 'app:1', 2, { progressDeadlineSeconds: 30 });
    (d as Any).spec.template.metadata.labels.broken = 'true';
    (d as Any).spec.selector.matchLabels.broken = 'true';
    store.create(RT.deployments, d);
    await settle();
    clock.advance(31);
    const fresh = store.get(RT.deployments, 'default', 'api') as Any;
    fresh.metadata.annotations.poke = '1';
    store.update(RT.deployments, fresh);
    await settle();
    const status = (store.get(RT.deployments, 'default', 'api') as Any).status;
    const progressing = (status.conditions as Any[]).find((c) => c.type === 'Progressing');
    expect(progressing).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' });
    expect(progressing.message).toMatch(/^ReplicaSet "api-\w+" has timed out progressing\.$/);
    expect((status.conditions as Any[]).find((c) => c.type === 'Available')).toMatchObject({
      status: 'False',
      reason: 'MinimumReplicasUnavailable',
    });
  });

  it('scales down not-ready pods first and cascades deletion through the garbage collector', async () => {
    const { store, settle } = lab();
    store.create(RT.nodes, node('node-1'));
    store.create(RT.deployments, deployment('web', 'app:1', 3));
    await settle();
    const pods = store.list(RT.pods, 'default').items;
    const victim = pods[1] as Any;
    victim.status.conditions = victim.status.conditions.map((c: Any) =>
      c.type === 'Ready' ? { ...c, status: 'False' } : c,
    );
    store.updateStatus(RT.pods, victim);
    const d = store.get(RT.deployments, 'default', 'web') as Any;
    d.spec.replicas = 2;
    store.update(RT.deployments, d);
    await settle();
    const names = store.list(RT.pods, 'default').items.map((p) => p.metadata.name);
    expect(names).toHaveLength(2);
    expect(names).not.toContain(victim.metadata.name);
    store.delete(RT.deployments, 'default', 'web');
    await settle();
    expect(store.list(RT.replicasets, 'default').items).toHaveLength(0);
    expect(store.list(RT.pods, 'default').items).toHaveLength(0);
  });
});

describe('scheduler', () => {
  it('explains why no node fits, with the real message format', async () => {
    const { store, settle } = lab();
    store.create(RT.nodes, node('small', { memory: '256Mi' }));
    store.create(
      RT.nodes,
      node('gpu', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }),
    );
    store.create(RT.pods, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'big', namespace: 'default' },
      spec: {
        containers: [{ name: 'app', image: 'x:1', resources: { requests: { memory: '1Gi' } } }],
      },
    });
    await settle();
    const pod = store.get(RT.pods, 'default', 'big') as Any;
    expect(pod.spec.nodeName).toBeUndefined();
    const expected =
      '0/2 nodes are available: 1 Insufficient memory, 1 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.';
    expect(pod.status.conditions).toContainEqual(
      expect.objectContaining({
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        message: expected,
      }),
    );
    const ev = store
      .list(RT.events, 'default')
      .items.find((e) => e['reason'] === 'FailedScheduling') as Any;
    expect(ev).toMatchObject({
      type: 'Warning',
      message: expected,
      source: { component: 'default-scheduler' },
    });
  });

  it('honours node selectors, tolerations and capacity', () => {
    const pod = (spec: Any): LabObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        containers: [{ name: 'c', image: 'i', resources: { requests: { cpu: '500m' } } }],
        ...spec,
      },
    });
    const tainted = node('t', {
      taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }],
      labels: { disk: 'ssd' },
    });
    const none = { cpu: 0, memory: 0, pods: 0 };
    expect(fitNode(pod({}), tainted, none).reasons).toEqual([
      'node(s) had untolerated taint {k: v}',
    ]);
    expect(
      fitNode(
        pod({ tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }] }),
        tainted,
        none,
      ).reasons,
    ).toEqual([]);
    expect(fitNode(pod({ nodeSelector: { disk: 'hdd' } }), node('n'), none).reasons).toEqual([
      "node(s) didn't match Pod's node affinity/selector",
    ]);
    expect(
      fitNode(pod({}), node('n', { cpu: '1' }), { cpu: 600, memory: 0, pods: 1 }).reasons,
    ).toEqual(['Insufficient cpu']);
    expect(failedSchedulingMessage([])).toBe('no nodes available to schedule pods');
  });
});

describe('job controller', () => {
  it('runs pods to completion and reports Complete', async () => {
    const { store, settle } = lab();
    store.create(RT.nodes, node('node-1'));
    store.create(RT.jobs, {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'migrate', namespace: 'default' },
      spec: {
        completions: 2,
        parallelism: 1,
        template: { spec: { restartPolicy: 'Never', containers: [{ name: 'app', image: 'm:1' }] } },
      },
    });
    await settle();
    for (let i = 0; i < 2; i++) {
      const active = store
        .list(RT.pods, 'default')
        .items.filter((p) => asRecord(p['status'])['phase'] !== 'Succeeded');
      expect(active).toHaveLength(1);
      const p = active[0] as Any;
      p.status.phase = 'Succeeded';
      store.updateStatus(RT.pods, p);
      await settle();
    }
    const job = store.get(RT.jobs, 'default', 'migrate') as Any;
    expect(job.status.succeeded).toBe(2);
    expect(job.status.conditions.map((c: Any) => c.type)).toEqual([
      'SuccessCriteriaMet',
      'Complete',
    ]);
    expect(job.spec.selector.matchLabels['batch.kubernetes.io/controller-uid']).toBe(
      job.metadata.uid,
    );
  });

  it('fails with BackoffLimitExceeded', async () => {
    const { store, settle } = lab();
    store.create(RT.nodes, node('node-1'));
    store.create(RT.jobs, {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'bad', namespace: 'default' },
      spec: {
        backoffLimit: 0,
        template: { spec: { restartPolicy: 'Never', containers: [{ name: 'app', image: 'm:1' }] } },
      },
    });
    await settle();
    const p = store.list(RT.pods, 'default').items[0] as Any;
    p.status.phase = 'Failed';
    store.updateStatus(RT.pods, p);
    await settle();
    const job = store.get(RT.jobs, 'default', 'bad') as Any;
    expect(job.status.failed).toBe(1);
    expect(job.status.conditions.find((c: Any) => c.type === 'Failed')).toMatchObject({
      status: 'True',
      reason: 'BackoffLimitExceeded',
      message: 'Job has reached the specified backoff limit',
    });
  });
});

describe('endpoints controllers', () => {
  it('publishes ready and not-ready pod addresses in Endpoints and EndpointSlices', async () => {
    const { store, settle } = lab();
    store.create(RT.nodes, node('node-1'));
    store.create(RT.services, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
    });
    store.create(RT.deployments, deployment('web', 'app:1', 2));
    await settle();
    const ep = store.get(RT.endpoints, 'default', 'web') as Any;
    expect(ep.subsets).toHaveLength(1);
    expect(ep.subsets[0].addresses).toHaveLength(2);
    expect(ep.subsets[0].ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    const pod = store.list(RT.pods, 'default').items[0] as Any;
    pod.status.conditions = pod.status.conditions.map((c: Any) =>
      c.type === 'Ready' ? { ...c, status: 'False' } : c,
    );
    store.updateStatus(RT.pods, pod);
    await settle();
    const ep2 = store.get(RT.endpoints, 'default', 'web') as Any;
    expect(ep2.subsets[0].addresses).toHaveLength(1);
    expect(ep2.subsets[0].notReadyAddresses[0].targetRef.name).toBe(pod.metadata.name);
    const slices = store.list(RT.endpointslices, 'default', {
      labelSelector: 'kubernetes.io/service-name=web',
    }).items as Any[];
    expect(slices).toHaveLength(1);
    expect(slices[0].endpoints.map((e: Any) => e.conditions.ready).sort()).toEqual([false, true]);
    store.delete(RT.services, 'default', 'web');
    await settle();
    expect(store.get(RT.endpoints, 'default', 'web')).toBeUndefined();
  });
});
