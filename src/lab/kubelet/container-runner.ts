/**
 * One container of a pod through its whole life on the node: pull (or find) the image, build
 * its config (env, mounts, user), create it, run runc's pre-exec checks, start the real process,
 * probe it, enforce its limits, stop it gracefully, and restart it under the restart policy and
 * the crash-loop back-off. Every step records the kubelet's events and leaves the container's
 * state, last state and restart count where `kubectl describe` reads them.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { containerArgv } from './command.js';
import {
  buildExecContext,
  execInContainer,
  isNodeProgram,
  PYTHON_EXEC_SHIM,
  resolveUser,
  translateArg,
  type ExecContext,
} from './container-exec.js';
import { sleep, type KubeletContext } from './context.js';
import { buildEnv } from './env.js';
import { newContainerId, parseQuantity, rfc3339 } from './format.js';
import { DEFAULT_IMAGE_PATH, type LabImage } from './images.js';
import { msg, ociCreateFailed, pullNotFound, type ProbeKind } from './messages.js';
import type {
  Container,
  ContainerState,
  ContainerStateTerminated,
  ContainerStatus,
  PodObject,
  Probe,
} from './pod-types.js';
import { ProbeWorker, type ProbeOutcome } from './probes.js';
import { ContainerProcess, type ExitInfo } from './process.js';
import { ContainerFs, lookPath, prepareRootfs, type Mount } from './rootfs.js';
import { containerMounts } from './volumes.js';

/** What a runner needs from its pod. */
export interface PodHandle {
  pod(): PodObject;
  podIP(): string;
  podFull: string;
  podDir: string;
  volumeDirs(): ReadonlyMap<string, string>;
  signal: AbortSignal;
  publish(): void;
  /** The pod's network endpoint is going away (reset proxied connections). */
  endpointDown(ports: number[]): void;
}

/** The kubelet's PLEG relist period: how soon a state change is acted on (lab seconds). */
const SYNC_SECONDS = 1;
/** How often a pod worker retries a container whose config could not be built (lab seconds). */
const CONFIG_RETRY_SECONDS = 10;
/** How often a BackOff event repeats while a container waits (lab seconds). */
const BACKOFF_EVENT_SECONDS = 10;
const EPOCH = '1970-01-01T00:00:00Z';

export class ContainerRunner {
  readonly name: string;
  readonly fieldPath: string;
  restartCount = 0;
  private instances = 0;
  private waiting: { reason: string; message?: string } | undefined;
  private running: { startedAt: string } | undefined;
  private last: ContainerStateTerminated | undefined;
  private prev: ContainerStateTerminated | undefined;
  private showTerminated = false;
  private ready = false;
  private started = false;
  private imageID = '';
  private containerID: string | undefined;
  private proc: ContainerProcess | undefined;
  private probes: ProbeWorker[] = [];
  private killing: 'probe' | 'stop' | undefined;
  private oom = false;
  private lastFinishedMs: number | undefined;
  private lastPullFailMs = 0;
  private lastPullError: string | undefined;
  private lastBackOffEventMs = 0;
  /** True once the container will not run again (restart policy says so). */
  done = false;

  constructor(
    private readonly ctx: KubeletContext,
    private readonly pod: PodHandle,
    readonly spec: Container,
    readonly isInit: boolean,
  ) {
    this.name = spec.name;
    this.fieldPath = `spec.${isInit ? 'initContainers' : 'containers'}{${spec.name}}`;
    this.waiting = {
      reason: isInit || !hasInit(pod.pod()) ? 'ContainerCreating' : 'PodInitializing',
    };
  }

  // ---- status ----

  status(): ContainerStatus {
    let state: ContainerState;
    let lastState: ContainerState = {};
    if (this.running) {
      state = { running: { startedAt: this.running.startedAt } };
      if (this.last) lastState = { terminated: this.last };
    } else if (this.showTerminated && this.last) {
      state = { terminated: this.last };
      if (this.prev) lastState = { terminated: this.prev };
    } else {
      state = { waiting: { ...this.waiting, reason: this.waiting?.reason ?? 'ContainerCreating' } };
      if (this.last) lastState = { terminated: this.last };
    }
    return {
      name: this.name,
      state,
      lastState,
      ready: this.ready && this.running !== undefined,
      started: this.started && this.running !== undefined,
      restartCount: this.restartCount,
      image: this.spec.image ?? '',
      imageID: this.imageID,
      ...(this.containerID ? { containerID: this.containerID } : {}),
    };
  }

  /** Exit status of the last run (init containers: 0 means done). */
  get lastExitCode(): number | undefined {
    return this.last?.exitCode;
  }

