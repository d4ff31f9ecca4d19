/**
 * What each simulated failure looks like from the API: container state and lastState,
 * the events the kubelet would have recorded (with counts), and the logs of the previous and
 * current container instances. Exit codes, reasons and messages follow the kubelet and
 * runtimes (k8s-facts §1–§3, §6); log lines are the kind real applications print when they
 * fail that way, so the diagnoser sees realistic evidence at scale.
 */
import type { RandomSource } from '../store/names.js';

export type FailureKind =
  | 'app-crash'
  | 'missing-env'
  | 'dependency-refused'
  | 'bad-command'
  | 'not-executable'
  | 'segfault'
  | 'exits-immediately'
  | 'oom-killed'
  | 'liveness-probe'
  | 'image-pull'
  | 'config-error'
  | 'unschedulable'
  | 'readiness-probe';

export const FAILURE_KINDS: readonly FailureKind[] = [
  'app-crash',
  'missing-env',
  'dependency-refused',
  'bad-command',
  'not-executable',
  'segfault',
  'exits-immediately',
  'oom-killed',
  'liveness-probe',
  'image-pull',
  'config-error',
  'unschedulable',
  'readiness-probe',
];

export interface SimEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  count: number;
  /** Container the event is about (fieldPath `spec.containers{name}`), if any. */
  container?: boolean;
  source?: 'kubelet' | 'default-scheduler';
}

export interface Termination {
  exitCode: number;
  reason: string;
  message?: string;
}

export interface FailureShape {
  /** A crash loop: the container keeps exiting with this. */
  termination?: Termination;
  /** The container never starts: waiting reason/message. */
  waiting?: { reason: string; message: string };
  /** Runs but never becomes ready. */
  notReady?: boolean;
  /** Never scheduled. */
  unschedulable?: boolean;
  /** Log lines of one run (previous instance; the current crashed the same way). */
  logs: string[];
  events: (ctx: EventContext) => SimEvent[];
  /** Extra env/resources the pod spec should carry to be consistent with the failure. */
  spec?: {
    memoryLimit?: string;
    missingSecret?: string;
    badImage?: boolean;
    hugeRequest?: boolean;
    livenessPath?: string;
  };
}

export interface EventContext {
  container: string;
  image: string;
  podRef: string;
  restarts: number;
}

const pick = <T>(rng: RandomSource, list: readonly T[]): T =>
  list[Math.floor(rng() * list.length)] as T;

const DB_HOSTS = [
  'postgres.data.svc.cluster.local:5432',
  '10.96.14.22:5432',
  'mysql-primary:3306',
  'redis-master:6379',
  'kafka-0.kafka-headless:9092',
];

function crashEvents(c: EventContext): SimEvent[] {
  return [
    {
      type: 'Normal',
      reason: 'Pulled',
      message: `Container image "${c.image}" already present on machine`,
      count: c.restarts + 1,
      container: true,
    },
    {
      type: 'Normal',
      reason: 'Created',
      message: `Created container: ${c.container}`,
      count: c.restarts + 1,
      container: true,
    },
    {
      type: 'Normal',
      reason: 'Started',
      message: `Started container ${c.container}`,
      count: c.restarts + 1,
      container: true,
    },
    {
      type: 'Warning',
      reason: 'BackOff',
      message: `Back-off restarting failed container ${c.container} in pod ${c.podRef}`,
      count: Math.max(1, c.restarts * 4 + 1),
      container: true,
    },
  ];
}

