/**
 * The engine's entry point: evidence in, report out. Builds the cases, runs the detectors on
 * each, ranks the findings, then works across cases: pods of one workload that fail the same
 * way are grouped, and a pod seen only as a table row borrows the diagnosis of a sibling whose
 * evidence was pasted in full.
 */
import type { Detector } from '../detectors/define.js';
import type { EvidenceBundle } from '../evidence/types.js';
import { buildCases, type CrashCase } from './cases.js';
import { computeFacts, createCiter, type CaseContext } from './context.js';
import { EvidenceIndex } from './evidence-index.js';
import { rankCase } from './rank.js';
import type { Diagnosis, Report, WorkloadGroup } from './report.js';
import { runDetectors } from './run.js';

export interface DiagnoseOptions {
  detectors: readonly Detector[];
  version: string;
  mode: Report['source']['mode'];
  inputs: string[];
  apiRequests?: number;
}

export function diagnose(bundle: EvidenceBundle, options: DiagnoseOptions): Report {
  const index = new EvidenceIndex(bundle);
  const cases = buildCases(index);
  const errors: Report['errors'] = [];
  const results: { c: CrashCase; d: Diagnosis | undefined }[] = [];
  for (const c of cases) {
    const ctx: CaseContext = {
      case: c,
      facts: computeFacts(c, index),
      index,
      bundle,
      now: bundle.now,
      cite: createCiter(bundle, c),
    };
    const run = runDetectors(options.detectors, ctx);
    errors.push(...run.errors);
    results.push({ c, d: rankCase(ctx, run) });
  }
  inheritFromSiblings(results);
  const unexplained = results
    .filter((r) => !r.d)
    .map(
      ({ c }) =>
        `${[c.namespace, c.podName, c.container].filter(Boolean).join('/') || 'a container'} is failing (${c.failure}) but no detector explained it; \`kubectl describe pod\` and \`kubectl logs --previous\` for it would tell more`,
    );
  const diagnoses = results.map((r) => r.d).filter((d): d is Diagnosis => d !== undefined);
  fillImpact(diagnoses, index);
  diagnoses.sort(compareDiagnoses);
  putDownstreamFirst(diagnoses);
  const groups = groupByWorkload(diagnoses);
  return {
    schemaVersion: 1,
    tool: { name: 'crashlens', version: options.version },
    source: { mode: options.mode, inputs: options.inputs, apiRequests: options.apiRequests ?? 0 },
    // A failing container nothing explained is still a problem, never "all clear".
    status: diagnoses.length > 0 || unexplained.length > 0 ? 'problems' : 'ok',
    ...(bundle.now ? { now: bundle.now } : {}),
    diagnoses,
    ...(groups.length > 0 ? { groups } : {}),
    errors,
    ...(bundle.warnings.length + unexplained.length > 0
      ? { warnings: [...bundle.warnings, ...unexplained] }
      : {}),
  };
}

function familyKey(d: Diagnosis): string | undefined {
  const w = d.subject.workload ?? d.subject.owner;
  // The container is left out: a table row does not name it. Containers are compared on inheritance.
  return w ? `${d.subject.namespace ?? ''}/${w.kind}/${w.name}` : undefined;
}

/**
 * A pod with thin evidence (a table row) whose sibling was diagnosed with more confidence, in
 * the same state, takes the sibling's diagnosis, marked as inherited.
 */
function inheritFromSiblings(results: { c: CrashCase; d: Diagnosis | undefined }[]): void {
  const best = new Map<string, Diagnosis>();
  for (const { d } of results) {
    if (!d || d.inheritedFrom) continue;
    const key = familyKey(d) ?? familyKeyLoose(d);
    if (!key) continue;
    const cur = best.get(key);
    if (!cur || d.rootCause.confidence > cur.rootCause.confidence) best.set(key, d);
  }
  for (const r of results) {
    const own = r.d;
    const key = own ? (familyKey(own) ?? familyKeyLoose(own)) : undefined;
    const sibling = key ? best.get(key) : undefined;
    if (!own || !sibling || sibling === own) continue;
    const thin =
      own.rootCause.confidence < 0.5 &&
      sibling.rootCause.confidence >= own.rootCause.confidence + 0.2;
    const sameContainer =
      !own.subject.container ||
      !sibling.subject.container ||
      own.subject.container === sibling.subject.container;
    if (!thin || !sameContainer || !sameState(own, sibling)) continue;
    r.d = {
      ...sibling,
      subject: {
        ...own.subject,
        ...(own.subject.container
          ? {}
          : sibling.subject.container
            ? { container: sibling.subject.container }
            : {}),
      },
      symptom: own.symptom,
      rootCause: {
        ...sibling.rootCause,
        confidence: Math.round(sibling.rootCause.confidence * 0.9 * 100) / 100,
      },
      timeline: own.timeline,
      impact: own.impact,
      inheritedFrom: sibling.subject.pod ?? 'a sibling pod',
    };
  }
}

