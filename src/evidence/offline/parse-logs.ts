/**
 * Container log parser: turns the output of `kubectl logs` (or a pasted log with no command) into
 * one {@link ContainerLog} of logical entries.
 *
 * A logical entry is a first line plus its continuation lines (stack frames, Python tracebacks,
 * Go panics, .NET exceptions, ASP.NET two-line records), so a detector sees one crash as one
 * record and can quote its raw text. Each entry keeps its exact physical lines and line number.
 *
 * Every pattern here is anchored and free of nested quantifiers, and only the first 64 KiB of a
 * line is ever inspected, so a pathological line (megabytes long) costs linear time.
 */
import type { ContainerLog, LogEntry } from '../types.js';
import { parseTime } from '../time.js';
import type { Block, BlockParser, KubectlCommand } from './block.js';

type Level = NonNullable<LogEntry['level']>;

/** Only this much of a line is inspected for prefixes, levels and logfmt pairs. */
const HEAD_LIMIT = 64 * 1024;
/** Longest `message` kept. */
const MESSAGE_LIMIT = 4 * 1024;
/** Longest line handed to JSON.parse. */
const JSON_LIMIT = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Prefixes: timestamps, klog headers, kubectl's own per-line prefixes.

/** `kubectl logs --prefix`: `[pod/name/container] `. */
const KUBECTL_PREFIX = /^\[pod\/[^\s\]/]{1,253}\/[^\s\]]{1,253}\] /;
/** RFC 3339 at the very start followed by one space: `kubectl logs --timestamps`, or an app's own. */
const RFC3339_PREFIX = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})) /;
/** App timestamps: ISO-ish with `T` or space, `,` or `.` fraction, `/` dates, optional brackets. */
const APP_TIME =
  /^(\[)?(\d{4})[-/](\d{2})[-/](\d{2})[T ](\d{2}:\d{2}:\d{2})(?:[.,](\d{1,9}))?(Z| ?[+-]\d{2}:?\d{2}| UTC| GMT)?(\])?(?=[\s:|\]]|$)/;
/** Syslog `Mar 11 14:33:02` (no year, so no absolute time). */
const SYSLOG_TIME =
  /^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}\d{1,2} \d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?=\s|$)/;
/** klog/glog header `E0311 14:33:02.114512       1 main.go:42] ` (no year either). */
const KLOG = /^([IWEF])\d{4} \d{2}:\d{2}:\d{2}\.\d{1,9} +\d+ [^\s\]]{1,512}\] ?/;
/** Python's default `logging.basicConfig` format: `ERROR:root:message`. */
const PY_BASIC = /^(CRITICAL|ERROR|WARNING|INFO|DEBUG):[\w.-]{0,256}:/;
/** ASP.NET console logger header: `info: Microsoft.Hosting.Lifetime[14]`. */
const ASPNET_CATEGORY = /^[^\s[\]]{1,512}\[\d{1,10}\]/;
/** Spring Boot after the level: `1 --- [main] c.a.X : message`. */
const SPRING_PID = /^\d{1,10} --- /;
/** nginx error log after the level: `1#1: `, `7#7: *3 `. */
const NGINX_PID = /^\d{1,10}#\d{1,10}: (?:\*\d{1,20} )?/;

// ---------------------------------------------------------------------------------------------
// Levels.

/** Words accepted as a level in any case (`info`, `Info`, `INFO`, `[info]`, `info:`). */
const WORD_LEVELS: Record<string, Level> = {
  trace: 'trace',
  debug: 'debug',
  info: 'info',
  warn: 'warn',
  warning: 'warn',
  error: 'error',
  err: 'error',
  fatal: 'fatal',
  critical: 'fatal',
  panic: 'fatal',
};

/** Abbreviations and rarer words: accepted only upper-case, bracketed or with a colon. */
const CODE_LEVELS: Record<string, Level> = {
  trc: 'trace',
  trce: 'trace',
  verbose: 'trace',
  dbg: 'debug',
  dbug: 'debug',
  inf: 'info',
  information: 'info',
  notice: 'info',
  log: 'info',
  wrn: 'warn',
  fail: 'error',
  eror: 'error',
  severe: 'error',
  ftl: 'fatal',
  pnc: 'fatal',
  crit: 'fatal',
  alert: 'fatal',
  emerg: 'fatal',
  emergency: 'fatal',
};

