/**
 * Helpers shared by the controllers: owner references, pod readiness/availability as the
 * controllers judge it, int-or-percent resolution, condition upserts, and resource requests.
 */
import type { LabObject, ResourceType } from '../store/types.js';
import { asArray, asNumber, asRecord, asString, parseTime } from '../store/object-utils.js';
import { parseQuantity } from '../store/defaults.js';

export type Rec = Record<string, unknown>;

export const SIMULATED_ANNOTATION = 'lab.crashlens.dev/simulated';

export function controllerRef(owner: LabObject): {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller: boolean;
  blockOwnerDeletion: boolean;
} {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function controllerOf(
  obj: LabObject,
): { kind: string; name: string; uid: string } | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}

export function isControlledBy(obj: LabObject, owner: LabObject): boolean {
  const ref = controllerOf(obj);
  return ref !== undefined && ref.uid === owner.metadata.uid;
}

/** Objects of `type` whose controlling owner is `owner` (through the store's owner index). */
export function ownedBy(
  store: { dependentsOf(uid: string): { type: ResourceType; object: LabObject }[] },
  owner: LabObject,
  type: ResourceType,
): LabObject[] {
  const uid = owner.metadata.uid;
  if (!uid) return [];
  return store
    .dependentsOf(uid)
    .filter(
      (d) =>
        d.type.resource === type.resource &&
        d.type.group === type.group &&
        isControlledBy(d.object, owner),
    )
    .map((d) => d.object)
    .sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
}

export function podPhase(pod: LabObject): string {
  return asString(asRecord(pod['status'])['phase']);
}

export function isTerminal(pod: LabObject): boolean {
  const phase = podPhase(pod);
  return phase === 'Succeeded' || phase === 'Failed';
}

/** Counted by ReplicaSets/Jobs: not terminal and not being deleted. */
export function isActive(pod: LabObject): boolean {
  return !isTerminal(pod) && !pod.metadata.deletionTimestamp;
}

export function readyCondition(pod: LabObject): Rec | undefined {
  return asArray(asRecord(pod['status'])['conditions'])
    .map(asRecord)
    .find((c) => c['type'] === 'Ready');
}

export function isPodReady(pod: LabObject): boolean {
  return readyCondition(pod)?.['status'] === 'True';
}

/** Ready for at least minReadySeconds (`podutil.IsPodAvailable`). */
export function isPodAvailable(pod: LabObject, minReadySeconds: number, now: Date): boolean {
  const ready = readyCondition(pod);
  if (ready?.['status'] !== 'True') return false;
  if (minReadySeconds <= 0) return true;
  const since = parseTime(ready['lastTransitionTime']);
  return since !== undefined && since.getTime() + minReadySeconds * 1000 <= now.getTime();
}

export function restartCount(pod: LabObject): number {
  const status = asRecord(pod['status']);
  let n = 0;
  for (const key of ['containerStatuses', 'initContainerStatuses']) {
    for (const cs of asArray(status[key])) n += asNumber(asRecord(cs)['restartCount'], 0);
  }
  return n;
}

/** An int-or-percent value against a total (`intstr.GetScaledValueFromIntOrPercent`). */
export function resolveIntOrPercent(value: unknown, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.endsWith('%')) {
    const pct = Number(value.slice(0, -1));
    if (Number.isNaN(pct)) return 0;
    const raw = (pct * total) / 100;
    return roundUp ? Math.ceil(raw) : Math.floor(raw);
  }
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return 0;
}

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  [other: string]: unknown;
}

export function getCondition(status: Rec, type: string): Rec | undefined {
  return asArray(status['conditions'])
    .map(asRecord)
    .find((c) => c['type'] === type);
}

/**
 * `SetDeploymentCondition` semantics: same status and reason → unchanged; same status →
 * keeps lastTransitionTime; the new condition goes last.
 */
export function setCondition(
  status: Rec,
  cond: Condition,
  now: string,
  withUpdateTime = false,
): void {
  const conditions = asArray(status['conditions']).map(asRecord);
  const current = conditions.find((c) => c['type'] === cond.type);
  if (current && current['status'] === cond.status && current['reason'] === cond.reason) return;
  const next: Rec = { type: cond.type, status: cond.status };
  if (withUpdateTime) next['lastUpdateTime'] = now;
  next['lastTransitionTime'] =
    current && current['status'] === cond.status ? current['lastTransitionTime'] : now;
  next['reason'] = cond.reason;
  next['message'] = cond.message;
  status['conditions'] = [...conditions.filter((c) => c['type'] !== cond.type), next];
}

export function removeCondition(status: Rec, type: string): void {
  status['conditions'] = asArray(status['conditions'])
    .map(asRecord)
    .filter((c) => c['type'] !== type);
}

/** Pod resource requests (`max(sum(containers), max(initContainers))`), cpu in millicores, memory in bytes. */
export function podRequests(pod: LabObject): { cpu: number; memory: number } {
  const spec = asRecord(pod['spec']);
  const sum = { cpu: 0, memory: 0 };
  const read = (c: unknown): { cpu: number; memory: number } => {
    const req = asRecord(asRecord(asRecord(c)['resources'])['requests']);
    const cpu = parseQuantity(asString(req['cpu'], String(req['cpu'] ?? ''))) ?? 0;
    const memory = parseQuantity(asString(req['memory'], String(req['memory'] ?? ''))) ?? 0;
    return { cpu: Math.round(cpu * 1000), memory };
  };
  for (const c of asArray(spec['containers'])) {
    const r = read(c);
    sum.cpu += r.cpu;
    sum.memory += r.memory;
  }
  for (const c of asArray(spec['initContainers'])) {
    const r = read(c);
    sum.cpu = Math.max(sum.cpu, r.cpu);
    sum.memory = Math.max(sum.memory, r.memory);
  }
  return sum;
}

export function isSimulated(obj: LabObject): boolean {
  return obj.metadata.annotations?.[SIMULATED_ANNOTATION] === 'true';
}
