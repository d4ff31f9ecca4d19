/**
 * Repository invariants for detectors (as ESLint's checkRuleFiles): the registry matches the
 * files, each id equals its file name, and each detector has its table test and its doc page
 * with the fixed headings.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../engine/report.js';
import { DETECTORS } from './index.js';

const here = dirname(fileURLToPath(import.meta.url));
const docs = join(here, '..', '..', 'docs', 'detectors');
const HEADINGS = [
  '## Symptom',
  '## How it is detected',
  '## Evidence used',
  '## Fix',
  '## False positives',
];

const files = readdirSync(here)
  .filter(
    (f) =>
      f.endsWith('.ts') &&
      !f.endsWith('.test.ts') &&
      !f.startsWith('_') &&
      f !== 'index.ts' &&
      f !== 'define.ts',
  )
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

describe('detector registry', () => {
  it('lists exactly the detector files, sorted', () => {
    expect(Object.keys(DETECTORS)).toEqual(files);
    expect(Object.keys(DETECTORS)).toEqual([...Object.keys(DETECTORS)].sort());
  });

  for (const [id, detector] of Object.entries(DETECTORS)) {
    describe(id, () => {
      it('has meta.id equal to its key and file name', () => {
        expect(detector.meta.id).toBe(id);
        expect(CATEGORIES).toContain(detector.meta.category);
      });
      it('has a table test beside it', () => {
        expect(existsSync(join(here, `${id}.test.ts`)), `${id}.test.ts`).toBe(true);
        expect(readFileSync(join(here, `${id}.test.ts`), 'utf8')).toMatch(/testDetector\(/);
      });
      it('has a doc page with the fixed headings', () => {
        const page = join(docs, `${id}.md`);
        expect(existsSync(page), `docs/detectors/${id}.md`).toBe(true);
        const text = readFileSync(page, 'utf8');
        expect(text.startsWith(`# ${id}`), 'title is the id').toBe(true);
        let last = -1;
        for (const h of HEADINGS) {
          const at = text.indexOf(`\n${h}\n`);
          expect(at, `${id}.md lacks "${h}"`).toBeGreaterThan(last);
          last = at;
        }
      });
      it('has well-formed message templates', () => {
        for (const [mid, template] of Object.entries(detector.meta.messages)) {
          expect(template.length, mid).toBeGreaterThan(0);
          expect((template.match(/\{\{/g) ?? []).length, `${mid}: unbalanced placeholders`).toBe(
            (template.match(/\}\}/g) ?? []).length,
          );
        }
      });
    });
  }
});
