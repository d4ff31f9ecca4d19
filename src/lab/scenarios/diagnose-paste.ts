/**
 * Diagnose a lab paste offline, exactly as `crashlens diagnose -f paste.txt` would: the offline
 * collector, the engine with every registered detector, and the text renderer.
 */
import { redactDeep } from '../../redact/redact.js';
import pkg from '../../../package.json' with { type: 'json' };
import { DETECTORS } from '../../detectors/index.js';
import { diagnose } from '../../engine/diagnose.js';
import type { Report } from '../../engine/report.js';
import { collectOffline } from '../../evidence/offline/collect.js';
import { renderText } from '../../render/index.js';

export function diagnosePaste(paste: string, name = 'lab-paste.txt'): Report {
  const bundle = collectOffline([{ name, text: paste }]);
  return diagnose(bundle, {
    detectors: Object.values(DETECTORS),
    version: pkg.version,
    mode: 'offline',
    inputs: [name],
  });
}

/** The top diagnosis's root-cause category, or `healthy` when nothing was found. */
export function topCategory(report: Report): string {
  return report.diagnoses[0]?.rootCause.category ?? 'healthy';
}

export function renderReport(
  report: Report,
  options: { color?: boolean; width?: number } = {},
): string {
  return renderText(redactDeep(report), {
    color: options.color === true,
    ...(options.width !== undefined ? { width: options.width } : {}),
  });
}
