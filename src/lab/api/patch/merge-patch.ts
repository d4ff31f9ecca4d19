/**
 * RFC 7386 JSON Merge Patch (`application/merge-patch+json`): objects merge recursively,
 * `null` deletes, anything else (arrays included) replaces. What `kubectl patch --type merge`,
 * `kubectl annotate/label` and `kubectl scale` send.
 */
import { clone, isPlainObject } from '../../store/object-utils.js';

export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return clone(patch);
  const out: Record<string, unknown> = isPlainObject(target) ? clone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = applyMergePatch(out[key], value);
  }
  return out;
}
