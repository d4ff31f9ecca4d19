/**
 * Discovery documents: `/version`, the classic `/api`, `/apis`, `/apis/<g>`, `/api/v1`,
 * `/apis/<g>/<v>` lists that older clients walk, and the aggregated
 * `apidiscovery.k8s.io/v2` (and v2beta1) `APIGroupDiscoveryList` that kubectl and client-go
 * ask for first, which describes every resource in two requests.
 */
import type { ApiResource } from './resource-info.js';
import { apiGroups } from './resource-info.js';

export const SERVER_VERSION = {
  major: '1',
  minor: '33',
  gitVersion: 'v1.33.0-crashlens-lab',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-04-23T00:00:00Z',
  goVersion: 'go1.24.2',
  compiler: 'gc',
  platform: 'linux/amd64',
};

function gv(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

export function apiVersions(serverAddress: string): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupDoc(group: string, versions: string[]): object {
  const vs = versions.map((version) => ({ groupVersion: gv(group, version), version }));
  return { name: group, versions: vs, preferredVersion: vs[0] };
}

export function apiGroupList(resources: readonly ApiResource[]): object {
  const groups = apiGroups(resources).filter((g) => g.group !== '');
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups.map((g) => groupDoc(g.group, g.versions)),
  };
}

export function apiGroup(resources: readonly ApiResource[], group: string): object | undefined {
  const g = apiGroups(resources).find((x) => x.group === group && group !== '');
  return g ? { kind: 'APIGroup', apiVersion: 'v1', ...groupDoc(g.group, g.versions) } : undefined;
}

export function apiResourceList(
  resources: readonly ApiResource[],
  group: string,
  version: string,
): object | undefined {
  const inGv = resources.filter((r) => r.type.group === group && r.type.version === version);
  if (inGv.length === 0) return undefined;
  const list: object[] = [];
  for (const r of inGv) {
    const entry: Record<string, unknown> = {
      name: r.type.resource,
      singularName: r.singular,
      namespaced: r.type.namespaced,
      kind: r.type.kind,
      verbs: r.verbs,
    };
    if (r.shortNames.length > 0) entry['shortNames'] = r.shortNames;
    if (r.categories.length > 0) entry['categories'] = r.categories;
    list.push(entry);
    for (const s of r.subresources) {
      const sub: Record<string, unknown> = {
        name: `${r.type.resource}/${s.name}`,
        singularName: '',
        namespaced: r.type.namespaced,
        kind: s.kind,
        verbs: s.verbs,
      };
      if (s.group !== undefined) sub['group'] = s.group;
      if (s.version !== undefined) sub['version'] = s.version;
      list.push(sub);
    }
  }
  const doc: Record<string, unknown> = {
    kind: 'APIResourceList',
    groupVersion: gv(group, version),
    resources: list,
  };
  if (group !== '') doc['apiVersion'] = 'v1';
  return doc;
}

function discoveryResource(r: ApiResource): object {
  const entry: Record<string, unknown> = {
    resource: r.type.resource,
    responseKind: { group: r.type.group, version: r.type.version, kind: r.type.kind },
    scope: r.type.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: r.verbs,
  };
  if (r.shortNames.length > 0) entry['shortNames'] = r.shortNames;
  if (r.categories.length > 0) entry['categories'] = r.categories;
  if (r.subresources.length > 0) {
    entry['subresources'] = r.subresources.map((s) => ({
      subresource: s.name,
      responseKind: {
        group: s.group ?? r.type.group,
        version: s.version ?? r.type.version,
        kind: s.kind,
      },
      verbs: s.verbs,
    }));
  }
  return entry;
}

/** `APIGroupDiscoveryList` for `/api` (core) or `/apis` (named groups). */
export function aggregatedDiscovery(
  resources: readonly ApiResource[],
  core: boolean,
  version: 'v2' | 'v2beta1',
): object {
  const groups = apiGroups(resources).filter((g) => (g.group === '') === core);
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${version}`,
    metadata: {},
    items: groups.map((g) => ({
      metadata: core ? { creationTimestamp: null } : { name: g.group, creationTimestamp: null },
      versions: g.versions.map((v) => ({
        version: v,
        resources: resources
          .filter((r) => r.type.group === g.group && r.type.version === v)
          .map(discoveryResource),
        freshness: 'Current',
      })),
    })),
  };
}

export function aggregatedContentType(version: 'v2' | 'v2beta1'): string {
  return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}
