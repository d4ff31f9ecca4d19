/**
 * @module Renderers: pure functions from a {@link Report} to the text a user asked for with
 * `-o`. The CLI picks the format and decides colour and width; nothing here does I/O.
 */

import type { Report } from '../engine/report.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderText } from './text.js';

/** An output format accepted by `-o`. */
export type OutputFormat = 'text' | 'json' | 'markdown';

/** Every output format, in the order help text lists them. */
export const FORMATS: readonly OutputFormat[] = ['text', 'json', 'markdown'];

/** Options for {@link render}; only the text format uses them. */
export interface RenderOptions {
  /** ANSI colour in text output; the caller decides from the TTY and `NO_COLOR`. */
  color?: boolean;
  /** Terminal width for text output (default 80). */
  width?: number;
  /** Text output: every evidence line, timeline entry and pod. */
  verbose?: boolean;
}

/** True when `value` names an output format (for validating `-o`). */
export function isOutputFormat(value: string): value is OutputFormat {
  return (FORMATS as readonly string[]).includes(value);
}

/** Render a report in the given format. */
export function render(report: Report, format: OutputFormat, options: RenderOptions = {}): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'markdown':
      return renderMarkdown(report);
    case 'text':
      return renderText(report, {
        color: options.color === true,
        ...(options.width !== undefined ? { width: options.width } : {}),
        ...(options.verbose !== undefined ? { verbose: options.verbose } : {}),
      });
  }
}

export { renderJson, renderMarkdown, renderText };
export type { TextOptions } from './text.js';
