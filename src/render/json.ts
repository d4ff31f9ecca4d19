/**
 * @module The `-o json` renderer: the report as stable, machine-readable JSON (schemaVersion 1,
 * validated by `schema/report.v1.json`). The top-level keys are written in contract order so the
 * output diffs cleanly whatever order the engine built the object in.
 */

import type { Report } from '../engine/report.js';

/** The top-level keys in contract order; anything else follows in the engine's order. */
const KEY_ORDER: readonly (keyof Report)[] = [
  'schemaVersion',
  'tool',
  'source',
  'status',
  'generatedAt',
  'now',
  'diagnoses',
  'groups',
  'errors',
  'warnings',
];

/** Render a report as pretty-printed JSON (2-space indent, trailing newline). */
export function renderJson(report: Report): string {
  const ordered: Record<string, unknown> = {};
  for (const key of KEY_ORDER) ordered[key] = report[key];
  for (const [key, value] of Object.entries(report)) if (!(key in ordered)) ordered[key] = value;
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
