/**
 * Helpers shared by detectors (internal: the leading underscore keeps it out of the registry):
 * log-signature matches of a case, the crash's terminal log lines, probe events, kubectl
 * command builders with the real names from the evidence, and name similarity.
 */
import { escapeRegExp } from '../regexp.js';
import type { CaseContext } from '../engine/context.js';
import type { Category } from '../engine/report.js';
import type { ContainerLog, Item, KEvent, LogEntry } from '../evidence/types.js';
import { defaultScanner, type SignatureMatch } from '../signatures/index.js';
import type { EvidenceRef, Fix } from '../engine/report.js';

export interface LogMatch {
  match: SignatureMatch;
  log: ContainerLog;
  entry: LogEntry;
  /** Position of the entry in its log (0-based) and the log's entry count. */
  position: number;
  total: number;
  /** True for the log of the crashed instance. */
  crashed: boolean;
}

const matchCache = new WeakMap<CaseContext['case'], LogMatch[]>();

/** Every signature match in the case's logs (crashed instance first), computed once per case. */
export function logMatches(ctx: CaseContext): LogMatch[] {
  const cached = matchCache.get(ctx.case);
  if (cached) return cached;
  const scanner = defaultScanner();
  const out: LogMatch[] = [];
  const logs = [
    ctx.facts.crashLog,
    ...[ctx.case.logs.previous, ...ctx.case.logs.unknown, ctx.case.logs.current].filter(
      (l) => l !== ctx.facts.crashLog,
    ),
  ];
  for (const log of logs) {
    if (!log) continue;
    for (const match of scanner.scan(log.entries)) {
      const entry = log.entries[match.entryIndex] as LogEntry;
      out.push({
        match,
        log,
        entry,
        position: match.entryIndex,
        total: log.entries.length,
        crashed: log === ctx.facts.crashLog,
      });
    }
  }
  matchCache.set(ctx.case, out);
  return out;
}

export function matchesIn(
  ctx: CaseContext,
  filter: { category?: Category | Category[]; ids?: string[]; subcategory?: string[] },
): LogMatch[] {
  const cats =
    filter.category === undefined
      ? undefined
      : Array.isArray(filter.category)
        ? filter.category
        : [filter.category];
  return logMatches(ctx).filter(
    (m) =>
      (!cats || cats.includes(m.match.signature.category)) &&
      (!filter.ids || filter.ids.includes(m.match.signature.id)) &&
      (!filter.subcategory || filter.subcategory.includes(m.match.signature.subcategory ?? '')),
  );
}

/** The match that best explains the crash: in the crashed instance's log first, then nearest its end. */
export function bestMatch(list: LogMatch[]): LogMatch | undefined {
  return [...list].sort(
    (a, b) => Number(b.crashed) - Number(a.crashed) || terminality(b) - terminality(a),
  )[0];
}

/** Cite the physical line of a match. */
export function citeMatch(ctx: CaseContext, m: LogMatch): EvidenceRef | undefined {
  // The matched span, so a long line (JSON logs) is quoted around what matters.
  const span = m.match.signature.pattern.exec(m.match.text)?.[0];
  return (
    (span ? ctx.cite.log(m.log, m.entry, span) : undefined) ??
    ctx.cite.log(m.log, m.entry, m.match.text)
  );
}

/**
 * How close to the end of the crashed log a match is (1 = in the last entries, 0 = early or not
 * in the crashed log). The last error before an exit is usually the reason for it.
 */
export function terminality(m: LogMatch): number {
  if (!m.crashed) return 0.3;
  const fromEnd = m.total - 1 - m.position;
  if (fromEnd <= 2) return 1;
  if (fromEnd <= 5) return 0.8;
  if (fromEnd <= 15) return 0.5;
  return 0.3;
}

/** Did the app say it carries on after this line (a warning, not the fatal error)? */
export function continuedAfter(m: LogMatch): boolean {
  const text = m.entry.text;
  return (
    /continuing|falling back|will retry|retrying in|fallback|degraded mode|without cache/i.test(
      text,
    ) || m.entry.level === 'warn'
  );
}

/** Events of one probe kind (`Liveness`, `Readiness`, `Startup`) that failed. */
export function probeFailures(
  ctx: CaseContext,
  kind: 'Liveness' | 'Readiness' | 'Startup',
): Item<KEvent>[] {
  const re = new RegExp(`^${kind} probe (failed|errored)`);
  return ctx.facts.containerEvents.filter(
    (e) => e.object.reason === 'Unhealthy' && re.test(e.object.message ?? ''),
  );
}