function appCrashLogs(rng: RandomSource): string[] {
  const variants: string[][] = [
    [
      '2025-03-01T10:00:01.002Z INFO  starting order-service v2.14.0 (node v20.11.1)',
      '2025-03-01T10:00:01.180Z INFO  loading configuration from /etc/app/config.yaml',
      '/app/node_modules/yaml/dist/errors.js:44',
      '        throw new YAMLParseError(pos, code, message);',
      '              ^',
      '',
      'YAMLParseError: Nested mappings are not allowed in compact mappings at line 12, column 14:',
      '',
      '    timeout: retries: 3',
      '             ^',
      '',
      '    at Composer.onError (/app/node_modules/yaml/dist/compose/composer.js:70:34)',
      '    at loadConfig (/app/dist/config.js:31:18)',
      '    at main (/app/dist/index.js:12:20)',
      '',
      'Node.js v20.11.1',
    ],
    [
      'Traceback (most recent call last):',
      '  File "/app/main.py", line 42, in <module>',
      '    app = create_app()',
      '  File "/app/app/__init__.py", line 17, in create_app',
      '    settings = Settings.from_env()',
      '  File "/app/app/settings.py", line 58, in from_env',
      '    pool_size=int(os.environ["DB_POOL_SIZE"]),',
      "ValueError: invalid literal for int() with base 10: '20 '",
    ],
    [
      '10:00:03.412 [main] INFO  o.s.b.StartupInfoLogger - Starting PaymentsApplication v3.2.1 using Java 21.0.2',
      '10:00:05.901 [main] WARN  o.s.c.s.AbstractApplicationContext - Exception encountered during context initialization',
      '10:00:05.913 [main] ERROR o.s.b.SpringApplication - Application run failed',
      "org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'ledgerClient': Invocation of init method failed",
      '\tat org.springframework.beans.factory.annotation.InitDestroyAnnotationBeanPostProcessor.postProcessBeforeInitialization(InitDestroyAnnotationBeanPostProcessor.java:222)',
      '\tat com.example.payments.LedgerClient.init(LedgerClient.java:48)',
      'Caused by: java.lang.IllegalArgumentException: ledger.base-url must be an absolute URL, got "ledger-api:8080"',
      '\t... 23 common frames omitted',
    ],
    [
      '{"level":"info","ts":"2025-03-01T10:00:02Z","msg":"starting inventory-sync","version":"1.8.3"}',
      'panic: runtime error: invalid memory address or nil pointer dereference',
      '[signal SIGSEGV: segmentation violation code=0x1 addr=0x28 pc=0x9d4f3a]',
      '',
      'goroutine 1 [running]:',
      'main.(*Syncer).Start(0x0, {0xc000122000, 0x3})',
      '\t/src/cmd/sync/main.go:88 +0x3a',
      'main.main()',
      '\t/src/cmd/sync/main.go:41 +0x2c5',
    ],
  ];
  return pick(rng, variants);
}

