/**
 * RFC 6902 JSON Patch (`application/json-patch+json`): add, remove, replace, move, copy and
 * test over JSON Pointers. `kubectl rollout undo` sends one (replace /spec/template and
 * /metadata/annotations). Failures are 422s like the API server's.
 */
import { ApiError } from '../status.js';
import { clone, deepEqual, isPlainObject } from '../../store/object-utils.js';

type Json = unknown;

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/'))
    throw invalid(`JSON pointer must start with "/": ${JSON.stringify(pointer)}`);
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function invalid(message: string): ApiError {
  return new ApiError(422, 'Invalid', message);
}

function resolveParent(
  doc: Json,
  tokens: string[],
  op: string,
  path: string,
): { parent: Json; key: string } {
  let cur = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(t)];
    else if (isPlainObject(cur)) cur = cur[t];
    else cur = undefined;
    if (cur === undefined)
      throw invalid(
        `${op} operation does not apply: doc is missing path: "${path}": missing value`,
      );
  }
  return { parent: cur, key: tokens[tokens.length - 1] ?? '' };
}

function getAt(doc: Json, path: string, op: string): Json {
  let cur = doc;
  for (const t of parsePointer(path)) {
    if (Array.isArray(cur)) cur = cur[Number(t)];
    else if (isPlainObject(cur)) cur = cur[t];
    else cur = undefined;
    if (cur === undefined)
      throw invalid(
        `${op} operation does not apply: doc is missing path: "${path}": missing value`,
      );
  }
  return cur;
}

function arrayIndex(
  key: string,
  length: number,
  allowEnd: boolean,
  op: string,
  path: string,
): number {
  if (key === '-' && allowEnd) return length;
  const n = Number(key);
  if (!/^(0|[1-9]\d*)$/.test(key) || n > (allowEnd ? length : length - 1)) {
    throw invalid(`${op} operation does not apply: doc is missing path: "${path}": invalid index`);
  }
  return n;
}

function add(doc: Json, path: string, value: Json): Json {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return value;
  const { parent, key } = resolveParent(doc, tokens, 'add', path);
  if (Array.isArray(parent))
    parent.splice(arrayIndex(key, parent.length, true, 'add', path), 0, value);
  else if (isPlainObject(parent)) parent[key] = value;
  else throw invalid(`add operation does not apply: doc is missing path: "${path}": missing value`);
  return doc;
}

function remove(doc: Json, path: string, op = 'remove'): Json {
  const tokens = parsePointer(path);
  const { parent, key } = resolveParent(doc, tokens, op, path);
  if (Array.isArray(parent)) parent.splice(arrayIndex(key, parent.length, false, op, path), 1);
  else if (isPlainObject(parent) && key in parent) delete parent[key];
  else
    throw invalid(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  return doc;
}

/** Applies a JSON Patch document to a copy of `target`. */
export function applyJsonPatch(target: Json, patch: unknown): Json {
  if (!Array.isArray(patch))
    throw new ApiError(
      400,
      'BadRequest',
      'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    );
  let doc = clone(target);
  for (const raw of patch) {
    if (!isPlainObject(raw) || typeof raw['op'] !== 'string' || typeof raw['path'] !== 'string') {
      throw new ApiError(
        400,
        'BadRequest',
        'the server rejected our request due to an error in our request',
      );
    }
    const path = raw['path'];
    switch (raw['op']) {
      case 'add':
        doc = add(doc, path, clone(raw['value']));
        break;
      case 'remove':
        doc = remove(doc, path);
        break;
      case 'replace':
        getAt(doc, path, 'replace');
        doc =
          parsePointer(path).length === 0
            ? clone(raw['value'])
            : add(remove(doc, path, 'replace'), path, clone(raw['value']));
        break;
      case 'move': {
        const from = String(raw['from'] ?? '');
        const value = getAt(doc, from, 'move');
        doc = add(remove(doc, from, 'move'), path, value);
        break;
      }
      case 'copy':
        doc = add(doc, path, clone(getAt(doc, String(raw['from'] ?? ''), 'copy')));
        break;
      case 'test':
        if (!deepEqual(getAt(doc, path, 'test'), raw['value']))
          throw invalid(`testing value ${path} failed: test failed`);
        break;
      default:
        throw new ApiError(400, 'BadRequest', `Unexpected kind: ${String(raw['op'])}`);
    }
  }
  return doc;
}
