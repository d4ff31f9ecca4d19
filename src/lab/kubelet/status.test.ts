/** Pod phase and conditions from container states, as the kubelet computes them. */
import { describe, expect, it } from 'vitest';
import type { ContainerStatus, PodObject } from './pod-types.js';
import { buildPodStatus, podPhase } from './status.js';

const pod = (restartPolicy: 'Always' | 'OnFailure' | 'Never' = 'Always'): PodObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'ns', uid: 'u' },
  spec: { containers: [{ name: 'app' }], restartPolicy },
});
const cs = (
  state: ContainerStatus['state'],
  extra: Partial<ContainerStatus> = {},
): ContainerStatus => ({
  name: 'app',
  state,
  lastState: {},
  ready: false,
  restartCount: 0,
  image: 'x',
  imageID: '',
  ...extra,
});
const input = (p: PodObject, statuses: ContainerStatus[]) => ({
  pod: p,
  now: new Date('2026-03-11T14:00:00Z'),
  sandboxReady: true,
  podIP: '127.200.0.2',
  hostIP: '127.0.0.1',
  startTime: '2026-03-11T13:00:00Z',
  initStatuses: [],
  statuses,
  initFailed: false,
});

describe('podPhase', () => {
  it('is Pending while a container never started (config error, image pull)', () => {
    expect(
      podPhase(input(pod(), [cs({ waiting: { reason: 'CreateContainerConfigError' } })])),
    ).toBe('Pending');
  });
  it('is Running while a container crash-loops under Always', () => {
    const s = cs(
      { waiting: { reason: 'CrashLoopBackOff' } },
      { lastState: { terminated: { exitCode: 1, reason: 'Error' } }, restartCount: 3 },
    );
    expect(podPhase(input(pod(), [s]))).toBe('Running');
  });
  it('ends Succeeded or Failed when nothing restarts', () => {
    expect(
      podPhase(input(pod('Never'), [cs({ terminated: { exitCode: 0, reason: 'Completed' } })])),
    ).toBe('Succeeded');
    expect(
      podPhase(input(pod('Never'), [cs({ terminated: { exitCode: 2, reason: 'Error' } })])),
    ).toBe('Failed');
  });
});

it('sets the kubelet conditions with their reasons and messages', () => {
  const status = buildPodStatus(input(pod(), [cs({ running: { startedAt: 'x' } })]));
  expect(
    status.conditions?.map((c) => [c.type, c.status, c.reason ?? '', c.message ?? '']),
  ).toEqual([
    ['PodReadyToStartContainers', 'True', '', ''],
    ['Initialized', 'True', '', ''],
    ['Ready', 'False', 'ContainersNotReady', 'containers with unready status: [app]'],
    ['ContainersReady', 'False', 'ContainersNotReady', 'containers with unready status: [app]'],
    ['PodScheduled', 'True', '', ''],
  ]);
  expect(status.podIP).toBe('127.200.0.2');
});