export function eventsWhere(
  ctx: CaseContext,
  reason: string | RegExp,
  message?: RegExp,
): Item<KEvent>[] {
  return ctx.facts.containerEvents.filter(
    (e) =>
      (typeof reason === 'string'
        ? e.object.reason === reason
        : reason.test(e.object.reason ?? '')) &&
      (!message || message.test(e.object.message ?? '')),
  );
}

/** ` -n ns` when the namespace is known. */
export function nsFlag(ctx: CaseContext): string {
  return ctx.case.namespace ? ` -n ${ctx.case.namespace}` : '';
}

/** `deployment/name` for the top-level workload, or undefined. */
export function workloadRef(ctx: CaseContext): string | undefined {
  const top = ctx.case.ownerRefs[ctx.case.ownerRefs.length - 1];
  if (!top) return undefined;
  return `${top.kind.toLowerCase()}/${top.name}`;
}

/** The workload to patch (`deployment/x`), else the pod. */
export function targetRef(ctx: CaseContext): string {
  return workloadRef(ctx) ?? `pod/${ctx.case.podName ?? 'POD'}`;
}

/** Container index in the pod template (for JSON patches), 0 when unknown. */
export function containerIndex(ctx: CaseContext): number {
  const list = ctx.case.init
    ? ctx.case.pod?.object.spec?.initContainers
    : ctx.case.pod?.object.spec?.containers;
  const i = list?.findIndex((c) => c.name === ctx.case.container) ?? -1;
  return i < 0 ? 0 : i;
}

export function containerPath(ctx: CaseContext): string {
  // The container inside whatever the fix patches: a workload's template, a CronJob's job
  // template, or the pod itself.
  const spec = podSpecPath(ctx).replace(/\./g, '/');
  return `${spec}/${ctx.case.init ? 'initContainers' : 'containers'}/${containerIndex(ctx)}`;
}

/**
 * The command that makes new pods read changed config: a rollout restart for a workload that
 * has one, else deleting the pod (its controller makes a new one; a bare pod must be re-created
 * from its manifest).
 */
export function restartCommand(ctx: CaseContext): string {
  const target = targetRef(ctx);
  return /^(deployment|statefulset|daemonset)\//.test(target)
    ? `kubectl rollout restart ${target}${nsFlag(ctx)}`
    : `kubectl delete pod ${ctx.case.podName ?? 'POD'}${nsFlag(ctx)}`;
}

/** `-c name` when the pod has several containers. */
export function containerFlag(ctx: CaseContext): string {
  const count =
    (ctx.case.pod?.object.spec?.containers?.length ?? 1) +
    (ctx.case.pod?.object.spec?.initContainers?.length ?? 0);
  return ctx.case.container && count > 1 ? ` -c ${ctx.case.container}` : '';
}

/** `kubectl logs POD --previous` for this case. */
export function logsCommand(ctx: CaseContext): string {
  return `kubectl logs ${ctx.case.podName ?? 'POD'}${nsFlag(ctx)}${containerFlag(ctx)} --previous`;
}

export function describeCommand(ctx: CaseContext): string {
  return `kubectl describe pod ${ctx.case.podName ?? 'POD'}${nsFlag(ctx)}`;
}

/** Quote a string for a POSIX shell. */
export function shq(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Levenshtein distance, bounded for speed. */
export function editDistance(a: string, b: string, max = 4): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j] as number;
      prev[j] = Math.min(
        (prev[j] as number) + 1,
        (prev[j - 1] as number) + 1,
        diag + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      diag = tmp;
      rowMin = Math.min(rowMin, prev[j] as number);
    }
    if (rowMin > max) return max + 1;
  }
  return prev[b.length] as number;
}

/** Words that name the same kind of dependency in env var names. */
const SYNONYMS: string[][] = [
  [
    'DATABASE',
    'DB',
    'POSTGRES',
    'POSTGRESQL',
    'PG',
    'PGSQL',
    'MYSQL',
    'MARIADB',
    'SQL',
    'MONGO',
    'MONGODB',
  ],
  ['REDIS', 'CACHE', 'VALKEY'],
  ['AMQP', 'RABBITMQ', 'RABBIT', 'MQ', 'BROKER'],
  ['KAFKA', 'BROKERS', 'BOOTSTRAP'],
  ['ES', 'ELASTIC', 'ELASTICSEARCH', 'OPENSEARCH', 'SEARCH'],
  ['SMTP', 'MAIL', 'EMAIL'],
];