/** ASP.NET console logger level prefixes. */
const ASPNET_LEVELS = new Set(['trce', 'dbug', 'info', 'warn', 'fail', 'crit']);

/** Normalize a level name from a JSON/logfmt field (any case, any known spelling). */
function levelFromWord(word: string): Level | undefined {
  const w = word.trim().toLowerCase();
  return WORD_LEVELS[w] ?? CODE_LEVELS[w];
}

/** pino/bunyan numeric levels. */
function levelFromNumber(n: number): Level | undefined {
  if (!Number.isFinite(n)) return undefined;
  if (n >= 60) return 'fatal';
  if (n >= 50) return 'error';
  if (n >= 40) return 'warn';
  if (n >= 30) return 'info';
  if (n >= 20) return 'debug';
  if (n >= 10) return 'trace';
  return undefined;
}

interface TokenLevel {
  level: Level;
  /** `Error: boom` and `panic: boom` are also the message itself: do not strip them. */
  keepWhole: boolean;
  aspnet: boolean;
}

/**
 * The level a single token stands for. `loose` accepts bare lower-case words (right after a
 * timestamp: `... info  Starting`); otherwise a word needs brackets, a colon or upper case so
 * that ordinary prose (`Debug mode enabled`) is not read as a level.
 */
function tokenLevel(token: string, loose: boolean): TokenLevel | undefined {
  let inner = token;
  let bracketed = false;
  if (inner.length >= 3 && inner.startsWith('[') && inner.endsWith(']')) {
    inner = inner.slice(1, -1);
    bracketed = true;
  } else if (inner.length >= 3 && inner.startsWith('<') && inner.endsWith('>')) {
    inner = inner.slice(1, -1);
    bracketed = true;
  }
  let colon = false;
  if (inner.endsWith(':')) {
    inner = inner.slice(0, -1);
    colon = true;
  }
  // Monolog/Laravel `production.ERROR:`.
  const dot = inner.lastIndexOf('.');
  if (dot > 0 && colon) inner = inner.slice(dot + 1);
  if (inner.length === 0 || inner.length > 12) return undefined;
  const key = inner.toLowerCase();
  const upper = inner === inner.toUpperCase();
  const word = WORD_LEVELS[key];
  if (word && (bracketed || colon || upper || loose)) {
    const keepWhole = colon && !bracketed && (inner === 'Error' || inner === 'panic');
    return { level: word, keepWhole, aspnet: colon && !bracketed && ASPNET_LEVELS.has(inner) };
  }
  const code = CODE_LEVELS[key];
  if (code && (bracketed || upper || (colon && key !== 'log'))) {
    return {
      level: code,
      keepWhole: false,
      aspnet: colon && !bracketed && ASPNET_LEVELS.has(inner),
    };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// First-line analysis.

interface Analysis {
  message: string;
  time?: string;
  level?: Level;
  fields?: Record<string, string>;
  /** `info: Category[14]` with the message on the next (indented) line. */
  aspnetHeader?: boolean;
}

function isWs(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t';
}

function skipWs(s: string, i: number): number {
  let j = i;
  while (j < s.length && isWs(s[j])) j++;
  return j;
}

function tokenEnd(s: string, i: number): number {
  let j = i;
  while (j < s.length && !isWs(s[j])) j++;
  return j;
}

function truncate(s: string): string {
  return s.length > MESSAGE_LIMIT ? `${s.slice(0, MESSAGE_LIMIT)}…` : s;
}

function head(line: string): string {
  return line.length > HEAD_LIMIT ? line.slice(0, HEAD_LIMIT) : line;
}

/** Strip one leading timestamp; returns the rest and the ISO time when it has a year. */
function stripTimestamp(s: string): { rest: string; time?: string } | undefined {
  const app = APP_TIME.exec(s);
  if (app) {
    const [whole, open, y, mo, d, hms, frac, zone, close] = app;
    if (Boolean(open) !== Boolean(close)) return undefined;
    let z = (zone ?? '').trim();
    if (z === 'UTC' || z === 'GMT') z = 'Z';
    const time = parseTime(`${y}-${mo}-${d}T${hms}${frac ? `.${frac}` : ''}${z}`);
    const rest = s.slice(whole.length);
    return time ? { rest, time } : { rest };
  }
  const sys = SYSLOG_TIME.exec(s);
  if (sys) return { rest: s.slice(sys[0].length) };
  return undefined;
}

/** Does this (prefix-stripped) line open a new record no matter what came before? */
function isStrongStart(content: string): boolean {
  const c = content.length > 256 ? content.slice(0, 256) : content;
  return (
    RFC3339_PREFIX.test(c) ||
    APP_TIME.test(c) ||
    SYSLOG_TIME.test(c) ||
    KLOG.test(c) ||
    c.startsWith('{')
  );
}

/** Read the first line of an entry: time, level, message, fields. */
function analyze(content: string, prefixTime: string | undefined): Analysis {
  let s = content.trimStart();
  let time = prefixTime;
  let sawTime = prefixTime !== undefined;

  const rfc = RFC3339_PREFIX.exec(s.length > 64 ? s.slice(0, 64) : s);
  if (rfc) {
    time ??= parseTime(rfc[1] ?? '');
    sawTime = true;
    s = s.slice(rfc[0].length).trimStart();
  }
  // JSON is read whole (up to 1 MiB); everything else only looks at the head of the line.
  const json = readJson(s);
  if (json) {
    const out: Analysis = { ...json };
    if (!out.time && time) out.time = time;
    return out;
  }
  s = head(s);
  const klog = KLOG.exec(s);
  if (klog) {
    const level = levelFromKlog(klog[1]);
    return withTime({ message: truncate(s.slice(klog[0].length).trim()), level }, time);
  }
  const ts = stripTimestamp(s);
  if (ts) {
    time ??= ts.time;
    sawTime = true;
    s = ts.rest.trimStart();
    const klog2 = KLOG.exec(s);
    if (klog2) {
      return withTime(
        { message: truncate(s.slice(klog2[0].length).trim()), level: levelFromKlog(klog2[1]) },
        time,
      );
    }
  }
  const logfmt = readLogfmt(s);
  if (logfmt) {
    const out: Analysis = { ...logfmt };
    if (time) out.time = time;
    return out;
  }
  const py = PY_BASIC.exec(s);
  if (py) {
    return withTime(
      {
        message: truncate(s.slice(py[0].length).trim()),
        level: levelFromWord(py[1] ?? '') ?? 'info',
      },
      time,
    );
  }
  const leveled = findLevel(s, sawTime);
  if (leveled) {
    let rest = leveled.rest.trimStart();
    const out: Analysis = { message: '', level: leveled.level };
    if (leveled.aspnet) {
      const cat = ASPNET_CATEGORY.exec(rest);
      if (cat && rest.slice(cat[0].length).trim() === '') {
        out.aspnetHeader = true;
      } else if (cat) {
        rest = rest.slice(cat[0].length).trimStart();
      }
    }
    if (SPRING_PID.test(rest)) {
      const sep = rest.indexOf(' : ');
      if (sep >= 0) rest = rest.slice(sep + 3);
    }
    const nginx = NGINX_PID.exec(rest);
    if (nginx) rest = rest.slice(nginx[0].length);
    out.message = truncate(stripSeparators(rest));
    return withTime(out, time);
  }
  return withTime({ message: truncate(s.trim()) }, time);
}

function withTime(a: Analysis, time: string | undefined): Analysis {
  const out: Analysis = { message: a.message };
  if (time) out.time = time;
  if (a.level) out.level = a.level;
  if (a.fields) out.fields = a.fields;
  if (a.aspnetHeader) out.aspnetHeader = true;
  return out;
}

function levelFromKlog(letter: string | undefined): Level {
  switch (letter) {
    case 'W':
      return 'warn';
    case 'E':
      return 'error';
    case 'F':
      return 'fatal';
    default:
      return 'info';
  }
}

/** `- ERROR - msg`, `| ERROR | msg`: drop separators left around the level. */
function stripSeparators(s: string): string {
  let i = 0;
  while (i < s.length && i < 16) {
    const ch = s[i];
    if (ch === ' ' || ch === '\t' || ch === '|' || ch === ':') i++;
    else if (ch === '-' && (isWs(s[i + 1]) || i + 1 === s.length)) i++;
    else break;
  }
  return s.slice(i).trim();
}

/**
 * Find a level among the first tokens: the first token in any form; after a timestamp also the
 * 2nd-4th token when bracketed or upper-case (`[main] ERROR`, `- app - ERROR -`, `[1] FATAL:`).
 */
function findLevel(
  s: string,
  sawTime: boolean,
): { level: Level; rest: string; aspnet: boolean } | undefined {
  let i = skipWs(s, 0);
  const maxTokens = sawTime ? 4 : 1;
  for (let n = 0; n < maxTokens && i < s.length && i < 200; n++) {
    const end = tokenEnd(s, i);
    const token = s.slice(i, end);
    const found = n === 0 ? tokenLevel(token, sawTime) : strictLater(token);
    if (found) {
      // `Error: boom` / `panic: boom`: the level word is part of the message.
      const rest = found.keepWhole ? s.slice(i) : s.slice(end);
      return { level: found.level, rest, aspnet: found.aspnet && n === 0 };
    }
    i = skipWs(s, end);
  }
  return undefined;
}

function strictLater(token: string): TokenLevel | undefined {
  const bracketed = token.startsWith('[') && token.endsWith(']');
  const letters = token.replace(/[^A-Za-z]/g, '');
  if (!bracketed && (letters === '' || letters !== letters.toUpperCase())) return undefined;
  return tokenLevel(token, false);
}

// ---------------------------------------------------------------------------------------------
// Structured lines: JSON and logfmt.

const MESSAGE_KEYS = ['msg', 'message', '@m', '@mt', 'error', 'err', 'event'];
const LEVEL_KEYS = [
  'level',
  'severity',
  'lvl',
  'levelname',
  'log.level',
  '@l',
  'loglevel',
  'level_name',
];
const TIME_KEYS = ['ts', 'time', 'timestamp', '@timestamp', '@t', 't', 'datetime', 'asctime'];

function setField(fields: Record<string, string>, key: string, value: string): void {
  // defineProperty: a `__proto__` key must stay a plain field.
  Object.defineProperty(fields, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function stringify(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null) return 'null';
  if (typeof v === 'object') {
    try {
      return JSON.stringify(v) ?? '';
    } catch {
      return '';
    }
  }
  return String(v);
}

function timeFromValue(v: unknown): string | undefined {
  if (typeof v === 'number') return fromEpoch(v);
  if (typeof v === 'string') {
    const t = v.trim();
    if (/^\d{9,19}(?:\.\d{1,9})?$/.test(t)) return fromEpoch(Number(t));
    return parseTime(t);
  }
  return undefined;
}

/** Epoch seconds, milliseconds, microseconds or nanoseconds, by magnitude. */
function fromEpoch(n: number): string | undefined {
  if (!Number.isFinite(n) || n <= 0) return undefined;
  const ms = n < 1e11 ? n * 1000 : n < 1e14 ? n : n < 1e17 ? n / 1000 : n / 1e6;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

function hasOwn(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/** A JSON object line (`{"level":"error","msg":...}`) → fields, message, level, time. */
function readJson(s: string): Analysis | undefined {
  if (!s.startsWith('{') || s.length > JSON_LIMIT) return undefined;
  const t = s.trimEnd();
  if (!t.endsWith('}')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(t);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  return fromRecord(parsed as Record<string, unknown>, t);
}

function fromRecord(record: Record<string, unknown>, raw: string): Analysis {
  const fields: Record<string, string> = {};
  for (const key of Object.keys(record)) setField(fields, key, stringify(record[key]));
  const out: Analysis = { message: '', fields };
  for (const key of MESSAGE_KEYS) {
    if (!hasOwn(record, key)) continue;
    const v = record[key];
    if (typeof v === 'string' && v.trim() !== '') {
      out.message = v;
      break;
    }
    if (
      v !== null &&
      typeof v === 'object' &&
      typeof (v as { message?: unknown }).message === 'string'
    ) {
      out.message = (v as { message: string }).message;
      break;
    }
  }
  if (out.message === '') out.message = raw.trim();
  out.message = truncate(out.message.trim());
  const nestedLog = hasOwn(record, 'log') ? record.log : undefined;
  const levelSources: unknown[] = LEVEL_KEYS.filter((k) => hasOwn(record, k)).map((k) => record[k]);
  if (nestedLog !== null && typeof nestedLog === 'object' && hasOwn(nestedLog, 'level')) {
    levelSources.push((nestedLog as { level?: unknown }).level);
  }
  for (const v of levelSources) {
    const level =
      typeof v === 'number'
        ? levelFromNumber(v)
        : typeof v === 'string'
          ? levelFromWord(v)
          : undefined;
    if (level) {
      out.level = level;
      break;
    }
  }
  for (const key of TIME_KEYS) {
    if (!hasOwn(record, key)) continue;
    const time = timeFromValue(record[key]);
    if (time) {
      out.time = time;
      break;
    }
  }
  return out;
}

/**
 * logfmt (`time="..." level=error msg="boom" err="..."`): at least two pairs and a level, msg or
 * time key, so that a lone `REDIS_URL=redis://...` line stays plain text.
 */
function readLogfmt(s: string): Analysis | undefined {
  if (!/^[A-Za-z_@][\w.@-]{0,63}=/.test(s)) return undefined;
  const record: Record<string, unknown> = {};
  let pairs = 0;
  let i = 0;
  while (i < s.length) {
    i = skipWs(s, i);
    if (i >= s.length) break;
    const keyStart = i;
    while (i < s.length && s[i] !== '=' && !isWs(s[i])) i++;
    const key = s.slice(keyStart, i);
    let value: string;
    if (s[i] === '=') {
      i++;
      if (s[i] === '"') {
        i++;
        let v = '';
        while (i < s.length && s[i] !== '"') {
          if (s[i] === '\\' && i + 1 < s.length) {
            const next = s[i + 1] as string;
            v += next === 'n' ? '\n' : next === 't' ? '\t' : next;
            i += 2;
          } else {
            v += s[i];
            i++;
          }
        }
        i++;
        value = v;
      } else {
        const start = i;
        i = tokenEnd(s, i);
        value = s.slice(start, i);
      }
    } else if (key === '') {
      i++;
      continue;
    } else {
      value = 'true';
    }
    if (key !== '') {
      Object.defineProperty(record, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      pairs++;
    }
  }
  const keys = Object.keys(record);
  const known = keys.some(
    (k) => LEVEL_KEYS.includes(k) || MESSAGE_KEYS.includes(k) || TIME_KEYS.includes(k),
  );
  if (pairs < 2 || !known) return undefined;
  return fromRecord(record, s);
}

// ---------------------------------------------------------------------------------------------
// Continuation shapes.

const TRACEBACK = 'Traceback (most recent call last):';
const PY_CHAIN = [
  'During handling of the above exception, another exception occurred:',
  'The above exception was the direct cause of the following exception:',
];
const GOROUTINE = /^goroutine \d{1,12} /;
const EXIT_STATUS = /^exit status \d{1,5}\s*$/;
const MORE_FRAMES = /^\.\.\. ?\d{1,9} (?:more|common frames omitted)/;
const CLOSING = /^[}\])]{1,16}[,;]?\s*$/;
const QUALIFIED_NAME = /^[A-Za-z_$][\w$]{0,255}(?:\.[A-Za-z_$][\w$]{0,255}){1,32}$/;

/** `java.lang.IllegalStateException: msg`, `System.InvalidOperationException: msg`, `a.b.FooError`. */
function isExceptionLine(s: string): boolean {
  const limit = Math.min(s.length, 600);
  let i = 0;
  while (i < limit && s[i] !== ':' && !isWs(s[i])) i++;
  if (i >= limit && i < s.length) return false;
  if (i < s.length && s[i] !== ':') return false;
  const name = s.slice(0, i);
  return QUALIFIED_NAME.test(name) && /(?:Exception|Error|Throwable)$/.test(name);
}

/** A Go stack frame's function line: `main.main()`, `github.com/x.(*T).F(0x0, {0x1})`. */
function isGoFrame(s: string): boolean {
  if (!/^[A-Za-z_]/.test(s)) return false;
  const t = s.length > 4096 ? '' : s.trimEnd();
  if (!t.endsWith(')')) return false;
  const paren = t.indexOf('(');
  if (paren <= 0) return false;
  for (let i = 0; i < paren; i++) if (isWs(t[i])) return false;
  return true;
}

function isGoTraceLine(s: string): boolean {
  return (
    GOROUTINE.test(s) ||
    s.startsWith('[signal ') ||
    s.startsWith('[recovered') ||
    s.startsWith('created by ') ||
    s.startsWith('panic: ') ||
    s.startsWith('fatal error: ') ||
    s.startsWith('runtime stack:') ||
    s.startsWith('...additional frames elided...') ||
    EXIT_STATUS.test(s) ||
    isGoFrame(s)
  );
}

/** Where `panic: ` starts a Go panic in this line (at the start or after a log prefix). */
function startsGoPanic(content: string): boolean {
  const h = content.length > 4096 ? content.slice(0, 4096) : content;
  if (h.startsWith('fatal error: ')) return true;
  const i = h.indexOf('panic: ');
  if (i < 0) return false;
  const before = i === 0 ? ' ' : (h[i - 1] as string);
  return isWs(before) || before === ']' || before === ':';
}

// ---------------------------------------------------------------------------------------------
// Grouping.

type Mode = 'normal' | 'goPanic' | 'pyTrace' | 'pyAfterException' | 'done';

interface Prepared {
  raw: string;
  /** The line without kubectl's per-line prefixes (`--prefix`, `--timestamps`) and base indent. */
  content: string;
  prefixTime?: string;
  blank: boolean;
}

interface Open {
  start: number;
  end: number;
  analysis: Analysis;
  mode: Mode;
  /** Take the message from a later line: the ASP.NET message line or the Python exception. */
  messageFrom?: 'aspnet' | 'traceback';
}

function prepare(lines: string[]): Prepared[] {
  const raw = lines.map((l) => (typeof l === 'string' ? l : String(l)));
  // `kubectl logs --timestamps` puts an RFC 3339 time + one space on every physical line, stack
  // frames included: strip it everywhere so that continuation lines still look indented.
  const nonBlank = raw.filter((l) => l.trim() !== '');
  const withPrefix = (l: string): string => {
    const p = KUBECTL_PREFIX.exec(l.length > 1024 ? l.slice(0, 1024) : l);
    return p ? l.slice(p[0].length) : l;
  };
  const everyLineStamped =
    nonBlank.length > 1 &&
    nonBlank.every((l) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})(?: |$)/.test(
        withPrefix(l).slice(0, 64),
      ),
    );
  const out: Prepared[] = raw.map((line) => {
    let content = withPrefix(line);
    let prefixTime: string | undefined;
    if (everyLineStamped) {
      const m =
        /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2}))(?: |$)/.exec(
          content.slice(0, 64),
        );
      if (m) {
        prefixTime = parseTime(m[1] ?? '');
        content = content.slice(m[0].length);
      }
    }
    const p: Prepared = { raw: line, content, blank: content.trim() === '' };
    if (prefixTime) p.prefixTime = prefixTime;
    return p;
  });
  // A paste indented as a whole (a Markdown code block, an e-mail) keeps its structure relative
  // to the least indented line.
  let base = Infinity;
  for (const p of out) {
    if (p.blank) continue;
    let n = 0;
    while (n < p.content.length && isWs(p.content[n])) n++;
    base = Math.min(base, n);
    if (base === 0) break;
  }
  if (base > 0 && base !== Infinity) {
    for (const p of out) if (!p.blank) p.content = p.content.slice(base);
  }
  return out;
}

