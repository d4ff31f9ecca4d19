/**
 * Nothing the lab starts outlives it: `lab.stop()`, Ctrl-C on `crashlens lab up`,
 * `crashlens lab down` from another process, and even a SIGKILLed lab (its watchdog cleans up).
 * The CLI and the lab run as real separate processes, bundled the way the CLI is.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLab } from '../../src/lab/runtime.js';
import { bundleFixture, processesInGroups, stopAndCheckNoLeak } from './support.js';

/** Processes whose environment names the lab directory (its containers), read from /proc. */
function containersOf(labDir: string): number[] {
  const out: number[] = [];
  for (const name of spawnSync('ls', ['/proc'], { encoding: 'utf8' }).stdout.split('\n')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (
        readFileSync(`/proc/${name}/environ`, 'latin1').includes(
          `CRASHLENS_LAB_CONTAINER=${labDir}/`,
        )
      )
        out.push(Number(name));
    } catch {
      // gone, or not ours to read
    }
  }
  return out;
}

function collect(child: ChildProcess): { text: () => string } {
  let text = '';
  child.stdout?.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (text += d.toString()));
  return { text: () => text };
}

async function until<T>(f: () => T | undefined | false, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((r) =>
    child.exitCode !== null ? r(child.exitCode) : child.once('exit', (code) => r(code)),
  );
}

let cli = '';
let childScript = '';
/** Every program a test starts, so a failing test still leaves nothing running. */
const started: ChildProcess[] = [];
function start(args: string[], cwd?: string): ChildProcess {
  const child = spawn(process.execPath, args, { stdio: 'pipe', ...(cwd ? { cwd } : {}) });
  started.push(child);
  return child;
}
afterEach(() => {
  for (const c of started.splice(0))
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});
beforeAll(async () => {
  cli = await bundleFixture('lab-cli.ts');
  childScript = await bundleFixture('lab-child.ts');
}, 60_000);

describe('no process outlives the lab', () => {
  it('lab.stop() ends every container process and its children', async () => {
    const lab = await startLab({ scenarios: ['healthy-baseline', 'seed-003-oom'], timeScale: 20 });
    await lab.waitFor(() => lab.pids().length >= 3, {
      timeoutMs: 20_000,
      what: 'containers to run',
    });
    expect(processesInGroups(lab.pids()).length).toBeGreaterThanOrEqual(3);
    await stopAndCheckNoLeak(lab);
    expect(existsSync(lab.dir)).toBe(false);
  }, 60_000);

  it('Ctrl-C on `crashlens lab up` stops the lab and its processes', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'lab-up-'));
    const child = start(
      [cli, 'lab', 'up', '--scenario', 'healthy-baseline', '--time-scale', '20'],
      cwd,
    );
    const output = collect(child);
    await until(() => output.text().includes('Lab ready'), 30_000, '`lab up` to be ready');
    expect(output.text()).toMatch(/export KUBECONFIG=\S+\/\.crashlens\/kubeconfig/);
    const state = JSON.parse(readFileSync(join(cwd, '.crashlens', 'lab.json'), 'utf8')) as {
      pid: number;
      dir: string;
      kubeconfig: string;
    };
    expect(state.pid).toBe(child.pid);
    const pids = await until(
      () => containersOf(state.dir).length >= 2 && containersOf(state.dir),
      20_000,
      'containers',
    );
    child.kill('SIGINT');
    expect(await exited(child)).toBe(0);
    expect(output.text()).toContain('Lab stopped');
    for (const pid of pids) expect(existsSync(`/proc/${pid}`), `process ${pid}`).toBe(false);
    expect(existsSync(join(cwd, '.crashlens', 'lab.json'))).toBe(false);
  }, 60_000);

  it('`crashlens lab down` stops a lab started in the same directory', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'lab-down-'));
    const up = start(
      [cli, 'lab', 'up', '--scenario', 'healthy-baseline', '--time-scale', '20'],
      cwd,
    );
    const output = collect(up);
    await until(() => output.text().includes('Lab ready'), 30_000, '`lab up` to be ready');
    const state = JSON.parse(readFileSync(join(cwd, '.crashlens', 'lab.json'), 'utf8')) as {
      dir: string;
      kubeconfig: string;
    };
    const pods = spawnSync(process.execPath, [cli, 'lab', 'kubeconfig', '--path'], {
      cwd,
      encoding: 'utf8',
    });
    expect(pods.stdout.trim()).toBe(state.kubeconfig);
    const pids = await until(
      () => containersOf(state.dir).length >= 2 && containersOf(state.dir),
      20_000,
      'containers',
    );
    // Not spawnSync: this process must stay free to reap `lab up` when it exits.
    const down = start([cli, 'lab', 'down'], cwd);
    const downOutput = collect(down);
    expect(await exited(down)).toBe(0);
    expect(downOutput.text()).toMatch(/Lab stopped \(pid \d+\)/);
    expect(await exited(up)).toBe(0);
    for (const pid of pids) expect(existsSync(`/proc/${pid}`), `process ${pid}`).toBe(false);
    const again = spawnSync(process.execPath, [cli, 'lab', 'down'], { cwd, encoding: 'utf8' });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('No lab is running');
  }, 60_000);

  it('a SIGKILLed lab is cleaned up by its watchdog', async () => {
    const child = start([childScript, 'healthy-baseline']);
    const output = collect(child);
    const line = await until(
      () =>
        output
          .text()
          .split('\n')
          .find((l) => l.startsWith('{')),
      30_000,
      'the lab to report its processes',
    );
    const { groups } = JSON.parse(line) as { groups: number[] };
    expect(processesInGroups(groups).length).toBeGreaterThan(0);
    child.kill('SIGKILL');
    await exited(child);
    await until(
      () => processesInGroups(groups).length === 0,
      5_000,
      'the watchdog to kill the containers',
    );
  }, 60_000);
});
