import { describe, expect, it } from 'vitest';
import type { Pod } from '../types.js';
import { collectOffline } from './collect.js';

/** The merged view of pod `api-1`: its printed status, current and last state. */
function merged(text: string): Record<'printed' | 'state' | 'last', string | undefined> {
  const pods = collectOffline([{ name: 'p', text }]).items.filter((i) => i.object.kind === 'Pod');
  expect(pods).toHaveLength(1);
  const pod = pods[0]!.object as Pod;
  const status = pod.status?.containerStatuses?.[0];
  return {
    printed: pod.metadata.annotations?.['crashlens.dev/printed-status'],
    state: Object.keys(status?.state ?? {})[0],
    last: status?.lastState?.terminated?.reason,
  };
}

const EVENTS = [
  '$ kubectl describe pod api-1',
  'Events:',
  '  Type     Reason   Age   From     Message',
  '  ----     ------   ----  ----     -------',
  '  Warning  BackOff  9m    kubelet  Back-off restarting failed container api in pod api-1_default(1)',
];

describe('collectOffline: several views of one pod', () => {
  it.each([
    [
      'watch rows, then a describe cut to its Events: the last row is the state (CRLF)',
      [
        '$ kubectl get pods -w',
        'api-1     0/1     Init:0/1   0          6s',
        'api-1     0/1     PodInitializing   0          29s',
        'api-1     0/1     Error             0          30s',
        'api-1     0/1     CrashLoopBackOff   1 (14s ago)   45s',
        '',
        ...EVENTS,
      ].join('\r\n'),
      { printed: 'CrashLoopBackOff', state: 'waiting', last: 'Error' },
    ],
    [
      'watch rows with a header, no describe',
      [
        '$ kubectl get pods -w',
        'NAME    READY   STATUS    RESTARTS   AGE',
        'api-1   0/1     Running   0          6s',
        'api-1   0/1     OOMKilled   0        40s',
        'api-1   0/1     CrashLoopBackOff   1 (2s ago)   42s',
      ].join('\n'),
      { printed: 'CrashLoopBackOff', state: 'waiting', last: 'OOMKilled' },
    ],
    [
      'one healthy row and a describe',
      ['$ kubectl get pods', 'api-1     1/1     Running   0          5m', '', ...EVENTS].join('\n'),
      { printed: 'Running', state: 'running', last: undefined },
    ],
  ])('%s', (_, text, expected) => {
    expect(merged(text)).toEqual(expected);
  });
});