/**
 * Group physical log lines into logical entries. `firstLine` is the 1-based source line of
 * `lines[0]`. Never throws.
 */
/**
 * Long logs: the head (configuration echoed at start) and the tail (the error before the exit)
 * get the full analysis; the middle is kept line by line, still scanned by the signatures, but
 * without timestamp and level analysis, which is what makes parsing cost grow with log size.
 */
const FULL_HEAD = 300;
const FULL_TAIL = 1000;
/** Stack frames and wrapped lines, recognised cheaply for the middle of long logs. */
const CHEAP_CONTINUATION = /^(?:\s|at |Caused by|\.\.\. \d+ more)/;

export function parseLogLines(lines: string[], firstLine: number): LogEntry[] {
  try {
    if (lines.length <= FULL_HEAD + FULL_TAIL + 200) return group(prepare(lines), firstLine);
    // Cut only where a new entry starts, so stack traces stay whole.
    let headEnd = FULL_HEAD;
    while (headEnd < lines.length && CHEAP_CONTINUATION.test(lines[headEnd] ?? '')) headEnd++;
    let tailStart = Math.max(headEnd, lines.length - FULL_TAIL);
    while (tailStart > headEnd && CHEAP_CONTINUATION.test(lines[tailStart] ?? '')) tailStart--;
    const middle: LogEntry[] = [];
    let blank = false;
    for (let i = headEnd; i < tailStart; i++) {
      const text = lines[i] ?? '';
      if (text.trim() === '') {
        blank = true; // keeps entry text equal to its consecutive physical lines
        continue;
      }
      const last = middle[middle.length - 1];
      const joins = last !== undefined && !blank && CHEAP_CONTINUATION.test(text);
      blank = false;
      if (last && joins) {
        last.text += `\n${text}`;
        last.lineCount = firstLine + i - last.line + 1;
      } else {
        middle.push({
          line: firstLine + i,
          lineCount: 1,
          text,
          message: truncate(head(text).trim()),
        });
      }
    }
    return [
      ...group(prepare(lines.slice(0, headEnd)), firstLine),
      ...middle,
      ...group(prepare(lines.slice(tailStart)), firstLine + tailStart),
    ];
  } catch {
    // Defensive: fall back to one entry per non-blank line.
    const out: LogEntry[] = [];
    lines.forEach((l, i) => {
      const text = typeof l === 'string' ? l : String(l);
      if (text.trim() !== '')
        out.push({ line: firstLine + i, lineCount: 1, text, message: truncate(head(text).trim()) });
    });
    return out;
  }
}

