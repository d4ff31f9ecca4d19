/**
 * Ranking: turns one case's findings into a Diagnosis. Causal precedence first (a finding that
 * explains another category pushes it down to an alternative), then confidence; factors become
 * contributing causes; hypotheses the evidence rules out are listed with that evidence.
 */
import { safeIso } from '../evidence/time.js';
import type { CrashCase } from './cases.js';
import type { CaseContext } from './context.js';
import type { Category, Diagnosis, Fix, TimelineEntry } from './report.js';
import type { CaseRun, Finding, RuledOut } from './run.js';
import { genericRuledOut } from './ruled-out.js';
import { buildTimeline } from './timeline.js';
import { gitopsManager } from './gitops.js';

const SEVERITY_RANK = { critical: 3, high: 2, medium: 1, low: 0 } as const;

/** Confidence below which a diagnosis says what command would decide. */
const UNSURE = 0.6;

/** Hypotheses weaker than this are not worth listing as alternatives. */
const MIN_ALTERNATIVE = 0.25;

export function rankCase(ctx: CaseContext, run: CaseRun): Diagnosis | undefined {
  const c = ctx.case;
  const causes = run.findings.filter((f) => f.role === 'cause');
  const pool = causes.length > 0 ? causes : run.findings;
  if (pool.length === 0) return undefined;

  const superseded = new Set<Finding>();
  for (const f of pool) {
    for (const g of pool) {
      if (
        g !== f &&
        g.category !== f.category &&
        g.supersedes.includes(f.category) &&
        g.confidence >= 0.5
      )
        superseded.add(f);
    }
  }
  const ordered = [...pool].sort((a, b) => score(b, superseded) - score(a, superseded));
  const root = ordered[0] as Finding;

  // A hypothesis a detector ruled out with evidence is not also "possible", unless strongly so.
  const ruledOutByEvidence = new Set(run.ruledOut.map((r) => r.category));
  const candidates = ordered.filter(
    (f) =>
      f !== root &&
      f.category !== root.category &&
      f.confidence >= MIN_ALTERNATIVE &&
      !(ruledOutByEvidence.has(f.category) && f.confidence < 0.5),
  );
  const alternatives = bestPerCategory(candidates).map((f) => ({
    category: f.category,
    confidence: superseded.has(f)
      ? Math.round(Math.min(f.confidence, Math.max(0.05, root.confidence - 0.3)) * 100) / 100
      : f.confidence,
    title: f.title,
    detector: f.detector,
  }));
  const contributing = run.findings
    .filter((f) => f.role === 'factor' && f !== root && f.category !== root.category)
    .map(toCause);
  const mentioned = new Set<Category>([root.category, ...contributing.map((x) => x.category)]);
  const ruledOut = dedupeRuledOut([...run.ruledOut, ...genericRuledOut(ctx)])
    .filter((r) => !mentioned.has(r.category))
    .filter((r) => !alternatives.some((a) => a.category === r.category && a.confidence >= 0.5))
    .map((r) => ({
      category: r.category,
      reason: r.reason,
      ...(r.evidence ? { evidence: r.evidence } : {}),
    }));

  const diagnosis: Diagnosis = {
    subject: subjectOf(c),
    symptom: symptomOf(ctx),
    rootCause: toCause(root),
    alternatives,
    contributing,
    ruledOut,
    fixes: withGitopsNotes(root.fixes, ctx),
    timeline: buildTimeline(ctx),
    impact: {
      ...(ctx.facts.restartCount !== undefined ? { restarts: ctx.facts.restartCount } : {}),
      ...(c.podName ? { pods: [c.podName] } : {}),
    },
  };
  const next = root.nextStep ?? ordered.find((f) => f.nextStep)?.nextStep;
  if (next && (root.confidence < UNSURE || root.nextStep)) diagnosis.nextStep = next;
  const since = earliest(diagnosis.timeline);
  if (since) diagnosis.impact.since = since;
  return diagnosis;
}

function score(f: Finding, superseded: Set<Finding>): number {
  return (superseded.has(f) ? 0 : 10) + f.confidence + SEVERITY_RANK[f.severity] * 0.001;
}

