/**
 * Parser for pasted `kubectl describe` output (pods, deployments, replicasets, statefulsets,
 * daemonsets, jobs, cronjobs and nodes). One describe block becomes one Kubernetes-shaped object
 * (origin = the block) plus one Event item per row of its Events table (origin = that row), so a
 * diagnosis can quote a single event line.
 *
 * Pastes are messy: tabs instead of spaces, uneven indentation, truncated lines, missing or
 * reordered sections, terminated-container messages that restart at column 0. The parser works
 * on relative indentation plus the known describe keys, and never throws. A headless fragment
 * (`kubectl describe pod X | grep ...`: no `Name:`, `Containers:` or `Events:` line) is read as
 * pod X's describe: its container fields and event rows.
 */
import { parseDuration, parseTime } from '../time.js';
import type {
  Condition,
  Container,
  ContainerState,
  ContainerStateTerminated,
  ContainerStatus,
  EnvFromSource,
  EnvVar,
  Item,
  KEvent,
  KeySelector,
  Node,
  ObjectMeta,
  OwnerReference,
  Pod,
  PodSpec,
  PodStatus,
  Probe,
  SourceDoc,
  Volume,
  VolumeMount,
  Workload,
} from '../types.js';
import type { Block, BlockParser, KubectlCommand, ParsedBlock } from './block.js';

// ---------------------------------------------------------------------------------------------
// Lines, keys and sections

/** One input line: 1-based number, indentation width (tabs expanded) and the trimmed text. */
interface Line {
  no: number;
  indent: number;
  text: string;
}

interface KV {
  key: string;
  value: string;
  /** True when the value was separated by a tab or 2+ spaces (tabwriter alignment), or absent. */
  wide: boolean;
}

/** A top-level `Key: value` line and the lines under it. */
interface Section {
  key: string;
  value: string;
  line: Line;
  body: Line[];
}

const TAB_WIDTH = 8;

function measure(raw: string, no: number): Line {
  const s = raw.replace(/\u00a0/g, ' ');
  let col = 0;
  let i = 0;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === ' ') col++;
    else if (c === '\t') col = (Math.floor(col / TAB_WIDTH) + 1) * TAB_WIDTH;
    else break;
  }
  return { no, indent: col, text: s.slice(i).trimEnd() };
}

/** `Key:  value` → key/value; the key ends at the first colon followed by blank or end of line. */
function parseKV(text: string): KV | undefined {
  const m = /^([^\s:][^:]*?):(?:([ \t]+)(.*))?$/.exec(text);
  if (!m) return undefined;
  const sep = m[2];
  return {
    key: (m[1] ?? '').trim(),
    value: (m[3] ?? '').trim(),
    wide: sep === undefined || /\t| {2}/.test(sep) || (m[3] ?? '').trim() === '',
  };
}

/** Keys kubectl prints at column 0 for the kinds handled here. */
const TOP_KEYS = new Set([
  // Pod
  'Name',
  'Namespace',
  'Priority',
  'Priority Class Name',
  'PriorityClassName',
  'Runtime Class Name',
  'Service Account',
  'Node',
  'Start Time',
  'Labels',
  'Annotations',
  'Status',
  'Termination Grace Period',
  'Reason',
  'Message',
  'SeccompProfile',
  'LocalhostProfile',
  'IP',
  'IPs',
  'Controlled By',
  'NominatedNodeName',
  'Resources',
  'Init Containers',
  'Containers',
  'Ephemeral Containers',
  'Readiness Gates',
  'Conditions',
  'Volumes',
  'QoS Class',
  'Node-Selectors',
  'Tolerations',
  'Topology Spread Constraints',
  'Scheduling Gates',
  'SchedulingGroup',
  'Events',
  // Workloads
  'CreationTimestamp',
  'Selector',
  'Replicas',
  'StrategyType',
  'MinReadySeconds',
  'RollingUpdateStrategy',
  'Pod Template',
  'OldReplicaSets',
  'NewReplicaSet',
  'Pods Status',
  'Update Strategy',
  'Partition',
  'Volume Claims',
  'Pod Management Policy',
  'Parallelism',
  'Completions',
  'Completion Mode',
  'Suspend',
  'Backoff Limit',
  'TTL Seconds After Finished',
  'Completed At',
  'Duration',
  'Active Deadline Seconds',
  'Pods Statuses',
  'Completed Indexes',
  'Schedule',
  'Concurrency Policy',
  'Time Zone',
  'Successful Job History Limit',
  'Failed Job History Limit',
  'Starting Deadline Seconds',
  'Last Schedule Time',
  'Active Jobs',
  'Node-Selector',
  'Desired Number of Nodes Scheduled',
  'Current Number of Nodes Scheduled',
  'Number of Nodes Scheduled with Up-to-date Pods',
  'Number of Nodes Scheduled with Available Pods',
  'Number of Nodes Misscheduled',
  // Node
  'Roles',
  'Role',
  'Taints',
  'Unschedulable',
  'Lease',
  'Addresses',
  'Capacity',
  'Allocatable',
  'System Info',
  'PodCIDR',
  'PodCIDRs',
  'ProviderID',
  'Non-terminated Pods',
  'Allocated resources',
  'Phase',
  'ExternalID',
]);

/** Sections that can follow a container list: they end a multi-line container message. */
const AFTER_CONTAINERS = new Set([
  'Init Containers',
  'Containers',
  'Ephemeral Containers',
  'Readiness Gates',
  'Conditions',
  'Volumes',
  'QoS Class',
  'Node-Selectors',
  'Tolerations',
  'Events',
]);

const CONTAINER_SECTIONS = new Set(['Init Containers', 'Containers', 'Ephemeral Containers']);

/** Keys printed at the container property level. */
const CONTAINER_KEYS = new Set([
  'Container ID',
  'Image',
  'Image ID',
  'Port',
  'Ports',
  'Host Port',
  'Host Ports',
  'Command',
  'Args',
  'State',
  'Last State',
  'Ready',
  'Restart Count',
  'Limits',
  'Requests',
  'Liveness',
  'Readiness',
  'Startup',
  'Environment Variables from',
  'Environment',
  'Mounts',
  'Devices',
  'SeccompProfile',
  'Restart Policy',
]);

/** State keys that always follow a terminated `Message:` and so end it. */
const MESSAGE_END_KEYS = new Set(['Exit Code', 'Signal', 'Started', 'Finished']);

const GENERIC_TOP_KEY = /^[A-Z][A-Za-z0-9]*(?:[ -][A-Za-z0-9]+){0,4}$/;
const DNS_LABEL_HEADER = /^([a-z0-9](?:[-a-z0-9.]*[a-z0-9])?):$/;
const UNDERLINE = /^[-─]+(?:\s+[-─]+)*$/;

/**
 * Cut lines into top-level sections: a `Key:` line at the base indentation starts a section and
 * every following deeper (or unrecognised column-0) line belongs to it.
 */
function splitSections(lines: readonly Line[], base: number): Section[] {
  const out: Section[] = [];
  let cur: Section | undefined;
  let msgOpen = false;
  for (const l of lines) {
    if (l.text === '') {
      cur?.body.push(l);
      continue;
    }
    const kv = parseKV(l.text);
    const inContainers = cur !== undefined && CONTAINER_SECTIONS.has(cur.key);
    if (l.indent <= base && kv) {
      let starts: boolean;
      if (msgOpen) starts = AFTER_CONTAINERS.has(kv.key) && kv.wide;
      else if (inContainers) starts = TOP_KEYS.has(kv.key);
      else starts = TOP_KEYS.has(kv.key) || (GENERIC_TOP_KEY.test(kv.key) && kv.wide);
      if (starts) {
        cur = { key: kv.key, value: kv.value, line: l, body: [] };
        out.push(cur);
        msgOpen = false;
        continue;
      }
    }
    if (inContainers && kv && !msgOpen && kv.key === 'Message' && l.indent > base) msgOpen = true;
    else if (msgOpen && kv && (MESSAGE_END_KEYS.has(kv.key) || CONTAINER_KEYS.has(kv.key))) {
      msgOpen = false;
    }
    cur?.body.push(l);
  }
  return out;
}

/** Text cells separated by a tab or 2+ spaces, with their start offsets inside `text`. */
interface Cell {
  text: string;
  start: number;
}

function cellsOf(text: string): Cell[] {
  const out: Cell[] = [];
  for (const m of text.matchAll(/[^ \t]+(?: [^ \t]+)*/g)) out.push({ text: m[0], start: m.index });
  return out;
}

/** A table column: lower-cased header name and absolute start column. */
interface Column {
  name: string;
  pos: number;
}

function columnsOf(l: Line): Column[] {
  return cellsOf(l.text).map((c) => ({
    name: c.text.toLowerCase().replace(/\s+/g, ''),
    pos: l.indent + c.start,
  }));
}

/**
 * Cut a row at the header column positions when the row really is aligned to them (every
 * boundary preceded by 2 blanks); undefined otherwise.
 */