/** Suffixes of one connection setting split into parts (URL vs HOST/PORT/USER...). */
const URL_PARTS =
  /^(URL|URI|DSN|ADDR|ADDRESS|ENDPOINT|CONNECTION|CONN|CONNECTION_STRING|HOST|HOSTNAME|PORT|USER|USERNAME|NAME|SERVER|SERVERS|SERVICE)$/;

function family(head: string): string {
  return SYNONYMS.find((group) => group.includes(head))?.[0] ?? head;
}

/**
 * Env names that look like the same setting renamed or split: REDIS_URL ~ REDIS_HOST,
 * DATABASE_URL ~ DB_HOST/DB_PORT, DB_PASS ~ DB_PASSWORD.
 */
export function nearNames(wanted: string, present: Iterable<string>): string[] {
  // .NET and Spring spell nesting `Section:Key` / `Section__Key` / `section.key`.
  const norm = (x: string): string => x.toUpperCase().replace(/__|[:.-]/g, '_');
  const w = norm(wanted);
  const wParts = w.split(/_+/).filter(Boolean);
  const wHead = wParts[0] ?? '';
  const wTail = wParts.slice(1).join('_');
  const out: string[] = [];
  for (const name of present) {
    const n = norm(name);
    if (n === w) continue;
    const nParts = n.split(/_+/).filter(Boolean);
    const nHead = nParts[0] ?? '';
    const nTail = nParts.slice(1).join('_');
    const similar = Math.min(n.length, w.length) >= 6 && editDistance(n, w, 3) <= 2;
    const sameHead = wHead.length >= 2 && nHead === wHead;
    const sameFamily =
      wHead.length >= 2 &&
      family(nHead) === family(wHead) &&
      URL_PARTS.test(wTail) &&
      URL_PARTS.test(nTail);
    if (sameHead || sameFamily || similar || n.replace(/_/g, '') === w.replace(/_/g, ''))
      out.push(name);
  }
  return out;
}

/** The .NET/Spring spelling of a setting as an env var: `Broker:ApiKey` → `Broker__ApiKey`. */
export function settingToEnv(key: string): string[] {
  const dotnet = key.replace(/:/g, '__');
  const spring = key.replace(/[.-]/g, '_').toUpperCase();
  const upper = key.replace(/[:.-]+/g, '_').toUpperCase();
  return [...new Set([key, dotnet, spring, upper])];
}

/** Compare env names the way .NET and Spring bind them (case-insensitive, `__`/`:`/`.` alike). */
export function sameSetting(a: string, b: string): boolean {
  const norm = (s: string): string => s.toUpperCase().replace(/__|[:.-]/g, '_');
  return norm(a) === norm(b);
}

// ---------------------------------------------------------------------------------------------
// Kubelet and runtime messages, and the volume mount that covers a path.

/** A message the kubelet or the container runtime gave about this container. */
export interface StatusMessage {
  text: string;
  /** `terminated`: a state/lastState terminated message; `waiting`: the waiting message; `event`. */
  kind: 'terminated' | 'waiting' | 'event';
  /** The state or event reason (`StartError`, `RunContainerError`, `FailedMount`...). */
  reason?: string;
  event?: Item<KEvent>;
}

/** A signature of the library matched on a kubelet/runtime message. */
export interface StatusMatch {
  message: StatusMessage;
  signature: import('../signatures/index.js').Signature;
  /** The physical line of the message that matched. */
  text: string;
  groups: Partial<Record<import('../signatures/index.js').Extract, string>>;
}

/**
 * Events about this container: its own (by fieldPath), and the pod's events without a fieldPath
 * unless their message names another container of the pod. `describe` prints no fieldPath, and
 * runtime errors ("failed to create containerd task...") do not name the container.
 */
export function eventsAbout(ctx: CaseContext): Item<KEvent>[] {
  const name = ctx.case.container;
  if (!name) return ctx.case.events;
  const spec = ctx.case.pod?.object.spec;
  const others = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]
    .map((c) => c.name)
    .filter((n) => n && n !== name);
  return ctx.case.events.filter((e) => {
    const fp = e.object.involvedObject.fieldPath;
    if (fp) return fp.includes(`{${name}}`) || !/\{[^}]+\}/.test(fp);
    const msg = e.object.message ?? '';
    return !others.some((o) =>
      new RegExp(`container(?:[: =]\\s*|\\s+)"?${escapeRegExp(o)}"?(?![\\w.-])`, 'i').test(msg),
    );
  });
}

