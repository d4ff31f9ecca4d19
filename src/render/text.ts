/**
 * @module The human renderer: what an on-call engineer reads in a terminal. One block per
 * problem (siblings of the same workload and cause folded into one line), prose wrapped to the
 * terminal width, commands never wrapped so they can be copied, colour only when asked.
 *
 * The small helpers exported after `renderText` (sanitising, grouping, symptom and confidence
 * wording) are shared with the Markdown renderer so both say the same thing the same way.
 */

import type {
  Cause,
  Diagnosis,
  EvidenceRef,
  Report,
  TimelineEntry,
  WorkloadGroup,
} from '../engine/report.js';
import { formatAge } from '../evidence/time.js';

/** Options of {@link renderText}. */
export interface TextOptions {
  /** Emit ANSI colour and bold. The CLI decides (TTY, `NO_COLOR`); the renderer never looks. */
  color: boolean;
  /** Terminal width in columns for prose; default 80, never below 40. */
  width?: number;
  /** Show every evidence line, timeline entry and pod, full excerpts and detector ids. */
  verbose?: boolean;
}

const DEFAULT_WIDTH = 80;
const MIN_WIDTH = 40;
const MAX_EVIDENCE = 8;
const MAX_TIMELINE = 8;
const MAX_SIBLINGS = 12;
/** Below this many columns left for an excerpt, the source goes on its own line. */
const MIN_EXCERPT = 30;
/** Evidence locations longer than this are not used to align the excerpt column. */
const MAX_LOCATION_COLUMN = 24;
const LEADING_TIMESTAMP =
  /^\[?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?\]?\s+/;

const I1 = '  ';
const I2 = '    ';

/** Render a report for a terminal. Pure: same report and options, same string. */
export function renderText(report: Report, options: TextOptions): string {
  const r = sanitizeReport(report);
  const opts: Partial<TextOptions> = options ?? {};
  const ctx: Ctx = {
    width: normalizeWidth(opts.width),
    verbose: opts.verbose === true,
    st: palette(opts.color === true),
  };
  const out: string[] = [];
  const plan = planDiagnoses(r);

  if (plan.shown.length === 0) {
    const empty = emptySummary(r);
    const tone = empty.tone === 'ok' ? ctx.st.green : ctx.st.yellow;
    out.push(...wrapText(empty.text, ctx.width).map(tone));
    out.push(...wrapText(`Looked at ${describeInputs(r)}.`, ctx.width));
  } else {
    plan.shown.forEach((p, i) => {
      if (i > 0) out.push('');
      out.push(...renderDiagnosis(p, ctx));
    });
    out.push('');
    out.push(ctx.st.bold(ctx.st.red(summaryLine(plan))));
    // Live mode always says what it cost; offline, verbose output says what was read.
    if (ctx.verbose || r.source?.mode === 'live' || r.source?.mode === 'lab') {
      out.push(...wrapText(ctx.st.dim(`Evidence from ${describeInputs(r)}.`), ctx.width, '', ''));
    }
  }

  const errors = list(r.errors);
  if (errors.length > 0) {
    out.push('');
    out.push(ctx.st.red(ctx.st.bold('Errors (some checks did not complete):')));
    for (const e of errors) {
      const who = [e.detector, e.subject].filter((x): x is string => Boolean(x)).join(' on ');
      out.push(
        ...wrapText(`- ${who ? `${who}: ` : ''}${e.message ?? ''}`, ctx.width, I1, `${I1}  `),
      );
    }
  }
  const warnings = list(r.warnings);
  if (warnings.length > 0) {
    out.push('');
    out.push(ctx.st.yellow(ctx.st.bold('Warnings:')));
    for (const w of warnings) out.push(...wrapText(`- ${w}`, ctx.width, I1, `${I1}  `));
  }
  return `${out.join('\n')}\n`;
}

interface Ctx {
  width: number;
  verbose: boolean;
  st: Palette;
}

