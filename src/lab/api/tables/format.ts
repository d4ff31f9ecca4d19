/**
 * Formatting helpers of kubectl's server-side printers: apimachinery's `HumanDuration`
 * (`45s`, `2m10s`, `3h5m`, `4d2h`), `translateTimestampSince` (`<unknown>` for missing
 * times), and the column-definition type every table uses.
 */
import type { LabObject } from '../../store/types.js';
import { asArray, asRecord, parseTime } from '../../store/object-utils.js';

export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export function col(
  name: string,
  description: string,
  opts: { type?: string; format?: string; priority?: number } = {},
): ColumnDefinition {
  return {
    name,
    type: opts.type ?? 'string',
    format: opts.format ?? '',
    description,
    priority: opts.priority ?? 0,
  };
}

export const NAME_COL = col(
  'Name',
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  { format: 'name' },
);
export const AGE_COL = col(
  'Age',
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
);
export const CONTAINERS_COL = col('Containers', 'Names of each container in the template.', {
  priority: 1,
});
export const IMAGES_COL = col('Images', 'Images referenced by each container in the template.', {
  priority: 1,
});

/** apimachinery `duration.HumanDuration`. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(seconds / 3600);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** `translateTimestampSince`: the age of a timestamp, `<unknown>` when absent. */
export function since(timestamp: unknown, now: Date): string {
  const t = parseTime(timestamp);
  if (!t || t.getTime() <= 0) return '<unknown>';
  return humanDuration(now.getTime() - t.getTime());
}

export function age(obj: LabObject, now: Date): string {
  return since(obj.metadata.creationTimestamp, now);
}

/** `layoutContainerCells`: container names and images, comma-joined. */
export function containerCells(podSpec: unknown): [string, string] {
  const containers = asArray(asRecord(podSpec)['containers']).map(asRecord);
  return [
    containers.map((c) => String(c['name'] ?? '')).join(','),
    containers.map((c) => String(c['image'] ?? '')).join(','),
  ];
}

export function int(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : 0;
}

/** "a,b,c + 2 more..." as the endpoint printers abbreviate. */
export function listWithMore(list: string[], count: number, max: number, empty: string): string {
  const shown = list.slice(0, max).join(',');
  if (count > max) return `${shown} + ${count - max} more...`;
  return shown === '' ? empty : shown;
}
