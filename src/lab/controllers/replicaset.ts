/**
 * The ReplicaSet controller: keeps `spec.replicas` active pods (creating them from the template
 * with `generateName: <rs>-`, the RS as controlling owner, `SuccessfulCreate` events; deleting
 * extras, the least useful first: unscheduled, pending, not ready, most restarted, newest),
 * adopts matching orphans, and reports replicas/fullyLabeled/ready/available in status.
 */
import type { LabObject } from '../store/types.js';
import { StoreError } from '../store/types.js';
import { RT } from '../store/resource-types.js';
import {
  asNumber,
  asRecord,
  asStringMap,
  clone,
  deepEqual,
  isPlainObject,
  parseTime,
} from '../store/object-utils.js';
import { fromLabelSelectorObject, matchesLabels } from '../store/label-selector.js';
import type { Controller, ControllerDeps } from './types.js';
import { objectKey, queueKey, splitKey } from './types.js';
import { OrphanPods } from './orphans.js';
import {
  controllerOf,
  controllerRef,
  isActive,
  isPodAvailable,
  isPodReady,
  ownedBy,
  podPhase,
  readyCondition,
  restartCount,
  type Rec,
} from './util.js';

const SOURCE = { component: 'replicaset-controller' };

function phaseRank(pod: LabObject): number {
  const phase = podPhase(pod);
  return phase === 'Pending' ? 0 : phase === 'Unknown' ? 1 : 2;
}

/** Deletion order of `controller.ActivePods`: the first ones go first. */
export function rankForDeletion(pods: LabObject[]): LabObject[] {
  return [...pods].sort((a, b) => {
    const na = asRecord(a['spec'])['nodeName'] ? 1 : 0;
    const nb = asRecord(b['spec'])['nodeName'] ? 1 : 0;
    if (na !== nb) return na - nb;
    const pa = phaseRank(a);
    const pb = phaseRank(b);
    if (pa !== pb) return pa - pb;
    const ra = isPodReady(a) ? 1 : 0;
    const rb = isPodReady(b) ? 1 : 0;
    if (ra !== rb) return ra - rb;
    if (ra === 1) {
      const ta = parseTime(readyCondition(a)?.['lastTransitionTime'])?.getTime() ?? 0;
      const tb = parseTime(readyCondition(b)?.['lastTransitionTime'])?.getTime() ?? 0;
      if (ta !== tb) return tb - ta;
    }
    const rc = restartCount(b) - restartCount(a);
    if (rc !== 0) return rc;
    const ca = parseTime(a.metadata.creationTimestamp)?.getTime() ?? 0;
    const cb = parseTime(b.metadata.creationTimestamp)?.getTime() ?? 0;
    return cb - ca;
  });
}

/** The pods a ReplicaSet (or Job/StatefulSet) controls, adopting orphans that match its selector. */
export function claimPods(
  deps: ControllerDeps,
  owner: LabObject,
  selectorObj: unknown,
  orphans: OrphanPods,
): LabObject[] {
  const ns = owner.metadata.namespace;
  const selector = fromLabelSelectorObject(selectorObj);
  const out: LabObject[] = ownedBy(deps.store, owner, RT.pods);
  for (const pod of orphans.candidates(ns)) {
    if (!selector || selector.length === 0 || pod.metadata.deletionTimestamp) continue;
    if (!matchesLabels(selector, pod.metadata.labels)) continue;
    const adopted = clone(pod) as LabObject;
    adopted.metadata.ownerReferences = [
      ...(adopted.metadata.ownerReferences ?? []),
      controllerRef(owner),
    ];
    delete adopted.metadata.resourceVersion;
    try {
      out.push(deps.store.update(RT.pods, adopted));
    } catch {
      // changed meanwhile; the next sync retries
    }
  }
  return out;
}

/** A pod object from a template, as ReplicaSet/Job/StatefulSet controllers create them. */
export function podFromTemplate(
  template: unknown,
  owner: LabObject,
  extra: { generateName?: string; name?: string; labels?: Record<string, string> },
): LabObject {
  const t = asRecord(template);
  const meta = asRecord(t['metadata']);
  const metadata: LabObject['metadata'] = {
    namespace: owner.metadata.namespace ?? 'default',
    labels: { ...asStringMap(meta['labels']), ...(extra.labels ?? {}) },
    ownerReferences: [controllerRef(owner)],
  };
  const annotations = asStringMap(meta['annotations']);
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  if (extra.name) metadata.name = extra.name;
  else if (extra.generateName) metadata.generateName = extra.generateName;
  if (Array.isArray(meta['finalizers'])) metadata.finalizers = meta['finalizers'].map(String);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata,
    spec: clone(isPlainObject(t['spec']) ? t['spec'] : {}),
  };
}

