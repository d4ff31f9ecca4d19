/**
 * Runs the detectors over one case and collects their findings and ruled-out hypotheses.
 * A detector that throws is isolated: its error is recorded with its id and the case, and the
 * run goes on (as ESLint does for a crashing rule).
 */
import type { Detector, FindingInput, MessageData, RuleOutInput } from '../detectors/define.js';
import { formatMessage } from '../detectors/define.js';
import type { CrashCase } from './cases.js';
import type { CaseContext } from './context.js';
import type { Category, EvidenceRef, Fix } from './report.js';

export interface Finding {
  detector: string;
  messageId: string;
  category: Category;
  subcategory?: string;
  confidence: number;
  title: string;
  explanation: string;
  evidence: EvidenceRef[];
  fixes: Fix[];
  role: 'cause' | 'factor';
  supersedes: Category[];
  nextStep?: { why: string; command: string };
  severity: Detector['meta']['severity'];
}

export interface RuledOut {
  category: Category;
  reason: string;
  detector: string;
  evidence?: EvidenceRef[];
}

export interface CaseRun {
  findings: Finding[];
  ruledOut: RuledOut[];
  errors: { detector: string; subject: string; message: string }[];
}

export function runDetectors(detectors: readonly Detector[], ctx: CaseContext): CaseRun {
  const run: CaseRun = { findings: [], ruledOut: [], errors: [] };
  for (const detector of detectors) {
    if (!hasRequirements(detector, ctx.case, ctx)) continue;
    const { meta } = detector;
    const text = (id: string, data?: MessageData): string =>
      formatMessage(meta.messages[id] ?? id, data);
    const detectorCtx = Object.assign(Object.create(null) as object, ctx, {
      report(input: FindingInput<string>): void {
        const evidence = dedupeEvidence(
          input.evidence.filter((e): e is EvidenceRef => e !== undefined && e.excerpt !== ''),
        );
        run.findings.push({
          detector: meta.id,
          messageId: input.messageId,
          category: input.category ?? meta.category,
          ...(input.subcategory ? { subcategory: input.subcategory } : {}),
          confidence: clamp(input.confidence),
          title: text(input.messageId, input.data),
          explanation: input.explainId ? text(input.explainId, input.data) : '',
          evidence,
          fixes: input.fixes ?? [],
          role: input.role ?? 'cause',
          supersedes: input.supersedes ?? [],
          ...(input.nextStep
            ? {
                nextStep: {
                  why: text(input.nextStep.messageId, input.nextStep.data),
                  command: input.nextStep.command,
                },
              }
            : {}),
          severity: meta.severity,
        });
      },
      ruleOut(input: RuleOutInput<string>): void {
        const evidence = (input.evidence ?? []).filter(
          (e): e is EvidenceRef => e !== undefined && e.excerpt !== '',
        );
        run.ruledOut.push({
          category: input.category,
          reason: text(input.messageId, input.data),
          detector: meta.id,
          ...(evidence.length ? { evidence } : {}),
        });
      },
    });
    try {
      detector.detect(detectorCtx as Parameters<Detector['detect']>[0]);
    } catch (error) {
      run.errors.push({
        detector: meta.id,
        subject: ctx.case.id,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return run;
}

function hasRequirements(detector: Detector, c: CrashCase, ctx: CaseContext): boolean {
  for (const need of detector.meta.requires ?? []) {
    if (need === 'pod' && !c.pod) return false;
    if (need === 'status' && !c.status) return false;
    if (need === 'spec' && !c.spec) return false;
    if (need === 'events' && c.events.length === 0) return false;
    if (need === 'logs' && ctx.facts.logEntries.length === 0) return false;
  }
  return true;
}

function clamp(n: number): number {
  return Math.max(0, Math.min(0.99, Math.round(n * 100) / 100));
}

function dedupeEvidence(list: EvidenceRef[]): EvidenceRef[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const key = `${e.source}:${e.line ?? ''}:${e.excerpt}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
