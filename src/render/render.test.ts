/**
 * @module Renderer tests: JSON against `schema/report.v1.json`, text layout (width, colour,
 * commands, grouping), Markdown escaping, and that no renderer throws on sparse reports.
 */

import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnosis, empty, group, report } from './test-reports.js';
import { CATEGORIES } from '../engine/report.js';
import type { Category, Diagnosis, Report } from '../engine/report.js';
import {
  FORMATS,
  isOutputFormat,
  render,
  renderJson,
  renderMarkdown,
  renderText,
} from './index.js';
import { cell, code } from './markdown.js';
import { stripControl } from './text.js';

const schema = JSON.parse(
  readFileSync(new URL('../../schema/report.v1.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const ajv = new Ajv({ allErrors: true, strict: true });
const validate = ajv.compile(schema);

const ESC = '\u001b';
const hasAnsi = (s: string): boolean => s.includes(ESC);

/* ------------------------------------------------------------------------------------------ */
/* Sample reports                                                                               */
/* ------------------------------------------------------------------------------------------ */

const PATCH =
  'kubectl patch configmap user-auth-config -n auth --type merge -p \'{"data":{"REDIS_URL":"redis://user-auth-redis.auth.svc.cluster.local:6379/0"}}\'';

/** Seed 000: user-auth 3.14.0 reads REDIS_URL, the ConfigMap still has REDIS_HOST/REDIS_PORT. */
const seed000 = report([
  diagnosis({
    subject: {
      namespace: 'auth',
      pod: 'user-auth-6f8d9b-q2m4x',
      container: 'user-auth',
      owner: { kind: 'ReplicaSet', name: 'user-auth-6f8d9b' },
      workload: { kind: 'Deployment', name: 'user-auth' },
    },
    symptom: {
      state: 'CrashLoopBackOff',
      restartCount: 7,
      lastExitCode: 1,
      lastReason: 'Error',
      backoffSeconds: 160,
      ready: false,
    },
    rootCause: {
      category: 'config-code-mismatch',
      detector: 'env-renamed-after-rollout',
      confidence: 0.9,
      title:
        'user-auth 3.14.0 reads REDIS_URL, but ConfigMap user-auth-config only provides REDIS_HOST and REDIS_PORT',
      explanation:
        'The crash started with revision 12 (image user-auth:3.14.0). The new version logs REDIS_URL=redis://user-auth-redis:6379/0, a default that does not match the Service address in the ConfigMap, then fails to connect. The error says "can\'t connect to Redis"; the real problem is that the app reads a variable the config does not set.',
      evidence: [
        {
          source: 'logs/previous',
          line: 70,
          excerpt: '2026-03-11T14:33:02.117Z info  REDIS_URL=redis://user-auth-redis:6379/0',
        },
        {
          source: 'logs/previous',
          line: 72,
          excerpt: '2026-03-11T14:33:03.121Z error Error: connect ECONNREFUSED 10.96.22.18:6379',
        },
        {
          source: 'configmap/user-auth-config',
          line: 84,
          excerpt: '  REDIS_HOST: user-auth-redis.auth.svc.cluster.local',
        },
        {
          source: 'rollout history deployment/user-auth',
          line: 91,
          excerpt: '12        image user-auth:3.14.0',
        },
      ],
    },
    alternatives: [{ category: 'dependency-failure', confidence: 0.3 }],
    ruledOut: [
      {
        category: 'dependency-failure',
        reason:
          'Service user-auth-redis has 1/1 ready endpoints (10.0.2.41:6379); Redis itself is up.',
        evidence: [
          { source: 'endpoints', line: 95, excerpt: 'user-auth-redis   10.0.2.41:6379     41d' },
        ],
      },
    ],
    fixes: [
      {
        title:
          'Add REDIS_URL to ConfigMap user-auth-config (keep REDIS_HOST and REDIS_PORT: something else may read them)',
        commands: [
          PATCH,
          'kubectl rollout restart deployment/user-auth -n auth',
          'kubectl rollout status deployment/user-auth -n auth --timeout=60s',
        ],
        risk: 'low',
        note: 'Managed by Argo CD: commit the same change to git, or the next sync reverts it.',
      },
      {
        title: 'Or roll back to user-auth:3.13.2 while the config change is prepared',
        commands: ['kubectl rollout undo deployment/user-auth -n auth --to-revision=11'],
        risk: 'medium',
      },
    ],
    timeline: [
      {
        at: '2026-03-11T14:21:00Z',
        what: 'deployment/user-auth revision 12: image user-auth:3.14.0',
        source: 'rollout',
      },
      {
        at: '2026-03-11T14:21:03Z',
        what: 'Successfully assigned auth/user-auth-6f8d9b-q2m4x to ip-10-0-3-17.ec2.internal',
        source: 'event',
      },
      {
        at: '2026-03-11T14:33:03.121Z',
        what: 'Error: connect ECONNREFUSED 10.96.22.18:6379',
        source: 'log',
      },
      {
        at: '2026-03-11T14:33:03Z',
        what: 'Terminated: Error, exit code 1 (restart 7)',
        source: 'status',
      },
    ],
    impact: { replicasFailing: 4, replicasDesired: 4, restarts: 21, since: '2026-03-11T14:21:03Z' },
  }),
]);

/** A JVM over its memory limit, with an evidence excerpt holding colour codes and backticks. */
const oom = report([
  diagnosis({
    subject: {
      namespace: 'shop',
      pod: 'cart-0',
      container: 'cart',
      workload: { kind: 'StatefulSet', name: 'cart' },
    },
    symptom: {
      state: 'CrashLoopBackOff',
      restartCount: 3,
      lastExitCode: 137,
      lastReason: 'OOMKilled',
    },
    rootCause: {
      category: 'oom-killed',
      subcategory: 'oom-killed/jvm-heap',
      detector: 'oom-killed',
      confidence: 0.95,
      title: 'cart is killed for exceeding its 512Mi memory limit',
      explanation: 'The JVM heap (-Xmx1g) is larger than the container limit.',
      evidence: [
        { source: 'describe pod/cart-0', line: 31, excerpt: '      Reason:       OOMKilled' },
        {
          source: 'logs/previous',
          excerpt: `${ESC}[31mjava.lang.OutOfMemoryError${ESC}[0m: \`heap\``,
        },
      ],
    },
    fixes: [
      {
        title: 'Raise the memory limit to fit the heap',
        commands: ['kubectl set resources statefulset/cart -n shop -c cart --limits=memory=1536Mi'],
        risk: 'medium',
      },
    ],
  }),
]);

/** Four pods of one Deployment with the same cause; the last was carried over from the first. */

const SAMPLES: [string, Report][] = [
  ['seed000', seed000],
  ['oom', oom],
  ['group', group],
  ['empty', empty],
];

/** Lines of human output that are prose, i.e. everything except `$ ` commands and their continuations. */
function proseLines(text: string): string[] {
  const out: string[] = [];
  let commandIndent = -1;
  for (const line of text.split('\n')) {
    const indent = line.length - line.trimStart().length;
    if (line.trimStart().startsWith('$ ')) {
      commandIndent = indent;
      continue;
    }
    if (commandIndent >= 0 && indent > commandIndent) continue;
    commandIndent = -1;
    out.push(line);
  }
  return out;
}

/* ------------------------------------------------------------------------------------------ */
/* JSON and schema                                                                              */
/* ------------------------------------------------------------------------------------------ */

describe('renderJson and schema/report.v1.json', () => {
  it.each(SAMPLES)('%s validates against the schema', (_, r) => {
    const parsed: unknown = JSON.parse(renderJson(r));
    expect(validate(parsed), ajv.errorsText(validate.errors)).toBe(true);
    expect(parsed).toEqual(r);
  });

  it('is pretty-printed with a trailing newline and schemaVersion first', () => {
    const text = renderJson(oom);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "schemaVersion": 1,');
  });

  it('accepts every optional field of report.ts', () => {
    const full = report(
      [
        diagnosis({
          subject: {
            namespace: 'a',
            pod: 'p',
            container: 'c',
            init: true,
            owner: { kind: 'Job', name: 'j' },
            workload: { kind: 'CronJob', name: 'cj' },
          },
          symptom: {
            state: 'Waiting',
            restartCount: 0,
            lastExitCode: 2,
            lastReason: 'Error',
            backoffSeconds: 10,
            nextRestartAt: '2026-01-01T00:00:10Z',
            ready: false,
            message: 'm',
          },
          alternatives: [
            { category: 'invalid-config', confidence: 0.2, title: 't', detector: 'd' },
          ],
          contributing: [
            {
              category: 'cpu-starvation',
              subcategory: 'cpu-starvation/throttled',
              detector: 'd',
              confidence: 0.4,
              title: 't',
              explanation: 'e',
              evidence: [],
            },
          ],
          ruledOut: [{ category: 'oom-killed', reason: 'r' }],
          fixes: [{ title: 't', commands: [], risk: 'high' }],
          timeline: [{ at: 'x', what: 'y', source: 'status' }],
          impact: { replicasFailing: 1, replicasDesired: 2, restarts: 3, since: 's', pods: ['p'] },
          nextStep: { why: 'w', command: 'kubectl logs p --previous' },
          inheritedFrom: 'q',
        }),
      ],
      {
        generatedAt: '2026-01-01T00:00:00Z',
        now: '2026-01-01T00:00:00Z',
        warnings: ['w'],
        errors: [{ detector: 'd', subject: 's', message: 'm' }],
        source: { mode: 'live', inputs: [], apiRequests: 9 },
      },
    );
    expect(validate(JSON.parse(renderJson(full))), ajv.errorsText(validate.errors)).toBe(true);
  });

  it('lists exactly the categories of report.ts', () => {
    const defs = schema.definitions as Record<string, { enum?: string[] }>;
    expect(defs.category?.enum).toEqual([...CATEGORIES]);
  });

  const broken: [string, (r: Record<string, unknown>) => void][] = [
    [
      'an unknown category',
      (r) => ((first(r).rootCause as Record<string, unknown>).category = 'crashed'),
    ],
    ['a missing rootCause', (r) => delete first(r).rootCause],
    ['schemaVersion 2', (r) => (r.schemaVersion = 2)],
    [
      'a misspelt evidence field',
      (r) =>
        ((first(r).rootCause as { evidence: object[] }).evidence[0] = { source: 's', exerpt: 'x' }),
    ],
    [
      'confidence above 1',
      (r) => ((first(r).rootCause as Record<string, unknown>).confidence = 1.5),
    ],
    [
      'an unknown fix risk',
      (r) => ((first(r).fixes as Record<string, unknown>[])[0]!.risk = 'none'),
    ],
    ['an unknown source mode', (r) => ((r.source as Record<string, unknown>).mode = 'paste')],
  ];
  it.each(broken)('rejects %s', (_, mutate) => {
    const r = JSON.parse(renderJson(seed000)) as Record<string, unknown>;
    mutate(r);
    expect(validate(r)).toBe(false);
  });
});

function first(r: Record<string, unknown>): Record<string, unknown> {
  return (r.diagnoses as Record<string, unknown>[])[0]!;
}

/* ------------------------------------------------------------------------------------------ */
/* Text                                                                                         */
/* ------------------------------------------------------------------------------------------ */

describe('renderText', () => {
  it.each(SAMPLES)('%s: no ANSI without colour, ANSI with it', (_, r) => {
    for (const verbose of [false, true]) {
      expect(hasAnsi(renderText(r, { color: false, verbose }))).toBe(false);
      expect(hasAnsi(renderText(r, { color: true, verbose }))).toBe(true);
    }
  });

  it.each(SAMPLES)('%s: prose fits in 80 and 60 columns', (_, r) => {
    for (const width of [80, 60]) {
      const long = proseLines(renderText(r, { color: false, width })).filter(
        (l) => l.length > width,
      );
      expect(long).toEqual([]);
    }
  });

  it('prints every fix command verbatim on its own line', () => {
    const text = renderText(seed000, { color: true });
    const lines = text.split('\n');
    for (const cmd of seed000.diagnoses[0]!.fixes.flatMap((f) => f.commands)) {
      expect(lines.some((l) => l.trimStart() === `$ ${cmd}`)).toBe(true);
    }
  });

  it('keeps multi-line commands whole, continuation lines indented', () => {
    const text = renderText(group, { color: false });
    expect(text).toContain(
      "       $ kubectl get deployment checkout -n shop \\\n           -o jsonpath='{.spec.template.spec.containers[0].command}'",
    );
  });

  it('explains seed 000 the way an SRE would', () => {
    const text = renderText(seed000, { color: false });
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      'auth/user-auth-6f8d9b-q2m4x · container user-auth · deployment/user-auth',
    );
    expect(lines[1]).toBe('  CrashLoopBackOff · 7 restarts · last exit 1 (Error) · back-off 2m40s');
    expect(text).toContain('Root cause: config-code-mismatch · high confidence (90%)');
    expect(text).toContain('logs/previous:70');
    expect(text).toContain(
      '- dependency-failure — Service user-auth-redis has 1/1 ready endpoints',
    );
    expect(text).toContain('(low risk)');
    expect(text).toContain('Note: Managed by Argo CD');
    expect(text).toContain('Timeline (2026-03-11, UTC)');
    expect(text).toContain('4 of 4 replicas failing · 21 restarts · since 2026-03-11 14:21:03 UTC');
    expect(text.trimEnd().split('\n').at(-1)).toBe('1 problem in 1 pod.');
  });

  it('folds siblings of one workload into one block', () => {
    const text = renderText(group, { color: false });
    expect(text.match(/Root cause:/g)).toHaveLength(1);
    expect(text).toContain(
      'Same cause on 3 more pods of deployment/checkout: checkout-7c9f-b2,\n    checkout-7c9f-c3, checkout-7c9f-d4',
    );
    expect(text.trimEnd().split('\n').at(-1)).toBe('1 problem in 4 pods.');
  });

  it('says when a diagnosis was carried over from a sibling', () => {
    const alone = report([group.diagnoses[3]!]);
    expect(renderText(alone, { color: false })).toContain(
      'Carried over from sibling pod checkout-7c9f-a1',
    );
  });

  it('strips terminal escapes that came from logs', () => {
    const text = renderText(oom, { color: false, verbose: true });
    expect(hasAnsi(text)).toBe(false);
    expect(text).toContain('java.lang.OutOfMemoryError: `heap`');
    expect(stripControl(`a${ESC}]0;title\u0007b${ESC}[2Jc\r\n`)).toBe('abc\n');
  });

  it('caps evidence at 8 lines unless verbose, trimming excerpts to the width', () => {
    const evidence = Array.from({ length: 12 }, (_, i) => ({
      source: 'logs/previous',
      line: i + 1,
      excerpt: `line ${i} ${'x'.repeat(200)}`,
    }));
    const r = report([diagnosis({ rootCause: { ...diagnosis().rootCause, evidence } })]);
    const text = renderText(r, { color: false });
    expect(text.match(/logs\/previous:\d+/g)).toHaveLength(8);
    expect(text).toContain('… 4 more');
    expect(Math.max(...text.split('\n').map((l) => l.length))).toBeLessThanOrEqual(80);
    expect(
      renderText(r, { color: false, verbose: true }).match(/logs\/previous:\d+/g),
    ).toHaveLength(12);
  });

  it('renders a small report', () => {
    expect(renderText(oom, { color: false })).toMatchInlineSnapshot(`
      "shop/cart-0 · container cart · statefulset/cart
        CrashLoopBackOff · 3 restarts · last exit 137 (OOMKilled)

        Root cause: oom-killed/jvm-heap · high confidence (95%)
          cart is killed for exceeding its 512Mi memory limit
          The JVM heap (-Xmx1g) is larger than the container limit.
        Evidence
          describe pod/cart-0:31  Reason:       OOMKilled
          logs/previous           java.lang.OutOfMemoryError: \`heap\`
        Fix
          1. Raise the memory limit to fit the heap  (medium risk)
             $ kubectl set resources statefulset/cart -n shop -c cart --limits=memory=1536Mi

      1 problem in 1 pod.
      "
    `);
  });

  it('says what was looked at when nothing is failing', () => {
    expect(renderText(empty, { color: false })).toMatchInlineSnapshot(`
      "No failing containers found: nothing is crash-looping or stuck starting.
      Looked at describe.txt, events.txt (offline).
      "
    `);
  });

  it('lists errors and warnings after the summary', () => {
    const r = report([], {
      status: 'problems',
      errors: [{ detector: 'oom-killed', subject: 'shop/cart-0', message: 'detector threw: boom' }],
      warnings: ['logs of shop/cart-0 were not available'],
    });
    const text = renderText(r, { color: false });
    expect(text).toContain('No diagnosis: some checks did not complete');
    expect(text).not.toContain('No failing containers found');
    expect(text).toContain('- oom-killed on shop/cart-0: detector threw: boom');
    expect(text).toContain('- logs of shop/cart-0 were not available');
  });
});

/* ------------------------------------------------------------------------------------------ */
/* Markdown                                                                                     */
/* ------------------------------------------------------------------------------------------ */

describe('a report with problems but no diagnosis', () => {
  // A failing container nothing explained: never "all clear" in any format.
  const unexplained = report([], {
    status: 'problems',
    warnings: ['shop/cart-0 is failing (logs-only) but no detector explained it'],
  });
  it.each([
    ['text', renderText(unexplained, { color: false })],
    ['markdown', renderMarkdown(unexplained)],
    ['html', render(unexplained, 'html')],
  ])('%s says something is failing, not that nothing is', (_format, out) => {
    expect(out).toContain('Something is failing, but the evidence does not say why');
    expect(out).not.toContain('No failing containers found');
  });
});

describe('renderMarkdown', () => {
  it('writes an RCA document for seed 000', () => {
    const md = renderMarkdown(seed000);
    expect(
      md.startsWith('# RCA: deployment/user-auth in auth — user-auth 3.14.0 reads REDIS_URL'),
    ).toBe(true);
    for (const heading of [
      '## Summary',
      '### Root cause',
      '### Evidence',
      '### Ruled out',
      '### Fix',
      '### Timeline',
      '### Impact',
    ]) {
      expect(md).toContain(`\n${heading}\n`);
    }
    expect(md).toContain(
      '| 1 | `auth/user-auth-6f8d9b-q2m4x` | `config-code-mismatch` | high (90%) | 7 |',
    );
    expect(md).toContain(
      `\`\`\`sh\n   ${PATCH}\n   kubectl rollout restart deployment/user-auth -n auth\n`,
    );
    expect(md).toContain('   > Managed by Argo CD');
  });

  it('folds siblings like the text renderer', () => {
    const md = renderMarkdown(group);
    expect(md.match(/### Root cause/g)).toHaveLength(1);
    expect(md).toContain('(+3 more)');
    expect(md).toContain(
      '**Same cause on 3 more pods** of `deployment/checkout`: `checkout-7c9f-b2`',
    );
  });

  it('escapes pipes in table cells and backticks in excerpts', () => {
    const r = report([
      diagnosis({
        subject: { pod: 'a|b' },
        rootCause: {
          ...diagnosis().rootCause,
          evidence: [
            { source: 'logs', line: 3, excerpt: 'run `echo a | grep b` ``now``' },
            { source: 'logs', excerpt: 'first\n```\nsecond' },
          ],
        },
        timeline: [{ at: '2026-01-01T00:00:00Z', what: 'grep x | wc -l failed', source: 'log' }],
      }),
    ]);
    const md = renderMarkdown(r);
    let columns = 0;
    let previous = '';
    for (const line of md.split('\n')) {
      const pipes = (line.replace(/\\\|/g, '').match(/\|/g) ?? []).length;
      if (line.startsWith('|') && !previous.startsWith('|')) columns = pipes;
      if (line.startsWith('|')) expect(pipes, line).toBe(columns);
      previous = line;
    }
    expect(columns).toBe(4);
    expect(md).toContain('| `a\\|b` |');
    expect(md).toContain('| grep x \\| wc -l failed |');
    expect(md).toContain('- `logs` line 3: ``` run `echo a | grep b` ``now`` ```');
    expect(md).toContain('  ````\n  first\n  ```\n  second\n  ````');
  });

  it('builds code spans and cells that survive any content', () => {
    expect(code('plain')).toBe('`plain`');
    expect(code('`x`')).toBe('`` `x` ``');
    expect(code('')).toBe('` `');
    expect(cell('a | b')).toBe('a \\| b');
  });

  it('says nothing is failing for an empty report', () => {
    const md = renderMarkdown(empty);
    expect(md).toContain('# crashlens: no failing containers found');
    expect(md).toContain('Looked at: describe.txt, events.txt.');
  });
});

/* ------------------------------------------------------------------------------------------ */
/* Dispatch and robustness                                                                      */
/* ------------------------------------------------------------------------------------------ */

describe('render', () => {
  it('dispatches on the format', () => {
    expect([...FORMATS]).toEqual(['text', 'json', 'markdown', 'html']);
    expect(isOutputFormat('markdown')).toBe(true);
    expect(isOutputFormat('yaml')).toBe(false);
    expect(render(oom, 'json')).toBe(renderJson(oom));
    expect(render(oom, 'markdown')).toBe(renderMarkdown(oom));
    expect(render(oom, 'text', { color: true, width: 100 })).toBe(
      renderText(oom, { color: true, width: 100 }),
    );
    expect(render(oom, 'text')).toBe(renderText(oom, { color: false }));
  });

  it('never throws on a report missing what it may miss', () => {
    const bare = report([diagnosis()], {
      groups: [
        {
          workload: { kind: 'Deployment', name: 'x' },
          category: 'app-crash',
          pods: [],
          diagnoses: [0, 7, -1],
        },
      ],
    });
    const hollow = {
      ...report([]),
      diagnoses: [{ rootCause: undefined }],
      errors: undefined,
    } as unknown as Report;
    for (const r of [bare, hollow]) {
      for (const format of FORMATS)
        expect(() => render(r, format, { verbose: true })).not.toThrow();
    }
  });

  /** Arbitrary reports whose strings come from `short` (names) and `prose` (sentences). */
  function arbitraryReport(
    short: fc.Arbitrary<string>,
    prose: fc.Arbitrary<string>,
  ): fc.Arbitrary<Report> {
    const confidence = fc.double({ min: 0, max: 1, noNaN: true });
    const category = fc.constantFrom<Category>(...CATEGORIES);
    const evidence = fc.record(
      { source: short, line: fc.nat(), excerpt: prose },
      { requiredKeys: ['source', 'excerpt'] },
    );
    const cause = fc.record({
      category,
      detector: short,
      confidence,
      title: prose,
      explanation: prose,
      evidence: fc.array(evidence, { maxLength: 10 }),
    });
    const ref = fc.record({ kind: short, name: short });
    const diag = fc.record(
      {
        subject: fc.record(
          { namespace: short, pod: short, container: short, init: fc.boolean(), workload: ref },
          { requiredKeys: [] },
        ),
        symptom: fc.record(
          {
            state: short,
            restartCount: fc.nat(99999),
            lastExitCode: fc.integer({ min: -1, max: 255 }),
            lastReason: short,
            backoffSeconds: fc.nat(400),
            ready: fc.boolean(),
            message: prose,
          },
          { requiredKeys: [] },
        ),
        rootCause: cause,
        alternatives: fc.array(fc.record({ category, confidence }), { maxLength: 3 }),
        contributing: fc.array(cause, { maxLength: 2 }),
        ruledOut: fc.array(fc.record({ category, reason: prose }), { maxLength: 3 }),
        fixes: fc.array(
          fc.record(
            {
              title: prose,
              commands: fc.array(prose, { maxLength: 3 }),
              risk: fc.constantFrom('low' as const, 'medium' as const, 'high' as const),
              note: prose,
            },
            { requiredKeys: ['title', 'commands', 'risk'] },
          ),
          { maxLength: 3 },
        ),
        timeline: fc.array(
          fc.record({
            at: fc.oneof(short, fc.constant('2026-03-11T14:21:03Z')),
            what: prose,
            source: fc.constantFrom(
              'event' as const,
              'status' as const,
              'log' as const,
              'rollout' as const,
            ),
          }),
          { maxLength: 12 },
        ),
        impact: fc.record(
          {
            replicasFailing: fc.nat(9999),
            replicasDesired: fc.nat(9999),
            restarts: fc.nat(99999),
            since: short,
            pods: fc.array(short, { maxLength: 5 }),
          },
          { requiredKeys: [] },
        ),
        nextStep: fc.record({ why: prose, command: prose }),
        inheritedFrom: short,
      },
      {
        requiredKeys: [
          'subject',
          'symptom',
          'rootCause',
          'alternatives',
          'contributing',
          'ruledOut',
          'fixes',
          'timeline',
          'impact',
        ],
      },
    );
    const groups = fc.array(
      fc.record({
        workload: ref,
        category,
        pods: fc.array(short, { maxLength: 20 }),
        diagnoses: fc.array(fc.integer({ min: -1, max: 5 }), { maxLength: 5 }),
      }),
      { maxLength: 2 },
    );
    return fc
      .tuple(fc.array(diag, { maxLength: 4 }), groups, fc.array(prose, { maxLength: 2 }))
      .map(([ds, gs, warnings]) =>
        report(ds as Diagnosis[], {
          groups: gs,
          warnings,
          errors: warnings.map((message) => ({ message })),
        }),
      );
  }

  it('never throws and emits no ANSI on arbitrary reports', () => {
    const anything = fc.string({ maxLength: 120, unit: 'binary' });
    fc.assert(
      fc.property(arbitraryReport(anything, anything), (r) => {
        for (const format of FORMATS) render(r, format, { verbose: true });
        expect(hasAnsi(renderText(r, { color: false }))).toBe(false);
      }),
      { numRuns: 150, seed: 42 },
    );
  });

  it('keeps prose within the width whatever the report holds, when words are short', () => {
    const short = fc.lorem({ maxCount: 2 });
    const prose = fc.lorem({ maxCount: 30, mode: 'sentences' });
    fc.assert(
      fc.property(arbitraryReport(short, prose), fc.integer({ min: 40, max: 100 }), (r, width) => {
        const long = proseLines(renderText(r, { color: false, width })).filter(
          (l) => l.length > width,
        );
        expect(long).toEqual([]);
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});
