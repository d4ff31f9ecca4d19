/**
 * @module The parts the two RCA-document renderers (`-o markdown`, `-o html`) share: the
 * document title and the provenance line (tool, mode, time, inputs). Plain strings; each
 * renderer escapes them for its own format.
 */

import type { Diagnosis, Report } from '../engine/report.js';
import { categoryLabel, formatInstant, list, workloadLabel } from './text.js';
import type { ReportPlan } from './text.js';

/** `RCA: deployment/orders-api in shop — DATABASE_URL is not set`, or a count of problems. */
export function documentTitle(plan: ReportPlan, r: Report): string {
  const [first] = plan.shown;
  if (!first)
    return r.status === 'ok'
      ? 'crashlens: no failing containers found'
      : 'crashlens: no diagnosis (see the warnings and errors)';
  if (plan.shown.length > 1) return `RCA: ${plan.shown.length} problems in ${plan.podCount} pods`;
  const d = first.diagnosis;
  const s = d.subject ?? {};
  const workload = s.workload ?? s.owner;
  const what = workload ? workloadLabel(workload) : podLabel(d);
  const ns = s.namespace ? ` in ${s.namespace}` : '';
  return `RCA: ${what}${ns} — ${d.rootCause?.title || categoryLabel(d.rootCause)}`;
}

/** `crashlens 0.1.0`, `offline mode`, `generated …`, `inputs: …`: joined by the renderer. */
export function provenanceParts(r: Report): string[] {
  const version = typeof r.tool?.version === 'string' ? r.tool.version : '';
  const parts = [`crashlens ${version}`.trim(), `${r.source?.mode ?? 'unknown'} mode`];
  if (typeof r.generatedAt === 'string') parts.push(`generated ${formatInstant(r.generatedAt)}`);
  parts.push(`inputs: ${inputsText(r)}`);
  return parts;
}

/** What was looked at: the input names, or "the cluster" with the API request count. */
export function inputsText(r: Report): string {
  const inputs = list(r.source?.inputs).filter((s) => typeof s === 'string' && s.trim() !== '');
  const what =
    inputs.length === 0
      ? r.source?.mode === 'offline'
        ? 'the input'
        : 'the cluster'
      : inputs.join(', ');
  const requests = r.source?.apiRequests;
  return typeof requests === 'number' && requests > 0 ? `${what} (${requests} API requests)` : what;
}

/** `shop/orders-api-7d9c-x2`, else the workload, else `unknown pod`. */
export function podLabel(d: Diagnosis): string {
  const s = d.subject ?? {};
  if (s.pod) return s.namespace ? `${s.namespace}/${s.pod}` : s.pod;
  const workload = s.workload ?? s.owner;
  return workload ? workloadLabel(workload) : 'unknown pod';
}
