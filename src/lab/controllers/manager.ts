/**
 * Runs the lab's controllers in-process, like kube-controller-manager plus the scheduler:
 * one store watch per resource type fans changes out to each controller's work queue;
 * everything already in the store is synced once at start. Controllers never run pods or
 * write pod status beyond scheduling: that is the kubelet's job.
 */
import type { EventRecorder, LabClock, ResourceType } from '../store/types.js';
import { StoreError } from '../store/types.js';
import type { MemoryStore } from '../store/memory-store.js';
import { groupResource } from '../store/resource-types.js';
import { WorkQueue } from './queue.js';
import type { Controller, ControllerDeps } from './types.js';
import { replicaSetController } from './replicaset.js';
import { deploymentController } from './deployment.js';
import { jobController } from './job.js';
import { endpointsController } from './endpoints.js';
import { schedulerController } from './scheduler.js';
import { garbageCollector } from './gc.js';
import { statefulSetController } from './statefulset.js';

export type ControllerName =
  | 'deployment'
  | 'replicaset'
  | 'statefulset'
  | 'job'
  | 'endpoints'
  | 'scheduler'
  | 'garbage-collector';

export const ALL_CONTROLLERS: readonly ControllerName[] = [
  'deployment',
  'replicaset',
  'statefulset',
  'job',
  'endpoints',
  'scheduler',
  'garbage-collector',
];

export interface StartControllersOptions {
  store: MemoryStore;
  events: EventRecorder;
  clock: LabClock;
  /** Which controllers to run (default: all). */
  controllers?: readonly ControllerName[];
  /** Called with errors a sync threw that were not conflicts (default: ignored). */
  onError?: (controller: string, key: string, error: unknown) => void;
}

export interface RunningControllers {
  stop(): void;
  /** Resolves once every queue is drained and stays drained (for tests and `lab` start-up). */
  idle(): Promise<void>;
}

const FACTORIES: Record<ControllerName, (deps: ControllerDeps) => Controller> = {
  deployment: deploymentController,
  replicaset: replicaSetController,
  statefulset: statefulSetController,
  job: jobController,
  endpoints: endpointsController,
  scheduler: schedulerController,
  'garbage-collector': garbageCollector,
};

export function startControllers(options: StartControllersOptions): RunningControllers {
  const deps: ControllerDeps = {
    store: options.store,
    events: options.events,
    clock: options.clock,
  };
  const names = options.controllers ?? ALL_CONTROLLERS;
  const running: { controller: Controller; queue: WorkQueue }[] = [];
  for (const name of names) {
    const controller = FACTORIES[name](deps);
    const failures = new Map<string, number>();
    const queue = new WorkQueue(
      (key) => {
        const r = controller.sync(key);
        failures.delete(key);
        return r;
      },
      (key, error) => {
        if (
          error instanceof StoreError &&
          (error.reason === 'Conflict' || error.reason === 'AlreadyExists')
        )
          return 5;
        options.onError?.(controller.name, key, error);
        const n = (failures.get(key) ?? 0) + 1;
        failures.set(key, n);
        return n > 8 ? undefined : Math.min(10 * 2 ** n, 5000);
      },
    );
    running.push({ controller, queue });
  }
  const byType = new Map<
    string,
    {
      type: ResourceType;
      targets: {
        keys: (e: Parameters<Controller['triggers'][number]['keys']>[0]) => string[];
        queue: WorkQueue;
      }[];
    }
  >();
  for (const { controller, queue } of running) {
    for (const trigger of controller.triggers) {
      const id = groupResource(trigger.type);
      const entry = byType.get(id) ?? { type: trigger.type, targets: [] };
      entry.targets.push({ keys: trigger.keys, queue });
      byType.set(id, entry);
    }
  }
  const stops: (() => void)[] = [];
  for (const { type, targets } of byType.values()) {
    if (!options.store.typeOf(type.group, type.resource)) continue;
    stops.push(
      options.store.watchShared(type, undefined, undefined, (event) => {
        for (const t of targets) for (const key of t.keys(event)) t.queue.add(key);
      }),
    );
  }
  for (const { controller, queue } of running)
    for (const key of controller.initialKeys()) queue.add(key);

  return {
    stop() {
      for (const s of stops) s();
      for (const { queue } of running) queue.stop();
    },
    async idle() {
      for (let round = 0; round < 10_000; round++) {
        await Promise.all(running.map(({ queue }) => queue.idle()));
        await new Promise((resolve) => setImmediate(resolve));
        if (running.every(({ queue }) => queue.isIdle())) return;
      }
    },
  };
}