/** The shape of one failure kind (randomized within the kind by `rng`). */
export function failureShape(kind: FailureKind, rng: RandomSource): FailureShape {
  switch (kind) {
    case 'app-crash': {
      const logs = appCrashLogs(rng);
      const go = logs.some((l) => l.startsWith('panic:'));
      return { termination: { exitCode: go ? 2 : 1, reason: 'Error' }, logs, events: crashEvents };
    }
    case 'missing-env': {
      const name = pick(rng, [
        'DATABASE_URL',
        'REDIS_URL',
        'JWT_SECRET',
        'PAYMENTS_API_KEY',
        'KAFKA_BROKERS',
      ]);
      return {
        termination: { exitCode: 1, reason: 'Error' },
        logs: [
          `2025-03-01T10:00:00.512Z INFO  booting (env=production)`,
          `2025-03-01T10:00:00.514Z FATAL config: required environment variable ${name} is not set`,
          `Error: Missing required environment variable: ${name}`,
          '    at requireEnv (/app/dist/config.js:9:11)',
          '    at Object.<anonymous> (/app/dist/config.js:21:16)',
        ],
        events: crashEvents,
      };
    }
    case 'dependency-refused': {
      const host = pick(rng, DB_HOSTS);
      const [h, port] = host.split(':');
      return {
        termination: { exitCode: 1, reason: 'Error' },
        logs: [
          '2025-03-01T10:00:01Z INFO  connecting to dependencies',
          `2025-03-01T10:00:01Z WARN  attempt 1/3: dial tcp ${host}: connect: connection refused`,
          `2025-03-01T10:00:03Z WARN  attempt 2/3: dial tcp ${host}: connect: connection refused`,
          `2025-03-01T10:00:07Z WARN  attempt 3/3: dial tcp ${host}: connect: connection refused`,
          `Error: connect ECONNREFUSED ${h ?? ''}:${port ?? ''}`,
          '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1595:16)',
        ],
        events: crashEvents,
      };
    }
    case 'bad-command':
      return {
        termination: { exitCode: 127, reason: 'Error' },
        logs: ['/bin/sh: 1: /app/bin/start-server: not found'],
        events: crashEvents,
      };
    case 'not-executable':
      return {
        termination: { exitCode: 126, reason: 'Error' },
        logs: ['/bin/sh: 1: /docker-entrypoint.sh: Permission denied'],
        events: crashEvents,
      };
    case 'segfault':
      return {
        termination: { exitCode: 139, reason: 'Error' },
        logs: [
          '[2025-03-01 10:00:02] loading model weights from /models/resnet50.bin',
          'Segmentation fault (core dumped)',
        ],
        events: crashEvents,
      };
    case 'exits-immediately':
      return {
        termination: { exitCode: 0, reason: 'Completed' },
        logs: [
          'Running database migrations...',
          'Applied 0 migrations (schema up to date).',
          'Done.',
        ],
        events: crashEvents,
      };
    case 'oom-killed':
      return {
        termination: { exitCode: 137, reason: 'OOMKilled' },
        logs: [
          '[0.001s][info][gc] Using G1',
          '2025-03-01 10:00:04 INFO  ReportCache - warming cache: loading 2,400,000 rows from reports_v2',
          '2025-03-01 10:00:19 INFO  ReportCache - loaded 1,100,000 rows (1.4 GiB)',
          '2025-03-01 10:00:31 INFO  ReportCache - loaded 1,800,000 rows (2.2 GiB)',
        ],
        events: crashEvents,
        spec: { memoryLimit: '512Mi' },
      };
    case 'liveness-probe':
      return {
        termination: { exitCode: 137, reason: 'Error' },
        logs: [
          '2025-03-01T10:00:00Z INFO  search-api starting, warming index (this takes ~90s)',
          '2025-03-01T10:00:30Z INFO  index warmup 31% done',
          '2025-03-01T10:01:00Z INFO  index warmup 64% done',
          '2025-03-01T10:01:09Z INFO  received SIGTERM, shutting down',
        ],
        events: (c) => [
          ...crashEvents(c),
          {
            type: 'Warning',
            reason: 'Unhealthy',
            message: 'Liveness probe failed: HTTP probe failed with statuscode: 503',
            count: (c.restarts + 1) * 3,
            container: true,
          },
          {
            type: 'Normal',
            reason: 'Killing',
            message: `Container ${c.container} failed liveness probe, will be restarted`,
            count: c.restarts + 1,
            container: true,
          },
        ],
        spec: { livenessPath: '/healthz' },
      };
    case 'image-pull':
      return {
        waiting: { reason: 'ImagePullBackOff', message: '' },
        logs: [],
        events: (c) => [
          {
            type: 'Normal',
            reason: 'Pulling',
            message: `Pulling image "${c.image}"`,
            count: 5,
            container: true,
          },
          {
            type: 'Warning',
            reason: 'Failed',
            message: `Failed to pull image "${c.image}": rpc error: code = NotFound desc = failed to pull and unpack image "${c.image}": failed to resolve reference "${c.image}": ${c.image}: not found`,
            count: 5,
            container: true,
          },
          {
            type: 'Warning',
            reason: 'Failed',
            message: 'Error: ErrImagePull',
            count: 5,
            container: true,
          },
          {
            type: 'Normal',
            reason: 'BackOff',
            message: `Back-off pulling image "${c.image}"`,
            count: 40,
            container: true,
          },
          {
            type: 'Warning',
            reason: 'Failed',
            message: 'Error: ImagePullBackOff',
            count: 40,
            container: true,
          },
        ],
        spec: { badImage: true },
      };
    case 'config-error': {
      const secret = pick(rng, [
        'db-credentials',
        'stripe-api-key',
        'oauth-client',
        'smtp-password',
      ]);
      return {
        waiting: { reason: 'CreateContainerConfigError', message: `secret "${secret}" not found` },
        logs: [],
        events: () => [
          {
            type: 'Warning',
            reason: 'Failed',
            message: `Error: secret "${secret}" not found`,
            count: 30,
            container: true,
          },
        ],
        spec: { missingSecret: secret },
      };
    }
    case 'unschedulable':
      return { unschedulable: true, logs: [], events: () => [], spec: { hugeRequest: true } };
    case 'readiness-probe':
      return {
        notReady: true,
        logs: [
          '2025-03-01T10:00:00Z INFO listening on :8080',
          '2025-03-01T10:00:05Z WARN upstream catalog-api unavailable, serving 503 on /ready',
        ],
        events: () => [
          {
            type: 'Warning',
            reason: 'Unhealthy',
            message: 'Readiness probe failed: HTTP probe failed with statuscode: 503',
            count: 120,
            container: true,
          },
        ],
      };
  }
}

/** Go's time.Duration String() for whole seconds: `10s`, `1m20s`, `5m0s`. */
export function goDuration(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  if (m < 60) return `${m}m${s}s`;
  return `${Math.floor(m / 60)}h${m % 60}m${s}s`;
}

/** The kubelet's back-off after `restarts` restarts (10s doubling to 300s). */
export function backoffSeconds(restarts: number): number {
  return Math.min(10 * 2 ** Math.max(0, restarts - 1), 300);
}
