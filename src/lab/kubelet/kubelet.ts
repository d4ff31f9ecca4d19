/**
 * The kubelet emulator: registers the lab's node(s), watches pods bound to them (skipping the
 * scale mode's simulated pods, annotated `lab.crashlens.dev/simulated: "true"`), and runs a pod
 * worker per pod whose containers are real local processes. Deleting a pod (a
 * `deletionTimestamp`) stops it gracefully and removes it; stopping the kubelet stops every
 * process it started, and `pids()` lists what is still running so tests can prove nothing leaks.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import type {
  EventRecorder,
  LabClock,
  LabObject,
  LogStore,
  ObjectStore,
  ResourceType,
} from '../store/types.js';
import { isSimulated } from '../controllers/util.js';
import type { LabNetwork } from '../net/network.js';
import { BackOff, CRASH_LOOP_BACKOFF, IMAGE_PULL_BACKOFF } from './backoff.js';
import type { KubeletContext } from './context.js';
import type { ConfigSource, ServiceInfo } from './env.js';
import { rfc3339 } from './format.js';
import type { ImageRegistry } from './images.js';
import { KUBELET_VERSION } from './messages.js';
import { PodWorker } from './pod-worker.js';
import { killProcessGroups } from './process.js';
import { ResourceMonitor } from './resources.js';
import { healthyNodeConditions } from './node-conditions.js';

export interface KubeletOptions {
  store: ObjectStore;
  logs: LogStore;
  events: EventRecorder;
  clock: LabClock;
  network: LabNetwork;
  images: ImageRegistry;
  /** The lab's runtime directory. */
  dir: string;
  /** Nodes this kubelet registers and serves (default `lab-node-1`). */
  nodeNames?: string[];
  /** Told whenever the set of live container process groups changes (for the reaper). */
  onGroupsChanged?: (groups: ReadonlySet<number>) => void;
  onError?: (err: unknown) => void;
}

function must(store: ObjectStore, group: string, resource: string): ResourceType {
  const t = store.typeOf(group, resource);
  if (!t) throw new Error(`the lab store has no ${resource} type`);
  return t;
}

function findPython(): string | undefined {
  for (const p of ['/usr/bin/python3', '/usr/local/bin/python3', '/bin/python3'])
    if (existsSync(p)) return p;
  return undefined;
}

export class Kubelet {
  private readonly ctx: KubeletContext;
  private readonly workers = new Map<string, PodWorker>();
  private readonly podType: ResourceType;
  private readonly nodeType: ResourceType;
  private readonly nodeNames: Set<string>;
  private unwatch: (() => void) | undefined;
  private unwatchNodes: (() => void) | undefined;
  private readonly unwatchConfig: (() => void)[] = [];
  private stopping = false;

