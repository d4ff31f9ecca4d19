/**
 * The resource types the lab stores, with the facts the store itself needs: which have a
 * `/status` subresource (their main-resource updates keep the stored status), which carry a
 * `metadata.generation`, and how each is named in error messages (`deployments.apps`).
 * Discovery-only facts (short names, verbs, categories) live in the API server.
 */
import type { ResourceType } from './types.js';

function t(
  group: string,
  version: string,
  resource: string,
  kind: string,
  namespaced = true,
): ResourceType {
  return Object.freeze({ group, version, resource, kind, namespaced });
}

export const RT = {
  namespaces: t('', 'v1', 'namespaces', 'Namespace', false),
  nodes: t('', 'v1', 'nodes', 'Node', false),
  pods: t('', 'v1', 'pods', 'Pod'),
  events: t('', 'v1', 'events', 'Event'),
  configmaps: t('', 'v1', 'configmaps', 'ConfigMap'),
  secrets: t('', 'v1', 'secrets', 'Secret'),
  services: t('', 'v1', 'services', 'Service'),
  endpoints: t('', 'v1', 'endpoints', 'Endpoints'),
  serviceaccounts: t('', 'v1', 'serviceaccounts', 'ServiceAccount'),
  resourcequotas: t('', 'v1', 'resourcequotas', 'ResourceQuota'),
  limitranges: t('', 'v1', 'limitranges', 'LimitRange'),
  persistentvolumeclaims: t('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim'),
  deployments: t('apps', 'v1', 'deployments', 'Deployment'),
  replicasets: t('apps', 'v1', 'replicasets', 'ReplicaSet'),
  statefulsets: t('apps', 'v1', 'statefulsets', 'StatefulSet'),
  daemonsets: t('apps', 'v1', 'daemonsets', 'DaemonSet'),
  jobs: t('batch', 'v1', 'jobs', 'Job'),
  endpointslices: t('discovery.k8s.io', 'v1', 'endpointslices', 'EndpointSlice'),
  leases: t('coordination.k8s.io', 'v1', 'leases', 'Lease'),
} as const;

export const BUILTIN_TYPES: readonly ResourceType[] = Object.freeze(Object.values(RT));

const WITH_STATUS = new Set([
  'pods',
  'services',
  'nodes',
  'namespaces',
  'resourcequotas',
  'persistentvolumeclaims',
  'apps/deployments',
  'apps/replicasets',
  'apps/statefulsets',
  'apps/daemonsets',
  'batch/jobs',
]);

const WITH_GENERATION = new Set([
  'pods',
  'apps/deployments',
  'apps/replicasets',
  'apps/statefulsets',
  'apps/daemonsets',
  'batch/jobs',
]);

export function groupResource(type: Pick<ResourceType, 'group' | 'resource'>): string {
  return type.group ? `${type.group}/${type.resource}` : type.resource;
}

/** Whether writes to the main resource leave `.status` alone (it has a `/status` subresource). */
export function hasStatusSubresource(type: ResourceType): boolean {
  return WITH_STATUS.has(groupResource(type));
}

export function tracksGeneration(type: ResourceType): boolean {
  return WITH_GENERATION.has(groupResource(type));
}

/** `pods`, `deployments.apps`: how the API names a resource in error messages. */
export function qualifiedResource(type: Pick<ResourceType, 'group' | 'resource'>): string {
  return type.group ? `${type.resource}.${type.group}` : type.resource;
}

/** `Pod`, `Deployment.apps`: how validation errors name a kind. */
export function qualifiedKind(type: Pick<ResourceType, 'group' | 'kind'>): string {
  return type.group ? `${type.kind}.${type.group}` : type.kind;
}

export function apiVersionOf(type: Pick<ResourceType, 'group' | 'version'>): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}
