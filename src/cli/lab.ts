/**
 * `crashlens lab …`: run the local lab cluster in the foreground (`up`, with a state file so
 * `down` in another terminal can stop it), list its scenarios, print its kubeconfig, and the
 * demo behind `npm start` (start the seed scenarios fast, wait for each failure, paste real
 * kubectl output, diagnose it offline, print the diagnoses, stop). The only lab code that prints.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CrashlensError } from '../errors.js';
import { defaultScenarioNames, startLab, type Lab, type LabNotice } from '../lab/runtime.js';
import { listScenarioNames, loadScenario } from '../lab/scenarios/loader.js';
import { diagnosePaste, renderReport, topCategory } from '../lab/scenarios/diagnose-paste.js';
import type { Io } from './main.js';

interface LabState {
  pid: number;
  /** When that process started (clock ticks since boot, Linux), so a reused pid is not mistaken for the lab. */
  processStart?: string | undefined;
  url: string;
  kubeconfig: string;
  /** The lab's private directory (its pods' files). */
  dir: string;
  scenarios: string[];
  startedAt: string;
}

const STATE_DIR = '.crashlens';
const STATE_FILE = 'lab.json';

function statePath(cwd: string): string {
  return resolve(cwd, STATE_DIR, STATE_FILE);
}

function readState(cwd: string): LabState | undefined {
  const p = statePath(cwd);
  if (!existsSync(p)) return undefined;
  try {
    return JSON.parse(readFileSync(p, 'utf8')) as LabState;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Start time of a process from /proc (field 22 of its stat line); undefined where there is no /proc. */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** True while the process the state file names is still that lab, not a later process given its pid. */
function labRunning(state: LabState): boolean {
  if (!alive(state.pid)) return false;
  if (state.processStart === undefined) return true;
  const now = processStart(state.pid);
  return now === undefined || now === state.processStart;
}

function parseTimeScale(v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || n > 1000) {
    throw new CrashlensError(
      'E_USAGE',
      `--time-scale must be a number between 0 and 1000, not "${v}".`,
      {
        hint: 'Use --time-scale 10 to make back-offs and probe periods ten times shorter.',
      },
    );
  }
  return n;
}

function parsePort(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new CrashlensError('E_USAGE', `--port must be a TCP port number, not "${v}".`, {
      hint: 'Use --port 0 to pick a free port.',
    });
  }
  return n;
}

function scenarioNames(requested: string[] | undefined): string[] {
  if (!requested || requested.length === 0) return defaultScenarioNames();
  const names = requested
    .flatMap((r) => r.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.includes('all')) return listScenarioNames();
  return names;
}

/** Wait until the process is asked to stop (Ctrl-C, SIGTERM from `lab down`). */
function untilSignalled(): Promise<NodeJS.Signals> {
  return new Promise((resolvePromise) => {
    const on = (sig: NodeJS.Signals): void => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      process.off('SIGHUP', on);
      resolvePromise(sig);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
    process.on('SIGHUP', on);
  });
}

function describeNotice(n: LabNotice): string | undefined {
  switch (n.kind) {
    case 'action':
      return `  [${n.scenario}] ${n.text}`;
    case 'error':
      return `  lab: ${n.text}`;
    default:
      return undefined;
  }
}

/**
 * Adds `lab up|down|scenarios|kubeconfig|demo` to the program. `setStatus` receives the exit
 * status of commands that have one beyond success (the demo: 1 when a diagnosis was not the
 * expected one); without it, `process.exitCode` is set.
 */
