/**
 * Handlers for the object verbs on a resource: get, list, create, update (PUT), patch (JSON,
 * merge, strategic, apply), delete with propagation (and graceful pod deletion when enabled),
 * deletecollection, the `/status` subresource, and pod eviction. Each writes a JSON object,
 * List, Table or Status.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LabObject } from '../store/types.js';
import { StoreError } from '../store/types.js';
import { clone, isPlainObject } from '../store/object-utils.js';
import { RT, apiVersionOf, groupResource, qualifiedResource } from '../store/resource-types.js';
import {
  deleteNamespace,
  deleteWithPropagation,
  type PropagationPolicy,
} from '../store/ownership.js';
import type { ApiContext } from './context.js';
import type { ApiResource } from './resource-info.js';
import type { RequestInfo } from './request-info.js';
import type { Target } from './negotiation.js';
import { ApiError, badRequest, success } from './status.js';
import { readBody, sendJson, sendObject } from './respond.js';
import { decodeObject, isView, present, renderList, renderObject, toStorage } from './objects.js';
import { applyPatch, decodePatch, patchTypeOf } from './patch/index.js';
import { decodeProtobufObject, isProtobuf } from './protobuf.js';

export interface HandlerArgs {
  ctx: ApiContext;
  req: IncomingMessage;
  res: ServerResponse;
  info: RequestInfo;
  api: ApiResource;
  query: URLSearchParams;
  target: Target;
}

const PROTECTED_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

function isDryRun(query: URLSearchParams): boolean {
  return query.getAll('dryRun').includes('All');
}

function intParam(query: URLSearchParams, name: string): number | undefined {
  const v = query.get(name);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`invalid value for ${name}: ${v}`);
  return n;
}

function write(a: HandlerArgs, code: number, obj: LabObject): void {
  const r = renderObject(a.api, obj, a.target, a.query, a.ctx.clock.now());
  sendJson(a.res, code, r.body, r.contentType, a.req.method === 'HEAD');
}

function mustGet(a: HandlerArgs, name: string): LabObject {
  const obj = a.ctx.store.getShared(a.api.storage, a.info.namespace, name);
  if (!obj)
    throw new StoreError('NotFound', 404, `${qualifiedResource(a.api.type)} "${name}" not found`);
  return obj;
}

export function handleGet(a: HandlerArgs): void {
  write(a, 200, mustGet(a, a.info.name ?? ''));
}

export function handleList(a: HandlerArgs): void {
  const { query } = a;
  const options: {
    labelSelector?: string;
    fieldSelector?: string;
    limit?: number;
    continue?: string;
  } = {};
  const labelSelector = query.get('labelSelector');
  const fieldSelector = query.get('fieldSelector');
  const limit = intParam(query, 'limit');
  const cont = query.get('continue');
  if (labelSelector) options.labelSelector = labelSelector;
  if (fieldSelector) options.fieldSelector = fieldSelector;
  if (limit) options.limit = limit;
  if (cont) options.continue = cont;
  const result = a.ctx.store.listShared(a.api.storage, a.info.namespace, options);
  const r = renderList(a.api, result, a.target, query, a.ctx.clock.now());
  sendJson(a.res, 200, r.body, r.contentType, a.req.method === 'HEAD');
}

/** Reconciles the body's namespace/name/kind with the URL, as the API server insists. */
function checkBody(a: HandlerArgs, obj: LabObject, name: string | undefined): LabObject {
  if (obj.kind && obj.kind !== a.api.type.kind) {
    throw badRequest(
      `the kind in the data (${obj.kind}) does not match the expected kind (${a.api.type.kind})`,
    );
  }
  if (obj.apiVersion && obj.apiVersion !== apiVersionOf(a.api.type)) {
    throw badRequest(
      `the API version in the data (${obj.apiVersion}) does not match the expected API version (${apiVersionOf(a.api.type)})`,
    );
  }
  if (a.api.type.namespaced) {
    const ns = a.info.namespace ?? '';
    if (obj.metadata.namespace && obj.metadata.namespace !== ns) {
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    obj.metadata.namespace = ns;
  }
  if (name !== undefined && obj.metadata.name !== name) {
    throw badRequest(
      `the name of the object (${obj.metadata.name ?? ''}) does not match the name on the URL (${name})`,
    );
  }
  return toStorage(a.api, { ...obj, apiVersion: apiVersionOf(a.api.type), kind: a.api.type.kind });
}

export async function handleCreate(a: HandlerArgs): Promise<void> {
  const obj = checkBody(
    a,
    decodeObject(await readBody(a.req), a.req.headers['content-type']),
    undefined,
  );
  const created = a.ctx.store.create(a.api.storage, obj, { dryRun: isDryRun(a.query) });
  write(a, 201, created);
}

export async function handleUpdate(a: HandlerArgs): Promise<void> {
  const name = a.info.name ?? '';
  const obj = checkBody(
    a,
    decodeObject(await readBody(a.req), a.req.headers['content-type']),
    name,
  );
  mustGet(a, name);
  const dryRun = isDryRun(a.query);
  const updated =
    a.info.subresource === 'status'
      ? a.ctx.store.updateStatus(a.api.storage, obj, { dryRun })
      : a.ctx.store.update(a.api.storage, obj, { dryRun });
  write(a, 200, updated);
}

export async function handlePatch(a: HandlerArgs): Promise<void> {
  const name = a.info.name ?? '';
  const type = patchTypeOf(a.req.headers['content-type']);
  const patch = decodePatch(type, (await readBody(a.req)).toString('utf8'));
  const dryRun = isDryRun(a.query);
  // Like the API server, retry on a conflict the client did not ask for.
  for (let attempt = 0; ; attempt++) {
    const current = mustGet(a, name);
    const shown = present(a.api, current);
    const patched = applyPatch(type, shown, patch);
    if (!isPlainObject(patched))
      throw new ApiError(422, 'Invalid', 'the patched object is not a JSON object');
    const obj = patched as LabObject;
    if (!isPlainObject(obj.metadata)) obj.metadata = {};
    const pinnedRv = obj.metadata.resourceVersion !== current.metadata.resourceVersion;
    const stored = checkBody(a, obj, name);
    try {
      const updated =
        a.info.subresource === 'status'
          ? a.ctx.store.updateStatus(a.api.storage, stored, { dryRun })
          : a.ctx.store.update(a.api.storage, stored, { dryRun });
      write(a, 200, updated);
      return;
    } catch (error) {
      if (error instanceof StoreError && error.reason === 'Conflict' && !pinnedRv && attempt < 5)
        continue;
      throw error;
    }
  }
}

interface DeleteOptionsBody {
  propagationPolicy?: unknown;
  gracePeriodSeconds?: unknown;
  orphanDependents?: unknown;
  preconditions?: { uid?: unknown; resourceVersion?: unknown };
  dryRun?: unknown;
}

async function deleteOptions(a: HandlerArgs): Promise<{
  policy: PropagationPolicy;
  grace: number | undefined;
  dryRun: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
}> {
  let body: DeleteOptionsBody = {};
  const raw = await readBody(a.req);
  if (raw.length > 0 && isProtobuf(a.req.headers['content-type'])) {
    body = decodeProtobufObject(raw) as DeleteOptionsBody;
  } else if (raw.toString('utf8').trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(raw.toString('utf8'));
      if (isPlainObject(parsed)) body = parsed as DeleteOptionsBody;
    } catch {
      throw badRequest('the body of the request was in an unknown format');
    }
  }
  const rawPolicy = a.query.get('propagationPolicy') ?? body.propagationPolicy;
  let policy: PropagationPolicy = 'Background';
  if (rawPolicy !== undefined && rawPolicy !== null && rawPolicy !== '') {
    if (rawPolicy !== 'Background' && rawPolicy !== 'Foreground' && rawPolicy !== 'Orphan') {
      throw new ApiError(
        422,
        'Invalid',
        `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${String(rawPolicy)}": supported values: "Foreground", "Background", "Orphan", "nil"`,
      );
    }
    policy = rawPolicy;
  } else if (body.orphanDependents === true || a.query.get('orphanDependents') === 'true') {
    policy = 'Orphan';
  }
  const graceQuery = intParam(a.query, 'gracePeriodSeconds');
  const grace =
    graceQuery ??
    (typeof body.gracePeriodSeconds === 'number' ? body.gracePeriodSeconds : undefined);
  const dryRun = isDryRun(a.query) || (Array.isArray(body.dryRun) && body.dryRun.includes('All'));
  const out: {
    policy: PropagationPolicy;
    grace: number | undefined;
    dryRun: boolean;
    preconditions?: { uid?: string; resourceVersion?: string };
  } = { policy, grace, dryRun };
  if (body.preconditions) {
    const pre: { uid?: string; resourceVersion?: string } = {};
    if (typeof body.preconditions.uid === 'string') pre.uid = body.preconditions.uid;
    if (typeof body.preconditions.resourceVersion === 'string')
      pre.resourceVersion = body.preconditions.resourceVersion;
    out.preconditions = pre;
  }
  return out;
}

