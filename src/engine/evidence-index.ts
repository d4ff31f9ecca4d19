/**
 * Lookups over an EvidenceBundle, built once per diagnosis: objects by kind/namespace/name,
 * events by involved object, pods by owner, Services and their endpoints by host name.
 * Namespaces may be unknown in pastes, so a lookup with an unknown namespace matches any.
 */
import type {
  ConfigMap,
  ContainerLog,
  Endpoints,
  EvidenceBundle,
  Item,
  KEvent,
  KubeObject,
  Node,
  Pod,
  RolloutHistory,
  SecretKeys,
  Service,
  TableRow,
  Workload,
} from '../evidence/types.js';

type ByKind<K extends KubeObject['kind']> = Extract<KubeObject, { kind: K }>;

const WORKLOAD_KINDS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
]);

export class EvidenceIndex {
  readonly bundle: EvidenceBundle;
  private readonly byKind = new Map<string, Item[]>();
  /** `kind/name` → items (any namespace): lookups stay O(1) on clusters of thousands of pods. */
  private readonly byName = new Map<string, Item[]>();
  /** involvedObject name → events. */
  private readonly eventsByObject = new Map<string, Item<KEvent>[]>();
  private readonly logsByPod = new Map<string, ContainerLog[]>();
  private nodeEventsCache: Item<KEvent>[] | undefined;
  private eventsByReason: Map<string, Item<KEvent>[]> | undefined;
  private podsByFamily: Map<string, Item<Pod>[]> | undefined;

  constructor(bundle: EvidenceBundle) {
    this.bundle = bundle;
    for (const item of bundle.items) {
      const o = item.object;
      push(this.byKind, o.kind, item);
      if (o.kind === 'Event')
        push(this.eventsByObject, o.involvedObject.name ?? '', item as Item<KEvent>);
      else if (o.kind !== 'RolloutHistory' && o.kind !== 'TableRow' && o.metadata.name)
        push(this.byName, `${o.kind}/${o.metadata.name}`, item);
    }
    for (const log of bundle.logs) if (log.pod) push(this.logsByPod, log.pod, log);
  }

  all<K extends KubeObject['kind']>(kind: K): Item<ByKind<K>>[] {
    return (this.byKind.get(kind) ?? []) as Item<ByKind<K>>[];
  }

  find<K extends KubeObject['kind']>(
    kind: K,
    name: string | undefined,
    namespace?: string,
  ): Item<ByKind<K>> | undefined {
    if (!name) return undefined;
    const matches = (this.byName.get(`${kind}/${name}`) ?? []) as Item<ByKind<K>>[];
    return (
      matches.find((i) =>
        sameNamespace(
          (i.object as { metadata: { namespace?: string } }).metadata.namespace,
          namespace,
          true,
        ),
      ) ??
      matches.find((i) =>
        sameNamespace(
          (i.object as { metadata: { namespace?: string } }).metadata.namespace,
          namespace,
        ),
      )
    );
  }

  pods(): Item<Pod>[] {
    return this.all('Pod');
  }

  configMap(name: string | undefined, namespace?: string): Item<ConfigMap> | undefined {
    return this.find('ConfigMap', name, namespace);
  }

  secret(name: string | undefined, namespace?: string): Item<SecretKeys> | undefined {
    return this.find('Secret', name, namespace);
  }

  node(name: string | undefined): Item<Node> | undefined {
    return this.find('Node', name);
  }

  workload(kind: string, name: string | undefined, namespace?: string): Item<Workload> | undefined {
    if (!WORKLOAD_KINDS.has(kind)) return undefined;
    return this.find(kind as Workload['kind'], name, namespace) as Item<Workload> | undefined;
  }

  /** Workloads of any kind (Deployments, ReplicaSets...) in a namespace. */
  workloads(): Item<Workload>[] {
    return [...WORKLOAD_KINDS].flatMap((k) => this.all(k as Workload['kind'])) as Item<Workload>[];
  }

  rolloutHistory(name: string | undefined, namespace?: string): Item<RolloutHistory> | undefined {
    if (!name) return undefined;
    return this.all('RolloutHistory').find(
      (i) => i.object.name === name && sameNamespace(i.object.namespace, namespace),
    );
  }

  tableRows(resource?: string): Item<TableRow>[] {
    return this.all('TableRow').filter((i) => !resource || i.object.resource === resource);
  }

  /** Events whose involved object is this kind/name (kind optional). */
  eventsFor(name: string | undefined, kind?: string, namespace?: string): Item<KEvent>[] {
    if (!name) return [];
    return (this.eventsByObject.get(name) ?? []).filter(
      (i) =>
        (!kind || !i.object.involvedObject.kind || i.object.involvedObject.kind === kind) &&
        sameNamespace(i.object.involvedObject.namespace ?? i.object.metadata.namespace, namespace),
    );
  }

  events(): Item<KEvent>[] {
    return this.all('Event');
  }

