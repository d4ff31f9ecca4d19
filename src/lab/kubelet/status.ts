/**
 * Pod status as the kubelet generates it (`pkg/kubelet/status/generate.go` and
 * `kubelet_pods.go` getPhase): the phase from the containers' states and the restart policy,
 * and the PodReadyToStartContainers / Initialized / ContainersReady / Ready conditions with the
 * kubelet's reasons and messages. Conditions keep their lastTransitionTime while their status
 * does not change; conditions the kubelet does not own (PodScheduled, DisruptionTarget) are kept.
 */
import { rfc3339 } from './format.js';
import type { ContainerStatus, PodCondition, PodObject, PodStatus } from './pod-types.js';

const KUBELET_CONDITIONS = new Set([
  'PodReadyToStartContainers',
  'Initialized',
  'ContainersReady',
  'Ready',
]);

export interface StatusInput {
  pod: PodObject;
  now: Date;
  sandboxReady: boolean;
  podIP: string | undefined;
  hostIP: string;
  startTime: string;
  initStatuses: ContainerStatus[];
  statuses: ContainerStatus[];
  /** An init container failed and will not be retried (restartPolicy Never). */
  initFailed: boolean;
}

export function podPhase(input: StatusInput): NonNullable<PodStatus['phase']> {
  const policy = input.pod.spec.restartPolicy ?? 'Always';
  if (input.initFailed) return 'Failed';
  const initDone = input.initStatuses.every((s) => s.state.terminated?.exitCode === 0);
  if (!initDone) return 'Pending';
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const s of input.statuses) {
    if (s.state.running) running++;
    else if (s.state.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state.waiting) {
      if (s.lastState.terminated) stopped++;
      else waiting++;
    }
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

export function buildPodStatus(input: StatusInput): PodStatus {
  const { pod, now } = input;
  const phase = podPhase(input);
  const prev = new Map((pod.status?.conditions ?? []).map((c) => [c.type, c]));
  const at = rfc3339(now);
  const cond = (type: string, ok: boolean, reason?: string, message?: string): PodCondition => {
    const status = ok ? 'True' : 'False';
    const old = prev.get(type);
    return {
      type,
      status,
      lastProbeTime: null,
      lastTransitionTime: old && old.status === status ? old.lastTransitionTime : at,
      ...(reason ? { reason } : {}),
      ...(message ? { message } : {}),
    };
  };
  const incompleteInit = input.initStatuses
    .filter((s) => s.state.terminated?.exitCode !== 0)
    .map((s) => s.name);
  const unready = input.statuses.filter((s) => !s.ready).map((s) => s.name);
  const done = phase === 'Succeeded' || phase === 'Failed';
  const ready = unready.length === 0 && !done;
  const readyReason = done ? 'PodCompleted' : ready ? undefined : 'ContainersNotReady';
  const readyMessage =
    ready || done ? undefined : `containers with unready status: [${unready.join(' ')}]`;
  const conditions: PodCondition[] = [
    cond('PodReadyToStartContainers', input.sandboxReady && !done),
    cond(
      'Initialized',
      incompleteInit.length === 0 || done,
      incompleteInit.length > 0 && !done ? 'ContainersNotInitialized' : undefined,
      incompleteInit.length > 0 && !done
        ? `containers with incomplete status: [${incompleteInit.join(' ')}]`
        : undefined,
    ),
    cond('Ready', ready, readyReason, readyMessage),
    cond('ContainersReady', ready, readyReason, readyMessage),
  ];
  for (const c of pod.status?.conditions ?? [])
    if (!KUBELET_CONDITIONS.has(c.type)) conditions.push(c);
  if (!conditions.some((c) => c.type === 'PodScheduled'))
    conditions.push(cond('PodScheduled', true));
  const order = [
    'PodReadyToStartContainers',
    'Initialized',
    'Ready',
    'ContainersReady',
    'PodScheduled',
  ];
  conditions.sort((a, b) => rank(order, a.type) - rank(order, b.type));
  const status: PodStatus = {
    ...pod.status,
    phase,
    conditions,
    hostIP: input.hostIP,
    hostIPs: [{ ip: input.hostIP }],
    startTime: input.startTime,
    containerStatuses: input.statuses,
  };
  if (input.podIP && input.sandboxReady) {
    status.podIP = input.podIP;
    status.podIPs = [{ ip: input.podIP }];
  }
  if (input.initStatuses.length > 0) status.initContainerStatuses = input.initStatuses;
  return status;
}

function rank(order: string[], type: string): number {
  const i = order.indexOf(type);
  return i < 0 ? order.length : i;
}