function sliceAligned(l: Line, cols: readonly Column[]): string[] | undefined {
  if (cols.length < 2 || l.text.includes('\t')) return undefined;
  const full = ' '.repeat(l.indent) + l.text;
  const second = cols[1];
  if (!second || l.indent > second.pos - 2) return undefined;
  for (let i = 1; i < cols.length; i++) {
    const p = (cols[i] as Column).pos;
    if (full.length <= p) continue;
    if (full[p - 1] !== ' ' || full[p - 2] !== ' ') return undefined;
  }
  return cols.map((c, i) => {
    const next = cols[i + 1];
    return full.slice(i === 0 ? 0 : c.pos, next ? next.pos : undefined).trim();
  });
}

/** Split a row into `n` cells: aligned slicing first, then 2+ blanks with the rest in the last. */
function rowCells(l: Line, cols: readonly Column[], n: number): string[] {
  const aligned = sliceAligned(l, cols);
  if (aligned) return aligned;
  const cs = cellsOf(l.text);
  if (cs.length <= n) return cs.map((c) => c.text);
  const out = cs.slice(0, n - 1).map((c) => c.text);
  out.push(l.text.slice((cs[n - 1] as Cell).start).trim());
  return out;
}

interface TableRow {
  cells: Record<string, string>;
  line: Line;
}

/**
 * A describe table (`Type  Status  Reason`, optional `----` underline). Deeper-indented lines
 * after a row continue its last cell. Without a header, `fallback` names the columns.
 */
function parseTable(body: readonly Line[], fallback: readonly string[]): TableRow[] {
  const lines = body.filter((l) => l.text !== '');
  let i = 0;
  let cols: Column[] = [];
  const first = lines[0];
  if (first && /^type\b/i.test(first.text) && !/^type\s*:/i.test(first.text)) {
    cols = columnsOf(first);
    i = 1;
  }
  const under = lines[i];
  if (under && UNDERLINE.test(under.text)) {
    const u = columnsOf(under);
    if (u.length === cols.length)
      cols = cols.map((c, k) => ({ name: c.name, pos: u[k]?.pos ?? c.pos }));
    i++;
  }
  const names = cols.length > 0 ? cols.map((c) => c.name) : fallback.map((f) => f.toLowerCase());
  const rows: TableRow[] = [];
  let rowIndent: number | undefined;
  for (; i < lines.length; i++) {
    const l = lines[i] as Line;
    rowIndent ??= l.indent;
    const last = rows[rows.length - 1];
    if (last && l.indent > rowIndent + 1) {
      const lastName = names[names.length - 1] ?? '';
      last.cells[lastName] = `${last.cells[lastName] ?? ''} ${l.text.trim()}`.trim();
      continue;
    }
    const cells = rowCells(l, cols, names.length);
    const rec: Record<string, string> = {};
    names.forEach((n, k) => {
      const v = cells[k];
      if (v !== undefined && v !== '') rec[n] = v;
    });
    rows.push({ cells: rec, line: l });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Small value parsers

const NONE = /^<(none|unset|nil|unknown)>$/i;

function isNone(v: string | undefined): boolean {
  return v === undefined || v === '' || NONE.test(v.trim());
}

function toInt(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const m = /^-?\d+/.exec(v.trim());
  return m ? Number(m[0]) : undefined;
}

function toBool(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  const t = v.trim().toLowerCase();
  if (t === 'true') return true;
  if (t === 'false') return false;
  return undefined;
}

/** Describe time → ISO; Go's zero time (`Mon, 01 Jan 0001 ...`) and `<unset>` → undefined. */
function toTime(v: string | undefined): string | undefined {
  if (v === undefined || isNone(v) || /\b0001\b/.test(v)) return undefined;
  return parseTime(v);
}

/** `500m` stays a string; `25%`, `1`: numbers when plain integers. */
function intOrString(v: string): number | string {
  return /^\d+$/.test(v) ? Number(v) : v;
}

const API_VERSION_BY_KIND: Record<string, string> = {
  ReplicaSet: 'apps/v1',
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
  Node: 'v1',
  ReplicationController: 'v1',
};

/** `Controlled By:  ReplicaSet/user-auth-6f8d9b` → owner reference. */
function parseControlledBy(v: string): OwnerReference | undefined {
  const m = /^([A-Za-z]+)\/(\S+)/.exec(v.trim());
  if (!m) return undefined;
  const kind = m[1] as string;
  const ref: OwnerReference = { kind, name: m[2] as string, controller: true };
  const apiVersion = API_VERSION_BY_KIND[kind];
  if (apiVersion) ref.apiVersion = apiVersion;
  return ref;
}

/** Labels/selectors: `a=b` per line (or comma-separated), `<none>`. */
function parseLabels(s: Section): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  const texts = [s.value, ...s.body.map((l) => l.text)];
  for (const t of texts) {
    if (isNone(t)) continue;
    for (const part of t.split(',')) {
      const p = part.trim();
      const eq = p.indexOf('=');
      if (eq > 0) out[p.slice(0, eq).trim()] = p.slice(eq + 1).trim();
      else if (p !== '' && !/\s/.test(p)) out[p] = '';
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Annotations: `key: value` lines; a long or multi-line value is printed as `key:` followed by
 * deeper-indented value lines.
 */
function parseAnnotations(s: Section): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  let lastKey: string | undefined;
  let keyIndent = Number.POSITIVE_INFINITY;
  // True after a `key:` line with no value: deeper lines are then that key's value.
  let open = false;
  const add = (text: string, indent: number): void => {
    if (isNone(text)) return;
    const continues = open && indent > keyIndent;
    const kv = /^([A-Za-z0-9][-A-Za-z0-9_./]*):(?:\s+(.*))?$/.exec(text);
    if (kv && !continues) {
      lastKey = kv[1] as string;
      out[lastKey] = (kv[2] ?? '').trim();
      keyIndent = indent;
      open = out[lastKey] === '';
      return;
    }
    const eq = /^([A-Za-z0-9][-A-Za-z0-9_./]*)=(.*)$/.exec(text);
    if (eq && !continues) {
      lastKey = eq[1] as string;
      out[lastKey] = (eq[2] ?? '').trim();
      keyIndent = indent;
      open = false;
      return;
    }
    if (lastKey !== undefined) {
      const prev = out[lastKey] ?? '';
      out[lastKey] = prev === '' ? text.trim() : `${prev}\n${text.trim()}`;
    }
  };
  // The first annotation sits on the header line; its column is where the value starts.
  const headerCol = s.line.indent + s.line.text.length - s.value.length;
  add(s.value, headerCol);
  for (const l of s.body) if (l.text !== '') add(l.text, l.indent);
  return Object.keys(out).length > 0 ? out : undefined;
}

/** `key:  value` lines under a section (Capacity, System Info, Limits...). */
function kvBody(lines: readonly Line[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of lines) {
    const kv = parseKV(l.text);
    if (kv && kv.value !== '') out[kv.key] = kv.value;
  }
  return out;
}

/** Section value + continuation lines, joined with spaces. */
function joinedValue(s: Section): string {
  return [s.value, ...s.body.map((l) => l.text.trim())].filter((t) => t !== '').join(' ');
}

/** One `Tolerations:` entry: `key=value:Effect op=Exists for 300s`. */
export function parseToleration(
  text: string,
): { key?: string; operator?: string; value?: string; effect?: string } | undefined {
  const t = text.trim();
  if (t === '' || isNone(t)) return undefined;
  if (/^op=Exists\b/.test(t)) return { operator: 'Exists' };
  const m = /^([^\s=:]*)(?:=([^\s:]*))?(?::([A-Za-z]+))?(?:\s+op=(\w+))?/.exec(t);
  if (!m) return undefined;
  const out: { key?: string; operator?: string; value?: string; effect?: string } = {};
  if (m[1]) out.key = m[1];
  if (m[2] !== undefined && m[2] !== '') out.value = m[2];
  if (m[3]) out.effect = m[3];
  out.operator = m[4] ?? 'Equal';
  return out.key !== undefined || out.effect !== undefined ? out : undefined;
}

/** One node taint: `key=value:Effect` or `key:Effect`. */
function parseTaint(text: string): { key?: string; value?: string; effect?: string } | undefined {
  const m = /^([^\s=:]+)(?:=([^\s:]*))?(?::(\S+))?$/.exec(text.trim());
  if (!m || isNone(text)) return undefined;
  const out: { key?: string; value?: string; effect?: string } = { key: m[1] as string };
  if (m[2]) out.value = m[2];
  if (m[3]) out.effect = m[3];
  return out;
}

// ---------------------------------------------------------------------------------------------
// Containers

/**
 * Probe as describe prints it: `http-get http://:8080/healthz delay=10s timeout=1s period=10s
 * #success=1 #failure=3`, `tcp-socket :5432 ...`, `exec [cat /tmp/healthy] ...`,
 * `grpc <pod>:9090 service ...`. Truncated attribute lists give what is there.
 */
export function parseProbe(text: string): Probe | undefined {
  const t = text.trim();
  if (t === '' || isNone(t)) return undefined;
  const probe: Probe = {};
  const num = (re: RegExp): number | undefined => {
    const m = re.exec(t);
    return m ? Number(m[1]) : undefined;
  };
  const delay = num(/\bdelay=(\d+)s\b/);
  const timeout = num(/\btimeout=(\d+)s\b/);
  const period = num(/\bperiod=(\d+)s\b/);
  const success = num(/#success=(\d+)\b/);
  const failure = num(/#failure=(\d+)\b/);
  if (delay !== undefined) probe.initialDelaySeconds = delay;
  if (timeout !== undefined) probe.timeoutSeconds = timeout;
  if (period !== undefined) probe.periodSeconds = period;
  if (success !== undefined) probe.successThreshold = success;
  if (failure !== undefined) probe.failureThreshold = failure;
  const attrAt = t.search(/(?:^|\s)(?:delay|timeout|period)=/);
  const head = (attrAt >= 0 ? t.slice(0, attrAt) : t).trim();
  let m: RegExpExecArray | null;
  if ((m = /^http-get\s+(\S+)/.exec(head))) {
    const url = /^([A-Za-z]+):\/\/(\[[^\]]*\]|[^/:]*)(?::([^/]*))?(\/.*)?$/.exec(m[1] as string);
    const httpGet: NonNullable<Probe['httpGet']> = {};
    if (url) {
      httpGet.scheme = (url[1] as string).toUpperCase();
      const host = (url[2] ?? '').replace(/^\[|\]$/g, '');
      if (host) httpGet.host = host;
      if (url[3]) httpGet.port = intOrString(url[3]);
      if (url[4]) httpGet.path = url[4];
    }
    probe.httpGet = httpGet;
  } else if ((m = /^tcp-socket\s+(\S*)/.exec(head))) {
    const hp = m[1] as string;
    const colon = hp.lastIndexOf(':');
    const tcp: NonNullable<Probe['tcpSocket']> = {};
    const host = colon >= 0 ? hp.slice(0, colon) : '';
    const port = colon >= 0 ? hp.slice(colon + 1) : hp;
    if (host) tcp.host = host;
    if (port) tcp.port = intOrString(port);
    probe.tcpSocket = tcp;
  } else if ((m = /^exec\s+\[(.*)$/.exec(head))) {
    const inner = (m[1] as string).replace(/\]$/, '');
    probe.exec = { command: inner.split(/\s+/).filter((s) => s !== '') };
  } else if ((m = /^grpc\s+\S*?:(\d+)(?:\s+(\S+))?/.exec(head))) {
    const grpc: NonNullable<Probe['grpc']> = { port: Number(m[1]) };
    if (m[2]) grpc.service = m[2];
    probe.grpc = grpc;
  } else if (!/^unknown\b/.test(head) && Object.keys(probe).length === 0) {
    return undefined;
  }
  return probe;
}

/**
 * One `Environment:` entry value: literal, `<set to the key 'k' in secret 's'>  Optional: false`,
 * `<set to the key 'k' of config map 'c'>`, `value (v1:metadata.name)`, `512 (limits.memory)`.
 */
export function parseEnvValue(name: string, value: string): EnvVar {
  const ref =
    /^<set to the key '([^']*)' (?:in|of) (secret|config ?map) '([^']*)'>(?:\s+Optional:\s*(true|false))?/i.exec(
      value,
    );
  if (ref) {
    const sel: KeySelector = { name: ref[3] as string, key: ref[1] as string };
    if (ref[4]) sel.optional = ref[4].toLowerCase() === 'true';
    return /^secret$/i.test(ref[2] as string)
      ? { name, valueFrom: { secretKeyRef: sel } }
      : { name, valueFrom: { configMapKeyRef: sel } };
  }
  // `resolved (v1:metadata.name)` / `512 (limits.memory)`: the reference is the last (...) group.
  const open = value.lastIndexOf('(');
  if (open >= 0 && value.endsWith(')')) {
    const inner = value.slice(open + 1, -1);
    const before = value.slice(0, open).trim();
    const field = /^([a-z0-9.]*\/?v\d[a-z0-9]*):([^()\s]+)$/.exec(inner);
    const resource = /^(?:limits|requests)\.[\w.-]+$/.test(inner) ? inner : undefined;
    if (field || resource) {
      const env: EnvVar = field
        ? { name, valueFrom: { fieldRef: { fieldPath: field[2] as string } } }
        : { name, valueFrom: { resourceFieldRef: { resource: resource as string } } };
      if (before) env.value = before;
      return env;
    }
  }
  return { name, value };
}

/** `config-name  ConfigMap  Optional: false` / `creds  Secret with prefix 'DB_'  Optional: true`. */
function parseEnvFrom(text: string): EnvFromSource | undefined {
  const m =
    /^(\S+)\s+(ConfigMap|Secret)(?:\s+with prefix '([^']*)')?(?:\s+Optional:\s*(true|false))?/i.exec(
      text.trim(),
    );
  if (!m) return undefined;
  const ref: { name?: string; optional?: boolean } = { name: m[1] as string };
  if (m[4]) ref.optional = m[4].toLowerCase() === 'true';
  const out: EnvFromSource = /^secret$/i.test(m[2] as string)
    ? { secretRef: ref }
    : { configMapRef: ref };
  if (m[3]) out.prefix = m[3];
  return out;
}

/** `/data from data (rw)`, `/etc/app/app.yaml from config (ro,path="app.yaml")`. */
export function parseMount(text: string): VolumeMount | undefined {
  const m = /^(\S+)\s+from\s+(\S+)(.*)$/.exec(text.trim());
  if (!m) return undefined;
  const mount: VolumeMount = { mountPath: m[1] as string, name: m[2] as string };
  const rest = (m[3] ?? '').trim();
  const flags = rest.startsWith('(') ? rest.slice(1).replace(/\)$/, '') : undefined;
  if (flags !== undefined) {
    if (/(^|,)\s*ro\b/.test(flags)) mount.readOnly = true;
    else if (/(^|,)\s*rw\b/.test(flags)) mount.readOnly = false;
    const sub = /path="([^"]*)"?/.exec(flags);
    if (sub) mount.subPath = sub[1] as string;
  }
  return mount;
}

