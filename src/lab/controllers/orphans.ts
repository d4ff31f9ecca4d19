/**
 * Tracks pods without a controlling owner, per namespace, from the pod watch. Controllers that
 * adopt matching orphans (ReplicaSet, Job, StatefulSet) look only at these instead of scanning
 * every pod of the namespace on each sync — which at 10,000 pods is the difference between
 * milliseconds and seconds.
 */
import type { LabObject, WatchEvent } from '../store/types.js';
import type { MemoryStore } from '../store/memory-store.js';
import { RT } from '../store/resource-types.js';
import type { Trigger } from './types.js';
import { queueKey } from './types.js';
import { controllerOf } from './util.js';

export class OrphanPods {
  private readonly byNamespace = new Map<string, Set<string>>();

  constructor(private readonly store: MemoryStore) {
    for (const pod of store.listShared(RT.pods, undefined).items) this.note(pod, false);
  }

  observe(event: WatchEvent): void {
    this.note(event.object, event.type === 'DELETED');
  }

  /** Orphan pods of a namespace, as currently stored. */
  candidates(namespace: string | undefined): LabObject[] {
    const names = this.byNamespace.get(namespace ?? '');
    if (!names) return [];
    const out: LabObject[] = [];
    for (const name of names) {
      const pod = this.store.getShared(RT.pods, namespace, name);
      if (pod && !controllerOf(pod)) out.push(pod);
    }
    return out;
  }

  private note(pod: LabObject, deleted: boolean): void {
    const ns = pod.metadata.namespace ?? '';
    const name = pod.metadata.name ?? '';
    let set = this.byNamespace.get(ns);
    if (deleted || controllerOf(pod)) {
      set?.delete(name);
      return;
    }
    if (!set) this.byNamespace.set(ns, (set = new Set()));
    set.add(name);
  }
}

/**
 * The pod trigger of a controller that owns pods of one kind: it keeps `orphans` current and
 * wakes the owner named in a changed pod's controller reference.
 */
export function ownedPodsTrigger(ownerKind: string, orphans: OrphanPods): Trigger {
  return {
    type: RT.pods,
    keys: (e) => {
      orphans.observe(e);
      const ref = controllerOf(e.object);
      return ref && ref.kind === ownerKind ? [queueKey(e.object.metadata.namespace, ref.name)] : [];
    },
  };
}
