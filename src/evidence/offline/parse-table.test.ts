/**
 * Tests for the `kubectl get` table parser: realistic outputs of each known table, the wide,
 * all-namespaces and old layouts, and damaged pastes (shifted rows, wraps, tabs, cut-off rows).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Endpoints, KEvent, Node, Pod, Service, TableRow, Workload } from '../types.js';
import type { Block, KubectlCommand, ParsedBlock } from './block.js';
import {
  AGE_ANNOTATION,
  DATA_COUNT_ANNOTATION,
  kindFromType,
  LAST_RESTART_AGE_ANNOTATION,
  parseKubectlTable,
  parseKubectlTables,
  parseTable,
  PRINTED_READY_ANNOTATION,
  PRINTED_STATUS_ANNOTATION,
  READINESS_UNKNOWN_ANNOTATION,
} from './parse-table.js';

function cmd(text: string, extra: Partial<KubectlCommand> = {}): KubectlCommand {
  return { text, verb: 'get', names: [], flags: {}, ...extra };
}

function run(text: string, command?: KubectlCommand, from = 5): ParsedBlock {
  const lines = text.replace(/^\n/, '').split('\n');
  const block: Block = { kind: 'table', from, to: from + lines.length - 1, lines };
  if (command) block.command = command;
  const parsed = parseTable(block, 2, { name: 'paste.txt', lines });
  if (!parsed) throw new Error('table not recognised');
  return parsed;
}

function objects<T>(parsed: ParsedBlock): T[] {
  return parsed.items.map((i) => i.object as T);
}

const PODS = `
NAME                               READY   STATUS                       RESTARTS         AGE
billing-api-5f7c9d8b4-k2x7p        0/1     CrashLoopBackOff             12 (3m45s ago)   38m
billing-api-5f7c9d8b4-wq9zn        1/1     Running                      0                38m
billing-worker-7c6b5d4f9-h8s2m     0/1     Init:CrashLoopBackOff        4 (51s ago)      6m
billing-migrate-xk2p9              0/1     Completed                    0                2d
billing-report-28391460-7hq2w      0/1     Error                        0                71m
billing-api-5f7c9d8b4-zz8r4        0/1     Evicted                      0                3h
billing-ui-6d8f7c5b9-p4n2q         0/1     ImagePullBackOff             0                4m
billing-ui-6d8f7c5b9-r5m3x         0/1     CreateContainerConfigError   0                4m
billing-cache-0                    0/2     Init:0/1                     0                20s
billing-batch-8f6d5c4b3-l9v2c      0/1     OOMKilled                    3 (5s ago)       9m
billing-sidecar-7b6c5d4e3-m2n8k    1/2     Running                      1 (14m ago)      2h
billing-old-6c5b4a3d2-q7w1e        0/1     Terminating                  0                5d
billing-exit-5d4c3b2a1-t6y7u       0/1     ExitCode:3                   2 (1s ago)       40s
`;

describe('pods table', () => {
  const parsed = run(
    PODS,
    cmd('kubectl get pods -n billing', { resource: 'pods', namespace: 'billing' }),
  );
  const pods = objects<Pod>(parsed);
  const byName = new Map(pods.map((p) => [p.metadata.name, p]));
  const pod = (name: string): Pod => {
    const p = byName.get(name);
    if (!p) throw new Error(`no pod ${name}`);
    return p;
  };

  it('produces one Pod per row with a row-tight origin', () => {
    expect(pods).toHaveLength(13);
    expect(parsed.items[0]?.origin).toEqual({ source: 2, from: 6, to: 6 });
    expect(parsed.items[12]?.origin).toEqual({ source: 2, from: 18, to: 18 });
    expect(parsed.warnings).toEqual([]);
  });

  it.each([
    // name, phase, container state, ready, restarts
    [
      'billing-api-5f7c9d8b4-k2x7p',
      'Running',
      { waiting: { reason: 'CrashLoopBackOff' } },
      false,
      12,
    ],
    ['billing-api-5f7c9d8b4-wq9zn', 'Running', { running: {} }, true, 0],
    ['billing-migrate-xk2p9', 'Succeeded', { terminated: { reason: 'Completed' } }, false, 0],
    ['billing-report-28391460-7hq2w', 'Failed', { terminated: { reason: 'Error' } }, false, 0],
    [
      'billing-ui-6d8f7c5b9-p4n2q',
      'Pending',
      { waiting: { reason: 'ImagePullBackOff' } },
      false,
      0,
    ],
    [
      'billing-ui-6d8f7c5b9-r5m3x',
      'Pending',
      { waiting: { reason: 'CreateContainerConfigError' } },
      false,
      0,
    ],
    ['billing-batch-8f6d5c4b3-l9v2c', 'Running', { terminated: { reason: 'OOMKilled' } }, false, 3],
    ['billing-sidecar-7b6c5d4e3-m2n8k', 'Running', { running: {} }, false, 1],
    ['billing-exit-5d4c3b2a1-t6y7u', 'Running', { terminated: { exitCode: 3 } }, false, 2],
  ])('%s → phase %s', (name, phase, state, ready, restarts) => {
    const p = pod(name);
    expect(p.metadata.namespace).toBe('billing');
    expect(p.status?.phase).toBe(phase);
    expect(p.status?.containerStatuses).toEqual([
      { name: '', ready, restartCount: restarts, state },
    ]);
  });

  it('keeps the printed facts as annotations', () => {
    expect(pod('billing-api-5f7c9d8b4-k2x7p').metadata.annotations).toEqual({
      [PRINTED_STATUS_ANNOTATION]: 'CrashLoopBackOff',
      [PRINTED_READY_ANNOTATION]: '0/1',
      [LAST_RESTART_AGE_ANNOTATION]: '3m45s',
      [AGE_ANNOTATION]: '38m',
    });
    expect(
      pod('billing-api-5f7c9d8b4-wq9zn').metadata.annotations?.[LAST_RESTART_AGE_ANNOTATION],
    ).toBeUndefined();
  });

  it('puts init-container failures in initContainerStatuses', () => {
    const p = pod('billing-worker-7c6b5d4f9-h8s2m');
    expect(p.status?.phase).toBe('Pending');
    expect(p.status?.initContainerStatuses).toEqual([
      {
        name: '',
        ready: false,
        restartCount: 4,
        state: { waiting: { reason: 'CrashLoopBackOff' } },
      },
    ]);
    expect(p.status?.containerStatuses?.[0]?.state).toEqual({
      waiting: { reason: 'PodInitializing' },
    });
    const init = pod('billing-cache-0');
    expect(init.status?.phase).toBe('Pending');
    expect(init.status?.initContainerStatuses?.[0]?.state).toBeUndefined();
  });

  it('marks evicted pods Failed with reason Evicted', () => {
    const p = pod('billing-api-5f7c9d8b4-zz8r4');
    expect(p.status?.phase).toBe('Failed');
    expect(p.status?.reason).toBe('Evicted');
  });

  it('does not invent a phase for Terminating', () => {
    const p = pod('billing-old-6c5b4a3d2-q7w1e');
    expect(p.status?.phase).toBeUndefined();
    expect(p.metadata.annotations?.[PRINTED_STATUS_ANNOTATION]).toBe('Terminating');
  });
});

describe('pods table variants', () => {
  it('reads -A -o wide (namespace column, IP, node)', () => {
    const parsed = run(`
NAMESPACE   NAME                          READY   STATUS             RESTARTS      AGE   IP            NODE                  NOMINATED NODE   READINESS GATES
ledger      ledger-api-7d4b9c6f8-2xk9q    0/1     CrashLoopBackOff   6 (92s ago)   17m   10.42.3.17    worker-pool-b-7f9d2   <none>           <none>
ledger      ledger-db-0                   1/1     Running            0             12d   10.42.1.201   worker-pool-a-1c3e5   <none>           <none>
kube-system coredns-5d78c9869d-8qzxv      1/1     Running            0             40d   10.42.0.3     worker-pool-a-1c3e5   <none>           <none>
`);
    const pods = objects<Pod>(parsed);
    expect(pods.map((p) => [p.metadata.namespace, p.metadata.name])).toEqual([
      ['ledger', 'ledger-api-7d4b9c6f8-2xk9q'],
      ['ledger', 'ledger-db-0'],
      ['kube-system', 'coredns-5d78c9869d-8qzxv'],
    ]);
    expect(pods[0]?.status?.podIP).toBe('10.42.3.17');
    expect(pods[0]?.spec?.nodeName).toBe('worker-pool-b-7f9d2');
    expect(pods[0]?.metadata.annotations?.[LAST_RESTART_AGE_ANNOTATION]).toBe('92s');
  });

  it('tolerates a RESTARTS cell wider than its column (rows shifted right)', () => {
    const parsed = run(`
NAME                         READY   STATUS             RESTARTS      AGE
orders-7f5d9c8b6-q2m4x       0/1     CrashLoopBackOff   17 (4m12s ago)   3h
orders-7f5d9c8b6-r7k2p       0/1     CrashLoopBackOff   5 (88s ago)     3h
orders-7f5d9c8b6-z8n1d       0/1     CrashLoopBackOff   3 (40s ago) 3h
orders-redis-0               1/1     Running            0               41d
`);
    const pods = objects<Pod>(parsed);
    expect(pods.map((p) => p.status?.containerStatuses?.[0]?.restartCount)).toEqual([17, 5, 3, 0]);
    expect(pods.map((p) => p.metadata.annotations?.[AGE_ANNOTATION])).toEqual([
      '3h',
      '3h',
      '3h',
      '41d',
    ]);
    expect(pods[0]?.metadata.annotations?.[LAST_RESTART_AGE_ANNOTATION]).toBe('4m12s');
    expect(parsed.warnings).toEqual([]);
  });

  it('reads tab-separated tables', () => {
    const parsed = run(
      [
        'NAME\tREADY\tSTATUS\tRESTARTS\tAGE',
        'search-indexer-6b7c8d9e0f-abcde\t0/1\tCrashLoopBackOff\t8 (3m ago)\t25m',
        'search-api-5a6b7c8d9e-fghij\t1/1\tRunning\t0\t25m',
      ].join('\n'),
    );
    const pods = objects<Pod>(parsed);
    expect(pods).toHaveLength(2);
    expect(pods[0]?.metadata.name).toBe('search-indexer-6b7c8d9e0f-abcde');
    expect(pods[0]?.status?.containerStatuses?.[0]).toMatchObject({
      restartCount: 8,
      ready: false,
    });
    expect(pods[1]?.status?.containerStatuses?.[0]?.state).toEqual({ running: {} });
  });

  it('reads tables whose spacing was collapsed to single spaces', () => {
    const parsed = run(`
NAME READY STATUS RESTARTS AGE
mailer-84c9d7f6b5-wx2rt 0/1 CrashLoopBackOff 9 (2m14s ago) 47m
mailer-84c9d7f6b5-lk9pq 1/1 Running 0 47m
`);
    const pods = objects<Pod>(parsed);
    expect(pods.map((p) => p.metadata.name)).toEqual([
      'mailer-84c9d7f6b5-wx2rt',
      'mailer-84c9d7f6b5-lk9pq',
    ]);
    expect(pods[0]?.status?.containerStatuses?.[0]?.restartCount).toBe(9);
    expect(pods[0]?.metadata.annotations?.[AGE_ANNOTATION]).toBe('47m');
  });

  it('re-joins a wide row hard-wrapped by the terminal', () => {
    const first =
      'geo-api-5c4d3e2f1a-mn8bv   0/1     CrashLoopBackOff   4 (63s ago)   9m    10.8.1.44     ip-10-8-1-20.eu-west-1.comp';
    const parsed = run(
      [
        'NAME                       READY   STATUS             RESTARTS      AGE   IP            NODE                                         NOMINATED NODE   READINESS GATES',
        first,
        'ute.internal   <none>           <none>',
        'geo-api-5c4d3e2f1a-p0o9i   1/1     Running            0             9m    10.8.2.12     ip-10-8-2-31.eu-west-1.compute.internal      <none>           <none>',
      ].join('\n'),
      undefined,
      1,
    );
    const pods = objects<Pod>(parsed);
    expect(pods).toHaveLength(2);
    expect(pods[0]?.spec?.nodeName).toBe('ip-10-8-1-20.eu-west-1.compute.internal');
    expect(parsed.items[0]?.origin).toEqual({ source: 2, from: 2, to: 3 });
    expect(parsed.items[1]?.origin).toEqual({ source: 2, from: 4, to: 4 });
  });

  it('keeps a row cut off by the paste and warns', () => {
    const parsed = run(`
NAME                        READY   STATUS             RESTARTS      AGE
notify-6f9c8b7a5d-aa11b     0/1     CrashLoopBackOff   6 (2m ago)    30m
notify-6f9c8b7a5d-cc22d     0/1     CrashLoop`);
    const pods = objects<Pod>(parsed);
    expect(pods).toHaveLength(2);
    expect(pods[1]?.metadata.name).toBe('notify-6f9c8b7a5d-cc22d');
    expect(parsed.warnings).toEqual([
      'line 7: table row has fewer cells than its header (cut off?)',
    ]);
  });

  it('skips "No resources found" and kubectl warnings around a table', () => {
    const parsed = run(`
Warning: v1 ComponentStatus is deprecated in v1.19+
NAME                     READY   STATUS    RESTARTS   AGE
relay-0                  1/1     Running   0          5d
`);
    expect(objects<Pod>(parsed).map((p) => p.metadata.name)).toEqual(['relay-0']);
  });
});

describe('events table', () => {
  it('reads the default layout, with namespace from the command and wrapped messages', () => {
    const parsed = run(
      `
LAST SEEN   TYPE      REASON              OBJECT                              MESSAGE
6m2s        Normal    ScalingReplicaSet   deployment/payments-gateway         Scaled up replica set payments-gateway-6d9f7c5b8 to 1
5m58s       Warning   Failed              pod/payments-gateway-6d9f7c5b8-jx4kq   Error: couldn't find key STRIPE_WEBHOOK_SECRET in
                                                                                Secret payments/gateway-keys
58s         Warning   BackOff             pod/payments-gateway-6d9f7c5b8-jx4kq   Back-off restarting failed container gateway in pod payments-gateway-6d9f7c5b8-jx4kq_payments(0d3c)
40s         Warning   NodeNotReady        node/ip-10-20-3-4.ec2.internal      Node is not ready
`,
      cmd('kubectl get events -n payments', { resource: 'events', namespace: 'payments' }),
    );
    const events = objects<KEvent>(parsed);
    expect(events).toHaveLength(4);
    expect(events[0]).toEqual({
      kind: 'Event',
      metadata: { namespace: 'payments' },
      involvedObject: { kind: 'Deployment', name: 'payments-gateway', namespace: 'payments' },
      type: 'Normal',
      reason: 'ScalingReplicaSet',
      message: 'Scaled up replica set payments-gateway-6d9f7c5b8 to 1',
      ages: { last: '6m2s' },
    });
    expect(events[1]?.message).toBe(
      "Error: couldn't find key STRIPE_WEBHOOK_SECRET in Secret payments/gateway-keys",
    );
    expect(parsed.items[1]?.origin).toEqual({ source: 2, from: 7, to: 8 });
    expect(events[2]?.involvedObject).toEqual({
      kind: 'Pod',
      name: 'payments-gateway-6d9f7c5b8-jx4kq',
      namespace: 'payments',
    });
    // Nodes are cluster-scoped: no namespace on the reference.
    expect(events[3]?.involvedObject).toEqual({ kind: 'Node', name: 'ip-10-20-3-4.ec2.internal' });
  });

  it('re-joins a message hard-wrapped at the terminal width', () => {
    const first =
      '2m          Warning   Failed    pod/api-7c9d8-x2x2x        Error: secret "api-tls" not found while creating the contain';
    const parsed = run(
      [
        'LAST SEEN   TYPE      REASON    OBJECT                     MESSAGE',
        first,
        'er environment',
        '1m          Normal    Pulled    pod/api-7c9d8-x2x2x        Container image "api:2" already present on machine',
      ].join('\n'),
    );
    const events = objects<KEvent>(parsed);
    expect(events.map((e) => e.message)).toEqual([
      'Error: secret "api-tls" not found while creating the container environment',
      'Container image "api:2" already present on machine',
    ]);
  });

  it('reads -A with the namespace column', () => {
    const parsed = run(`
NAMESPACE   LAST SEEN   TYPE      REASON      OBJECT                            MESSAGE
infra       4m12s       Normal    Reloaded    deployment/queue-proxy            Changes detected in 'queue-proxy-config' of type 'CONFIGMAP' in namespace 'infra', Updated 'queue-proxy' of type 'Deployment' in namespace 'infra'
shop        9s          Warning   Unhealthy   pod/cart-5b6c7d8e9f-k3l4m         Liveness probe failed: HTTP probe failed with statuscode: 503
`);
    const events = objects<KEvent>(parsed);
    expect(events.map((e) => [e.metadata.namespace, e.involvedObject.namespace, e.reason])).toEqual(
      [
        ['infra', 'infra', 'Reloaded'],
        ['shop', 'shop', 'Unhealthy'],
      ],
    );
  });

  it('reads -o wide (subobject, source, first seen, count, name) with an empty subobject', () => {
    const parsed = run(
      `
LAST SEEN   TYPE      REASON      OBJECT                           SUBOBJECT              SOURCE                          MESSAGE                                                                                 FIRST SEEN   COUNT   NAME
2m          Warning   BackOff     pod/ledger-api-7d4b9c6f8-2xk9q   spec.containers{api}   kubelet, worker-pool-b-7f9d2    Back-off restarting failed container api in pod ledger-api-7d4b9c6f8-2xk9q_ledger(a1)   17m          71      ledger-api-7d4b9c6f8-2xk9q.182a1b2c3d4e5f60
17m         Normal    Scheduled   pod/ledger-api-7d4b9c6f8-2xk9q                          default-scheduler               Successfully assigned ledger/ledger-api-7d4b9c6f8-2xk9q to worker-pool-b-7f9d2          17m          1       ledger-api-7d4b9c6f8-2xk9q.182a1b2c3d4e5f61
`,
      cmd('kubectl get events -n ledger -o wide', {
        resource: 'events',
        namespace: 'ledger',
        output: 'wide',
      }),
    );
    const events = objects<KEvent>(parsed);
    expect(events[0]).toEqual({
      kind: 'Event',
      metadata: { name: 'ledger-api-7d4b9c6f8-2xk9q.182a1b2c3d4e5f60', namespace: 'ledger' },
      involvedObject: {
        kind: 'Pod',
        name: 'ledger-api-7d4b9c6f8-2xk9q',
        namespace: 'ledger',
        fieldPath: 'spec.containers{api}',
      },
      type: 'Warning',
      reason: 'BackOff',
      message:
        'Back-off restarting failed container api in pod ledger-api-7d4b9c6f8-2xk9q_ledger(a1)',
      source: { component: 'kubelet', host: 'worker-pool-b-7f9d2' },
      count: 71,
      ages: { last: '2m', first: '17m' },
    });
    expect(events[1]?.involvedObject.fieldPath).toBeUndefined();
    expect(events[1]?.source).toEqual({ component: 'default-scheduler' });
    expect(events[1]?.count).toBe(1);
    expect(events[1]?.metadata.name).toBe('ledger-api-7d4b9c6f8-2xk9q.182a1b2c3d4e5f61');
  });

  it('tolerates a wide row pushed right by an over-long message', () => {
    const parsed = run(`
LAST SEEN   TYPE     REASON      OBJECT              SUBOBJECT   SOURCE              MESSAGE                 FIRST SEEN   COUNT   NAME
17m         Normal   Scheduled   pod/queue-0                     default-scheduler   Successfully assigned q/queue-0 to n1   17m          1       queue-0.17f0
`);
    const ev = objects<KEvent>(parsed)[0];
    expect(ev?.count).toBe(1);
    expect(ev?.ages).toEqual({ last: '17m', first: '17m' });
    expect(ev?.metadata.name).toBe('queue-0.17f0');
  });

  it('reads the old layout (LAST SEEN FIRST SEEN COUNT NAME KIND ...)', () => {
    const parsed = run(
      `
LAST SEEN   FIRST SEEN   COUNT     NAME                       KIND      SUBOBJECT                 TYPE      REASON    SOURCE                 MESSAGE
1m          20m          42        cron-sync-1599000-abcde    Pod       spec.containers{sync}     Warning   BackOff   kubelet, node-pool-3   Back-off restarting failed container
`,
      cmd('kubectl get events -n jobs', { resource: 'events', namespace: 'jobs' }),
    );
    expect(objects<KEvent>(parsed)[0]).toEqual({
      kind: 'Event',
      metadata: { namespace: 'jobs' },
      involvedObject: {
        kind: 'Pod',
        name: 'cron-sync-1599000-abcde',
        namespace: 'jobs',
        fieldPath: 'spec.containers{sync}',
      },
      type: 'Warning',
      reason: 'BackOff',
      message: 'Back-off restarting failed container',
      source: { component: 'kubelet', host: 'node-pool-3' },
      count: 42,
      ages: { last: '1m', first: '20m' },
    });
  });

  it('reads `kubectl events` intervals (x4 over 10m) and Kind/name objects', () => {
    const parsed = run(
      `
LAST SEEN              TYPE      REASON    OBJECT                          MESSAGE
3m (x4 over 10m)       Warning   BackOff   Pod/worker-6d5c4b3a2-z9y8x      Back-off restarting failed container worker in pod worker-6d5c4b3a2-z9y8x_jobs(ff01)
11m                    Normal    Pulled    Pod/worker-6d5c4b3a2-z9y8x      Container image "worker:7" already present on machine
`,
      { text: 'kubectl events -n jobs', verb: 'events', names: [], flags: {}, namespace: 'jobs' },
    );
    const events = objects<KEvent>(parsed);
    expect(events[0]?.count).toBe(4);
    expect(events[0]?.ages).toEqual({ last: '3m', first: '10m' });
    expect(events[0]?.involvedObject.kind).toBe('Pod');
    expect(events[1]?.ages).toEqual({ last: '11m' });
  });
});

describe('endpoints and endpointslices tables', () => {
  it('reads endpoints with ports, <none> and "+ N more..."', () => {
    const parsed = run(
      `
NAME              ENDPOINTS                                                  AGE
session-redis     10.0.2.41:6379,10.0.2.42:6379                              41d
session-api       <none>                                                     41d
session-web       10.0.3.7:8080,10.0.3.7:9090,10.0.3.8:8080 + 3 more...       6d
`,
      cmd('kubectl get endpoints -n auth', { resource: 'endpoints', namespace: 'auth' }),
    );
    const eps = objects<Endpoints>(parsed);
    expect(eps[0]).toEqual({
      kind: 'Endpoints',
      metadata: {
        name: 'session-redis',
        namespace: 'auth',
        annotations: { [AGE_ANNOTATION]: '41d' },
      },
      serviceName: 'session-redis',
      addresses: [
        { ip: '10.0.2.41', ready: true, ports: [6379] },
        { ip: '10.0.2.42', ready: true, ports: [6379] },
      ],
    });
    expect(eps[1]?.addresses).toEqual([]);
    expect(eps[2]?.addresses).toEqual([
      { ip: '10.0.3.7', ready: true, ports: [8080, 9090] },
      { ip: '10.0.3.8', ready: true, ports: [8080] },
    ]);
    expect(parsed.warnings).toEqual([
      'line 8: endpoints session-web: the table lists only some addresses (3 more not shown)',
    ]);
  });

  it('reads endpointslices and derives the service name', () => {
    const parsed = run(`
NAME                  ADDRESSTYPE   PORTS       ENDPOINTS                 AGE
session-redis-x7k2p   IPv4          6379        10.0.2.41,10.0.2.42       41d
session-api-q9w8e     IPv4          <unset>     <unset>                   41d
`);
    const eps = objects<Endpoints>(parsed);
    expect(eps[0]?.serviceName).toBe('session-redis');
    expect(eps[0]?.addresses).toEqual([
      { ip: '10.0.2.41', ready: true, ports: [6379] },
      { ip: '10.0.2.42', ready: true, ports: [6379] },
    ]);
    expect(eps[0]?.metadata.annotations?.[READINESS_UNKNOWN_ANNOTATION]).toBe('true');
    expect(eps[1]?.serviceName).toBe('session-api');
    expect(eps[1]?.addresses).toEqual([]);
  });
});

describe('other known tables', () => {
  it('reads services (wide selector, ports, headless)', () => {
    const parsed = run(`
NAME             TYPE           CLUSTER-IP      EXTERNAL-IP    PORT(S)                      AGE   SELECTOR
session-redis    ClusterIP      10.96.22.18     <none>         6379/TCP                     41d   app=session-redis
session-web      LoadBalancer   10.96.140.2     203.0.113.10   80:31080/TCP,443:31443/TCP   6d    app=session-web,tier=edge
legacy-db        ClusterIP      None            <none>         5432/TCP                     300d  <none>
`);
    const svcs = objects<Service>(parsed);
    expect(svcs[0]?.spec).toEqual({
      type: 'ClusterIP',
      clusterIP: '10.96.22.18',
      ports: [{ port: 6379, protocol: 'TCP' }],
      selector: { app: 'session-redis' },
    });
    expect(svcs[1]?.spec?.ports).toEqual([
      { port: 80, protocol: 'TCP' },
      { port: 443, protocol: 'TCP' },
    ]);
    expect(svcs[1]?.spec?.selector).toEqual({ app: 'session-web', tier: 'edge' });
    expect(svcs[2]?.spec?.clusterIP).toBe('None');
    expect(svcs[2]?.spec?.selector).toEqual({});
  });

  it('reads deployments (wide), replicasets, statefulsets, daemonsets, jobs, cronjobs', () => {
    const deploy = objects<Workload>(
      run(`
NAME         READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS       IMAGES                                       SELECTOR
checkout     1/3     3            1           90d   app,envoy        shop/checkout:5.1.0,envoyproxy/envoy:v1.29   app=checkout
`),
    )[0];
    expect(deploy).toEqual({
      kind: 'Deployment',
      metadata: { name: 'checkout', annotations: { [AGE_ANNOTATION]: '90d' } },
      spec: {
        replicas: 3,
        template: {
          spec: {
            containers: [
              { name: 'app', image: 'shop/checkout:5.1.0' },
              { name: 'envoy', image: 'envoyproxy/envoy:v1.29' },
            ],
          },
        },
        selector: { matchLabels: { app: 'checkout' } },
      },
      status: { readyReplicas: 1, updatedReplicas: 3, availableReplicas: 1 },
    });
    const rs = objects<Workload>(
      run(`
NAME                   DESIRED   CURRENT   READY   AGE
checkout-7d9f8c6b5     3         3         0       12m
checkout-5c4b3a2d1     0         0         0       90d
`),
    );
    expect(
      rs.map((r) => [r.kind, r.spec?.replicas, r.status?.replicas, r.status?.readyReplicas]),
    ).toEqual([
      ['ReplicaSet', 3, 3, 0],
      ['ReplicaSet', 0, 0, 0],
    ]);
    const sts = objects<Workload>(
      run(`
NAME          READY   AGE
kafka         2/3     200d
`),
    )[0];
    expect(sts?.kind).toBe('StatefulSet');
    expect(sts?.spec?.replicas).toBe(3);
    expect(sts?.status?.readyReplicas).toBe(2);
    const ds = objects<Workload>(
      run(`
NAME         DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE
fluent-bit   6         6         5       6            5           kubernetes.io/os=linux   1y
`),
    )[0];
    expect(ds?.kind).toBe('DaemonSet');
    expect(ds?.status).toEqual({
      desiredNumberScheduled: 6,
      currentNumberScheduled: 6,
      numberReady: 5,
      updatedNumberScheduled: 6,
      numberAvailable: 5,
    });
    const jobs = objects<Workload>(
      run(`
NAME                     STATUS     COMPLETIONS   DURATION   AGE
db-migrate-4121          Failed     0/1           14m        14m
nightly-report-2839140   Complete   1/1           41s        8h
`),
    );
    expect(jobs[0]?.kind).toBe('Job');
    expect(jobs[0]?.status).toEqual({
      succeeded: 0,
      conditions: [{ type: 'Failed', status: 'True' }],
    });
    expect(jobs[1]?.spec?.['completions']).toBe(1);
    const cron = objects<Workload>(
      run(`
NAME             SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
nightly-report   0 2 * * *     <none>     False     0        8h              300d
`),
    )[0];
    expect(cron?.kind).toBe('CronJob');
    expect(cron?.spec).toEqual({ schedule: '0 2 * * *', suspend: false });
  });

  it('reads nodes (conditions, cordon, roles, versions)', () => {
    const nodes = objects<Node>(
      run(`
NAME                         STATUS                        ROLES           AGE    VERSION
cp-1                         Ready                         control-plane   410d   v1.30.4
worker-pool-b-7f9d2          NotReady                      <none>          88d    v1.30.4
worker-pool-b-1a2b3          Ready,SchedulingDisabled      <none>          88d    v1.30.4
`),
    );
    expect(nodes[0]).toEqual({
      kind: 'Node',
      metadata: {
        name: 'cp-1',
        annotations: { [AGE_ANNOTATION]: '410d' },
        labels: { 'node-role.kubernetes.io/control-plane': '' },
      },
      status: {
        conditions: [{ type: 'Ready', status: 'True' }],
        nodeInfo: { kubeletVersion: 'v1.30.4' },
      },
    });
    expect(nodes[1]?.status?.conditions).toEqual([{ type: 'Ready', status: 'False' }]);
    expect(nodes[2]?.spec).toEqual({ unschedulable: true });
  });

  it('reads configmaps as names only and secrets as table rows (never as key lists)', () => {
    const cms = run(
      `
NAME               DATA   AGE
checkout-config    4      90d
kube-root-ca.crt   1      400d
`,
      cmd('kubectl get cm -n shop', { resource: 'configmaps', namespace: 'shop' }),
    );
    expect(objects(cms)[0]).toEqual({
      kind: 'ConfigMap',
      metadata: {
        name: 'checkout-config',
        namespace: 'shop',
        annotations: { [AGE_ANNOTATION]: '90d', [DATA_COUNT_ANNOTATION]: '4' },
      },
    });
    const secrets = run(
      `
NAME              TYPE                DATA   AGE
checkout-keys     Opaque              2      90d
registry-creds    kubernetes.io/dockerconfigjson   1      400d
`,
      cmd('kubectl get secrets -n shop', { resource: 'secrets', namespace: 'shop' }),
    );
    expect(objects<TableRow>(secrets)).toEqual([
      {
        kind: 'TableRow',
        resource: 'secrets',
        namespace: 'shop',
        cells: { NAME: 'checkout-keys', TYPE: 'Opaque', DATA: '2', AGE: '90d' },
      },
      {
        kind: 'TableRow',
        resource: 'secrets',
        namespace: 'shop',
        cells: {
          NAME: 'registry-creds',
          TYPE: 'kubernetes.io/dockerconfigjson',
          DATA: '1',
          AGE: '400d',
        },
      },
    ]);
  });

  it('reads custom-columns and unknown tables as TableRows', () => {
    const parsed = run(
      `
NAME                        REVISION   CONFIG_HASH
queue-proxy-6c8e0a2b4       41         9f1b2c3d4e5f60718293a4b5c6d7e8f901234567
queue-proxy-7f9c4d8b6       42         9f1b2c3d4e5f60718293a4b5c6d7e8f901234567
`,
      cmd('kubectl get replicasets -n infra -o custom-columns=...', {
        resource: 'replicasets',
        namespace: 'infra',
        output: 'custom-columns=...',
      }),
    );
    expect(objects<TableRow>(parsed)).toEqual([
      {
        kind: 'TableRow',
        resource: 'replicasets',
        namespace: 'infra',
        cells: {
          NAME: 'queue-proxy-6c8e0a2b4',
          REVISION: '41',
          CONFIG_HASH: '9f1b2c3d4e5f60718293a4b5c6d7e8f901234567',
        },
      },
      {
        kind: 'TableRow',
        resource: 'replicasets',
        namespace: 'infra',
        cells: {
          NAME: 'queue-proxy-7f9c4d8b6',
          REVISION: '42',
          CONFIG_HASH: '9f1b2c3d4e5f60718293a4b5c6d7e8f901234567',
        },
      },
    ]);
    const pvc = run(
      `
NAME          STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   AGE
data-kafka-0  Pending                                      gp3            5m
`,
      cmd('kubectl get pvc', { resource: 'persistentvolumeclaims' }),
    );
    expect(objects<TableRow>(pvc)[0]?.cells).toEqual({
      NAME: 'data-kafka-0',
      STATUS: 'Pending',
      VOLUME: '',
      CAPACITY: '',
      'ACCESS MODES': '',
      STORAGECLASS: 'gp3',
      AGE: '5m',
    });
  });

  it('trusts the command when a header could belong to a custom resource', () => {
    const parsed = run(
      `
NAME          READY   AGE
edge-tls      True    30d
`,
      cmd('kubectl get certificates', { resource: 'certificates' }),
    );
    expect(objects<TableRow>(parsed)[0]).toMatchObject({
      kind: 'TableRow',
      resource: 'certificates',
    });
  });

  it('reads every table of `kubectl get all`', () => {
    const parsed = run(
      `
NAME                                READY   STATUS             RESTARTS      AGE
pod/inventory-7b8c9d0e1f-abc12      0/1     CrashLoopBackOff   5 (60s ago)   8m

NAME                TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)    AGE
service/inventory   ClusterIP   10.96.77.12    <none>        8080/TCP   30d

NAME                        READY   UP-TO-DATE   AVAILABLE   AGE
deployment.apps/inventory   0/1     1            0           30d

NAME                                   DESIRED   CURRENT   READY   AGE
replicaset.apps/inventory-7b8c9d0e1f   1         1         0       8m

NAME                                     REFERENCE              TARGETS   MINPODS   MAXPODS   REPLICAS   AGE
horizontalpodautoscaler.autoscaling/inv  Deployment/inventory   10%/80%   1         5         1          30d
`,
      cmd('kubectl get all -n stock', { resource: 'all', namespace: 'stock' }),
    );
    const kinds = parsed.items.map((i) => [
      i.object.kind,
      'metadata' in i.object ? i.object.metadata.name : undefined,
    ]);
    expect(kinds).toEqual([
      ['Pod', 'inventory-7b8c9d0e1f-abc12'],
      ['Service', 'inventory'],
      ['Deployment', 'inventory'],
      ['ReplicaSet', 'inventory-7b8c9d0e1f'],
      ['TableRow', undefined],
    ]);
    expect(parsed.items[4]?.object).toMatchObject({
      resource: 'horizontalpodautoscaler.autoscaling',
      namespace: 'stock',
    });
    expect(parsed.items.map((i) => i.origin.from)).toEqual([6, 9, 12, 15, 18]);
  });
});

describe('declines what is not a table', () => {
  it.each([
    ['a rollout history', 'REVISION  CHANGE-CAUSE\n1         <none>'],
    ['a log', '2026-03-11T14:33:02Z info starting\n2026-03-11T14:33:03Z error boom'],
    ['a describe', 'Name:         web-0\nNamespace:    shop'],
    ['upper-case log words without kubectl context', 'ERROR  DATABASE  DOWN\nretrying in 5s'],
  ])('%s', (_label, text) => {
    const lines = text.split('\n');
    expect(
      parseTable({ kind: 'table', from: 1, to: lines.length, lines }, 0, { name: 'x', lines }),
    ).toBeUndefined();
  });

  it('declines blocks of other commands', () => {
    const lines = [
      'NAME   READY   STATUS   RESTARTS   AGE',
      'a      1/1     Running  0          1m',
    ];
    const block: Block = {
      kind: 'logs',
      from: 1,
      to: 2,
      lines,
      command: cmd('kubectl logs a', { verb: 'logs' }),
    };
    expect(parseTable(block, 0, { name: 'x', lines })).toBeUndefined();
  });
});

describe('parseKubectlTable helper', () => {
  it('returns the header columns and rows with line offsets', () => {
    const table = parseKubectlTable([
      '$ kubectl get sts',
      'NAME    READY   AGE',
      'kafka   2/3     200d',
      'zk      3/3     200d',
    ]);
    expect(table?.headerOffset).toBe(1);
    expect(table?.columns).toEqual([
      { name: 'NAME', start: 0 },
      { name: 'READY', start: 8 },
      { name: 'AGE', start: 16 },
    ]);
    expect(table?.rows).toEqual([
      { offset: 2, lineCount: 1, cells: { NAME: 'kafka', READY: '2/3', AGE: '200d' } },
      { offset: 3, lineCount: 1, cells: { NAME: 'zk', READY: '3/3', AGE: '200d' } },
    ]);
    expect(parseKubectlTables(['just text'])).toEqual([]);
  });

  it('maps printed types to kinds', () => {
    expect(
      ['pod', 'deployment.apps', 'hpa', 'Pod', 'networkpolicies', 'ingresses', 'widget'].map(
        kindFromType,
      ),
    ).toEqual([
      'Pod',
      'Deployment',
      'HorizontalPodAutoscaler',
      'Pod',
      'NetworkPolicy',
      'Ingress',
      'Widget',
    ]);
  });
});

describe('robustness', () => {
  const header = fc.constantFrom(
    'NAME   READY   STATUS   RESTARTS   AGE',
    'LAST SEEN   TYPE   REASON   OBJECT   MESSAGE',
    'NAME   ENDPOINTS   AGE',
    'NAME\tDATA\tAGE',
    'NAME READY STATUS RESTARTS AGE',
  );
  const line = fc.oneof(
    fc.string({ maxLength: 120 }),
    fc
      .array(
        fc.constantFrom(
          'a',
          ' ',
          '  ',
          '\t',
          '0/1',
          '(',
          ')',
          '7 (2m ago)',
          '<none>',
          'x/y',
          '1.2.3.4:80,',
          '+ 2 more...',
        ),
        {
          maxLength: 30,
        },
      )
      .map((parts) => parts.join('')),
  );

  it('never throws and keeps origins inside the block', () => {
    fc.assert(
      fc.property(fc.option(header), fc.array(line, { maxLength: 12 }), (h, rest) => {
        const lines = h === null ? rest : [h, ...rest];
        if (lines.length === 0) return;
        const block: Block = { kind: 'table', from: 3, to: 2 + lines.length, lines };
        const parsed = parseTable(block, 0, { name: 'x', lines });
        for (const item of parsed?.items ?? []) {
          expect(item.origin.from).toBeGreaterThanOrEqual(3);
          expect(item.origin.to).toBeLessThanOrEqual(2 + lines.length);
        }
      }),
      { numRuns: 400 },
    );
  });
});
