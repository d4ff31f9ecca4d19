/**
 * Plays a scenario's timed actions against the store, in order, each `after` lab seconds
 * following the previous one (optionally once a Deployment is ready): patches, applies,
 * deletions, `rollout restart`, `set image`, scaling, and events a third party (a config
 * reloader, Argo CD) would have recorded.
 */
import { applyPatch } from '../api/patch/index.js';
import { rfc3339 } from '../kubelet/format.js';
import type { EventRecorder, LabClock, LabObject, ObjectStore } from '../store/types.js';
import { applyManifests, typeFor } from './apply.js';
import { manifestObjects, type Scenario } from './loader.js';
import type { ScenarioAction } from './schema.js';

type Ref = {
  kind: string;
  apiVersion?: string | undefined;
  namespace?: string | undefined;
  name: string;
};

const API_VERSIONS: Record<string, string> = {
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  ReplicaSet: 'apps/v1',
  Job: 'batch/v1',
};

export interface PlayerOptions {
  store: ObjectStore;
  events: EventRecorder;
  clock: LabClock;
  onError?: (err: unknown) => void;
  /** Told when an action ran (for the CLI's progress lines). */
  onAction?: (scenario: string, action: ScenarioAction) => void;
}

export class ScenarioPlayer {
  private readonly abort = new AbortController();
  private done: Promise<void> | undefined;

  constructor(
    private readonly scenario: Scenario,
    private readonly o: PlayerOptions,
  ) {}

  start(): Promise<void> {
    this.done ??= this.play().catch((err) => this.o.onError?.(err));
    return this.done;
  }

  stop(): void {
    this.abort.abort();
  }

  private async play(): Promise<void> {
    for (const action of this.scenario.spec.actions) {
      if (action.waitForReady) await this.waitReady(action.waitForReady);
      await this.sleep(this.o.clock.toRealMs(action.after));
      if (this.abort.signal.aborted) return;
      try {
        this.run(action);
        this.o.onAction?.(this.scenario.spec.name, action);
      } catch (err) {
        this.o.onError?.(err);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const signal = this.abort.signal;
      if (signal.aborted) return resolve();
      const done = (): void => {
        clearTimeout(t);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const t = setTimeout(done, ms);
      signal.addEventListener('abort', done);
    });
  }

  private get(ref: Ref): { obj: LabObject; type: ReturnType<typeof typeFor> } {
    const type = typeFor(this.o.store, ref.apiVersion ?? API_VERSIONS[ref.kind] ?? 'v1', ref.kind);
    const obj = this.o.store.get(type, ref.namespace, ref.name);
    if (!obj) throw new Error(`${ref.kind} ${ref.namespace ?? ''}/${ref.name} not found`);
    return { obj: structuredClone(obj), type };
  }

  private put(type: ReturnType<typeof typeFor>, obj: LabObject): void {
    delete obj.metadata.resourceVersion;
    this.o.store.update(type, obj);
  }

  private async waitReady(ref: Ref): Promise<void> {
    const deadline = Date.now() + Math.max(60_000, this.o.clock.toRealMs(300));
    while (!this.abort.signal.aborted && Date.now() < deadline) {
      try {
        const { obj } = this.get(ref);
        const spec = obj['spec'] as { replicas?: number } | undefined;
        const status = obj['status'] as
          { readyReplicas?: number; updatedReplicas?: number } | undefined;
        const want = spec?.replicas ?? 1;
        if ((status?.readyReplicas ?? 0) >= want && want > 0) return;
      } catch {
        // not created yet
      }
      await this.sleep(100);
    }
  }

  private run(a: ScenarioAction): void {
    if (a.patch) {
      const { obj, type } = this.get(a.patch);
      this.put(type, applyPatch(a.patch.type, obj, a.patch.patch) as LabObject);
    } else if (a.apply) {
      const entries = Array.isArray(a.apply) ? a.apply : [a.apply];
      applyManifests(
        this.o.store,
        entries.flatMap((m) => manifestObjects(m, this.scenario.dir)),
      );
    } else if (a.delete) {
      const { type } = this.get(a.delete);
      const store = this.o.store as ObjectStore & {
        markDeleting?: (
          t: typeof type,
          ns: string | undefined,
          n: string,
          grace: number,
        ) => unknown;
      };
      if (type.resource === 'pods' && store.markDeleting)
        store.markDeleting(type, a.delete.namespace, a.delete.name, 30);
      else this.o.store.delete(type, a.delete.namespace, a.delete.name);
    } else if (a.rolloutRestart) {
      const { obj, type } = this.get(a.rolloutRestart);
      const tmpl = ((obj['spec'] as Record<string, unknown>)['template'] ?? {}) as {
        metadata?: { annotations?: Record<string, string> };
      };
      tmpl.metadata ??= {};
      tmpl.metadata.annotations = {
        ...tmpl.metadata.annotations,
        'kubectl.kubernetes.io/restartedAt': rfc3339(this.o.clock.now()),
      };
      this.put(type, obj);
    } else if (a.setImage) {
      const { obj, type } = this.get(a.setImage);
      const containers =
        (
          (obj['spec'] as Record<string, unknown>)['template'] as {
            spec?: { containers?: { name: string; image?: string }[] };
          }
        ).spec?.containers ?? [];
      const c = containers.find((x) => x.name === a.setImage!.container);
      if (!c)
        throw new Error(
          `no container ${a.setImage.container} in ${a.setImage.kind} ${a.setImage.name}`,
        );
      c.image = a.setImage.image;
      this.put(type, obj);
    } else if (a.scale) {
      const { obj, type } = this.get(a.scale);
      (obj['spec'] as { replicas?: number }).replicas = a.scale.replicas;
      this.put(type, obj);
    } else if (a.event) {
      const e = a.event;
      const involved = this.get(e.involved).obj;
      this.o.events.record(
        {
          kind: e.involved.kind,
          name: e.involved.name,
          ...(e.involved.namespace ? { namespace: e.involved.namespace } : {}),
          ...(involved.metadata.uid ? { uid: involved.metadata.uid } : {}),
          apiVersion: involved.apiVersion,
        },
        e.type,
        e.reason,
        e.message,
        { component: e.source },
      );
    }
  }
}