/** `8080/TCP`, `8080/TCP (http), 9090/TCP (metrics)`, `<none>`. */
function parsePorts(value: string): { containerPort?: number; protocol?: string; name?: string }[] {
  if (isNone(value)) return [];
  const out: { containerPort?: number; protocol?: string; name?: string }[] = [];
  for (const part of value.split(/,\s*/)) {
    const m = /^(\d+)(?:\/([A-Za-z]+))?(?:\s*\(([^)]*)\)?)?/.exec(part.trim());
    if (!m) continue;
    const p: { containerPort?: number; protocol?: string; name?: string } = {
      containerPort: Number(m[1]),
    };
    if (m[2]) p.protocol = m[2].toUpperCase();
    if (m[3]) p.name = m[3];
    out.push(p);
  }
  return out;
}

type ContainerMode =
  'skip' | 'command' | 'args' | 'limits' | 'requests' | 'env' | 'envFrom' | 'mounts' | 'state';

/** Modes whose nested lines are free text, where container keys must not be recognised. */
const FREE_MODES = new Set<ContainerMode>(['command', 'args', 'env']);

interface StateCursor {
  kind: 'waiting' | 'running' | 'terminated';
  obj: ContainerStateTerminated;
}

function stateKindOf(word: string): StateCursor['kind'] | undefined {
  const w = word.toLowerCase();
  if (w.length < 3) return undefined;
  for (const k of ['waiting', 'running', 'terminated'] as const) if (k.startsWith(w)) return k;
  return undefined;
}

interface ContainerList {
  containers: Container[];
  statuses: ContainerStatus[];
}

