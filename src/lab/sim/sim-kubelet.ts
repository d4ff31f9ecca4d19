/**
 * A tiny kubelet for simulated pods (annotation `lab.crashlens.dev/simulated: "true"`): when
 * such a pod is bound to a node and has no container statuses yet — a replica created by the
 * ReplicaSet controller after a scale or rollout of a simulated Deployment — it writes the
 * status a kubelet would (healthy, or the failure named by `lab.crashlens.dev/sim-failure` on
 * the pod template), with events and logs, and cleans the logs of deleted pods. The real
 * kubelet emulator ignores simulated pods, and this one ignores everything else.
 */
import type { EventRecorder, LabClock, LabObject, LogStore } from '../store/types.js';
import type { MemoryStore } from '../store/memory-store.js';
import { RT } from '../store/resource-types.js';
import { asArray, asRecord, asString } from '../store/object-utils.js';
import { seededRandom } from '../store/names.js';
import { isSimulated } from '../controllers/util.js';
import { FAILURE_KINDS, failureShape, type FailureKind } from './catalog.js';
import { simulatedStatus } from './status.js';

export const SIM_FAILURE_ANNOTATION = 'lab.crashlens.dev/sim-failure';

export interface SimulatedKubeletOptions {
  store: MemoryStore;
  logs: LogStore;
  events: EventRecorder;
  clock: LabClock;
  seed?: number;
}

export function startSimulatedKubelet(options: SimulatedKubeletOptions): { stop(): void } {
  const { store, logs, events, clock } = options;
  const rng = seededRandom(options.seed ?? 7);
  const ipByNode = new Map<string, number>();
  const pending = new Set<string>();
  let scheduled = false;

  const handle = (pod: LabObject): void => {
    const spec = asRecord(pod['spec']);
    const nodeName = asString(spec['nodeName']);
    if (
      !nodeName ||
      asArray(asRecord(pod['status'])['containerStatuses']).length > 0 ||
      pod.metadata.deletionTimestamp
    )
      return;
    const kind = pod.metadata.annotations?.[SIM_FAILURE_ANNOTATION] as FailureKind | undefined;
    const shape = kind && FAILURE_KINDS.includes(kind) ? failureShape(kind, rng) : undefined;
    const node = store.getShared(RT.nodes, undefined, nodeName);
    const hostIP = asString(
      asArray(asRecord(node?.['status'])['addresses'])
        .map(asRecord)
        .find((a) => a['type'] === 'InternalIP')?.['address'],
      '10.0.0.1',
    );
    const n = (ipByNode.get(nodeName) ?? 100) + 1;
    ipByNode.set(nodeName, n);
    const podIP = `10.245.${Math.abs(hash(nodeName)) % 256}.${n % 254}`;
    const now = clock.now();
    const restarts = shape?.termination ? 1 : 0;
    const st = simulatedStatus({ pod, shape, restarts, now, startedAt: now, podIP, hostIP, rng });
    store.updateStatus(RT.pods, { ...pod, status: { ...asRecord(pod['status']), ...st.status } });
    const ns = pod.metadata.namespace ?? '';
    const name = pod.metadata.name ?? '';
    const involved = {
      kind: 'Pod',
      namespace: ns,
      name,
      uid: pod.metadata.uid ?? '',
      apiVersion: 'v1',
      fieldPath: 'spec.containers{app}',
    };
    const source = { component: 'kubelet', host: nodeName };
    const container = asString(asRecord(asArray(spec['containers'])[0])['name'], 'app');
    const image = asString(asRecord(asArray(spec['containers'])[0])['image']);
    if (!shape) {
      events.record(
        involved,
        'Normal',
        'Pulled',
        `Container image "${image}" already present on machine`,
        source,
      );
      events.record(involved, 'Normal', 'Created', `Created container: ${container}`, source);
      events.record(involved, 'Normal', 'Started', `Started container ${container}`, source);
      logs.append(ns, name, container, 0, {
        time: now.toISOString(),
        text: `{"level":"info","msg":"listening","addr":":8080"}`,
        stream: 'stdout',
      });
      return;
    }
    for (const ev of shape.events({
      container,
      image,
      podRef: `${name}_${ns}(${pod.metadata.uid ?? ''})`,
      restarts,
    })) {
      events.record(involved, ev.type, ev.reason, ev.message, source);
    }
    for (let instance = 0; instance <= restarts && shape.logs.length > 0; instance++) {
      for (const text of shape.logs)
        logs.append(ns, name, container, instance, {
          time: now.toISOString(),
          text,
          stream: 'stdout',
        });
    }
  };

  const drain = (): void => {
    scheduled = false;
    for (const key of [...pending]) {
      pending.delete(key);
      const [ns, name] = key.split('/');
      const pod = store.getShared(RT.pods, ns, name ?? '');
      if (pod && isSimulated(pod)) {
        try {
          handle(pod);
        } catch {
          // the pod changed or went away; a later event brings it back
        }
      }
    }
  };

  const stop = store.watchShared(RT.pods, undefined, undefined, (e) => {
    if (!isSimulated(e.object)) return;
    if (e.type === 'DELETED') {
      logs.deletePod(e.object.metadata.namespace ?? '', e.object.metadata.name ?? '');
      return;
    }
    pending.add(`${e.object.metadata.namespace ?? ''}/${e.object.metadata.name ?? ''}`);
    if (!scheduled) {
      scheduled = true;
      setImmediate(drain);
    }
  });
  for (const pod of store.listShared(RT.pods, undefined).items)
    if (isSimulated(pod)) pending.add(`${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`);
  if (pending.size > 0) {
    scheduled = true;
    setImmediate(drain);
  }
  return {
    stop() {
      stop();
      pending.clear();
    },
  };
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return h;
}
