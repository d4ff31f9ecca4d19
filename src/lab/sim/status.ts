/**
 * Builds the pod status a real kubelet would report for a simulated (process-less) pod:
 * healthy Running/Ready, a crash loop (waiting CrashLoopBackOff with the kubelet's back-off
 * message, lastState terminated with the exit code and reason), a container that cannot be
 * created (ImagePullBackOff, CreateContainerConfigError), running-but-unready, or Pending and
 * Unschedulable. Used by the scale-mode generator and by the simulated kubelet.
 */
import type { LabObject } from '../store/types.js';
import { asArray, asRecord, asString, formatTime } from '../store/object-utils.js';
import type { RandomSource } from '../store/names.js';
import { backoffSeconds, goDuration, type FailureShape } from './catalog.js';

function hex(rng: RandomSource, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(rng() * 16).toString(16);
  return s;
}

export interface StatusInput {
  pod: LabObject;
  shape: FailureShape | undefined;
  restarts: number;
  now: Date;
  startedAt: Date;
  podIP: string;
  hostIP: string;
  rng: RandomSource;
}

export interface SimulatedStatus {
  status: Record<string, unknown>;
  /** When the last crashed run ended (for log timestamps), if it crashed. */
  lastFinishedAt?: Date;
  lastStartedAt?: Date;
}

function condition(
  type: string,
  ok: boolean,
  at: string,
  reason?: string,
  message?: string,
): Record<string, unknown> {
  const c: Record<string, unknown> = {
    type,
    status: ok ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: at,
  };
  if (reason) c['reason'] = reason;
  if (message) c['message'] = message;
  return c;
}

export function simulatedStatus(input: StatusInput): SimulatedStatus {
  const { pod, shape, now, rng } = input;
  const spec = asRecord(pod['spec']);
  const containers = asArray(spec['containers']).map(asRecord);
  const started = formatTime(input.startedAt);
  const podRef = `${pod.metadata.name ?? ''}_${pod.metadata.namespace ?? ''}(${pod.metadata.uid ?? ''})`;
  if (shape?.unschedulable) {
    return {
      status: {
        phase: 'Pending',
        qosClass: asString(asRecord(pod['status'])['qosClass'], 'Burstable'),
      },
    };
  }
  const failing = shape !== undefined;
  const notRunning = failing && !shape.notReady;
  const unready = containers.map((c) => asString(c['name']));
  let lastFinishedAt: Date | undefined;
  let lastStartedAt: Date | undefined;
  const statuses = containers.map((c, i) => {
    const name = asString(c['name']);
    const image = asString(c['image']);
    const imageID = `${image.split(':')[0] ?? image}@sha256:${hex(rng, 64)}`;
    const containerID = `containerd://${hex(rng, 64)}`;
    const base: Record<string, unknown> = {
      name,
      image,
      imageID,
      containerID,
      restartCount: 0,
      started: true,
      ready: true,
    };
    if (!failing || i > 0) {
      base['state'] = { running: { startedAt: started } };
      return base;
    }
    if (shape.notReady) {
      base['state'] = { running: { startedAt: started } };
      base['ready'] = false;
      return base;
    }
    if (shape.waiting) {
      const waiting: Record<string, unknown> = { reason: shape.waiting.reason };
      const message =
        shape.waiting.reason === 'ImagePullBackOff'
          ? `Back-off pulling image "${image}"`
          : shape.waiting.message;
      if (message) waiting['message'] = message;
      return {
        name,
        image,
        imageID: '',
        ready: false,
        restartCount: 0,
        started: false,
        state: { waiting },
      };
    }
    const term = shape.termination ?? { exitCode: 1, reason: 'Error' };
    const restarts = Math.max(1, input.restarts);
    const backoff = backoffSeconds(restarts);
    const finished = new Date(now.getTime() - Math.floor(rng() * backoff * 1000));
    const runFor = term.reason === 'OOMKilled' ? 30 : term.exitCode === 137 ? 70 : 3;
    const began = new Date(finished.getTime() - runFor * 1000 - Math.floor(rng() * 2000));
    lastFinishedAt = finished;
    lastStartedAt = began;
    const terminated: Record<string, unknown> = {
      exitCode: term.exitCode,
      reason: term.reason,
      startedAt: formatTime(began),
      finishedAt: formatTime(finished),
      containerID,
    };
    if (term.message) terminated['message'] = term.message;
    return {
      name,
      image,
      imageID,
      containerID,
      ready: false,
      started: false,
      restartCount: restarts,
      state: {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: `back-off ${goDuration(backoff)} restarting failed container=${name} pod=${podRef}`,
        },
      },
      lastState: { terminated },
    };
  });
  const ready = !failing;
  const reason = ready ? undefined : 'ContainersNotReady';
  const message = ready
    ? undefined
    : `containers with unready status: [${unready.slice(0, 1).join(' ')}]`;
  const status: Record<string, unknown> = {
    phase: notRunning && shape?.waiting ? 'Pending' : 'Running',
    conditions: [
      condition(
        'PodReadyToStartContainers',
        !(
          shape?.waiting &&
          shape.waiting.reason !== 'CreateContainerConfigError' &&
          shape.waiting.reason !== 'ImagePullBackOff'
        ),
        started,
      ),
      condition('Initialized', true, started),
      condition('Ready', ready, started, reason, message),
      condition('ContainersReady', ready, started, reason, message),
      condition('PodScheduled', true, started),
    ],
    hostIP: input.hostIP,
    hostIPs: [{ ip: input.hostIP }],
    podIP: input.podIP,
    podIPs: [{ ip: input.podIP }],
    startTime: started,
    containerStatuses: statuses,
    qosClass: asString(asRecord(pod['status'])['qosClass'], 'Burstable'),
  };
  const out: SimulatedStatus = { status };
  if (lastFinishedAt) out.lastFinishedAt = lastFinishedAt;
  if (lastStartedAt) out.lastStartedAt = lastStartedAt;
  return out;
}