/** The terminated and waiting messages of this container, then the non-Normal events about it. */
export function statusMessages(ctx: CaseContext): StatusMessage[] {
  const out: StatusMessage[] = [];
  const st = ctx.case.status;
  const seen = new Set<string>();
  for (const t of [st?.state?.terminated, st?.lastState?.terminated]) {
    if (t?.message && !seen.has(t.message)) {
      seen.add(t.message);
      out.push({ text: t.message, kind: 'terminated', ...(t.reason ? { reason: t.reason } : {}) });
    }
  }
  const w = st?.state?.waiting;
  if (w?.message && !/^back-off \S+ restarting failed/.test(w.message)) {
    out.push({ text: w.message, kind: 'waiting', ...(w.reason ? { reason: w.reason } : {}) });
  }
  for (const e of eventsAbout(ctx)) {
    if (!e.object.message || e.object.type === 'Normal') continue;
    out.push({
      text: e.object.message,
      kind: 'event',
      ...(e.object.reason ? { reason: e.object.reason } : {}),
      event: e,
    });
  }
  return out;
}

/** Signature matches on the kubelet/runtime messages of this container. */
export function statusMatches(
  ctx: CaseContext,
  filter: { category?: Category | Category[]; ids?: string[] } = {},
): StatusMatch[] {
  const cats =
    filter.category === undefined
      ? undefined
      : Array.isArray(filter.category)
        ? filter.category
        : [filter.category];
  const scanner = defaultScanner();
  const out: StatusMatch[] = [];
  for (const message of statusMessages(ctx)) {
    for (const text of message.text.split('\n')) {
      for (const { signature, groups } of scanner.matchLine(text)) {
        if (cats && !cats.includes(signature.category)) continue;
        if (filter.ids && !filter.ids.includes(signature.id)) continue;
        out.push({ message, signature, text, groups });
      }
    }
  }
  return out;
}

/**
 * Quote a kubelet/runtime message: the event line, or the pod line that holds the state message
 * (as describe prints it, or JSON-escaped, or the first part of a YAML-folded string).
 */
export function citeStatus(
  ctx: CaseContext,
  message: StatusMessage,
  needle?: string,
): EvidenceRef | undefined {
  if (message.event) return ctx.cite.event(message.event);
  const t = message.text.trim();
  const candidates = [
    t.slice(0, 80),
    t.slice(0, 40),
    JSON.stringify(t.slice(0, 60)).slice(1, -1),
    needle,
  ].filter((s): s is string => s !== undefined && s.length >= 8);
  return ctx.cite.pod(candidates);
}

/** The volume mount of this container that holds `path` (the longest mountPath prefix). */
export function mountFor(
  ctx: CaseContext,
  path: string,
): { mount: VolumeMountOf; volume?: VolumeOf } | undefined {
  const view = specView(ctx);
  let best: VolumeMountOf | undefined;
  for (const m of view.container?.volumeMounts ?? []) {
    const mp = (m.mountPath ?? '').replace(/\/+$/, '');
    if (!m.mountPath) continue;
    if (path === mp || path.startsWith(`${mp}/`)) {
      if (!best || mp.length > (best.mountPath ?? '').replace(/\/+$/, '').length) best = m;
    }
  }
  if (!best) return undefined;
  const volume = view.pod?.volumes?.find((v) => v.name === best.name);
  return { mount: best, ...(volume ? { volume } : {}) };
}

/** The spec of this case's container and pod, and a way to quote lines of the object it is in. */
export interface SpecView {
  container?: import('../evidence/types.js').Container;
  pod?: import('../evidence/types.js').PodSpec;
  /** `pod`, or `workload` when the pod was seen only in a table or events. */
  from: 'pod' | 'workload' | 'none';
  cite(needles: (string | RegExp)[]): EvidenceRef | undefined;
}

/**
 * The container and pod spec: the pod's own, else (a pod known only from `get pods` or events)
 * the pod template of its workload when that is in the evidence.
 */
export function specView(ctx: CaseContext): SpecView {
  const c = ctx.case;
  if (c.spec || c.pod?.object.spec) {
    return {
      ...(c.spec ? { container: c.spec } : {}),
      ...(c.pod?.object.spec ? { pod: c.pod.object.spec } : {}),
      from: 'pod',
      cite: (needles) => ctx.cite.pod(needles),
    };
  }
  for (const owner of [...c.owners].reverse()) {
    const pod = owner.object.spec?.template?.spec;
    const list = c.init ? pod?.initContainers : pod?.containers;
    const container =
      list?.find((x) => x.name === c.container) ?? (list?.length === 1 ? list[0] : undefined);
    if (!pod || !container) continue;
    const name = escapeRegExp(container.name);
    const after = new RegExp(`^\\s*(?:-\\s*)?"?name"?:\\s*"?${name}"?,?\\s*$`);
    return {
      container,
      pod,
      from: 'workload',
      cite: (needles) => ctx.cite.item(owner, needles, { after }),
    };
  }
  return { from: 'none', cite: () => undefined };
}

