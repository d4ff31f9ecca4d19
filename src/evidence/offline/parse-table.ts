/**
 * Parser for `kubectl get` tables (pods, events, endpoints, services, workloads, nodes, custom
 * columns...). Pasted tables are often damaged: rows shifted by a long cell, cells with single
 * spaces (`7 (2m10s ago)`), wrapped event messages, tabs instead of spaces, collapsed spacing.
 * Cells are sliced by the header's column positions with a small alignment search, then known
 * tables are turned into the API-shaped evidence of `types.ts`, one item per row so a diagnosis
 * can point at the exact row it read.
 */
import type {
  Condition,
  ContainerState,
  ContainerStatus,
  EndpointAddress,
  Endpoints,
  Item,
  KEvent,
  KubeObject,
  Node,
  ObjectMeta,
  Pod,
  Service,
  TableRow,
  Workload,
} from '../types.js';
import type { Block, BlockParser, KubectlCommand, ParsedBlock } from './block.js';

/** Annotation keys for facts only a printed table carries (our convention, not Kubernetes'). */
export const PRINTED_STATUS_ANNOTATION = 'crashlens.dev/printed-status';
export const PRINTED_READY_ANNOTATION = 'crashlens.dev/printed-ready';
export const LAST_RESTART_AGE_ANNOTATION = 'crashlens.dev/last-restart-age';
export const AGE_ANNOTATION = 'crashlens.dev/age';
/** Number of data keys printed by `get configmaps` (the keys themselves are not printed). */
export const DATA_COUNT_ANNOTATION = 'crashlens.dev/data-count';
/** Set on Endpoints built from an EndpointSlice table: the table does not print readiness. */
export const READINESS_UNKNOWN_ANNOTATION = 'crashlens.dev/readiness-unknown';

// ---------------------------------------------------------------------------------------------
// Generic table slicing
// ---------------------------------------------------------------------------------------------

/** One header column: its printed name and the character position it starts at. */
export interface TableColumn {
  name: string;
  start: number;
}

/** One table row: cells keyed by column name, and where it sits in the given lines. */
export interface KubectlTableRow {
  /** Index into the given lines of the row's first physical line. */
  offset: number;
  /** Physical lines the row spans (more than 1 when a wrapped cell continued on later lines). */
  lineCount: number;
  cells: Record<string, string>;
  /** True when trailing cells were missing (a cut-off paste). */
  truncated?: boolean;
}

export interface KubectlTable {
  /** Index into the given lines of the header line. */
  headerOffset: number;
  columns: TableColumn[];
  rows: KubectlTableRow[];
}

const HEADER_WORD = /^[A-Z][A-Z0-9_\-./:%#]*(\([A-Za-z]+\))?$/;
const MAX_COLUMNS = 40;
/** A wrapped row never spans more lines than this; later junk lines are skipped. */
const MAX_ROW_LINES = 12;
/** Two-word column names kubectl prints; used when spacing was collapsed to single spaces. */
const TWO_WORD_COLUMNS = new Set([
  'LAST SEEN',
  'FIRST SEEN',
  'NOMINATED NODE',
  'READINESS GATES',
  'NODE SELECTOR',
  'LAST SCHEDULE',
  'ACCESS MODES',
]);
const NOISE_LINE =
  /^\s*(No resources found|Error from server|error:|Error:|Warning:|[WEIF]\d{4} \d{2}:\d{2}:\d{2})/;

function isHeaderToken(token: string): boolean {
  return token.split(' ').every((w) => HEADER_WORD.test(w));
}

interface HeaderInfo {
  columns: TableColumn[];
  mode: 'space' | 'tab' | 'collapsed';
}

/** Expand tabs to 8-column tab stops so positions match what a terminal showed. */
function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const ch of line) {
    if (ch === '\t') out += ' '.repeat(8 - (out.length % 8));
    else out += ch;
  }
  return out;
}

function readHeader(rawLine: string): HeaderInfo | undefined {
  const line = rawLine.replace(/\s+$/, '');
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.length > 2000) return undefined;
  if (line.includes('\t')) {
    const names = trimmed
      .split(/\t+| {2,}/)
      .map((t) => t.trim())
      .filter((t) => t !== '');
    if (names.length < 2 || names.length > MAX_COLUMNS || !names.every(isHeaderToken))
      return undefined;
    return { columns: names.map((name, i) => ({ name, start: i })), mode: 'tab' };
  }
  const columns: TableColumn[] = [];
  for (const m of line.matchAll(/\S+(?: \S+)*/g)) {
    columns.push({ name: m[0], start: m.index });
  }
  if (columns.length > MAX_COLUMNS || !columns.every((c) => isHeaderToken(c.name)))
    return undefined;
  if (columns.length >= 2) return { columns, mode: 'space' };
  // Spacing collapsed to single spaces: split on spaces, re-join the known two-word names.
  const words = trimmed.split(' ');
  if (words.length < 2 || !/^(NAME|NAMESPACE|LAST|LASTSEEN)$/.test(words[0] ?? '')) {
    return undefined;
  }
  const names: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const pair = `${words[i]} ${words[i + 1] ?? ''}`;
    if (TWO_WORD_COLUMNS.has(pair)) {
      names.push(pair);
      i++;
    } else names.push(words[i] ?? '');
  }
  if (names.length < 2 || names.length > MAX_COLUMNS) return undefined;
  return { columns: names.map((name, i) => ({ name, start: i })), mode: 'collapsed' };
}

interface Chunk {
  start: number;
  end: number;
}

/** Which column holds free text (gets merges and wrapped continuations). */
function freeColumn(columns: TableColumn[]): number {
  const i = columns.findIndex((c) => c.name === 'MESSAGE');
  return i >= 0 ? i : columns.length - 1;
}

const EMPTY_COST = 3;
const MERGE_COST = 3;
const MAX_MERGE = 8;
const MAX_SKIP = 6;

/**
 * Assign chunks (runs of text separated by 2+ spaces) to columns. Cells are left-aligned under
 * their header, but a long cell can push the rest of a row right, so the cost of placing a chunk
 * is the change in shift relative to the previous cell, plus fixed costs for empty columns and
 * for merging chunks into one cell (free for the free-text column).
 */
