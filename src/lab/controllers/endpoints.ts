/**
 * Endpoints and EndpointSlice controllers for Services with a selector: the pods that match
 * and have an IP become addresses (ready ones in `addresses`, others in
 * `notReadyAddresses`; slice endpoints with `conditions.ready/serving/terminating`), with the
 * Service's ports resolved against each pod (numeric or named targetPort). Services without
 * a selector are left to whoever manages their endpoints.
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
  deepEqual,
} from '../store/object-utils.js';
import { fromLabelMap, matchesLabels } from '../store/label-selector.js';
import type { Controller, ControllerDeps } from './types.js';
import { objectKey, splitKey } from './types.js';
import { controllerRef, isPodReady, isTerminal, type Rec } from './util.js';

const MANAGED_BY = 'endpointslice-controller.k8s.io';

interface ResolvedPort {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

function resolvePorts(svc: LabObject, pod: LabObject): ResolvedPort[] | undefined {
  const out: ResolvedPort[] = [];
  const containers = asArray(asRecord(pod['spec'])['containers']).map(asRecord);
  for (const p of asArray(asRecord(svc['spec'])['ports']).map(asRecord)) {
    const target = p['targetPort'] ?? p['port'];
    let port: number | undefined;
    if (typeof target === 'number') port = target;
    else if (typeof target === 'string' && /^\d+$/.test(target)) port = Number(target);
    else if (typeof target === 'string') {
      for (const c of containers) {
        const hit = asArray(c['ports'])
          .map(asRecord)
          .find((cp) => cp['name'] === target);
        if (hit) port = asNumber(hit['containerPort'], 0);
      }
    }
    if (port === undefined) return undefined;
    const rp: ResolvedPort = { port, protocol: asString(p['protocol'], 'TCP') };
    if (typeof p['name'] === 'string' && p['name'] !== '') rp.name = p['name'];
    if (typeof p['appProtocol'] === 'string') rp.appProtocol = p['appProtocol'];
    out.push(rp);
  }
  return out;
}

function podIP(pod: LabObject): string {
  return asString(asRecord(pod['status'])['podIP']);
}

function targetRef(pod: LabObject): Rec {
  return {
    kind: 'Pod',
    namespace: pod.metadata.namespace ?? '',
    name: pod.metadata.name ?? '',
    uid: pod.metadata.uid ?? '',
  };
}

/** Pods of a namespace indexed by label pair, so each Service looks only at plausible pods. */
class PodIndex {
  private readonly byLabel = new Map<string, LabObject[]>();
  constructor(private readonly pods: readonly LabObject[]) {
    for (const p of pods) {
      for (const [k, v] of Object.entries(p.metadata.labels ?? {})) {
        const key = `${k}=${v}`;
        const list = this.byLabel.get(key);
        if (list) list.push(p);
        else this.byLabel.set(key, [p]);
      }
    }
  }
  candidates(selector: Record<string, string>): readonly LabObject[] {
    const first = Object.entries(selector)[0];
    if (!first) return this.pods;
    return this.byLabel.get(`${first[0]}=${first[1]}`) ?? [];
  }
}

