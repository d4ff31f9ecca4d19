/**
 * The Deployment controller, after `pkg/controller/deployment`: one ReplicaSet per pod
 * template (named `<deployment>-<pod-template-hash>`, FNV-32a of the template in the safe
 * alphabet), revision annotations (`deployment.kubernetes.io/revision`, `revision-history`
 * when an old template comes back through `rollout undo`, `desired-replicas`,
 * `max-replicas`, the Deployment's other annotations such as `kubernetes.io/change-cause`),
 * RollingUpdate with maxSurge/maxUnavailable counted on available pods, Recreate, pause,
 * `revisionHistoryLimit` pruning, `ScalingReplicaSet` events, and status with the real
 * Progressing/Available conditions including `ProgressDeadlineExceeded`.
 */
import type { LabObject } from '../store/types.js';
import { RT } from '../store/resource-types.js';
import {
  asNumber,
  asRecord,
  asStringMap,
  clone,
  deepEqual,
  formatTime,
  isPlainObject,
  parseTime,
} from '../store/object-utils.js';
import { fnv32a, safeEncodeNumber } from '../store/names.js';
import { fromLabelSelectorObject, matchesLabels } from '../store/label-selector.js';
import type { Controller, ControllerDeps } from './types.js';
import { objectKey, queueKey, splitKey } from './types.js';
import {
  controllerOf,
  controllerRef,
  getCondition,
  isControlledBy,
  ownedBy,
  removeCondition,
  resolveIntOrPercent,
  setCondition,
  type Rec,
} from './util.js';

const SOURCE = { component: 'deployment-controller' };
export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
const NOT_COPIED = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  REVISION_HISTORY,
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  'deprecated.deployment.rollback.to',
]);

/**
 * Sorted keys, and null / empty maps / empty lists dropped: the API compares templates as Go
 * structs (`apiequality.Semantic`), where those are all the zero value — `kubectl rollout
 * undo` sends back templates with `creationTimestamp: null` that must match the original.
 */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (isPlainObject(value)) {
    const out: Rec = {};
    for (const k of Object.keys(value).sort()) {
      const v = canonical(value[k]);
      if (v === undefined || v === null) continue;
      if (Array.isArray(v) && v.length === 0) continue;
      if (isPlainObject(v) && Object.keys(v).length === 0) continue;
      out[k] = v;
    }
    return out;
  }
  return value;
}

/** `pod-template-hash`: FNV-32a over the canonical template JSON (+ collisionCount). */
export function templateHash(template: unknown, collisionCount = 0): string {
  const text =
    JSON.stringify(canonical(template)) + (collisionCount > 0 ? String(collisionCount) : '');
  return safeEncodeNumber(fnv32a(text));
}

function withoutHash(template: unknown): unknown {
  const t = clone(asRecord(template));
  const meta = asRecord(t['metadata']);
  const labels = asStringMap(meta['labels']);
  delete labels['pod-template-hash'];
  if (isPlainObject(t['metadata'])) meta['labels'] = labels;
  return t;
}

/** `EqualIgnoreHash`: templates equal apart from the pod-template-hash label. */
export function templatesEqual(a: unknown, b: unknown): boolean {
  return deepEqual(canonical(withoutHash(a)), canonical(withoutHash(b)));
}

function revisionOf(rs: LabObject): number {
  const n = Number(rs.metadata.annotations?.[REVISION] ?? '0');
  return Number.isFinite(n) ? n : 0;
}

function replicas(obj: LabObject): number {
  return asNumber(asRecord(obj['spec'])['replicas'], 1);
}

function statusNum(obj: LabObject, field: string): number {
  return asNumber(asRecord(obj['status'])[field], 0);
}

interface Strategy {
  recreate: boolean;
  maxSurge: number;
  maxUnavailable: number;
}