function alignChunks(chunks: Chunk[], columns: TableColumn[]): (Chunk[] | undefined)[] {
  const m = columns.length;
  const n = chunks.length;
  const result: (Chunk[] | undefined)[] = columns.map(() => undefined);
  if (n === 0) return result;
  if (n === m || n * m > 1500) {
    // Same count: one chunk per column. Absurdly wide rows: keep the work bounded, in order.
    chunks.slice(0, m).forEach((c, i) => (result[i] = [c]));
    if (n > m) result[m - 1] = chunks.slice(m - 1);
    return result;
  }
  const free = freeColumn(columns);
  const mergeCost = (col: number): number => (col === free ? 0.5 : MERGE_COST);
  const drift = (j: number, i: number): number =>
    (chunks[j]?.start ?? 0) - (columns[i]?.start ?? 0);
  // A long cell pushes the rest of its row right (cheap); cells left of their column are rarer.
  const shiftCost = (delta: number): number => (delta >= 0 ? delta * 0.3 : -delta);
  const INF = Number.POSITIVE_INFINITY;
  const best: number[][] = Array.from({ length: n }, () => new Array<number>(m).fill(INF));
  const prev: ([number, number] | undefined)[][] = Array.from({ length: n }, () =>
    new Array<[number, number] | undefined>(m).fill(undefined),
  );
  for (let i = 0; i < m; i++) {
    const d = drift(0, i);
    best[0]![i] = EMPTY_COST * i + shiftCost(d) + Math.abs(d) * 0.02;
  }
  for (let j = 1; j < n; j++) {
    for (let i = 1; i < m; i++) {
      const d = drift(j, i);
      let bestCost = INF;
      let bestPrev: [number, number] | undefined;
      for (let jp = Math.max(0, j - MAX_MERGE - 1); jp < j; jp++) {
        for (let ip = Math.max(0, i - MAX_SKIP - 1); ip < i; ip++) {
          const base = best[jp]![ip]!;
          if (base === INF) continue;
          const merged = j - jp - 1;
          if (merged > 0 && ip !== free && ip !== m - 1 && merged > 3) continue;
          const cost =
            base +
            merged * mergeCost(ip) +
            EMPTY_COST * (i - ip - 1) +
            shiftCost(d - drift(jp, ip)) +
            Math.abs(d) * 0.02;
          if (cost < bestCost) {
            bestCost = cost;
            bestPrev = [jp, ip];
          }
        }
      }
      best[j]![i] = bestCost;
      prev[j]![i] = bestPrev;
    }
  }
  let finalCost = INF;
  let end: [number, number] | undefined;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < m; i++) {
      const base = best[j]![i]!;
      if (base === INF) continue;
      const cost = base + (n - 1 - j) * mergeCost(i) + EMPTY_COST * (m - 1 - i);
      if (cost < finalCost) {
        finalCost = cost;
        end = [j, i];
      }
    }
  }
  if (!end) return result;
  let [j, i] = end;
  let lastChunk = n - 1;
  for (;;) {
    result[i] = chunks.slice(j, lastChunk + 1);
    const p = prev[j]?.[i];
    if (!p) break;
    lastChunk = j - 1;
    [j, i] = p;
  }
  return result;
}

function spaceChunks(line: string): Chunk[] {
  const chunks: Chunk[] = [];
  for (const m of line.matchAll(/\S+(?: \S+)*/g)) {
    chunks.push({ start: m.index, end: m.index + m[0].length });
  }
  // Bound the alignment work on absurd lines: fold the tail into one chunk.
  if (chunks.length > 2 * MAX_COLUMNS + 4) {
    const keep = chunks.slice(0, 2 * MAX_COLUMNS + 3);
    const last = chunks[chunks.length - 1]!;
    keep.push({ start: chunks[2 * MAX_COLUMNS + 3]!.start, end: last.end });
    return keep;
  }
  return chunks;
}

interface Sliced {
  cells: string[];
  truncated: boolean;
}

function sliceSpace(line: string, columns: TableColumn[]): Sliced {
  const chunks = spaceChunks(line);
  const assigned = alignChunks(chunks, columns);
  const cells = assigned.map((cs) =>
    cs && cs.length > 0 ? line.slice(cs[0]!.start, cs[cs.length - 1]!.end) : '',
  );
  // A cell that ran into an empty next column with a single space: split it at that column.
  for (let i = 0; i + 1 < columns.length; i++) {
    const cs = assigned[i];
    if (!cs || cs.length === 0 || assigned[i + 1]) continue;
    const start = cs[0]!.start;
    const text = cells[i] ?? '';
    const target = columns[i + 1]!.start;
    if (start + text.length <= target) continue;
    let split = -1;
    for (let k = 0; k < text.length; k++) {
      if (text[k] === ' ' && Math.abs(start + k - target) <= 2) split = k;
    }
    if (split > 0) {
      cells[i] = text.slice(0, split).trim();
      cells[i + 1] = text.slice(split + 1).trim();
      assigned[i + 1] = [];
    }
  }
  // `3 (5s ago) 9m`: an age typed after a single space, with the AGE column left empty.
  const ageIndex = columns.findIndex((c) => c.name === 'AGE');
  if (ageIndex > 0 && cells[ageIndex] === '') {
    const before = cells[ageIndex - 1] ?? '';
    const m = /^(.+\S) +(\d+[smhdy](?:\d+[smhdy])*)$/.exec(before);
    if (m) {
      cells[ageIndex - 1] = m[1] ?? '';
      cells[ageIndex] = m[2] ?? '';
    }
  }
  const lastIndex = columns.length - 1;
  return { cells, truncated: cells[lastIndex] === '' && chunks.length > 0 };
}

function sliceInOrder(parts: string[], columns: TableColumn[]): Sliced {
  const m = columns.length;
  const cells = columns.map(() => '');
  if (parts.length <= m) {
    parts.forEach((p, i) => (cells[i] = p));
  } else {
    const free = freeColumn(columns);
    const extra = parts.length - m;
    let k = 0;
    for (let i = 0; i < m; i++) {
      if (i === free) {
        cells[i] = parts.slice(k, k + extra + 1).join(' ');
        k += extra + 1;
      } else {
        cells[i] = parts[k] ?? '';
        k++;
      }
    }
  }
  return { cells, truncated: parts.length < m && parts.length > 0 };
}

/** Split a collapsed (single-space) row, keeping `7 (2m ago)` and `(x3 over 9m)` together. */
function collapsedParts(line: string): string[] {
  const words = line.trim().split(/\s+/);
  const parts: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    if (w.startsWith('(') && parts.length > 0) {
      let group = w;
      while (!group.endsWith(')') && i + 1 < words.length) group += ` ${words[++i] ?? ''}`;
      parts[parts.length - 1] += ` ${group}`;
    } else parts.push(w);
  }
  return parts;
}

function sliceRow(line: string, header: HeaderInfo): Sliced {
  if (header.mode === 'tab') {
    const parts = line
      .trim()
      .split(/\t+| {2,}/)
      .map((p) => p.trim())
      .filter((p) => p !== '');
    return sliceInOrder(parts, header.columns);
  }
  if (header.mode === 'collapsed') return sliceInOrder(collapsedParts(line), header.columns);
  return sliceSpace(expandTabs(line), header.columns);
}

const AGE_CELL = /^((\d+[smhdy])+|<unknown>|<invalid>)$/;
const COUNTS_CELL = /^\d+\/\d+$/;