function renderDiagnosis(p: PlannedDiagnosis, ctx: Ctx): string[] {
  const { st, width, verbose } = ctx;
  const d = p.diagnosis;
  const out: string[] = [];

  out.push(
    ...joinParts(
      headerParts(d).map((t) => ({ text: t, style: st.bold })),
      width,
      '',
      I1,
    ),
  );
  const symptom = symptomParts(d.symptom ?? {}, verbose).map((t, i) => ({
    text: t,
    ...(i === 0 && d.symptom?.state !== undefined ? { style: st.red } : {}),
  }));
  if (symptom.length > 0) out.push(...joinParts(symptom, width, I1, I2));
  if (d.symptom?.message) out.push(...wrapText(d.symptom.message, width, I1, I1).map(st.dim));
  if (d.inheritedFrom) {
    out.push(
      ...wrapText(
        `Carried over from sibling pod ${d.inheritedFrom} (same workload); this pod's own evidence was not read.`,
        width,
        I1,
        I2,
      ).map(st.yellow),
    );
  }
  if (p.siblings) out.push(...wrapText(siblingsLine(p.siblings, verbose), width, I1, I2));

  const rc = d.rootCause;
  if (rc) {
    out.push('');
    out.push(
      ...joinParts(
        [
          { text: `Root cause: ${categoryLabel(rc)}`, style: st.bold },
          { text: confidenceLabel(rc.confidence) },
        ],
        width,
        I1,
        I2,
      ),
    );
    if (rc.title) out.push(...wrapText(rc.title, width, I2).map(st.bold));
    if (rc.explanation) out.push(...wrapText(rc.explanation, width, I2));
    const alts = list(d.alternatives);
    if (alts.length > 0) {
      const text = alts.map((a) => `${a.category} (${percent(a.confidence)})`).join(', ');
      out.push(...wrapText(`Also possible: ${text}`, width, I2, `${I2}  `).map(st.dim));
    }
    if (verbose && rc.detector) out.push(st.dim(`${I2}detector: ${rc.detector}`));
    const ev = list(rc.evidence);
    if (ev.length > 0) {
      out.push(st.bold(`${I1}Evidence`));
      out.push(...evidenceLines(ev, I2, ctx));
    }
  }

  const contributing = list(d.contributing);
  if (contributing.length > 0) {
    out.push(st.bold(`${I1}Contributing`));
    for (const c of contributing) {
      const head = `- ${c.title || c.category} [${categoryLabel(c)}, ${percent(c.confidence)}]`;
      out.push(...wrapText(head, width, I2, `${I2}  `));
      if (verbose) {
        if (c.explanation) out.push(...wrapText(c.explanation, width, `${I2}  `));
        out.push(...evidenceLines(list(c.evidence), `${I2}  `, ctx));
      }
    }
  }

  const ruledOut = list(d.ruledOut);
  if (ruledOut.length > 0) {
    out.push(st.bold(`${I1}Ruled out`));
    for (const r of ruledOut) {
      out.push(...wrapText(`- ${r.category} — ${r.reason}`, width, I2, `${I2}  `).map(st.dim));
      if (verbose) out.push(...evidenceLines(list(r.evidence), `${I2}  `, ctx));
    }
  }

  const fixes = list(d.fixes);
  if (fixes.length > 0) {
    out.push(st.bold(`${I1}Fix`));
    fixes.forEach((f, i) => {
      const num = `${i + 1}. `;
      const hang = I2 + ' '.repeat(num.length);
      const risk = `(${f.risk ?? 'unknown'} risk)`;
      const lines = wrapText(`${num}${f.title ?? ''}`, width, I2, hang);
      out.push(...appendTail(lines, risk, riskStyle(f.risk, st)(risk), width, hang));
      for (const cmd of list(f.commands)) out.push(...commandLines(cmd, hang));
      if (f.note) {
        const note = wrapText(`Note: ${f.note}`, width, hang);
        out.push(...note.map((l, j) => (j === 0 ? l.replace('Note:', st.yellow('Note:')) : l)));
      }
    });
  }

  if (d.nextStep) {
    out.push(st.bold(`${I1}If unsure`));
    if (d.nextStep.why) out.push(...wrapText(d.nextStep.why, width, I2));
    out.push(...commandLines(d.nextStep.command ?? '', I2));
  }

  const timeline = list(d.timeline);
  if (timeline.length > 0) out.push(...timelineLines(timeline, ctx));

  const impact = impactParts(d.impact ?? {});
  if (impact.length > 0) {
    out.push(st.bold(`${I1}Impact`));
    out.push(...joinParts(impact, width, I2, I2));
    const pods = list(d.impact?.pods);
    if (verbose && pods.length > 0)
      out.push(...wrapText(`Pods: ${pods.join(', ')}`, width, I2, `${I2}  `));
  }
  return out;
}