  get pid(): number | undefined {
    return this.proc?.alive ? this.proc.pid : undefined;
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    const p = this.pod.pod();
    try {
      this.ctx.events.record(
        {
          kind: 'Pod',
          namespace: p.metadata.namespace ?? 'default',
          name: p.metadata.name ?? '',
          ...(p.metadata.uid ? { uid: p.metadata.uid } : {}),
          apiVersion: 'v1',
          fieldPath: this.fieldPath,
        },
        type,
        reason,
        message,
        { component: 'kubelet', host: this.ctx.nodeName },
      );
    } catch (err) {
      this.ctx.onError(err);
    }
  }

  private setWaiting(reason: string, message?: string): void {
    this.running = undefined;
    this.showTerminated = false;
    this.waiting = { reason, ...(message !== undefined ? { message } : {}) };
    this.pod.publish();
  }

  private backOffKey(): string {
    const p = this.pod.pod();
    const hash = createHash('sha1').update(JSON.stringify(this.spec)).digest('hex').slice(0, 12);
    return `${p.metadata.uid ?? ''}/${this.name}/${hash}`;
  }

  private restartPolicy(): 'Always' | 'OnFailure' | 'Never' {
    if (this.spec.restartPolicy) return this.spec.restartPolicy;
    const pol = this.pod.pod().spec.restartPolicy ?? 'Always';
    // Init containers are retried until they succeed unless the pod says Never.
    return this.isInit && pol === 'Always' ? 'OnFailure' : pol;
  }

  // ---- the loop ----

  /** Run until the container will not restart (or the pod is stopping). Resolves its last exit code. */
  async run(): Promise<number | undefined> {
    const { signal } = this.pod;
    while (!signal.aborted) {
      if (this.instances > 0 && this.lastFinishedMs !== undefined) {
        const key = this.backOffKey();
        const now = Date.now();
        if (this.ctx.crashBackOff.isInBackOffSince(key, this.lastFinishedMs, now)) {
          const seconds = this.ctx.crashBackOff.get(key, now) ?? 0;
          this.setWaiting(
            'CrashLoopBackOff',
            msg.crashLoopWaiting(seconds, this.name, this.pod.podFull),
          );
          if (now - this.lastBackOffEventMs >= this.ctx.clock.toRealMs(BACKOFF_EVENT_SECONDS) - 5) {
            this.lastBackOffEventMs = now;
            this.event('Warning', 'BackOff', msg.backOffRestart(this.name, this.pod.podFull));
          }
          const left = this.ctx.crashBackOff.remainingMs(key, this.lastFinishedMs, now);
          await sleep(Math.min(left + 5, this.ctx.clock.toRealMs(BACKOFF_EVENT_SECONDS)), signal);
          continue;
        }
        this.ctx.crashBackOff.next(key, now);
      }
      const result = await this.startOnce();
      if (result === 'not-created') continue;
      const code = this.last?.exitCode ?? 0;
      const policy = this.restartPolicy();
      const restart = policy === 'Always' || (policy === 'OnFailure' && code !== 0);
      if (!restart || signal.aborted || (this.isInit && code === 0)) {
        this.done = true;
        this.showTerminated = true;
        this.running = undefined;
        this.pod.publish();
        return code;
      }
      await sleep(this.ctx.clock.toRealMs(SYNC_SECONDS), signal);
    }
    return this.last?.exitCode;
  }

