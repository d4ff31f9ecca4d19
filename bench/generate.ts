/**
 * Generates a synthetic snapshot bundle (the layout `crashlens snapshot` writes and
 * `diagnose -f DIR` reads): pods, events, workloads, services, endpoint slices and config maps as
 * JSON Lists, plus `--previous` logs for failing containers. Deterministic for a seed.
 *
 * Failing pods cycle through realistic failure kinds across runtimes, with long logs of ordinary
 * lines around real-looking stack traces and client errors, so the benchmark exercises the same
 * parsing and scanning work a real incident does.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GenerateOptions {
  pods: number;
  failing: number;
  events: number;
  /** Approximate size of each failing container's previous log. */
  logBytes: number;
  namespaces: number;
  seed: number;
}

export interface GeneratedSummary {
  pods: number;
  failing: number;
  events: number;
  logBytes: number;
  files: number;
  bytes: number;
  /** Expected category per failing pod (namespace/name). */
  expected: Record<string, string>;
}

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const APPS = [
  'checkout',
  'payments',
  'ledger',
  'search',
  'auth',
  'orders',
  'catalog',
  'billing',
  'notifier',
  'gateway',
  'inventory',
  'profile',
  'reports',
  'feeder',
  'media',
];
const BASE = Date.UTC(2026, 2, 11, 14, 0, 0);