export function registerLabCommands(
  program: Command,
  io: Io,
  setStatus: (code: number) => void = (code) => {
    process.exitCode = code;
  },
): void {
  const lab = program
    .command('lab')
    .description(
      'A local Kubernetes-compatible cluster whose containers are real failing processes',
    );

  lab
    .command('up')
    .description('Start the lab in the foreground (Ctrl-C or `crashlens lab down` stops it)')
    .option(
      '-s, --scenario <names...>',
      'scenarios to load (default: the seed incidents and a healthy baseline; "all" for every scenario)',
    )
    .option('--port <n>', 'API server port (default: a free port)')
    .option(
      '--time-scale <f>',
      'run back-offs, probes and scenario timers this many times faster',
      '1',
    )
    .option('--kubeconfig <file>', 'where to write the kubeconfig', `${STATE_DIR}/kubeconfig`)
    .action(
      async (flags: {
        scenario?: string[];
        port?: string;
        timeScale?: string;
        kubeconfig: string;
      }) => {
        const cwd = process.cwd();
        const existing = readState(cwd);
        if (existing && labRunning(existing)) {
          throw new CrashlensError(
            'E_USAGE',
            `A lab is already running (pid ${existing.pid}, ${existing.url}).`,
            {
              hint:
                'Stop it with `crashlens lab down`, or use it: `export KUBECONFIG=' +
                existing.kubeconfig +
                '`.',
            },
          );
        }
        const names = scenarioNames(flags.scenario);
        const port = parsePort(flags.port);
        const timeScale = parseTimeScale(flags.timeScale, 1);
        const kubeconfigPath = resolve(cwd, flags.kubeconfig);
        io.stderr(`Starting the crashlens lab with ${names.length} scenario(s)...\n`);
        const started = Date.now();
        const labInstance = await startLab({
          scenarios: names,
          ...(port !== undefined ? { port } : {}),
          timeScale,
          kubeconfigPath,
          onNotice: (n) => {
            const line = describeNotice(n);
            if (line) io.stderr(`${line}\n`);
          },
        });
        try {
          mkdirSync(resolve(cwd, STATE_DIR), { recursive: true });
          const state: LabState = {
            pid: process.pid,
            processStart: processStart(process.pid),
            url: labInstance.url,
            kubeconfig: labInstance.kubeconfigPath,
            dir: labInstance.dir,
            scenarios: names,
            startedAt: new Date().toISOString(),
          };
          writeFileSync(statePath(cwd), `${JSON.stringify(state, null, 2)}\n`);
          io.stdout(
            [
              `Lab ready in ${((Date.now() - started) / 1000).toFixed(1)}s: ${labInstance.url} (time scale ${timeScale})`,
              `Kubeconfig: ${labInstance.kubeconfigPath}`,
              '',
              `  export KUBECONFIG=${labInstance.kubeconfigPath}`,
              '  kubectl get pods -A',
              '',
              'Scenarios:',
              ...labInstance.scenarios.map(
                (s) =>
                  `  ${s.spec.name.padEnd(34)} ${s.spec.expect.category.padEnd(22)} ns/${s.spec.expect.namespace}`,
              ),
              '',
              'Press Ctrl-C (or run `crashlens lab down`) to stop the lab and every process it started.',
              '',
            ].join('\n'),
          );
          const sig = await untilSignalled();
          io.stderr(`\nReceived ${sig}; stopping the lab...\n`);
        } finally {
          await labInstance.stop();
          const s = readState(cwd);
          if (s?.pid === process.pid) rmSync(statePath(cwd), { force: true });
          io.stderr('Lab stopped; all its processes are gone.\n');
        }
      },
    );

  lab
    .command('down')
    .description('Stop the lab started by `crashlens lab up` in this directory')
    .action(async () => {
      const cwd = process.cwd();
      const state = readState(cwd);
      if (!state) {
        throw new CrashlensError(
          'E_NOT_FOUND',
          `No lab is running from ${cwd} (there is no ${STATE_DIR}/${STATE_FILE}).`,
          {
            hint: 'Start one with `crashlens lab up`; run `lab down` in the directory where you started it.',
          },
        );
      }
      if (!labRunning(state)) {
        rmSync(statePath(cwd), { force: true });
        io.stdout(`The lab (pid ${state.pid}) was no longer running; removed its state file.\n`);
        return;
      }
      process.kill(state.pid, 'SIGTERM');
      const deadline = Date.now() + 30_000;
      while (alive(state.pid) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      if (alive(state.pid)) {
        throw new CrashlensError(
          'E_INTERNAL',
          `The lab (pid ${state.pid}) did not stop within 30 seconds.`,
          {
            hint: `Stop it with \`kill -9 ${state.pid}\`; its container processes are stopped with it.`,
          },
        );
      }
      rmSync(statePath(cwd), { force: true });
      io.stdout(`Lab stopped (pid ${state.pid}).\n`);
    });

  lab
    .command('scenarios')
    .description('List the lab scenarios with their expected root-cause category')
    .option('-o, --output <format>', 'text or json', 'text')
    .action((flags: { output: string }) => {
      const rows = listScenarioNames().map((n) => {
        const s = loadScenario(n);
        return {
          name: n,
          category: s.spec.expect.category,
          namespace: s.spec.expect.namespace,
          description: s.spec.description.trim(),
        };
      });
      if (flags.output === 'json') {
        io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      const out: string[] = [`${'NAME'.padEnd(34)} ${'EXPECTED'.padEnd(22)} DESCRIPTION`];
      for (const r of rows)
        out.push(`${r.name.padEnd(34)} ${r.category.padEnd(22)} ${firstSentence(r.description)}`);
      io.stdout(`${out.join('\n')}\n`);
    });

  lab
    .command('kubeconfig')
    .description("Print the running lab's kubeconfig (or its path with --path)")
    .option('--path', 'print only the file path')
    .action((flags: { path?: boolean }) => {
      const state = readState(process.cwd());
      if (!state || !labRunning(state)) {
        throw new CrashlensError('E_NOT_FOUND', 'No lab is running from this directory.', {
          hint: 'Start one with `crashlens lab up`.',
        });
      }
      io.stdout(flags.path ? `${state.kubeconfig}\n` : readFileSync(state.kubeconfig, 'utf8'));
    });

  lab
    .command('demo')
    .description(
      'Start the seed scenarios at a fast time scale, paste real kubectl output for each failing pod, diagnose it offline, then stop',
    )
    .option('-s, --scenario <names...>', 'scenarios to run (default: the seed incidents)')
    .option('--time-scale <f>', 'time scale', '20')
    .action(async (flags: { scenario?: string[]; timeScale?: string }) => {
      const names = flags.scenario
        ? scenarioNames(flags.scenario)
        : listScenarioNames().filter((n) => n.startsWith('seed-'));
      const status = await runDemo(io, {
        scenarios: names,
        timeScale: parseTimeScale(flags.timeScale, 20),
      });
      if (status !== 0) setStatus(status);
    });
}

function firstSentence(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  const m = /^(.{20,}?[.:])\s/.exec(one);
  const s = m?.[1] ?? one;
  return s.length > 110 ? `${s.slice(0, 107)}...` : s;
}

export interface DemoOptions {
  scenarios?: string[];
  timeScale?: number;
  /** Per-scenario wait for the failure state (real ms). */
  timeoutMs?: number;
}

/**
 * The `npm start` demo: starts the lab with the seed scenarios at a fast time scale, waits for
 * each to fail, builds a paste with real kubectl (`describe pod` + `logs --previous`), diagnoses
 * it offline and prints the diagnosis. Returns 0 when every scenario got its expected category.
 */
export async function runDemo(io: Io, options: DemoOptions = {}): Promise<number> {
  const names = options.scenarios ?? listScenarioNames().filter((n) => n.startsWith('seed-'));
  const timeScale = options.timeScale ?? 20;
  io.stderr(
    `Starting the crashlens lab with ${names.length} seed scenario(s) at ${timeScale}x speed...\n`,
  );
  const labInstance: Lab = await startLab({ scenarios: names, timeScale });
  let mismatches = 0;
  const stop = (): void => {
    void labInstance.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  try {
    io.stderr(`Lab up at ${labInstance.url}; kubeconfig ${labInstance.kubeconfigPath}\n\n`);
    const results = await Promise.all(
      labInstance.scenarios.map(async (s) => {
        try {
          const failing = await labInstance.waitForFailure(
            s.spec.name,
            options.timeoutMs ?? 60_000,
          );
          const paste = await labInstance.paste(s.spec.name, failing);
          return { s, paste, error: undefined };
        } catch (err) {
          return { s, paste: undefined, error: err instanceof Error ? err.message : String(err) };
        }
      }),
    );
    for (const r of results) {
      const header = `=== ${r.s.spec.name} (expected: ${r.s.spec.expect.category}) `;
      io.stdout(`${header}${'='.repeat(Math.max(3, 100 - header.length))}\n`);
      if (!r.paste) {
        io.stdout(`  did not reach its failure state: ${r.error ?? 'timed out'}\n\n`);
        mismatches++;
        continue;
      }
      const report = diagnosePaste(r.paste, `${r.s.spec.name}.txt`);
      const got = topCategory(report);
      io.stdout(renderReport(report, { color: io.isTTY && !io.env['NO_COLOR'], width: 100 }));
      const ok = got === r.s.spec.expect.category;
      if (!ok) mismatches++;
      io.stdout(
        `\n--> diagnosed: ${got} ${ok ? '(as expected)' : `(expected ${r.s.spec.expect.category})`}\n\n`,
      );
    }
    io.stdout(
      `${results.length - mismatches}/${results.length} scenarios diagnosed as expected.\n`,
    );
  } finally {
    process.off('SIGINT', stop);
    await labInstance.stop();
  }
  return mismatches === 0 ? 0 : 1;
}
