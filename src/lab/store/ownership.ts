/**
 * Deletion with propagation, as the garbage collector and namespace controller would do it:
 * `Background` removes the owner then its dependents, `Foreground` the dependents first,
 * `Orphan` strips the owner reference and keeps the dependents. A dependent that still has
 * another live owner only loses the reference. Deleting a namespace removes its content.
 * The lab does this synchronously so `kubectl delete` returns with the cascade done.
 */
import type { LabObject, ResourceType } from './types.js';
import type { MemoryStore } from './memory-store.js';
import { clone } from './object-utils.js';
import { RT } from './resource-types.js';

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

function ownerAlive(
  store: MemoryStore,
  obj: LabObject,
  ref: { kind: string; name: string; uid: string; apiVersion: string },
): boolean {
  const [group, version] = ref.apiVersion.includes('/')
    ? ref.apiVersion.split('/')
    : ['', ref.apiVersion];
  const type = store
    .types()
    .find((t) => t.kind === ref.kind && t.group === group && t.version === version);
  if (!type) return false;
  return store.hasUid(
    type,
    type.namespaced ? obj.metadata.namespace : undefined,
    ref.name,
    ref.uid,
  );
}

function dropOwnerRef(store: MemoryStore, type: ResourceType, obj: LabObject, uid: string): void {
  const copy = clone(obj) as LabObject;
  copy.metadata.ownerReferences = (copy.metadata.ownerReferences ?? []).filter(
    (r) => r.uid !== uid,
  );
  if (copy.metadata.ownerReferences.length === 0) delete copy.metadata.ownerReferences;
  delete copy.metadata.resourceVersion;
  try {
    store.update(type, copy);
  } catch {
    // the dependent changed or vanished meanwhile; nothing to orphan
  }
}

/** Deletes dependents of an owner that is gone (or going); returns how many were deleted. */
export function collectDependents(
  store: MemoryStore,
  ownerUid: string,
  policy: PropagationPolicy = 'Background',
  depth = 0,
): number {
  let deleted = 0;
  for (const { type, object } of store.dependentsOf(ownerUid)) {
    if (policy === 'Orphan') {
      dropOwnerRef(store, type, object, ownerUid);
      continue;
    }
    const others = (object.metadata.ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
    if (others.some((r) => ownerAlive(store, object, r))) {
      dropOwnerRef(store, type, object, ownerUid);
      continue;
    }
    if (depth > 16) continue;
    deleteWithPropagation(
      store,
      type,
      object.metadata.namespace,
      object.metadata.name ?? '',
      policy === 'Foreground' ? 'Foreground' : 'Background',
      depth + 1,
    );
    deleted++;
  }
  return deleted;
}

/** Deletes an object and handles its dependents per the policy; returns the deleted object. */
export function deleteWithPropagation(
  store: MemoryStore,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
  policy: PropagationPolicy = 'Background',
  depth = 0,
  preconditions?: { uid?: string; resourceVersion?: string },
): LabObject | undefined {
  const existing = store.getShared(type, namespace, name);
  if (!existing) return undefined;
  const uid = existing.metadata.uid ?? '';
  if (policy === 'Foreground') collectDependents(store, uid, 'Foreground', depth);
  if (policy === 'Orphan') collectDependents(store, uid, 'Orphan', depth);
  const deleted = store.delete(type, namespace, name, preconditions ? { preconditions } : {});
  if (deleted && policy === 'Background' && !store.getShared(type, namespace, name)) {
    collectDependents(store, uid, 'Background', depth);
  }
  return deleted;
}

/** Deletes a namespace and everything in it. */
export function deleteNamespace(store: MemoryStore, name: string): LabObject | undefined {
  const ns = store.getShared(RT.namespaces, undefined, name);
  if (!ns) return undefined;
  // Terminating first, so nothing new is created while the content goes.
  const terminating = clone(ns) as LabObject;
  terminating['status'] = { phase: 'Terminating' };
  store.updateStatus(RT.namespaces, terminating);
  store.markDeleting(RT.namespaces, undefined, name, 0);
  for (const type of store.types()) {
    if (!type.namespaced) continue;
    for (const obj of store.listShared(type, name).items) {
      store.delete(type, name, obj.metadata.name ?? '');
    }
  }
  return store.delete(RT.namespaces, undefined, name);
}
