/**
 * @module The `-o json` renderer: the report as stable, machine-readable JSON (schemaVersion 1,
 * validated by `schema/report.v1.json`). The top-level keys are written in contract order so the
 * output diffs cleanly whatever order the engine built the object in.
 */

import type { Report } from '../engine/report.js';

/** Render a report as pretty-printed JSON (2-space indent, trailing newline). */
export function renderJson(report: Report): string {
  const {
    schemaVersion,
    tool,
    source,
    status,
    generatedAt,
    now,
    diagnoses,
    groups,
    errors,
    warnings,
    ...rest
  } = report;
  const ordered = {
    schemaVersion,
    tool,
    source,
    status,
    generatedAt,
    now,
    diagnoses,
    groups,
    errors,
    warnings,
    ...rest,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