export function replicaSetController(deps: ControllerDeps): Controller {
  const { store, events, clock } = deps;
  const orphans = new OrphanPods(store);
  return {
    name: 'replicaset',
    triggers: [
      {
        type: RT.replicasets,
        keys: (e) => [objectKey(e.object)],
      },
      {
        type: RT.pods,
        keys: (e) => {
          orphans.observe(e);
          const ref = controllerOf(e.object);
          if (ref && ref.kind === 'ReplicaSet')
            return [queueKey(e.object.metadata.namespace, ref.name)];
          if (!ref && e.type !== 'DELETED') {
            // An orphan may be adopted by a ReplicaSet whose selector matches it.
            return store
              .listShared(RT.replicasets, e.object.metadata.namespace)
              .items.filter((rs) => {
                const sel = fromLabelSelectorObject(asRecord(rs['spec'])['selector']);
                return sel && sel.length > 0 && matchesLabels(sel, e.object.metadata.labels);
              })
              .map((rs) => objectKey(rs));
          }
          return [];
        },
      },
    ],
    initialKeys: () => store.listShared(RT.replicasets, undefined).items.map((rs) => objectKey(rs)),
    sync(key) {
      const [ns, name] = splitKey(key);
      const rs = store.getShared(RT.replicasets, ns, name);
      if (!rs || rs.metadata.deletionTimestamp) return;
      const spec = asRecord(rs['spec']);
      const desired = asNumber(spec['replicas'], 1);
      const pods = claimPods(deps, rs, spec['selector'], orphans);
      const active = pods.filter(isActive);
      const diff = active.length - desired;
      const involved = {
        kind: 'ReplicaSet',
        namespace: ns,
        name,
        uid: rs.metadata.uid ?? '',
        apiVersion: 'apps/v1',
      };
      if (diff < 0) {
        for (let i = 0; i < -diff; i++) {
          try {
            const pod = store.create(
              RT.pods,
              podFromTemplate(spec['template'], rs, { generateName: `${name}-` }),
            );
            events.record(
              involved,
              'Normal',
              'SuccessfulCreate',
              `Created pod: ${pod.metadata.name ?? ''}`,
              SOURCE,
            );
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            events.record(
              involved,
              'Warning',
              'FailedCreate',
              `Error creating: ${message}`,
              SOURCE,
            );
            return { requeueAfterMs: clock.toRealMs(5) };
          }
        }
      } else if (diff > 0) {
        for (const pod of rankForDeletion(active).slice(0, diff)) {
          store.delete(RT.pods, ns, pod.metadata.name ?? '');
          events.record(
            involved,
            'Normal',
            'SuccessfulDelete',
            `Deleted pod: ${pod.metadata.name ?? ''}`,
            SOURCE,
          );
        }
      }
      return syncReplicaSetStatus(deps, rs);
    },
  };
}

function syncReplicaSetStatus(
  deps: ControllerDeps,
  rs: LabObject,
): void | { requeueAfterMs: number } {
  const { store, clock } = deps;
  const now = clock.now();
  const spec = asRecord(rs['spec']);
  const minReady = asNumber(spec['minReadySeconds'], 0);
  const templateLabels = asStringMap(asRecord(asRecord(spec['template'])['metadata'])['labels']);
  const pods = ownedBy(store, rs, RT.pods).filter(isActive);
  const ready = pods.filter(isPodReady);
  const available = pods.filter((p) => isPodAvailable(p, minReady, now));
  const fully = pods.filter((p) =>
    Object.entries(templateLabels).every(([k, v]) => p.metadata.labels?.[k] === v),
  );
  const current = store.getShared(RT.replicasets, rs.metadata.namespace, rs.metadata.name ?? '');
  if (!current) return;
  const status: Rec = { ...asRecord(current['status']) };
  status['replicas'] = pods.length;
  status['fullyLabeledReplicas'] = fully.length;
  status['readyReplicas'] = ready.length;
  status['availableReplicas'] = available.length;
  status['observedGeneration'] = current.metadata.generation ?? 1;
  for (const k of ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas'])
    if (status[k] === 0) delete status[k];
  if (!deepEqual(status, current['status'])) {
    try {
      store.updateStatus(RT.replicasets, { ...current, status });
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
    }
  }
  if (ready.length > available.length && minReady > 0) return { requeueAfterMs: clock.toRealMs(1) };
  return undefined;
}
