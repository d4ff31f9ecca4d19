/**
 * A StatefulSet controller with stable pod names `<set>-<ordinal>`: OrderedReady creates one
 * pod at a time and only after the previous ones are Ready (Parallel creates them all),
 * scale-down removes the highest ordinals first, and a template change rolls pods from the
 * highest ordinal down, one at a time, tracking revisions in `controller-revision-hash`.
 */
import type { LabObject } from '../store/types.js';
import { RT } from '../store/resource-types.js';
import { asNumber, asRecord, deepEqual } from '../store/object-utils.js';
import type { Controller, ControllerDeps } from './types.js';
import { objectKey, splitKey } from './types.js';
import { OrphanPods, ownedPodsTrigger } from './orphans.js';
import { claimPods, podFromTemplate } from './replicaset.js';
import { templateHash } from './deployment.js';
import { isActive, isPodAvailable, isPodReady, ownedBy, type Rec } from './util.js';

const SOURCE = { component: 'statefulset-controller' };

function ordinalOf(setName: string, pod: LabObject): number {
  const name = pod.metadata.name ?? '';
  const suffix = name.slice(setName.length + 1);
  return name.startsWith(`${setName}-`) && /^\d+$/.test(suffix) ? Number(suffix) : -1;
}

export function statefulSetController(deps: ControllerDeps): Controller {
  const { store, events, clock } = deps;
  const orphans = new OrphanPods(store);
  return {
    name: 'statefulset',
    triggers: [
      {
        type: RT.statefulsets,
        keys: (e) => [objectKey(e.object)],
      },
      ownedPodsTrigger('StatefulSet', orphans),
    ],
    initialKeys: () => store.listShared(RT.statefulsets, undefined).items.map((s) => objectKey(s)),
    sync(key) {
      const [ns, name] = splitKey(key);
      const set = store.getShared(RT.statefulsets, ns, name);
      if (!set || set.metadata.deletionTimestamp) return;
      const spec = asRecord(set['spec']);
      const desired = asNumber(spec['replicas'], 1);
      const parallel = spec['podManagementPolicy'] === 'Parallel';
      const revision = `${name}-${templateHash(spec['template'])}`;
      const involved = {
        kind: 'StatefulSet',
        namespace: ns,
        name,
        uid: set.metadata.uid ?? '',
        apiVersion: 'apps/v1',
      };
      const pods = claimPods(deps, set, spec['selector'], orphans).filter(isActive);
      const byOrdinal = new Map<number, LabObject>();
      for (const p of pods) byOrdinal.set(ordinalOf(name, p), p);
      let busy = false;
      for (let i = 0; i < desired; i++) {
        const existing = byOrdinal.get(i);
        if (existing) {
          if (!parallel && !isPodReady(existing)) busy = true;
          continue;
        }
        if (busy && !parallel) break;
        const podName = `${name}-${i}`;
        const pod = podFromTemplate(spec['template'], set, {
          name: podName,
          labels: {
            'statefulset.kubernetes.io/pod-name': podName,
            'apps.kubernetes.io/pod-index': String(i),
            'controller-revision-hash': revision,
          },
        });
        const podSpec = asRecord(pod['spec']);
        podSpec['hostname'] = podName;
        if (typeof spec['serviceName'] === 'string' && spec['serviceName'])
          podSpec['subdomain'] = spec['serviceName'];
        try {
          store.create(RT.pods, pod);
          events.record(
            involved,
            'Normal',
            'SuccessfulCreate',
            `create Pod ${podName} in StatefulSet ${name} successful`,
            SOURCE,
          );
        } catch (error) {
          events.record(
            involved,
            'Warning',
            'FailedCreate',
            `create Pod ${podName} in StatefulSet ${name} failed error: ${error instanceof Error ? error.message : String(error)}`,
            SOURCE,
          );
        }
        if (!parallel) break;
      }
      const extra = pods
        .filter((p) => ordinalOf(name, p) >= desired || ordinalOf(name, p) < 0)
        .sort((a, b) => ordinalOf(name, b) - ordinalOf(name, a));
      for (const p of parallel ? extra : extra.slice(0, 1)) {
        store.delete(RT.pods, ns, p.metadata.name ?? '');
        events.record(
          involved,
          'Normal',
          'SuccessfulDelete',
          `delete Pod ${p.metadata.name ?? ''} in StatefulSet ${name} successful`,
          SOURCE,
        );
      }
      const allReady = pods.length >= desired && pods.every(isPodReady);
      if (
        extra.length === 0 &&
        allReady &&
        asRecord(spec['updateStrategy'])['type'] !== 'OnDelete'
      ) {
        const outdated = pods
          .filter((p) => p.metadata.labels?.['controller-revision-hash'] !== revision)
          .sort((a, b) => ordinalOf(name, b) - ordinalOf(name, a))[0];
        if (outdated) {
          store.delete(RT.pods, ns, outdated.metadata.name ?? '');
          events.record(
            involved,
            'Normal',
            'SuccessfulDelete',
            `delete Pod ${outdated.metadata.name ?? ''} in StatefulSet ${name} successful`,
            SOURCE,
          );
        }
      }
      const now = clock.now();
      const current = ownedBy(store, set, RT.pods).filter(isActive);
      const updated = current.filter(
        (p) => p.metadata.labels?.['controller-revision-hash'] === revision,
      ).length;
      const status: Rec = {
        observedGeneration: set.metadata.generation ?? 1,
        replicas: current.length,
        readyReplicas: current.filter(isPodReady).length,
        currentReplicas: updated,
        updatedReplicas: updated,
        availableReplicas: current.filter((p) =>
          isPodAvailable(p, asNumber(spec['minReadySeconds'], 0), now),
        ).length,
        currentRevision: revision,
        updateRevision: revision,
        collisionCount: 0,
      };
      for (const k of ['readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas'])
        if (status[k] === 0) delete status[k];
      const fresh = store.getShared(RT.statefulsets, ns, name);
      if (fresh && !deepEqual(status, fresh['status']))
        store.updateStatus(RT.statefulsets, { ...fresh, status });
    },
  };
}
