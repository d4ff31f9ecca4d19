/**
 * Input normalization shared by every offline parser: line endings, ANSI colour codes, and
 * Markdown quote markers. Line count is preserved so line numbers still match the input.
 */

import { ANSI } from '../marks.js';

/** Split text into lines with CRLF/CR handled and ANSI sequences removed. */
export function normalizeLines(text: string): string[] {
  const stripped = text.replace(ANSI, '').replace(/\r\n?/g, '\n');
  const lines = stripped.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * The input's lines with ANSI codes kept, where any line had them (undefined otherwise): quotes
 * must be literal spans of what the user pasted, so the citer picks a span between codes.
 */
export function originalLines(text: string): string[] | undefined {
  if (!text.includes('\u001b')) return undefined;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Remove `> ` quote markers (Markdown/e-mail quoting) when most non-blank lines carry them.
 * Lines keep their positions.
 */
export function unquote(lines: string[]): string[] {
  const nonBlank = lines.filter((l) => l.trim() !== '');
  if (nonBlank.length === 0) return lines;
  const quoted = nonBlank.filter((l) => /^\s{0,3}>( |$)/.test(l));
  if (quoted.length / nonBlank.length < 0.6) return lines;
  return lines.map((l) => l.replace(/^\s{0,3}> ?/, ''));
}
