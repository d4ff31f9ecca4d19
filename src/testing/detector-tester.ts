/**
 * DetectorTester: table tests for detectors, modelled on ESLint's RuleTester. Each case is a
 * paste of real-looking kubectl output; the tester reads it with the offline collector, runs the
 * one detector on every failing container and checks what it reports.
 *
 * It also checks the tests themselves: both tables non-empty, no duplicate names or pastes,
 * expected message ids that exist, no unfilled placeholders, every evidence excerpt present in
 * the paste, and no mutation of the evidence (it is deep-frozen).
 */
import { describe, expect, it } from 'vitest';
import type { Detector } from '../detectors/define.js';
import { buildCases } from '../engine/cases.js';
import { computeFacts, createCiter, type CaseContext } from '../engine/context.js';
import { EvidenceIndex } from '../engine/evidence-index.js';
import type { Category } from '../engine/report.js';
import { runDetectors, type CaseRun } from '../engine/run.js';
import { collectOffline } from '../evidence/offline/collect.js';
import type { EvidenceBundle } from '../evidence/types.js';

export interface HealthyCase {
  name: string;
  paste: string;
  now?: string;
}

export interface ExpectedFinding {
  messageId: string;
  category?: Category;
  subcategory?: string;
  /** Fields of the message data that must appear in the rendered title. */
  titleIncludes?: string[];
  minConfidence?: number;
  role?: 'cause' | 'factor';
}

export interface FailingCase extends HealthyCase {
  expect: ExpectedFinding[];
  /** Categories the detector must rule out on this paste. */
  rulesOut?: Category[];
}

export interface DetectorTable {
  healthy: HealthyCase[];
  failing: FailingCase[];
}

/** Run a detector over a paste; returns the merged findings of every case. */
export function runOnPaste(
  detector: Detector,
  paste: string,
  now?: string,
): CaseRun & { bundle: EvidenceBundle } {
  const bundle = deepFreeze(collectOffline([{ name: 'paste', text: paste }], now ? { now } : {}));
  const index = new EvidenceIndex(bundle);
  const merged: CaseRun = { findings: [], ruledOut: [], errors: [] };
  for (const c of buildCases(index)) {
    const ctx: CaseContext = {
      case: c,
      facts: computeFacts(c, index),
      index,
      bundle,
      now: bundle.now,
      cite: createCiter(bundle, c),
    };
    const run = runDetectors([detector], ctx);
    merged.findings.push(...run.findings);
    merged.ruledOut.push(...run.ruledOut);
    merged.errors.push(...run.errors);
  }
  return { ...merged, bundle };
}

export function testDetector(detector: Detector, table: DetectorTable): void {
  const { meta } = detector;
  describe(`detector ${meta.id}`, () => {
    it('has a valid table', () => {
      expect(table.healthy.length, 'healthy cases').toBeGreaterThan(0);
      expect(table.failing.length, 'failing cases').toBeGreaterThan(0);
      const names = [...table.healthy, ...table.failing].map((c) => c.name);
      expect(new Set(names).size, 'duplicate case names').toBe(names.length);
      const pastes = [...table.healthy, ...table.failing].map((c) => c.paste);
      expect(new Set(pastes).size, 'duplicate case pastes').toBe(pastes.length);
      for (const c of table.failing) {
        expect(c.expect.length, `${c.name}: expect[]`).toBeGreaterThan(0);
        for (const e of c.expect)
          expect(Object.keys(meta.messages), `${c.name}: unknown messageId`).toContain(e.messageId);
      }
    });

    for (const c of table.healthy) {
      it(`healthy: ${c.name}`, () => {
        const run = runOnPaste(detector, c.paste, c.now);
        expect(run.errors).toEqual([]);
        expect(run.findings.filter((f) => f.role === 'cause').map((f) => f.title)).toEqual([]);
      });
    }

    for (const c of table.failing) {
      it(`failing: ${c.name}`, () => {
        const run = runOnPaste(detector, c.paste, c.now);
        expect(run.errors).toEqual([]);
        const input = fold(c.paste);
        for (const f of run.findings) {
          expect(f.title, 'unfilled placeholder').not.toMatch(/\{\{/);
          expect(f.explanation, 'unfilled placeholder').not.toMatch(/\{\{/);
          for (const e of f.evidence)
            expect(input.includes(fold(e.excerpt)), `evidence not in the paste: ${e.excerpt}`).toBe(
              true,
            );
        }
        for (const e of c.expect) {
          const hit = run.findings.find(
            (f) =>
              f.messageId === e.messageId &&
              (!e.category || f.category === e.category) &&
              (!e.subcategory || f.subcategory === e.subcategory) &&
              (!e.role || f.role === e.role) &&
              (e.minConfidence === undefined || f.confidence >= e.minConfidence) &&
              (e.titleIncludes ?? []).every((t) => f.title.includes(t)),
          );
          expect(
            hit,
            `${c.name}: expected ${JSON.stringify(e)}; got ${JSON.stringify(run.findings.map((f) => ({ messageId: f.messageId, category: f.category, subcategory: f.subcategory, confidence: f.confidence, title: f.title })))}`,
          ).toBeDefined();
        }
        for (const cat of c.rulesOut ?? []) {
          expect(
            run.ruledOut.map((r) => r.category),
            `${c.name}: should rule out ${cat}`,
          ).toContain(cat);
        }
      });
    }
  });
}

function fold(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