function wantsGracefulPodDeletion(
  a: HandlerArgs,
  pod: LabObject,
  grace: number | undefined,
): number | undefined {
  if (!a.ctx.gracefulPodDeletion || groupResource(a.api.storage) !== 'pods') return undefined;
  const spec = isPlainObject(pod['spec']) ? pod['spec'] : {};
  const phase = isPlainObject(pod['status']) ? pod['status']['phase'] : undefined;
  if (!spec['nodeName'] || phase === 'Succeeded' || phase === 'Failed') return undefined;
  if (pod.metadata.annotations?.['lab.crashlens.dev/simulated'] === 'true') return undefined;
  const seconds =
    grace ??
    (typeof spec['terminationGracePeriodSeconds'] === 'number'
      ? spec['terminationGracePeriodSeconds']
      : 30);
  return seconds > 0 ? seconds : undefined;
}

function deleteOne(
  a: HandlerArgs,
  name: string,
  opts: Awaited<ReturnType<typeof deleteOptions>>,
): LabObject | undefined {
  const { store } = a.ctx;
  const current = mustGet(a, name);
  if (opts.dryRun) return current;
  if (groupResource(a.api.storage) === 'namespaces') {
    if (PROTECTED_NAMESPACES.has(name)) {
      throw new ApiError(
        403,
        'Forbidden',
        `namespaces "${name}" is forbidden: this namespace may not be deleted`,
        { name, kind: 'namespaces' },
      );
    }
    return deleteNamespace(store, name);
  }
  const graceful = wantsGracefulPodDeletion(a, current, opts.grace);
  if (graceful !== undefined) return store.markDeleting(RT.pods, a.info.namespace, name, graceful);
  return deleteWithPropagation(
    store,
    a.api.storage,
    a.info.namespace,
    name,
    opts.policy,
    0,
    opts.preconditions,
  );
}

