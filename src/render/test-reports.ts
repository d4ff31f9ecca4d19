/**
 * @module Builders for hand-made reports in the renderer tests: a diagnosis or report with
 * every required field filled, so each test spells out only what it is about. Only tests
 * import this file; it is not part of the CLI bundle.
 */

import type { Diagnosis, Report } from '../engine/report.js';

export function diagnosis(over: Partial<Diagnosis> = {}): Diagnosis {
  return {
    subject: {},
    symptom: {},
    rootCause: {
      category: 'app-crash',
      detector: 'test',
      confidence: 0.5,
      title: 'Something crashed',
      explanation: 'It crashed.',
      evidence: [],
    },
    alternatives: [],
    contributing: [],
    ruledOut: [],
    fixes: [],
    timeline: [],
    impact: {},
    ...over,
  };
}

export function report(diagnoses: Diagnosis[], over: Partial<Report> = {}): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'crashlens', version: '0.1.0' },
    source: { mode: 'offline', inputs: ['paste.txt'], apiRequests: 0 },
    status: diagnoses.length > 0 ? 'problems' : 'ok',
    diagnoses,
    errors: [],
    ...over,
  };
}
