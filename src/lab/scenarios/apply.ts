/**
 * Putting a scenario's objects into the lab store, as `kubectl apply` would: kinds in
 * dependency order (namespaces and nodes, then config, then Services, then workloads), each
 * created or, when it exists, replaced (keeping its status).
 */
import { CrashlensError } from '../../errors.js';
import type { LabObject, ObjectStore, ResourceType } from '../store/types.js';

const ORDER = [
  'Namespace',
  'Node',
  'ServiceAccount',
  'ResourceQuota',
  'LimitRange',
  'PersistentVolumeClaim',
  'ConfigMap',
  'Secret',
  'Service',
  'Endpoints',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'Pod',
];

export function typeFor(store: ObjectStore, apiVersion: string, kind: string): ResourceType {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const t = store.types().find((x) => x.kind === kind && x.group === group);
  if (!t) {
    throw new CrashlensError('E_USAGE', `The lab cannot store ${kind} (${apiVersion}) objects.`, {
      hint: `Supported kinds: ${[...new Set(store.types().map((x) => x.kind))].join(', ')}.`,
    });
  }
  return t;
}

export function applyObject(store: ObjectStore, obj: LabObject): LabObject {
  const type = typeFor(store, obj.apiVersion, obj.kind);
  const ns = type.namespaced ? (obj.metadata.namespace ?? 'default') : undefined;
  const body = structuredClone(obj);
  if (type.namespaced && ns !== undefined) body.metadata.namespace = ns;
  const existing = store.get(type, ns, obj.metadata.name ?? '');
  if (!existing) return store.create(type, body);
  body.metadata = { ...existing.metadata, ...body.metadata };
  delete body.metadata.resourceVersion;
  if (existing['status'] !== undefined && body['status'] === undefined)
    body['status'] = existing['status'];
  return store.update(type, body);
}

export function applyManifests(store: ObjectStore, objects: readonly LabObject[]): LabObject[] {
  const rank = (o: LabObject): number => {
    const i = ORDER.indexOf(o.kind);
    return i < 0 ? ORDER.length : i;
  };
  const sorted = [...objects].sort((a, b) => rank(a) - rank(b));
  return sorted.map((o) => applyObject(store, o));
}
