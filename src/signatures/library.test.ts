/**
 * Runs every signature's own examples: each example line must match its signature and extract
 * what it declares; counter-examples must not match. Also checks the library's invariants.
 */
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../engine/report.js';
import { SIGNATURES, SignatureScanner } from './index.js';

describe('signature library', () => {
  it('has unique ids, known categories, keywords and examples', () => {
    const ids = new Set<string>();
    for (const sig of SIGNATURES) {
      expect(ids.has(sig.id), `duplicate id ${sig.id}`).toBe(false);
      ids.add(sig.id);
      expect(CATEGORIES).toContain(sig.category);
      expect(sig.keywords.length, sig.id).toBeGreaterThan(0);
      expect(sig.examples.length, sig.id).toBeGreaterThan(0);
      expect(sig.weight).toBeGreaterThan(0);
      expect(sig.weight).toBeLessThanOrEqual(1);
    }
  });

  const scanner = new SignatureScanner(SIGNATURES);
  for (const sig of SIGNATURES) {
    describe(sig.id, () => {
      for (const example of sig.examples) {
        it(`matches: ${example.line.slice(0, 80)}`, () => {
          const hit = scanner.matchLine(example.line).find((m) => m.signature.id === sig.id);
          expect(hit, `${sig.id} should match`).toBeDefined();
          for (const [k, v] of Object.entries(example.extracts ?? {})) {
            expect(hit?.groups[k as keyof typeof hit.groups]).toBe(v);
          }
        });
      }
      for (const line of sig.counterExamples ?? []) {
        it(`does not match: ${line.slice(0, 80)}`, () => {
          expect(scanner.matchLine(line).some((m) => m.signature.id === sig.id)).toBe(false);
        });
      }
    });
  }

  it('stays linear on a 1 MB adversarial line', () => {
    const line = 'ECONNREFUSED panic: Error: '.repeat(40_000) + 'x'.repeat(100_000);
    expect(() => scanner.matchLine(line)).not.toThrow();
  });
});