  constructor(options: KubeletOptions) {
    const { store } = options;
    this.podType = must(store, '', 'pods');
    this.nodeType = must(store, '', 'nodes');
    const names = options.nodeNames ?? ['lab-node-1'];
    this.nodeNames = new Set(names);
    mkdirSync(join(options.dir, 'pods'), { recursive: true, mode: 0o755 });
    const cmType = must(store, '', 'configmaps');
    const secretType = must(store, '', 'secrets');
    const svcType = must(store, '', 'services');
    const config: ConfigSource = {
      configMap: (ns, name) => {
        const o = store.get(cmType, ns, name);
        return o
          ? {
              ...(o['data'] ? { data: o['data'] as Record<string, string> } : {}),
              ...(o['binaryData'] ? { binaryData: o['binaryData'] as Record<string, string> } : {}),
            }
          : undefined;
      },
      secret: (ns, name) => {
        const o = store.get(secretType, ns, name);
        if (!o) return undefined;
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries((o['data'] ?? {}) as Record<string, string>))
          out[k] = Buffer.from(v, 'base64').toString('utf8');
        for (const [k, v] of Object.entries((o['stringData'] ?? {}) as Record<string, string>))
          out[k] = v;
        return out;
      },
      services: (ns) =>
        store.list(svcType, ns).items.map((s): ServiceInfo => {
          const spec = (s['spec'] ?? {}) as { clusterIP?: string; ports?: ServiceInfo['ports'] };
          return {
            name: s.metadata.name ?? '',
            namespace: ns,
            clusterIP: spec.clusterIP ?? '',
            ports: spec.ports ?? [],
          };
        }),
    };
    this.ctx = {
      store,
      logs: options.logs,
      events: options.events,
      clock: options.clock,
      network: options.network,
      images: options.images,
      resources: new ResourceMonitor(),
      config,
      crashBackOff: new BackOff(CRASH_LOOP_BACKOFF, (s) => options.clock.toRealMs(s)),
      imageBackOff: new BackOff(IMAGE_PULL_BACKOFF, (s) => options.clock.toRealMs(s)),
      pulledImages: new Set(),
      groups: new WatchedSet(options.onGroupsChanged),
      nodeName: names[0] ?? 'lab-node-1',
      dir: options.dir,
      hostArch: process.arch,
      isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
      extraPath: [dirname(process.execPath)],
      python: findPython(),
      nodeAllocatable: { cpu: cpus().length, memory: totalmem() },
      onError: options.onError ?? (() => {}),
    };
  }

  /** Register the nodes and start serving their pods. */
  start(): void {
    for (const name of this.nodeNames) this.registerNode(name);
    this.unwatchNodes = this.ctx.store.watch(this.nodeType, undefined, undefined, (e) => {
      const status = e.object['status'] as { conditions?: unknown[] } | undefined;
      if (e.type === 'ADDED' && !isSimulated(e.object) && !status?.conditions)
        this.adoptNode(e.object);
    });
    // Mounted ConfigMaps and Secrets follow their objects (the kubelet's periodic volume sync).
    for (const [resource, kind] of [
      ['configmaps', 'configmap'],
      ['secrets', 'secret'],
    ] as const) {
      const t = must(this.ctx.store, '', resource);
      this.unwatchConfig.push(
        this.ctx.store.watch(t, undefined, undefined, (e) => {
          if (e.type !== 'MODIFIED') return;
          for (const w of this.workers.values()) {
            if (
              w.namespace === e.object.metadata.namespace &&
              w.mounts(kind, e.object.metadata.name ?? '')
            )
              w.refreshVolumes();
          }
        }),
      );
    }
    for (const pod of this.ctx.store.list(this.podType, undefined).items) this.onPod('ADDED', pod);
    this.unwatch = this.ctx.store.watch(this.podType, undefined, undefined, (e) =>
      this.onPod(e.type, e.object),
    );
  }

  private serves(pod: LabObject): boolean {
    if (isSimulated(pod)) return false;
    const nodeName = (pod['spec'] as { nodeName?: string } | undefined)?.nodeName;
    if (!nodeName) return false;
    if (this.nodeNames.has(nodeName)) return true;
    const node = this.ctx.store.get(this.nodeType, undefined, nodeName);
    return node !== undefined && !isSimulated(node);
  }

  private onPod(type: 'ADDED' | 'MODIFIED' | 'DELETED', pod: LabObject): void {
    if (this.stopping) return;
    const uid = pod.metadata.uid ?? '';
    let worker = this.workers.get(uid);
    if (type === 'DELETED') {
      if (worker) {
        const grace =
          (pod['spec'] as { terminationGracePeriodSeconds?: number })
            .terminationGracePeriodSeconds ?? 30;
        void worker
          .terminate(grace, { remove: false, announce: true })
          .finally(() => this.workers.delete(uid));
      }
      return;
    }
    if (!worker) {
      if (!this.serves(pod) || pod.metadata.deletionTimestamp) {
        // A pod that never ran here and is being deleted: confirm the deletion.
        if (pod.metadata.deletionTimestamp && this.serves(pod)) this.removeNow(pod);
        return;
      }
      worker = new PodWorker(this.ctx, this.podType, pod);
      this.workers.set(uid, worker);
      worker.start();
      return;
    }
    worker.update(pod);
    if (pod.metadata.deletionTimestamp) {
      const grace = Number(
        pod.metadata['deletionGracePeriodSeconds'] ??
          (pod['spec'] as { terminationGracePeriodSeconds?: number })
            .terminationGracePeriodSeconds ??
          30,
      );
      void worker
        .terminate(grace, { remove: true, announce: true })
        .finally(() => this.workers.delete(uid));
    }
  }

  private removeNow(pod: LabObject): void {
    try {
      this.ctx.store.delete(this.podType, pod.metadata.namespace, pod.metadata.name ?? '');
    } catch (err) {
      this.ctx.onError(err);
    }
  }

  private registerNode(name: string): void {
    const existing = this.ctx.store.get(this.nodeType, undefined, name);
    if (!existing) {
      try {
        this.ctx.store.create(this.nodeType, {
          apiVersion: 'v1',
          kind: 'Node',
          metadata: {
            name,
            labels: {
              'kubernetes.io/hostname': name,
              'kubernetes.io/os': 'linux',
              'kubernetes.io/arch': archLabel(process.arch),
              'beta.kubernetes.io/os': 'linux',
              'beta.kubernetes.io/arch': archLabel(process.arch),
            },
          },
          spec: {},
        });
      } catch (err) {
        this.ctx.onError(err);
      }
    }
    const node = this.ctx.store.get(this.nodeType, undefined, name);
    if (node) this.adoptNode(node);
  }

  /** Fill a node's status as a kubelet posts it: capacity, conditions, addresses, node info. */
  private adoptNode(node: LabObject): void {
    const now = rfc3339(this.ctx.clock.now());
    const status = (node['status'] ?? {}) as Record<string, unknown>;
    const cap = (status['capacity'] as Record<string, string> | undefined) ?? {
      cpu: String(this.ctx.nodeAllocatable.cpu),
      memory: `${Math.floor(this.ctx.nodeAllocatable.memory / 1024)}Ki`,
      pods: '110',
      'ephemeral-storage': '102400000Ki',
    };
    const next: LabObject = {
      ...node,
      status: {
        capacity: cap,
        allocatable: (status['allocatable'] as Record<string, string> | undefined) ?? cap,
        conditions: (status['conditions'] as unknown[] | undefined) ?? healthyNodeConditions(now),
        addresses: [
          { type: 'InternalIP', address: this.ctx.network.hostIP },
          { type: 'Hostname', address: node.metadata.name ?? '' },
        ],
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
        nodeInfo: {
          machineID: '',
          systemUUID: '',
          bootID: '',
          kernelVersion: release(),
          osImage: 'crashlens lab',
          containerRuntimeVersion: 'containerd://1.7.27',
          kubeletVersion: KUBELET_VERSION,
          kubeProxyVersion: KUBELET_VERSION,
          operatingSystem: 'linux',
          architecture: archLabel(process.arch),
        },
      },
    };
    next.metadata = { ...node.metadata };
    delete next.metadata.resourceVersion;
    try {
      this.ctx.store.updateStatus(this.nodeType, next);
    } catch (err) {
      this.ctx.onError(err);
    }
  }

  /** PIDs of every container process still running. */
  pids(): number[] {
    return [...this.ctx.groups];
  }

  /** Stop every pod's processes (SIGTERM, SIGKILL after `graceMs`), then make sure none is left. */
  async stop(graceMs = 2000): Promise<void> {
    this.stopping = true;
    this.unwatch?.();
    this.unwatchNodes?.();
    for (const u of this.unwatchConfig.splice(0)) u();
    const graceSeconds = (graceMs / 1000) * this.ctx.clock.timeScale;
    await Promise.race([
      Promise.all(
        [...this.workers.values()].map((w) =>
          w.terminate(graceSeconds, { remove: false, announce: false }),
        ),
      ),
      new Promise((r) => setTimeout(r, graceMs + 3000).unref()),
    ]);
    this.workers.clear();
    this.ctx.resources.stop();
    killProcessGroups(this.ctx.groups);
  }
}

/** A set that reports every change (so the reaper's list is never stale). */
class WatchedSet extends Set<number> {
  constructor(private readonly onChange?: (s: ReadonlySet<number>) => void) {
    super();
  }

  override add(v: number): this {
    super.add(v);
    this.onChange?.(this);
    return this;
  }

  override delete(v: number): boolean {
    const r = super.delete(v);
    if (r) this.onChange?.(this);
    return r;
  }
}

function archLabel(arch: string): string {
  return arch === 'x64' ? 'amd64' : arch === 'ia32' ? '386' : arch;
}