function evidenceLines(evidence: EvidenceRef[], indent: string, ctx: Ctx): string[] {
  const { st, width, verbose } = ctx;
  const shown = verbose ? evidence : evidence.slice(0, MAX_EVIDENCE);
  const locs = shown.map(evidenceLocation);
  // Align excerpts on the short locations only: one long source name must not push every
  // excerpt to the right and cut off the part that matters.
  const col = Math.max(
    0,
    ...locs.filter((l) => l.length <= MAX_LOCATION_COLUMN).map((l) => l.length),
  );
  const out: string[] = [];
  shown.forEach((e, i) => {
    const loc = locs[i] ?? '';
    const pad = Math.max(col, loc.length);
    const room = width - indent.length - pad - 2;
    const raw = typeof e.excerpt === 'string' ? e.excerpt : '';
    if (verbose) {
      const lines = dedent(raw);
      const only = lines.length === 1 ? (lines[0] ?? '') : undefined;
      if (only !== undefined && only.length <= room) {
        out.push(`${indent}${st.dim(loc.padEnd(pad))}  ${only}`);
      } else {
        out.push(`${indent}${st.dim(loc)}`);
        for (const l of lines) out.push(`${indent}  ${l}`);
      }
      return;
    }
    let excerpt = oneLine(raw) || '(empty)';
    // A log line's timestamp is the least useful part of it (the timeline has the time).
    if (excerpt.length > room) excerpt = excerpt.replace(LEADING_TIMESTAMP, '') || excerpt;
    if (room >= MIN_EXCERPT) {
      out.push(`${indent}${st.dim(loc.padEnd(pad))}  ${truncate(excerpt, room)}`);
    } else {
      out.push(`${indent}${st.dim(truncate(loc, width - indent.length))}`);
      out.push(`${indent}  ${truncate(excerpt, width - indent.length - 2)}`);
    }
  });
  if (evidence.length > shown.length) {
    out.push(st.dim(`${indent}… ${evidence.length - shown.length} more`));
  }
  return out;
}

/** Lines of a quoted excerpt, tabs as spaces, without their common indentation. */
function dedent(text: string): string[] {
  const lines = text.split('\n').map((l) => l.replace(/\t/g, ' ').trimEnd());
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  while (lines.length > 1 && lines[0] === '') lines.shift();
  const margin = Math.min(
    ...lines.filter((l) => l !== '').map((l) => l.length - l.trimStart().length),
  );
  return Number.isFinite(margin) ? lines.map((l) => l.slice(margin)) : lines;
}

function timelineLines(timeline: TimelineEntry[], ctx: Ctx): string[] {
  const { st, width, verbose } = ctx;
  const times = timeline.map((t) => splitTime(t.at ?? ''));
  const dates = new Set(times.map((t) => t?.date));
  const sameDay = dates.size === 1 && times[0] !== undefined;
  const label = (i: number): string => {
    const t = times[i];
    if (!t) return truncate(timeline[i]?.at ?? '', 20);
    return sameDay ? t.time : `${t.date.slice(5)} ${t.time}`;
  };
  let rows = timeline.map((_, i) => i);
  let skipped = 0;
  if (!verbose && rows.length > MAX_TIMELINE) {
    skipped = rows.length - MAX_TIMELINE;
    rows = [...rows.slice(0, 3), -1, ...rows.slice(rows.length - (MAX_TIMELINE - 3))];
  }
  const timeCol = Math.max(...rows.map((i) => (i < 0 ? 0 : label(i).length)));
  // On a narrow terminal the description goes under the time rather than in a thin column.
  const stacked = width - (I2.length + timeCol + 2 + 7 + 2) < MIN_EXCERPT;
  const hang = stacked ? `${I2}  ` : I2 + ' '.repeat(timeCol + 2 + 7 + 2);
  const header = sameDay && times[0] ? `Timeline (${times[0].date}, UTC)` : 'Timeline (UTC)';
  const out = [st.bold(`${I1}${header}`)];
  for (const i of rows) {
    if (i < 0) {
      out.push(st.dim(`${I2}… ${skipped} more`));
      continue;
    }
    const t = timeline[i];
    if (!t) continue;
    const lead = `${label(i).padEnd(timeCol)}  ${String(t.source ?? '').padEnd(7)}  `;
    if (stacked) {
      out.push(I2 + st.dim(lead.trimEnd()), ...wrapText(t.what ?? '', width, hang));
      continue;
    }
    const lines = wrapText(t.what ?? '', width, I2 + lead, hang);
    if (lines.length === 0) lines.push(I2 + lead);
    out.push(
      ...lines.map((l, j) => (j === 0 ? I2 + st.dim(lead) + l.slice(I2.length + lead.length) : l)),
    );
  }
  return out;
}

