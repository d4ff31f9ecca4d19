/**
 * Name and identity generation the way the API server does it: `generateName` gets five
 * characters from apimachinery's "safe" alphabet (no vowels, no confusable digits), UIDs are
 * v4 UUIDs. A seeded random source makes both deterministic for tests and the scale mode.
 */

/** apimachinery `rand.String` alphabet: no vowels (no words), no 0/1/3 (no look-alikes). */
export const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export type RandomSource = () => number;

/** mulberry32: a tiny, fast, seedable PRNG (uniform in [0, 1)). */
export function seededRandom(seed: number): RandomSource {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomSuffix(random: RandomSource, length = 5): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out += SAFE_ALPHABET[Math.floor(random() * SAFE_ALPHABET.length)] ?? 'x';
  }
  return out;
}

/** A v4 UUID from the given random source. */
export function randomUid(random: RandomSource): string {
  const hex: string[] = [];
  for (let i = 0; i < 32; i++) hex.push(Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** FNV-1a 32-bit over a string's UTF-8 bytes. */
export function fnv32a(input: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(input, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * `rand.SafeEncodeString(fmt.Sprint(hash))`: each character of the decimal hash is mapped
 * into the safe alphabet by its code point, as the deployment controller names ReplicaSets.
 */
export function safeEncodeNumber(n: number): string {
  return String(n)
    .split('')
    .map((c) => SAFE_ALPHABET[c.charCodeAt(0) % SAFE_ALPHABET.length] ?? 'x')
    .join('');
}