  /** One attempt: image, config, create, start, run to exit. */
  private async startOnce(): Promise<'not-created' | 'exited'> {
    const { signal } = this.pod;
    const image = await this.ensureImage();
    if (!image || signal.aborted) return 'not-created';
    const pod = this.pod.pod();
    const cfg = buildEnv(pod, this.spec, this.ctx.config, {
      podIP: this.pod.podIP(),
      hostIP: this.ctx.network.hostIP,
      nodeAllocatable: this.ctx.nodeAllocatable,
    });
    const security = resolveUser(pod, this.spec, image, this.pod.podFull, this.ctx.isRoot);
    if (!cfg.ok || 'error' in security) {
      const error = !cfg.ok ? cfg.error : 'error' in security ? security.error : '';
      this.setWaiting('CreateContainerConfigError', error);
      this.event('Warning', 'Failed', msg.error(error));
      await sleep(this.ctx.clock.toRealMs(CONFIG_RETRY_SECONDS), signal);
      return 'not-created';
    }
    if (cfg.invalidNames.length > 0) {
      this.event(
        'Warning',
        'InvalidEnvironmentVariableNames',
        msg.invalidEnvNames(cfg.invalidNames),
      );
    }
    // Create: a new container (fresh writable layer, new ID) each attempt.
    this.instances++;
    this.restartCount = this.instances - 1;
    this.containerID = newContainerId();
    this.imageID = image.imageId;
    this.oom = false;
    this.killing = undefined;
    const instanceDir = join(this.pod.podDir, 'containers', `${this.name}-${this.instances - 1}`);
    rmSync(join(this.pod.podDir, 'containers', `${this.name}-${this.instances - 3}`), {
      recursive: true,
      force: true,
    });
    const rootfs = join(instanceDir, 'rootfs');
    prepareRootfs(image.rootfs, rootfs);
    const tmpDir = join(instanceDir, 'tmp');
    mkdirSync(tmpDir, { recursive: true, mode: 0o1777 });
    const terminationLog = join(instanceDir, 'termination-log');
    writeFileSync(terminationLog, '', { mode: 0o666 });
    const mounts: Mount[] = [
      { containerPath: '/tmp', hostPath: tmpDir, readOnly: false },
      {
        containerPath: this.spec.terminationMessagePath ?? '/dev/termination-log',
        hostPath: terminationLog,
        readOnly: false,
      },
      ...containerMounts(this.spec, this.pod.volumeDirs()),
    ];
    const fs = new ContainerFs(rootfs, mounts);
    const env: Record<string, string> = {
      PATH: DEFAULT_IMAGE_PATH,
      HOSTNAME: pod.spec.hostname ?? pod.metadata.name ?? '',
      ...(image.config.env ?? {}),
      ...cfg.env,
    };
    env['HOME'] ??= security.uid ? '/' : '/root';
    const workingDir = this.spec.workingDir ?? image.config.workingDir ?? '/';
    const argv = containerArgv(this.spec, image.config, env);
    this.event('Normal', 'Created', msg.created(this.name));
    (
      this.ctx.logs as { startInstance?: (ns: string, pod: string, c: string, i: number) => void }
    ).startInstance?.(
      pod.metadata.namespace ?? 'default',
      pod.metadata.name ?? '',
      this.name,
      this.instances - 1,
    );
    const exec = buildExecContext({
      env,
      fs,
      workingDir,
      uid: security.uid,
      gid: security.gid,
      network: this.ctx.network,
      podIP: this.pod.podIP(),
      namespace: pod.metadata.namespace ?? 'default',
      labDir: this.ctx.dir,
      extraPath: this.ctx.extraPath,
    });
    const check =
      argv.length === 0
        ? { ok: false as const, error: 'no command specified' }
        : lookPath(argv[0]!, env['PATH'] ?? '', workingDir, fs, this.ctx.hostArch);
    if (!check.ok) {
      const message = ociCreateFailed(check.error);
      this.prev = this.last;
      this.last = {
        exitCode: 128,
        reason: 'StartError',
        message,
        startedAt: EPOCH,
        finishedAt: rfc3339(new Date()),
        containerID: this.containerID,
      };
      this.lastFinishedMs = Date.now();
      this.event('Warning', 'Failed', msg.error(message));
      this.setWaiting('RunContainerError', message);
      return 'exited';
    }
    // Node resolves container paths itself (through the preload); other programs get the host
    // files that back the container paths in their arguments.
    const spawnArgs = isNodeProgram(check.hostPath)
      ? argv.slice(1)
      : argv.slice(1).map((a) => translateArg(a, fs));
    let file = check.hostPath;
    let args = spawnArgs;
    if (check.format === 'foreign' && this.ctx.python) {
      file = this.ctx.python;
      args = ['-c', PYTHON_EXEC_SHIM, check.containerPath, check.hostPath, ...spawnArgs];
    }
    const logNs = pod.metadata.namespace ?? 'default';
    const logPod = pod.metadata.name ?? '';
    const instance = this.instances - 1;
    const proc = new ContainerProcess(
      {
        file,
        args,
        argv0: argv[0]!,
        cwd: exec.cwd,
        env: exec.env,
        ...(exec.uid !== undefined ? { uid: exec.uid, gid: exec.gid ?? exec.uid } : {}),
      },
      (text, stream, at) => {
        try {
          this.ctx.logs.append(logNs, logPod, this.name, instance, {
            time: at.toISOString(),
            text,
            stream,
          });
        } catch (err) {
          this.ctx.onError(err);
        }
      },
      this.ctx.groups,
    );
    this.proc = proc;
    const startedAt = rfc3339(proc.startedAt);
    this.waiting = undefined;
    this.showTerminated = false;
    this.running = { startedAt };
    this.imageID = image.imageId;
    this.started = !this.spec.startupProbe;
    this.ready = this.started && !this.spec.readinessProbe;
    this.event('Normal', 'Started', msg.started(this.name));
    const limits = {
      ...(parseQuantity(this.spec.resources?.limits?.['memory']) !== undefined
        ? { memoryBytes: parseQuantity(this.spec.resources?.limits?.['memory'])! }
        : {}),
      ...(parseQuantity(this.spec.resources?.limits?.['cpu']) !== undefined
        ? { cpuCores: parseQuantity(this.spec.resources?.limits?.['cpu'])! }
        : {}),
    };
    const unwatch = this.ctx.resources.watch(proc.pid, limits, () => {
      this.oom = true;
    });
    // The prober learns of the start at the next PLEG relist (about a second later).
    const plegTimer = setTimeout(
      () => {
        if (proc.alive) this.startProbes(exec, proc);
      },
      Math.max(250, this.ctx.clock.toRealMs(SYNC_SECONDS)),
    );
    this.pod.publish();
    const exit = await proc.exited;
    clearTimeout(plegTimer);
    unwatch();
    this.stopProbes();
    this.finish(exit, startedAt, fs, terminationLog);
    return 'exited';
  }