/** The `Containers:` / `Init Containers:` section body of a pod or a pod template. */
function parseContainers(body: readonly Line[], withStatus: boolean, warn: Warn): ContainerList {
  const containers: Container[] = [];
  const statuses: ContainerStatus[] = [];
  let headerIndent: number | undefined;
  let propIndent: number | undefined;
  let cur: Container | undefined;
  let st: ContainerStatus | undefined;
  let mode: ContainerMode = 'skip';
  let state: StateCursor | undefined;
  let inMessage = false;
  let envIndent: number | undefined;
  let lastEnv: EnvVar | undefined;
  let hostPorts: number[] = [];
  let warnedOrphan = false;

  const status = (c: Container): ContainerStatus => {
    if (!st) {
      st = { name: c.name };
      if (c.image !== undefined) st.image = c.image;
      if (withStatus) statuses.push(st);
    }
    return st;
  };
  const finish = (): void => {
    if (cur?.ports) {
      cur.ports.forEach((p, i) => {
        const hp = hostPorts[i];
        if (hp !== undefined && hp > 0) p.hostPort = hp;
      });
    }
    if (state?.obj.message !== undefined) state.obj.message = state.obj.message.trim();
  };

  for (const l of body) {
    if (l.text === '') {
      if (inMessage && state) state.obj.message = `${state.obj.message ?? ''}\n`;
      continue;
    }
    const kv = parseKV(l.text);
    if (inMessage && state) {
      if (kv && (MESSAGE_END_KEYS.has(kv.key) || CONTAINER_KEYS.has(kv.key))) {
        inMessage = false;
        state.obj.message = (state.obj.message ?? '').trim();
      } else {
        const prev = state.obj.message ?? '';
        state.obj.message = prev === '' ? l.text.trim() : `${prev}\n${l.text.trim()}`;
        continue;
      }
    }
    const header = DNS_LABEL_HEADER.exec(l.text);
    if (header && (headerIndent === undefined || l.indent <= headerIndent)) {
      finish();
      cur = { name: header[1] as string };
      containers.push(cur);
      st = undefined;
      state = undefined;
      mode = 'skip';
      propIndent = undefined;
      hostPorts = [];
      headerIndent ??= l.indent;
      continue;
    }
    if (!cur && kv && CONTAINER_KEYS.has(kv.key)) {
      // Container fields with no name line above them (a grep cut): one unnamed container.
      cur = { name: '' };
      containers.push(cur);
    }
    if (!cur) {
      if (!warnedOrphan) warn(l, 'container lines before any container name');
      warnedOrphan = true;
      continue;
    }
    const c: Container = cur;
    propIndent ??= l.indent;
    const isProp =
      l.indent <= propIndent ||
      (kv !== undefined &&
        ((CONTAINER_KEYS.has(kv.key) && !FREE_MODES.has(mode)) ||
          (kv.key === 'Started' && toBool(kv.value) !== undefined)));

    if (isProp && kv) {
      mode = 'skip';
      state = undefined;
      const v = kv.value;
      switch (kv.key) {
        case 'Container ID':
          if (v && withStatus) status(c).containerID = v;
          break;
        case 'Image':
          if (v) {
            c.image = v;
            if (st) st.image = v;
          }
          break;
        case 'Image ID':
          if (v && withStatus) status(c).imageID = v;
          break;
        case 'Port':
        case 'Ports': {
          const ports = parsePorts(v);
          if (ports.length > 0) c.ports = ports;
          break;
        }
        case 'Host Port':
        case 'Host Ports':
          hostPorts = parsePorts(v).map((p) => p.containerPort ?? 0);
          break;
        case 'Command':
        case 'Args': {
          mode = kv.key === 'Command' ? 'command' : 'args';
          if (v && !isNone(v)) (mode === 'command' ? (c.command ??= []) : (c.args ??= [])).push(v);
          break;
        }
        case 'State':
        case 'Last State': {
          if (!withStatus) break;
          const kind = stateKindOf(v.split(/\s+/)[0] ?? '');
          if (!kind) break;
          const cs: ContainerState = {};
          const obj: ContainerStateTerminated = {};
          cs[kind] = obj;
          if (kv.key === 'State') status(c).state = cs;
          else status(c).lastState = cs;
          state = { kind, obj };
          mode = 'state';
          break;
        }
        case 'Ready': {
          const b = toBool(v);
          if (b !== undefined && withStatus) status(c).ready = b;
          break;
        }
        case 'Restart Count': {
          const n = toInt(v);
          if (n !== undefined && withStatus) status(c).restartCount = n;
          break;
        }
        case 'Started': {
          const b = toBool(v);
          if (b !== undefined && withStatus) status(c).started = b;
          break;
        }
        case 'Limits':
        case 'Requests':
          mode = kv.key === 'Limits' ? 'limits' : 'requests';
          break;
        case 'Liveness':
        case 'Readiness':
        case 'Startup': {
          const probe = parseProbe(v);
          if (!probe) {
            if (v) warn(l, `unrecognised ${kv.key.toLowerCase()} probe`);
            break;
          }
          if (kv.key === 'Liveness') c.livenessProbe = probe;
          else if (kv.key === 'Readiness') c.readinessProbe = probe;
          else c.startupProbe = probe;
          break;
        }
        case 'Environment Variables from':
          if (!NONE.test(v)) {
            mode = 'envFrom';
            const ef = v ? parseEnvFrom(v) : undefined;
            if (ef) (c.envFrom ??= []).push(ef);
          }
          break;
        case 'Environment':
          if (!NONE.test(v)) {
            mode = 'env';
            envIndent = undefined;
            lastEnv = undefined;
          }
          break;
        case 'Mounts':
          if (!NONE.test(v)) mode = 'mounts';
          break;
        case 'Restart Policy':
          if (v) c.restartPolicy = v;
          break;
        default:
          applySecurityKey(c, kv.key, v);
      }
      continue;
    }
    if (isProp && (mode === 'command' || mode === 'args')) {
      (mode === 'command' ? (c.command ??= []) : (c.args ??= [])).push(l.text.trim());
      continue;
    }

    // A nested line: its meaning depends on the property above it.
    switch (mode) {
      case 'command':
        (c.command ??= []).push(l.text.trim());
        break;
      case 'args':
        (c.args ??= []).push(l.text.trim());
        break;
      case 'limits':
      case 'requests':
        if (kv && kv.value) {
          const res = (c.resources ??= {});
          (mode === 'limits' ? (res.limits ??= {}) : (res.requests ??= {}))[kv.key] = kv.value;
        }
        break;
      case 'env': {
        envIndent ??= l.indent;
        const named = kv && /^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(kv.key) ? kv : undefined;
        if (named && l.indent <= envIndent) {
          lastEnv = parseEnvValue(named.key, named.value);
          if (/^<set to the key/.test(named.value) && !lastEnv.valueFrom) {
            warn(l, `truncated env reference for ${named.key}`);
          }
          (c.env ??= []).push(lastEnv);
        } else if (lastEnv) {
          lastEnv.value = lastEnv.value ? `${lastEnv.value}\n${l.text.trim()}` : l.text.trim();
        }
        break;
      }
      case 'envFrom': {
        const ef = parseEnvFrom(l.text);
        if (ef) (c.envFrom ??= []).push(ef);
        break;
      }
      case 'mounts': {
        const m = parseMount(l.text);
        if (m) (c.volumeMounts ??= []).push(m);
        break;
      }
      case 'state':
        if (state && kv) applyStateKey(state, kv, l, warn);
        if (state && kv?.key === 'Message') inMessage = true;
        break;
      default:
        break;
    }
  }
  finish();
  return { containers, statuses };
}

function applyStateKey(state: StateCursor, kv: KV, l: Line, warn: Warn): void {
  const o = state.obj;
  const v = kv.value;
  switch (kv.key) {
    case 'Reason':
      if (v && state.kind !== 'running') o.reason = v;
      break;
    case 'Message':
      if (state.kind !== 'running') o.message = v;
      break;
    case 'Exit Code': {
      const n = toInt(v);
      if (n !== undefined && state.kind === 'terminated') o.exitCode = n;
      break;
    }
    case 'Signal': {
      const n = toInt(v);
      if (n !== undefined && state.kind === 'terminated') o.signal = n;
      break;
    }
    case 'Started':
    case 'Finished': {
      if (state.kind === 'waiting') break;
      const t = toTime(v);
      if (t === undefined && v !== '' && !isNone(v) && !/\b0001\b/.test(v)) {
        warn(l, `unparseable time "${v}"`);
      }
      if (t === undefined) break;
      if (kv.key === 'Started') o.startedAt = t;
      else if (state.kind === 'terminated') o.finishedAt = t;
      break;
    }
    default:
      break;
  }
}

function applySecurityKey(c: Container, key: string, v: string): void {
  const k = key.toLowerCase().replace(/[\s_-]+/g, '');
  const sc = (): NonNullable<Container['securityContext']> => (c.securityContext ??= {});
  const b = toBool(v);
  const n = toInt(v);
  if (k === 'privileged' && b !== undefined) sc().privileged = b;
  else if (k === 'runasuser' && n !== undefined) sc().runAsUser = n;
  else if (k === 'runasgroup' && n !== undefined) sc().runAsGroup = n;
  else if (k === 'runasnonroot' && b !== undefined) sc().runAsNonRoot = b;
  else if (k === 'readonlyrootfilesystem' && b !== undefined) sc().readOnlyRootFilesystem = b;
  else if (k === 'allowprivilegeescalation' && b !== undefined) sc().allowPrivilegeEscalation = b;
}

// ---------------------------------------------------------------------------------------------
// Volumes

const VOLUME_KEY_BY_TYPE: Record<string, string> = {
  ConfigMap: 'configMap',
  Secret: 'secret',
  PersistentVolumeClaim: 'persistentVolumeClaim',
  EmptyDir: 'emptyDir',
  HostPath: 'hostPath',
  Projected: 'projected',
  DownwardAPI: 'downwardAPI',
  CSI: 'csi',
  NFS: 'nfs',
  EphemeralVolume: 'ephemeral',
  ISCSI: 'iscsi',
  RBD: 'rbd',
  FC: 'fc',
  CephFS: 'cephfs',
  Image: 'image',
};

