/**
 * What discovery says about each resource (singular name, short names, categories, verbs,
 * subresources), and the API-visible resource types, including views whose data lives
 * elsewhere: `events.k8s.io/v1` events are the core/v1 events under other field names.
 */
import type { ObjectStore, ResourceType } from '../store/types.js';
import { RT, groupResource } from '../store/resource-types.js';

export interface Subresource {
  name: string;
  kind: string;
  group?: string;
  version?: string;
  verbs: string[];
}

export interface ApiResource {
  /** The type as the API shows it (group, version, kind). */
  type: ResourceType;
  /** Where its objects are stored. */
  storage: ResourceType;
  singular: string;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  subresources: Subresource[];
}

const ALL_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];
const STATUS: Subresource = { name: 'status', kind: '', verbs: ['get', 'patch', 'update'] };
const SCALE: Subresource = {
  name: 'scale',
  kind: 'Scale',
  group: 'autoscaling',
  version: 'v1',
  verbs: ['get', 'patch', 'update'],
};

interface Extra {
  short?: string[];
  categories?: string[];
  sub?: Subresource[];
}

const EXTRAS: Record<string, Extra> = {
  namespaces: { short: ['ns'], sub: [STATUS, { name: 'finalize', kind: '', verbs: ['update'] }] },
  nodes: { short: ['no'], sub: [STATUS] },
  pods: {
    short: ['po'],
    categories: ['all'],
    sub: [
      STATUS,
      { name: 'log', kind: '', verbs: ['get'] },
      { name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] },
    ],
  },
  events: { short: ['ev'] },
  configmaps: { short: ['cm'] },
  secrets: {},
  services: { short: ['svc'], categories: ['all'], sub: [STATUS] },
  endpoints: { short: ['ep'] },
  serviceaccounts: { short: ['sa'] },
  resourcequotas: { short: ['quota'], sub: [STATUS] },
  limitranges: { short: ['limits'] },
  persistentvolumeclaims: { short: ['pvc'], sub: [STATUS] },
  'apps/deployments': { short: ['deploy'], categories: ['all'], sub: [STATUS, SCALE] },
  'apps/replicasets': { short: ['rs'], categories: ['all'], sub: [STATUS, SCALE] },
  'apps/statefulsets': { short: ['sts'], categories: ['all'], sub: [STATUS, SCALE] },
  'apps/daemonsets': { short: ['ds'], categories: ['all'], sub: [STATUS] },
  'batch/jobs': { categories: ['all'], sub: [STATUS] },
  'discovery.k8s.io/endpointslices': {},
  'coordination.k8s.io/leases': {},
};

function singularOf(kind: string): string {
  return kind.toLowerCase();
}

export const EVENTS_V1: ResourceType = Object.freeze({
  group: 'events.k8s.io',
  version: 'v1',
  resource: 'events',
  kind: 'Event',
  namespaced: true,
});

/** Every resource the API serves, derived from what the store holds. */
export function apiResources(store: ObjectStore): ApiResource[] {
  const out: ApiResource[] = [];
  for (const type of store.types()) {
    const extra = EXTRAS[groupResource(type)] ?? {};
    out.push({
      type,
      storage: type,
      singular: singularOf(type.kind),
      shortNames: extra.short ?? [],
      categories: extra.categories ?? [],
      verbs: ALL_VERBS,
      subresources: (extra.sub ?? []).map((s) => ({ ...s, kind: s.kind || type.kind })),
    });
  }
  if (store.typeOf('', 'events')) {
    out.push({
      type: EVENTS_V1,
      storage: RT.events,
      singular: 'event',
      shortNames: ['ev'],
      categories: [],
      verbs: ALL_VERBS,
      subresources: [],
    });
  }
  return out;
}

export interface GroupVersions {
  group: string;
  versions: string[];
}

/** API groups in discovery order (core first, then the named groups as a real server lists them). */
export function apiGroups(resources: readonly ApiResource[]): GroupVersions[] {
  const order = ['', 'apps', 'events.k8s.io', 'batch', 'discovery.k8s.io', 'coordination.k8s.io'];
  const groups = new Map<string, Set<string>>();
  for (const r of resources) {
    const set = groups.get(r.type.group) ?? new Set<string>();
    set.add(r.type.version);
    groups.set(r.type.group, set);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => {
      const ia = order.indexOf(a) < 0 ? 99 : order.indexOf(a);
      const ib = order.indexOf(b) < 0 ? 99 : order.indexOf(b);
      return ia - ib || a.localeCompare(b);
    })
    .map(([group, versions]) => ({ group, versions: [...versions] }));
}
