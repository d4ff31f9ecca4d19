/**
 * The `/scale` subresource of Deployments, ReplicaSets and StatefulSets as an
 * `autoscaling/v1` Scale (`spec.replicas`, `status.replicas`, `status.selector`): what
 * `kubectl scale` reads and patches.
 */
import type { LabObject } from '../store/types.js';
import { StoreError } from '../store/types.js';
import { asRecord, clone, isPlainObject } from '../store/object-utils.js';
import { qualifiedResource } from '../store/resource-types.js';
import { formatSelector, fromLabelSelectorObject } from '../store/label-selector.js';
import type { HandlerArgs } from './handlers.js';
import { readBody, sendObject } from './respond.js';
import { applyPatch, decodePatch, patchTypeOf } from './patch/index.js';
import { ApiError, badRequest } from './status.js';
import { decodeObject } from './objects.js';

export function toScale(obj: LabObject): object {
  const spec = asRecord(obj['spec']);
  const status = asRecord(obj['status']);
  const sel = fromLabelSelectorObject(spec['selector']);
  const meta: Record<string, unknown> = {
    name: obj.metadata.name,
    namespace: obj.metadata.namespace,
    uid: obj.metadata.uid,
    resourceVersion: obj.metadata.resourceVersion,
    creationTimestamp: obj.metadata.creationTimestamp,
  };
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: meta,
    spec: { replicas: typeof spec['replicas'] === 'number' ? spec['replicas'] : 1 },
    status: {
      replicas: typeof status['replicas'] === 'number' ? status['replicas'] : 0,
      selector: sel ? formatSelector(sel) : '',
    },
  };
}

export async function handleScale(a: HandlerArgs): Promise<void> {
  const name = a.info.name ?? '';
  const store = a.ctx.store;
  const current = store.getShared(a.api.storage, a.info.namespace, name);
  if (!current)
    throw new StoreError('NotFound', 404, `${qualifiedResource(a.api.type)} "${name}" not found`);
  if (a.info.verb === 'get') {
    sendObject(a.res, 200, toScale(current));
    return;
  }
  let desired: unknown;
  let rv: string | undefined;
  if (a.info.verb === 'update') {
    const body = decodeObject(await readBody(a.req), a.req.headers['content-type']);
    desired = asRecord(body['spec'])['replicas'];
    rv = body.metadata.resourceVersion;
  } else if (a.info.verb === 'patch') {
    const type = patchTypeOf(a.req.headers['content-type']);
    const patched = applyPatch(
      type,
      toScale(current),
      decodePatch(type, (await readBody(a.req)).toString('utf8')),
    );
    if (!isPlainObject(patched)) throw badRequest('invalid scale patch');
    desired = asRecord(patched['spec'])['replicas'];
    const patchedRv = asRecord(patched['metadata'])['resourceVersion'];
    if (typeof patchedRv === 'string' && patchedRv !== current.metadata.resourceVersion)
      rv = patchedRv;
  } else {
    throw new ApiError(
      405,
      'MethodNotAllowed',
      'the server does not allow this method on the requested resource',
    );
  }
  if (typeof desired !== 'number' || !Number.isInteger(desired) || desired < 0) {
    throw new ApiError(
      422,
      'Invalid',
      `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(desired)}: must be greater than or equal to 0`,
    );
  }
  const copy = clone(current) as LabObject;
  asRecord(copy['spec'])['replicas'] = desired;
  if (rv) copy.metadata.resourceVersion = rv;
  const updated = store.update(a.api.storage, copy);
  sendObject(a.res, 200, toScale(updated));
}