function buildVolume(name: string, pairs: [string, string][]): Volume {
  const vol: Volume = { name };
  const get = (k: string): string | undefined => pairs.find(([key]) => key === k)?.[1];
  const type = (get('Type') ?? '').split(/\s+/)[0] ?? '';
  const optional = toBool(get('Optional'));
  switch (type) {
    case 'ConfigMap': {
      const cm: NonNullable<Volume['configMap']> = {};
      const n = get('Name');
      if (n) cm.name = n;
      if (optional !== undefined) cm.optional = optional;
      vol.configMap = cm;
      break;
    }
    case 'Secret': {
      const s: NonNullable<Volume['secret']> = {};
      const n = get('SecretName');
      if (n) s.secretName = n;
      if (optional !== undefined) s.optional = optional;
      vol.secret = s;
      break;
    }
    case 'PersistentVolumeClaim': {
      const p: NonNullable<Volume['persistentVolumeClaim']> = {};
      const n = get('ClaimName');
      if (n) p.claimName = n;
      const ro = toBool(get('ReadOnly'));
      if (ro !== undefined) p.readOnly = ro;
      vol.persistentVolumeClaim = p;
      break;
    }
    case 'EmptyDir': {
      const e: NonNullable<Volume['emptyDir']> = {};
      const medium = get('Medium');
      const size = get('SizeLimit');
      if (medium && !isNone(medium)) e.medium = medium;
      if (size && !isNone(size)) e.sizeLimit = size;
      vol.emptyDir = e;
      break;
    }
    case 'HostPath': {
      const h: NonNullable<Volume['hostPath']> = {};
      const path = get('Path');
      const t = get('HostPathType');
      if (path) h.path = path;
      if (t && !isNone(t)) h.type = t;
      vol.hostPath = h;
      break;
    }
    case 'Projected': {
      const sources: Record<string, unknown>[] = [];
      let last: Record<string, unknown> | undefined;
      for (const [k, v] of pairs) {
        if (k === 'TokenExpirationSeconds') {
          sources.push({ serviceAccountToken: { expirationSeconds: toInt(v) } });
        } else if (k === 'ConfigMapName') {
          last = { name: v };
          sources.push({ configMap: last });
        } else if (k === 'SecretName') {
          last = { name: v };
          sources.push({ secret: last });
        } else if ((k === 'ConfigMapOptional' || k === 'Optional') && last) {
          const b = toBool(v);
          if (b !== undefined) last.optional = b;
        } else if (k === 'DownwardAPI' && toBool(v)) {
          sources.push({ downwardAPI: {} });
        }
      }
      vol.projected = { sources };
      break;
    }
    default: {
      if (!type) break;
      const key = VOLUME_KEY_BY_TYPE[type] ?? type.charAt(0).toLowerCase() + type.slice(1);
      const fields: Record<string, string> = {};
      for (const [k, v] of pairs)
        if (k !== 'Type') fields[k.charAt(0).toLowerCase() + k.slice(1)] = v;
      vol[key] = fields;
    }
  }
  return vol;
}

function parseVolumes(body: readonly Line[]): Volume[] {
  const out: Volume[] = [];
  let headerIndent: number | undefined;
  let cur: { name: string; pairs: [string, string][] } | undefined;
  const flush = (): void => {
    if (cur) out.push(buildVolume(cur.name, cur.pairs));
  };
  for (const l of body) {
    if (l.text === '') continue;
    const header = DNS_LABEL_HEADER.exec(l.text);
    if (header && (headerIndent === undefined || l.indent <= headerIndent)) {
      flush();
      cur = { name: header[1] as string, pairs: [] };
      headerIndent ??= l.indent;
      continue;
    }
    const kv = parseKV(l.text);
    if (cur && kv) cur.pairs.push([kv.key, kv.value]);
  }
  flush();
  return out;
}

// ---------------------------------------------------------------------------------------------
// Events

/** `2m11s (x8 over 14m)` → count 8, ages {last: 2m11s, first: 14m}; `14m` → count 1. */
export function parseEventAge(text: string): Pick<KEvent, 'count' | 'ages'> {
  const m = /^(\S+)(?:\s+\(x(\d+)(?:\s+over(?:\s+([^)\s]+))?)?\)?)?/.exec(text.trim());
  if (!m) return {};
  const last = m[1] as string;
  const first = m[3] ?? last;
  const out: Pick<KEvent, 'count' | 'ages'> = { count: m[2] !== undefined ? Number(m[2]) : 1 };
  const ages: NonNullable<KEvent['ages']> = {};
  if (!isNone(last) && !/^<.*>$/.test(last)) ages.last = last;
  if (!isNone(first) && !/^<.*>$/.test(first)) ages.first = first;
  if (ages.last !== undefined || ages.first !== undefined) out.ages = ages;
  return out;
}

/** `kubelet`, `kubelet, node-1`, `{kubelet node-1}`, `{default-scheduler }`. */
function parseEventSource(text: string): KEvent['source'] | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const m = /^\{?\s*([^,\s}]+)(?:,?\s+([^\s}]+))?\s*\}?$/.exec(t);
  if (!m) return { component: t };
  const out: NonNullable<KEvent['source']> = { component: m[1] as string };
  if (m[2]) out.host = m[2];
  return out;
}

interface EventRow {
  type?: string;
  reason?: string;
  age?: string;
  count?: number;
  firstSeen?: string;
  lastSeen?: string;
  from?: string;
  fieldPath?: string;
  message?: string;
}

const EVENT_TYPE = /^(Normal|Warning)$/;
const AGE_CELL = /^(<[a-z]+>|\d[\w.]*)(\s+\(x\d+\s+over\s+[^)]*\))?$/;
const FROM_CELL = /^(\{[^}]*\}|[\w.:/-]+(,\s*[\w.:-]+)?)$/;

/** A row of the current `Type  Reason  Age  From  Message` table. */
function parseNewEventRow(l: Line, msgPos: number | undefined): EventRow | undefined {
  const text = l.text;
  const cs = cellsOf(text);
  const [c0, c1, c2, c3, c4] = cs;
  if (!c0 || !EVENT_TYPE.test(c0.text)) return undefined;
  if (c1 && c2 && c3 && c4 && AGE_CELL.test(c2.text) && FROM_CELL.test(c3.text)) {
    return {
      type: c0.text,
      reason: c1.text,
      age: c2.text,
      from: c3.text,
      message: text.slice(c4.start).trim(),
    };
  }
  const m =
    /^(\S+)\s+(\S+)(?:\s+(<[a-z]+>|\S+)((?:\s+\(x\d+\s+over\s+[^)\s]*\)?)?))?(?:\s+(.*))?$/.exec(
      text,
    );
  if (!m) return { type: c0.text };
  const row: EventRow = { type: m[1] as string, reason: m[2] as string };
  if (m[3]) row.age = `${m[3]}${m[4] ?? ''}`;
  const rest = m[5];
  if (rest === undefined || rest === '') return row;
  const restAbs = l.indent + text.length - rest.length;
  const full = ' '.repeat(l.indent) + text;
  if (
    msgPos !== undefined &&
    !text.includes('\t') &&
    restAbs < msgPos - 1 &&
    full.length > msgPos &&
    full[msgPos - 1] === ' ' &&
    full[msgPos] !== ' '
  ) {
    const from = full.slice(restAbs, msgPos).trim();
    if (FROM_CELL.test(from)) {
      row.from = from;
      row.message = full.slice(msgPos).trim();
      return row;
    }
  }
  const split = /^(.*?)(?:\t+|\s{2,})(.*)$/.exec(rest);
  if (split && FROM_CELL.test((split[1] as string).trim())) {
    row.from = (split[1] as string).trim();
    row.message = (split[2] as string).trim();
    return row;
  }
  const tok = /^(\S+,\s+\S+|\{[^}]*\}|\S+)(?:\s+(.*))?$/.exec(rest);
  if (tok) {
    row.from = tok[1] as string;
    if (tok[2]) row.message = tok[2].trim();
  }
  return row;
}

/** A row of the pre-1.10 `FirstSeen  LastSeen  Count  From  SubObjectPath  Type  Reason  Message` table. */
function parseOldEventRow(l: Line, cols: readonly Column[]): EventRow | undefined {
  const m =
    /^(\S+)\s+(\S+)\s+(\d+)\s+(\{[^}]*\}|\S+,\s+\S+|\S+)\s+(?:(\S*\{[^}]*\}|spec\.\S+)\s+)?(?:(Normal|Warning)\s+)?(\S+)(?:\s+(.*))?$/.exec(
      l.text,
    );
  if (m) {
    const row: EventRow = {
      firstSeen: m[1] as string,
      lastSeen: m[2] as string,
      count: Number(m[3]),
      from: m[4] as string,
      reason: m[7] as string,
    };
    if (m[5]) row.fieldPath = m[5];
    if (m[6]) row.type = m[6];
    if (m[8]) row.message = m[8].trim();
    return row;
  }
  const cells = sliceAligned(l, cols);
  if (!cells) return undefined;
  const get = (n: string): string | undefined => {
    const i = cols.findIndex((c) => c.name === n);
    const v = i >= 0 ? cells[i] : undefined;
    return v === undefined || v === '' ? undefined : v;
  };
  const count = toInt(get('count'));
  if (count === undefined) return undefined;
  const row: EventRow = { count };
  const set = <K extends keyof EventRow>(k: K, v: EventRow[K] | undefined): void => {
    if (v !== undefined) row[k] = v;
  };
  set('firstSeen', get('firstseen'));
  set('lastSeen', get('lastseen'));
  set('from', get('from'));
  set('fieldPath', get('subobjectpath'));
  set('type', get('type'));
  set('reason', get('reason'));
  set('message', get('message'));
  return row;
}

