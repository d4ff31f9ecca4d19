/**
 * Dispatches a PATCH body to the patch type its Content-Type names; `apply-patch+yaml`
 * (server-side apply) is treated as a merge of the applied fields.
 */
import { ApiError } from '../status.js';
import { applyJsonPatch } from './json-patch.js';
import { applyMergePatch } from './merge-patch.js';
import { applyStrategicMergePatch } from './strategic-merge.js';
import { parse as parseYaml } from 'yaml';

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export function patchTypeOf(contentType: string | undefined): PatchType {
  const mt = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  switch (mt) {
    case 'application/json-patch+json':
      return 'json';
    case 'application/merge-patch+json':
      return 'merge';
    case 'application/strategic-merge-patch+json':
      return 'strategic';
    case 'application/apply-patch+yaml':
    case 'application/apply-patch+cbor':
      return 'apply';
    default:
      throw new ApiError(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`,
      );
  }
}

export function decodePatch(type: PatchType, body: string): unknown {
  try {
    return type === 'apply' ? parseYaml(body) : JSON.parse(body);
  } catch (error) {
    throw new ApiError(
      400,
      'BadRequest',
      `error decoding patch: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

export function applyPatch(type: PatchType, target: unknown, patch: unknown): unknown {
  switch (type) {
    case 'json':
      return applyJsonPatch(target, patch);
    case 'merge':
      return applyMergePatch(target, patch);
    case 'strategic':
      return applyStrategicMergePatch(target, patch);
    case 'apply':
      return applyStrategicMergePatch(target, patch);
  }
}
