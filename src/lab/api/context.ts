/**
 * What every request handler of the lab API server shares: the stores, the clock, the
 * resource registry and the server's behaviour switches.
 */
import type { LabClock, LogStore } from '../store/types.js';
import type { MemoryStore } from '../store/memory-store.js';
import type { ApiResource } from './resource-info.js';
import type { FaultInjector } from '../faults/fault-injector.js';
import type { Authorizer, TokenTable } from './auth.js';

export interface ApiContext {
  store: MemoryStore;
  logs: LogStore;
  clock: LabClock;
  resources: ApiResource[];
  /** `group/version/resource` → resource. */
  byPath: Map<string, ApiResource>;
  gracefulPodDeletion: boolean;
  bookmarkIntervalMs: number;
  maxWatchSeconds: number;
  faults: FaultInjector | undefined;
  tokens: TokenTable | undefined;
  authorizer: Authorizer | undefined;
  serverAddress: string;
  discoveryMode: 'aggregated' | 'classic';
  /** Open streams (watches, log follows) to end when the server closes. */
  streams: Set<() => void>;
}

export function findResource(
  ctx: ApiContext,
  group: string,
  version: string,
  resource: string,
): ApiResource | undefined {
  return ctx.byPath.get(`${group}/${version}/${resource}`);
}
