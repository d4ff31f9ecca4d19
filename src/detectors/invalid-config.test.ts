import { testDetector } from '../testing/detector-tester.js';
import detector from './invalid-config.js';

/** A crash-looping pod (describe) with its previous log; env, args and extra sections vary. */
function crashing(opts: {
  logs: string;
  env?: string;
  args?: string;
  extra?: string;
  name?: string;
}): string {
  const name = opts.name ?? 'worker-7d5f8b9c6-m2x8k';
  return `$ kubectl describe pod ${name} -n queue
Name:             ${name}
Namespace:        queue
Node:             node-2/10.0.1.12
Labels:           app=worker
                  pod-template-hash=7d5f8b9c6
Status:           Running
Controlled By:    ReplicaSet/worker-7d5f8b9c6
Containers:
  worker:
    Image:          registry.example.com/queue/worker:1.12.0
${opts.args ?? ''}    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Ready:          False
    Restart Count:  5
    Environment:${opts.env ?? '    <none>'}
Events:
  Type     Reason   Age                From     Message
  ----     ------   ----               ----     -------
  Warning  BackOff  15s (x36 over 9m)  kubelet  Back-off restarting failed container worker in pod ${name}_queue(8e0a2c4e-6b8d-4f0a-9c2e-4b6d8f0a2c4e)

$ kubectl logs ${name} -n queue --previous
${opts.logs}
${opts.extra ?? ''}`;
}