  private finish(exit: ExitInfo, startedAt: string, fs: ContainerFs, terminationLog: string): void {
    void fs;
    const oom = this.oom;
    const exitCode = oom ? 137 : exit.exitCode;
    const reason = oom ? 'OOMKilled' : exitCode === 0 ? 'Completed' : 'Error';
    let message = '';
    try {
      message = readFileSync(terminationLog, 'utf8').slice(0, 4096);
    } catch {
      // none
    }
    if (
      !message &&
      exitCode !== 0 &&
      this.spec.terminationMessagePolicy === 'FallbackToLogsOnError'
    ) {
      const p = this.pod.pod();
      const lines =
        this.ctx.logs.read(p.metadata.namespace ?? 'default', p.metadata.name ?? '', this.name, {
          tailLines: 80,
        }) ?? [];
      message = lines
        .map((l) => l.text)
        .join('\n')
        .slice(-2048);
    }
    this.prev = this.last;
    this.last = {
      exitCode,
      reason,
      ...(message ? { message } : {}),
      startedAt,
      finishedAt: rfc3339(exit.finishedAt),
      ...(this.containerID ? { containerID: this.containerID } : {}),
    };
    this.lastFinishedMs = exit.finishedAt.getTime();
    this.running = undefined;
    this.ready = false;
    this.started = false;
    this.showTerminated = true;
    this.proc = undefined;
    this.pod.endpointDown((this.spec.ports ?? []).map((p) => p.containerPort));
    this.pod.publish();
  }

  // ---- image ----

  private async ensureImage(): Promise<LabImage | undefined> {
    const { signal } = this.pod;
    const ref = this.spec.image ?? '';
    const image = this.ctx.images.resolve(ref);
    const policy =
      this.spec.imagePullPolicy ??
      (/:latest$|^[^:]*$/.test(ref.split('/').pop() ?? '') ? 'Always' : 'IfNotPresent');
    const present = image !== undefined && this.ctx.pulledImages.has(ref);
    if (policy === 'Never') {
      if (present) {
        this.event('Normal', 'Pulled', msg.alreadyPresent(ref));
        return image;
      }
      const m = `Container image "${ref}" is not present with pull policy of Never`;
      this.event('Warning', 'ErrImageNeverPull', m);
      this.setWaiting('ErrImageNeverPull', m);
      await sleep(this.ctx.clock.toRealMs(CONFIG_RETRY_SECONDS), signal);
      return undefined;
    }
    if (policy === 'IfNotPresent' && present) {
      this.event('Normal', 'Pulled', msg.alreadyPresent(ref));
      return image;
    }
    const key = `pull/${this.pod.pod().metadata.uid ?? ''}/${ref}`;
    const now = Date.now();
    if (this.ctx.imageBackOff.isInBackOffSince(key, this.lastPullFailMs, now)) {
      this.setWaiting('ImagePullBackOff', msg.imagePullBackOffWaiting(ref, this.lastPullError));
      this.event('Normal', 'BackOff', msg.backOffPull(ref));
      this.event('Warning', 'Failed', msg.error('ImagePullBackOff'));
      const left = this.ctx.imageBackOff.remainingMs(key, this.lastPullFailMs, now);
      await sleep(Math.min(left + 5, this.ctx.clock.toRealMs(BACKOFF_EVENT_SECONDS)), signal);
      return undefined;
    }
    this.event('Normal', 'Pulling', msg.pulling(ref));
    const pullSeconds = image ? 0.3 + image.sizeBytes / 50e6 : 0.5;
    await sleep(this.ctx.clock.toRealMs(pullSeconds), signal);
    if (signal.aborted) return undefined;
    if (!image) {
      const err = pullNotFound(ref);
      this.lastPullError = err;
      this.event('Warning', 'Failed', msg.failedPull(ref, err));
      this.event('Warning', 'Failed', msg.error('ErrImagePull'));
      this.ctx.imageBackOff.next(key, Date.now());
      this.lastPullFailMs = Date.now();
      this.setWaiting('ErrImagePull', err);
      await sleep(this.ctx.clock.toRealMs(SYNC_SECONDS), signal);
      return undefined;
    }
    this.ctx.pulledImages.add(ref);
    // The nominal pull time: real elapsed time would mostly measure this process's load.
    this.event(
      'Normal',
      'Pulled',
      msg.pulled(ref, Math.round(pullSeconds * 1000) / 1000, image.sizeBytes),
    );
    return image;
  }

