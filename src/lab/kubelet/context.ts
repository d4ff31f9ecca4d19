/**
 * What every pod worker of one kubelet shares: the store and its log/event sinks, the clock,
 * the network, the image registry, resource limits enforcement, the back-off books, and the
 * node's identity and directories.
 */
import type { EventRecorder, LabClock, LogStore, ObjectStore } from '../store/types.js';
import type { LabNetwork } from '../net/network.js';
import type { BackOff } from './backoff.js';
import type { ConfigSource } from './env.js';
import type { ImageRegistry } from './images.js';
import type { ResourceMonitor } from './resources.js';

export interface KubeletContext {
  store: ObjectStore;
  logs: LogStore;
  events: EventRecorder;
  clock: LabClock;
  network: LabNetwork;
  images: ImageRegistry;
  resources: ResourceMonitor;
  config: ConfigSource;
  crashBackOff: BackOff;
  imageBackOff: BackOff;
  /** Image references already on the node (for `already present on machine`). */
  pulledImages: Set<string>;
  /** Process groups this kubelet started that are still alive. */
  groups: Set<number>;
  nodeName: string;
  /** The lab's runtime directory (pods/, node-root/, claims/). */
  dir: string;
  hostArch: string;
  /** Whether the lab runs as root, so it can start processes as another user. */
  isRoot: boolean;
  /** Host directories appended to every container's PATH (where this Node lives). */
  extraPath: string[];
  /** The host's python3, for the exec shim. */
  python: string | undefined;
  nodeAllocatable: { cpu: number; memory: number };
  onError: (err: unknown) => void;
}

/** Sleep in real ms, ending early when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, Math.max(0, ms));
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
