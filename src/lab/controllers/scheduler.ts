/**
 * A small default-scheduler: binds pods without `spec.nodeName` to a node that passes the
 * real filters in the real order (NodeUnschedulable, TaintToleration for NoSchedule/NoExecute,
 * node selector/required node affinity on labels, NodeResourcesFit on allocatable cpu, memory
 * and pods minus what bound pods request), preferring the least allocated node. A pod that
 * fits nowhere gets `PodScheduled=False/Unschedulable` and a `FailedScheduling` Warning with
 * the scheduler's message format, e.g. `0/2 nodes are available: 1 Insufficient memory, 1
 * node(s) had untolerated taint {dedicated: gpu}. preemption: 0/2 nodes are available: 1 No
 * preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.`
 * It retries when nodes change or pods go away, and every minute (lab time).
 */
import type { LabObject } from '../store/types.js';
import { RT } from '../store/resource-types.js';
import {
  asArray,
  asNumber,
  asRecord,
  asString,
  asStringMap,
  clone,
  formatTime,
} from '../store/object-utils.js';
import { parseQuantity } from '../store/defaults.js';
import type { Controller, ControllerDeps } from './types.js';
import { objectKey, splitKey } from './types.js';
import { isTerminal, podRequests, type Rec } from './util.js';

const SOURCE = { component: 'default-scheduler' };

interface NodeFit {
  reasons: string[];
  resolvable: boolean;
}

function tolerates(tolerations: Rec[], taint: Rec): boolean {
  return tolerations.some((t) => {
    if (t['effect'] && t['effect'] !== taint['effect']) return false;
    if (t['operator'] === 'Exists') return !t['key'] || t['key'] === taint['key'];
    return t['key'] === taint['key'] && asString(t['value']) === asString(taint['value']);
  });
}

function matchesExpression(labels: Record<string, string>, e: Rec): boolean {
  const key = asString(e['key']);
  const values = asArray(e['values']).map(String);
  const has = Object.prototype.hasOwnProperty.call(labels, key);
  switch (e['operator']) {
    case 'In':
      return has && values.includes(labels[key] ?? '');
    case 'NotIn':
      return !has || !values.includes(labels[key] ?? '');
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
      return has && Number(labels[key]) > Number(values[0]);
    case 'Lt':
      return has && Number(labels[key]) < Number(values[0]);
    default:
      return false;
  }
}

function matchesAffinity(pod: LabObject, node: LabObject): boolean {
  const spec = asRecord(pod['spec']);
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(asStringMap(spec['nodeSelector'])))
    if (labels[k] !== v) return false;
  const required = asRecord(
    asRecord(asRecord(spec['affinity'])['nodeAffinity'])[
      'requiredDuringSchedulingIgnoredDuringExecution'
    ],
  );
  const terms = asArray(required['nodeSelectorTerms']).map(asRecord);
  if (terms.length === 0) return true;
  return terms.some((t) =>
    asArray(t['matchExpressions'])
      .map(asRecord)
      .every((e) => matchesExpression(labels, e)),
  );
}

function allocatable(node: LabObject): { cpu: number; memory: number; pods: number } {
  const status = asRecord(node['status']);
  const a = asRecord(status['allocatable'] ?? status['capacity']);
  const cpu = parseQuantity(String(a['cpu'] ?? '')) ?? Number.POSITIVE_INFINITY;
  const memory = parseQuantity(String(a['memory'] ?? '')) ?? Number.POSITIVE_INFINITY;
  const pods = parseQuantity(String(a['pods'] ?? '')) ?? 110;
  return { cpu: Number.isFinite(cpu) ? Math.round(cpu * 1000) : cpu, memory, pods };
}

export interface NodeUsage {
  cpu: number;
  memory: number;
  pods: number;
}

