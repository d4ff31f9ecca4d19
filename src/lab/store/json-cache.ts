/**
 * Serialization cache for stored objects. Stored objects are frozen, so each one's JSON can be
 * computed once and reused by every list, get and watch response that includes it; this is
 * what lets the API server answer a 5,000-pod list by concatenating strings.
 */
const cache = new WeakMap<object, string>();

/** JSON of a value; memoized when the value is a frozen object. */
export function toJson(value: object): string {
  const hit = cache.get(value);
  if (hit !== undefined) return hit;
  const json = JSON.stringify(value);
  if (Object.isFrozen(value)) cache.set(value, json);
  return json;
}