function eventFromRow(
  row: EventRow,
  involved: KEvent['involvedObject'],
  namespace: string | undefined,
): KEvent {
  const ev: KEvent = { kind: 'Event', metadata: {}, involvedObject: { ...involved } };
  if (namespace !== undefined) ev.metadata.namespace = namespace;
  if (row.fieldPath !== undefined) ev.involvedObject.fieldPath = row.fieldPath;
  if (row.type !== undefined) ev.type = row.type;
  if (row.reason !== undefined) ev.reason = row.reason;
  if (row.message !== undefined) ev.message = row.message;
  const source = row.from !== undefined ? parseEventSource(row.from) : undefined;
  if (source) ev.source = source;
  if (row.age !== undefined) {
    const a = parseEventAge(row.age);
    if (a.count !== undefined) ev.count = a.count;
    if (a.ages) ev.ages = a.ages;
  } else {
    if (row.count !== undefined) ev.count = row.count;
    const ages: NonNullable<KEvent['ages']> = {};
    if (row.lastSeen !== undefined && !/^<.*>$/.test(row.lastSeen)) ages.last = row.lastSeen;
    if (row.firstSeen !== undefined && !/^<.*>$/.test(row.firstSeen)) ages.first = row.firstSeen;
    if (ages.last !== undefined || ages.first !== undefined) ev.ages = ages;
  }
  return ev;
}

