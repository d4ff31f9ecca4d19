/**
 * One pod on the node: set up its volumes (retrying with `FailedMount` while a ConfigMap,
 * Secret or host path is missing), give it an IP once its "sandbox" is ready, run its init
 * containers in order, then its containers side by side, and publish the pod status the
 * kubelet would after every change. Deleting the pod stops its containers gracefully
 * (SIGTERM, then SIGKILL after the grace period) and removes it from the store.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { LabObject, ResourceType } from '../store/types.js';
import { ContainerRunner, type PodHandle } from './container-runner.js';
import { sleep, type KubeletContext } from './context.js';
import { podFullName, rfc3339 } from './format.js';
import { msg } from './messages.js';
import { asPod, type PodObject } from './pod-types.js';
import { buildPodStatus } from './status.js';
import { setUpVolumes } from './volumes.js';

export class PodWorker {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  readonly podFull: string;
  private latest: PodObject;
  private readonly abort = new AbortController();
  private readonly dir: string;
  private ip: string | undefined;
  private sandboxReady = false;
  private volumeDirs = new Map<string, string>();
  private readonly startTime: string;
  private readonly inits: ContainerRunner[];
  private readonly mains: ContainerRunner[];
  private initFailed = false;
  private publishTimer: NodeJS.Timeout | undefined;
  private finished: Promise<void> | undefined;
  private terminating: Promise<void> | undefined;
  private gone = false;

  constructor(
    private readonly ctx: KubeletContext,
    private readonly podType: ResourceType,
    pod: LabObject,
  ) {
    this.latest = asPod(pod);
    this.uid = pod.metadata.uid ?? '';
    this.namespace = pod.metadata.namespace ?? 'default';
    this.name = pod.metadata.name ?? '';
    this.podFull = podFullName({ name: this.name, namespace: this.namespace, uid: this.uid });
    this.dir = join(ctx.dir, 'pods', this.uid);
    this.startTime = this.latest.status?.startTime ?? rfc3339(ctx.clock.now());
    const handle: PodHandle = {
      pod: () => this.latest,
      podIP: () => this.ip ?? '',
      podFull: this.podFull,
      podDir: this.dir,
      volumeDirs: () => this.volumeDirs,
      signal: this.abort.signal,
      publish: () => this.publish(),
      endpointDown: (ports) => {
        if (this.ip && (ports.length === 0 || this.mains.length === 1))
          this.ctx.network.podStopping(this.ip);
      },
    };
    this.inits = (this.latest.spec.initContainers ?? []).map(
      (c) => new ContainerRunner(ctx, handle, c, true),
    );
    this.mains = this.latest.spec.containers.map((c) => new ContainerRunner(ctx, handle, c, false));
  }

  /** Start working on the pod (idempotent). */
  start(): void {
    this.finished ??= this.run().catch((err) => this.ctx.onError(err));
  }

  /** A newer version of the pod from the store. */
  update(pod: LabObject): void {
    this.latest = asPod(pod);
  }

  /** Whether a ConfigMap or Secret volume of this pod comes from `kind` `name`. */
  mounts(kind: 'configmap' | 'secret', name: string): boolean {
    return (this.latest.spec.volumes ?? []).some((v) =>
      kind === 'configmap'
        ? v.configMap?.name === name ||
          v.projected?.sources?.some((s) => s.configMap?.name === name)
        : v.secret?.secretName === name ||
          v.projected?.sources?.some((s) => s.secret?.name === name),
    );
  }

  /** Rewrite the pod's volumes after a ConfigMap/Secret changed, as the kubelet's sync does. */
  refreshVolumes(): void {
    if (!this.sandboxReady || this.gone) return;
    // Only the object-backed volumes: emptyDir and claims keep what the containers wrote.
    const volumes = (this.latest.spec.volumes ?? []).filter(
      (v) => v.configMap ?? v.secret ?? v.projected ?? v.downwardAPI,
    );
    const r = setUpVolumes(
      { ...this.latest, spec: { ...this.latest.spec, volumes } },
      {
        podDir: this.dir,
        nodeRoot: join(this.ctx.dir, 'node-root'),
        claimsRoot: join(this.ctx.dir, 'claims'),
        source: this.ctx.config,
      },
    );
    if (!r.ok) this.event('Warning', 'FailedMount', msg.failedMount(r.volume, r.error));
  }

  pids(): number[] {
    return [...this.inits, ...this.mains]
      .map((r) => r.pid)
      .filter((p): p is number => p !== undefined);
  }

  private async run(): Promise<void> {
    mkdirSync(this.dir, { recursive: true, mode: 0o755 });
    this.publish();
    const signal = this.abort.signal;
    for (let attempt = 0; !signal.aborted; attempt++) {
      const r = setUpVolumes(this.latest, {
        podDir: this.dir,
        nodeRoot: join(this.ctx.dir, 'node-root'),
        claimsRoot: join(this.ctx.dir, 'claims'),
        source: this.ctx.config,
      });
      if (r.ok) {
        this.volumeDirs = r.dirs;
        break;
      }
      this.event('Warning', 'FailedMount', msg.failedMount(r.volume, r.error));
      await sleep(this.ctx.clock.toRealMs(Math.min(0.5 * 2 ** attempt, 122)), signal);
    }
    if (signal.aborted) return;
    this.ip = this.ctx.network.pods.allocate();
    this.sandboxReady = true;
    this.publish();
    for (const init of this.inits) {
      const code = await init.run();
      if (signal.aborted) return;
      if (code !== 0) {
        this.initFailed = true;
        this.publish();
        return;
      }
      this.publish();
    }
    await Promise.all(this.mains.map((m) => m.run()));
    this.publish();
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    try {
      this.ctx.events.record(
        {
          kind: 'Pod',
          namespace: this.namespace,
          name: this.name,
          uid: this.uid,
          apiVersion: 'v1',
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

  /** Write the pod's status soon (changes in one tick are coalesced). */
  publish(): void {
    if (this.gone || this.publishTimer) return;
    this.publishTimer = setTimeout(() => {
      this.publishTimer = undefined;
      this.writeStatus();
    }, 5);
  }

  private writeStatus(): void {
    if (this.gone) return;
    const current = this.ctx.store.get(this.podType, this.namespace, this.name);
    if (!current || current.metadata.uid !== this.uid) return;
    const pod = asPod(current);
    const status = buildPodStatus({
      pod,
      now: this.ctx.clock.now(),
      sandboxReady: this.sandboxReady,
      podIP: this.ip,
      hostIP: this.ctx.network.hostIP,
      startTime: this.startTime,
      initStatuses: this.inits.map((r) => r.status()),
      statuses: this.mains.map((r) => r.status()),
      initFailed: this.initFailed,
    });
    const next = { ...current, status } as LabObject;
    delete (next.metadata as { resourceVersion?: string }).resourceVersion;
    next.metadata = { ...current.metadata };
    delete next.metadata.resourceVersion;
    try {
      this.ctx.store.updateStatus(this.podType, next);
    } catch (err) {
      this.ctx.onError(err);
    }
  }

  /**
   * Stop every container (graceful: SIGTERM, SIGKILL after `graceSeconds` lab seconds), free
   * the IP and the pod's files. With `remove`, delete the pod from the store afterwards, as the
   * kubelet confirms a graceful deletion.
   */
  terminate(graceSeconds: number, options: { remove: boolean; announce: boolean }): Promise<void> {
    this.terminating ??= (async () => {
      if (this.ip) this.ctx.network.podStopping(this.ip);
      this.abort.abort();
      await Promise.all(
        [...this.inits, ...this.mains].map((r) => r.stop(graceSeconds, options.announce)),
      );
      await this.finished;
      if (this.publishTimer) clearTimeout(this.publishTimer);
      this.publishTimer = undefined;
      this.gone = true;
      if (this.ip) this.ctx.network.pods.release(this.ip);
      this.ctx.crashBackOff.forgetPrefix(`${this.uid}/`);
      rmSync(this.dir, { recursive: true, force: true });
      if (options.remove) {
        try {
          const cur = this.ctx.store.get(this.podType, this.namespace, this.name);
          if (cur?.metadata.uid === this.uid)
            this.ctx.store.delete(this.podType, this.namespace, this.name);
        } catch (err) {
          this.ctx.onError(err);
        }
      }
    })();
    return this.terminating;
  }
}
