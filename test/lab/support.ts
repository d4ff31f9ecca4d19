/**
 * Shared helpers of the lab's end-to-end tests: run a set of scenarios in one lab at a fast time
 * scale, wait for each failure state, take the paste with real kubectl, diagnose it offline,
 * and check nothing the lab started outlives it.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../src/lab/runtime.js';
import {
  diagnosePaste,
  renderReport,
  topCategory,
} from '../../src/lab/scenarios/diagnose-paste.js';
import type { Report } from '../../src/engine/report.js';
import { DETECTORS } from '../../src/detectors/index.js';
import { diagnose } from '../../src/engine/diagnose.js';
import { collectLive } from '../../src/evidence/live/collect.js';

/** Lab seconds per real second in the tests: a 5-minute back-off lasts 15 s. */
export const TIME_SCALE = 20;

/**
 * Scenarios the lab reproduces faithfully but crashlens does not diagnose yet; each entry says
 * which detector is missing or wrong. Their category test is an expected failure (`it.fails`),
 * so it turns red as soon as the detector lands and the entry must be removed.
 */
export const KNOWN_DETECTOR_GAPS: Readonly<Record<string, string>> = {};

/**
 * Bundles a fixture program (`test/lab/fixtures/<name>.ts`) the way the CLI is bundled, into
 * node_modules/.cache so it finds the repository's lab/ and scripts/ as the real CLI does.
 */
export async function bundleFixture(entry: string): Promise<string> {
  const root = join(import.meta.dirname, '..', '..');
  const out = join(root, 'node_modules', '.cache', 'crashlens-test');
  mkdirSync(out, { recursive: true });
  const outfile = join(out, entry.replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [join(import.meta.dirname, 'fixtures', entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  return outfile;
}

/** Process IDs whose process group is one of `groups` (read from /proc). */
export function processesInGroups(groups: readonly number[]): number[] {
  const wanted = new Set(groups);
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] !== 'Z' && wanted.has(Number(fields[2]))) out.push(Number(name));
    } catch {
      // gone while reading
    }
  }
  return out;
}

export async function stopAndCheckNoLeak(lab: Lab): Promise<void> {
  const groups = lab.pids();
  await lab.stop();
  expect(lab.pids()).toEqual([]);
  expect(processesInGroups(groups)).toEqual([]);
}

/** One lab with these scenarios; per scenario: its failure state and evidence, then its diagnosis. */
export function scenarioSuite(title: string, names: readonly string[]): void {
  describe(title, () => {
    let lab: Lab;
    const pastes = new Map<string, string>();
    const reports = new Map<string, Report>();
    const failingPods = new Map<string, { namespace: string; name: string }>();

    beforeAll(async () => {
      lab = await startLab({ scenarios: names, timeScale: TIME_SCALE });
    }, 30_000);

    afterAll(async () => {
      if (lab) await stopAndCheckNoLeak(lab);
    }, 30_000);

    describe.each(names)('%s', (name) => {
      it('reaches its failure state; real kubectl shows the evidence', async () => {
        const scenario = lab.scenarios.find((s) => s.spec.name === name)!;
        const failing = await lab.waitForFailure(name, 45_000);
        failingPods.set(name, failing);
        const paste = await lab.paste(name, failing);
        pastes.set(name, paste);
        for (const e of scenario.spec.expect.evidence)
          expect(paste, `paste of ${name}`).toContain(e);
        reports.set(name, diagnosePaste(paste, `${name}.txt`));
      }, 60_000);

      const scenarioCategory = (): string =>
        lab.scenarios.find((s) => s.spec.name === name)!.spec.expect.category;
      const gap = KNOWN_DETECTOR_GAPS[name];
      const check = (): void => {
        const report = reports.get(name);
        expect(report, 'the paste was taken').toBeDefined();
        const got = topCategory(report!);
        expect(
          got,
          `diagnosis of ${name}:\n${renderReport(report!)}\n--- paste ---\n${pastes.get(name) ?? ''}`,
        ).toBe(scenarioCategory());
      };
      if (gap) it.fails(`is diagnosed as expected (known detector gap: ${gap})`, check);
      else it('is diagnosed offline with the expected category', check);

      // Conformance: live mode reads the same pod through the API and must reach the same cause.
      it('is diagnosed live as it is offline', async () => {
        const pod = failingPods.get(name);
        const offline = reports.get(name);
        expect(pod && offline, 'the paste was taken').toBeTruthy();
        const live = await collectLive({
          kubeconfig: lab.kubeconfigPath,
          namespace: pod!.namespace,
          targets: [pod!.name],
          now: new Date().toISOString(),
        });
        const report = diagnose(live.bundle, {
          detectors: Object.values(DETECTORS),
          version: 'test',
          mode: 'live',
          inputs: [live.server],
          apiRequests: live.apiRequests,
        });
        const liveTop =
          report.diagnoses.find((d) => d.subject.pod === pod!.name) ?? report.diagnoses[0];
        const offlineTop =
          offline!.diagnoses.find((d) => d.subject.pod === pod!.name) ?? offline!.diagnoses[0];
        expect(
          liveTop?.rootCause.category ?? 'healthy',
          `live diagnosis of ${name}:\n${renderReport(report)}`,
        ).toBe(offlineTop?.rootCause.category ?? 'healthy');
      }, 30_000);
    });
  });
}
