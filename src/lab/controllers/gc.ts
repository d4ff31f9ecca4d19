/**
 * The garbage collector: when an owner disappears from the store by any path (a controller
 * pruning ReplicaSets, the kubelet engineer's code, a test), its dependents are deleted in
 * the background, as the real GC does for objects whose owners are gone. (API DELETEs already
 * cascade synchronously; this catches the rest.)
 */
import { RT } from '../store/resource-types.js';
import { collectDependents } from '../store/ownership.js';
import type { Controller, ControllerDeps, Trigger } from './types.js';

const OWNER_TYPES = [
  RT.deployments,
  RT.replicasets,
  RT.statefulsets,
  RT.daemonsets,
  RT.jobs,
  RT.services,
  RT.pods,
  RT.namespaces,
];

export function garbageCollector(deps: ControllerDeps): Controller {
  const { store } = deps;
  const triggers: Trigger[] = OWNER_TYPES.filter((t) => store.typeOf(t.group, t.resource)).map(
    (type) => ({
      type,
      keys: (e) => (e.type === 'DELETED' && e.object.metadata.uid ? [e.object.metadata.uid] : []),
    }),
  );
  return {
    name: 'garbage-collector',
    triggers,
    initialKeys: () => [],
    sync(uid) {
      collectDependents(store, uid, 'Background');
    },
  };
}