function group(lines: Prepared[], firstLine: number): LogEntry[] {
  const entries: LogEntry[] = [];
  let open: Open | undefined;
  let pendingBlank = 0;

  const close = (): void => {
    if (open) entries.push(finish(open, lines, firstLine));
    open = undefined;
    pendingBlank = 0;
  };

  for (let i = 0; i < lines.length; i++) {
    const p = lines[i] as Prepared;
    if (p.blank) {
      // Blank lines end a record, except inside a Go panic or a Python traceback.
      if (open && open.mode !== 'normal' && open.mode !== 'done') pendingBlank++;
      else close();
      continue;
    }
    if (open && continues(open, p.content, pendingBlank > 0)) {
      open.end = i;
      pendingBlank = 0;
      continue;
    }
    close();
    open = start(i, p);
  }
  close();
  return entries;
}

function start(i: number, p: Prepared): Open {
  const analysis = analyze(p.content, p.prefixTime);
  const c = p.content.trimStart();
  const o: Open = { start: i, end: i, analysis, mode: 'normal' };
  if (analysis.aspnetHeader) o.messageFrom = 'aspnet';
  if (c.startsWith(TRACEBACK)) {
    o.mode = 'pyTrace';
    o.messageFrom = 'traceback';
    analysis.level ??= 'error';
  } else if (!analysis.fields && startsGoPanic(c)) {
    o.mode = 'goPanic';
    analysis.level ??= 'fatal';
  } else if (c.startsWith('Unhandled exception.') || c.startsWith('Unhandled Exception:')) {
    analysis.level ??= 'fatal';
  } else if (
    c.startsWith('Exception in thread "') ||
    c.startsWith('Error from server') ||
    isExceptionLine(c)
  ) {
    analysis.level ??= 'error';
  }
  return o;
}