function bestPerCategory(findings: Finding[]): Finding[] {
  const best = new Map<Category, Finding>();
  for (const f of findings) if (!best.has(f.category)) best.set(f.category, f);
  return [...best.values()];
}

function toCause(f: Finding): Diagnosis['rootCause'] {
  return {
    category: f.category,
    ...(f.subcategory ? { subcategory: f.subcategory } : {}),
    detector: f.detector,
    confidence: f.confidence,
    title: f.title,
    explanation: f.explanation,
    evidence: f.evidence,
  };
}

function dedupeRuledOut(list: RuledOut[]): RuledOut[] {
  const seen = new Set<Category>();
  return list.filter((r) => (seen.has(r.category) ? false : (seen.add(r.category), true)));
}

function subjectOf(c: CrashCase): Diagnosis['subject'] {
  const owner = c.ownerRefs[0];
  const top = c.ownerRefs[c.ownerRefs.length - 1];
  return {
    ...(c.namespace ? { namespace: c.namespace } : {}),
    ...(c.podName ? { pod: c.podName } : {}),
    ...(c.container ? { container: c.container } : {}),
    ...(c.init ? { init: true } : {}),
    ...(owner ? { owner } : {}),
    ...(top ? { workload: top } : {}),
  };
}

function symptomOf(ctx: CaseContext): Diagnosis['symptom'] {
  const { facts, case: c } = ctx;
  const printed = c.pod?.object.metadata.annotations?.['crashlens.dev/printed-status'];
  const state =
    facts.waitingReason ??
    (c.failure === 'pending'
      ? 'Pending'
      : c.failure === 'evicted'
        ? 'Evicted'
        : c.failure === 'not-ready'
          ? 'NotReady'
          : undefined) ??
    printed ??
    (c.status?.state?.running ? 'Running' : c.status?.state?.terminated ? 'Terminated' : undefined);
  const s: Diagnosis['symptom'] = {};
  if (state) s.state = state;
  if (facts.restartCount !== undefined) s.restartCount = facts.restartCount;
  if (facts.restartsPerHour !== undefined) s.restartsPerHour = facts.restartsPerHour;
  if (facts.exitCode !== undefined) s.lastExitCode = facts.exitCode;
  if (facts.lastReason) s.lastReason = facts.lastReason;
  if (facts.backoffSeconds !== undefined && facts.waitingReason === 'CrashLoopBackOff') {
    s.backoffSeconds = facts.backoffSeconds;
    const finished = facts.lastTermination?.finishedAt;
    if (finished && !Number.isNaN(Date.parse(finished))) {
      const next = safeIso(Date.parse(finished) + facts.backoffSeconds * 1000);
      if (next) s.nextRestartAt = next;
    }
  }
  if (c.status?.ready !== undefined) s.ready = c.status.ready;
  const msg =
    facts.waitingReason && facts.waitingReason !== 'CrashLoopBackOff'
      ? facts.waitingMessage
      : c.pod?.object.status?.message;
  if (msg) s.message = msg;
  return s;
}

const MUTATING =
  /\bkubectl (patch|set|create|edit|apply|rollout undo|scale|annotate|label|delete)\b/;

function withGitopsNotes(fixes: Fix[], ctx: CaseContext): Fix[] {
  const manager = gitopsManager(ctx);
  let noted = false;
  return fixes.map((f) => {
    if (f.note || noted || !f.commands.some((cmd) => MUTATING.test(cmd))) return f;
    noted = true;
    const note = manager
      ? `Managed by ${manager.tool} (${manager.marker}): make the same change in ${manager.tool === 'Helm' ? 'the chart values' : 'git'}, or the next sync reverts it.`
      : 'If this object is managed by GitOps (Argo CD, Flux) or Helm, make the same change in git or the chart, or the next sync reverts it.';
    return { ...f, note };
  });
}

function earliest(timeline: TimelineEntry[]): string | undefined {
  return timeline
    .map((t) => t.at)
    .filter((t) => !Number.isNaN(Date.parse(t)))
    .sort()[0];
}
