/**
 * @module Renderers: pure functions from a {@link Report} to the text a user asked for with
 * `-o`. The CLI picks the format and decides colour and width; nothing here does I/O.
 */

import type { Report } from '../engine/report.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderText } from './text.js';
import { FORMATS, isOutputFormat, type OutputFormat } from './formats.js';

export { FORMATS, isOutputFormat };
export type { OutputFormat };

/** Options for {@link render}; only the text format uses them. */
export interface RenderOptions {
  /** ANSI colour in text output; the caller decides from the TTY and `NO_COLOR`. */
  color?: boolean;
  /** Terminal width for text output (default 80). */
  width?: number;
  /** Text output: every evidence line, timeline entry and pod. */
  verbose?: boolean;
}

/** Render a report in the given format. */
export function render(report: Report, format: OutputFormat, options: RenderOptions = {}): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'markdown':
      return renderMarkdown(report);
    case 'html':
      return renderHtml(report);
    case 'text':
      return renderText(report, {
        color: options.color === true,
        ...(options.width !== undefined ? { width: options.width } : {}),
        ...(options.verbose !== undefined ? { verbose: options.verbose } : {}),
      });
  }
}

export { renderHtml, renderJson, renderMarkdown, renderText };
export type { TextOptions } from './text.js';
