/**
 * @module Builders and shared samples for hand-made reports in the renderer tests: a diagnosis or report with
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

/** Four pods of one Deployment failing the same way; the fourth inherits the first's diagnosis. */
export const PODS = [
  'checkout-7c9f-a1',
  'checkout-7c9f-b2',
  'checkout-7c9f-c3',
  'checkout-7c9f-d4',
];
export const group = report(
  PODS.map((pod, i) =>
    diagnosis({
      subject: {
        namespace: 'shop',
        pod,
        container: 'checkout',
        workload: { kind: 'Deployment', name: 'checkout' },
      },
      symptom: { state: 'CrashLoopBackOff', restartCount: 5 + i, lastExitCode: 127 },
      rootCause: {
        category: 'bad-command',
        detector: 'command-not-found',
        confidence: 0.85,
        title: 'The container command /app/start.sh does not exist in the image',
        explanation: 'exec failed with exit code 127: the entrypoint is not in the image.',
        evidence: [
          {
            source: `describe pod/${pod}`,
            line: 22,
            excerpt: 'exec: "/app/start.sh": stat /app/start.sh: no such file or directory',
          },
        ],
      },
      fixes: [
        {
          title: 'Fix the command in the Deployment spec',
          commands: [
            "kubectl get deployment checkout -n shop \\\n  -o jsonpath='{.spec.template.spec.containers[0].command}'",
          ],
          risk: 'low',
        },
      ],
      ...(i === 3 ? { inheritedFrom: PODS[0] } : {}),
    }),
  ),
  {
    groups: [
      {
        namespace: 'shop',
        workload: { kind: 'Deployment', name: 'checkout' },
        category: 'bad-command',
        pods: PODS,
        diagnoses: [0, 1, 2, 3],
      },
    ],
  },
);

/** Nothing failing. */
export const empty = report([], {
  source: { mode: 'offline', inputs: ['describe.txt', 'events.txt'], apiRequests: 0 },
});
