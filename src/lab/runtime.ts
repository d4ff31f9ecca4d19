/**
 * Starting and stopping a whole lab: the in-memory store, log store and event recorder, the
 * API server real kubectl talks to, the controllers (Deployments, ReplicaSets, Jobs, endpoints,
 * scheduler), the pod network, the kubelet emulator with its real processes, and the chosen
 * scenarios (manifests applied, timed actions playing). `stop()` — and a watchdog if this
 * process dies first — leaves no process behind.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CrashlensError } from '../errors.js';
import { startApiServer, type ApiServer } from './api/server.js';
import { startControllers } from './controllers/manager.js';
import type { FaultOptions } from './faults/fault-injector.js';
import { ImageRegistry } from './kubelet/images.js';
import { Kubelet } from './kubelet/kubelet.js';
import { killProcessGroups } from './kubelet/process.js';
import { Reaper } from './kubelet/reaper.js';
import { LabNetwork } from './net/network.js';
import { applyManifests } from './scenarios/apply.js';
import { findFailingPod, type FailingPod } from './scenarios/failure.js';
import {
  defaultLabDir,
  listScenarioNames,
  loadScenario,
  type Scenario,
} from './scenarios/loader.js';
import { buildPaste, runKubectl, splitArgs, type KubectlRunner } from './scenarios/paste.js';
import { ScenarioPlayer } from './scenarios/player.js';
import type { ScenarioAction } from './scenarios/schema.js';
import { systemClock } from './store/clock.js';
import { StoreEventRecorder } from './store/event-recorder.js';
import { MemoryLogStore } from './store/log-store.js';
import { MemoryStore } from './store/memory-store.js';
import { populateSimulatedCluster, type PopulateOptions } from './sim/populate.js';
import { startSimulatedKubelet } from './sim/sim-kubelet.js';
import type { EventRecorder, LabClock, LogStore } from './store/types.js';

export interface StartLabOptions {
  /** Scenario names (folders of lab/scenarios). */
  scenarios?: readonly string[];
  /** API server port (default: a free one). */
  port?: number;
  /** Lab seconds per real second (default 1). */
  timeScale?: number;
  /** Where to write the kubeconfig (default: inside the lab's temporary directory). */
  kubeconfigPath?: string;
  /** Fault injection for the API server. */
  faults?: FaultOptions;
  /** The lab folder holding scenarios/ and images/ (default: the repository's lab/). */
  labDir?: string;
  /** Progress and errors, for whoever wants to show them (the CLI). */
  onNotice?: (notice: LabNotice) => void;
  /** Scale mode: add a simulated (process-less) cluster of this size for benchmarks. */
  scale?: PopulateOptions;
}

export type LabNotice =
  | { kind: 'action'; scenario: string; text: string }
  | { kind: 'error'; text: string; error: unknown };

export interface Lab {
  url: string;
  kubeconfigPath: string;
  store: MemoryStore;
  logs: LogStore;
  events: EventRecorder;
  clock: LabClock;
  network: LabNetwork;
  kubelet: Kubelet;
  scenarios: Scenario[];
  /** The lab's private directory (pods' files, network preloads). */
  dir: string;
  /** Poll `check` until it returns something other than undefined/false, or time out. */
  waitFor<T>(
    check: () => T | undefined | false,
    options?: { timeoutMs?: number; intervalMs?: number; what?: string },
  ): Promise<T>;
  /** Wait until a loaded scenario's failing pod shows the state the scenario declares. */
  waitForFailure(scenario: string, timeoutMs?: number): Promise<FailingPod>;
  /** Run the real kubectl against the lab; returns stdout and stderr together. */
  kubectl(args: string | string[]): Promise<string>;
  /** The paste (describe + logs + the scenario's extra commands) for a scenario's failing pod. */
  paste(scenario: string, pod?: FailingPod): Promise<string>;
  /** PIDs of every process group the lab has running. */
  pids(): number[];
  stop(): Promise<void>;
}

