/**
 * Shapes stored objects into responses: the events.k8s.io/v1 view, plain JSON lists built
 * from each object's cached JSON (no per-request copies of thousands of pods), Tables,
 * PartialObjectMetadata, and the decoding of request bodies (JSON, or YAML).
 */
import type { LabObject, ListResult } from '../store/types.js';
import { toJson } from '../store/json-cache.js';
import { apiVersionOf } from '../store/resource-types.js';
import { isPlainObject } from '../store/object-utils.js';
import { parse as parseYaml } from 'yaml';
import type { ApiResource } from './resource-info.js';
import { fromEventsV1, toEventsV1 } from './events-view.js';
import { buildTable, type IncludeObject } from './tables/index.js';
import type { Target } from './negotiation.js';
import { ApiError, badRequest } from './status.js';
import { decodeProtobufObject, isProtobuf } from './protobuf.js';

export function isView(api: ApiResource): boolean {
  return api.type.group !== api.storage.group;
}

/** The object as this API version shows it. */
export function present(api: ApiResource, obj: LabObject): LabObject {
  return api.type.group === 'events.k8s.io' ? toEventsV1(obj) : obj;
}

/** The object as stored, from what a client sent to this API version. */
export function toStorage(api: ApiResource, obj: LabObject): LabObject {
  return api.type.group === 'events.k8s.io' ? fromEventsV1(obj) : obj;
}

export function objectJson(api: ApiResource, obj: LabObject): string {
  return isView(api) ? JSON.stringify(present(api, obj)) : toJson(obj);
}

function listMetaJson(result: ListResult): string {
  const meta: Record<string, unknown> = { resourceVersion: result.resourceVersion };
  if (result.continue) meta['continue'] = result.continue;
  if (result.remainingItemCount !== undefined)
    meta['remainingItemCount'] = result.remainingItemCount;
  return JSON.stringify(meta);
}

export function includeObjectOf(query: URLSearchParams): IncludeObject {
  const v = query.get('includeObject');
  if (v === null || v === '' || v === 'Metadata') return 'Metadata';
  if (v === 'Object' || v === 'None') return v;
  throw badRequest(`unrecognized includeObject value: "${v}"`);
}

export interface Rendered {
  body: string;
  contentType: string;
}

export function renderList(
  api: ApiResource,
  result: ListResult,
  target: Target,
  query: URLSearchParams,
  now: Date,
): Rendered {
  if (target.kind === 'table') {
    const listMeta: { resourceVersion?: string; continue?: string; remainingItemCount?: number } = {
      resourceVersion: result.resourceVersion,
    };
    if (result.continue) listMeta.continue = result.continue;
    if (result.remainingItemCount !== undefined)
      listMeta.remainingItemCount = result.remainingItemCount;
    const table = buildTable({
      type: api.type,
      items: result.items,
      now,
      includeObject: includeObjectOf(query),
      version: target.version,
      listMeta,
    });
    return { body: JSON.stringify(table), contentType: 'application/json' };
  }
  if (target.kind === 'partial') {
    const items = result.items.map((o) =>
      JSON.stringify({
        kind: 'PartialObjectMetadata',
        apiVersion: `meta.k8s.io/${target.version}`,
        metadata: o.metadata,
      }),
    );
    return {
      body: `{"kind":"PartialObjectMetadataList","apiVersion":"meta.k8s.io/${target.version}","metadata":${listMetaJson(result)},"items":[${items.join(',')}]}`,
      contentType: 'application/json',
    };
  }
  const items = result.items.map((o) => objectJson(api, o));
  const head = `{"kind":${JSON.stringify(`${api.type.kind}List`)},"apiVersion":${JSON.stringify(apiVersionOf(api.type))},"metadata":${listMetaJson(result)},"items":[`;
  return { body: `${head}${items.join(',')}]}`, contentType: 'application/json' };
}

export function renderObject(
  api: ApiResource,
  obj: LabObject,
  target: Target,
  query: URLSearchParams,
  now: Date,
): Rendered {
  if (target.kind === 'table') {
    const table = buildTable({
      type: api.type,
      items: [obj],
      now,
      includeObject: includeObjectOf(query),
      version: target.version,
      listMeta: { resourceVersion: obj.metadata.resourceVersion ?? '' },
    });
    return { body: JSON.stringify(table), contentType: 'application/json' };
  }
  if (target.kind === 'partial') {
    return {
      body: JSON.stringify({
        kind: 'PartialObjectMetadata',
        apiVersion: `meta.k8s.io/${target.version}`,
        metadata: obj.metadata,
      }),
      contentType: 'application/json',
    };
  }
  return { body: objectJson(api, obj), contentType: 'application/json' };
}

/** Decodes a request body (JSON, or YAML when the Content-Type says so) into an object. */
export function decodeObject(buf: Buffer, contentType: string | undefined): LabObject {
  const mt = (contentType ?? 'application/json').split(';')[0]?.trim().toLowerCase() ?? '';
  let value: unknown;
  const body = buf.toString('utf8');
  try {
    if (isProtobuf(contentType)) value = decodeProtobufObject(buf);
    else if (mt.includes('yaml')) value = parseYaml(body);
    else if (mt === 'application/json' || mt === '' || mt === '*/*') value = JSON.parse(body);
    else {
      throw new ApiError(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`,
      );
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw badRequest(
      `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!isPlainObject(value)) throw badRequest('the body of the request must be a JSON object');
  const obj = value as LabObject;
  if (!isPlainObject(obj.metadata)) obj.metadata = {};
  return obj;
}
