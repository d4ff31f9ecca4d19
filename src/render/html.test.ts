/**
 * @module HTML renderer tests: escaping of hostile log text, every excerpt and command shown,
 * the empty and grouped cases, no scripts or external resources, balanced markup, and a
 * property that report data can never open a tag.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnosis, empty, group, report } from './test-reports.js';
import { CATEGORIES } from '../engine/report.js';
import type { Category, Diagnosis, Report } from '../engine/report.js';
import { escapeHtml, renderHtml } from './html.js';
import { render } from './index.js';
import { stripControl } from './text.js';

/** An independent reference escaper, so the tests do not trust the code under test. */
function escaped(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const TAGS = [
  'html',
  'head',
  'meta',
  'title',
  'style',
  'body',
  'main',
  'header',
  'section',
  'h1',
  'h2',
  'h3',
  'p',
  'div',
  'span',
  'strong',
  'em',
  'br',
  'a',
  'code',
  'pre',
  'ul',
  'ol',
  'li',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];
/** Attributes the renderer may write: none of them loads or runs anything. */
const ATTRIBUTES = [
  'lang',
  'charset',
  'name',
  'content',
  'http-equiv',
  'class',
  'id',
  'scope',
  'href',
];
const VOID = new Set(['meta', 'br']);
/** A tag the renderer writes: a known name, attributes with quoted values free of `<`, `>`, `"`. */
const TAG = new RegExp(`</?(${TAGS.join('|')})((?:\\s+[a-z-]+="[^"<>]*")*)\\s*>`, 'g');

/** The page with the doctype and every known tag removed: only text should be left. */
function textOnly(html: string): string {
  return html.replace(/^<!doctype html>\n/, '').replace(TAG, '');
}

/** Tags open and close in order (void elements excepted). */
function unbalanced(html: string): string[] {
  const stack: string[] = [];
  const problems: string[] = [];
  for (const m of html.matchAll(TAG)) {
    const name = m[1] ?? '';
    if (VOID.has(name)) continue;
    if (m[0].startsWith('</')) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}>`);
    } else {
      stack.push(name);
    }
  }
  return [...problems, ...stack.map((t) => `<${t}> never closed`)];
}

/** Every `&` starts one of the entities the escaper writes. */
function strayAmpersands(text: string): string[] {
  return text.match(/&(?!amp;|lt;|gt;|quot;|#39;)[^\s]{0,8}/g) ?? [];
}

/* ------------------------------------------------------------------------------------------ */
/* Samples                                                                                      */
/* ------------------------------------------------------------------------------------------ */

const HOSTILE = [
  '<script>alert(1)</script>',
  'error: "quoted" and \'single\' & ampersands && more',
  'tag soup </code></pre></td><img src=x onerror=alert(2)>',
  '\u001b[31mred\u001b[0m <b>bold</b> &amp; already-escaped &lt;',
];

const hostile = report([
  diagnosis({
    subject: {
      namespace: 'shop',
      pod: 'web-<b>-1',
      container: 'web"app',
      workload: { kind: 'Deployment', name: "web'app" },
    },
    symptom: { state: 'CrashLoopBackOff', restartCount: 4, lastExitCode: 1, message: 'x < y' },
    rootCause: {
      category: 'app-crash',
      detector: 'panic',
      confidence: 0.9,
      title: 'web crashes on <script>',
      explanation: 'Because a & b > c.\n\nSecond "paragraph".',
      evidence: HOSTILE.map((excerpt, i) => ({ source: `logs/<previous>`, line: i + 1, excerpt })),
    },
    ruledOut: [{ category: 'oom-killed', reason: 'exit <1> is not 137 & no OOMKilled' }],
    fixes: [
      {
        title: 'Fix <the> "bug"',
        commands: [
          'kubectl logs web-1 -n shop --previous | grep -E "<script>|&&"',
          'kubectl patch deploy web -p \'{"a":"<b>"}\'',
        ],
        risk: 'high',
        note: 'Careful: <not> reversible & risky',
      },
    ],
    nextStep: { why: 'Decide between <a> and <b>', command: 'echo "<x>" && true' },
    timeline: [{ at: '2026-03-11T14:21:03Z', what: '<event> & more', source: 'event' }],
    impact: { restarts: 4, pods: ['web-<1>'] },
  }),
]);

const PATCH =
  'kubectl patch configmap user-auth-config -n auth --type merge -p \'{"data":{"REDIS_URL":"redis://user-auth-redis.auth.svc.cluster.local:6379/0"}}\'';

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
    },
    rootCause: {
      category: 'config-code-mismatch',
      subcategory: 'env-renamed',
      detector: 'env-renamed-after-rollout',
      confidence: 0.9,
      title:
        'user-auth 3.14.0 reads REDIS_URL, but ConfigMap user-auth-config only provides REDIS_HOST',
      explanation: 'The crash started with revision 12.',
      evidence: [
        {
          source: 'logs/previous',
          line: 70,
          excerpt: '2026-03-11T14:33:02.117Z info  REDIS_URL=redis://user-auth-redis:6379/0',
        },
        {
          source: 'configmap/user-auth-config',
          line: 84,
          excerpt: '  REDIS_HOST: user-auth-redis.auth.svc.cluster.local',
        },
        { source: 'logs/previous', excerpt: 'first line\n  second line' },
      ],
    },
    alternatives: [{ category: 'dependency-failure', confidence: 0.3 }],
    contributing: [
      {
        category: 'cpu-starvation',
        detector: 'cpu',
        confidence: 0.4,
        title: 'Slow start under a 100m CPU limit',
        explanation: 'Startup takes 40s.',
        evidence: [{ source: 'describe pod/x', line: 3, excerpt: 'cpu: 100m' }],
      },
    ],
    ruledOut: [
      {
        category: 'dependency-failure',
        reason: 'Service user-auth-redis has 1/1 ready endpoints',
        evidence: [{ source: 'endpoints', line: 95, excerpt: 'user-auth-redis   10.0.2.41:6379' }],
      },
    ],
    fixes: [
      {
        title: 'Add REDIS_URL to ConfigMap user-auth-config',
        commands: [PATCH, 'kubectl rollout restart deployment/user-auth -n auth'],
        risk: 'low',
        note: 'Managed by Argo CD: commit the same change to git.',
      },
      {
        title: 'Or roll back',
        commands: ['kubectl rollout undo deployment/user-auth -n auth --to-revision=11'],
        risk: 'medium',
      },
    ],
    nextStep: { why: 'Check what the app reads.', command: 'kubectl logs user-auth --previous' },
    timeline: [
      {
        at: '2026-03-11T14:21:00Z',
        what: 'revision 12: image user-auth:3.14.0',
        source: 'rollout',
      },
      { at: 'not a time', what: 'Terminated: Error, exit code 1', source: 'status' },
    ],
    impact: { replicasFailing: 4, replicasDesired: 4, restarts: 21, since: '2026-03-11T14:21:03Z' },
  }),
]);

const SAMPLES: [string, Report][] = [
  ['hostile', hostile],
  ['seed000', seed000],
  ['group', group],
  ['empty', empty],
];

/* ------------------------------------------------------------------------------------------ */
/* Tests                                                                                        */
/* ------------------------------------------------------------------------------------------ */

describe('escapeHtml', () => {
  it('escapes the five special characters and strips terminal escapes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
    expect(escapeHtml('\u001b[31mred\u001b[0m\r\n')).toBe('red\n');
    expect(escapeHtml(42)).toBe('42');
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml({ toString: () => '<x>' })).toBe('');
    expect(escapeHtml('a\uD800b')).toBe('a\uFFFDb');
  });
});

describe('renderHtml', () => {
  it.each(SAMPLES)('%s: is one self-contained HTML5 document with balanced tags', (_, r) => {
    const html = renderHtml(r);
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('prefers-color-scheme: dark');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|@import|url\(/i);
    for (const tag of html.matchAll(TAG)) {
      for (const attr of (tag[2] ?? '').matchAll(/\s([a-z-]+)="[^"]*"/g))
        expect(ATTRIBUTES).toContain(attr[1]);
    }
    for (const m of html.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^#problem-\d+$/);
    expect(unbalanced(html)).toEqual([]);
    expect(textOnly(html)).not.toMatch(/[<>]/);
    expect(strayAmpersands(textOnly(html))).toEqual([]);
  });

  it('escapes hostile log text: no raw <script>, quotes and ampersands as entities', () => {
    const html = renderHtml(hostile);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('\u001b');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain(
      'error: &quot;quoted&quot; and &#39;single&#39; &amp; ampersands &amp;&amp; more',
    );
    expect(html).toContain('&amp;amp; already-escaped &amp;lt;');
    expect(html).toContain(
      '<title>RCA: deployment/web&#39;app in shop — web crashes on &lt;script&gt;</title>',
    );
    expect(html).toContain('<td><code>web&quot;app</code></td>');
  });

  it.each(SAMPLES)('%s: shows every excerpt and command, escaped', (_, r) => {
    const html = renderHtml(r);
    for (const d of r.diagnoses) {
      const evidence = [
        ...d.rootCause.evidence,
        ...d.contributing.flatMap((c) => c.evidence),
        ...d.ruledOut.flatMap((o) => o.evidence ?? []),
      ];
      for (const e of evidence) {
        const clean = stripControl(e.excerpt);
        expect(html).toContain(`<code class="excerpt">${escaped(clean)}</code>`);
      }
      for (const cmd of d.fixes.flatMap((f) => f.commands)) expect(html).toContain(escaped(cmd));
      if (d.nextStep) expect(html).toContain(escaped(d.nextStep.command));
    }
  });

  it('lays out seed 000 as an RCA page', () => {
    const html = renderHtml(seed000);
    for (const heading of [
      'Summary',
      'Root cause',
      'Evidence',
      'Contributing causes',
      'Ruled out',
      'Fix',
      'If unsure',
      'Timeline',
      'Impact',
    ]) {
      expect(html).toMatch(new RegExp(`<h[23]>${heading}</h[23]>`));
    }
    expect(html).toContain(
      '<td><a href="#problem-1">1</a></td><td><code>auth/user-auth-6f8d9b-q2m4x</code></td><td><code>user-auth</code></td><td><code>deployment/user-auth</code></td><td><code>config-code-mismatch/env-renamed</code></td><td><span class="badge conf-high">high (90%)</span></td><td class="num">7</td>',
    );
    expect(html).toContain('<span class="badge state">CrashLoopBackOff</span> · 7 restarts');
    expect(html).toContain('<span class="badge conf-high">high confidence (90%)</span>');
    expect(html).toContain('<td class="where">logs/previous:70</td>');
    expect(html).toContain('<td class="where">logs/previous</td>');
    expect(html).toContain(
      '<li><code>dependency-failure</code> — Service user-auth-redis has 1/1 ready endpoints',
    );
    expect(html).toContain('<span class="badge risk-low">low risk</span>');
    expect(html).toContain('<span class="badge risk-medium">medium risk</span>');
    expect(html).toContain(
      `<pre><code>${escaped(PATCH)}\nkubectl rollout restart deployment/user-auth -n auth</code></pre>`,
    );
    expect(html).toContain('<strong>Note:</strong> Managed by Argo CD');
    expect(html).toContain('<td class="when">2026-03-11 14:21:00</td>');
    expect(html).toContain('<td class="when">not a time</td>');
    expect(html).toContain('<li>4 of 4 replicas failing</li>');
    expect(html).toContain('<li>Since 2026-03-11 14:21:03 UTC</li>');
  });

  it('folds siblings of one workload into one section', () => {
    const html = renderHtml(group);
    expect(html.match(/<h3>Root cause<\/h3>/g)).toHaveLength(1);
    expect(html.match(/<section class="problem"/g)).toHaveLength(1);
    expect(html).toContain('1 problem in 4 pods.');
    expect(html).toContain('(+3 more)');
    expect(html).toContain(
      '<strong>Same cause on 3 more pods</strong> of <code>deployment/checkout</code>: <code>checkout-7c9f-b2</code>, <code>checkout-7c9f-c3</code>, <code>checkout-7c9f-d4</code>',
    );
    expect(html).toContain('exec: &quot;/app/start.sh&quot;');
  });

  it('says nothing failing was found for an empty ok report', () => {
    const html = renderHtml(empty);
    expect(html).toContain('<title>crashlens: no failing containers found</title>');
    expect(html).toContain(
      'No failing containers found: nothing is crash-looping or stuck starting.',
    );
    expect(html).toContain('Looked at: describe.txt, events.txt.');
    expect(html).not.toContain('<section class="problem"');
    expect(html).not.toContain('<table');
  });

  it('lists errors and warnings, and does not call a report with failed checks ok', () => {
    const html = renderHtml(
      report([], {
        status: 'problems',
        errors: [{ detector: 'oom-killed', subject: 'shop/cart-0', message: 'threw: <boom>' }],
        warnings: ['logs of shop/cart-0 were not available'],
      }),
    );
    expect(html).toContain('some checks did not complete');
    expect(html).not.toContain('nothing is crash-looping');
    expect(html).toContain(
      '<li><code>oom-killed</code> on <code>shop/cart-0</code>: threw: &lt;boom&gt;</li>',
    );
    expect(html).toContain('<li>logs of shop/cart-0 were not available</li>');
  });

  it('is what render() returns for html', () => {
    expect(render(seed000, 'html')).toBe(renderHtml(seed000));
  });

  it('never throws on a report missing optional fields', () => {
    const hollow = {
      ...report([]),
      source: undefined,
      tool: undefined,
      diagnoses: [{ rootCause: undefined }, { subject: { pod: 'p' }, fixes: [{}], timeline: [{}] }],
      errors: undefined,
    } as unknown as Report;
    const html = renderHtml(hollow);
    expect(unbalanced(html)).toEqual([]);
    expect(html).toContain('unknown pod');
  });

  it('never lets report data open a tag or an entity, whatever the strings hold', () => {
    const nasty = fc.oneof(
      fc.string({ maxLength: 60, unit: 'binary' }),
      fc
        .array(
          fc.constantFrom(
            '<',
            '>',
            '&',
            '"',
            "'",
            '<script>',
            '</code>',
            '</pre>',
            '<!--',
            '&amp;',
            '&#60;',
            '\u001b[31m',
            '\u001b]0;x\u0007',
            '\n',
            'a',
            ' ',
          ),
          { maxLength: 12 },
        )
        .map((parts) => parts.join('')),
    );
    const category = fc.constantFrom<Category>(...CATEGORIES);
    const evidence = fc.record(
      { source: nasty, line: fc.nat(), excerpt: nasty },
      { requiredKeys: ['source', 'excerpt'] },
    );
    const cause = fc.record({
      category,
      subcategory: nasty,
      detector: nasty,
      confidence: fc.double({ min: 0, max: 1, noNaN: true }),
      title: nasty,
      explanation: nasty,
      evidence: fc.array(evidence, { maxLength: 3 }),
    });
    const ref = fc.record({ kind: nasty, name: nasty });
    const diag = fc.record({
      subject: fc.record(
        { namespace: nasty, pod: nasty, container: nasty, workload: ref, owner: ref },
        { requiredKeys: [] },
      ),
      symptom: fc.record(
        { state: nasty, restartCount: fc.nat(), lastReason: nasty, message: nasty },
        { requiredKeys: [] },
      ),
      rootCause: cause,
      alternatives: fc.array(fc.record({ category, confidence: fc.double(), title: nasty }), {
        maxLength: 2,
      }),
      contributing: fc.array(cause, { maxLength: 2 }),
      ruledOut: fc.array(
        fc.record({ category, reason: nasty, evidence: fc.array(evidence, { maxLength: 2 }) }),
        { maxLength: 2 },
      ),
      fixes: fc.array(
        fc.record({
          title: nasty,
          commands: fc.array(nasty, { maxLength: 3 }),
          risk: fc.constantFrom('low' as const, 'medium' as const, 'high' as const),
          note: nasty,
        }),
        { maxLength: 2 },
      ),
      timeline: fc.array(
        fc.record({
          at: nasty,
          what: nasty,
          source: fc.constantFrom('event' as const, 'log' as const),
        }),
        { maxLength: 3 },
      ),
      impact: fc.record({ since: nasty, pods: fc.array(nasty, { maxLength: 3 }) }),
      nextStep: fc.record({ why: nasty, command: nasty }),
      inheritedFrom: nasty,
    });
    const arbitrary = fc
      .tuple(
        fc.array(diag, { maxLength: 3 }),
        fc.array(nasty, { maxLength: 2 }),
        fc.array(nasty, { maxLength: 2 }),
        nasty,
      )
      .map(([ds, warnings, inputs, version]) =>
        report(ds as Diagnosis[], {
          tool: { name: 'crashlens', version },
          source: { mode: 'offline', inputs, apiRequests: 0 },
          groups: [
            {
              workload: { kind: 'Deployment', name: 'x' },
              category: 'app-crash',
              pods: inputs,
              diagnoses: [0, 1],
            },
          ],
          warnings,
          errors: warnings.map((message) => ({ message, detector: version })),
        }),
      );
    fc.assert(
      fc.property(arbitrary, (r) => {
        const html = renderHtml(r);
        const text = textOnly(html);
        expect(text).not.toMatch(/[<>]/);
        expect(text).not.toContain('\u001b');
        expect(strayAmpersands(text)).toEqual([]);
        expect(unbalanced(html)).toEqual([]);
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
