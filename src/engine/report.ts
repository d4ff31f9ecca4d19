/**
 * The diagnosis report: the JSON contract (schemaVersion 1, `schema/report.v1.json`) that every
 * renderer, the store and the alerts consume. Field names follow DESIGN.md exactly; additions
 * are optional fields only.
 */

/** Stable root-cause category ids (DESIGN.md). Never add one without updating the design. */
export const CATEGORIES = [
  'oom-killed',
  'liveness-probe',
  'missing-config',
  'invalid-config',
  'config-code-mismatch',
  'dependency-failure',
  'bad-command',
  'image-arch-mismatch',
  'exits-immediately',
  'app-crash',
  'permission-denied',
  'volume-mount',
  'cpu-starvation',
  'node-problem',
  'upstream-disruption',
  'image-pull',
  'readiness-probe',
  'unschedulable',
] as const;

export type Category = (typeof CATEGORIES)[number];

/** One quoted piece of input. `excerpt` is text that is really in the input. */
export interface EvidenceRef {
  /** `describe pod/x`, `logs/previous`, `events`, `configmap/x`, or the input name. */
  source: string;
  /** 1-based line in the input source, when known. */
  line?: number;
  excerpt: string;
}

export interface Cause {
  category: Category;
  subcategory?: string;
  detector: string;
  confidence: number;
  title: string;
  explanation: string;
  evidence: EvidenceRef[];
}

export interface Fix {
  title: string;
  commands: string[];
  risk: 'low' | 'medium' | 'high';
  note?: string;
}

export interface TimelineEntry {
  at: string;
  what: string;
  source: 'event' | 'status' | 'log' | 'rollout';
}

export interface Diagnosis {
  subject: {
    namespace?: string;
    pod?: string;
    container?: string;
    init?: boolean;
    owner?: { kind: string; name: string };
    /** The top-level workload (Deployment, StatefulSet...) when the owner chain is known. */
    workload?: { kind: string; name: string };
  };
  symptom: {
    state?: string;
    restartCount?: number;
    lastExitCode?: number;
    lastReason?: string;
    backoffSeconds?: number;
    nextRestartAt?: string;
    restartsPerHour?: number;
    ready?: boolean;
    message?: string;
  };
  rootCause: Cause;
  alternatives: { category: Category; confidence: number; title?: string; detector?: string }[];
  contributing: Cause[];
  ruledOut: { category: Category; reason: string; evidence?: EvidenceRef[] }[];
  fixes: Fix[];
  timeline: TimelineEntry[];
  impact: {
    replicasFailing?: number;
    replicasDesired?: number;
    restarts?: number;
    since?: string;
    pods?: string[];
  };
  /** When evidence is thin: the one command that would decide between the top hypotheses. */
  nextStep?: { why: string; command: string };
  /** Set when this diagnosis was carried over from a sibling pod of the same workload. */
  inheritedFrom?: string;
}

export interface WorkloadGroup {
  namespace?: string;
  workload: { kind: string; name: string };
  category: Category;
  pods: string[];
  /** Indexes into `diagnoses`. */
  diagnoses: number[];
}

export interface Report {
  schemaVersion: 1;
  tool: { name: 'crashlens'; version: string };
  source: { mode: 'offline' | 'live' | 'lab'; inputs: string[]; apiRequests: number };
  status: 'ok' | 'problems';
  generatedAt?: string;
  now?: string;
  diagnoses: Diagnosis[];
  groups?: WorkloadGroup[];
  errors: { detector?: string; subject?: string; message: string }[];
  warnings?: string[];
}