export async function handleDelete(a: HandlerArgs): Promise<void> {
  const name = a.info.name ?? '';
  const opts = await deleteOptions(a);
  const deleted = deleteOne(a, name, opts);
  const obj = deleted ?? mustGet(a, name);
  write(a, 200, obj);
}

export async function handleDeleteCollection(a: HandlerArgs): Promise<void> {
  const opts = await deleteOptions(a);
  const list: { labelSelector?: string; fieldSelector?: string } = {};
  const ls = a.query.get('labelSelector');
  const fs = a.query.get('fieldSelector');
  if (ls) list.labelSelector = ls;
  if (fs) list.fieldSelector = fs;
  const items = a.ctx.store.listShared(a.api.storage, a.info.namespace, list).items;
  const deleted: LabObject[] = [];
  for (const item of items) {
    const d = deleteOne(a, item.metadata.name ?? '', opts);
    if (d) deleted.push(d);
  }
  const r = renderList(
    a.api,
    { items: deleted, resourceVersion: a.ctx.store.currentResourceVersion() },
    { kind: 'json' },
    a.query,
    a.ctx.clock.now(),
  );
  sendJson(a.res, 200, r.body, r.contentType);
}

/** POST pods/{name}/eviction (kubectl drain): deletes the pod, answers 201 Success. */
export async function handleEviction(a: HandlerArgs): Promise<void> {
  await readBody(a.req);
  const name = a.info.name ?? '';
  mustGet(a, name);
  deleteWithPropagation(a.ctx.store, RT.pods, a.info.namespace, name, 'Background');
  sendObject(a.res, 201, success());
}

/** PUT namespaces/{name}/finalize: accepted and reflected without effect on the lab's deletion. */
export async function handleFinalize(a: HandlerArgs): Promise<void> {
  const body = decodeObject(await readBody(a.req), a.req.headers['content-type']);
  const current = mustGet(a, a.info.name ?? '');
  const copy = clone(current) as LabObject;
  if (isPlainObject(body['spec'])) copy['spec'] = body['spec'];
  write(a, 200, isView(a.api) ? current : a.ctx.store.update(a.api.storage, copy));
}
