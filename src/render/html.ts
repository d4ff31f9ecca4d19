/**
 * @module The `-o html` renderer: one self-contained HTML5 page to attach to a ticket or open in
 * a browser. It says what the Markdown RCA says (summary table, then per problem: symptom, root
 * cause, evidence, contributing, ruled out, fix, next step, timeline, impact), styled inline for
 * light and dark schemes. No scripts and no external resources; a Content-Security-Policy
 * forbids both, so even a mistake in escaping could not run anything.
 *
 * Every piece of report text goes through {@link escapeHtml} exactly once, at the point where it
 * is placed in markup: excerpts are raw log lines and may hold anything. Report data never goes
 * into an attribute; class names come from fixed lists.
 */

import type { Cause, EvidenceRef, Report } from '../engine/report.js';
import {
  categoryLabel,
  confidenceLabel,
  confidenceWord,
  emptySummary,
  headerParts,
  impactParts,
  list,
  percent,
  planDiagnoses,
  sanitizeReport,
  splitTime,
  stripControl,
  symptomParts,
  workloadLabel,
} from './text.js';
import type { PlannedDiagnosis, ReportPlan, Siblings } from './text.js';
import { documentTitle, inputsText, provenanceParts } from './document.js';

/** Render a report as a standalone HTML5 document. Pure: same report, same string. */
export function renderHtml(report: Report): string {
  const r = sanitizeReport(report);
  const plan = planDiagnoses(r);
  const heading = documentTitle(plan, r);
  const body: string[] = [];

  body.push(
    '<header>',
    `<h1>${esc(heading)}</h1>`,
    `<p class="meta">${provenanceParts(r).map(esc).join(' · ')}</p>`,
  );
  body.push('</header>');

  body.push('<section class="summary">', '<h2>Summary</h2>');
  if (plan.shown.length === 0) {
    const empty = emptySummary(r);
    body.push(
      `<p class="callout ${empty.tone}">${esc(empty.text)}</p>`,
      `<p>Looked at: ${esc(inputsText(r))}.</p>`,
    );
  } else {
    body.push(`<p class="count">${esc(countLine(plan))}</p>`, ...summaryTable(plan));
  }
  body.push('</section>');

  plan.shown.forEach((p, i) => body.push(...diagnosisSection(p, i + 1)));

  const errors = list(r.errors);
  if (errors.length > 0) {
    body.push('<section class="errors">', '<h2>Errors</h2>');
    body.push('<p>Some checks did not complete; the findings above may be incomplete.</p>', '<ul>');
    for (const e of errors) {
      const who = [e?.detector, e?.subject]
        .filter((x) => typeof x === 'string' && x !== '')
        .map(codeSpan)
        .join(' on ');
      body.push(`<li>${who ? `${who}: ` : ''}${esc(e?.message)}</li>`);
    }
    body.push('</ul>', '</section>');
  }
  const warnings = list(r.warnings);
  if (warnings.length > 0) {
    body.push('<section class="warnings">', '<h2>Warnings</h2>', '<ul>');
    for (const w of warnings) body.push(`<li>${esc(w)}</li>`);
    body.push('</ul>', '</section>');
  }

  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${esc(heading)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function summaryTable(plan: ReportPlan): string[] {
  const out = [
    '<table class="overview">',
    '<thead><tr><th scope="col">#</th><th scope="col">Pod</th><th scope="col">Container</th><th scope="col">Workload</th><th scope="col">Category</th><th scope="col">Confidence</th><th scope="col" class="num">Restarts</th></tr></thead>',
    '<tbody>',
  ];
  plan.shown.forEach((p, i) => {
    const d = p.diagnosis;
    const s = d.subject ?? {};
    const pod = s.pod ? (s.namespace ? `${s.namespace}/${s.pod}` : s.pod) : '';
    const more = p.siblings ? ` <span class="muted">(+${p.siblings.count} more)</span>` : '';
    const workload = s.workload ?? s.owner;
    const confidence = d.rootCause?.confidence;
    const restarts = d.symptom?.restartCount;
    out.push(
      '<tr>' +
        `<td><a href="#problem-${i + 1}">${i + 1}</a></td>` +
        `<td>${pod ? codeSpan(pod) : DASH}${more}</td>` +
        `<td>${s.container ? codeSpan(s.container) : DASH}</td>` +
        `<td>${workload ? codeSpan(workloadLabel(workload)) : DASH}</td>` +
        `<td>${codeSpan(categoryLabel(d.rootCause))}</td>` +
        `<td>${confidenceBadge(confidence, `${confidenceWord(confidence)} (${percent(confidence)})`)}</td>` +
        `<td class="num">${typeof restarts === 'number' ? esc(restarts) : DASH}</td>` +
        '</tr>',
    );
  });
  out.push('</tbody>', '</table>');
  return out;
}

function diagnosisSection(p: PlannedDiagnosis, n: number): string[] {
  const d = p.diagnosis;
  const rc = d.rootCause;
  const [who = 'unknown pod', ...rest] = headerParts(d);
  const out: string[] = [`<section class="problem" id="problem-${n}">`];
  out.push(`<h2><span class="n">${n}</span> ${esc(who)}</h2>`);
  if (rest.length > 0) out.push(`<p class="subject">${rest.map(esc).join(' · ')}</p>`);

  const symptom = symptomParts(d.symptom ?? {}, true).map((part, i) =>
    i === 0 && d.symptom?.state !== undefined
      ? `<span class="badge state">${esc(part)}</span>`
      : esc(part),
  );
  if (symptom.length > 0) out.push(`<p class="symptom">${symptom.join(' · ')}</p>`);
  if (d.symptom?.message)
    out.push(`<pre class="message"><code>${esc(d.symptom.message)}</code></pre>`);
  if (p.siblings) out.push(`<p class="siblings">${siblingsHtml(p.siblings)}</p>`);
  if (d.inheritedFrom) {
    out.push(
      `<p class="callout warn">Carried over from sibling pod ${codeSpan(d.inheritedFrom)} (same workload); this pod’s own evidence was not read.</p>`,
    );
  }

  if (rc) {
    out.push('<h3>Root cause</h3>', '<div class="cause">', ...causeBody(rc, true));
    const alts = list(d.alternatives);
    if (alts.length > 0) {
      const items = alts.map(
        (a) =>
          `${codeSpan(a?.category)} (${esc(percent(a?.confidence))})${a?.title ? ` — ${esc(a.title)}` : ''}`,
      );
      out.push(`<p class="muted">Also possible: ${items.join('; ')}</p>`);
    }
    out.push('</div>');
    const ev = list(rc.evidence);
    if (ev.length > 0) out.push('<h3>Evidence</h3>', ...evidenceTable(ev));
  }

  const contributing = list(d.contributing);
  if (contributing.length > 0) {
    out.push('<h3>Contributing causes</h3>', '<ul class="causes">');
    for (const c of contributing) {
      out.push('<li>', ...causeBody(c, false), ...evidenceTable(list(c?.evidence), true), '</li>');
    }
    out.push('</ul>');
  }

  const ruledOut = list(d.ruledOut);
  if (ruledOut.length > 0) {
    out.push('<h3>Ruled out</h3>', '<ul class="ruled-out">');
    for (const ro of ruledOut) {
      out.push(
        `<li>${codeSpan(ro?.category)} — ${esc(ro?.reason)}`,
        ...evidenceTable(list(ro?.evidence), true),
        '</li>',
      );
    }
    out.push('</ul>');
  }

  const fixes = list(d.fixes);
  if (fixes.length > 0) {
    out.push('<h3>Fix</h3>', '<ol class="fixes">');
    for (const f of fixes) {
      const risk = riskClass(f?.risk);
      out.push(
        `<li><p><strong>${esc(f?.title)}</strong> <span class="badge risk-${risk}">${risk} risk</span></p>`,
      );
      const commands = list(f?.commands).filter((c) => typeof c === 'string' && c.trim() !== '');
      if (commands.length > 0) out.push(`<pre><code>${esc(commands.join('\n'))}</code></pre>`);
      if (f?.note) out.push(`<p class="note"><strong>Note:</strong> ${esc(f.note)}</p>`);
      out.push('</li>');
    }
    out.push('</ol>');
  }

  if (d.nextStep) {
    out.push('<h3>If unsure</h3>');
    if (d.nextStep.why) out.push(...paragraphs(d.nextStep.why));
    if (d.nextStep.command) out.push(`<pre><code>${esc(d.nextStep.command)}</code></pre>`);
  }

  const timeline = list(d.timeline);
  if (timeline.length > 0) {
    out.push(
      '<h3>Timeline</h3>',
      '<table class="timeline">',
      '<thead><tr><th scope="col">Time (UTC)</th><th scope="col">Source</th><th scope="col">What happened</th></tr></thead>',
      '<tbody>',
    );
    for (const t of timeline) {
      const at = typeof t?.at === 'string' ? t.at : '';
      const split = splitTime(at);
      const when = split ? `${split.date} ${split.time}` : at;
      out.push(
        `<tr><td class="when">${esc(when)}</td><td><span class="src">${esc(t?.source)}</span></td><td>${esc(t?.what)}</td></tr>`,
      );
    }
    out.push('</tbody>', '</table>');
  }

  const impact = impactParts(d.impact ?? {});
  const pods = list(d.impact?.pods);
  if (impact.length > 0 || pods.length > 0) {
    out.push('<h3>Impact</h3>', '<ul class="impact">');
    for (const part of impact) {
      out.push(`<li>${esc(part.text.charAt(0).toUpperCase() + part.text.slice(1))}</li>`);
    }
    if (pods.length > 0) out.push(`<li>Pods: ${pods.map(codeSpan).join(', ')}</li>`);
    out.push('</ul>');
  }

  out.push('</section>');
  return out;
}

/** Category and confidence, the title, the explanation; the detector only for the root cause. */
function causeBody(c: Cause, isRoot: boolean): string[] {
  const detector =
    isRoot && c.detector ? ` <span class="muted">detector ${codeSpan(c.detector)}</span>` : '';
  const out = [
    `<p class="cause-head">${codeSpan(categoryLabel(c))} ${confidenceBadge(c.confidence, confidenceLabel(c.confidence))}${detector}</p>`,
  ];
  if (c.title) out.push(`<p class="cause-title">${esc(c.title)}</p>`);
  if (c.explanation) out.push(...paragraphs(c.explanation));
  return out;
}

/**
 * Source:line and the excerpt, one row each. Under a contributing cause or a ruled-out
 * hypothesis the table is compact: no header row repeated for one or two lines.
 */
function evidenceTable(evidence: EvidenceRef[], compact = false): string[] {
  if (evidence.length === 0) return [];
  const out = compact
    ? ['<table class="evidence compact">', '<tbody>']
    : [
        '<table class="evidence">',
        '<thead><tr><th scope="col">Where</th><th scope="col">Excerpt</th></tr></thead>',
        '<tbody>',
      ];
  for (const e of evidence) {
    const source = typeof e?.source === 'string' && e.source !== '' ? e.source : '(input)';
    const where = typeof e?.line === 'number' ? `${source}:${e.line}` : source;
    const excerpt = typeof e?.excerpt === 'string' ? e.excerpt.replace(/\s+$/, '') : '';
    const shown =
      excerpt.trim() === ''
        ? '<em class="muted">(empty line)</em>'
        : `<code class="excerpt">${esc(excerpt)}</code>`;
    out.push(`<tr><td class="where">${esc(where)}</td><td>${shown}</td></tr>`);
  }
  out.push('</tbody>', '</table>');
  return out;
}

function siblingsHtml(s: Siblings): string {
  const of = s.workload ? ` of ${codeSpan(workloadLabel(s.workload))}` : '';
  const noun = s.count === 1 ? 'pod' : 'pods';
  const names = s.pods.length > 0 ? `: ${s.pods.map(codeSpan).join(', ')}` : '.';
  return `<strong>Same cause on ${esc(s.count)} more ${noun}</strong>${of}${names}`;
}

function countLine(plan: ReportPlan): string {
  const n = plan.shown.length;
  return `${n} ${n === 1 ? 'problem' : 'problems'} in ${plan.podCount} ${plan.podCount === 1 ? 'pod' : 'pods'}.`;
}

/** Blank-line separated paragraphs; single line breaks kept. */
function paragraphs(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => `<p>${esc(p).replace(/\n/g, '<br>')}</p>`);
}

function confidenceBadge(confidence: number | undefined, label: string): string {
  return `<span class="badge conf-${confidenceWord(confidence as number)}">${esc(label)}</span>`;
}

function riskClass(risk: unknown): 'low' | 'medium' | 'high' | 'unknown' {
  return risk === 'low' || risk === 'medium' || risk === 'high' ? risk : 'unknown';
}

function codeSpan(text: unknown): string {
  return `<code>${esc(text)}</code>`;
}

const DASH = '<span class="muted">—</span>';

/* ----------------------------------------------------------------------------------------- */
/* Escaping                                                                                    */
/* ----------------------------------------------------------------------------------------- */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** A surrogate half without its partner: not encodable as UTF-8, so shown as U+FFFD. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text for HTML content or a quoted attribute: `& < > " '` as entities, terminal escapes and
 * control characters removed (as {@link sanitizeReport} does), lone surrogates replaced. Values
 * that are not text (a report read from disk may hold anything) become their string form when
 * they are numbers or booleans, else nothing.
 */
export function escapeHtml(value: unknown): string {
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : '';
  return stripControl(text)
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

const esc = escapeHtml;

/* ----------------------------------------------------------------------------------------- */
/* Style                                                                                       */
/* ----------------------------------------------------------------------------------------- */

/**
 * Inline stylesheet. GitHub-like palette with a dark variant; no child combinators or other
 * angle brackets, so the only `<` and `>` in the page are tags.
 */
const STYLE = [
  ':root {',
  '  color-scheme: light dark;',
  '  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --surface: #f6f8fa;',
  '  --code: #eff2f5; --red: #cf222e; --red-bg: #ffebe9; --amber: #9a6700; --amber-bg: #fff8c5;',
  '  --green: #1a7f37; --green-bg: #dafbe1; --blue: #0969da; --blue-bg: #ddf4ff; --grey-bg: #eaeef2;',
  '}',
  '@media (prefers-color-scheme: dark) {',
  '  :root {',
  '    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --surface: #151b23;',
  '    --code: #212830; --red: #ff7b72; --red-bg: #3d1518; --amber: #e3b341; --amber-bg: #3a2d0a;',
  '    --green: #56d364; --green-bg: #102d1b; --blue: #58a6ff; --blue-bg: #0c2d4f; --grey-bg: #262c36;',
  '  }',
  '}',
  '* { box-sizing: border-box; }',
  'body { margin: 0; background: var(--bg); color: var(--fg);',
  '  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }',
  'main { max-width: 68rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }',
  'h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .4rem; overflow-wrap: anywhere; }',
  'h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; padding-bottom: .3rem; border-bottom: 1px solid var(--border); overflow-wrap: anywhere; }',
  'h3 { font-size: 1rem; margin: 1.4rem 0 .5rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }',
  'p { margin: .4rem 0; overflow-wrap: anywhere; }',
  'a { color: var(--blue); }',
  'code, pre { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: .88em; }',
  'code { background: var(--code); padding: .1em .35em; border-radius: 4px; overflow-wrap: anywhere; }',
  'pre { background: var(--surface); border: 1px solid var(--border); border-radius: 6px; padding: .7rem .9rem; margin: .5rem 0; white-space: pre-wrap; overflow-wrap: anywhere; }',
  'pre code { background: none; padding: 0; font-size: 1em; }',
  'table { border-collapse: collapse; width: 100%; margin: .5rem 0 .8rem; font-size: .93em; }',
  'th, td { text-align: left; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid var(--border); overflow-wrap: anywhere; }',
  'th { background: var(--surface); font-weight: 600; }',
  'td.num, th.num { text-align: right; }',
  'td.where, td.when { color: var(--muted); font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85em; overflow-wrap: break-word; }',
  'td.when { white-space: nowrap; }',
  'code.excerpt { display: block; white-space: pre-wrap; background: none; padding: 0; }',
  'ul, ol { padding-left: 1.4rem; margin: .4rem 0; }',
  'li { margin: .35rem 0; }',
  'table.compact { width: auto; max-width: 100%; margin: .2rem 0 .4rem; font-size: .88em; }',
  'table.compact td { padding: .15rem .6rem .15rem 0; border-bottom: none; }',
  '.meta, .muted, .subject { color: var(--muted); }',
  '.meta { font-size: .9em; overflow-wrap: anywhere; }',
  '.count { font-weight: 600; color: var(--red); }',
  '.problem { border-left: 4px solid var(--red); padding-left: 1.1rem; margin-top: 2.2rem; }',
  '.problem h2 { margin-top: 0; }',
  '.n { display: inline-block; min-width: 1.6em; margin-right: .3em; padding: 0 .35em; border-radius: 6px; background: var(--red-bg); color: var(--red); text-align: center; }',
  '.cause { background: var(--surface); border: 1px solid var(--border); border-radius: 8px; padding: .6rem 1rem; }',
  '.cause-title { font-weight: 600; font-size: 1.05em; }',
  '.badge { display: inline-block; padding: .05em .55em; border-radius: 999px; font-size: .82em; font-weight: 600; white-space: nowrap; border: 1px solid transparent; }',
  '.state, .risk-high { background: var(--red-bg); color: var(--red); }',
  '.risk-medium, .conf-medium { background: var(--amber-bg); color: var(--amber); }',
  '.risk-low, .conf-high { background: var(--green-bg); color: var(--green); }',
  '.conf-low, .conf-unknown, .risk-unknown { background: var(--grey-bg); color: var(--muted); }',
  '.src { font-size: .85em; color: var(--muted); }',
  '.callout { padding: .6rem .9rem; border-radius: 6px; border: 1px solid var(--border); }',
  '.callout.ok { background: var(--green-bg); color: var(--green); font-weight: 600; }',
  '.callout.warn { background: var(--amber-bg); color: var(--amber); }',
  '.note { color: var(--amber); }',
  '.errors h2 { color: var(--red); }',
  '.warnings h2 { color: var(--amber); }',
  '@media print { body { font-size: 11pt; } .problem { break-inside: auto; } pre, table { break-inside: avoid; } }',
].join('\n');