function commandLines(command: string, indent: string): string[] {
  const lines = command.split('\n');
  if (command.trim() === '') return [];
  return lines.map((l, i) => (i === 0 ? `${indent}$ ${l}` : `${indent}  ${l}`));
}

function siblingsLine(s: Siblings, verbose: boolean): string {
  const of = s.workload ? ` of ${workloadLabel(s.workload)}` : '';
  const noun = s.count === 1 ? 'pod' : 'pods';
  if (s.pods.length === 0) return `Same cause on ${s.count} more ${noun}${of}.`;
  const names = verbose ? s.pods : s.pods.slice(0, MAX_SIBLINGS);
  const more = s.pods.length - names.length;
  return `Same cause on ${s.count} more ${noun}${of}: ${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

function summaryLine(plan: ReportPlan): string {
  const n = plan.shown.length;
  return `${n} ${n === 1 ? 'problem' : 'problems'} in ${plan.podCount} ${plan.podCount === 1 ? 'pod' : 'pods'}.`;
}

function describeInputs(r: Report): string {
  const inputs = list(r.source?.inputs).filter((s) => s.trim() !== '');
  const mode = r.source?.mode;
  const requests = r.source?.apiRequests;
  const what =
    inputs.length === 0
      ? mode === 'offline'
        ? 'the input'
        : 'the cluster'
      : inputs.length <= 5
        ? inputs.join(', ')
        : `${inputs.slice(0, 5).join(', ')} and ${inputs.length - 5} more inputs`;
  const extra = [
    mode,
    typeof requests === 'number' && requests > 0 ? `${requests} API requests` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return extra ? `${what} (${extra})` : what;
}

/* ----------------------------------------------------------------------------------------- */
/* Shared with markdown.ts                                                                      */
/* ----------------------------------------------------------------------------------------- */

/** Pods in the same workload with the same cause, folded into the first one's block. */
export interface Siblings {
  workload?: { kind: string; name: string };
  /** Pod names other than the printed one (may be fewer than `count` when names are unknown). */
  pods: string[];
  count: number;
}

/** A diagnosis to print in full, with the siblings it stands for. */
export interface PlannedDiagnosis {
  index: number;
  diagnosis: Diagnosis;
  siblings?: Siblings;
}

/** What to print: diagnoses in report order minus folded siblings, and how many pods failed. */
export interface ReportPlan {
  shown: PlannedDiagnosis[];
  podCount: number;
}

/**
 * What a report without diagnoses says: all clear only when the status is ok; otherwise that
 * checks failed, or that something is failing that nothing explained (see the warnings).
 */
export function emptySummary(r: Report): { tone: 'ok' | 'warn'; text: string } {
  if (r.status === 'ok')
    return {
      tone: 'ok',
      text: 'No failing containers found: nothing is crash-looping or stuck starting.',
    };
  if (list(r.errors).length > 0)
    return {
      tone: 'warn',
      text: 'No diagnosis: some checks did not complete (see the errors below).',
    };
  return {
    tone: 'warn',
    text: 'Something is failing, but the evidence does not say why (see the warnings below for what to collect).',
  };
}

/**
 * Fold each `report.groups` entry into its first diagnosis. Report order is kept: the engine
 * already sorts most severe/confident first, and JSON, text and Markdown must agree on it.
 * Dangling or repeated indexes are ignored rather than trusted.
 */
export function planDiagnoses(report: Report): ReportPlan {
  const diagnoses = list(report.diagnoses);
  const claimed = new Set<number>();
  const hidden = new Set<number>();
  const primaries = new Map<number, { group: WorkloadGroup; others: number[] }>();
  for (const group of list(report.groups)) {
    const members = [...new Set(list(group.diagnoses))]
      .filter((i) => Number.isInteger(i) && i >= 0 && i < diagnoses.length && !claimed.has(i))
      .sort((a, b) => a - b);
    const [primary, ...others] = members;
    if (primary === undefined) continue;
    for (const i of members) claimed.add(i);
    for (const i of others) hidden.add(i);
    primaries.set(primary, { group, others });
  }

  const pods = new Set<string>();
  const shown: PlannedDiagnosis[] = [];
  diagnoses.forEach((d, index) => {
    const ns = d.subject?.namespace ?? '';
    pods.add(d.subject?.pod ? `${ns}/${d.subject.pod}` : `#${index}`);
    if (hidden.has(index)) return;
    const entry: PlannedDiagnosis = { index, diagnosis: d };
    const g = primaries.get(index);
    if (g) {
      const own = d.subject?.pod;
      const names: string[] = [];
      const add = (p: string | undefined): void => {
        if (p && p !== own && !names.includes(p)) names.push(p);
      };
      for (const i of g.others) add(diagnoses[i]?.subject?.pod);
      for (const p of list(g.group.pods)) add(p);
      for (const p of list(g.group.pods)) pods.add(`${g.group.namespace ?? ns}/${p}`);
      const count = Math.max(names.length, g.others.length);
      if (count > 0) {
        const workload = g.group.workload ?? d.subject?.workload ?? d.subject?.owner;
        entry.siblings = { pods: names, count, ...(workload ? { workload } : {}) };
      }
    }
    shown.push(entry);
  });
  return { shown, podCount: pods.size };
}

