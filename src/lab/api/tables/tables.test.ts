import { describe, expect, it } from 'vitest';
import { humanDuration } from './format.js';
import { summarizePod } from './pods.js';
import { buildTable } from './index.js';
import { RT } from '../../store/resource-types.js';
import type { LabObject } from '../../store/types.js';

const now = new Date('2025-03-01T12:00:00Z');

function pod(
  status: Record<string, unknown>,
  spec: Record<string, unknown> = {},
  meta: Record<string, unknown> = {},
): LabObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'ns', creationTimestamp: '2025-03-01T11:00:00Z', ...meta },
    spec: { containers: [{ name: 'app', image: 'i' }], ...spec },
    status,
  };
}

describe('humanDuration (apimachinery)', () => {
  it.each([
    [-5000, '<invalid>'],
    [-500, '0s'],
    [0, '0s'],
    [119_000, '119s'],
    [130_000, '2m10s'],
    [600_000, '10m'],
    [3 * 3600_000 + 5 * 60_000, '3h5m'],
    [8 * 3600_000, '8h'],
    [49 * 3600_000, '2d1h'],
    [10 * 86_400_000, '10d'],
    [800 * 86_400_000, '2y70d'],
  ])('%d ms → %s', (ms, text) => expect(humanDuration(ms)).toBe(text));
});

describe('pod STATUS/READY/RESTARTS like kubectl', () => {
  it('shows waiting and terminated reasons, and restarts with the last restart age', () => {
    const s = summarizePod(
      pod({
        phase: 'Running',
        containerStatuses: [
          {
            name: 'app',
            restartCount: 7,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1, finishedAt: '2025-03-01T11:57:50Z' } },
          },
        ],
      }),
      now,
    );
    expect(s).toMatchObject({
      ready: '0/1',
      status: 'CrashLoopBackOff',
      restarts: '7 (2m10s ago)',
    });
    expect(
      summarizePod(
        pod({
          phase: 'Running',
          containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 137 } } }],
        }),
        now,
      ).status,
    ).toBe('ExitCode:137');
    expect(
      summarizePod(
        pod({
          phase: 'Running',
          containerStatuses: [{ name: 'app', ready: true, state: { running: {} } }],
        }),
        now,
      ),
    ).toMatchObject({ ready: '1/1', status: 'Running', restarts: '0' });
  });

  it('handles init containers, completion, deletion and scheduling gates', () => {
    const initSpec = { initContainers: [{ name: 'init', image: 'i' }] };
    expect(
      summarizePod(
        pod(
          {
            phase: 'Pending',
            initContainerStatuses: [
              { name: 'init', state: { waiting: { reason: 'PodInitializing' } } },
            ],
          },
          initSpec,
        ),
        now,
      ).status,
    ).toBe('Init:0/1');
    expect(
      summarizePod(
        pod(
          {
            phase: 'Pending',
            initContainerStatuses: [
              { name: 'init', restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } } },
            ],
          },
          initSpec,
        ),
        now,
      ).status,
    ).toBe('Init:CrashLoopBackOff');
    expect(
      summarizePod(
        pod(
          {
            phase: 'Pending',
            initContainerStatuses: [{ name: 'init', state: { terminated: { exitCode: 3 } } }],
          },
          initSpec,
        ),
        now,
      ).status,
    ).toBe('Init:ExitCode:3');
    const done = summarizePod(
      pod({
        phase: 'Succeeded',
        containerStatuses: [
          { name: 'app', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
        ],
      }),
      now,
    );
    expect(done.status).toBe('Completed');
    expect(done.conditions?.[0]).toMatchObject({ type: 'Completed', reason: 'Succeeded' });
    expect(
      summarizePod(
        pod(
          {
            phase: 'Running',
            containerStatuses: [{ name: 'app', ready: true, state: { running: {} } }],
          },
          {},
          { deletionTimestamp: '2025-03-01T12:00:00Z' },
        ),
        now,
      ).status,
    ).toBe('Terminating');
    expect(
      summarizePod(
        pod({
          phase: 'Pending',
          conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
        }),
        now,
      ).status,
    ).toBe('SchedulingGated');
    const twoContainers = {
      containers: [
        { name: 'a', image: 'i' },
        { name: 'b', image: 'i' },
      ],
    };
    const notReady = summarizePod(
      pod(
        {
          phase: 'Running',
          containerStatuses: [
            { name: 'a', ready: true, state: { running: {} } },
            { name: 'b', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          ],
        },
        twoContainers,
      ),
      now,
    );
    expect(notReady).toMatchObject({ status: 'NotReady', ready: '1/2' });
    const sidecar = { initContainers: [{ name: 'proxy', image: 'i', restartPolicy: 'Always' }] };
    const withSidecar = summarizePod(
      pod(
        {
          phase: 'Running',
          conditions: [{ type: 'Initialized', status: 'True' }],
          initContainerStatuses: [
            { name: 'proxy', started: true, ready: true, state: { running: {} } },
          ],
          containerStatuses: [{ name: 'app', ready: true, state: { running: {} } }],
        },
        sidecar,
      ),
      now,
    );
    expect(withSidecar).toMatchObject({ status: 'Running', ready: '2/2' });
  });
});