function parseEvents(
  s: Section,
  involved: KEvent['involvedObject'],
  namespace: string | undefined,
  ctx: ObjectContext,
): Item<KEvent>[] {
  const out: Item<KEvent>[] = [];
  if (s.value !== '' && isNone(s.value.split(/\s+/)[0])) return out;
  const lines = s.body.filter((l) => l.text !== '');
  let i = 0;
  let cols: Column[] = [];
  let old = false;
  const first = lines[0];
  if (first) {
    const names = columnsOf(first).map((c) => c.name);
    if (names.includes('reason') && (names.includes('type') || names.includes('message'))) {
      cols = columnsOf(first);
      old = names.includes('firstseen') || names.includes('lastseen') || names.includes('count');
      i = 1;
    }
  }
  const under = lines[i];
  if (under && UNDERLINE.test(under.text)) {
    const u = columnsOf(under);
    if (u.length === cols.length)
      cols = cols.map((c, k) => ({ name: c.name, pos: u[k]?.pos ?? c.pos }));
    i++;
  }
  const msgPos = cols.find((c) => c.name === 'message')?.pos;
  let rowIndent: number | undefined;
  let last: Item<KEvent> | undefined;
  for (; i < lines.length; i++) {
    const l = lines[i] as Line;
    let row: EventRow | undefined;
    if (rowIndent === undefined || l.indent <= rowIndent + 2) {
      if (cols.length === 0) row = parseNewEventRow(l, undefined) ?? parseOldEventRow(l, cols);
      else row = old ? parseOldEventRow(l, cols) : parseNewEventRow(l, msgPos);
    }
    if (row) {
      rowIndent ??= l.indent;
      last = {
        object: eventFromRow(row, involved, namespace),
        origin: { source: ctx.sourceIndex, from: l.no, to: l.no },
      };
      out.push(last);
      continue;
    }
    if (last) {
      const ev = last.object;
      ev.message = ev.message ? `${ev.message} ${l.text.trim()}` : l.text.trim();
      last.origin.to = l.no;
      continue;
    }
    ctx.warn(l, 'unrecognised event row');
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Objects

type DescribeKind = 'Pod' | 'Node' | Workload['kind'];

const KIND_BY_RESOURCE: Record<string, DescribeKind> = {
  pods: 'Pod',
  pod: 'Pod',
  po: 'Pod',
  deployments: 'Deployment',
  deployment: 'Deployment',
  deploy: 'Deployment',
  replicasets: 'ReplicaSet',
  replicaset: 'ReplicaSet',
  rs: 'ReplicaSet',
  statefulsets: 'StatefulSet',
  statefulset: 'StatefulSet',
  sts: 'StatefulSet',
  daemonsets: 'DaemonSet',
  daemonset: 'DaemonSet',
  ds: 'DaemonSet',
  jobs: 'Job',
  job: 'Job',
  cronjobs: 'CronJob',
  cronjob: 'CronJob',
  cj: 'CronJob',
  nodes: 'Node',
  node: 'Node',
  no: 'Node',
};

function kindFromCommand(cmd: KubectlCommand | undefined): DescribeKind | undefined {
  const candidates = [
    cmd?.resource,
    ...(cmd?.names ?? []).map((n) => (n.includes('/') ? n.split('/')[0] : undefined)),
  ];
  for (const c of candidates) {
    if (!c) continue;
    const k = KIND_BY_RESOURCE[c.toLowerCase().split('.')[0] ?? ''];
    if (k) return k;
  }
  return undefined;
}

/** The kind from the fields present (strong signals first), else the command, else a guess. */
function detectKind(
  secs: readonly Section[],
  cmd: KubectlCommand | undefined,
): { kind: DescribeKind; guessed: boolean } {
  const has = (k: string): boolean => secs.some((s) => s.key === k);
  const replicas = secs.find((s) => s.key === 'Replicas')?.value ?? '';
  if (
    [
      'System Info',
      'Roles',
      'Taints',
      'Allocatable',
      'Non-terminated Pods',
      'Addresses',
      'Capacity',
      'Unschedulable',
    ].some(has)
  ) {
    return { kind: 'Node', guessed: false };
  }
  if (
    ['StrategyType', 'NewReplicaSet', 'OldReplicaSets', 'RollingUpdateStrategy'].some(has) ||
    /\bupdated\b/.test(replicas)
  ) {
    return { kind: 'Deployment', guessed: false };
  }
  if (['Desired Number of Nodes Scheduled', 'Number of Nodes Misscheduled'].some(has))
    return { kind: 'DaemonSet', guessed: false };
  if (['Schedule', 'Concurrency Policy', 'Last Schedule Time', 'Active Jobs'].some(has))
    return { kind: 'CronJob', guessed: false };
  if (['Completions', 'Parallelism', 'Pods Statuses', 'Backoff Limit', 'Completion Mode'].some(has))
    return { kind: 'Job', guessed: false };
  if (
    ['Update Strategy', 'Volume Claims', 'Pod Management Policy'].some(has) ||
    /desired\s*\|\s*\d+\s*total/.test(replicas)
  ) {
    return { kind: 'StatefulSet', guessed: false };
  }
  if (/current\s*\/\s*\d+\s*desired/.test(replicas)) return { kind: 'ReplicaSet', guessed: false };
  if (
    [
      'Containers',
      'Init Containers',
      'QoS Class',
      'Start Time',
      'IP',
      'IPs',
      'Node',
      'Service Account',
    ].some(has) &&
    !has('Pod Template')
  ) {
    return { kind: 'Pod', guessed: false };
  }
  const fromCmd = kindFromCommand(cmd);
  if (fromCmd) return { kind: fromCmd, guessed: false };
  if (has('Pod Template')) return { kind: 'ReplicaSet', guessed: true };
  return { kind: 'Pod', guessed: true };
}

type Warn = (l: Line | undefined, msg: string) => void;

interface ObjectContext {
  sourceIndex: number;
  warn: Warn;
  command: KubectlCommand | undefined;
}

/** Metadata fields shared by every kind. Returns true when the section was consumed. */
function applyMeta(s: Section, meta: ObjectMeta): boolean {
  switch (s.key) {
    case 'Name':
      if (s.value && !isNone(s.value)) meta.name = s.value.split(/\s+/)[0] as string;
      return true;
    case 'Namespace':
      if (s.value && !isNone(s.value)) meta.namespace = s.value;
      return true;
    case 'Labels': {
      const labels = parseLabels(s);
      if (labels) meta.labels = labels;
      return true;
    }
    case 'Annotations': {
      const ann = parseAnnotations(s);
      if (ann) meta.annotations = ann;
      return true;
    }
    case 'CreationTimestamp': {
      const t = toTime(s.value);
      if (t) meta.creationTimestamp = t;
      return true;
    }
    case 'Controlled By': {
      const ref = parseControlledBy(s.value);
      if (ref) meta.ownerReferences = [ref];
      return true;
    }
    default:
      return false;
  }
}

/** Pod-spec sections shared by pods and pod templates. Returns true when consumed. */
function applyPodSpec(
  s: Section,
  spec: PodSpec,
  status: PodStatus | undefined,
  ctx: ObjectContext,
): boolean {
  switch (s.key) {
    case 'Service Account':
      if (s.value && !isNone(s.value)) spec.serviceAccountName = s.value;
      return true;
    case 'Priority Class Name':
    case 'PriorityClassName':
      if (s.value && !isNone(s.value)) spec.priorityClassName = s.value;
      return true;
    case 'Containers':
    case 'Init Containers': {
      if (isNone(s.value) && s.value !== '') return true;
      const { containers, statuses } = parseContainers(s.body, status !== undefined, ctx.warn);
      if (s.key === 'Containers') {
        if (containers.length > 0) spec.containers = containers;
        if (status && statuses.length > 0) status.containerStatuses = statuses;
      } else {
        if (containers.length > 0) spec.initContainers = containers;
        if (status && statuses.length > 0) status.initContainerStatuses = statuses;
      }
      return true;
    }
    case 'Ephemeral Containers':
      return true;
    case 'Volumes': {
      const vols = parseVolumes(s.body);
      if (vols.length > 0) spec.volumes = vols;
      return true;
    }
    case 'Node-Selectors': {
      const sel = parseLabels(s);
      if (sel) spec.nodeSelector = sel;
      return true;
    }
    case 'Tolerations': {
      const tols = [s.value, ...s.body.map((l) => l.text)]
        .map((t) => parseToleration(t))
        .filter((t): t is NonNullable<typeof t> => t !== undefined);
      if (tols.length > 0) spec.tolerations = tols;
      return true;
    }
    case 'Termination Grace Period': {
      const secs = parseDuration(s.value) ?? toInt(s.value);
      if (secs !== undefined) spec.terminationGracePeriodSeconds = secs;
      return true;
    }
    default:
      return false;
  }
}

function parseConditions(s: Section): Condition[] {
  const rows = parseTable(s.body, ['Type', 'Status', 'Reason', 'Message']);
  const out: Condition[] = [];
  for (const r of rows) {
    const type = r.cells['type'];
    if (!type) continue;
    const c: Condition = { type };
    const status = r.cells['status'];
    const reason = r.cells['reason'];
    const message = r.cells['message'];
    const lt = toTime(r.cells['lasttransitiontime']);
    if (status) c.status = status;
    if (reason) c.reason = reason;
    if (message) c.message = message;
    if (lt) c.lastTransitionTime = lt;
    out.push(c);
  }
  return out;
}

function buildPod(secs: readonly Section[], ctx: ObjectContext): Pod {
  const metadata: ObjectMeta = {};
  const spec: PodSpec = {};
  const status: PodStatus = {};
  for (const s of secs) {
    if (applyMeta(s, metadata) || applyPodSpec(s, spec, status, ctx)) continue;
    switch (s.key) {
      case 'Node': {
        if (isNone(s.value)) break;
        const slash = s.value.lastIndexOf('/');
        const name = slash >= 0 ? s.value.slice(0, slash) : s.value;
        const ip = slash >= 0 ? s.value.slice(slash + 1) : '';
        if (name) spec.nodeName = name;
        if (ip) status.hostIP = ip;
        break;
      }
      case 'Start Time': {
        const t = toTime(s.value);
        if (t) status.startTime = t;
        else if (s.value) ctx.warn(s.line, `unparseable time "${s.value}"`);
        break;
      }
      case 'Status': {
        const phase = s.value.split(/\s+/)[0];
        if (phase) status.phase = phase;
        break;
      }
      case 'Reason':
        if (s.value) status.reason = s.value;
        break;
      case 'Message': {
        const msg = joinedValue(s);
        if (msg) status.message = msg;
        break;
      }
      case 'IP':
        if (s.value && !isNone(s.value)) status.podIP = s.value;
        break;
      case 'QoS Class':
        if (s.value) status.qosClass = s.value;
        break;
      case 'Conditions': {
        const conds = parseConditions(s);
        if (conds.length > 0) status.conditions = conds;
        break;
      }
      default:
        break;
    }
  }
  if (!metadata.creationTimestamp && status.startTime)
    metadata.creationTimestamp = status.startTime;
  const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata };
  if (Object.keys(spec).length > 0) pod.spec = spec;
  if (Object.keys(status).length > 0) pod.status = status;
  return pod;
}

function parsePodTemplate(
  s: Section,
  ctx: ObjectContext,
): { metadata?: ObjectMeta; spec?: PodSpec } {
  const nonBlank = s.body.filter((l) => l.text !== '');
  if (nonBlank.length === 0) return {};
  const base = minIndent(nonBlank);
  const metadata: ObjectMeta = {};
  const spec: PodSpec = {};
  for (const sub of splitSections(s.body, base)) {
    if (sub.key === 'Labels' || sub.key === 'Annotations') applyMeta(sub, metadata);
    else applyPodSpec(sub, spec, undefined, ctx);
  }
  const out: { metadata?: ObjectMeta; spec?: PodSpec } = {};
  if (Object.keys(metadata).length > 0) out.metadata = metadata;
  if (Object.keys(spec).length > 0) out.spec = spec;
  return out;
}

const SPEC_NUMBER_FIELDS: Record<string, string> = {
  MinReadySeconds: 'minReadySeconds',
  'Backoff Limit': 'backoffLimit',
};

const DAEMONSET_STATUS_FIELDS: Record<string, string> = {
  'Desired Number of Nodes Scheduled': 'desiredNumberScheduled',
  'Current Number of Nodes Scheduled': 'currentNumberScheduled',
  'Number of Nodes Scheduled with Up-to-date Pods': 'updatedNumberScheduled',
  'Number of Nodes Scheduled with Available Pods': 'numberAvailable',
  'Number of Nodes Misscheduled': 'numberMisscheduled',
};

function buildWorkload(
  kind: Workload['kind'],
  secs: readonly Section[],
  ctx: ObjectContext,
): Workload {
  const metadata: ObjectMeta = {};
  const spec: NonNullable<Workload['spec']> = {};
  const status: NonNullable<Workload['status']> = {};
  for (const s of secs) {
    if (applyMeta(s, metadata)) continue;
    const v = s.value;
    switch (s.key) {
      case 'Selector': {
        const sel = parseLabels(s);
        if (sel) spec.selector = { matchLabels: sel };
        break;
      }
      case 'Replicas': {
        const counts: Record<string, number> = {};
        for (const m of v.matchAll(
          /(\d+)\s+(desired|updated|total|available|unavailable|current|ready)/g,
        )) {
          counts[m[2] as string] = Number(m[1]);
        }
        if (counts['desired'] !== undefined) spec.replicas = counts['desired'];
        const total = counts['total'] ?? counts['current'];
        if (total !== undefined) status.replicas = total;
        if (counts['updated'] !== undefined) status.updatedReplicas = counts['updated'];
        if (counts['available'] !== undefined) status.availableReplicas = counts['available'];
        if (counts['unavailable'] !== undefined) status.unavailableReplicas = counts['unavailable'];
        if (counts['ready'] !== undefined) status.readyReplicas = counts['ready'];
        break;
      }
      case 'StrategyType':
        if (v) spec.strategy = { ...spec.strategy, type: v };
        break;
      case 'Update Strategy':
        if (v) spec['updateStrategy'] = { type: v };
        break;
      case 'RollingUpdateStrategy': {
        const unavailable = /(\S+)\s+max unavailable/.exec(v)?.[1];
        const surge = /(\S+)\s+max surge/.exec(v)?.[1];
        const ru: { maxSurge?: string | number; maxUnavailable?: string | number } = {};
        if (unavailable) ru.maxUnavailable = intOrString(unavailable.replace(/,$/, ''));
        if (surge) ru.maxSurge = intOrString(surge.replace(/,$/, ''));
        spec.strategy = { ...spec.strategy, rollingUpdate: ru };
        break;
      }
      case 'MinReadySeconds':
      case 'Parallelism':
      case 'Completions':
      case 'Backoff Limit':
      case 'Partition': {
        const n = toInt(v);
        if (n !== undefined) spec[SPEC_NUMBER_FIELDS[s.key] ?? s.key.toLowerCase()] = n;
        break;
      }
      case 'Schedule':
        if (v) spec['schedule'] = v;
        break;
      case 'Suspend': {
        const b = toBool(v);
        if (b !== undefined) spec['suspend'] = b;
        break;
      }
      case 'Pod Template': {
        const tpl = parsePodTemplate(s, ctx);
        if (tpl.metadata || tpl.spec) spec.template = tpl;
        break;
      }
      case 'Conditions': {
        const conds = parseConditions(s);
        if (conds.length > 0) status.conditions = conds;
        break;
      }
      case 'NewReplicaSet': {
        const name = /^(\S+)/.exec(v)?.[1];
        if (name && !isNone(name)) status['newReplicaSet'] = name;
        break;
      }
      case 'OldReplicaSets': {
        const names = [
          ...joinedValue(s).matchAll(/(?:^|,\s*|\)\s*)([a-z0-9][-a-z0-9.]*)\s*\(/g),
        ].map((m) => m[1] as string);
        if (names.length > 0) status['oldReplicaSets'] = names;
        break;
      }
      case 'Pods Status':
      case 'Pods Statuses': {
        const pods: Record<string, number> = {};
        for (const m of v.matchAll(/(\d+)\s+(Running|Waiting|Succeeded|Failed|Active)/g)) {
          pods[(m[2] as string).toLowerCase()] = Number(m[1]);
        }
        if (Object.keys(pods).length > 0) status['pods'] = pods;
        break;
      }
      case 'Desired Number of Nodes Scheduled':
      case 'Current Number of Nodes Scheduled':
      case 'Number of Nodes Scheduled with Up-to-date Pods':
      case 'Number of Nodes Scheduled with Available Pods':
      case 'Number of Nodes Misscheduled': {
        const field = DAEMONSET_STATUS_FIELDS[s.key];
        const n = toInt(v);
        if (n !== undefined && field) status[field] = n;
        break;
      }
      default:
        break;
    }
  }
  const wl: Workload = { apiVersion: API_VERSION_BY_KIND[kind] ?? 'apps/v1', kind, metadata };
  if (Object.keys(spec).length > 0) wl.spec = spec;
  if (Object.keys(status).length > 0) wl.status = status;
  return wl;
}

function buildNode(secs: readonly Section[]): Node {
  const metadata: ObjectMeta = {};
  const spec: NonNullable<Node['spec']> = {};
  const status: NonNullable<Node['status']> = {};
  for (const s of secs) {
    if (applyMeta(s, metadata)) continue;
    switch (s.key) {
      case 'Taints': {
        const taints = [s.value, ...s.body.map((l) => l.text)]
          .map((t) => parseTaint(t))
          .filter((t): t is NonNullable<typeof t> => t !== undefined);
        if (taints.length > 0) spec.taints = taints;
        break;
      }
      case 'Unschedulable': {
        const b = toBool(s.value);
        if (b !== undefined) spec.unschedulable = b;
        break;
      }
      case 'Conditions': {
        const conds = parseConditions(s);
        if (conds.length > 0) status.conditions = conds;
        break;
      }
      case 'Capacity':
      case 'Allocatable': {
        const res = kvBody(s.body);
        if (Object.keys(res).length > 0) {
          if (s.key === 'Capacity') status.capacity = res;
          else status.allocatable = res;
        }
        break;
      }
      case 'System Info': {
        const info = kvBody(s.body);
        const nodeInfo: NonNullable<NonNullable<Node['status']>['nodeInfo']> = {};
        if (info['Architecture']) nodeInfo.architecture = info['Architecture'];
        if (info['Operating System']) nodeInfo.operatingSystem = info['Operating System'];
        if (info['Kubelet Version']) nodeInfo.kubeletVersion = info['Kubelet Version'];
        if (info['Container Runtime Version'])
          nodeInfo.containerRuntimeVersion = info['Container Runtime Version'];
        if (Object.keys(nodeInfo).length > 0) status.nodeInfo = nodeInfo;
        break;
      }
      default:
        break;
    }
  }
  const node: Node = { apiVersion: 'v1', kind: 'Node', metadata };
  if (Object.keys(spec).length > 0) node.spec = spec;
  if (Object.keys(status).length > 0) node.status = status;
  return node;
}

// ---------------------------------------------------------------------------------------------
// Headless fragments

/** A `Type  Reason  Age  From  Message` row, recognisable without its table header. */
const EVENT_ROW =
  /^(?:Normal|Warning)\s+\S+\s+(?:<[a-z]+>|\d[\w.]*)(?:\s+\(x\d+\s+over\s+[^)]*\))?\s+\S/;