/** `auth/user-auth-6f8d9b-q2m4x`, `user-auth · container x · deployment/y` parts of a header. */
export function headerParts(d: Diagnosis): string[] {
  const s = d.subject ?? {};
  const parts: string[] = [];
  if (s.pod) parts.push(s.namespace ? `${s.namespace}/${s.pod}` : s.pod);
  else if (s.namespace) parts.push(`namespace ${s.namespace}`);
  if (s.container) parts.push(`${s.init ? 'init container' : 'container'} ${s.container}`);
  const workload = s.workload ?? s.owner;
  if (workload) parts.push(workloadLabel(workload));
  if (parts.length === 0) parts.push('unknown pod');
  return parts;
}

/** `deployment/user-auth`: the form kubectl accepts, so it can be pasted into a command. */
export function workloadLabel(ref: { kind?: string; name?: string }): string {
  return `${(ref.kind ?? 'workload').toLowerCase()}/${ref.name ?? '?'}`;
}

const SIGNALS: Record<number, string> = {
  1: 'SIGHUP',
  2: 'SIGINT',
  4: 'SIGILL',
  6: 'SIGABRT',
  7: 'SIGBUS',
  8: 'SIGFPE',
  9: 'SIGKILL',
  11: 'SIGSEGV',
  13: 'SIGPIPE',
  15: 'SIGTERM',
};

/** Shell conventions the kubelet passes through; worth naming when no reason is given. */
const EXIT_CODES: Record<number, string> = {
  126: 'not executable',
  127: 'command not found',
};

/** `CrashLoopBackOff`, `7 restarts`, `last exit 1 (Error)`, `back-off 2m40s`, ... */
export function symptomParts(s: Diagnosis['symptom'], verbose = false): string[] {
  const parts: string[] = [];
  if (s.state) parts.push(s.state);
  if (typeof s.restartCount === 'number') {
    parts.push(`${s.restartCount} ${s.restartCount === 1 ? 'restart' : 'restarts'}`);
  }
  if (typeof s.lastExitCode === 'number') {
    const code = s.lastExitCode;
    const known = code > 128 ? SIGNALS[code - 128] : EXIT_CODES[code];
    const why = s.lastReason && s.lastReason !== 'Error' ? s.lastReason : (known ?? s.lastReason);
    parts.push(`last exit ${s.lastExitCode}${why ? ` (${why})` : ''}`);
  } else if (s.lastReason) {
    parts.push(`last: ${s.lastReason}`);
  }
  if (typeof s.backoffSeconds === 'number' && Number.isFinite(s.backoffSeconds)) {
    parts.push(`back-off ${formatAge(s.backoffSeconds)}`);
  }
  if (s.ready === false && (s.state === undefined || s.state === 'Running'))
    parts.push('not ready');
  if (verbose && s.nextRestartAt) parts.push(`next restart ${formatInstant(s.nextRestartAt)}`);
  return parts;
}