describe('other printers', () => {
  const row = (type: typeof RT.pods, obj: LabObject): unknown[] => {
    const table = buildTable({ type, items: [obj], now, includeObject: 'None' }) as {
      rows: { cells: unknown[] }[];
    };
    return table.rows[0]?.cells ?? [];
  };

  it('prints events with LAST SEEN, TYPE, REASON, OBJECT, MESSAGE first', () => {
    const cells = row(RT.events, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'p.17', namespace: 'ns' },
      involvedObject: { kind: 'Pod', name: 'p', fieldPath: 'spec.containers{app}' },
      reason: 'BackOff',
      type: 'Warning',
      message: 'Back-off restarting failed container app ',
      source: { component: 'kubelet', host: 'node-1' },
      firstTimestamp: '2025-03-01T11:00:00Z',
      lastTimestamp: '2025-03-01T11:59:00Z',
      count: 12,
    });
    expect(cells).toEqual([
      '60s',
      'Warning',
      'BackOff',
      'pod/p',
      'spec.containers{app}',
      'kubelet, node-1',
      'Back-off restarting failed container app',
      '60m',
      12,
      'p.17',
    ]);
  });

  it('prints deployments, services and nodes like kubectl', () => {
    expect(
      row(RT.deployments, {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', creationTimestamp: '2025-03-01T11:00:00Z' },
        spec: {
          replicas: 3,
          selector: { matchLabels: { app: 'web' } },
          template: { spec: { containers: [{ name: 'app', image: 'a:1' }] } },
        },
        status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
      }),
    ).toEqual(['web', '2/3', 3, 2, '60m', 'app', 'a:1', 'app=web']);
    expect(
      row(RT.services, {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', creationTimestamp: '2025-03-01T11:00:00Z' },
        spec: {
          type: 'NodePort',
          clusterIPs: ['10.96.0.11'],
          ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }],
          selector: { app: 'web' },
        },
      }),
    ).toEqual(['web', 'NodePort', '10.96.0.11', '<none>', '80:30080/TCP', '60m', 'app=web']);
    expect(
      row(RT.nodes, {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          name: 'n1',
          creationTimestamp: '2025-03-01T11:00:00Z',
          labels: { 'node-role.kubernetes.io/control-plane': '' },
        },
        spec: { unschedulable: true },
        status: {
          conditions: [{ type: 'Ready', status: 'True' }],
          nodeInfo: { kubeletVersion: 'v1.33.0' },
          addresses: [{ type: 'InternalIP', address: '10.0.0.4' }],
        },
      }),
    ).toEqual([
      'n1',
      'Ready,SchedulingDisabled',
      'control-plane',
      '60m',
      'v1.33.0',
      '10.0.0.4',
      '<none>',
      '<unknown>',
      '<unknown>',
      '<unknown>',
    ]);
  });
});