/** Does `content` continue the open entry? May update the entry's mode and message. */
function continues(o: Open, content: string, afterBlank: boolean): boolean {
  const indented = isWs(content[0]);
  switch (o.mode) {
    case 'goPanic':
      if (indented || isGoTraceLine(content)) {
        // `exit status 2` is the last line `go run` prints: nothing continues after it.
        if (EXIT_STATUS.test(content)) o.mode = 'done';
        return true;
      }
      return false;
    case 'pyTrace':
      if (indented || content.startsWith(TRACEBACK)) return true;
      if (isStrongStart(content)) return false;
      // The exception line (`redis.exceptions.ConnectionError: ...`) ends the traceback.
      o.mode = 'pyAfterException';
      if (o.messageFrom === 'traceback') o.analysis.message = truncate(head(content).trim());
      return true;
    case 'done':
      return false;
    case 'pyAfterException':
      if (PY_CHAIN.some((p) => content.startsWith(p))) {
        o.mode = 'pyTrace';
        return true;
      }
      if (afterBlank) return false;
      o.mode = 'normal';
      return continuesNormal(o, content, indented, false);
    default:
      return continuesNormal(o, content, indented, afterBlank);
  }
}

function continuesNormal(
  o: Open,
  content: string,
  indented: boolean,
  afterBlank: boolean,
): boolean {
  if (afterBlank) return false;
  if (indented) {
    if (o.messageFrom === 'aspnet' && o.end === o.start) {
      o.analysis.message = truncate(head(content).trim());
      delete o.messageFrom;
    }
    return true;
  }
  if (
    content.startsWith('at ') ||
    content.startsWith('Caused by:') ||
    content.startsWith('Suppressed:') ||
    MORE_FRAMES.test(content) ||
    CLOSING.test(content.length > 64 ? '' : content)
  ) {
    return true;
  }
  const serious =
    o.analysis.level === 'error' || o.analysis.level === 'fatal' || o.analysis.level === 'warn';
  if (serious && content.startsWith(TRACEBACK)) {
    // `logger.exception(...)`: the traceback belongs to the error line just above.
    o.mode = 'pyTrace';
    return true;
  }
  if (serious && isExceptionLine(content)) return true;
  return false;
}