/** The scenarios `lab up` loads by default: the seed incidents and the healthy baseline. */
export function defaultScenarioNames(labDir?: string): string[] {
  return listScenarioNames(labDir).filter((n) => n.startsWith('seed-') || n === 'healthy-baseline');
}

export async function startLab(options: StartLabOptions = {}): Promise<Lab> {
  const labDir = options.labDir ?? defaultLabDir();
  const scenarios = (options.scenarios ?? []).map((n) => loadScenario(n, labDir));
  const timeScale = options.timeScale ?? 1;
  const notice = options.onNotice ?? (() => {});
  const onError = (err: unknown): void =>
    notice({ kind: 'error', text: err instanceof Error ? err.message : String(err), error: err });

  const dir = mkdtempSync(join(tmpdir(), 'crashlens-lab-'));
  // Containers may run as other users: they must reach the preloads and their own files.
  chmodSync(dir, 0o755);
  const clock = systemClock(timeScale);
  const store = new MemoryStore({ clock, onWatcherError: onError });
  const logs = new MemoryLogStore({ clock });
  const events = new StoreEventRecorder(store, clock);
  const images = new ImageRegistry();
  for (const s of scenarios) for (const i of s.images) images.add(i);

  const reaper = new Reaper(join(dir, 'process-groups.json'));
  const cleanups: (() => void | Promise<void>)[] = [];
  let network: LabNetwork | undefined;
  let kubelet: Kubelet | undefined;
  let api: ApiServer | undefined;
  const exitHandler = (): void => {
    if (kubelet) killProcessGroups(kubelet.pids());
  };
  process.on('exit', exitHandler);
  try {
    network = new LabNetwork({ store, dir: join(dir, 'net'), onError });
    network.start();
    const net = network;
    kubelet = new Kubelet({
      store,
      logs,
      events,
      clock,
      network,
      images,
      dir,
      onError,
      onGroupsChanged: (groups) => reaper.write(groups),
    });
    kubelet.start();
    if (options.scale) {
      populateSimulatedCluster(store, logs, events, options.scale);
      const sim = startSimulatedKubelet({ store, logs, events, clock });
      cleanups.push(() => sim.stop());
    }
    const controllers = startControllers({
      store,
      events,
      clock,
      onError: (_c, _k, err) => onError(err),
    });
    cleanups.push(() => controllers.stop());
    api = await startApiServer({
      store,
      logs,
      clock,
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.faults ? { faults: options.faults } : {}),
      gracefulPodDeletion: true,
    });
    const server = api;
    cleanups.push(() => server.close());
    const kubeconfigPath = resolve(options.kubeconfigPath ?? join(dir, 'kubeconfig'));
    await api.writeKubeconfig(kubeconfigPath);
    const players: ScenarioPlayer[] = [];
    // Pushed last, so stop (and the failure path) runs it first: no player acts on a stopping lab.
    cleanups.push(() => players.forEach((p) => p.stop()));
    for (const s of scenarios) {
      applyManifests(store, s.manifests);
      const player = new ScenarioPlayer(s, {
        store,
        events,
        clock,
        onError,
        onAction: (scenario, action) =>
          notice({ kind: 'action', scenario, text: action.description ?? describeAction(action) }),
      });
      players.push(player);
      void player.start();
    }
    const kubectlHome = join(dir, 'kubectl-home');
    mkdirSync(kubectlHome, { recursive: true });
    let runner: KubectlRunner | undefined;
    const getRunner = async (): Promise<KubectlRunner> => {
      runner ??= { kubectl: await findKubectl(), kubeconfig: kubeconfigPath, home: kubectlHome };
      return runner;
    };
    const scenarioByName = (name: string): Scenario => {
      const s = scenarios.find((x) => x.spec.name === name);
      if (!s)
        throw new CrashlensError('E_NOT_FOUND', `Scenario "${name}" is not loaded in this lab.`, {
          hint: `Loaded: ${scenarios.map((x) => x.spec.name).join(', ') || 'none'}.`,
        });
      return s;
    };
    const k = kubelet;
    let stopped: Promise<void> | undefined;
    const lab: Lab = {
      url: api.url,
      kubeconfigPath,
      store,
      logs,
      events,
      clock,
      network,
      kubelet,
      scenarios,
      dir,
      async waitFor<T>(
        check: () => T | undefined | false,
        o: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
      ): Promise<T> {
        const deadline = Date.now() + (o.timeoutMs ?? 30_000);
        for (;;) {
          const v = check();
          if (v !== undefined && v !== false) return v;
          if (Date.now() > deadline) {
            throw new CrashlensError(
              'E_INTERNAL',
              `Timed out waiting for ${o.what ?? 'a lab condition'}.`,
            );
          }
          await new Promise((r) => setTimeout(r, o.intervalMs ?? 100));
        }
      },
      waitForFailure(name: string, timeoutMs = 30_000): Promise<FailingPod> {
        const s = scenarioByName(name);
        return lab.waitFor(() => findFailingPod(store, s.spec.expect, logs), {
          timeoutMs,
          what: `scenario ${name} to reach its failure state`,
        });
      },
      async kubectl(args: string | string[]): Promise<string> {
        return runKubectl(await getRunner(), typeof args === 'string' ? splitArgs(args) : args);
      },
      async paste(name: string, pod?: FailingPod): Promise<string> {
        const s = scenarioByName(name);
        const { waitingReason: reason, log } = s.spec.expect.state;
        let failing = pod ?? findFailingPod(store, s.spec.expect, logs);
        let text = '';
        // A crash-looping pod moves on between polls: take the paste again until describe shows
        // the state the scenario is about (as a person re-runs kubectl).
        for (let attempt = 0; attempt < 10; attempt++) {
          if (failing) {
            text = await buildPaste(await getRunner(), failing, s.spec.paste);
            const shows =
              (!reason || new RegExp(`Reason:\\s+${reason}\\b`).test(text)) &&
              (log === undefined || text.includes(log));
            if (shows) return text;
          }
          await new Promise((r) => setTimeout(r, 250));
          failing = findFailingPod(store, s.spec.expect, logs) ?? failing;
        }
        if (!text) {
          throw new CrashlensError(
            'E_NOT_FOUND',
            `Scenario ${name} has no pod in its failure state yet.`,
          );
        }
        return text;
      },
      pids: () => k.pids(),
      stop(): Promise<void> {
        stopped ??= (async () => {
          // Stop making changes first, then the processes, then the network they used.
          for (const c of cleanups.splice(0).reverse()) {
            try {
              await c();
            } catch (err) {
              onError(err);
            }
          }
          await k.stop();
          net.stop();
          reaper.stop();
          process.off('exit', exitHandler);
          rmSync(dir, { recursive: true, force: true });
        })();
        return stopped;
      },
    };
    return lab;
  } catch (err) {
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => undefined);
    await kubelet?.stop();
    network?.stop();
    reaper.stop();
    process.off('exit', exitHandler);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

function describeAction(a: ScenarioAction): string {
  const what =
    Object.keys(a).find((k) => k !== 'after' && k !== 'description' && k !== 'waitForReady') ??
    'action';
  const target = (a as Record<string, { kind?: string; name?: string } | undefined>)[what];
  return target?.name ? `${what} ${target.kind ?? ''} ${target.name}`.replace(/\s+/g, ' ') : what;
}

/** The kubectl the project installs (scripts/kubectl.mjs), else one on the usual paths. */
async function findKubectl(): Promise<string> {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const script = join(dir, 'scripts', 'kubectl.mjs');
    if (existsSync(script)) {
      try {
        const mod = (await import(pathToFileURL(script).href)) as {
          ensureKubectl?: () => Promise<string>;
        };
        if (mod.ensureKubectl) return await mod.ensureKubectl();
      } catch {
        break;
      }
    }
    dir = dirname(dir);
  }
  for (const p of ['/usr/local/bin/kubectl', '/usr/bin/kubectl']) if (existsSync(p)) return p;
  throw new CrashlensError('E_NOT_FOUND', 'kubectl was not found.', {
    hint: 'Run `npm install` in the crashlens folder (it provides kubectl for the lab), or install kubectl.',
  });
}