testDetector(detector, {
  healthy: [
    {
      name: 'a privileged port refused is a permission problem, not a port in use',
      paste: `$ kubectl logs edge-7c6b5d9f8d-zr4xs -n ingress --previous
nginx: [emerg] bind() to 0.0.0.0:80 failed (13: Permission denied)
`,
    },
    {
      name: 'a running worker with well-formed settings',
      paste: `$ kubectl describe pod worker-7d5f8b9c6-ok2xz -n queue
Name:             worker-7d5f8b9c6-ok2xz
Namespace:        queue
Status:           Running
Containers:
  worker:
    Image:          registry.example.com/queue/worker:1.12.0
    State:          Running
    Ready:          True
    Restart Count:  0
    Environment:
      REDIS_URL:   redis://redis.queue.svc:6379/0
      REDIS_PORT:  6379
`,
    },
    {
      name: 'a crash that is not about configuration',
      paste: crashing({
        logs: `panic: runtime error: invalid memory address or nil pointer dereference
[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x9c4e12]`,
        env: '\n      DATABASE_URL:  postgres://orders-db.data.svc:5432/orders',
        name: 'worker-7d5f8b9c6-pn2cq',
      }),
    },
  ],
  failing: [
    {
      name: 'two nginx containers of one pod both listen on :80',
      paste: `$ kubectl get pod web-6b7c9d8f5-q2w3e -n site -o yaml
apiVersion: v1
kind: Pod
metadata:
  name: web-6b7c9d8f5-q2w3e
  namespace: site
spec:
  containers:
  - name: site
    image: nginx:1.25
    ports:
    - containerPort: 80
  - name: assets
    image: nginx:1.25
    ports:
    - containerPort: 8081
status:
  containerStatuses:
  - name: assets
    restartCount: 4
    state:
      waiting:
        reason: CrashLoopBackOff

$ kubectl logs web-6b7c9d8f5-q2w3e -n site -c assets --previous
2024/01/10 09:00:00 [emerg] 1#1: bind() to 0.0.0.0:80 failed (98: Address already in use)
2024/01/10 09:00:02 [emerg] 1#1: still could not bind()
`,
      expect: [
        {
          messageId: 'portInUse',
          subcategory: 'port-in-use',
          minConfidence: 0.8,
          titleIncludes: ['80', 'site'],
        },
      ],
    },
    {
      name: 'a Node server finds its port taken (CRLF)',
      paste: `$ kubectl logs web-7d9f8c6b5-abcde --previous\r
Error: listen EADDRINUSE: address already in use :::3000\r
    at Server.setupListenHandle [as _listen2] (node:net:1817:16)\r
`,
      expect: [{ messageId: 'portInUse', subcategory: 'port-in-use', titleIncludes: ['3000'] }],
    },
    {
      name: 'service-link REDIS_PORT read as an int (Python)',
      paste: crashing({
        logs: `Traceback (most recent call last):
  File "/app/notifier/settings.py", line 21, in <module>
    REDIS_PORT = int(os.getenv("REDIS_PORT", "6379"))
ValueError: invalid literal for int() with base 10: 'tcp://10.96.41.208:6379'`,
        extra: `
$ kubectl get svc -n queue
NAME    TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)    AGE
redis   ClusterIP   10.96.41.208   <none>        6379/TCP   12d
`,
      }),
      expect: [
        {
          messageId: 'serviceLink',
          subcategory: 'service-link-collision',
          titleIncludes: ['REDIS_PORT', 'tcp://10.96.41.208:6379'],
          minConfidence: 0.85,
        },
      ],
    },
    {
      name: 'service-link value passed to uvicorn --port',
      paste: crashing({
        logs: `Usage: uvicorn [OPTIONS] APP
Try 'uvicorn --help' for help.

Error: Invalid value for '--port': 'tcp://10.43.0.1:8000' is not a valid integer.`,
        name: 'worker-7d5f8b9c6-sp8lk',
      }),
      expect: [{ messageId: 'serviceLink', subcategory: 'service-link-collision' }],
    },
    {
      name: 'Spring cannot bind a duration from an env var',
      paste: crashing({
        env: '\n      CATALOG_SYNC_INTERVAL:  15 minutes',
        logs: `***************************
APPLICATION FAILED TO START
***************************

Description:

Failed to bind properties under 'catalog.sync.interval' to java.time.Duration:

    Property: catalog.sync.interval
    Value: "15 minutes"
    Origin: System Environment Property "CATALOG_SYNC_INTERVAL"
    Reason: failed to convert java.lang.String to java.time.Duration`,
        name: 'worker-7d5f8b9c6-sb4nd',
      }),
      expect: [
        {
          messageId: 'value',
          subcategory: 'value',
          titleIncludes: ['CATALOG_SYNC_INTERVAL', '15 minutes'],
          minConfidence: 0.85,
        },
      ],
    },
    {
      name: '.NET configuration binding',
      paste: crashing({
        env: '\n      Broker__Port:  amqp',
        logs: `Unhandled exception. System.InvalidOperationException: Failed to convert configuration value at 'Broker:Port' to type 'System.Int32'.
 ---> System.FormatException: amqp is not a valid value for Int32. (Parameter 'value')`,
        name: 'worker-7d5f8b9c6-dn7et',
      }),
      expect: [{ messageId: 'value', titleIncludes: ['Broker:Port'] }],
    },
    {
      name: 'unknown flag after an upgrade, with the usage listing the new name',
      paste: crashing({
        args: '    Args:\n      -kafka.brokers=kafka-0.kafka-headless.data:9092\n      -log.level=info\n',
        logs: `flag provided but not defined: -kafka.brokers
Usage of /bin/kafka-lag-exporter:
  -kafka.server string
    	Address (host:port) of a Kafka broker (default "kafka:9092")
  -log.level string
    	Only log messages with the given severity or above (default "info")`,
        name: 'worker-7d5f8b9c6-fl4gz',
      }),
      expect: [
        {
          messageId: 'flag',
          subcategory: 'unknown-flag',
          titleIncludes: ['-kafka.brokers', '-kafka.server'],
          minConfidence: 0.9,
        },
      ],
    },
    {
      name: 'flag with a value of the wrong type (cobra/pflag)',
      paste: crashing({
        args: '    Args:\n      --metrics-port=$(METRICS_PORT)\n',
        logs: `Error: invalid argument "$(METRICS_PORT)" for "--metrics-port" flag: strconv.ParseInt: parsing "$(METRICS_PORT)": invalid syntax`,
        name: 'worker-7d5f8b9c6-pf6hx',
      }),
      expect: [{ messageId: 'flag', subcategory: 'flag-value' }],
    },
    {
      name: 'YAML with a tab, mounted from a ConfigMap',
      paste: `$ kubectl describe pod alert-router-5c4fbd89d7-vwx2n -n observability
Name:             alert-router-5c4fbd89d7-vwx2n
Namespace:        observability
Status:           Running
Controlled By:    ReplicaSet/alert-router-5c4fbd89d7
Containers:
  alert-router:
    Image:         ghcr.io/acme-sre/alert-router:2.3.1
    Args:
      --config.file=/etc/alert-router/routes.yaml
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  7
    Mounts:
      /etc/alert-router from config (ro)
Volumes:
  config:
    Type:      ConfigMap (a volume populated by a ConfigMap)
    Name:      alert-router-routes
    Optional:  false

$ kubectl logs alert-router-5c4fbd89d7-vwx2n -n observability --previous
level=error ts=2026-04-07T06:30:02.116Z caller=main.go:89 msg="failed to load configuration" err="error converting YAML to JSON: yaml: line 3: found character that cannot start any token"

$ kubectl get configmap alert-router-routes -n observability -o yaml
apiVersion: v1
data:
  routes.yaml: |
    route:
      receiver: default
    \treceivers: []
kind: ConfigMap
metadata:
  name: alert-router-routes
  namespace: observability
`,
      expect: [
        {
          messageId: 'parse',
          subcategory: 'parse',
          titleIncludes: ['/etc/alert-router/routes.yaml', 'yaml: line 3'],
        },
      ],
    },
    {
      name: 'DATABASE_URL without a scheme (Prisma)',
      paste: crashing({
        env: '\n      DATABASE_URL:  orders-db.data.svc.cluster.local:5432/orders',
        logs: 'PrismaClientInitializationError: error: Error validating datasource `db`: the URL must start with the protocol `postgresql://` or `postgres://`.',
        name: 'worker-7d5f8b9c6-pr2sm',
      }),
      expect: [
        {
          messageId: 'url',
          subcategory: 'url',
          titleIncludes: ['DATABASE_URL'],
          minConfidence: 0.85,
        },
      ],
    },
    {
      name: 'Laravel APP_KEY of the wrong length',
      paste: crashing({
        logs: `PHP Fatal error:  Uncaught RuntimeException: Unsupported cipher or incorrect key length. Supported ciphers are: aes-128-cbc, aes-256-cbc, aes-128-gcm, aes-256-gcm. in /var/www/html/vendor/laravel/framework/src/Illuminate/Encryption/Encrypter.php:58`,
        name: 'worker-7d5f8b9c6-lv9ak',
      }),
      expect: [{ messageId: 'value' }],
    },
    {
      name: 'Go duration without a unit',
      paste: crashing({
        env: '\n      SHUTDOWN_TIMEOUT:  30',
        logs: 'failed to load config: invalid SHUTDOWN_TIMEOUT: time: invalid duration "30"',
        name: 'worker-7d5f8b9c6-gd3wq',
      }),
      expect: [{ messageId: 'value' }],
    },
    {
      name: 'malformed URL in the spec, no log (a contributing factor)',
      paste: crashing({
        env: '\n      REDIS_URL:  redis//cache.queue.svc:6379/0',
        logs: '',
        name: 'worker-7d5f8b9c6-rz5tv',
      }),
      expect: [{ messageId: 'specValue', role: 'factor' }],
    },
    {
      name: 'Elasticsearch refuses a setting removed in its new major version',
      paste: `$ kubectl logs elk-0 -c elasticsearch --previous | tail -3
[2018-11-05T16:02:49,058][WARN ][o.e.b.ElasticsearchUncaughtExceptionHandler] [elk-0] uncaught exception in thread [main]
org.elasticsearch.bootstrap.StartupException: java.lang.IllegalArgumentException: unknown setting [default.path.logs] please check that any required plugins are installed, or check the breaking changes documentation for removed settings
	at org.elasticsearch.bootstrap.Elasticsearch.init(Elasticsearch.java:140) ~[elasticsearch-6.4.0.jar:6.4.0]

$ kubectl get pods
NAME      READY   STATUS             RESTARTS   AGE
elk-0     0/1     CrashLoopBackOff   8          19m
`,
      expect: [
        {
          messageId: 'unknownSetting',
          subcategory: 'unknown-setting',
          titleIncludes: ['default.path.logs'],
        },
      ],
    },
    {
      name: 'Redis refuses a directive of a newer release in its redis.conf',
      paste: `$ kubectl logs cache-6c8f9d7b5-bw4xk

*** FATAL CONFIG FILE ERROR (Redis 6.2.6) ***
Reading the configuration file, at line 1377
>>> 'appenddirname "appendonlydir"'
Bad directive or wrong number of arguments

$ kubectl get pods -l app=cache
NAME                     READY   STATUS             RESTARTS      AGE
cache-6c8f9d7b5-bw4xk    0/1     CrashLoopBackOff   5 (38s ago)   3m51s
`,
      expect: [{ messageId: 'parse', subcategory: 'server-config' }],
    },
    {
      name: 'Prometheus cannot load its generated config (empty duration)',
      paste: `$ kubectl logs prometheus-kps-prometheus-0 -n monitoring -c prometheus
ts=2023-05-20T06:35:18.402Z caller=main.go:585 level=info msg="Starting Prometheus Server" mode=server
ts=2023-05-20T06:35:18.408Z caller=main.go:468 level=error msg="Error loading config (--config.file=/etc/prometheus/config_out/prometheus.env.yaml)" file=/etc/prometheus/config_out/prometheus.env.yaml err="parsing YAML file /etc/prometheus/config_out/prometheus.env.yaml: empty duration string"
`,
      expect: [{ messageId: 'parse', titleIncludes: ['empty duration string'] }],
    },
    {
      name: "mongod rejects a removed option (British 'unrecognised')",
      paste: `$ kubectl logs mongo-0 -c mongo
Error parsing command line: unrecognised option '--smallfiles'
try 'mongod --help' for more information
`,
      expect: [{ messageId: 'flag', subcategory: 'unknown-flag', titleIncludes: ['--smallfiles'] }],
    },
  ],
});