function finish(o: Open, lines: Prepared[], firstLine: number): LogEntry {
  const raw: string[] = [];
  for (let i = o.start; i <= o.end; i++) raw.push((lines[i] as Prepared).raw);
  const a = o.analysis;
  const entry: LogEntry = {
    line: firstLine + o.start,
    lineCount: o.end - o.start + 1,
    text: raw.join('\n'),
    message: a.message,
  };
  if (a.time) entry.time = a.time;
  if (a.level) entry.level = a.level;
  if (a.fields) entry.fields = a.fields;
  return entry;
}

// ---------------------------------------------------------------------------------------------
// The block parser.

interface Target {
  pod?: string;
  namespace?: string;
  container?: string;
  previous?: boolean;
}

/** Pod, namespace, container and `--previous` from the `kubectl logs` command. */
function targetOf(cmd: KubectlCommand): Target {
  const t: Target = {};
  const isPod = cmd.resource === undefined || cmd.resource === 'pods';
  const pod = isPod ? cmd.names[0] : undefined;
  if (pod) t.pod = pod;
  if (cmd.namespace) t.namespace = cmd.namespace;
  if (cmd.container) t.container = cmd.container;
  const flagPrevious =
    cmd.flags['previous'] ?? cmd.flags['--previous'] ?? cmd.flags['p'] ?? cmd.flags['-p'];
  t.previous = cmd.previous === true || flagPrevious === true || flagPrevious === 'true';
  return t;
}