/** The jsonpath of the pod spec in `kubectl get <targetRef>` output (`.spec` for a bare pod). */
export function podSpecPath(ctx: CaseContext): string {
  return specPathFor(targetRef(ctx));
}

/** The pod spec's path inside a kubectl target (`pod/x`, `cronjob/x`, `deployment/x`). */
export function specPathFor(t: string): string {
  if (t.startsWith('pod/')) return '.spec';
  if (t.startsWith('cronjob/')) return '.spec.jobTemplate.spec.template.spec';
  return '.spec.template.spec';
}

/** What backs a volume: `emptyDir`, `configMap`, `secret`, `persistentVolumeClaim`, `hostPath`... */
export function volumeType(volume: VolumeOf | undefined): string | undefined {
  if (!volume) return undefined;
  return Object.keys(volume).find((k) => k !== 'name' && volume[k] !== undefined);
}

type VolumeOf = import('../evidence/types.js').Volume;
type VolumeMountOf = import('../evidence/types.js').VolumeMount;

/** The workload to patch, guessing a Deployment from a Deployment-style pod name. */
export function workloadTarget(ctx: CaseContext): string {
  const known = workloadRef(ctx);
  if (known) return known;
  const m = /^(.+)-(?:[a-f0-9]{6,10}|[bcdfghjklmnpqrstvwxz2456789]{6,10})-[a-z0-9]{5}$/.exec(
    ctx.case.podName ?? '',
  );
  return m?.[1] ? `deployment/${m[1]}` : `pod/${ctx.case.podName ?? 'POD'}`;
}

/** A path the app answered, read from its access log. */
export interface ServedPath {
  path: string;
  status: number;
  log: ContainerLog;
  entry: LogEntry;
}

/** Paths the app answered, from access logs (`GET /healthz ... 200`, ASP.NET "Request finished"). */
export function servedPaths(ctx: CaseContext): ServedPath[] {
  const out: ServedPath[] = [];
  const re =
    /\b(?:GET|HEAD) (?:https?:\/\/[^/\s]+)?(\/[^\s?"]*)[^\n]*?(?:" |\s-\s|\s)([1-5]\d\d)\b/;
  for (const { log, entry } of ctx.facts.logEntries) {
    for (const line of entry.text.split('\n')) {
      const m = re.exec(line);
      if (m?.[1] && m[2]) out.push({ path: m[1], status: Number(m[2]), log, entry });
    }
  }
  return out;
}

/** The rollout a failure began with: the latest revision, its change-cause, the one before it. */
export interface RolloutChange {
  revision: number;
  cause?: string;
  previous?: number;
  ref?: EvidenceRef;
}

/** The latest revision, when the history shows a change (two or more revisions). */
export function rolloutChange(ctx: CaseContext): RolloutChange | undefined {
  const h = ctx.case.rollout;
  const revs = h?.object.revisions ?? [];
  if (!h || revs.length < 2) return undefined;
  const sorted = [...revs].sort((a, b) => a.revision - b.revision);
  const last = sorted[sorted.length - 1]!;
  const prev = sorted[sorted.length - 2]!;
  const ref = ctx.cite.item(h, [
    last.changeCause ?? `${last.revision}`,
    new RegExp(`^\\s*${last.revision}\\s`),
  ]);
  return {
    revision: last.revision,
    ...(last.changeCause ? { cause: last.changeCause } : {}),
    previous: prev.revision,
    ...(ref ? { ref } : {}),
  };
}

/** A JSON patch of one field of this container's probe (`livenessProbe/httpGet/path`), as a fix. */
export function probePatchFix(
  ctx: CaseContext,
  patch: {
    target: string;
    probe: 'liveness' | 'readiness' | 'startup';
    field: string;
    value: string | number | string[];
    title: string;
    op?: 'add' | 'replace';
  },
): Fix {
  const ops = [
    {
      op: patch.op ?? 'replace',
      path: `${containerPath(ctx)}/${patch.probe}Probe/${patch.field}`,
      value: patch.value,
    },
  ];
  return {
    title: patch.title,
    commands: [
      `kubectl patch ${patch.target}${nsFlag(ctx)} --type json -p ${shq(JSON.stringify(ops))}`,
    ],
    risk: 'low',
  };
}