/** Does a sliced line look like a real row of this table (not the wrapped tail of a row)? */
function plausibleRow(cells: Record<string, string>, kind: TableKind): boolean {
  const first = Object.values(cells)[0] ?? '';
  if (first === '') return false;
  if (kind === 'events' && !/^(Normal|Warning)$/.test(cells['TYPE'] ?? '')) return false;
  const ready = cells['READY'] ?? '';
  if (ready !== '') {
    if (
      (kind === 'pods' || kind === 'deployments' || kind === 'statefulsets') &&
      !COUNTS_CELL.test(ready)
    )
      return false;
    if ((kind === 'replicasets' || kind === 'daemonsets') && !/^\d+$/.test(ready)) return false;
  }
  if (kind === 'other') return true;
  const restarts = cells['RESTARTS'] ?? '';
  if (restarts !== '' && !/^\d/.test(restarts)) return false;
  const age = cells['AGE'] ?? '';
  if (age !== '' && !AGE_CELL.test(age)) return false;
  return true;
}

function toRecord(columns: TableColumn[], cells: string[]): Record<string, string> {
  const rec: Record<string, string> = {};
  columns.forEach((c, i) => {
    let key = c.name;
    for (let n = 2; key in rec; n++) key = `${c.name}_${n}`;
    rec[key] = (cells[i] ?? '').trim();
  });
  return rec;
}

interface WorkingRow extends KubectlTableRow {
  /** The logical (unwrapped) line used for slicing. */
  logical: string;
  /** Length of the last physical line, to spot terminal hard wraps. */
  lastLength: number;
}

/**
 * Parse every `kubectl get`-style table in `lines` (a block may hold several, e.g.
 * `kubectl get all`). A table starts at a header line of upper-case column names; a later header
 * after a blank line starts the next table.
 */
export function parseKubectlTables(lines: readonly string[]): KubectlTable[] {
  const tables: KubectlTable[] = [];
  let header: HeaderInfo | undefined;
  let current: { table: KubectlTable; rows: WorkingRow[]; kind: TableKind } | undefined;
  let afterBlank = true;
  const finish = (): void => {
    if (!current) return;
    current.table.rows = current.rows.map((r) => {
      const row: KubectlTableRow = { offset: r.offset, lineCount: r.lineCount, cells: r.cells };
      if (r.truncated) row.truncated = true;
      return row;
    });
    tables.push(current.table);
    current = undefined;
  };
  for (let idx = 0; idx < lines.length; idx++) {
    const raw = lines[idx] ?? '';
    if (raw.trim() === '') {
      afterBlank = true;
      continue;
    }
    const startsTable = !current || afterBlank || current.rows.length === 0;
    afterBlank = false;
    if (startsTable) {
      const h = readHeader(raw);
      if (h) {
        finish();
        header = h;
        current = {
          table: { headerOffset: idx, columns: h.columns, rows: [] },
          rows: [],
          kind: kindFromHeader(new Set(h.columns.map((c) => c.name))),
        };
        continue;
      }
    }
    if (!current || !header) continue;
    if (NOISE_LINE.test(raw) || /^\s*-{2,}(\s+-{2,})*\s*$/.test(raw)) continue;
    const { columns } = header;
    const last = current.rows[current.rows.length - 1];
    const line = raw.replace(/\s+$/, '');
    const indent = expandTabs(line).search(/\S/);
    const free = freeColumn(columns);
    // An indented line under a later column is a wrapped cell of the previous row.
    if (last && header.mode === 'space' && indent > 0 && indent >= (columns[1]?.start ?? 1)) {
      let target = free;
      for (let i = 0; i < columns.length; i++) {
        if ((columns[i]?.start ?? 0) <= indent + 2) target = i;
      }
      const key = Object.keys(last.cells)[target] ?? '';
      last.cells[key] = `${last.cells[key] ?? ''} ${line.trim()}`.trim();
      last.lineCount = idx - last.offset + 1;
      last.lastLength = line.length;
      continue;
    }
    const sliced = sliceRow(line, header);
    const cells = toRecord(columns, sliced.cells);
    const nonEmpty = sliced.cells.filter((c) => c !== '').length;
    const prevLong = last !== undefined && last.lastLength >= 70;
    let valid = plausibleRow(cells, current.kind);
    if (valid && nonEmpty === 1 && columns.length >= 3 && prevLong) valid = false;
    if (valid || !last) {
      current.rows.push({
        offset: idx,
        lineCount: 1,
        cells,
        truncated: sliced.truncated,
        logical: line,
        lastLength: line.length,
      });
      continue;
    }
    // Not a row: the tail of the previous row, hard-wrapped by a terminal or an editor.
    if (last.lineCount >= MAX_ROW_LINES) continue;
    if (prevLong && last.logical.length < 4000) {
      const logical = last.logical + line;
      const again = sliceRow(logical, header);
      const rec = toRecord(columns, again.cells);
      if (plausibleRow(rec, current.kind)) {
        last.cells = rec;
        last.truncated = again.truncated;
        last.logical = logical;
        last.lineCount = idx - last.offset + 1;
        last.lastLength = line.length;
        continue;
      }
    }
    const key = Object.keys(last.cells)[free] ?? '';
    const joiner = prevLong ? '' : ' ';
    last.cells[key] = `${last.cells[key] ?? ''}${joiner}${line.trim()}`.trim();
    if (last.logical.length < 4000) last.logical = `${last.logical} ${line.trim()}`;
    last.lineCount = idx - last.offset + 1;
    last.lastLength = line.length;
  }
  finish();
  return tables;
}

/** Parse the first `kubectl get`-style table in `lines` (see {@link parseKubectlTables}). */
export function parseKubectlTable(lines: readonly string[]): KubectlTable | undefined {
  return parseKubectlTables(lines)[0];
}

// ---------------------------------------------------------------------------------------------
// Kinds and small cell readers
// ---------------------------------------------------------------------------------------------

