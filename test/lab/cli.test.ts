/**
 * `crashlens lab` commands as a user runs them (bundled like the CLI): listing scenarios, clear
 * errors for user mistakes, and the demo behind `npm start` on two seed scenarios.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listScenarioNames } from '../../src/lab/scenarios/loader.js';
import { bundleFixture } from './support.js';

let cli = '';
beforeAll(async () => {
  cli = await bundleFixture('lab-cli.ts');
}, 60_000);

function run(args: string[], cwd = mkdtempSync(join(tmpdir(), 'lab-cli-'))) {
  return spawnSync(process.execPath, [cli, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
}

describe('crashlens lab', () => {
  it('lists the scenarios with their expected categories', () => {
    const r = run(['lab', 'scenarios']);
    expect(r.status).toBe(0);
    for (const name of listScenarioNames()) expect(r.stdout).toContain(name);
    expect(r.stdout).toMatch(/seed-000-user-auth\s+config-code-mismatch\s+user-auth is upgraded/);
    const json = JSON.parse(run(['lab', 'scenarios', '-o', 'json']).stdout) as {
      name: string;
      category: string;
    }[];
    expect(json.find((s) => s.name === 'seed-003-oom')?.category).toBe('oom-killed');
  });

  it.each([
    [
      ['lab', 'up', '--scenario', 'no-such-scenario'],
      'There is no lab scenario named "no-such-scenario".',
    ],
    [['lab', 'up', '--time-scale', 'fast'], '--time-scale must be a number'],
    [['lab', 'down'], 'No lab is running from'],
    [['lab', 'kubeconfig'], 'No lab is running from this directory.'],
  ])('%j fails with a clear message', (args, message) => {
    const r = run(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it.runIf(existsSync('/proc/self/stat'))(
    '`lab down` never signals a process that only reuses the recorded pid',
    () => {
      // A stale state file whose pid now belongs to someone else: this test's own process.
      const cwd = mkdtempSync(join(tmpdir(), 'lab-stale-'));
      mkdirSync(join(cwd, '.crashlens'));
      const state = {
        pid: process.pid,
        processStart: '1',
        url: 'https://127.0.0.1:1',
        scenarios: [],
      };
      writeFileSync(join(cwd, '.crashlens', 'lab.json'), JSON.stringify(state));
      const r = run(['lab', 'down'], cwd);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('was no longer running; removed its state file');
      expect(existsSync(join(cwd, '.crashlens', 'lab.json'))).toBe(false);
    },
  );

  it('runs the demo: real failures, real kubectl, offline diagnoses, then stops', async () => {
    const child = spawn(
      process.execPath,
      [cli, 'lab', 'demo', '--scenario', 'seed-003-exit-zero,seed-003-wrong-entrypoint'],
      {
        cwd: mkdtempSync(join(tmpdir(), 'lab-demo-')),
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(out).toContain('--> diagnosed: exits-immediately (as expected)');
    expect(out).toContain('--> diagnosed: bad-command (as expected)');
    expect(out).toContain('2/2 scenarios diagnosed as expected.');
    expect(code).toBe(0);
  }, 90_000);
});