  /** Every item of a kind with this name (any namespace). */
  named<K extends KubeObject['kind']>(kind: K, name: string): Item<ByKind<K>>[] {
    return (this.byName.get(`${kind}/${name}`) ?? []) as Item<ByKind<K>>[];
  }

  /** Events with this reason, from an index built on first use. */
  eventsWithReason(reason: string): Item<KEvent>[] {
    if (!this.eventsByReason) {
      this.eventsByReason = new Map();
      for (const e of this.all('Event')) push(this.eventsByReason, e.object.reason ?? '', e);
    }
    return this.eventsByReason.get(reason) ?? [];
  }

  /**
   * Pods of one family: `<replicaset>-xxxxx` for a ReplicaSet's pods, `<statefulset>-N` for a
   * StatefulSet's, indexed on first use.
   */
  podsOfFamily(family: string): Item<Pod>[] {
    if (!this.podsByFamily) {
      this.podsByFamily = new Map();
      for (const p of this.pods()) {
        const name = p.object.metadata.name ?? '';
        const m = /^(.+)-(?:[a-z0-9]{5}|\d+)$/.exec(name);
        if (m?.[1]) push(this.podsByFamily, m[1], p);
      }
    }
    return this.podsByFamily.get(family) ?? [];
  }

  /** Events about Nodes (SystemOOM, NodeNotReady...), computed once. */
  nodeEvents(): Item<KEvent>[] {
    this.nodeEventsCache ??= this.all('Event').filter(
      (e) => e.object.involvedObject.kind === 'Node',
    );
    return this.nodeEventsCache;
  }

  /**
   * The Service a host name points at: `redis`, `redis.ns`, `redis.ns.svc`,
   * `redis.ns.svc.cluster.local`, or a cluster IP.
   */
  serviceForHost(
    host: string,
    namespace?: string,
  ):
    | { name: string; namespace?: string; service?: Item<Service>; endpoints?: Item<Endpoints> }
    | undefined {
    const h = host.toLowerCase().replace(/\.$/, '');
    let name: string | undefined;
    let ns: string | undefined = namespace;
    const svcMatch = /^([a-z0-9-]+)(?:\.([a-z0-9-]+))?(?:\.svc(?:\.[a-z0-9.-]+)?)?$/.exec(h);
    const byIp = this.all('Service').find((s) => s.object.spec?.clusterIP === h);
    if (byIp) {
      name = byIp.object.metadata.name;
      ns = byIp.object.metadata.namespace ?? ns;
    } else if (svcMatch && !/^\d+$/.test(svcMatch[1] ?? '')) {
      name = svcMatch[1];
      if (svcMatch[2]) ns = svcMatch[2];
    }
    // A StatefulSet pod's DNS name: `<pod>.<headless-service>[.<ns>.svc...]`.
    const pet =
      /^([a-z0-9-]+-\d+)\.([a-z0-9-]+)(?:\.([a-z0-9-]+))?(?:\.svc(?:\.[a-z0-9.-]+)?)?$/.exec(h);
    if (
      pet?.[2] &&
      (this.find('Service', pet[2], pet[3] ?? namespace) ||
        this.endpointsFor(pet[2], pet[3] ?? namespace))
    ) {
      name = pet[2];
      ns = pet[3] ?? namespace;
    }
    if (!name) return undefined;
    const service = this.find('Service', name, ns);
    const endpoints = this.endpointsFor(name, ns);
    if (!service && !endpoints) return { name, ...(ns ? { namespace: ns } : {}) };
    return {
      name,
      ...(ns ? { namespace: ns } : {}),
      ...(service ? { service } : {}),
      ...(endpoints ? { endpoints } : {}),
    };
  }

  endpointsFor(serviceName: string, namespace?: string): Item<Endpoints> | undefined {
    return this.all('Endpoints').find(
      (i) =>
        (i.object.serviceName ?? i.object.metadata.name) === serviceName &&
        sameNamespace(i.object.metadata.namespace, namespace),
    );
  }

  /** Pods whose name or labels say they back a Service (by selector or by name prefix). */
  podsForService(
    service: Item<Service> | undefined,
    serviceName: string,
    namespace?: string,
  ): Item<Pod>[] {
    const selector = service?.object.spec?.selector;
    return this.pods().filter((p) => {
      if (!sameNamespace(p.object.metadata.namespace, namespace)) return false;
      if (selector && Object.keys(selector).length > 0) {
        const labels = p.object.metadata.labels ?? {};
        return Object.entries(selector).every(([k, v]) => labels[k] === v);
      }
      return (p.object.metadata.name ?? '').startsWith(`${serviceName}-`);
    });
  }

  logsFor(pod: string | undefined, namespace?: string): ContainerLog[] {
    if (pod === undefined) return [];
    return (this.logsByPod.get(pod) ?? []).filter((l) => sameNamespace(l.namespace, namespace));
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Namespaces match when equal, or (unless strict) when either is unknown. */
export function sameNamespace(
  a: string | undefined,
  b: string | undefined,
  strict = false,
): boolean {
  if (a === undefined || b === undefined) return !strict || a === b;
  return a === b;
}
