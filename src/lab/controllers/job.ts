/**
 * The Job controller: runs `parallelism` pods at a time until `completions` succeed, counts
 * failed pods (and, for `restartPolicy: OnFailure`, container restarts) against
 * `backoffLimit`, waits an exponential back-off (10 s doubling, capped at 6 min) before
 * replacing failed pods, honours `activeDeadlineSeconds` and `suspend`, and sets the real
 * terminal conditions: `SuccessCriteriaMet`+`Complete` (CompletionsReached) or
 * `FailureTarget`+`Failed` (BackoffLimitExceeded / DeadlineExceeded).
 */
import type { LabObject } from '../store/types.js';
import { RT } from '../store/resource-types.js';
import { asNumber, asRecord, deepEqual, formatTime, parseTime } from '../store/object-utils.js';
import type { Controller, ControllerDeps } from './types.js';
import { objectKey, splitKey } from './types.js';
import { OrphanPods, ownedPodsTrigger } from './orphans.js';
import { claimPods, podFromTemplate, rankForDeletion } from './replicaset.js';
import {
  getCondition,
  isActive,
  isPodReady,
  podPhase,
  restartCount,
  setCondition,
  type Rec,
} from './util.js';

const SOURCE = { component: 'job-controller' };

function finishedAt(pod: LabObject): number {
  let latest = 0;
  for (const cs of [...((asRecord(pod['status'])['containerStatuses'] as unknown[]) ?? [])]) {
    const t = parseTime(asRecord(asRecord(asRecord(cs)['state'])['terminated'])['finishedAt']);
    if (t && t.getTime() > latest) latest = t.getTime();
  }
  return latest || (parseTime(pod.metadata.creationTimestamp)?.getTime() ?? 0);
}

