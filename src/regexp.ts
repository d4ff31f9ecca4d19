/** Regular-expression helpers shared across layers. */

/** Escape text for use inside a RegExp (names from the input: pods, keys, images...). */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