/** Pods named `<prefix>-<5 chars>` with no owner info share a family by prefix. */
function familyKeyLoose(d: Diagnosis): string | undefined {
  const m = /^(.+)-[a-z0-9]{5}$/.exec(d.subject.pod ?? '');
  return m ? `${d.subject.namespace ?? ''}/~/${m[1]}` : undefined;
}

function sameState(a: Diagnosis, b: Diagnosis): boolean {
  const norm = (s: string | undefined): string =>
    s === 'Error' || s === 'Completed' ? 'CrashLoopBackOff' : (s ?? '');
  return !a.symptom.state || !b.symptom.state || norm(a.symptom.state) === norm(b.symptom.state);
}

function fillImpact(diagnoses: Diagnosis[], index: EvidenceIndex): void {
  const byFamily = new Map<string, Diagnosis[]>();
  for (const d of diagnoses) {
    const key = familyKey(d) ?? familyKeyLoose(d);
    if (!key) continue;
    byFamily.set(key, [...(byFamily.get(key) ?? []), d]);
  }
  for (const family of byFamily.values()) {
    const pods = [...new Set(family.map((d) => d.subject.pod).filter((p): p is string => !!p))];
    const restarts = family.reduce((n, d) => n + (d.symptom.restartCount ?? 0), 0);
    const w = family[0]?.subject.workload;
    const desired = w
      ? index.workload(w.kind, w.name, family[0]?.subject.namespace)?.object.spec?.replicas
      : undefined;
    for (const d of family) {
      d.impact = {
        ...d.impact,
        replicasFailing: pods.length,
        restarts,
        pods,
        ...(desired !== undefined ? { replicasDesired: desired } : {}),
      };
    }
  }
}

/**
 * When one pod fails because another failing pod is its dependency, the dependent one is what the
 * user is chasing and its diagnosis leads to the other: list it first.
 */
function putDownstreamFirst(diagnoses: Diagnosis[]): void {
  for (let i = 0; i < diagnoses.length; i++) {
    const d = diagnoses[i] as Diagnosis;
    if (d.rootCause.subcategory !== 'upstream-failing') continue;
    const text = `${d.rootCause.title} ${d.rootCause.explanation}`;
    const upstream = diagnoses.findIndex(
      (u, j) =>
        j < i && !!u.subject.pod && u.subject.pod !== d.subject.pod && text.includes(u.subject.pod),
    );
    if (upstream >= 0) {
      diagnoses.splice(i, 1);
      diagnoses.splice(upstream, 0, d);
    }
  }
}

function compareDiagnoses(a: Diagnosis, b: Diagnosis): number {
  if (!!a.inheritedFrom !== !!b.inheritedFrom) return a.inheritedFrom ? 1 : -1;
  const conf = b.rootCause.confidence - a.rootCause.confidence;
  if (Math.abs(conf) > 1e-9) return conf;
  return (b.symptom.restartCount ?? 0) - (a.symptom.restartCount ?? 0);
}

function groupByWorkload(diagnoses: Diagnosis[]): WorkloadGroup[] {
  const groups = new Map<string, WorkloadGroup>();
  diagnoses.forEach((d, i) => {
    const w = d.subject.workload ?? d.subject.owner;
    if (!w) return;
    const key = `${d.subject.namespace ?? ''}/${w.kind}/${w.name}/${d.rootCause.category}`;
    const g = groups.get(key) ?? {
      ...(d.subject.namespace ? { namespace: d.subject.namespace } : {}),
      workload: w,
      category: d.rootCause.category,
      pods: [],
      diagnoses: [],
    };
    if (d.subject.pod && !g.pods.includes(d.subject.pod)) g.pods.push(d.subject.pod);
    g.diagnoses.push(i);
    groups.set(key, g);
  });
  return [...groups.values()].filter((g) => g.diagnoses.length > 1);
}