  // ---- probes ----

  private startProbes(exec: ExecContext, proc: ContainerProcess): void {
    const startedAtMs = proc.startedAt.getTime();
    const target = {
      podIP: this.pod.podIP(),
      ports: this.spec.ports ?? [],
      exec: (command: string[], timeoutMs: number) =>
        execInContainer(exec, command, timeoutMs, this.ctx.hostArch, this.ctx.groups),
    };
    const make = (kind: ProbeKind, probe: Probe, onResult: (ok: boolean) => void): ProbeWorker =>
      new ProbeWorker({
        kind,
        probe,
        target,
        toRealMs: (s) => this.ctx.clock.toRealMs(s),
        startedAtMs,
        onAttempt: (o: ProbeOutcome) => {
          if (!o.ok && proc.alive && !this.killing)
            this.event('Warning', 'Unhealthy', msg.probeFailed(kind, o.output));
        },
        onResult,
      });
    const startMain = (): void => {
      if (this.spec.livenessProbe) {
        const w = make('Liveness', this.spec.livenessProbe, (ok) => {
          if (!ok) void this.killForProbe('liveness', this.spec.livenessProbe!, proc);
        });
        this.probes.push(w);
        w.start();
      }
      if (this.spec.readinessProbe) {
        const w = make('Readiness', this.spec.readinessProbe, (ok) => {
          if (this.ready !== ok) {
            this.ready = ok;
            this.pod.publish();
          }
        });
        this.probes.push(w);
        w.start();
      }
    };
    if (this.spec.startupProbe) {
      const w = make('Startup', this.spec.startupProbe, (ok) => {
        if (ok) {
          this.started = true;
          if (!this.spec.readinessProbe) this.ready = true;
          this.pod.publish();
          startMain();
        } else void this.killForProbe('startup', this.spec.startupProbe!, proc);
      });
      this.probes.push(w);
      w.start();
    } else startMain();
  }

  private stopProbes(): void {
    for (const p of this.probes) p.stop();
    this.probes = [];
  }

  private async killForProbe(
    kind: 'liveness' | 'startup',
    probe: Probe,
    proc: ContainerProcess,
  ): Promise<void> {
    if (!proc.alive || this.killing) return;
    this.killing = 'probe';
    this.event('Normal', 'Killing', msg.killForProbe(this.name, kind));
    const grace =
      probe.terminationGracePeriodSeconds ??
      this.pod.pod().spec.terminationGracePeriodSeconds ??
      30;
    await this.terminate(proc, grace);
  }

  /** SIGTERM, then SIGKILL after the grace period (lab seconds). */
  private async terminate(proc: ContainerProcess, graceSeconds: number): Promise<void> {
    proc.signal('SIGTERM');
    this.ctx.resources.resume(proc.pid);
    proc.signal('SIGCONT');
    const timer = setTimeout(
      () => proc.signal('SIGKILL'),
      Math.max(100, this.ctx.clock.toRealMs(graceSeconds)),
    );
    await proc.exited;
    clearTimeout(timer);
  }

  /** Stop the running process for pod deletion or lab shutdown. */
  async stop(graceSeconds: number, announce: boolean): Promise<void> {
    const proc = this.proc;
    if (!proc?.alive) return;
    this.killing = 'stop';
    if (announce) this.event('Normal', 'Killing', msg.stopping(this.name));
    this.stopProbes();
    await this.terminate(proc, graceSeconds);
  }
}

function hasInit(pod: PodObject): boolean {
  return (pod.spec.initContainers ?? []).length > 0;
}