interface FailureKind {
  category: string;
  status: (now: string) => {
    state: object;
    lastState?: object;
    restartCount: number;
    ready: boolean;
    phase: string;
    reason?: string;
    message?: string;
  };
  env?: object[];
  limits?: Record<string, string>;
  events: (
    pod: string,
    c: string,
  ) => { type: string; reason: string; message: string; count: number }[];
  tail: (r: () => number) => string[];
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

const KINDS: FailureKind[] = [
  {
    category: 'oom-killed',
    status: () => crashLoop(137, 'OOMKilled', 9),
    env: [{ name: 'JAVA_TOOL_OPTIONS', value: '-Xms256m -Xmx2g' }],
    limits: { memory: '1Gi', cpu: '1' },
    events: (p, c) => [backoff(p, c, 31)],
    tail: () => [
      '2026-03-11 14:08:41.077  INFO 1 --- [  batch-1] c.a.l.batch.ReconcileJob                 : loading 1840000 ledger entries for reconciliation',
    ],
  },
  {
    category: 'app-crash',
    status: () => crashLoop(2, 'Error', 6),
    events: (p, c) => [backoff(p, c, 20)],
    tail: () => [
      'panic: runtime error: invalid memory address or nil pointer dereference',
      '[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x9c4e12]',
      '',
      'goroutine 42 [running]:',
      'github.com/acme/svc/internal/payment.(*Service).Process(0x0, {0xc0001a4000, 0x3, 0x4})',
      '\t/src/internal/payment/service.go:118 +0x52',
      'net/http.HandlerFunc.ServeHTTP(0xc000190020, {0xb1e6a0, 0xc0002a0000}, 0xc000284000)',
      '\t/usr/local/go/src/net/http/server.go:2171 +0x29',
      'exit status 2',
    ],
  },
  {
    category: 'dependency-failure',
    status: () => crashLoop(1, 'Error', 7),
    events: (p, c) => [backoff(p, c, 25)],
    tail: () => [
      '2026-03-11T14:08:03.121Z error Error: connect ECONNREFUSED 10.96.44.12:5432',
      '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)',
      '2026-03-11T14:08:03.122Z fatal could not connect to the database, exiting',
    ],
  },
  {
    category: 'missing-config',
    status: () => ({
      state: {
        waiting: {
          reason: 'CreateContainerConfigError',
          message: 'secret "db-credentials" not found',
        },
      },
      restartCount: 0,
      ready: false,
      phase: 'Pending',
    }),
    events: (p, c) => [
      {
        type: 'Warning',
        reason: 'Failed',
        message: 'Error: secret "db-credentials" not found',
        count: 12,
        ...fp(p, c),
      },
    ],
    tail: () => [],
  },
  {
    category: 'liveness-probe',
    status: () => crashLoop(143, 'Error', 5),
    events: (p, c) => [
      {
        type: 'Warning',
        reason: 'Unhealthy',
        message: 'Liveness probe failed: HTTP probe failed with statuscode: 404',
        count: 18,
        ...fp(p, c),
      },
      {
        type: 'Normal',
        reason: 'Killing',
        message: `Container ${c} failed liveness probe, will be restarted`,
        count: 6,
        ...fp(p, c),
      },
      backoff(p, c, 14),
    ],
    tail: () => ['2026-03-11T14:08:40.001Z info shutting down on SIGTERM'],
  },
  {
    category: 'exits-immediately',
    status: () => crashLoop(0, 'Completed', 5),
    events: (p, c) => [backoff(p, c, 21)],
    tail: () => ['exported 412 reports', 'export finished'],
  },
  {
    category: 'app-crash',
    status: () => crashLoop(1, 'Error', 4),
    events: (p, c) => [backoff(p, c, 12)],
    tail: () => [
      'Traceback (most recent call last):',
      '  File "/app/worker/main.py", line 88, in run',
      '    result = handler.process(message)',
      '  File "/app/worker/handlers.py", line 41, in process',
      "    return payload['items'][0]",
      'IndexError: list index out of range',
    ],
  },
  {
    category: 'permission-denied',
    status: () => crashLoop(1, 'Error', 8),
    events: (p, c) => [backoff(p, c, 28)],
    tail: () => [
      "Error: EACCES: permission denied, open '/app/data/cache.db'",
      '    at Object.openSync (node:fs:596:3)',
    ],
  },
];

function crashLoop(
  exitCode: number,
  reason: string,
  restarts: number,
): ReturnType<FailureKind['status']> {
  return {
    state: {
      waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container' },
    },
    lastState: {
      terminated: {
        exitCode,
        reason,
        startedAt: iso(BASE + 500_000),
        finishedAt: iso(BASE + 560_000),
      },
    },
    restartCount: restarts,
    ready: false,
    phase: 'Running',
  };
}

function fp(_pod: string, c: string): { fieldPath: string } {
  return { fieldPath: `spec.containers{${c}}` };
}

function backoff(
  pod: string,
  c: string,
  count: number,
): { type: string; reason: string; message: string; count: number } {
  return {
    type: 'Warning',
    reason: 'BackOff',
    message: `Back-off restarting failed container ${c} in pod ${pod}`,
    count,
  };
}

const INFO_LINES = [
  'INFO  handled request method=GET path=/api/v1/items status=200 duration_ms=12',
  'DEBUG cache hit key=catalog:item:48213 ttl=290',
  'INFO  processed batch size=500 lag_ms=41 partition=7',
  'WARN  slow query took 812ms: SELECT * FROM orders WHERE customer_id = $1',
  'INFO  {"level":"info","msg":"heartbeat","uptime_s":4821,"goroutines":48}',
  'INFO  retrying request to inventory-api attempt=1 after=200ms',
  'ERROR request failed: upstream returned 502 Bad Gateway (will retry)',
];

export function generateSnapshot(dir: string, options: GenerateOptions): GeneratedSummary {
  const r = rng(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
  const suffix = (n: number): string =>
    Array.from({ length: n }, () => pick([...ALPHABET])).join('');
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const pods: object[] = [];
  const replicasets: object[] = [];
  const deployments: object[] = [];
  const services: object[] = [];
  const slices: object[] = [];
  const configmaps: object[] = [];
  const events: object[] = [];
  const expected: Record<string, string> = {};
  let bytes = 0;
  let files = 0;
  const write = (name: string, content: string): void => {
    writeFileSync(join(dir, name), content);
    bytes += Buffer.byteLength(content);
    files++;
  };

  const perDeployment = 5;
  const failingEvery = Math.max(1, Math.floor(options.pods / Math.max(1, options.failing)));
  let failingLeft = options.failing;
  let podIndex = 0;
  for (let d = 0; podIndex < options.pods; d++) {
    const ns = `team-${d % options.namespaces}`;
    const app = `${pick(APPS)}-${d}`;
    const hash = suffix(9);
    const rs = `${app}-${hash}`;
    deployments.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: app,
        namespace: ns,
        annotations: { 'deployment.kubernetes.io/revision': '3' },
      },
      spec: { replicas: perDeployment, selector: { matchLabels: { app } } },
    });
    replicasets.push({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: rs,
        namespace: ns,
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: app,
            controller: true,
            uid: `uid-${d}`,
          },
        ],
        annotations: { 'deployment.kubernetes.io/revision': '3' },
      },
      spec: { replicas: perDeployment },
    });
    services.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: app, namespace: ns },
      spec: {
        clusterIP: `10.96.${d % 250}.${(d * 7) % 250}`,
        selector: { app },
        ports: [{ port: 8080 }],
      },
    });
    configmaps.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${app}-config`, namespace: ns },
      data: { LOG_LEVEL: 'info', PORT: '8080' },
    });
    const readyIps: string[] = [];
    for (let k = 0; k < perDeployment && podIndex < options.pods; k++, podIndex++) {
      const name = `${rs}-${suffix(5)}`;
      const container = app.replace(/-\d+$/, '');
      const fails = failingLeft > 0 && podIndex % failingEvery === 0;
      const kind = fails
        ? (KINDS[(options.failing - failingLeft) % KINDS.length] as FailureKind)
        : undefined;
      if (fails) failingLeft--;
      const ip = `10.244.${Math.floor(podIndex / 250) % 250}.${podIndex % 250}`;
      const st = kind?.status(iso(BASE)) ?? {
        state: { running: { startedAt: iso(BASE - 86_400_000) } },
        restartCount: 0,
        ready: true,
        phase: 'Running',
      };
      if (st.ready) readyIps.push(ip);
      pods.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name,
          namespace: ns,
          labels: { app, 'pod-template-hash': hash },
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'ReplicaSet',
              name: rs,
              controller: true,
              uid: `rs-${d}`,
            },
          ],
          creationTimestamp: iso(BASE - 86_400_000),
        },
        spec: {
          nodeName: `node-${podIndex % 40}`,
          restartPolicy: 'Always',
          containers: [
            {
              name: container,
              image: `registry.example.com/${container}:1.${d % 9}.${k}`,
              ports: [{ containerPort: 8080 }],
              envFrom: [{ configMapRef: { name: `${app}-config` } }],
              ...(kind?.env ? { env: kind.env } : {}),
              ...(kind?.category === 'missing-config'
                ? {
                    env: [
                      {
                        name: 'DB_PASSWORD',
                        valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } },
                      },
                    ],
                  }
                : {}),
              resources: {
                limits: kind?.limits ?? { memory: '512Mi', cpu: '500m' },
                requests: { memory: '256Mi', cpu: '100m' },
              },
              ...(kind?.category === 'liveness-probe'
                ? {
                    livenessProbe: {
                      httpGet: { path: '/health', port: 8080 },
                      periodSeconds: 10,
                      failureThreshold: 3,
                    },
                  }
                : {}),
            },
          ],
        },
        status: {
          phase: st.phase,
          podIP: ip,
          startTime: iso(BASE - 86_400_000),
          containerStatuses: [
            {
              name: container,
              image: `registry.example.com/${container}:1`,
              ready: st.ready,
              restartCount: st.restartCount,
              state: st.state,
              ...(st.lastState ? { lastState: st.lastState } : {}),
            },
          ],
        },
      });
      for (const reason of ['Scheduled', 'Pulled', 'Created', 'Started']) {
        events.push(
          event(
            ns,
            name,
            'Normal',
            reason,
            `${reason === 'Scheduled' ? `Successfully assigned ${ns}/${name} to node-${podIndex % 40}` : `${reason} container ${container}`}`,
            1,
            events.length,
          ),
        );
      }
      if (kind) {
        expected[`${ns}/${name}`] = kind.category;
        for (const e of kind.events(name, container))
          events.push(
            event(
              ns,
              name,
              e.type,
              e.reason,
              e.message,
              e.count,
              events.length,
              (e as { fieldPath?: string }).fieldPath,
            ),
          );
        if (kind.tail(r).length > 0) {
          const lines: string[] = [`$ kubectl logs ${name} -n ${ns} -c ${container} --previous`];
          let size = 0;
          let t = BASE;
          while (size < options.logBytes) {
            t += Math.floor(r() * 400);
            const line = `${iso(t).replace('Z', `.${String(t % 1000).padStart(3, '0')}Z`)} ${pick(INFO_LINES)}`;
            lines.push(line);
            size += line.length + 1;
          }
          lines.push(...kind.tail(r));
          write(`logs/${ns}_${name}_${container}_previous.log`, `${lines.join('\n')}\n`);
        }
      }
    }
    slices.push({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: `${app}-${suffix(5)}`,
        namespace: ns,
        labels: { 'kubernetes.io/service-name': app },
      },
      ports: [{ port: 8080 }],
      endpoints: readyIps.map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
    });
  }
  while (events.length < options.events) {
    const i = events.length;
    events.push(
      event(
        `team-${i % options.namespaces}`,
        `filler-${i}`,
        'Normal',
        'Pulled',
        'Container image "registry.example.com/filler:1" already present on machine',
        1,
        i,
      ),
    );
  }
  // Pretty-printed, as `kubectl get -o json` and `crashlens snapshot` write it.
  const list = (apiVersion: string, items: object[]): string =>
    `${JSON.stringify({ apiVersion, kind: 'List', items }, null, 2)}\n`;
  write('pods.json', list('v1', pods));
  write('events.json', list('v1', events));
  write('replicasets.json', list('apps/v1', replicasets));
  write('deployments.json', list('apps/v1', deployments));
  write('services.json', list('v1', services));
  write('endpointslices.json', list('discovery.k8s.io/v1', slices));
  write('configmaps.json', list('v1', configmaps));
  write(
    'crashlens-snapshot.json',
    `${JSON.stringify({ crashlensSnapshot: 1, collectedAt: iso(BASE + 600_000), server: 'synthetic', scope: 'all namespaces', apiRequests: 0, forbidden: [] })}\n`,
  );
  return {
    pods: pods.length,
    failing: Object.keys(expected).length,
    events: events.length,
    logBytes: options.logBytes,
    files,
    bytes,
    expected,
  };
}

function event(
  ns: string,
  pod: string,
  type: string,
  reason: string,
  message: string,
  count: number,
  i: number,
  fieldPath?: string,
): object {
  const last = BASE + 590_000 - (i % 1000) * 100;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${pod}.${i.toString(16)}`, namespace: ns },
    involvedObject: { kind: 'Pod', name: pod, namespace: ns, ...(fieldPath ? { fieldPath } : {}) },
    reason,
    message,
    type,
    count,
    source: { component: 'kubelet', host: 'node-1' },
    firstTimestamp: iso(last - count * 20_000),
    lastTimestamp: iso(last),
  };
}