export function strategyOf(d: LabObject): Strategy {
  const spec = asRecord(d['spec']);
  const strategy = asRecord(spec['strategy']);
  const desired = replicas(d);
  if (strategy['type'] === 'Recreate') return { recreate: true, maxSurge: 0, maxUnavailable: 0 };
  const ru = asRecord(strategy['rollingUpdate']);
  const surge = resolveIntOrPercent(ru['maxSurge'] ?? '25%', desired, true);
  let unavailable = resolveIntOrPercent(ru['maxUnavailable'] ?? '25%', desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { recreate: false, maxSurge: surge, maxUnavailable: Math.min(unavailable, desired) };
}

export function deploymentController(deps: ControllerDeps): Controller {
  const { store, events, clock } = deps;

  const involvedOf = (d: LabObject) => ({
    kind: 'Deployment',
    namespace: d.metadata.namespace ?? '',
    name: d.metadata.name ?? '',
    uid: d.metadata.uid ?? '',
    apiVersion: 'apps/v1',
  });

  function scaleReplicaSet(d: LabObject, rs: LabObject, newScale: number): LabObject {
    const old = replicas(rs);
    const copy = clone(rs) as LabObject;
    asRecord(copy['spec'])['replicas'] = newScale;
    const ann = { ...(copy.metadata.annotations ?? {}) };
    ann[DESIRED_REPLICAS] = String(replicas(d));
    ann[MAX_REPLICAS] = String(replicas(d) + strategyOf(d).maxSurge);
    copy.metadata.annotations = ann;
    delete copy.metadata.resourceVersion;
    const updated = store.update(RT.replicasets, copy);
    if (old !== newScale) {
      const op = newScale > old ? 'up' : 'down';
      events.record(
        involvedOf(d),
        'Normal',
        'ScalingReplicaSet',
        `Scaled ${op} replica set ${rs.metadata.name ?? ''} to ${newScale} from ${old}`,
        SOURCE,
      );
    }
    return updated;
  }

  function newReplicasCount(d: LabObject, all: LabObject[], newRS: LabObject | undefined): number {
    const s = strategyOf(d);
    const desired = replicas(d);
    if (s.recreate) return desired;
    const current = all.reduce((n, rs) => n + replicas(rs), 0);
    const maxTotal = desired + s.maxSurge;
    const base = newRS ? replicas(newRS) : 0;
    if (current >= maxTotal) return base;
    return base + Math.min(maxTotal - current, desired - base);
  }

  /** Finds or creates the ReplicaSet of the current template and brings its annotations up to date. */
  function getNewReplicaSet(
    d: LabObject,
    rsList: LabObject[],
    create: boolean,
    status: Rec,
  ): LabObject | undefined {
    const spec = asRecord(d['spec']);
    const existing = rsList.find((rs) =>
      templatesEqual(asRecord(rs['spec'])['template'], spec['template']),
    );
    const olds = rsList.filter((rs) => rs !== existing);
    const newRevision = olds.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0) + 1;
    const copied: Record<string, string> = {};
    for (const [k, v] of Object.entries(d.metadata.annotations ?? {}))
      if (!NOT_COPIED.has(k)) copied[k] = v;
    if (existing) {
      const ann = { ...(existing.metadata.annotations ?? {}), ...copied };
      const oldRevision = existing.metadata.annotations?.[REVISION];
      if (revisionOf(existing) < newRevision) {
        ann[REVISION] = String(newRevision);
        if (oldRevision) {
          const history = existing.metadata.annotations?.[REVISION_HISTORY];
          ann[REVISION_HISTORY] = history ? `${history},${oldRevision}` : oldRevision;
        }
      }
      ann[DESIRED_REPLICAS] = String(replicas(d));
      ann[MAX_REPLICAS] = String(replicas(d) + strategyOf(d).maxSurge);
      let rs = existing;
      const minReady = asNumber(spec['minReadySeconds'], 0);
      if (
        !deepEqual(ann, existing.metadata.annotations ?? {}) ||
        asNumber(asRecord(existing['spec'])['minReadySeconds'], 0) !== minReady
      ) {
        const copy = clone(existing) as LabObject;
        copy.metadata.annotations = ann;
        asRecord(copy['spec'])['minReadySeconds'] = minReady;
        delete copy.metadata.resourceVersion;
        rs = store.update(RT.replicasets, copy);
      }
      if (!getCondition(status, 'Progressing')) {
        setCondition(
          status,
          {
            type: 'Progressing',
            status: 'True',
            reason: 'FoundNewReplicaSet',
            message: `Found new replica set "${rs.metadata.name ?? ''}"`,
          },
          formatTime(clock.now()),
          true,
        );
      }
      return rs;
    }
    if (!create) return undefined;
    const collision = asNumber(asRecord(d['status'])['collisionCount'], 0);
    const hash = templateHash(spec['template'], collision);
    const template = clone(asRecord(spec['template']));
    const tmeta = asRecord(template['metadata']);
    tmeta['labels'] = { ...asStringMap(tmeta['labels']), 'pod-template-hash': hash };
    template['metadata'] = tmeta;
    const selector = clone(asRecord(spec['selector']));
    selector['matchLabels'] = {
      ...asStringMap(selector['matchLabels']),
      'pod-template-hash': hash,
    };
    const count = newReplicasCount(d, rsList, undefined);
    const name = `${d.metadata.name ?? ''}-${hash}`;
    const rs: LabObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name,
        namespace: d.metadata.namespace ?? 'default',
        labels: asStringMap(tmeta['labels']),
        annotations: {
          ...copied,
          [REVISION]: String(newRevision),
          [DESIRED_REPLICAS]: String(replicas(d)),
          [MAX_REPLICAS]: String(replicas(d) + strategyOf(d).maxSurge),
        },
        ownerReferences: [controllerRef(d)],
      },
      spec: {
        replicas: count,
        minReadySeconds: asNumber(spec['minReadySeconds'], 0),
        selector,
        template,
      },
    };
    let created: LabObject;
    try {
      created = store.create(RT.replicasets, rs);
    } catch (error) {
      const clash = store.getShared(RT.replicasets, d.metadata.namespace, name);
      if (clash && !isControlledBy(clash, d)) {
        // A hash collision with a foreign ReplicaSet: bump collisionCount, retry next sync.
        status['collisionCount'] = collision + 1;
        return undefined;
      }
      const message = error instanceof Error ? error.message : String(error);
      setCondition(
        status,
        {
          type: 'Progressing',
          status: 'False',
          reason: 'ReplicaSetCreateError',
          message: `Failed to create new replica set "${name}": ${message}`,
        },
        formatTime(clock.now()),
        true,
      );
      events.record(
        involvedOf(d),
        'Warning',
        'FailedCreate',
        `Failed to create new replica set "${name}": ${message}`,
        SOURCE,
      );
      return undefined;
    }
    if (count > 0)
      events.record(
        involvedOf(d),
        'Normal',
        'ScalingReplicaSet',
        `Scaled up replica set ${name} to ${count}`,
        SOURCE,
      );
    setCondition(
      status,
      {
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetCreated',
        message: `Created new replica set "${name}"`,
      },
      formatTime(clock.now()),
      true,
    );
    return created;
  }

  function rolloutRolling(d: LabObject, newRS: LabObject | undefined, olds: LabObject[]): void {
    const s = strategyOf(d);
    const desired = replicas(d);
    let current = newRS;
    if (current) {
      const r = replicas(current);
      if (r > desired) current = scaleReplicaSet(d, current, desired);
      else if (r < desired) {
        const next = newReplicasCount(d, [current, ...olds], current);
        if (next !== r) current = scaleReplicaSet(d, current, next);
      }
    }
    const oldCount = olds.reduce((n, rs) => n + replicas(rs), 0);
    if (oldCount === 0) return;
    const all = current ? [current, ...olds] : olds;
    const allCount = all.reduce((n, rs) => n + replicas(rs), 0);
    const minAvailable = desired - s.maxUnavailable;
    const newUnavailable = current
      ? replicas(current) - statusNum(current, 'availableReplicas')
      : 0;
    const maxScaledDown = allCount - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return;
    const sorted = [...olds].sort(
      (a, b) =>
        (parseTime(a.metadata.creationTimestamp)?.getTime() ?? 0) -
        (parseTime(b.metadata.creationTimestamp)?.getTime() ?? 0),
    );
    let scaled = 0;
    const after = new Map<string, LabObject>();
    for (const rs of sorted) {
      if (scaled >= maxScaledDown) break;
      const r = replicas(rs);
      if (r === 0) continue;
      const unhealthy = r - statusNum(rs, 'availableReplicas');
      if (unhealthy <= 0) continue;
      const down = Math.min(maxScaledDown - scaled, unhealthy);
      after.set(rs.metadata.name ?? '', scaleReplicaSet(d, rs, r - down));
      scaled += down;
    }
    const olds2 = sorted.map((rs) => after.get(rs.metadata.name ?? '') ?? rs);
    const available = [...(current ? [current] : []), ...olds2].reduce(
      (n, rs) => n + statusNum(rs, 'availableReplicas'),
      0,
    );
    if (available <= minAvailable) return;
    const total = available - minAvailable;
    let down2 = 0;
    for (const rs of olds2) {
      if (down2 >= total) break;
      const r = replicas(rs);
      if (r === 0) continue;
      const n = Math.min(r, total - down2);
      scaleReplicaSet(d, rs, r - n);
      down2 += n;
    }
  }

  function rolloutRecreate(d: LabObject, rsList: LabObject[], status: Rec): void {
    let newRS = getNewReplicaSet(d, rsList, false, status);
    const olds = rsList.filter((rs) => rs !== newRS);
    let scaledDown = false;
    for (const rs of olds) {
      if (replicas(rs) > 0) {
        scaleReplicaSet(d, rs, 0);
        scaledDown = true;
      }
    }
    if (scaledDown) return;
    const oldPods = olds.some((rs) =>
      ownedBy(store, rs, RT.pods).some(
        (p) =>
          asRecord(p['status'])['phase'] !== 'Failed' &&
          asRecord(p['status'])['phase'] !== 'Succeeded',
      ),
    );
    if (oldPods) return;
    if (!newRS) newRS = getNewReplicaSet(d, rsList, true, status);
    if (newRS && replicas(newRS) !== replicas(d)) scaleReplicaSet(d, newRS, replicas(d));
  }

  function cleanup(d: LabObject, olds: LabObject[]): void {
    const limit = asRecord(d['spec'])['revisionHistoryLimit'];
    if (typeof limit !== 'number') return;
    const alive = olds.filter((rs) => !rs.metadata.deletionTimestamp);
    const diff = alive.length - limit;
    if (diff <= 0) return;
    const sorted = [...alive].sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of sorted.slice(0, diff)) {
      const fresh = store.getShared(RT.replicasets, rs.metadata.namespace, rs.metadata.name ?? '');
      if (!fresh || replicas(fresh) !== 0 || statusNum(fresh, 'replicas') !== 0) continue;
      if ((fresh.metadata.generation ?? 0) > statusNum(fresh, 'observedGeneration')) continue;
      store.delete(RT.replicasets, fresh.metadata.namespace, fresh.metadata.name ?? '');
    }
  }

  function syncStatus(
    d: LabObject,
    status: Rec,
    paused: boolean,
  ): { requeueAfterMs: number } | undefined {
    const now = clock.now();
    const nowText = formatTime(now);
    const ns = d.metadata.namespace;
    const owned = ownedBy(store, d, RT.replicasets);
    const spec = asRecord(d['spec']);
    const newRS = owned.find((rs) =>
      templatesEqual(asRecord(rs['spec'])['template'], spec['template']),
    );
    const desired = replicas(d);
    const sum = (f: string): number => owned.reduce((n, rs) => n + statusNum(rs, f), 0);
    const next: Rec = { ...status };
    next['observedGeneration'] = d.metadata.generation ?? 1;
    next['replicas'] = sum('replicas');
    next['updatedReplicas'] = newRS ? statusNum(newRS, 'replicas') : 0;
    next['readyReplicas'] = sum('readyReplicas');
    next['availableReplicas'] = sum('availableReplicas');
    next['unavailableReplicas'] = Math.max(desired - sum('availableReplicas'), 0);
    const s = strategyOf(d);
    if (asNumber(next['availableReplicas'], 0) >= desired - s.maxUnavailable) {
      setCondition(
        next,
        {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
        },
        nowText,
        true,
      );
    } else {
      setCondition(
        next,
        {
          type: 'Available',
          status: 'False',
          reason: 'MinimumReplicasUnavailable',
          message: 'Deployment does not have minimum availability.',
        },
        nowText,
        true,
      );
    }
    const oldStatus = asRecord(d['status']);
    const progressing = getCondition(next, 'Progressing');
    const deadline = spec['progressDeadlineSeconds'];
    let requeue: number | undefined;
    if (paused) {
      setCondition(
        next,
        {
          type: 'Progressing',
          status: 'Unknown',
          reason: 'DeploymentPaused',
          message: 'Deployment is paused',
        },
        nowText,
        true,
      );
    } else if (typeof deadline === 'number') {
      if (progressing?.['reason'] === 'DeploymentPaused') {
        setCondition(
          next,
          {
            type: 'Progressing',
            status: 'Unknown',
            reason: 'DeploymentResumed',
            message: 'Deployment is resumed',
          },
          nowText,
          true,
        );
      }
      const rsName = newRS?.metadata.name ?? '';
      const num = (r: Rec, f: string): number => asNumber(r[f], 0);
      const complete =
        num(next, 'updatedReplicas') === desired &&
        num(next, 'replicas') === desired &&
        num(next, 'availableReplicas') === desired &&
        num(next, 'observedGeneration') >= (d.metadata.generation ?? 1);
      const alreadyComplete =
        num(next, 'replicas') === num(next, 'updatedReplicas') &&
        getCondition(next, 'Progressing')?.['reason'] === 'NewReplicaSetAvailable';
      const progressed =
        num(next, 'updatedReplicas') > num(oldStatus, 'updatedReplicas') ||
        num(next, 'replicas') - num(next, 'updatedReplicas') <
          num(oldStatus, 'replicas') - num(oldStatus, 'updatedReplicas') ||
        num(next, 'readyReplicas') > num(oldStatus, 'readyReplicas') ||
        num(next, 'availableReplicas') > num(oldStatus, 'availableReplicas');
      if (!alreadyComplete) {
        const cur = getCondition(next, 'Progressing');
        if (complete) {
          setCondition(
            next,
            {
              type: 'Progressing',
              status: 'True',
              reason: 'NewReplicaSetAvailable',
              message: `ReplicaSet "${rsName}" has successfully progressed.`,
            },
            nowText,
            true,
          );
        } else if (progressed) {
          const transition = cur && cur['status'] === 'True' ? cur['lastTransitionTime'] : nowText;
          removeCondition(next, 'Progressing');
          next['conditions'] = [
            ...(next['conditions'] as Rec[]),
            {
              type: 'Progressing',
              status: 'True',
              lastUpdateTime: nowText,
              lastTransitionTime: transition,
              reason: 'ReplicaSetUpdated',
              message: `ReplicaSet "${rsName}" is progressing.`,
            },
          ];
        } else if (cur && cur['reason'] !== 'ProgressDeadlineExceeded') {
          const from = parseTime(cur['lastUpdateTime']) ?? now;
          const dueAt = from.getTime() + deadline * 1000;
          if (dueAt < now.getTime()) {
            setCondition(
              next,
              {
                type: 'Progressing',
                status: 'False',
                reason: 'ProgressDeadlineExceeded',
                message: `ReplicaSet "${rsName}" has timed out progressing.`,
              },
              nowText,
              true,
            );
            events.record(
              involvedOf(d),
              'Warning',
              'ProgressDeadlineExceeded',
              `Deployment "${d.metadata.name ?? ''}" has timed out progressing.`,
              SOURCE,
            );
          } else {
            requeue = clock.toRealMs((dueAt - now.getTime()) / 1000) + 50;
          }
        }
        if (
          !complete &&
          getCondition(next, 'Progressing')?.['reason'] !== 'ProgressDeadlineExceeded' &&
          requeue === undefined
        ) {
          requeue = clock.toRealMs(deadline) + 50;
        }
      }
    }
    for (const k of [
      'replicas',
      'updatedReplicas',
      'readyReplicas',
      'availableReplicas',
      'unavailableReplicas',
      'collisionCount',
    ]) {
      if (next[k] === 0) delete next[k];
    }
    const current = store.getShared(RT.deployments, ns, d.metadata.name ?? '');
    if (current && !deepEqual(next, current['status']))
      store.updateStatus(RT.deployments, { ...current, status: next });
    return requeue !== undefined ? { requeueAfterMs: requeue } : undefined;
  }

  return {
    name: 'deployment',
    triggers: [
      {
        type: RT.deployments,
        keys: (e) => [objectKey(e.object)],
      },
      {
        type: RT.replicasets,
        keys: (e) => {
          const ref = controllerOf(e.object);
          return ref && ref.kind === 'Deployment'
            ? [queueKey(e.object.metadata.namespace, ref.name)]
            : [];
        },
      },
      {
        type: RT.pods,
        keys: (e) => {
          // Recreate waits for old pods to be gone.
          if (e.type !== 'DELETED') return [];
          const hash = e.object.metadata.labels?.['pod-template-hash'];
          const ref = controllerOf(e.object);
          if (!hash || !ref || ref.kind !== 'ReplicaSet') return [];
          const rs = store.getShared(RT.replicasets, e.object.metadata.namespace, ref.name);
          const owner = rs ? controllerOf(rs) : undefined;
          return owner && owner.kind === 'Deployment'
            ? [queueKey(e.object.metadata.namespace, owner.name)]
            : [];
        },
      },
    ],
    initialKeys: () => store.listShared(RT.deployments, undefined).items.map((d) => objectKey(d)),
    sync(key) {
      const [ns, name] = splitKey(key);
      let d = store.getShared(RT.deployments, ns, name);
      if (!d || d.metadata.deletionTimestamp) return;
      const spec = asRecord(d['spec']);
      const selector = fromLabelSelectorObject(spec['selector']);
      let rsList = ownedBy(store, d, RT.replicasets);
      // Adopt orphaned ReplicaSets that match the selector (on the first sync only: it scans).
      const firstSync = asRecord(d['status'])['observedGeneration'] === undefined;
      for (const rs of firstSync ? store.listShared(RT.replicasets, ns).items : []) {
        if (
          controllerOf(rs) ||
          !selector ||
          selector.length === 0 ||
          !matchesLabels(selector, rs.metadata.labels)
        )
          continue;
        const copy = clone(rs) as LabObject;
        copy.metadata.ownerReferences = [
          ...(copy.metadata.ownerReferences ?? []),
          controllerRef(d),
        ];
        delete copy.metadata.resourceVersion;
        rsList = [...rsList, store.update(RT.replicasets, copy)];
      }
      const status: Rec = clone(asRecord(d['status']));
      const paused = spec['paused'] === true;
      const s = strategyOf(d);
      let newRS: LabObject | undefined;
      if (s.recreate && !paused) {
        rolloutRecreate(d, rsList, status);
        newRS = ownedBy(store, d, RT.replicasets).find((rs) =>
          templatesEqual(asRecord(rs['spec'])['template'], spec['template']),
        );
      } else {
        newRS = getNewReplicaSet(d, rsList, !paused, status);
        if (!paused) {
          const olds = ownedBy(store, d, RT.replicasets).filter(
            (rs) => rs.metadata.name !== newRS?.metadata.name,
          );
          rolloutRolling(d, newRS, olds);
        }
      }
      // The Deployment shows the revision of its current ReplicaSet.
      const revision = newRS?.metadata.annotations?.[REVISION];
      d = store.getShared(RT.deployments, ns, name) ?? d;
      if (revision && d.metadata.annotations?.[REVISION] !== revision) {
        const copy = clone(d) as LabObject;
        copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}), [REVISION]: revision };
        delete copy.metadata.resourceVersion;
        d = store.update(RT.deployments, copy);
      }
      const owned = ownedBy(store, d, RT.replicasets);
      const olds = owned.filter((rs) => rs.metadata.name !== newRS?.metadata.name);
      const complete =
        newRS !== undefined &&
        statusNum(newRS, 'availableReplicas') === replicas(d) &&
        olds.every((rs) => replicas(rs) === 0);
      if (complete || paused) cleanup(d, olds);
      return syncStatus(d, status, paused);
    },
  };
}