/** Filter result for one node (empty reasons = fits). */
export function fitNode(pod: LabObject, node: LabObject, used: NodeUsage): NodeFit {
  const spec = asRecord(pod['spec']);
  const tolerations = asArray(spec['tolerations']).map(asRecord);
  if (asRecord(node['spec'])['unschedulable'] === true) {
    const tolerated = tolerations.some(
      (t) =>
        t['key'] === 'node.kubernetes.io/unschedulable' &&
        (t['operator'] === 'Exists' || !t['operator']),
    );
    if (!tolerated) return { reasons: ['node(s) were unschedulable'], resolvable: false };
  }
  for (const taint of asArray(asRecord(node['spec'])['taints']).map(asRecord)) {
    if (taint['effect'] !== 'NoSchedule' && taint['effect'] !== 'NoExecute') continue;
    if (!tolerates(tolerations, taint)) {
      return {
        reasons: [
          `node(s) had untolerated taint {${asString(taint['key'])}: ${asString(taint['value'])}}`,
        ],
        resolvable: false,
      };
    }
  }
  if (!matchesAffinity(pod, node))
    return { reasons: ["node(s) didn't match Pod's node affinity/selector"], resolvable: false };
  const cap = allocatable(node);
  const req = podRequests(pod);
  const reasons: string[] = [];
  if (used.pods + 1 > cap.pods) reasons.push('Too many pods');
  if (req.cpu > 0 && used.cpu + req.cpu > cap.cpu) reasons.push('Insufficient cpu');
  if (req.memory > 0 && used.memory + req.memory > cap.memory) reasons.push('Insufficient memory');
  return { reasons, resolvable: true };
}

function histogram(entries: string[]): string {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e, (counts.get(e) ?? 0) + 1);
  return [...counts.entries()]
    .map(([reason, n]) => `${n} ${reason}`)
    .sort()
    .join(', ');
}

/** The scheduler's FitError message for the per-node results. */
export function failedSchedulingMessage(results: NodeFit[]): string {
  if (results.length === 0) return 'no nodes available to schedule pods';
  const n = results.length;
  const main = histogram(results.flatMap((r) => r.reasons));
  const preemption = histogram(
    results.map((r) =>
      r.resolvable
        ? 'No preemption victims found for incoming pod'
        : 'Preemption is not helpful for scheduling',
    ),
  );
  return `0/${n} nodes are available: ${main}. preemption: 0/${n} nodes are available: ${preemption}.`;
}

