/**
 * @module The `-o markdown` renderer: an RCA-style document to paste into a ticket or a
 * post-incident review (title, summary table, then per problem: root cause, evidence,
 * contributing factors, ruled out, fix, timeline, impact). Evidence is quoted from logs and
 * kubectl output, so every excerpt is put in a code span or fence long enough to hold the
 * backticks it contains, and table cells escape pipes.
 */

import type { Cause, Diagnosis, EvidenceRef, Report } from '../engine/report.js';
import {
  categoryLabel,
  confidenceLabel,
  confidenceWord,
  emptySummary,
  impactParts,
  list,
  percent,
  planDiagnoses,
  sanitizeReport,
  splitTime,
  symptomParts,
  workloadLabel,
} from './text.js';
import type { PlannedDiagnosis, Siblings } from './text.js';
import { documentTitle, inputsText, podLabel, provenanceParts } from './document.js';

/** Render a report as a Markdown RCA document. Pure: same report, same string. */
export function renderMarkdown(report: Report): string {
  const r = sanitizeReport(report);
  const plan = planDiagnoses(r);
  const out: string[] = [];

  out.push(`# ${inline(documentTitle(plan, r))}`, '');
  out.push(`_${provenanceParts(r).map(inline).join(' · ')}_`, '');

  out.push('## Summary', '');
  if (plan.shown.length === 0) {
    out.push(emptySummary(r).text, '', `Looked at: ${inputsText(r)}.`, '');
  } else {
    const n = plan.shown.length;
    out.push(
      `${n} ${n === 1 ? 'problem' : 'problems'} in ${plan.podCount} ${plan.podCount === 1 ? 'pod' : 'pods'}.`,
      '',
    );
    out.push('| # | Pod | Category | Confidence | Restarts |', '|---|---|---|---|---|');
    plan.shown.forEach((p, i) => {
      const d = p.diagnosis;
      const more = p.siblings ? ` (+${p.siblings.count} more)` : '';
      const restarts = d.symptom?.restartCount;
      out.push(
        `| ${i + 1} | ${cell(code(podLabel(d)))}${more} | ${cell(code(categoryLabel(d.rootCause)))} | ${confidenceWord(d.rootCause?.confidence)} (${percent(d.rootCause?.confidence)}) | ${typeof restarts === 'number' ? restarts : '—'} |`,
      );
    });
    out.push('');
  }

  plan.shown.forEach((p, i) => out.push(...diagnosisSection(p, i + 1, plan.shown.length)));

  const errors = list(r.errors);
  if (errors.length > 0) {
    out.push(
      '## Errors',
      '',
      'Some checks did not complete; the findings above may be incomplete.',
      '',
    );
    for (const e of errors) {
      const who = [e.detector && code(e.detector), e.subject && code(e.subject)]
        .filter((x): x is string => Boolean(x))
        .join(' on ');
      out.push(`- ${who ? `${who}: ` : ''}${inline(e.message ?? '')}`);
    }
    out.push('');
  }
  const warnings = list(r.warnings);
  if (warnings.length > 0) {
    out.push('## Warnings', '');
    for (const w of warnings) out.push(`- ${inline(w)}`);
    out.push('');
  }

  while (out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n`;
}

function diagnosisSection(p: PlannedDiagnosis, n: number, total: number): string[] {
  const d = p.diagnosis;
  const rc = d.rootCause;
  const out: string[] = [];
  // With one problem the document title already carries the root cause.
  const heading = total > 1 && rc?.title ? `${n}. ${podLabel(d)}: ${rc.title}` : podLabel(d);
  out.push(`## ${inline(heading)}`, '');

  const facts: string[] = [];
  facts.push(`- **Subject:** ${subjectText(d)}`);
  const symptom = symptomParts(d.symptom ?? {}, true);
  if (symptom.length > 0) facts.push(`- **Symptom:** ${inline(symptom.join(' · '))}`);
  if (d.symptom?.message) facts.push(`- **Message:** ${code(d.symptom.message)}`);
  if (p.siblings) facts.push(`- ${siblingsText(p.siblings)}`);
  if (d.inheritedFrom) {
    facts.push(
      `- **Carried over** from sibling pod ${code(d.inheritedFrom)} (same workload); this pod's own evidence was not read.`,
    );
  }
  out.push(...facts, '');

  if (rc) {
    out.push('### Root cause', '');
    const detector = rc.detector ? ` · detector ${code(rc.detector)}` : '';
    out.push(`**${inline(categoryLabel(rc))}** · ${confidenceLabel(rc.confidence)}${detector}`, '');
    if (rc.title) out.push(`**${inline(rc.title)}**`, '');
    if (rc.explanation) out.push(paragraph(rc.explanation), '');
    const alts = list(d.alternatives);
    if (alts.length > 0) {
      out.push(
        `Also possible: ${alts.map((a) => `${code(a.category)} (${percent(a.confidence)})`).join(', ')}.`,
        '',
      );
    }
    const ev = list(rc.evidence);
    if (ev.length > 0) out.push('### Evidence', '', ...evidenceList(ev, ''), '');
  }

  const contributing = list(d.contributing);
  if (contributing.length > 0) {
    out.push('### Contributing factors', '');
    for (const c of contributing) out.push(...causeItem(c));
    out.push('');
  }

  const ruledOut = list(d.ruledOut);
  if (ruledOut.length > 0) {
    out.push('### Ruled out', '');
    for (const r of ruledOut) {
      out.push(`- ${code(r.category)}: ${inline(r.reason ?? '')}`);
      out.push(...evidenceList(list(r.evidence), '  '));
    }
    out.push('');
  }

  const fixes = list(d.fixes);
  if (fixes.length > 0) {
    out.push('### Fix', '');
    fixes.forEach((f, i) => {
      const num = `${i + 1}. `;
      const pad = ' '.repeat(num.length);
      out.push(`${num}**${inline(f.title ?? '')}** (risk: ${inline(f.risk ?? 'unknown')})`);
      const commands = list(f.commands).filter((c) => c.trim() !== '');
      if (commands.length > 0) out.push('', ...fence(commands.join('\n'), 'sh', pad));
      if (f.note) out.push('', `${pad}> ${inline(f.note)}`);
      out.push('');
    });
  }

  if (d.nextStep) {
    out.push('### If unsure', '');
    if (d.nextStep.why) out.push(paragraph(d.nextStep.why), '');
    if (d.nextStep.command) out.push(...fence(d.nextStep.command, 'sh', ''), '');
  }

  const timeline = list(d.timeline);
  if (timeline.length > 0) {
    out.push('### Timeline', '', '| Time (UTC) | Source | What happened |', '|---|---|---|');
    for (const t of timeline) {
      const at = splitTime(t.at ?? '');
      const when = at ? `${at.date} ${at.time}` : (t.at ?? '');
      out.push(
        `| ${cell(inline(when))} | ${cell(inline(t.source ?? ''))} | ${cell(inline(t.what ?? ''))} |`,
      );
    }
    out.push('');
  }

  const impact = impactParts(d.impact ?? {});
  const pods = list(d.impact?.pods);
  if (impact.length > 0 || pods.length > 0) {
    out.push('### Impact', '');
    for (const part of impact)
      out.push(`- ${inline(part.text.charAt(0).toUpperCase() + part.text.slice(1))}`);
    if (pods.length > 0) out.push(`- Pods: ${pods.map(code).join(', ')}`);
    out.push('');
  }
  return out;
}

function causeItem(c: Cause): string[] {
  const head = `- **${inline(c.title || c.category)}** (${code(categoryLabel(c))}, ${confidenceLabel(c.confidence)})`;
  const out = [c.explanation ? `${head}: ${inline(c.explanation)}` : head];
  out.push(...evidenceList(list(c.evidence), '  '));
  return out;
}

/** One list item per excerpt: a code span for one line, a fenced block for several. */
function evidenceList(evidence: EvidenceRef[], indent: string): string[] {
  const out: string[] = [];
  for (const e of evidence) {
    const where = `${code(e.source || '(input)')}${typeof e.line === 'number' ? ` line ${e.line}` : ''}`;
    const excerpt = (typeof e.excerpt === 'string' ? e.excerpt : '').replace(/\s+$/, '');
    if (excerpt.includes('\n')) {
      out.push(`${indent}- ${where}:`, '', ...fence(excerpt, '', `${indent}  `), '');
    } else {
      out.push(
        `${indent}- ${where}: ${excerpt.trim() === '' ? '_(empty line)_' : code(excerpt.trim())}`,
      );
    }
  }
  return out;
}

function siblingsText(s: Siblings): string {
  const of = s.workload ? ` of ${code(workloadLabel(s.workload))}` : '';
  const noun = s.count === 1 ? 'pod' : 'pods';
  const names = s.pods.length > 0 ? `: ${s.pods.map(code).join(', ')}` : '';
  return `**Same cause on ${s.count} more ${noun}**${of}${names}`;
}

function subjectText(d: Diagnosis): string {
  const s = d.subject ?? {};
  const parts: string[] = [];
  if (s.pod || !(s.workload ?? s.owner)) parts.push(`pod ${code(podLabel(d))}`);
  if (s.container) parts.push(`${s.init ? 'init container' : 'container'} ${code(s.container)}`);
  const workload = s.workload ?? s.owner;
  if (workload) parts.push(code(workloadLabel(workload)));
  return parts.join(' · ');
}

/* ----------------------------------------------------------------------------------------- */
/* Escaping                                                                                    */
/* ----------------------------------------------------------------------------------------- */

/**
 * A code span that survives any content: the delimiter is one backtick longer than the longest
 * run inside, padded with spaces when the content starts or ends with a backtick (CommonMark
 * 6.1). Newlines are folded to spaces; callers use {@link fence} for multi-line text.
 */
export function code(text: string): string {
  const t = text.replace(/\s*\n\s*/g, ' ');
  if (t === '') return '` `';
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((m) => m.length));
  const tick = '`'.repeat(longest + 1);
  const pad =
    t.startsWith('`') || t.endsWith('`') || (t.startsWith(' ') && t.endsWith(' ')) ? ' ' : '';
  return `${tick}${pad}${t}${pad}${tick}`;
}

