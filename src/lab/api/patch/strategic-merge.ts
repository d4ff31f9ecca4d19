/**
 * Strategic merge patch (`application/strategic-merge-patch+json`) for the built-in types:
 * maps merge, `null` deletes, lists with a patch merge key (containers, env, volumes by
 * `name`; container ports by `containerPort`, Service ports by `port`; volumeMounts by
 * `mountPath`; conditions by `type`; ownerReferences by `uid`...) merge element-wise, other
 * lists are replaced, `finalizers` merge as a set. Directives: `$patch: replace|delete`,
 * `$setElementOrder/<list>`, `$retainKeys`, `$deleteFromPrimitiveList/<list>`. This covers
 * what `kubectl patch`, `kubectl set env|image|resources`, `kubectl rollout restart|pause`
 * and `kubectl apply` send.
 */
import { clone, isPlainObject } from '../../store/object-utils.js';
import { ApiError } from '../status.js';

type Strategy = { kind: 'replace' } | { kind: 'primitive' } | { kind: 'merge'; key: string };

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

const BY_FIELD: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
  schedulingGates: 'name',
  conditions: 'type',
  ownerReferences: 'uid',
  readinessGates: 'conditionType',
};

function strategyFor(rootKind: string, path: readonly string[], field: string): Strategy {
  if (field === 'finalizers' && path.length === 1 && path[0] === 'metadata')
    return { kind: 'primitive' };
  if (field === 'ports') {
    const parent = path[path.length - 1] ?? '';
    if (CONTAINER_LISTS.has(parent)) return { kind: 'merge', key: 'containerPort' };
    if (rootKind === 'Service' && path.length === 1 && path[0] === 'spec')
      return { kind: 'merge', key: 'port' };
    return { kind: 'replace' };
  }
  if (field === 'addresses') {
    return rootKind === 'Node' && path.join('.') === 'status'
      ? { kind: 'merge', key: 'type' }
      : { kind: 'replace' };
  }
  if (field === 'env' && !CONTAINER_LISTS.has(path[path.length - 1] ?? ''))
    return { kind: 'replace' };
  const key = BY_FIELD[field];
  return key ? { kind: 'merge', key } : { kind: 'replace' };
}

function bad(message: string): ApiError {
  return new ApiError(422, 'Invalid', message);
}

/** Removes directive keys from a value that is being inserted as-is. */
function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value
      .filter(
        (v) => !(isPlainObject(v) && v['$patch'] !== undefined && Object.keys(v).length === 1),
      )
      .map(stripDirectives);
  }
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith('$')) continue;
    out[k] = stripDirectives(v);
  }
  return out;
}

function reorder(list: unknown[], order: unknown, key: string | undefined): unknown[] {
  if (!Array.isArray(order)) return list;
  const idOf = (v: unknown): unknown => (key !== undefined && isPlainObject(v) ? v[key] : v);
  const wanted = order.map(idOf);
  const ordered: unknown[] = [];
  for (const id of wanted) {
    const hit = list.find((v) => idOf(v) === id);
    if (hit !== undefined && !ordered.includes(hit)) ordered.push(hit);
  }
  for (const v of list) if (!ordered.includes(v)) ordered.push(v);
  return ordered;
}

function mergeList(
  rootKind: string,
  original: unknown,
  patch: unknown[],
  path: string[],
  field: string,
): unknown[] {
  const strategy = strategyFor(rootKind, path, field);
  if (strategy.kind === 'replace') return stripDirectives(patch) as unknown[];
  const base = Array.isArray(original) ? clone(original) : [];
  if (strategy.kind === 'primitive') {
    const out = [...base];
    for (const v of patch) if (!out.includes(v)) out.push(v);
    return out;
  }
  if (patch.some((v) => isPlainObject(v) && v['$patch'] === 'replace')) {
    return stripDirectives(
      patch.filter((v) => !(isPlainObject(v) && v['$patch'] === 'replace')),
    ) as unknown[];
  }
  const key = strategy.key;
  let result = base;
  for (const item of patch) {
    if (!isPlainObject(item))
      throw bad(`unable to find api field in struct for the list item ${JSON.stringify(item)}`);
    const id = item[key];
    if (id === undefined)
      throw bad(`map: ${JSON.stringify(item)} does not contain declared merge key: ${key}`);
    if (item['$patch'] === 'delete') {
      result = result.filter((v) => !(isPlainObject(v) && v[key] === id));
      continue;
    }
    const idx = result.findIndex((v) => isPlainObject(v) && v[key] === id);
    const elementPath = [...path, field];
    if (idx >= 0) result[idx] = mergeMap(rootKind, result[idx], item, elementPath);
    else result.push(mergeMap(rootKind, {}, item, elementPath));
  }
  return result;
}

function mergeMap(
  rootKind: string,
  original: unknown,
  patch: Record<string, unknown>,
  path: string[],
): unknown {
  const directive = patch['$patch'];
  if (directive === 'replace') return stripDirectives(patch);
  if (directive === 'delete') return undefined;
  const result: Record<string, unknown> = isPlainObject(original) ? clone(original) : {};
  const orders: [string, unknown][] = [];
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys') continue;
    if (k.startsWith('$setElementOrder/')) {
      orders.push([k.slice('$setElementOrder/'.length), v]);
      continue;
    }
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      const cur = result[field];
      if (Array.isArray(cur) && Array.isArray(v)) result[field] = cur.filter((x) => !v.includes(x));
      continue;
    }
    if (k.startsWith('$')) continue;
    if (v === null) {
      delete result[k];
    } else if (isPlainObject(v)) {
      const merged = mergeMap(rootKind, result[k], v, [...path, k]);
      if (merged === undefined) delete result[k];
      else result[k] = merged;
    } else if (Array.isArray(v)) {
      result[k] = mergeList(rootKind, result[k], v, path, k);
    } else {
      result[k] = v;
    }
  }
  for (const [field, order] of orders) {
    const list = result[field];
    if (!Array.isArray(list)) continue;
    const strategy = strategyFor(rootKind, path, field);
    result[field] = reorder(list, order, strategy.kind === 'merge' ? strategy.key : undefined);
  }
  const retain = patch['$retainKeys'];
  if (Array.isArray(retain)) {
    for (const k of Object.keys(result)) if (!retain.includes(k)) delete result[k];
  }
  return result;
}

/** Applies a strategic merge patch to a copy of `target` (a built-in object). */
export function applyStrategicMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch))
    throw new ApiError(400, 'BadRequest', 'error decoding patch: the patch must be a JSON object');
  const rootKind =
    isPlainObject(target) && typeof target['kind'] === 'string' ? target['kind'] : '';
  return mergeMap(rootKind, target, patch, []) ?? {};
}
