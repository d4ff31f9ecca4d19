/**
 * A minimal OpenAPI v3 surface: the `/openapi/v3` index and one document per group/version
 * declaring, for each resource, a PATCH operation with the `fieldValidation` query parameter.
 * That is what kubectl's `--validate=strict` (its default for `create -f`/`apply`) checks to
 * decide the server validates fields itself; without it kubectl falls back to downloading
 * OpenAPI v2 and refuses to send the object. Schemas are not served (`kubectl explain` is
 * out of scope), and the lab accepts unknown fields.
 */
import { createHash } from 'node:crypto';
import type { ApiResource } from './resource-info.js';

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

function groupVersions(resources: readonly ApiResource[]): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>();
  for (const r of resources)
    seen.set(gvPath(r.type.group, r.type.version), {
      group: r.type.group,
      version: r.type.version,
    });
  return [...seen.values()];
}

export function openApiDocument(
  resources: readonly ApiResource[],
  group: string,
  version: string,
): object | undefined {
  const inGv = resources.filter((r) => r.type.group === group && r.type.version === version);
  if (inGv.length === 0) return undefined;
  const paths: Record<string, object> = {};
  for (const r of inGv) {
    const base = `/${gvPath(group, version)}${r.type.namespaced ? '/namespaces/{namespace}' : ''}/${r.type.resource}/{name}`;
    paths[base] = {
      patch: {
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': { group, version, kind: r.type.kind },
        parameters: [
          { name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } },
          { name: 'dryRun', in: 'query', schema: { type: 'string', uniqueItems: true } },
          { name: 'fieldManager', in: 'query', schema: { type: 'string', uniqueItems: true } },
        ],
        responses: { '200': { description: 'OK' } },
      },
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.33.0' },
    paths,
    components: { schemas: {} },
  };
}

export function openApiIndex(resources: readonly ApiResource[]): object {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const gv of groupVersions(resources)) {
    const doc = JSON.stringify(openApiDocument(resources, gv.group, gv.version));
    const hash = createHash('sha512').update(doc).digest('hex').slice(0, 128).toUpperCase();
    const p = gvPath(gv.group, gv.version);
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${hash}` };
  }
  return { paths };
}
