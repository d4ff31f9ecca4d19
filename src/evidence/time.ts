/**
 * Time helpers for the formats kubectl and the kubelet print: Go durations (`2m10s`, `5m0s`,
 * `41d`, `3h4m`), describe's RFC 1123 times (`Wed, 11 Mar 2026 14:21:03 +0000`) and RFC 3339.
 * Pure functions: "now" is always passed in.
 */

const UNIT_SECONDS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  y: 365 * 86400,
};

/** Parse a Go/kubectl duration (`2m10s`, `1m20s`, `14m`, `41d`, `1.5s`) into seconds. */
export function parseDuration(text: string): number | undefined {
  const s = text.trim();
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h|d|y))+$/.test(s)) return undefined;
  let total = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d|y)/g)) {
    total += Number(m[1]) * (UNIT_SECONDS[m[2] ?? 's'] ?? 0);
  }
  return total;
}

/** Format seconds the way kubectl prints ages (`9s`, `2m10s`, `14m`, `5h3m`, `41d`). */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

const ISO_UTC = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Parse an absolute time as kubectl prints it: RFC 1123 with numeric zone (describe), RFC 3339
 * (JSON, log prefixes), or `2026-03-19 08:41:09.812` (common app logs, read as UTC).
 * Returns an ISO string or undefined.
 */
export function parseTime(text: string): string | undefined {
  const t = text.trim();
  // The common case, RFC 3339 in UTC (kubectl --timestamps, most JSON and app logs): already ISO.
  const utc = ISO_UTC.exec(t);
  if (utc) return `${utc[1]}.${(utc[2] ?? '').padEnd(3, '0').slice(0, 3)}Z`;
  const rfc1123 =
    /^(?:[A-Z][a-z]{2},\s+)?(\d{1,2})\s+([A-Z][a-z]{2})\s+(\d{4})\s+(\d{2}):(\d{2}):(\d{2})\s*([+-]\d{4}|UTC|GMT|Z)?$/.exec(
      t,
    );
  if (rfc1123) {
    const [, d, mon, y, hh, mm, ss, zone] = rfc1123;
    const month = MONTHS.indexOf(mon ?? '');
    if (month < 0) return undefined;
    let ms = Date.UTC(Number(y), month, Number(d), Number(hh), Number(mm), Number(ss));
    if (zone && /^[+-]\d{4}$/.test(zone)) {
      const sign = zone.startsWith('-') ? -1 : 1;
      const offset = (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))) * 60_000;
      ms -= sign * offset;
    }
    return safeIso(ms);
  }
  const iso =
    /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(
      t,
    );
  if (iso) {
    const [, y, mo, d, hh, mm, ss, frac, zone] = iso;
    let ms = Date.UTC(
      Number(y),
      Number(mo) - 1,
      Number(d),
      Number(hh),
      Number(mm),
      Number(ss),
      Number((frac ?? '0').slice(0, 3).padEnd(3, '0')),
    );
    if (zone && zone !== 'Z') {
      const sign = zone.startsWith('-') ? -1 : 1;
      const z = zone.replace(':', '');
      ms -= sign * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5))) * 60_000;
    }
    return safeIso(ms);
  }
  return undefined;
}

/** `now - age` as ISO, or undefined when either is unknown. */
export function timeFromAge(
  nowIso: string | undefined,
  age: string | undefined,
): string | undefined {
  if (!nowIso || !age) return undefined;
  const seconds = parseDuration(age);
  if (seconds === undefined) return undefined;
  return safeIso(Date.parse(nowIso) - seconds * 1000);
}

/** `new Date(ms).toISOString()`, or undefined for a time no Date can hold (absurd pasted ages). */
export function safeIso(ms: number): string | undefined {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : undefined;
}
