/**
 * The accuracy corpus: every case folder under test/fixtures/cases (input.txt + expected.json, the
 * format of the public acceptance cases) is diagnosed in-process; the top diagnosis' category must
 * be the expected (or an acceptable) one and every evidence excerpt must be in the input. A case
 * marked `"known_gap"` documents something the engine cannot tell yet: it is expected to fail, and
 * the test says so when it starts passing. Accuracy per category is printed at the end.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DETECTORS } from '../src/detectors/index.js';
import { diagnose } from '../src/engine/diagnose.js';
import { collectOffline } from '../src/evidence/offline/collect.js';

interface Expected {
  category: string;
  also_acceptable?: string[];
  evidence?: string[];
  known_gap?: string;
}

const root = join(import.meta.dirname, 'fixtures', 'cases');
const folders = existsSync(root)
  ? readdirSync(root)
      .filter((d) => existsSync(join(root, d, 'expected.json')))
      .sort()
  : [];
const tally = new Map<string, { right: number; total: number }>();
const fold = (s: string): string => s.replace(/\s+/g, ' ').trim();

export function diagnoseText(text: string): { category: string; excerpts: string[] } {
  const bundle = collectOffline([{ name: 'input.txt', text }]);
  const report = diagnose(bundle, {
    detectors: Object.values(DETECTORS),
    version: 'test',
    mode: 'offline',
    inputs: ['input.txt'],
  });
  const top = report.diagnoses[0];
  const excerpts = report.diagnoses
    .flatMap((d) => [d.rootCause, ...d.contributing])
    .flatMap((c) => c.evidence.map((e) => e.excerpt));
  return { category: top?.rootCause.category ?? 'none', excerpts };
}

describe('accuracy corpus', () => {
  it('has cases', () => {
    expect(folders.length).toBeGreaterThan(0);
  });

  for (const name of folders) {
    const expected = JSON.parse(
      readFileSync(join(root, name, 'expected.json'), 'utf8'),
    ) as Expected;
    const input = readFileSync(join(root, name, 'input.txt'), 'utf8');
    const test = expected.known_gap ? it.fails : it;
    test(`${name} → ${expected.category}${expected.known_gap ? ` (known gap: ${expected.known_gap})` : ''}`, () => {
      const { category, excerpts } = diagnoseText(input);
      const accepted = [expected.category, ...(expected.also_acceptable ?? [])];
      const t = tally.get(expected.category) ?? { right: 0, total: 0 };
      t.total++;
      if (accepted.includes(category)) t.right++;
      tally.set(expected.category, t);
      expect(accepted, `diagnosed ${category}`).toContain(category);
      const folded = fold(input);
      for (const x of excerpts)
        expect(folded.includes(fold(x)), `evidence not in input: ${x}`).toBe(true);
    });
  }

  afterAll(() => {
    const rows = [...tally.entries()].sort(([a], [b]) => a.localeCompare(b));
    const total = rows.reduce((n, [, t]) => n + t.total, 0);
    const right = rows.reduce((n, [, t]) => n + t.right, 0);
    const lines = rows.map(([cat, t]) => `  ${cat.padEnd(22)} ${t.right}/${t.total}`);
    process.stdout.write(`\nCorpus top-1 accuracy: ${right}/${total}\n${lines.join('\n')}\n`);
  });
});
