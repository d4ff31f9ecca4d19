/**
 * Formatting the kubelet does in its messages: Go `time.Duration` strings (`10s`, `1m20s`,
 * `5m0s`), the pod's full name `name_namespace(uid)`, container IDs, image digests, and the
 * Kubernetes resource quantities the kubelet reads from specs. Pure functions.
 */
import { createHash, randomBytes } from 'node:crypto';

/** Go's `time.Duration.String()` for whole or fractional seconds: 10s, 1m20s, 5m0s, 1h0m0s, 500ms. */
export function goDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  if (seconds < 1) {
    const ms = Math.round(seconds * 1000);
    return `${ms}ms`;
  }
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.round((seconds % 60) * 1000) / 1000;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

/** The kubelet's `format.Pod`: `name_namespace(uid)`. */
export function podFullName(pod: { name: string; namespace: string; uid: string }): string {
  return `${pod.name}_${pod.namespace}(${pod.uid})`;
}

/** A containerd container ID: `containerd://` + 64 hex characters. */
export function newContainerId(): string {
  return `containerd://${randomBytes(32).toString('hex')}`;
}

/** A content digest like a registry's: `sha256:` + hex of the bytes given. */
export function digestOf(content: string): string {
  return `sha256:${createHash('sha256').update(content).digest('hex')}`;
}

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/**
 * A resource quantity (`256Mi`, `1Gi`, `500m`, `1.5`, `128M`, `1e3`) as a number of base units
 * (bytes for memory, cores for CPU). Undefined when it is not a quantity.
 */
export function parseQuantity(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const m =
    /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/.exec(
      value.trim(),
    );
  if (!m?.[1]) return undefined;
  const base = Number(m[1]);
  if (m[2]) return base * 10 ** Number(m[2].slice(1));
  const suffix = m[3] ?? '';
  const factor = BINARY[suffix] ?? DECIMAL[suffix];
  return factor === undefined ? undefined : base * factor;
}

/** RFC 3339 with seconds, as Kubernetes writes `startedAt`/`finishedAt`: `2026-03-11T14:33:02Z`. */
export function rfc3339(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** RFC 3339 with nanoseconds, as `kubectl logs --timestamps` prints. */
export function rfc3339Nano(date: Date, extraNanos = 0): string {
  const base = date.toISOString().slice(0, 23);
  const nanos = String(extraNanos % 1_000_000).padStart(6, '0');
  return `${base}${nanos}Z`;
}