const KIND_BY_TYPE: Record<string, string> = {
  pod: 'Pod',
  po: 'Pod',
  deployment: 'Deployment',
  deploy: 'Deployment',
  replicaset: 'ReplicaSet',
  rs: 'ReplicaSet',
  statefulset: 'StatefulSet',
  sts: 'StatefulSet',
  daemonset: 'DaemonSet',
  ds: 'DaemonSet',
  job: 'Job',
  cronjob: 'CronJob',
  cj: 'CronJob',
  service: 'Service',
  svc: 'Service',
  endpoints: 'Endpoints',
  ep: 'Endpoints',
  endpointslice: 'EndpointSlice',
  node: 'Node',
  no: 'Node',
  namespace: 'Namespace',
  ns: 'Namespace',
  persistentvolumeclaim: 'PersistentVolumeClaim',
  pvc: 'PersistentVolumeClaim',
  persistentvolume: 'PersistentVolume',
  pv: 'PersistentVolume',
  configmap: 'ConfigMap',
  cm: 'ConfigMap',
  secret: 'Secret',
  serviceaccount: 'ServiceAccount',
  sa: 'ServiceAccount',
  ingress: 'Ingress',
  ing: 'Ingress',
  ingressclass: 'IngressClass',
  horizontalpodautoscaler: 'HorizontalPodAutoscaler',
  hpa: 'HorizontalPodAutoscaler',
  verticalpodautoscaler: 'VerticalPodAutoscaler',
  vpa: 'VerticalPodAutoscaler',
  poddisruptionbudget: 'PodDisruptionBudget',
  pdb: 'PodDisruptionBudget',
  networkpolicy: 'NetworkPolicy',
  netpol: 'NetworkPolicy',
  storageclass: 'StorageClass',
  volumeattachment: 'VolumeAttachment',
  lease: 'Lease',
  event: 'Event',
  ev: 'Event',
  role: 'Role',
  rolebinding: 'RoleBinding',
  clusterrole: 'ClusterRole',
  clusterrolebinding: 'ClusterRoleBinding',
  customresourcedefinition: 'CustomResourceDefinition',
  crd: 'CustomResourceDefinition',
  replicationcontroller: 'ReplicationController',
  rc: 'ReplicationController',
  controllerrevision: 'ControllerRevision',
  resourcequota: 'ResourceQuota',
  quota: 'ResourceQuota',
  limitrange: 'LimitRange',
  priorityclass: 'PriorityClass',
  podtemplate: 'PodTemplate',
  certificate: 'Certificate',
  certificaterequest: 'CertificateRequest',
  issuer: 'Issuer',
  clusterissuer: 'ClusterIssuer',
  rollout: 'Rollout',
  analysisrun: 'AnalysisRun',
  application: 'Application',
  applicationset: 'ApplicationSet',
  kustomization: 'Kustomization',
  helmrelease: 'HelmRelease',
  gitrepository: 'GitRepository',
  helmrepository: 'HelmRepository',
  scaledobject: 'ScaledObject',
  servicemonitor: 'ServiceMonitor',
  podmonitor: 'PodMonitor',
  prometheusrule: 'PrometheusRule',
  mutatingwebhookconfiguration: 'MutatingWebhookConfiguration',
  validatingwebhookconfiguration: 'ValidatingWebhookConfiguration',
  csinode: 'CSINode',
  csidriver: 'CSIDriver',
  runtimeclass: 'RuntimeClass',
};

const CLUSTER_SCOPED = new Set([
  'Node',
  'Namespace',
  'PersistentVolume',
  'StorageClass',
  'VolumeAttachment',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PriorityClass',
  'ClusterIssuer',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'CSINode',
  'CSIDriver',
  'RuntimeClass',
  'IngressClass',
]);

/**
 * The API Kind for a printed type: `pod`, `Pod`, `pods`, `deployment.apps`, `hpa` → `Pod`,
 * `Deployment`, `HorizontalPodAutoscaler`. Unknown types get their first letter capitalised.
 */
export function kindFromType(type: string): string {
  const base = type.trim().split('.')[0] ?? '';
  if (base === '') return '';
  const lower = base.toLowerCase();
  const known =
    KIND_BY_TYPE[lower] ??
    (lower.endsWith('ies') ? KIND_BY_TYPE[`${lower.slice(0, -3)}y`] : undefined) ??
    (lower.endsWith('ses') || lower.endsWith('xes')
      ? KIND_BY_TYPE[lower.slice(0, -2)]
      : undefined) ??
    (lower.endsWith('s') ? KIND_BY_TYPE[lower.slice(0, -1)] : undefined);
  if (known) return known;
  return base.charAt(0).toUpperCase() + base.slice(1);
}

/** A cell with a value, or undefined for empty and kubectl's placeholders. */
function present(cell: string | undefined): string | undefined {
  if (cell === undefined) return undefined;
  const s = cell.trim();
  if (s === '' || /^<(none|unknown|unset|invalid|nil|pending)>$/.test(s)) return undefined;
  return s;
}

function int(cell: string | undefined): number | undefined {
  const s = present(cell);
  if (s === undefined || !/^\d+$/.test(s)) return undefined;
  return Number(s);
}

function counts(cell: string | undefined): [number, number] | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(cell?.trim() ?? '');
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** `app=web,tier=api` → labels; undefined for `<none>` or anything unparseable. */
function labelMap(cell: string | undefined): Record<string, string> | undefined {
  const s = present(cell);
  if (s === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const part of s.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

function list(cell: string | undefined): string[] {
  const s = present(cell);
  return s === undefined ? [] : s.split(',').map((x) => x.trim());
}

// ---------------------------------------------------------------------------------------------
// Row interpreters
// ---------------------------------------------------------------------------------------------

type TableKind =
  | 'pods'
  | 'events'
  | 'endpoints'
  | 'endpointslices'
  | 'services'
  | 'deployments'
  | 'replicasets'
  | 'statefulsets'
  | 'daemonsets'
  | 'jobs'
  | 'cronjobs'
  | 'nodes'
  | 'configmaps'
  | 'secrets'
  | 'other';

function kindFromHeader(names: Set<string>): TableKind {
  const has = (...n: string[]): boolean => n.every((x) => names.has(x));
  if (has('NAME', 'READY', 'STATUS', 'RESTARTS')) return 'pods';
  if ((has('LAST SEEN') || has('LASTSEEN')) && has('REASON') && (has('OBJECT') || has('KIND')))
    return 'events';
  if (has('NAME', 'ADDRESSTYPE', 'ENDPOINTS')) return 'endpointslices';
  if (has('NAME', 'ENDPOINTS')) return 'endpoints';
  if (has('NAME', 'TYPE', 'CLUSTER-IP')) return 'services';
  if (has('NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE')) return 'daemonsets';
  if (has('NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE')) return 'deployments';
  if (has('NAME', 'DESIRED', 'CURRENT', 'READY')) return 'replicasets';
  if (has('NAME', 'COMPLETIONS', 'DURATION')) return 'jobs';
  if (has('NAME', 'SCHEDULE', 'SUSPEND', 'ACTIVE')) return 'cronjobs';
  if (has('NAME', 'STATUS', 'ROLES', 'VERSION')) return 'nodes';
  const rest = [...names].filter((n) => !['NAMESPACE', 'CONTAINERS', 'IMAGES'].includes(n));
  if (rest.length === 3 && has('NAME', 'READY', 'AGE')) return 'statefulsets';
  const plain = [...names].filter((n) => n !== 'NAMESPACE');
  if (plain.length === 3 && has('NAME', 'DATA', 'AGE')) return 'configmaps';
  if (plain.length === 4 && has('NAME', 'TYPE', 'DATA', 'AGE')) return 'secrets';
  return 'other';
}

const KIND_TO_TABLE: Record<string, TableKind> = {
  Pod: 'pods',
  Event: 'events',
  Endpoints: 'endpoints',
  EndpointSlice: 'endpointslices',
  Service: 'services',
  Deployment: 'deployments',
  ReplicaSet: 'replicasets',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
  Job: 'jobs',
  CronJob: 'cronjobs',
  Node: 'nodes',
  ConfigMap: 'configmaps',
  Secret: 'secrets',
};
/** Header shapes generic enough that a custom resource could print them too. */
const WEAK_HEADER_KINDS = new Set<TableKind>(['statefulsets', 'configmaps']);

function decideKind(names: Set<string>, resource: string | undefined): TableKind {
  const byHeader = kindFromHeader(names);
  if (!resource || resource === 'all') return byHeader;
  // `get events.events.k8s.io`, `get deploy,svc`: several resources or a group suffix.
  if (resource.includes(',')) return byHeader;
  const byResource = KIND_TO_TABLE[kindFromType(resource)];
  if (byHeader === 'other') return 'other';
  if (byResource === undefined) return WEAK_HEADER_KINDS.has(byHeader) ? 'other' : byHeader;
  if (byResource !== byHeader) {
    // `kubectl events` and `get events` print the same header; anything else is custom output.
    return 'other';
  }
  return byHeader;
}

interface RowContext {
  cells: Record<string, string>;
  namespace: string | undefined;
  /** The type prefix from `kubectl get all` names (`deployment.apps/x` → `deployment.apps`). */
  prefix: string | undefined;
  name: string | undefined;
  warn: (message: string) => void;
}

function meta(ctx: RowContext, clusterScoped = false): ObjectMeta {
  const m: ObjectMeta = {};
  if (ctx.name !== undefined) m.name = ctx.name;
  if (!clusterScoped && ctx.namespace !== undefined) m.namespace = ctx.namespace;
  const age = present(ctx.cells['AGE']);
  if (age !== undefined) m.annotations = { [AGE_ANNOTATION]: age };
  return m;
}

function annotate(m: ObjectMeta, key: string, value: string | undefined): void {
  if (value === undefined) return;
  m.annotations = { ...(m.annotations ?? {}), [key]: value };
}

const WAITING_REASONS = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'ErrImageNeverPull',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'ContainerCreating',
  'PodInitializing',
  'InvalidImageName',
  'ImageInspectError',
  'RegistryUnavailable',
  'PreCreateHookError',
  'PreStartHookError',
  'PostStartHookError',
]);
const TERMINATED_REASONS = new Set([
  'Error',
  'OOMKilled',
  'Completed',
  'ContainerCannotRun',
  'StartError',
  'ContainerStatusUnknown',
  'DeadlineExceeded',
]);
/** Waiting reasons of a container that has never run yet (the pod is still Pending). */
const PENDING_REASONS = new Set([
  'ContainerCreating',
  'PodInitializing',
  'ImagePullBackOff',
  'ErrImagePull',
  'ErrImageNeverPull',
  'InvalidImageName',
  'ImageInspectError',
  'RegistryUnavailable',
  'CreateContainerConfigError',
  'CreateContainerError',
]);
/** Pod-level reasons of a pod the kubelet rejected or evicted (phase Failed). */
const FAILED_POD_REASONS = new Set([
  'Evicted',
  'OutOfcpu',
  'OutOfmemory',
  'OutOfpods',
  'OutOfephemeral-storage',
  'NodeAffinity',
  'NodeShutdown',
  'Shutdown',
  'Terminated',
  'UnexpectedAdmissionError',
  'NodeLost',
]);