export function endpointsController(deps: ControllerDeps): Controller {
  const { store } = deps;
  // A pod change re-syncs the Services of its namespace (one key per namespace, deduplicated).
  const namespaceKey = (pod: LabObject): string[] => [`ns:${pod.metadata.namespace ?? ''}`];

  function syncEndpoints(
    svc: LabObject,
    groups: Map<string, { ports: ResolvedPort[]; pods: LabObject[] }>,
  ): void {
    const ns = svc.metadata.namespace ?? '';
    const name = svc.metadata.name ?? '';
    const publishNotReady = asRecord(svc['spec'])['publishNotReadyAddresses'] === true;
    const subsets: Rec[] = [];
    for (const g of groups.values()) {
      const addresses: Rec[] = [];
      const notReady: Rec[] = [];
      for (const pod of g.pods) {
        const addr: Rec = { ip: podIP(pod), targetRef: targetRef(pod) };
        const node = asString(asRecord(pod['spec'])['nodeName']);
        if (node) addr['nodeName'] = node;
        if (isPodReady(pod) || publishNotReady) addresses.push(addr);
        else notReady.push(addr);
      }
      const subset: Rec = {};
      if (addresses.length > 0) subset['addresses'] = addresses;
      if (notReady.length > 0) subset['notReadyAddresses'] = notReady;
      if (g.ports.length > 0) subset['ports'] = g.ports.map((p) => ({ ...p }));
      subsets.push(subset);
    }
    const labels = { ...(svc.metadata.labels ?? {}) };
    const existing = store.getShared(RT.endpoints, ns, name);
    if (!existing) {
      const ep: LabObject = {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name, namespace: ns, labels },
      };
      if (subsets.length > 0) ep['subsets'] = subsets;
      store.create(RT.endpoints, ep);
      return;
    }
    const copy = clone(existing) as LabObject;
    if (subsets.length > 0) copy['subsets'] = subsets;
    else delete copy['subsets'];
    copy.metadata.labels = labels;
    if (!deepEqual(copy, existing)) store.update(RT.endpoints, copy);
  }

  function syncSlices(
    svc: LabObject,
    groups: Map<string, { ports: ResolvedPort[]; pods: LabObject[] }>,
  ): void {
    const ns = svc.metadata.namespace ?? '';
    const name = svc.metadata.name ?? '';
    const publishNotReady = asRecord(svc['spec'])['publishNotReadyAddresses'] === true;
    const existing = store.listShared(RT.endpointslices, ns, {
      labelSelector: `kubernetes.io/service-name=${name},endpointslice.kubernetes.io/managed-by=${MANAGED_BY}`,
    }).items;
    const wanted: Rec[] = [];
    const groupList =
      groups.size > 0
        ? [...groups.values()]
        : [{ ports: resolvePortsForEmpty(svc), pods: [] as LabObject[] }];
    for (const g of groupList) {
      wanted.push({
        addressType: 'IPv4',
        endpoints: g.pods.map((pod) => {
          const ready = isPodReady(pod);
          const ep: Rec = {
            addresses: [podIP(pod)],
            conditions: { ready: ready || publishNotReady, serving: ready, terminating: false },
            targetRef: targetRef(pod),
          };
          const node = asString(asRecord(pod['spec'])['nodeName']);
          if (node) ep['nodeName'] = node;
          return ep;
        }),
        ports: g.ports.map((p) => ({ ...p })),
      });
    }
    const labels = {
      ...(svc.metadata.labels ?? {}),
      'kubernetes.io/service-name': name,
      'endpointslice.kubernetes.io/managed-by': MANAGED_BY,
    };
    wanted.forEach((body, i) => {
      const current = existing[i];
      if (current) {
        const copy = clone(current) as LabObject;
        Object.assign(copy, body);
        copy.metadata.labels = labels;
        if (!deepEqual(copy, current)) store.update(RT.endpointslices, copy);
      } else {
        store.create(RT.endpointslices, {
          apiVersion: 'discovery.k8s.io/v1',
          kind: 'EndpointSlice',
          metadata: {
            generateName: `${name}-`,
            namespace: ns,
            labels,
            ownerReferences: [controllerRef(svc)],
          },
          ...body,
        });
      }
    });
    for (const extra of existing.slice(wanted.length))
      store.delete(RT.endpointslices, ns, extra.metadata.name ?? '');
  }

  function resolvePortsForEmpty(svc: LabObject): ResolvedPort[] {
    return asArray(asRecord(svc['spec'])['ports'])
      .map(asRecord)
      .map((p) => {
        const rp: ResolvedPort = {
          port: typeof p['targetPort'] === 'number' ? p['targetPort'] : asNumber(p['port'], 0),
          protocol: asString(p['protocol'], 'TCP'),
        };
        if (typeof p['name'] === 'string' && p['name'] !== '') rp.name = p['name'];
        return rp;
      });
  }

  return {
    name: 'endpoints',
    triggers: [
      {
        type: RT.services,
        keys: (e) =>
          e.type === 'DELETED'
            ? [objectKey(e.object)]
            : [`ns:${e.object.metadata.namespace ?? ''}`],
      },
      { type: RT.pods, keys: (e) => namespaceKey(e.object) },
    ],
    initialKeys: () => [
      ...new Set(
        store
          .listShared(RT.services, undefined)
          .items.map((s) => `ns:${s.metadata.namespace ?? ''}`),
      ),
    ],
    sync(key) {
      if (key.startsWith('ns:')) {
        const ns = key.slice(3);
        const index = new PodIndex(store.listShared(RT.pods, ns).items);
        for (const svc of store.listShared(RT.services, ns).items) {
          syncService(ns, svc.metadata.name ?? '', index);
        }
        return;
      }
      const [ns, name] = splitKey(key);
      syncService(ns, name, undefined);
    },
  };

  function syncService(ns: string, name: string, index: PodIndex | undefined): void {
    const svc = store.getShared(RT.services, ns, name);
    if (!svc) {
      store.delete(RT.endpoints, ns, name);
      for (const s of store.listShared(RT.endpointslices, ns, {
        labelSelector: `kubernetes.io/service-name=${name},endpointslice.kubernetes.io/managed-by=${MANAGED_BY}`,
      }).items) {
        store.delete(RT.endpointslices, ns, s.metadata.name ?? '');
      }
      return;
    }
    const selectorMap = asStringMap(asRecord(svc['spec'])['selector']);
    if (Object.keys(selectorMap).length === 0) return;
    const selector = fromLabelMap(selectorMap);
    const pool = index ?? new PodIndex(store.listShared(RT.pods, ns).items);
    const pods = pool
      .candidates(selectorMap)
      .filter(
        (p) =>
          matchesLabels(selector, p.metadata.labels) &&
          podIP(p) !== '' &&
          !isTerminal(p) &&
          !p.metadata.deletionTimestamp,
      );
    const groups = new Map<string, { ports: ResolvedPort[]; pods: LabObject[] }>();
    for (const pod of pods) {
      const ports = resolvePorts(svc, pod);
      if (!ports) continue;
      const sig = JSON.stringify(ports);
      const g = groups.get(sig) ?? { ports, pods: [] };
      g.pods.push(pod);
      groups.set(sig, g);
    }
    syncEndpoints(svc, groups);
    syncSlices(svc, groups);
  }
}
