/**
 * Whether a scenario has reached the failure state it declares: some pod matching its selector
 * whose container shows the waiting/terminated reason, restart count, phase, readiness,
 * condition and event count the scenario names. Read from the store, as `kubectl` would see it.
 */
import type { LabObject, LogStore, ObjectStore } from '../store/types.js';
import type { ScenarioExpect } from './schema.js';

export interface FailingPod {
  namespace: string;
  name: string;
  container: string;
  restartCount: number;
  /** The container has a previous instance (`kubectl logs --previous` has something to show). */
  hasPrevious: boolean;
  /** The container is running or has run (current logs exist). */
  hasCurrent: boolean;
}

interface CStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string }; running?: unknown; terminated?: { reason?: string } };
  lastState?: { terminated?: { reason?: string } };
}

function matches(selector: string, labels: Record<string, string> | undefined): boolean {
  return selector
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .every((req) => {
      const [k, v] = req.split('=').map((x) => x.trim());
      return k !== undefined && labels?.[k] === v;
    });
}

export function matchingPods(store: ObjectStore, expect: ScenarioExpect): LabObject[] {
  const podType = store.typeOf('', 'pods');
  if (!podType) return [];
  return store
    .list(podType, expect.namespace)
    .items.filter(
      (p) => !p.metadata.deletionTimestamp && matches(expect.selector, p.metadata.labels),
    )
    .sort((a, b) =>
      (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''),
    );
}

export function findFailingPod(
  store: ObjectStore,
  expect: ScenarioExpect,
  logs?: LogStore,
): FailingPod | undefined {
  const eventType = store.typeOf('', 'events');
  for (const pod of matchingPods(store, expect).reverse()) {
    const status = (pod['status'] ?? {}) as {
      phase?: string;
      containerStatuses?: CStatus[];
      conditions?: { type: string; status: string; reason?: string }[];
    };
    const containers = ((pod['spec'] as { containers?: { name: string }[] }).containers ?? []).map(
      (c) => c.name,
    );
    const name = expect.container ?? containers[0] ?? '';
    const cs = status.containerStatuses?.find((c) => c.name === name);
    const want = expect.state;
    if (want.phase && status.phase !== want.phase) continue;
    if (want.waitingReason && cs?.state?.waiting?.reason !== want.waitingReason) continue;
    if (
      want.terminatedReason &&
      cs?.lastState?.terminated?.reason !== want.terminatedReason &&
      cs?.state?.terminated?.reason !== want.terminatedReason
    )
      continue;
    if (want.minRestarts !== undefined && (cs?.restartCount ?? 0) < want.minRestarts) continue;
    if (want.ready !== undefined && (cs?.ready ?? false) !== want.ready) continue;
    if (want.ready === false && !cs?.state?.running) continue;
    if (want.condition) {
      const c = status.conditions?.find((x) => x.type === want.condition!.type);
      if (
        !c ||
        c.status !== want.condition.status ||
        (want.condition.reason && c.reason !== want.condition.reason)
      )
        continue;
    }
    if (want.event && eventType) {
      const events = store.list(eventType, expect.namespace, {
        fieldSelector: `involvedObject.name=${pod.metadata.name ?? ''}`,
      }).items;
      const count = events
        .filter((e) => e['reason'] === want.event!.reason)
        .reduce((n, e) => n + (typeof e['count'] === 'number' ? e['count'] : 1), 0);
      if (count < want.event.minCount) continue;
    }
    if (want.log !== undefined && logs) {
      const podName = pod.metadata.name ?? '';
      // The newest instance is the one that finished unless a newer one is running (the
      // kubelet's rule for `logs` and `logs --previous`).
      const finished = cs?.state?.running
        ? logs.read(expect.namespace, podName, name, { previous: true })
        : logs.read(expect.namespace, podName, name);
      if (!finished?.some((l) => l.text.includes(want.log!))) continue;
    }
    return {
      namespace: expect.namespace,
      name: pod.metadata.name ?? '',
      container: name,
      restartCount: cs?.restartCount ?? 0,
      hasPrevious: (cs?.restartCount ?? 0) > 0 && cs?.lastState?.terminated !== undefined,
      hasCurrent: cs?.state?.running !== undefined || cs?.state?.terminated !== undefined,
    };
  }
  return undefined;
}
