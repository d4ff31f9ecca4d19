/**
 * What a detector sees of one failing container: the case, derived facts (exit code, back-off,
 * resolved environment, memory limit...), lookups into the rest of the evidence, and `cite`
 * helpers that turn a fact into an evidence excerpt quoted from the input.
 *
 * Facts are computed once per case here so detectors stay short and agree on meanings.
 */
import { escapeRegExp } from '../regexp.js';
import type {
  ConfigMap,
  ContainerLog,
  ContainerStateTerminated,
  EvidenceBundle,
  Item,
  KEvent,
  KubeObject,
  LogEntry,
  Origin,
} from '../evidence/types.js';
import { ANSI, SECRET_MASK } from '../evidence/marks.js';
import { redactText } from '../redact/redact.js';
import { parseDuration } from '../evidence/time.js';
import type { EvidenceRef } from './report.js';
import type { CrashCase } from './cases.js';
import type { EvidenceIndex } from './evidence-index.js';

/** Where an environment variable's value comes from. */
export interface EnvSource {
  name: string;
  value?: string;
  secretRef?: { name?: string; key?: string; optional?: boolean };
  configMapRef?: { name?: string; key?: string; optional?: boolean };
  /** Set when the variable comes from an `envFrom` ConfigMap/Secret (keys known from the object). */
  envFrom?: { kind: 'ConfigMap' | 'Secret'; name: string };
  fieldRef?: string;
}

export interface CaseFacts {
  /** The most recent termination: `lastState.terminated`, or `state.terminated`. */
  lastTermination?: ContainerStateTerminated;
  exitCode?: number;
  lastReason?: string;
  waitingReason?: string;
  waitingMessage?: string;
  restartCount?: number;
  /** From `back-off 5m0s restarting ...`, else from the restart count and the kubelet schedule. */
  backoffSeconds?: number;
  /** Restarts per hour since the pod started (needs a reference time). */
  restartsPerHour?: number;
  /** Seconds the last instance ran (finished - started). */
  lastRunSeconds?: number;
  memoryLimitBytes?: number;
  memoryRequestBytes?: number;
  cpuLimitMillis?: number;
  cpuRequestMillis?: number;
  /** The container's environment by name (explicit env, then envFrom keys when known). */
  env: Map<string, EnvSource>;
  /** envFrom sources whose keys are unknown (object not in the evidence). */
  opaqueEnvFrom: { kind: 'ConfigMap' | 'Secret'; name: string }[];
  /** The log of the instance that crashed (previous, else unknown-instance, else current). */
  crashLog?: ContainerLog;
  /** All log entries of this container, crashed instance first. */
  logEntries: { log: ContainerLog; entry: LogEntry }[];
  /** Events about this container (fieldPath or message naming it), or all pod events if none. */
  containerEvents: Item<KEvent>[];
}

export interface CaseContext {
  readonly case: CrashCase;
  readonly facts: CaseFacts;
  readonly index: EvidenceIndex;
  readonly bundle: EvidenceBundle;
  /** Reference time (ISO), when known. */
  readonly now: string | undefined;
  readonly cite: Citer;
}

/** Helpers that quote the input. Each returns undefined when the text is not found. */
export interface Citer {
  /** First line inside `origin` matching any needle (string: substring; RegExp: test). */
  line(
    origin: Origin,
    needles: (string | RegExp)[],
    options?: { label?: string; after?: string | RegExp },
  ): EvidenceRef | undefined;
  /** A line of an evidence item (pod, configmap...), labelled by the item. */
  item(
    item: Item,
    needles: (string | RegExp)[],
    options?: { after?: string | RegExp },
  ): EvidenceRef | undefined;
  /** A line of this case's pod, searched from this container's section when possible. */
  pod(needles: (string | RegExp)[]): EvidenceRef | undefined;
  /** The printed line of an event. */
  event(item: Item<KEvent>): EvidenceRef | undefined;
  /** A physical line of a log entry (the first matching `needle`, else its first line). */
  log(log: ContainerLog, entry: LogEntry, needle?: string | RegExp): EvidenceRef | undefined;
}

