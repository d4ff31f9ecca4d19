/**
 * Builds `meta.k8s.io/v1` Table responses (what `kubectl get` prints) from stored objects,
 * choosing the printer by resource; every row carries the object, its metadata only
 * (`PartialObjectMetadata`, the default) or nothing, per `?includeObject=`.
 */
import type { LabObject, ResourceType } from '../../store/types.js';
import { groupResource } from '../../store/resource-types.js';
import { podRow, POD_COLUMNS } from './pods.js';
import type { ColumnDefinition } from './format.js';
import {
  daemonSetPrinter,
  deploymentPrinter,
  jobPrinter,
  replicaSetPrinter,
  statefulSetPrinter,
  type Printer,
} from './workloads.js';
import {
  configMapPrinter,
  endpointSlicePrinter,
  endpointsPrinter,
  eventPrinter,
  genericPrinter,
  leasePrinter,
  namespacePrinter,
  nodePrinter,
  secretPrinter,
  serviceAccountPrinter,
  servicePrinter,
} from './core.js';

interface Row {
  cells: unknown[];
  conditions?: Record<string, unknown>[];
}

interface TablePrinter {
  columns: ColumnDefinition[];
  row(obj: LabObject, now: Date): Row;
}

const wrap = (p: Printer): TablePrinter => ({
  columns: p.columns,
  row: (o, now) => ({ cells: p.row(o, now) }),
});

const PRINTERS: Record<string, TablePrinter> = {
  pods: { columns: POD_COLUMNS, row: podRow },
  services: wrap(servicePrinter),
  endpoints: wrap(endpointsPrinter),
  nodes: wrap(nodePrinter),
  namespaces: wrap(namespacePrinter),
  configmaps: wrap(configMapPrinter),
  secrets: wrap(secretPrinter),
  serviceaccounts: wrap(serviceAccountPrinter),
  events: wrap(eventPrinter),
  'events.k8s.io/events': wrap(eventPrinter),
  'apps/deployments': wrap(deploymentPrinter),
  'apps/replicasets': wrap(replicaSetPrinter),
  'apps/statefulsets': wrap(statefulSetPrinter),
  'apps/daemonsets': wrap(daemonSetPrinter),
  'batch/jobs': wrap(jobPrinter),
  'discovery.k8s.io/endpointslices': wrap(endpointSlicePrinter),
  'coordination.k8s.io/leases': wrap(leasePrinter),
};

export type IncludeObject = 'Object' | 'Metadata' | 'None';

export interface TableOptions {
  type: ResourceType;
  items: readonly LabObject[];
  now: Date;
  includeObject: IncludeObject;
  noHeaders?: boolean;
  version?: 'v1' | 'v1beta1';
  listMeta?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
}

function rowObject(obj: LabObject, include: IncludeObject, version: string): unknown {
  if (include === 'None') return null;
  if (include === 'Object') return obj;
  return {
    kind: 'PartialObjectMetadata',
    apiVersion: `meta.k8s.io/${version}`,
    metadata: obj.metadata,
  };
}

export function printerColumns(type: ResourceType): ColumnDefinition[] {
  return (PRINTERS[groupResource(type)] ?? wrap(genericPrinter)).columns;
}

export function buildTable(opts: TableOptions): object {
  const printer = PRINTERS[groupResource(opts.type)] ?? wrap(genericPrinter);
  const version = opts.version ?? 'v1';
  const rows = opts.items.map((obj) => {
    const r = printer.row(obj, opts.now);
    const row: Record<string, unknown> = {
      cells: r.cells,
      object: rowObject(obj, opts.includeObject, version),
    };
    if (r.conditions) row['conditions'] = r.conditions;
    return row;
  });
  const metadata: Record<string, unknown> = {};
  if (opts.listMeta?.resourceVersion) metadata['resourceVersion'] = opts.listMeta.resourceVersion;
  if (opts.listMeta?.continue) metadata['continue'] = opts.listMeta.continue;
  if (opts.listMeta?.remainingItemCount !== undefined)
    metadata['remainingItemCount'] = opts.listMeta.remainingItemCount;
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${version}`,
    metadata,
    columnDefinitions: opts.noHeaders ? null : printer.columns,
    rows,
  };
}