/** A container state from a printed status word (`CrashLoopBackOff`, `ExitCode:1`...). */
function stateFromStatus(status: string): ContainerState | undefined {
  if (status === 'Running' || status === 'NotReady') return { running: {} };
  if (WAITING_REASONS.has(status)) return { waiting: { reason: status } };
  if (TERMINATED_REASONS.has(status)) return { terminated: { reason: status } };
  const exit = /^ExitCode:(\d+)$/.exec(status);
  if (exit) return { terminated: { exitCode: Number(exit[1]) } };
  const signal = /^Signal:(\d+)$/.exec(status);
  if (signal) return { terminated: { signal: Number(signal[1]) } };
  if (/^[A-Z][A-Za-z]*(Error|BackOff)$/.test(status)) return { waiting: { reason: status } };
  return undefined;
}

function podFromRow(ctx: RowContext): Pod {
  const { cells } = ctx;
  const metadata = meta(ctx);
  const status = present(cells['STATUS']) ?? '';
  const ready = cells['READY']?.trim() ?? '';
  annotate(metadata, PRINTED_STATUS_ANNOTATION, status || undefined);
  annotate(metadata, PRINTED_READY_ANNOTATION, ready || undefined);
  const restartsCell = cells['RESTARTS']?.trim() ?? '';
  const restartMatch = /^(\d+)(?:\s*\((.+?)\s+ago\))?/.exec(restartsCell);
  const restartCount = restartMatch ? Number(restartMatch[1]) : undefined;
  annotate(metadata, LAST_RESTART_AGE_ANNOTATION, restartMatch?.[2]);
  const labels = labelMap(cells['LABELS']);
  if (labels) metadata.labels = labels;

  const pod: Pod = { kind: 'Pod', metadata };
  const podStatus: NonNullable<Pod['status']> = {};
  const readyCounts = counts(ready);
  const main: ContainerStatus = { name: '' };
  if (readyCounts) main.ready = readyCounts[0] >= readyCounts[1] && readyCounts[1] > 0;
  let init: ContainerStatus | undefined;

  if (status.startsWith('Init:')) {
    podStatus.phase = 'Pending';
    init = { name: '', ready: false };
    if (restartCount !== undefined) init.restartCount = restartCount;
    const initState = stateFromStatus(status.slice(5));
    if (initState) init.state = initState;
    main.state = { waiting: { reason: 'PodInitializing' } };
  } else {
    if (restartCount !== undefined) main.restartCount = restartCount;
    const state = stateFromStatus(status);
    if (state) main.state = state;
    const restarted = (restartCount ?? 0) > 0;
    if (FAILED_POD_REASONS.has(status)) {
      podStatus.phase = 'Failed';
      podStatus.reason = status;
    } else if (status === 'Pending' || status === 'SchedulingGated') {
      podStatus.phase = 'Pending';
    } else if (status === 'Succeeded' || status === 'Failed' || status === 'Unknown') {
      podStatus.phase = status;
    } else if (PENDING_REASONS.has(status)) {
      // Once every container has run at least once the phase is Running.
      podStatus.phase = restarted ? 'Running' : 'Pending';
    } else if (status === 'Completed' && !restarted) {
      podStatus.phase = 'Succeeded';
    } else if ((status === 'Error' || status === 'OOMKilled') && !restarted) {
      podStatus.phase = 'Failed';
    } else if (state) {
      podStatus.phase = 'Running';
    }
  }
  podStatus.containerStatuses = [main];
  if (init) podStatus.initContainerStatuses = [init];
  const ip = present(cells['IP']);
  if (ip !== undefined) podStatus.podIP = ip;
  pod.status = podStatus;
  const node = present(cells['NODE']);
  if (node !== undefined) pod.spec = { nodeName: node };
  return pod;
}