/** `4 of 4 replicas failing`, `23 restarts`, `since 2026-03-11 14:21:03 UTC`. */
export function impactParts(i: Diagnosis['impact']): { text: string }[] {
  const parts: string[] = [];
  if (typeof i.replicasFailing === 'number') {
    parts.push(
      typeof i.replicasDesired === 'number'
        ? `${i.replicasFailing} of ${i.replicasDesired} replicas failing`
        : `${i.replicasFailing} ${i.replicasFailing === 1 ? 'replica' : 'replicas'} failing`,
    );
  } else if (typeof i.replicasDesired === 'number') {
    parts.push(`${i.replicasDesired} replicas desired`);
  }
  if (typeof i.restarts === 'number')
    parts.push(`${i.restarts} ${i.restarts === 1 ? 'restart' : 'restarts'}`);
  if (i.since) parts.push(`since ${formatInstant(i.since)}`);
  return parts.map((text) => ({ text }));
}

/** `oom-killed/jvm-heap` when a subcategory refines the category, else the category. */
export function categoryLabel(c: Pick<Cause, 'category' | 'subcategory'> | undefined): string {
  if (!c) return 'unknown';
  const sub = c.subcategory;
  if (!sub || sub === c.category) return c.category;
  return sub.startsWith(`${c.category}/`) ? sub : `${c.category}/${sub}`;
}

/** high ≥ 0.8, medium ≥ 0.5, low below. */
export function confidenceWord(confidence: number): 'high' | 'medium' | 'low' | 'unknown' {
  if (typeof confidence !== 'number' || !Number.isFinite(confidence)) return 'unknown';
  return confidence >= 0.8 ? 'high' : confidence >= 0.5 ? 'medium' : 'low';
}

/** `90%`, clamped to 0..100; `?%` when not a number. */
export function percent(confidence: number): string {
  if (typeof confidence !== 'number' || !Number.isFinite(confidence)) return '?%';
  return `${Math.round(Math.min(1, Math.max(0, confidence)) * 100)}%`;
}

/** `high confidence (90%)`. */
export function confidenceLabel(confidence: number): string {
  const word = confidenceWord(confidence);
  return word === 'unknown' ? 'confidence unknown' : `${word} confidence (${percent(confidence)})`;
}

const ISO_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:[.,]\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Date and time (UTC) of an RFC 3339 string. A time without a zone is taken as written rather
 * than parsed, because parsing it would use the machine's zone and make output vary by host.
 */
export function splitTime(at: string): { date: string; time: string } | undefined {
  const m = ISO_TIME.exec(at.trim());
  if (!m) return undefined;
  const [, date, time, zone] = m;
  if (!date || !time) return undefined;
  if (!zone) return { date, time };
  const ms = Date.parse(at.trim());
  if (Number.isNaN(ms)) return undefined;
  const iso = new Date(ms).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 19) };
}

/** `2026-03-11 14:21:03 UTC`, or the input unchanged when it is not a recognisable time. */
export function formatInstant(at: string): string {
  const t = splitTime(at);
  return t ? `${t.date} ${t.time} UTC` : at;
}

/** The array, or an empty one when a report read from disk lacks it. */
export function list<T>(value: readonly T[] | undefined | null): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

/**
 * Remove terminal escape sequences and control characters (keeping newline and tab). Logs carry
 * colour codes and arbitrary bytes; quoted into a report they must not recolour, move the cursor
 * or retitle the reader's terminal, nor leave invisible junk in a ticket.
 */
export function stripControl(text: string): string {
  let clean = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10) || (c >= 127 && c <= 159)) {
      clean = false;
      break;
    }
  }
  if (clean) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 27) {
      const next = text[i + 1];
      if (next === '[') {
        i += 2;
        while (i < text.length) {
          const k = text.charCodeAt(i);
          if (k >= 0x40 && k <= 0x7e) break;
          i++;
        }
      } else if (next === ']' || next === 'P' || next === '_' || next === '^') {
        i += 2;
        while (i < text.length) {
          if (text.charCodeAt(i) === 7) break;
          if (text.charCodeAt(i) === 27 && text[i + 1] === '\\') {
            i++;
            break;
          }
          i++;
        }
      } else {
        i++;
      }
      continue;
    }
    if ((c < 32 && c !== 9 && c !== 10) || (c >= 127 && c <= 159)) continue;
    out += text[i];
  }
  return out;
}

/** A deep copy of the report with {@link stripControl} applied to every string. */
export function sanitizeReport(report: Report): Report {
  return sanitizeValue(report) as Report;
}

function sanitizeValue(value: unknown): unknown {
  if (typeof value === 'string') return stripControl(value);
  if (Array.isArray(value)) return value.map(sanitizeValue);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = sanitizeValue(v);
    return out;
  }
  return value;
}

