import { describe, expect, it } from 'vitest';
import { collectOffline } from '../evidence/offline/collect.js';
import { buildCases } from './cases.js';
import { EvidenceIndex } from './evidence-index.js';

const cases = (paste: string): { id: string; failure: string }[] =>
  buildCases(new EvidenceIndex(collectOffline([{ name: 'p', text: paste }]))).map((c) => ({
    id: c.id,
    failure: c.failure,
  }));

const pod = (status: object, spec: object = {}, meta: object = {}): string =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p-1', namespace: 'ns', ...meta },
    spec: { containers: [{ name: 'app', image: 'x' }], ...spec },
    status,
  });

describe('buildCases', () => {
  it('reads a describe cut down to its Events section (no Name:) as one pod with those events', () => {
    const paste = [
      'Events:',
      '  Type     Reason     Age               From     Message',
      '  ----     ------     ----              ----     -------',
      '  Warning  Unhealthy  2m (x9 over 5m)   kubelet  Liveness probe failed: Get "http://10.1.2.3:8080/healthz": dial tcp 10.1.2.3:8080: connect: connection refused',
      '  Normal   Killing    2m (x3 over 5m)   kubelet  Container api failed liveness probe, will be restarted',
      '',
    ].join('\r\n');
    const built = buildCases(new EvidenceIndex(collectOffline([{ name: 'p', text: paste }])));
    expect(built).toHaveLength(1);
    expect(built[0]?.container).toBe('api');
    expect(built[0]?.events.map((e) => e.object.reason)).toEqual(['Unhealthy', 'Killing']);
  });

  it('does not hand one pasted pod the unnamed events of another block', () => {
    const paste = `${pod({ phase: 'Running' })}\n\nEvents:\n  Type     Reason   Age  From     Message\n  ----     ------   ---- ----     -------\n  Warning  BackOff  1m   kubelet  Back-off restarting failed container\n`;
    const built = buildCases(new EvidenceIndex(collectOffline([{ name: 'p', text: paste }])));
    expect(built.every((c) => c.podName !== 'p-1' || c.events.length === 0)).toBe(true);
  });

  it.each([
    [
      'crash loop',
      pod({
        phase: 'Running',
        containerStatuses: [
          {
            name: 'app',
            restartCount: 3,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1, reason: 'Error' } },
          },
        ],
      }),
      'crash-loop',
    ],
    [
      'config error',
      pod({
        phase: 'Pending',
        containerStatuses: [
          {
            name: 'app',
            restartCount: 0,
            state: {
              waiting: { reason: 'CreateContainerConfigError', message: 'secret "s" not found' },
            },
          },
        ],
      }),
      'waiting',
    ],
    [
      'caught running between crashes',
      pod({
        phase: 'Running',
        containerStatuses: [
          {
            name: 'app',
            restartCount: 6,
            state: { running: {} },
            lastState: { terminated: { exitCode: 137, reason: 'OOMKilled' } },
          },
        ],
      }),
      'crash-loop',
    ],
    [
      'exit 0 under restartPolicy Always',
      pod({
        phase: 'Running',
        containerStatuses: [
          {
            name: 'app',
            restartCount: 4,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 0, reason: 'Completed' } },
          },
        ],
      }),
      'crash-loop',
    ],
    [
      'failed Job pod',
      pod(
        {
          phase: 'Failed',
          containerStatuses: [
            {
              name: 'app',
              restartCount: 0,
              state: { terminated: { exitCode: 2, reason: 'Error' } },
            },
          ],
        },
        { restartPolicy: 'Never' },
      ),
      'terminated',
    ],
    [
      'evicted',
      pod({ phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' }),
      'evicted',
    ],
    [
      'unscheduled',
      pod({
        phase: 'Pending',
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message: '0/3 nodes are available: 3 Insufficient cpu.',
          },
        ],
      }),
      'pending',
    ],
  ])('%s → a case', (_name, paste, failure) => {
    expect(cases(paste).map((c) => c.failure)).toEqual([failure]);
  });

  it.each([
    [
      'healthy running pod',
      pod({
        phase: 'Running',
        containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: { running: {} } }],
      }),
    ],
    [
      'completed Job pod',
      pod(
        {
          phase: 'Succeeded',
          containerStatuses: [
            {
              name: 'app',
              restartCount: 0,
              state: { terminated: { exitCode: 0, reason: 'Completed' } },
            },
          ],
        },
        { restartPolicy: 'Never' },
      ),
    ],
    [
      'sidecar stopped after the main container finished',
      pod(
        {
          phase: 'Succeeded',
          containerStatuses: [
            { name: 'app', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
            { name: 'istio-proxy', state: { terminated: { exitCode: 137, reason: 'Error' } } },
          ],
        },
        { restartPolicy: 'Never', containers: [{ name: 'app' }, { name: 'istio-proxy' }] },
      ),
    ],
    [
      'completed init container',
      pod(
        {
          phase: 'Running',
          initContainerStatuses: [
            { name: 'migrate', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          ],
          containerStatuses: [
            { name: 'app', ready: true, restartCount: 0, state: { running: {} } },
          ],
        },
        { initContainers: [{ name: 'migrate' }] },
      ),
    ],
  ])('%s → no case', (_name, paste) => {
    expect(cases(paste)).toEqual([]);
  });

  it('a pod stopped by a rolling update (Killing … Stopping container, 143) is not a failure', () => {
    const paste = `$ kubectl describe pod web-7d9f8c6b5-x2k9q -n shop
Name:         web-7d9f8c6b5-x2k9q
Namespace:    shop
Status:       Terminating (lasts 4s)
Containers:
  web:
    Image:          registry.example.com/web:1.2
    State:          Terminated
      Reason:       Error
      Exit Code:    143
      Started:      Mon, 02 Mar 2026 09:00:00 +0000
      Finished:     Mon, 02 Mar 2026 10:00:00 +0000
    Ready:          False
    Restart Count:  0
Events:
  Type    Reason   Age   From     Message
  ----    ------   ----  ----     -------
  Normal  Killing  5s    kubelet  Stopping container web
`;
    expect(cases(paste)).toEqual([]);
  });

  it('a pod listed as CrashLoopBackOff in a table gets a case', () => {
    const paste =
      'NAME                     READY   STATUS             RESTARTS      AGE\napi-5d8c7b9f4-2mxkq      0/1     CrashLoopBackOff   6 (1m ago)    12m\n';
    expect(cases(paste)).toEqual([{ id: '/api-5d8c7b9f4-2mxkq/', failure: 'crash-loop' }]);
  });

  it('a log with no pod becomes a logs-only case', () => {
    expect(
      cases('2026-03-01T10:00:00Z error Error: connect ECONNREFUSED 10.0.0.1:5432\n').map(
        (c) => c.failure,
      ),
    ).toEqual(['logs-only']);
  });

  it.each([
    [
      'one logs command per container: one case each (bold commands, CRLF)',
      [
        '**kubectl logs prom-0 -n mon -c config-reloader**',
        '',
        'level=error ts=2019-07-06T11:06:55Z msg="reload failed" err="dial tcp 127.0.0.1:9090: connect: connection refused"',
        '',
        '**kubectl logs prom-0 -n mon -c prometheus**',
        '',
        'level=error ts=2019-07-06T11:04:21Z caller=main.go:624 err="error loading config"',
      ].join('\r\n'),
      ['mon/prom-0/config-reloader', 'mon/prom-0/prometheus'],
    ],
    [
      'two logs of one container (previous and current): one case',
      '$ kubectl logs api-1 -p\nError: boom\n$ kubectl logs api-1\nError: boom again\n',
      ['/api-1/'],
    ],
    [
      'logs of two pods: one case each',
      '$ kubectl logs api-1\nError: boom\n$ kubectl logs api-2 -c web\nError: boom\n',
      ['/api-1/', '/api-2/web'],
    ],
  ])('logs of pods known only from their logs: %s', (_, paste, ids) => {
    const out = cases(paste);
    expect(out.map((c) => c.id)).toEqual(ids);
    expect(new Set(out.map((c) => c.failure))).toEqual(new Set(['logs-only']));
  });

  it('a pod known only from its events gets a case', () => {
    const paste = `LAST SEEN   TYPE      REASON             OBJECT                      MESSAGE
12s         Warning   FailedScheduling   pod/batch-6f7d8c9b5-zz9kq   0/3 nodes are available: 3 Insufficient memory.
`;
    expect(cases(paste).map((c) => c.failure)).toEqual(['pending']);
  });
});