const MAX_EXCERPT = 300;

export function createCiter(bundle: EvidenceBundle, c: CrashCase): Citer {
  const lineAt = (source: number, line: number): string | undefined =>
    bundle.sources[source]?.lines[line - 1];
  /**
   * The excerpt for a line: the part a reader needs (a window around the needle when the line is
   * long), always a literal span of the input — between ANSI codes when the paste had colours,
   * and stopping before a masked Secret value.
   */
  const excerptOf = (
    text: string,
    needle?: string | RegExp,
    at?: { source: number; line: number },
  ): string => {
    let t = text;
    const original = at ? bundle.sources[at.source]?.original?.[at.line - 1] : undefined;
    if (original !== undefined && original !== text) {
      const spans = original.split(ANSI).filter((x) => x.trim() !== '');
      const hit = spans.find((x) =>
        typeof needle === 'string' ? x.includes(needle) : needle ? needle.test(x) : false,
      );
      t = hit ?? spans.sort((a, b) => b.length - a.length)[0] ?? text;
    }
    const mask = t.indexOf(SECRET_MASK);
    if (mask >= 0) t = t.slice(0, mask);
    t = withoutCredentials(t.trim(), needle);
    if (t.length <= MAX_EXCERPT) return t;
    // Keep a window around the match so the excerpt stays a substring of the input.
    let pos = 0;
    if (typeof needle === 'string') pos = Math.max(0, t.indexOf(needle));
    else if (needle) pos = Math.max(0, t.search(needle));
    const start = Math.max(0, pos - 80);
    return t.slice(start, start + MAX_EXCERPT).trim();
  };
  const test = (text: string, needle: string | RegExp): boolean =>
    typeof needle === 'string' ? text.includes(needle) : needle.test(text);
  const sourceName = (o: Origin): string => bundle.sources[o.source]?.name ?? 'input';

  const line: Citer['line'] = (origin, needles, options = {}) => {
    let start = origin.from;
    if (options.after) {
      for (let n = origin.from; n <= origin.to; n++) {
        if (test(lineAt(origin.source, n) ?? '', options.after)) {
          start = n;
          break;
        }
      }
    }
    for (const needle of needles) {
      for (const [from, to] of [
        [start, origin.to],
        [origin.from, start - 1],
      ] as const) {
        for (let n = from; n <= to; n++) {
          const text = lineAt(origin.source, n);
          if (text !== undefined && test(text, needle)) {
            return {
              source: options.label ?? sourceName(origin),
              line: n,
              excerpt: excerptOf(text, needle, { source: origin.source, line: n }),
            };
          }
        }
      }
    }
    return undefined;
  };

  // A Secret's lines are quoted up to a key name only, never a value (masked or not), and from
  // the line the key begins (its `data:` entry) rather than an annotation that also names it.
  const secretKeyLine = (it: Item, needles: (string | RegExp)[]): EvidenceRef | undefined => {
    const label = labelFor(it.object);
    for (const needle of needles) {
      if (typeof needle !== 'string') continue;
      const key = needle.replace(/^["']|["']$/g, '');
      const keyRe = new RegExp(`^\\s*(?:-\\s*)?["']?${escapeRegExp(key)}["']?\\s*:?`);
      const ref = line(it.origin, [keyRe], { label });
      const m = ref ? keyRe.exec(ref.excerpt) : null;
      if (ref && m) return { ...ref, excerpt: m[0].trim() };
    }
    return undefined;
  };
  const item: Citer['item'] = (it, needles, options = {}) =>
    it.object.kind === 'Secret' ? secretKeyLine(it, needles) : itemLine(it, needles, options);
  const itemLine: Citer['item'] = (it, needles, options = {}) =>
    line(it.origin, needles, {
      label: labelFor(it.object),
      ...(options.after ? { after: options.after } : {}),
    });

  return {
    line,
    item,
    pod(needles) {
      if (!c.pod) return undefined;
      const after = c.container
        ? new RegExp(
            `^\\s*(?:${escapeRegExp(c.container)}:\\s*$|-?\\s*"?name"?:\\s*"?${escapeRegExp(c.container)}"?)`,
          )
        : undefined;
      return item(c.pod, needles, after ? { after } : {});
    },
    event(ev) {
      // Quote an event row from its message on (the row's columns before it are noise), or from
      // its reason when the message was wrapped; always a literal substring of the row.
      const o = ev.origin;
      const msg = ev.object.message ?? '';
      const head = msg.slice(0, 60);
      for (let n = o.from; n <= o.to; n++) {
        const text = lineAt(o.source, n);
        if (text === undefined) continue;
        const at = head.length >= 12 ? text.indexOf(head) : -1;
        if (at >= 0)
          return {
            source: 'events',
            line: n,
            excerpt: excerptOf(text.slice(at), head, { source: o.source, line: n }),
          };
        const reason = ev.object.reason ? text.indexOf(ev.object.reason) : -1;
        if (reason >= 0 && n === o.from && o.from === o.to) {
          return {
            source: 'events',
            line: n,
            excerpt: excerptOf(text.slice(reason), ev.object.reason, { source: o.source, line: n }),
          };
        }
      }
      return line(o, [msg.slice(0, 120), ev.object.reason ?? '\u0000'], { label: 'events' });
    },
    log(log, entry, needle) {
      const physical = entry.text.split('\n');
      let offset = 0;
      if (needle) {
        const found = physical.findIndex((p) => test(p, needle));
        if (found >= 0) offset = found;
      }
      const text = physical[offset] ?? '';
      if (text.trim() === '') return undefined;
      return {
        source: logLabel(log, c),
        line: entry.line + offset,
        excerpt: excerptOf(text, needle, { source: log.origin.source, line: entry.line + offset }),
      };
    },
  };
}

export function labelFor(o: KubeObject): string {
  switch (o.kind) {
    case 'Event':
      return 'events';
    case 'RolloutHistory':
      return `rollout history ${o.name ?? ''}`.trim();
    case 'TableRow':
      return `get ${o.resource ?? 'table'}`;
    default:
      return `${o.kind.toLowerCase()}/${o.metadata.name ?? ''}`;
  }
}

function logLabel(log: ContainerLog, c: CrashCase): string {
  const own = !log.pod || log.pod === c.podName;
  const instance =
    log.previous === true ? 'logs/previous' : log.previous === false ? 'logs/current' : 'logs';
  return own ? instance : `${instance} ${log.pod}`;
}

/**
 * Reports are redacted, so an excerpt holding a credential would not read as the input. Quote the
 * longer side of the line around it instead (the side with the needle when there is one): the
 * credential is never the evidence.
 */
function withoutCredentials(text: string, needle?: string | RegExp): string {
  const redacted = redactText(text);
  if (redacted === text) return text;
  let start = 0;
  while (start < text.length && text[start] === redacted[start]) start++;
  let end = 0;
  while (
    end < text.length - start &&
    text[text.length - 1 - end] === redacted[redacted.length - 1 - end]
  )
    end++;
  const before = text.slice(0, start).trim();
  const after = text.slice(text.length - end).trim();
  const has = (s: string): boolean =>
    typeof needle === 'string' ? s.includes(needle) : needle ? needle.test(s) : false;
  const pick =
    has(after) && !has(before)
      ? after
      : has(before) && !has(after)
        ? before
        : after.length >= before.length
          ? after
          : before;
  // What remains may still hold a second credential; one more pass keeps it clean.
  return redactText(pick) === pick ? pick : '';
}

/** Compute the facts of a case once. */
export function computeFacts(c: CrashCase, index: EvidenceIndex): CaseFacts {
  const st = c.status;
  const lastTermination = st?.state?.terminated ?? st?.lastState?.terminated;
  const waiting = st?.state?.waiting;
  const facts: CaseFacts = {
    env: new Map(),
    opaqueEnvFrom: [],
    logEntries: [],
    containerEvents: containerEvents(c),
  };
  if (lastTermination) {
    facts.lastTermination = lastTermination;
    if (lastTermination.exitCode !== undefined) facts.exitCode = lastTermination.exitCode;
    if (lastTermination.reason) facts.lastReason = lastTermination.reason;
    const ran =
      lastTermination.startedAt && lastTermination.finishedAt
        ? (Date.parse(lastTermination.finishedAt) - Date.parse(lastTermination.startedAt)) / 1000
        : NaN;
    if (!Number.isNaN(ran) && ran >= 0) facts.lastRunSeconds = ran;
  }
  if (!facts.lastReason) {
    const printed = c.pod?.object.metadata.annotations?.['crashlens.dev/printed-status'];
    if (printed && /^(OOMKilled|Error|Completed|ContainerCannotRun|StartError)$/.test(printed))
      facts.lastReason = printed;
  }
  if (waiting?.reason) facts.waitingReason = waiting.reason;
  if (waiting?.message) facts.waitingMessage = waiting.message;
  if (st?.restartCount !== undefined) facts.restartCount = st.restartCount;
  const rate = restartRate(c, st?.restartCount, index.bundle.now);
  if (rate !== undefined) facts.restartsPerHour = rate;
  const backoff = /back-off (\S+) restarting/.exec(waiting?.message ?? '');
  const fromMessage = backoff ? parseDuration(backoff[1] ?? '') : undefined;
  if (fromMessage !== undefined) facts.backoffSeconds = fromMessage;
  else if (waiting?.reason === 'CrashLoopBackOff' && facts.restartCount !== undefined) {
    facts.backoffSeconds = Math.min(300, 10 * 2 ** Math.max(0, facts.restartCount - 1));
  }
  const res = c.spec?.resources;
  const mem = parseQuantity(res?.limits?.['memory']);
  if (mem !== undefined) facts.memoryLimitBytes = mem;
  const memReq = parseQuantity(res?.requests?.['memory']);
  if (memReq !== undefined) facts.memoryRequestBytes = memReq;
  const cpu = parseCpu(res?.limits?.['cpu']);
  if (cpu !== undefined) facts.cpuLimitMillis = cpu;
  const cpuReq = parseCpu(res?.requests?.['cpu']);
  if (cpuReq !== undefined) facts.cpuRequestMillis = cpuReq;
  resolveEnv(c, index, facts);
  const ordered = [c.logs.previous, ...c.logs.unknown, c.logs.current].filter(
    (l): l is ContainerLog => l !== undefined,
  );
  const crashLog =
    c.logs.previous ??
    c.logs.unknown[0] ??
    (lastTermination && !st?.state?.running ? c.logs.current : undefined) ??
    c.logs.current;
  if (crashLog) facts.crashLog = crashLog;
  facts.logEntries = ordered.flatMap((log) => log.entries.map((entry) => ({ log, entry })));
  return facts;
}

/** Restarts per hour between the pod's start (or its printed age) and the reference time. */
function restartRate(
  c: CrashCase,
  restarts: number | undefined,
  now: string | undefined,
): number | undefined {
  if (!restarts || !now) return undefined;
  const started = c.pod?.object.status?.startTime ?? c.pod?.object.metadata.creationTimestamp;
  const age = c.pod?.object.metadata.annotations?.['crashlens.dev/age'];
  const seconds = started
    ? (Date.parse(now) - Date.parse(started)) / 1000
    : age
      ? parseDuration(age)
      : undefined;
  if (seconds === undefined || Number.isNaN(seconds) || seconds < 60) return undefined;
  return Math.round((restarts / (seconds / 3600)) * 10) / 10;
}

function containerEvents(c: CrashCase): Item<KEvent>[] {
  if (!c.container) return c.events;
  const mine = c.events.filter((e) => {
    const fp = e.object.involvedObject.fieldPath;
    if (fp) return fp.includes(`{${c.container}}`);
    const msg = e.object.message ?? '';
    return (
      !/container[: ]/i.test(msg) || new RegExp(`\\b${escapeRegExp(c.container)}\\b`).test(msg)
    );
  });
  return mine;
}

function resolveEnv(c: CrashCase, index: EvidenceIndex, facts: CaseFacts): void {
  const ns = c.namespace;
  for (const from of c.spec?.envFrom ?? []) {
    const kind = from.configMapRef ? 'ConfigMap' : from.secretRef ? 'Secret' : undefined;
    const name = from.configMapRef?.name ?? from.secretRef?.name;
    if (!kind || !name) continue;
    const keys =
      kind === 'ConfigMap'
        ? configMapKeys(index.configMap(name, ns))
        : index.secret(name, ns)?.object.keys;
    if (!keys) {
      facts.opaqueEnvFrom.push({ kind, name });
      continue;
    }
    const data = kind === 'ConfigMap' ? index.configMap(name, ns)?.object.data : undefined;
    for (const key of keys) {
      const envName = `${from.prefix ?? ''}${key}`;
      const value = data?.[key];
      facts.env.set(envName, {
        name: envName,
        envFrom: { kind, name },
        ...(value !== undefined ? { value } : {}),
      });
    }
  }
  for (const e of c.spec?.env ?? []) {
    const src: EnvSource = { name: e.name };
    if (e.value !== undefined) src.value = e.value;
    if (e.valueFrom?.secretKeyRef) src.secretRef = e.valueFrom.secretKeyRef;
    if (e.valueFrom?.configMapKeyRef) src.configMapRef = e.valueFrom.configMapKeyRef;
    if (e.valueFrom?.fieldRef?.fieldPath) src.fieldRef = e.valueFrom.fieldRef.fieldPath;
    facts.env.set(e.name, src);
  }
}

function configMapKeys(cm: Item<ConfigMap> | undefined): string[] | undefined {
  if (!cm) return undefined;
  return [...Object.keys(cm.object.data ?? {}), ...(cm.object.binaryDataKeys ?? [])];
}

const BINARY: Record<string, number> = {
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  Pi: 1024 ** 5,
};
const DECIMAL: Record<string, number> = {
  k: 1e3,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  m: 1e-3,
  '': 1,
};

/** Parse a Kubernetes quantity (`512Mi`, `1G`, `1.5Gi`, `268435456`) into bytes. */
export function parseQuantity(q: string | undefined): number | undefined {
  if (!q) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(Ki|Mi|Gi|Ti|Pi|k|K|M|G|T|P|m)?\s*$/.exec(q);
  if (!m) return undefined;
  const unit = m[2] ?? '';
  const mult = BINARY[unit] ?? DECIMAL[unit] ?? 1;
  return Number(m[1]) * mult;
}

/** Parse a CPU quantity (`500m`, `1`, `0.25`) into millicores. */
export function parseCpu(q: string | undefined): number | undefined {
  if (!q) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)(m)?\s*$/.exec(q);
  if (!m) return undefined;
  return m[2] ? Number(m[1]) : Number(m[1]) * 1000;
}

/** Format bytes as a Kubernetes-style binary quantity (`512Mi`, `1Gi`). */
export function formatBytes(bytes: number): string {
  for (const [unit, size] of [
    ['Gi', 1024 ** 3],
    ['Mi', 1024 ** 2],
    ['Ki', 1024],
  ] as const) {
    if (bytes >= size) {
      const v = bytes / size;
      return `${Number.isInteger(v) ? v : v.toFixed(1)}${unit}`;
    }
  }
  return `${bytes}`;
}