/** A fenced block longer than any backtick run in the content, each line indented. */
function fence(text: string, lang: string, indent: string): string[] {
  const longest = Math.max(2, ...(text.match(/`{3,}/g) ?? []).map((m) => m.length));
  const ticks = '`'.repeat(longest + 1);
  const body = text.split('\n').map((l) => (l === '' ? '' : `${indent}${l}`));
  return [`${indent}${ticks}${lang}`, ...body, `${indent}${ticks}`];
}

/**
 * Escape prose for inline Markdown: characters that start emphasis, links, HTML or code, and
 * a block marker at the start. Underscores inside words (`REDIS_URL`) are left alone since
 * they cannot start emphasis in CommonMark, which keeps the source readable.
 */
export function inline(text: string): string {
  const escaped = text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/[\\`*[\]<>~]/g, (c) => `\\${c}`)
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_');
  return escaped.replace(/^(\s*)([#+\-=>]|\d+[.)])/, '$1\\$2');
}

/** Prose that may hold line breaks: each line escaped, paragraphs kept. */
function paragraph(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => inline(p.trim()))
    .filter((p) => p !== '')
    .join('\n\n');
}

/**
 * A table cell: no newlines, and every pipe escaped, even inside code spans, where GFM
 * also requires `\|` and shows it as `|`.
 */
export function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}