/** Lines that frame a describe: with one of them the usual section reading applies. */
const FRAME_KEY = /^(?:Name|Containers|Init Containers|Events):(?:\s|$)/;
/** The separator grep prints between context groups (`grep -A3`). */
const GREP_SEPARATOR = /^--$/;

type FragmentPart = 'top' | 'container' | 'events';

/** Which part of a describe one line of a headless fragment belongs to (undefined: as above). */
function fragmentPart(l: Line): FragmentPart | undefined {
  if (EVENT_ROW.test(l.text)) return 'events';
  const kv = parseKV(l.text);
  if (!kv) return undefined;
  if (CONTAINER_KEYS.has(kv.key) && (l.indent > 0 || !TOP_KEYS.has(kv.key))) return 'container';
  if (TOP_KEYS.has(kv.key) && l.indent === 0) return 'top';
  return undefined;
}

/**
 * `kubectl describe pod X | grep ...` keeps scattered lines and no header (no `Name:`,
 * `Containers:` or `Events:`). The command names the pod, so read the fragment as that pod's
 * describe: column-0 keys are pod fields, indented container keys (and the lines under them) are
 * fields of its one unnamed container, and `Normal|Warning` rows are its events. Undefined when
 * the block is framed, names no single pod, or holds no container field and no event row.
 */
function fragmentSections(
  lines: readonly Line[],
  cmd: KubectlCommand | undefined,
): Section[] | undefined {
  if (lines.some((l) => FRAME_KEY.test(l.text))) return undefined;
  const rows = lines.filter((l) => l.text !== '');
  // Event rows alone (no command): the Events of a pod the paste does not name.
  if (cmd === undefined && rows.length > 0 && rows.every((l) => EVENT_ROW.test(l.text)))
    return [{ key: 'Events', value: '', line: rows[0] as Line, body: rows }];
  if (kindFromCommand(cmd) !== 'Pod' || cmd?.names.length !== 1) return undefined;
  const parts: Record<FragmentPart, Line[]> = { top: [], container: [], events: [] };
  let current: FragmentPart | undefined;
  for (const l of lines) {
    if (l.text === '' || GREP_SEPARATOR.test(l.text)) continue;
    const part = fragmentPart(l);
    if (part) current = part;
    // A line under an event row is not its continuation in a grep cut: it is dropped.
    if (current && (part !== undefined || current !== 'events')) parts[current].push(l);
  }
  const { top, container, events } = parts;
  if (container.length === 0 && events.length === 0) return undefined;
  const secs = splitSections(top, 0);
  const section = (key: string, body: Line[]): Section => ({
    key,
    value: '',
    line: body[0] as Line,
    body,
  });
  if (container.length > 0) secs.push(section('Containers', container));
  if (events.length > 0) secs.push(section('Events', events));
  return secs;
}

// ---------------------------------------------------------------------------------------------
// Entry point

function minIndent(lines: readonly Line[]): number {
  return lines.reduce((min, l) => Math.min(min, l.indent), Number.POSITIVE_INFINITY);
}

/** Where each described object starts: `Name:` lines at the block's base indentation. */
function splitObjects(lines: readonly Line[]): { lines: Line[]; base: number }[] {
  const nonBlank = lines.filter((l) => l.text !== '');
  if (nonBlank.length === 0) return [];
  const isName = (l: Line): boolean => /^Name:(\s|$)/.test(l.text);
  const firstName = lines.findIndex(isName);
  if (firstName < 0) return [{ lines: [...lines], base: minIndent(nonBlank) }];
  const base = (lines[firstName] as Line).indent;
  const starts = [0];
  for (let i = firstName + 1; i < lines.length; i++) {
    const l = lines[i] as Line;
    if (!isName(l) || l.indent !== base) continue;
    let j = i + 1;
    while (j < lines.length && (lines[j] as Line).text === '') j++;
    const next = lines[j];
    const kv = next ? parseKV(next.text) : undefined;
    if (kv && TOP_KEYS.has(kv.key) && next && next.indent <= base) starts.push(i);
  }
  return starts.map((s, k) => ({ lines: lines.slice(s, starts[k + 1] ?? lines.length), base }));
}

const MAX_WARNINGS = 20;

function parseDescribeUnsafe(
  block: Block,
  sourceIndex: number,
  source: SourceDoc,
): ParsedBlock | undefined {
  const lines = block.lines.map((raw, i) =>
    measure(typeof raw === 'string' ? raw : '', block.from + i),
  );
  const warnings: string[] = [];
  let dropped = 0;
  const where = source.name;
  const warn: Warn = (l, msg) => {
    if (warnings.length >= MAX_WARNINGS) {
      dropped++;
      return;
    }
    warnings.push(`${where}:${l?.no ?? block.from}: describe: ${msg}`);
  };
  const ctx: ObjectContext = { sourceIndex, warn, command: block.command };
  const objects = splitObjects(lines);
  const items: Item[] = [];
  // Declared describe output needs one known key; other blocks (tried as a fallback) must look
  // like a describe: a `Name:` line and at least two more describe keys.
  const declared = block.kind === 'describe' || block.command?.verb === 'describe';
  objects.forEach((obj, index) => {
    const secs =
      (declared ? fragmentSections(obj.lines, block.command) : undefined) ??
      splitSections(obj.lines, obj.base);
    const known = new Set(secs.filter((s) => TOP_KEYS.has(s.key)).map((s) => s.key));
    if (known.size === 0 || (!declared && (!known.has('Name') || known.size < 3))) return;
    const { kind, guessed } = detectKind(secs, block.command);
    if (guessed) warn(obj.lines[0], `object kind not recognisable, assuming ${kind}`);

    let object: Pod | Workload | Node;
    if (kind === 'Pod') object = buildPod(secs, ctx);
    else if (kind === 'Node') object = buildNode(secs);
    else object = buildWorkload(kind, secs, ctx);

    const meta = object.metadata;
    const cmdName = block.command?.names[0]?.split('/').pop();
    if (meta.name === undefined && objects.length === 1 && cmdName) meta.name = cmdName;
    if (meta.namespace === undefined && kind !== 'Node' && block.command?.namespace) {
      meta.namespace = block.command.namespace;
    }
    if (meta.name === undefined) warn(obj.lines[0], 'no Name: line');

    const single = objects.length === 1;
    const lastLine = [...obj.lines].reverse().find((l) => l.text !== '');
    const from = single || index === 0 ? block.from : (obj.lines[0]?.no ?? block.from);
    const to = single ? block.to : (lastLine?.no ?? block.to);
    items.push({ object, origin: { source: sourceIndex, from, to } });

    const involved: KEvent['involvedObject'] = { kind };
    if (meta.name !== undefined) involved.name = meta.name;
    const ns = kind === 'Node' ? undefined : meta.namespace;
    if (ns !== undefined) involved.namespace = ns;
    for (const s of secs) if (s.key === 'Events') items.push(...parseEvents(s, involved, ns, ctx));
  });
  if (dropped > 0)
    warnings.push(`${where}:${block.from}: describe: ${dropped} more warnings not shown`);
  if (items.length === 0) return undefined;
  return { items, logs: [], warnings };
}

/** Parse one `kubectl describe` block into a Pod/Workload/Node item plus one Event item per row. */
export const parseDescribe: BlockParser = (block, sourceIndex, source) => {
  try {
    if (!Array.isArray(block.lines)) return undefined;
    return parseDescribeUnsafe(block, sourceIndex, source);
  } catch {
    return undefined;
  }
};