/** `3m (x4 over 10m)` → last 3m, count 4, first 10m. */
function readLastSeen(cell: string): { last?: string; first?: string; count?: number } {
  const m = /^(\S+)\s+\(x(\d+) over (\S+?)\)$/.exec(cell.trim());
  if (m) return { last: m[1] ?? '', count: Number(m[2]), first: m[3] ?? '' };
  const s = present(cell);
  return s === undefined ? {} : { last: s };
}

/** `pod/web-1` or `Pod/web-1` → kind and name. */
function readObjectRef(cell: string): { kind?: string; name?: string } {
  const s = present(cell);
  if (s === undefined) return {};
  const slash = s.indexOf('/');
  if (slash <= 0) return { name: s };
  return { kind: kindFromType(s.slice(0, slash)), name: s.slice(slash + 1) };
}

function eventFromRow(ctx: RowContext): KEvent {
  const { cells } = ctx;
  const metadata: ObjectMeta = {};
  const oldStyle = 'KIND' in cells && !('OBJECT' in cells);
  // In the wide layout NAME is the event's own name; in the old layout it is the object's.
  const eventName = oldStyle ? undefined : present(cells['NAME']);
  if (eventName !== undefined) metadata.name = eventName;
  if (ctx.namespace !== undefined) metadata.namespace = ctx.namespace;
  const ref = oldStyle
    ? {
        kind: present(cells['KIND']) ? kindFromType(cells['KIND'] ?? '') : undefined,
        name: present(cells['NAME']),
      }
    : readObjectRef(cells['OBJECT'] ?? '');
  const involvedObject: KEvent['involvedObject'] = {};
  if (ref.kind) involvedObject.kind = ref.kind;
  if (ref.name !== undefined) involvedObject.name = ref.name;
  if (ctx.namespace !== undefined && !(ref.kind && CLUSTER_SCOPED.has(ref.kind))) {
    involvedObject.namespace = ctx.namespace;
  }
  const sub = present(cells['SUBOBJECT']);
  if (sub !== undefined) involvedObject.fieldPath = sub;
  const ev: KEvent = { kind: 'Event', metadata, involvedObject };
  const type = present(cells['TYPE']);
  if (type !== undefined) ev.type = type;
  const reason = present(cells['REASON']);
  if (reason !== undefined) ev.reason = reason;
  const message = cells['MESSAGE']?.trim();
  if (message) ev.message = message;
  const source = present(cells['SOURCE'] ?? cells['FROM']);
  if (source !== undefined) {
    const [component, host] = source.split(/,\s*/);
    ev.source = {};
    if (component) ev.source.component = component;
    if (host) ev.source.host = host;
  }
  const seen = readLastSeen(cells['LAST SEEN'] ?? cells['LASTSEEN'] ?? '');
  const first = present(cells['FIRST SEEN'] ?? cells['FIRSTSEEN']) ?? seen.first;
  const count = int(cells['COUNT']) ?? seen.count;
  if (count !== undefined) ev.count = count;
  const ages: NonNullable<KEvent['ages']> = {};
  if (seen.last !== undefined && present(seen.last) !== undefined) ages.last = seen.last;
  if (first !== undefined) ages.first = first;
  if (ages.last !== undefined || ages.first !== undefined) ev.ages = ages;
  return ev;
}

/** `10.0.2.41:6379`, `[fd00::1]:80`, `10.0.2.41` → ip and optional port. */
function readHostPort(s: string): { ip: string; port?: number } | undefined {
  const v6 = /^\[([^\]]+)\]:(\d+)$/.exec(s);
  if (v6) return { ip: v6[1] ?? '', port: Number(v6[2]) };
  const v4 = /^([^:\s]+):(\d+)$/.exec(s);
  if (v4) return { ip: v4[1] ?? '', port: Number(v4[2]) };
  if (/^[0-9a-fA-F.:]+$/.test(s)) return { ip: s };
  return undefined;
}

/** Split a `a,b,c + 3 more...` cell into the listed values and the number not shown. */
function readMoreList(cell: string | undefined): { values: string[]; more: number } {
  const s = present(cell);
  if (s === undefined) return { values: [], more: 0 };
  const m = /^(.*?)\s*\+\s*(\d+)\s+more\.*$/.exec(s);
  const listed = m ? (m[1] ?? '') : s;
  return {
    values: listed
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== ''),
    more: m ? Number(m[2]) : 0,
  };
}

function endpointsFromRow(ctx: RowContext): Endpoints {
  const { values, more } = readMoreList(ctx.cells['ENDPOINTS']);
  const byIp = new Map<string, EndpointAddress>();
  for (const v of values) {
    const hp = readHostPort(v);
    if (!hp) continue;
    const addr = byIp.get(hp.ip) ?? { ip: hp.ip, ready: true };
    if (hp.port !== undefined) addr.ports = [...(addr.ports ?? []), hp.port];
    byIp.set(hp.ip, addr);
  }
  if (more > 0) {
    ctx.warn(
      `endpoints ${ctx.name ?? '?'}: the table lists only some addresses (${more} more not shown)`,
    );
  }
  const ep: Endpoints = { kind: 'Endpoints', metadata: meta(ctx), addresses: [...byIp.values()] };
  if (ctx.name !== undefined) ep.serviceName = ctx.name;
  return ep;
}

function endpointSliceFromRow(ctx: RowContext): Endpoints {
  const { values, more } = readMoreList(ctx.cells['ENDPOINTS']);
  const ports = readMoreList(ctx.cells['PORTS'])
    .values.filter((p) => /^\d+$/.test(p))
    .map(Number);
  const metadata = meta(ctx);
  annotate(metadata, READINESS_UNKNOWN_ANNOTATION, 'true');
  const addresses: EndpointAddress[] = [];
  for (const ip of values) {
    if (!/^[0-9a-fA-F.:]+$/.test(ip)) continue;
    const addr: EndpointAddress = { ip, ready: true };
    if (ports.length > 0) addr.ports = [...ports];
    addresses.push(addr);
  }
  if (more > 0) {
    ctx.warn(
      `endpointslice ${ctx.name ?? '?'}: the table lists only some addresses (${more} more not shown)`,
    );
  }
  const ep: Endpoints = { kind: 'Endpoints', metadata, addresses };
  const service = ctx.name?.replace(/-[a-z0-9]{5}$/, '');
  if (service) ep.serviceName = service;
  return ep;
}

function serviceFromRow(ctx: RowContext): Service {
  const { cells } = ctx;
  const spec: NonNullable<Service['spec']> = {};
  const type = present(cells['TYPE']);
  if (type !== undefined) spec.type = type;
  const clusterIP = present(cells['CLUSTER-IP']);
  if (clusterIP !== undefined) spec.clusterIP = clusterIP;
  const ports: NonNullable<NonNullable<Service['spec']>['ports']> = [];
  for (const p of list(cells['PORT(S)'])) {
    const m = /^(\d+)(?::\d+)?(?:\/([A-Z]+))?$/.exec(p);
    if (!m) continue;
    const port: (typeof ports)[number] = { port: Number(m[1]) };
    if (m[2]) port.protocol = m[2];
    ports.push(port);
  }
  if (ports.length > 0) spec.ports = ports;
  if ('SELECTOR' in cells) {
    // Wide output prints `<none>` for a Service without a selector: that is known, not missing.
    const selector = labelMap(cells['SELECTOR']);
    spec.selector = selector ?? {};
  }
  return { kind: 'Service', metadata: meta(ctx), spec };
}