const DEFAULTED = /^Defaulted container "([^"\s]{1,253})" out of: /;
const FOUND_PODS = /^Found \d{1,6} pods, using pod\/([^\s]{1,253})\s*$/;
const PROMPT = /^\s*(?:[\w.@~:/-]{0,128}\s?)?[$#%❯>]\s*(?:kubectl|oc|k)\s+(?:\S+\s+)?logs?\b/;

/** Parses a block of container log output into one ContainerLog. */
export const parseLogs: BlockParser = (block: Block, sourceIndex: number) => {
  try {
    const cmd = block.command;
    if (cmd && cmd.verb !== undefined && cmd.verb !== 'logs' && cmd.verb !== 'log')
      return undefined;
    const target: Target = cmd ? targetOf(cmd) : {};
    let skip = 0;
    // kubectl's own notes at the top of the output (and a prompt line, if the block holds one).
    for (let i = 0; i < Math.min(3, block.lines.length); i++) {
      const line = (block.lines[i] ?? '').slice(0, 2048);
      const defaulted = DEFAULTED.exec(line);
      const found = FOUND_PODS.exec(line);
      if (i === 0 && PROMPT.test(line)) skip = 1;
      else if (defaulted) {
        target.container ??= defaulted[1] as string;
        skip = i + 1;
      } else if (found) {
        target.pod ??= found[1] as string;
        skip = i + 1;
      } else if (line.trim() !== '') break;
    }
    const log: ContainerLog = {
      kind: 'Log',
      entries: parseLogLines(block.lines.slice(skip), block.from + skip),
      origin: { source: sourceIndex, from: block.from, to: block.to },
    };
    if (target.pod) log.pod = target.pod;
    if (target.namespace) log.namespace = target.namespace;
    if (target.container) log.container = target.container;
    if (target.previous !== undefined) log.previous = target.previous;
    return { items: [], logs: [log], warnings: [] };
  } catch {
    return undefined;
  }
};