/** An excerpt on one line: newlines shown as ⏎, tabs as spaces, outer blanks trimmed. */
export function oneLine(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ⏎ ')
    .replace(/\t/g, ' ');
}

/** Cut to at most `max` characters, ending with `…` when cut. */
export function truncate(text: string, max: number): string {
  const n = Math.max(1, Math.floor(max));
  return text.length <= n ? text : `${text.slice(0, n - 1)}…`;
}

/* ----------------------------------------------------------------------------------------- */
/* Layout                                                                                      */
/* ----------------------------------------------------------------------------------------- */

/**
 * Word-wrap prose to `width` columns. Newlines in the text start new lines; a word longer than
 * the line (a URL, an image reference) is kept whole rather than broken, so it stays copyable.
 */
export function wrapText(text: string, width: number, indent = '', hanging = indent): string[] {
  const out: string[] = [];
  let prefix = indent;
  for (const paragraph of text.split('\n')) {
    const words = paragraph.split(/[ \t]+/).filter((w) => w !== '');
    if (words.length === 0) {
      if (out.length > 0) out.push('');
      continue;
    }
    let line = '';
    for (const word of words) {
      if (line === '') line = prefix + word;
      else if (line.length + 1 + word.length <= width) line += ` ${word}`;
      else {
        out.push(line);
        prefix = hanging;
        line = prefix + word;
      }
    }
    out.push(line);
    prefix = hanging;
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

interface Part {
  text: string;
  style?: (s: string) => string;
}

/**
 * Join short facts with ` · `, breaking between facts; a fact too long for a line of its own
 * is broken between its words.
 */
function joinParts(parts: Part[], width: number, indent: string, hanging: string): string[] {
  const out: string[] = [];
  let plainLen = 0;
  let line = '';
  const place = (text: string, style: Part['style'], sep: string): void => {
    const styled = style ? style(text) : text;
    if (line === '') {
      const prefix = out.length === 0 ? indent : hanging;
      line = prefix + styled;
      plainLen = prefix.length + text.length;
    } else if (plainLen + sep.length + text.length <= width) {
      line += sep + styled;
      plainLen += sep.length + text.length;
    } else {
      out.push(line);
      line = hanging + styled;
      plainLen = hanging.length + text.length;
    }
  };
  for (const p of parts) {
    const fresh = (line === '' && out.length === 0 ? indent : hanging).length;
    if (fresh + p.text.length <= width || !p.text.includes(' ')) {
      place(p.text, p.style, ' · ');
      continue;
    }
    p.text
      .split(' ')
      .filter((w) => w !== '')
      .forEach((word, i) => place(word, p.style, i === 0 ? ' · ' : ' '));
  }
  if (line !== '') out.push(line);
  return out;
}

/** Put `tail` at the end of the last line if it fits, else on a line of its own. */
function appendTail(
  lines: string[],
  tail: string,
  styledTail: string,
  width: number,
  hanging: string,
): string[] {
  const last = lines[lines.length - 1];
  if (last === undefined) return [hanging + styledTail];
  if (last.length + 2 + tail.length <= width)
    return [...lines.slice(0, -1), `${last}  ${styledTail}`];
  return [...lines, hanging + styledTail];
}

function evidenceLocation(e: EvidenceRef): string {
  const source = e.source || '(input)';
  return typeof e.line === 'number' ? `${source}:${e.line}` : source;
}

function normalizeWidth(width: number | undefined): number {
  if (typeof width !== 'number' || !Number.isFinite(width)) return DEFAULT_WIDTH;
  return Math.max(MIN_WIDTH, Math.floor(width));
}

interface Palette {
  bold: (s: string) => string;
  dim: (s: string) => string;
  red: (s: string) => string;
  yellow: (s: string) => string;
  green: (s: string) => string;
}

function palette(color: boolean): Palette {
  const sgr =
    (open: number, close: number) =>
    (s: string): string =>
      color && s !== '' ? `\u001b[${open}m${s}\u001b[${close}m` : s;
  return {
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    yellow: sgr(33, 39),
    green: sgr(32, 39),
  };
}

function riskStyle(risk: string | undefined, st: Palette): (s: string) => string {
  if (risk === 'high') return st.red;
  if (risk === 'medium') return st.yellow;
  if (risk === 'low') return st.green;
  return (s) => s;
}