function templateFromWide(cells: Record<string, string>): Workload['spec'] | undefined {
  const names = list(cells['CONTAINERS']);
  const images = list(cells['IMAGES']);
  const selector = labelMap(cells['SELECTOR']);
  if (names.length === 0 && !selector) return undefined;
  const spec: NonNullable<Workload['spec']> = {};
  if (names.length > 0) {
    spec.template = {
      spec: {
        containers: names.map((name, i) => {
          const image = images[i];
          return image !== undefined ? { name, image } : { name };
        }),
      },
    };
  }
  if (selector) spec.selector = { matchLabels: selector };
  return spec;
}

function workloadFromRow(ctx: RowContext, kind: TableKind): Workload {
  const { cells } = ctx;
  const kindName: Workload['kind'] =
    kind === 'deployments'
      ? 'Deployment'
      : kind === 'replicasets'
        ? 'ReplicaSet'
        : kind === 'statefulsets'
          ? 'StatefulSet'
          : kind === 'daemonsets'
            ? 'DaemonSet'
            : kind === 'jobs'
              ? 'Job'
              : 'CronJob';
  const spec: NonNullable<Workload['spec']> = { ...(templateFromWide(cells) ?? {}) };
  const status: NonNullable<Workload['status']> = {};
  const ready = counts(cells['READY']);
  if (kind === 'deployments' || kind === 'statefulsets') {
    if (ready) {
      status.readyReplicas = ready[0];
      spec.replicas = ready[1];
    }
    const upToDate = int(cells['UP-TO-DATE']);
    if (upToDate !== undefined) status.updatedReplicas = upToDate;
    const available = int(cells['AVAILABLE']);
    if (available !== undefined) status.availableReplicas = available;
  } else if (kind === 'replicasets') {
    const desired = int(cells['DESIRED']);
    if (desired !== undefined) spec.replicas = desired;
    const current = int(cells['CURRENT']);
    if (current !== undefined) status.replicas = current;
    const r = int(cells['READY']);
    if (r !== undefined) status.readyReplicas = r;
  } else if (kind === 'daemonsets') {
    const fields: [string, string][] = [
      ['DESIRED', 'desiredNumberScheduled'],
      ['CURRENT', 'currentNumberScheduled'],
      ['READY', 'numberReady'],
      ['UP-TO-DATE', 'updatedNumberScheduled'],
      ['AVAILABLE', 'numberAvailable'],
    ];
    for (const [col, field] of fields) {
      const v = int(cells[col]);
      if (v !== undefined) status[field] = v;
    }
  } else if (kind === 'jobs') {
    const completions = counts(cells['COMPLETIONS']);
    if (completions) {
      status['succeeded'] = completions[0];
      spec['completions'] = completions[1];
    }
    const st = present(cells['STATUS']);
    const conditionType =
      st === 'Complete' || st === 'Failed' || st === 'Suspended' || st === 'FailureTarget'
        ? st
        : undefined;
    if (conditionType) status.conditions = [{ type: conditionType, status: 'True' }];
  } else {
    const schedule = present(cells['SCHEDULE']);
    if (schedule !== undefined) spec['schedule'] = schedule;
    const suspend = present(cells['SUSPEND']);
    if (suspend === 'True' || suspend === 'False') spec['suspend'] = suspend === 'True';
    const tz = present(cells['TIMEZONE']);
    if (tz !== undefined) spec['timeZone'] = tz;
  }
  const w: Workload = { kind: kindName, metadata: meta(ctx) };
  if (Object.keys(spec).length > 0) w.spec = spec;
  if (Object.keys(status).length > 0) w.status = status;
  return w;
}

function nodeFromRow(ctx: RowContext): Node {
  const { cells } = ctx;
  const metadata = meta(ctx, true);
  const node: Node = { kind: 'Node', metadata };
  const parts = list(cells['STATUS']);
  const readyWord = parts.find((p) => /^(Ready|NotReady|Unknown)$/.test(p));
  if (readyWord) {
    const condition: Condition = {
      type: 'Ready',
      status: readyWord === 'Ready' ? 'True' : readyWord === 'NotReady' ? 'False' : 'Unknown',
    };
    node.status = { conditions: [condition] };
  }
  if (parts.includes('SchedulingDisabled')) node.spec = { unschedulable: true };
  const roles = list(cells['ROLES']);
  if (roles.length > 0) {
    metadata.labels = Object.fromEntries(roles.map((r) => [`node-role.kubernetes.io/${r}`, '']));
  }
  const version = present(cells['VERSION']);
  const runtime = present(cells['CONTAINER-RUNTIME']);
  if (version !== undefined || runtime !== undefined) {
    const nodeInfo: NonNullable<NonNullable<Node['status']>['nodeInfo']> = {};
    if (version !== undefined) nodeInfo.kubeletVersion = version;
    if (runtime !== undefined) nodeInfo.containerRuntimeVersion = runtime;
    node.status = { ...(node.status ?? {}), nodeInfo };
  }
  return node;
}

function tableRow(ctx: RowContext, resource: string | undefined): TableRow {
  const row: TableRow = { kind: 'TableRow', cells: { ...ctx.cells } };
  if (resource !== undefined) row.resource = resource;
  if (ctx.namespace !== undefined) row.namespace = ctx.namespace;
  return row;
}

function interpretRow(
  kind: TableKind,
  ctx: RowContext,
  command: KubectlCommand | undefined,
): KubeObject | undefined {
  switch (kind) {
    case 'pods':
      return podFromRow(ctx);
    case 'events':
      return eventFromRow(ctx);
    case 'endpoints':
      return endpointsFromRow(ctx);
    case 'endpointslices':
      return endpointSliceFromRow(ctx);
    case 'services':
      return serviceFromRow(ctx);
    case 'deployments':
    case 'replicasets':
    case 'statefulsets':
    case 'daemonsets':
    case 'jobs':
    case 'cronjobs':
      return workloadFromRow(ctx, kind);
    case 'nodes':
      return nodeFromRow(ctx);
    case 'configmaps': {
      const metadata = meta(ctx);
      annotate(metadata, DATA_COUNT_ANNOTATION, present(ctx.cells['DATA']));
      return { kind: 'ConfigMap', metadata };
    }
    case 'secrets':
      // Names and key counts only: a SecretKeys item here would wrongly claim "no keys".
      return tableRow(
        ctx,
        command?.resource && command.resource !== 'all' ? command.resource : 'secrets',
      );
    default: {
      const resource =
        command?.resource && command.resource !== 'all' ? command.resource : ctx.prefix;
      return tableRow(ctx, resource);
    }
  }
}

