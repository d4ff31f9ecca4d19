/**
 * The detector contract, modelled on ESLint rules: a plain `{ meta, detect }` object. `meta`
 * declares the root cause it finds and its user-facing messages (typed ids with
 * `{{placeholders}}`); `detect` reads one failing container's evidence and reports findings.
 *
 * Detectors are pure: no I/O, no clock (use `ctx.now`), no mutation of evidence. That is what
 * lets live, offline and lab modes give the same answer on the same evidence.
 */
import type { CaseContext } from '../engine/context.js';
import type { Category, EvidenceRef, Fix } from '../engine/report.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** What a detector needs to say anything; the engine skips it (quietly) when absent. */
export type EvidenceNeed = 'pod' | 'status' | 'spec' | 'events' | 'logs';

export interface DetectorMeta<M extends string> {
  /** Kebab-case id; equals the file name and the registry key. */
  id: string;
  title: string;
  category: Category;
  severity: Severity;
  /** One sentence for `crashlens detectors list` and the doc page. */
  summary: string;
  /** Message templates by id; `{{name}}` placeholders are filled from `data`. */
  messages: Record<M, string>;
  requires?: EvidenceNeed[];
}

export type MessageData = Record<string, string | number>;

/** What a detector reports: a hypothesis about the root cause, with its evidence. */
export interface FindingInput<M extends string> {
  /** Title message. */
  messageId: M;
  /** Explanation message (a few sentences). */
  explainId?: M;
  data?: MessageData;
  subcategory?: string;
  /** 0..1, from how many independent signals agree. */
  confidence: number;
  evidence: (EvidenceRef | undefined)[];
  fixes?: Fix[];
  /**
   * `cause` competes for root cause; `factor` is a contributing condition that only becomes the
   * root when nothing else explains the failure.
   */
  role?: 'cause' | 'factor';
  /** Categories this finding explains when both are present (causal precedence). */
  supersedes?: Category[];
  /** When the evidence is thin: the one command that would decide. */
  nextStep?: { messageId: M; data?: MessageData; command: string };
  /** Override the detector's category (rare: a detector that recognises a sibling cause). */
  category?: Category;
}

export interface RuleOutInput<M extends string> {
  category: Category;
  messageId: M;
  data?: MessageData;
  evidence?: (EvidenceRef | undefined)[];
}

export interface DetectorContext<M extends string> extends CaseContext {
  report(finding: FindingInput<M>): void;
  /** Record that a hypothesis was checked and ruled out, with the evidence that ruled it out. */
  ruleOut(input: RuleOutInput<M>): void;
}

export interface Detector<M extends string = string> {
  meta: DetectorMeta<M>;
  detect(ctx: DetectorContext<M>): void;
}

/** Identity helper that gives detector authors full type inference on message ids. */
export function defineDetector<M extends string>(detector: Detector<M>): Detector<M> {
  return detector;
}

/** Fill `{{placeholders}}`; unknown placeholders are left visible so tests catch them. */
export function formatMessage(template: string, data: MessageData = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) =>
    key in data ? String(data[key]) : whole,
  );
}