export function jobController(deps: ControllerDeps): Controller {
  const { store, events, clock } = deps;
  const orphans = new OrphanPods(store);
  return {
    name: 'job',
    triggers: [
      {
        type: RT.jobs,
        keys: (e) => [objectKey(e.object)],
      },
      ownedPodsTrigger('Job', orphans),
    ],
    initialKeys: () => store.listShared(RT.jobs, undefined).items.map((j) => objectKey(j)),
    sync(key) {
      const [ns, name] = splitKey(key);
      const job = store.getShared(RT.jobs, ns, name);
      if (!job || job.metadata.deletionTimestamp) return;
      const now = clock.now();
      const nowText = formatTime(now);
      const spec = asRecord(job['spec']);
      const status: Rec = { ...asRecord(job['status']) };
      const involved = {
        kind: 'Job',
        namespace: ns,
        name,
        uid: job.metadata.uid ?? '',
        apiVersion: 'batch/v1',
      };
      const done =
        getCondition(status, 'Complete')?.['status'] === 'True' ||
        getCondition(status, 'Failed')?.['status'] === 'True';
      const pods = claimPods(deps, job, spec['selector'], orphans);
      const active = pods.filter(isActive);
      const succeeded = Math.max(
        asNumber(status['succeeded'], 0),
        pods.filter((p) => podPhase(p) === 'Succeeded').length,
      );
      const failedPods = pods.filter((p) => podPhase(p) === 'Failed');
      const failed = Math.max(asNumber(status['failed'], 0), failedPods.length);
      if (!status['startTime'] && spec['suspend'] !== true) status['startTime'] = nowText;
      let requeue: number | undefined;

      if (!done) {
        const completions =
          typeof spec['completions'] === 'number' ? spec['completions'] : undefined;
        const parallelism = asNumber(spec['parallelism'], 1);
        const backoffLimit = asNumber(spec['backoffLimit'], 6);
        const onFailure =
          asRecord(asRecord(spec['template'])['spec'])['restartPolicy'] === 'OnFailure';
        const restarts = onFailure ? active.reduce((n, p) => n + restartCount(p), 0) : 0;
        const start = parseTime(status['startTime']);
        const deadline = spec['activeDeadlineSeconds'];
        let failure: { reason: string; message: string } | undefined;
        if (failed + restarts > backoffLimit)
          failure = {
            reason: 'BackoffLimitExceeded',
            message: 'Job has reached the specified backoff limit',
          };
        else if (
          typeof deadline === 'number' &&
          start &&
          start.getTime() + deadline * 1000 <= now.getTime()
        ) {
          failure = {
            reason: 'DeadlineExceeded',
            message: 'Job was active longer than specified deadline',
          };
        }
        const complete =
          completions !== undefined
            ? succeeded >= completions
            : succeeded > 0 && active.length === 0;
        if (failure) {
          for (const p of active) store.delete(RT.pods, ns, p.metadata.name ?? '');
          setCondition(
            status,
            {
              type: 'FailureTarget',
              status: 'True',
              reason: failure.reason,
              message: failure.message,
            },
            nowText,
          );
          setCondition(
            status,
            { type: 'Failed', status: 'True', reason: failure.reason, message: failure.message },
            nowText,
          );
          events.record(involved, 'Warning', failure.reason, failure.message, SOURCE);
        } else if (complete) {
          for (const p of active) store.delete(RT.pods, ns, p.metadata.name ?? '');
          setCondition(
            status,
            {
              type: 'SuccessCriteriaMet',
              status: 'True',
              reason: 'CompletionsReached',
              message: 'Reached expected number of succeeded pods',
            },
            nowText,
          );
          setCondition(
            status,
            {
              type: 'Complete',
              status: 'True',
              reason: 'CompletionsReached',
              message: 'Reached expected number of succeeded pods',
            },
            nowText,
          );
          status['completionTime'] = nowText;
          events.record(involved, 'Normal', 'Completed', 'Job completed', SOURCE);
        } else if (spec['suspend'] === true) {
          for (const p of active) store.delete(RT.pods, ns, p.metadata.name ?? '');
        } else {
          const remaining =
            completions !== undefined ? completions - succeeded : succeeded > 0 ? 0 : parallelism;
          const want = Math.max(0, Math.min(parallelism, remaining));
          if (active.length > want) {
            for (const p of rankForDeletion(active).slice(0, active.length - want))
              store.delete(RT.pods, ns, p.metadata.name ?? '');
          } else if (active.length < want) {
            // Back-off before replacing failed pods: 10s, 20s, 40s ... capped at 6 min (lab time).
            const lastFailure = failedPods.reduce((m, p) => Math.max(m, finishedAt(p)), 0);
            const delay = failed > 0 ? Math.min(10 * 2 ** (failed - 1), 360) : 0;
            const readyAt = lastFailure + delay * 1000;
            if (failed > 0 && readyAt > now.getTime()) {
              requeue = clock.toRealMs((readyAt - now.getTime()) / 1000) + 20;
            } else {
              for (let i = active.length; i < want; i++) {
                try {
                  const pod = store.create(
                    RT.pods,
                    podFromTemplate(spec['template'], job, { generateName: `${name}-` }),
                  );
                  events.record(
                    involved,
                    'Normal',
                    'SuccessfulCreate',
                    `Created pod: ${pod.metadata.name ?? ''}`,
                    SOURCE,
                  );
                } catch (error) {
                  events.record(
                    involved,
                    'Warning',
                    'FailedCreate',
                    `Error creating: ${error instanceof Error ? error.message : String(error)}`,
                    SOURCE,
                  );
                  break;
                }
              }
            }
          }
          if (typeof deadline === 'number' && start) {
            const left = start.getTime() + deadline * 1000 - now.getTime();
            requeue = Math.min(
              requeue ?? Number.POSITIVE_INFINITY,
              clock.toRealMs(left / 1000) + 20,
            );
          }
        }
      }
      const current = pods
        .map((p) => store.getShared(RT.pods, ns, p.metadata.name ?? ''))
        .filter((p): p is LabObject => p !== undefined);
      const stillActive = current.filter(isActive);
      status['active'] = stillActive.length;
      status['ready'] = stillActive.filter(isPodReady).length;
      status['succeeded'] = succeeded;
      status['failed'] = failed;
      status['terminating'] = current.filter((p) => p.metadata.deletionTimestamp).length;
      status['uncountedTerminatedPods'] = {};
      for (const k of ['active', 'succeeded', 'failed']) if (status[k] === 0) delete status[k];
      const fresh = store.getShared(RT.jobs, ns, name);
      if (fresh && !deepEqual(status, fresh['status']))
        store.updateStatus(RT.jobs, { ...fresh, status });
      return requeue !== undefined && Number.isFinite(requeue)
        ? { requeueAfterMs: Math.max(requeue, 1) }
        : undefined;
    },
  };
}