const DECLINED_BLOCK_KINDS = new Set(['describe', 'json', 'yaml', 'rollout-history']);
const TABLE_VERBS = new Set(['get', 'events', 'top']);

/** `kubectl get ...` tables → one evidence item per row. */
/**
 * `kubectl get events | grep X` drops the header line; the rows still have kubectl's fixed
 * column order (`[NAMESPACE] LAST SEEN TYPE REASON OBJECT MESSAGE`), so read them by shape.
 */
const HEADERLESS_EVENT =
  /^(?:(?<ns>[a-z0-9][a-z0-9-]{0,62})\s+)?(?<last>\S+(?: \(x\d+ over \S+\))?)\s+(?<type>Normal|Warning)\s+(?<reason>[A-Za-z]+)\s+(?<object>[a-z]+(?:\.[a-z0-9.]+)?\/\S+)\s+(?<message>.*)$/;

function parseHeaderlessEvents(block: Block, sourceIndex: number): ParsedBlock | undefined {
  const items: Item[] = [];
  block.lines.forEach((text, i) => {
    const m = HEADERLESS_EVENT.exec(text.trim());
    const g = m?.groups;
    if (!g?.['object'] || !g['reason']) return;
    const slash = g['object'].indexOf('/');
    const namespace = g['ns'] ?? block.command?.namespace;
    const count = /\(x(\d+) over (\S+)\)/.exec(g['last'] ?? '');
    const event: KEvent = {
      kind: 'Event',
      metadata: namespace ? { namespace } : {},
      involvedObject: {
        kind: kindFromType(g['object'].slice(0, slash)),
        name: g['object'].slice(slash + 1),
        ...(namespace ? { namespace } : {}),
      },
      reason: g['reason'],
      message: g['message'] ?? '',
      type: g['type'] ?? 'Normal',
      ...(count ? { count: Number(count[1]) } : {}),
      ages: {
        last: (g['last'] ?? '').replace(/ \(.*$/, ''),
        ...(count?.[2] ? { first: count[2] } : {}),
      },
    };
    const line = block.from + i;
    items.push({ object: event, origin: { source: sourceIndex, from: line, to: line } });
  });
  return items.length > 0 ? { items, logs: [], warnings: [] } : undefined;
}

/**
 * `kubectl get pods | grep X` drops the header too. Rebuild it from the first row's shape
 * (`NAME READY STATUS RESTARTS AGE [IP NODE]`, with NAMESPACE first under -A) and read the rows as
 * the table they are; the made-up header sits on the line before the block and is never quoted.
 */
const HEADERLESS_POD =
  /^(?<ns>[a-z0-9][a-z0-9-]{0,62}\s+)?(?<name>[a-z0-9][\w.-]*)(?<s1>\s+)(?<ready>\d+\/\d+)(?<s2>\s+)(?<status>[\w:.-]+)(?<s3>\s+)(?<restarts>\d+(?: \([^)]*\))?)(?<s4>\s+)(?<age>\S+)(?:(?<s5>\s+)(?<ip>\S+)(?<s6>\s+)(?<node>\S+))?/;

function parseHeaderlessPods(block: Block, sourceIndex: number): ParsedBlock | undefined {
  const first = block.lines.map((l) => HEADERLESS_POD.exec(l)).find((m) => m?.groups);
  const g = first?.groups;
  if (!first || !g) return undefined;
  const columns: [string, number][] = [];
  let at = 0;
  if (g['ns'] && block.command?.allNamespaces) {
    columns.push(['NAMESPACE', 0]);
    at = g['ns'].length;
  } else if (g['ns']) return undefined;
  const fields: [string, string | undefined, string | undefined][] = [
    ['NAME', g['name'], undefined],
    ['READY', g['ready'], g['s1']],
    ['STATUS', g['status'], g['s2']],
    ['RESTARTS', g['restarts'], g['s3']],
    ['AGE', g['age'], g['s4']],
    ['IP', g['ip'], g['s5']],
    ['NODE', g['node'], g['s6']],
  ];
  for (const [name, value, gap] of fields) {
    if (value === undefined) break;
    at += gap?.length ?? 0;
    columns.push([name, at]);
    at += value.length;
  }
  let header = '';
  for (const [name, start] of columns) header = `${header.padEnd(start)}${name}`;
  return parseTableBlock(
    { ...block, from: block.from - 1, lines: [header, ...block.lines] },
    sourceIndex,
  );
}

export const parseTable: BlockParser = (block: Block, sourceIndex: number) => {
  try {
    return parseTableBlock(block, sourceIndex);
  } catch {
    return undefined;
  }
};

function parseTableBlock(block: Block, sourceIndex: number): ParsedBlock | undefined {
  if (DECLINED_BLOCK_KINDS.has(block.kind)) return undefined;
  const command = block.command;
  if (command?.verb !== undefined && !TABLE_VERBS.has(command.verb)) return undefined;
  const tables = parseKubectlTables(block.lines).filter((t) => {
    const names = t.columns.map((c) => c.name);
    return !(names[0] === 'REVISION' && names.includes('CHANGE-CAUSE'));
  });
  if (tables.length === 0) {
    if (command?.resource === 'events') return parseHeaderlessEvents(block, sourceIndex);
    if (command?.resource === 'pods') return parseHeaderlessPods(block, sourceIndex);
    return undefined;
  }
  const first = tables[0]!;
  // Without a kubectl command (or when tried as a fallback), insist on a header kubectl prints.
  if (
    !(command?.verb !== undefined && TABLE_VERBS.has(command.verb)) &&
    !/^(NAME|NAMESPACE|LAST ?SEEN)$/.test(first.columns[0]?.name ?? '')
  ) {
    return undefined;
  }
  const items: Item[] = [];
  const warnings: string[] = [];
  for (const table of tables) {
    const names = new Set(table.columns.map((c) => c.name));
    const kind = decideKind(names, command?.resource);
    for (const row of table.rows) {
      const line = block.from + row.offset;
      const cells = row.cells;
      let name = present(cells['NAME']);
      let prefix: string | undefined;
      if (kind !== 'events' && name !== undefined && /^[a-z][a-z0-9.-]*\/./.test(name)) {
        const slash = name.indexOf('/');
        prefix = name.slice(0, slash);
        name = name.slice(slash + 1);
      }
      const namespace =
        present(cells['NAMESPACE']) ?? (command?.allNamespaces ? undefined : command?.namespace);
      const ctx: RowContext = {
        cells,
        namespace,
        prefix,
        name,
        warn: (message) => warnings.push(`line ${line}: ${message}`),
      };
      if (row.truncated && kind !== 'other') {
        ctx.warn('table row has fewer cells than its header (cut off?)');
      }
      const object = interpretRow(kind, ctx, command);
      if (!object) continue;
      items.push({
        object,
        origin: { source: sourceIndex, from: line, to: line + row.lineCount - 1 },
      });
    }
  }
  return { items, logs: [], warnings };
}
