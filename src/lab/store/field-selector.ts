/**
 * Field selectors (`?fieldSelector=`): `k=v`, `k==v`, `k!=v` terms joined by commas, with `\`
 * escapes, over the fields each resource really supports (the API server's
 * `GetAttrs`/`SelectableFields`); any other field is a 400 "field label not supported".
 */
import type { LabObject, ResourceType } from './types.js';
import { StoreError } from './types.js';
import { getPath } from './object-utils.js';
import { groupResource } from './resource-types.js';

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

export type FieldSelector = FieldRequirement[];

type Extractor = (obj: LabObject) => unknown;

const path =
  (...keys: string[]): Extractor =>
  (obj) =>
    getPath(obj, keys);

const EVENT_FIELDS: Record<string, Extractor> = {
  'involvedObject.kind': path('involvedObject', 'kind'),
  'involvedObject.namespace': path('involvedObject', 'namespace'),
  'involvedObject.name': path('involvedObject', 'name'),
  'involvedObject.uid': path('involvedObject', 'uid'),
  'involvedObject.apiVersion': path('involvedObject', 'apiVersion'),
  'involvedObject.resourceVersion': path('involvedObject', 'resourceVersion'),
  'involvedObject.fieldPath': path('involvedObject', 'fieldPath'),
  reason: path('reason'),
  reportingComponent: path('reportingComponent'),
  source: path('source', 'component'),
  type: path('type'),
};

const FIELDS: Record<string, Record<string, Extractor>> = {
  pods: {
    'spec.nodeName': path('spec', 'nodeName'),
    'spec.restartPolicy': path('spec', 'restartPolicy'),
    'spec.schedulerName': path('spec', 'schedulerName'),
    'spec.serviceAccountName': path('spec', 'serviceAccountName'),
    'spec.hostNetwork': (o) => getPath(o, ['spec', 'hostNetwork']) ?? false,
    'status.phase': path('status', 'phase'),
    'status.podIP': path('status', 'podIP'),
    'status.nominatedNodeName': path('status', 'nominatedNodeName'),
  },
  events: EVENT_FIELDS,
  secrets: { type: path('type') },
  nodes: { 'spec.unschedulable': (o) => getPath(o, ['spec', 'unschedulable']) ?? false },
  namespaces: { 'status.phase': path('status', 'phase') },
  services: { 'spec.clusterIP': path('spec', 'clusterIP'), 'spec.type': path('spec', 'type') },
  'apps/replicasets': { 'status.replicas': (o) => getPath(o, ['status', 'replicas']) ?? 0 },
  'batch/jobs': { 'status.successful': (o) => getPath(o, ['status', 'succeeded']) ?? 0 },
};

/** The events.k8s.io/v1 names of the same stored fields. */
const EVENTS_V1_ALIASES: Record<string, string> = {
  'regarding.kind': 'involvedObject.kind',
  'regarding.namespace': 'involvedObject.namespace',
  'regarding.name': 'involvedObject.name',
  'regarding.uid': 'involvedObject.uid',
  'regarding.apiVersion': 'involvedObject.apiVersion',
  'regarding.resourceVersion': 'involvedObject.resourceVersion',
  'regarding.fieldPath': 'involvedObject.fieldPath',
  reportingController: 'reportingComponent',
  'deprecatedSource.component': 'source',
};

function unescape(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

function splitUnescaped(input: string, sep: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < input.length; i++) {
    const ch = input[i] ?? '';
    if (ch === '\\' && i + 1 < input.length) {
      cur += ch + (input[i + 1] ?? '');
      i++;
    } else if (ch === sep) {
      parts.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  parts.push(cur);
  return parts;
}

/** Parses `?fieldSelector=`; empty selects everything. Throws BadRequest on bad syntax. */
export function parseFieldSelector(input: string | undefined): FieldSelector {
  const text = input ?? '';
  if (text.trim() === '') return [];
  const out: FieldRequirement[] = [];
  for (const term of splitUnescaped(text, ',')) {
    if (term === '') continue;
    let idx = -1;
    let op: '=' | '!=' = '=';
    let opLen = 1;
    for (let i = 0; i < term.length; i++) {
      const ch = term[i];
      if (ch === '\\') {
        i++;
        continue;
      }
      if (ch === '!' && term[i + 1] === '=') {
        idx = i;
        op = '!=';
        opLen = 2;
        break;
      }
      if (ch === '=') {
        idx = i;
        op = '=';
        opLen = term[i + 1] === '=' ? 2 : 1;
        break;
      }
    }
    if (idx <= 0) {
      throw new StoreError(
        'BadRequest',
        400,
        `invalid selector: '${text}'; can't understand '${term}'`,
      );
    }
    out.push({
      field: unescape(term.slice(0, idx)).trim(),
      op,
      value: unescape(term.slice(idx + opLen)),
    });
  }
  return out;
}

function extractorFor(type: ResourceType, field: string): Extractor | undefined {
  if (field === 'metadata.name') return path('metadata', 'name');
  if (field === 'metadata.namespace' && type.namespaced) return path('metadata', 'namespace');
  const key = type.group === 'events.k8s.io' ? 'events' : groupResource(type);
  const table = FIELDS[key];
  if (type.group === 'events.k8s.io') {
    const alias = EVENTS_V1_ALIASES[field];
    if (alias) return EVENT_FIELDS[alias];
  }
  return table?.[field];
}

/**
 * Compiles a parsed selector for one resource type into a predicate; unsupported fields are a
 * 400 like the real server's.
 */
export function compileFieldSelector(
  type: ResourceType,
  selector: FieldSelector,
): (obj: LabObject) => boolean {
  if (selector.length === 0) return () => true;
  const checks = selector.map((req) => {
    const extract = extractorFor(type, req.field);
    if (!extract) {
      throw new StoreError('BadRequest', 400, `field label not supported: ${req.field}`);
    }
    return { extract, req };
  });
  return (obj) => {
    for (const { extract, req } of checks) {
      const raw = extract(obj);
      const value = raw === undefined || raw === null ? '' : String(raw);
      if (req.op === '=' ? value !== req.value : value === req.value) return false;
    }
    return true;
  };
}

/** The single `metadata.name=x` a selector pins, if any (lets lists skip a full scan). */
export function pinnedName(selector: FieldSelector): string | undefined {
  const hit = selector.find((r) => r.field === 'metadata.name' && r.op === '=');
  return hit?.value;
}