export function schedulerController(deps: ControllerDeps): Controller {
  const { store, events, clock } = deps;
  // Last unschedulable verdict per pod: repeats within the back-off window are not re-reported.
  const lastFailure = new Map<string, { message: string; at: number }>();
  const pendingKeys = (): string[] =>
    store
      .listShared(RT.pods, undefined)
      .items.filter(
        (p) => !asRecord(p['spec'])['nodeName'] && !p.metadata.deletionTimestamp && !isTerminal(p),
      )
      .map((p) => objectKey(p));

  function usage(): Map<string, NodeUsage> {
    const out = new Map<string, NodeUsage>();
    for (const p of store.listShared(RT.pods, undefined).items) {
      const node = asString(asRecord(p['spec'])['nodeName']);
      if (!node || isTerminal(p)) continue;
      const u = out.get(node) ?? { cpu: 0, memory: 0, pods: 0 };
      const r = podRequests(p);
      u.cpu += r.cpu;
      u.memory += r.memory;
      u.pods += 1;
      out.set(node, u);
    }
    return out;
  }

  function setScheduledCondition(pod: LabObject, cond: Rec): void {
    const fresh = store.getShared(RT.pods, pod.metadata.namespace, pod.metadata.name ?? '');
    if (!fresh) return;
    const status = clone(asRecord(fresh['status']));
    const conditions = asArray(status['conditions']).map(asRecord);
    const existing = conditions.find((c) => c['type'] === 'PodScheduled');
    if (
      existing &&
      existing['status'] === cond['status'] &&
      existing['reason'] === cond['reason'] &&
      existing['message'] === cond['message']
    )
      return;
    status['conditions'] = [...conditions.filter((c) => c['type'] !== 'PodScheduled'), cond];
    store.updateStatus(RT.pods, { ...fresh, status });
  }

  return {
    name: 'scheduler',
    triggers: [
      {
        type: RT.pods,
        keys: (e) => {
          const bound = asRecord(e.object['spec'])['nodeName'];
          if (e.type === 'DELETED' || isTerminal(e.object)) return bound ? pendingKeys() : [];
          return bound ? [] : [objectKey(e.object)];
        },
      },
      { type: RT.nodes, keys: () => pendingKeys() },
    ],
    initialKeys: pendingKeys,
    sync(key) {
      const [ns, name] = splitKey(key);
      const pod = store.getShared(RT.pods, ns, name);
      if (!pod || pod.metadata.deletionTimestamp || isTerminal(pod)) return;
      const spec = asRecord(pod['spec']);
      if (
        spec['nodeName'] ||
        asString(spec['schedulerName'], 'default-scheduler') !== 'default-scheduler'
      )
        return;
      const nodes = store.listShared(RT.nodes, undefined).items;
      const used = usage();
      const results = nodes.map((node) => ({
        node,
        fit: fitNode(
          pod,
          node,
          used.get(node.metadata.name ?? '') ?? { cpu: 0, memory: 0, pods: 0 },
        ),
      }));
      const feasible = results.filter((r) => r.fit.reasons.length === 0);
      const involved = {
        kind: 'Pod',
        namespace: ns,
        name,
        uid: pod.metadata.uid ?? '',
        apiVersion: 'v1',
      };
      const now = formatTime(clock.now());
      if (feasible.length === 0) {
        const message = failedSchedulingMessage(results.map((r) => r.fit));
        const at = clock.now().getTime();
        const last = lastFailure.get(key);
        if (last && last.message === message && at - last.at < 10_000) {
          return { requeueAfterMs: clock.toRealMs(60) };
        }
        lastFailure.set(key, { message, at });
        if (lastFailure.size > 50_000) lastFailure.clear();
        setScheduledCondition(pod, {
          type: 'PodScheduled',
          status: 'False',
          lastProbeTime: null,
          lastTransitionTime: now,
          reason: 'Unschedulable',
          message,
        });
        events.record(involved, 'Warning', 'FailedScheduling', message, SOURCE);
        return { requeueAfterMs: clock.toRealMs(60) };
      }
      const score = (n: LabObject): number => {
        const cap = allocatable(n);
        const u = used.get(n.metadata.name ?? '') ?? { cpu: 0, memory: 0, pods: 0 };
        const cpu = Number.isFinite(cap.cpu) && cap.cpu > 0 ? u.cpu / cap.cpu : 0;
        const mem = Number.isFinite(cap.memory) && cap.memory > 0 ? u.memory / cap.memory : 0;
        return cpu + mem + u.pods / Math.max(asNumber(cap.pods, 110), 1);
      };
      const chosen = [...feasible].sort(
        (a, b) =>
          score(a.node) - score(b.node) ||
          (a.node.metadata.name ?? '').localeCompare(b.node.metadata.name ?? ''),
      )[0];
      if (!chosen) return;
      const nodeName = chosen.node.metadata.name ?? '';
      lastFailure.delete(key);
      const bound = clone(pod) as LabObject;
      asRecord(bound['spec'])['nodeName'] = nodeName;
      delete bound.metadata.resourceVersion;
      store.update(RT.pods, bound);
      setScheduledCondition(pod, {
        type: 'PodScheduled',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: now,
      });
      events.record(
        involved,
        'Normal',
        'Scheduled',
        `Successfully assigned ${ns}/${name} to ${nodeName}`,
        SOURCE,
      );
      return undefined;
    },
  };
}
