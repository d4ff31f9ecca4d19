import { testDetector } from '../testing/detector-tester.js';
import detector from './dependency-unreachable.js';

testDetector(detector, {
  healthy: [
    {
      name: 'a warning the app recovers from is only a contributing factor',
      paste: `$ kubectl logs checkout-api-7x9m2 -n shop --previous
2024-02-07T09:00:00.101Z [INFO] checkout-api v2.15.0 starting
2024-02-07T09:00:00.118Z [WARN] redis session cache unavailable: dial tcp 10.20.4.11:6379: i/o timeout; continuing without cache
2024-02-07T09:00:00.123Z [FATAL] checkout-api-pod-7x9m2 panic: runtime error: invalid memory address or nil pointer dereference
[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x9c4e12]
`,
    },
    {
      name: 'logs without any connection error',
      paste: `$ kubectl logs quote-engine-7c5d8b9f6-hq7zl -n pricing --previous
22:14:10.402 [main] INFO  com.acme.pricing.QuoteEngine - quote-engine 9.2.0 starting with 3 rule sets
Exception in thread "main" java.lang.NullPointerException: Cannot invoke "com.acme.pricing.rules.Currency.scale()" because "rule.currency" is null
	at com.acme.pricing.rules.RuleCompiler.compile(RuleCompiler.java:88)
`,
    },
    {
      name: 'a crash-looping pod pasted without logs',
      paste: `$ kubectl get pods -n ledger
NAME                         READY   STATUS             RESTARTS        AGE
ledger-api-6d8c7b9f5-9xk2m   0/1     CrashLoopBackOff   12 (4m1s ago)   41m
`,
    },
    {
      name: 'retries logged at warn level before a successful start',
      paste: `$ kubectl logs search-api-6c8d9f7b5-kk4mz -n search --previous
2026-07-12T16:40:03.512Z WARN  elasticsearch not reachable yet (connect ECONNREFUSED 10.103.6.40:9200), will retry in 5s
2026-07-12T16:40:13.601Z INFO  connected to elasticsearch cluster "search-prod" (green, 3 nodes)
2026-07-12T16:52:40.118Z ERROR unexpected EOF in request body
2026-07-12T16:52:40.120Z INFO  shutting down
2026-07-12T16:52:40.131Z INFO  bye
2026-07-12T16:52:40.131Z INFO  exit status 2
`,
    },
  ],
  failing: [
    {
      name: 'refused, and the Service has no endpoints: the dependency is down',
      paste: `$ kubectl logs ledger-api-6d8c7b9f5-9xk2m -n ledger --previous
time=2026-06-22T10:32:03.207Z level=ERROR msg="giving up on database" err="failed to connect to \`host=ledger-pg user=ledger database=ledger\`: dial error (dial tcp 10.96.140.22:5432: connect: connection refused)"

$ kubectl get svc,endpoints ledger-pg -n ledger
NAME                TYPE        CLUSTER-IP      EXTERNAL-IP   PORT(S)    AGE
service/ledger-pg   ClusterIP   10.96.140.22    <none>        5432/TCP   41m

NAME                  ENDPOINTS   AGE
endpoints/ledger-pg   <none>      41m
`,
      expect: [
        {
          messageId: 'down',
          subcategory: 'no-endpoints',
          minConfidence: 0.8,
          titleIncludes: ['ledger-pg'],
        },
      ],
    },
    {
      name: "the dependency's own pod crash-loops: upstream root",
      paste: `$ kubectl get pods -n inventory
NAME                              READY   STATUS             RESTARTS        AGE
inventory-api-85b6d7c9f4-fn4q8    0/1     CrashLoopBackOff   9 (2m22s ago)   26m
inventory-mysql-0                 0/1     CrashLoopBackOff   10 (91s ago)    27m

$ kubectl logs inventory-api-85b6d7c9f4-fn4q8 -n inventory --previous
ERROR:    Traceback (most recent call last):
  File "/app/inventory/db.py", line 19, in connect
    await database.connect()
pymysql.err.OperationalError: (2003, "Can't connect to MySQL server on 'inventory-mysql'")
ERROR:    Application startup failed. Exiting.
`,
      expect: [
        {
          messageId: 'upstreamCrash',
          subcategory: 'upstream-failing',
          minConfidence: 0.8,
          titleIncludes: ['inventory-mysql'],
        },
      ],
    },
    {
      name: 'the host name does not resolve (Node getaddrinfo ENOTFOUND)',
      paste: `$ kubectl logs checkout-bff-7c8d9b6f5-wm2rz -n web --previous
{"level":"info","time":"2026-06-24T13:02:11.004Z","msg":"checkout-bff starting","version":"1.33.0"}
{"level":"fatal","time":"2026-06-24T13:02:11.071Z","msg":"payment client warm-up failed","err":"getaddrinfo ENOTFOUND payments-api.payment.svc.cluster.local"}
`,
      expect: [
        {
          messageId: 'unreachable',
          subcategory: 'dns',
          minConfidence: 0.7,
          titleIncludes: ['payments-api.payment.svc.cluster.local'],
        },
      ],
    },
    {
      name: 'refused while the Service has ready endpoints: dependency-failure is ruled out',
      paste: `$ kubectl logs user-auth-6f8d9b-q2m4x -n auth --previous
2026-03-11T14:33:02.117Z info  REDIS_URL=redis://user-auth-redis:6379/0
2026-03-11T14:33:03.121Z error Error: connect ECONNREFUSED 10.96.22.18:6379
    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)
2026-03-11T14:33:03.122Z fatal Could not connect to Redis, exiting

$ kubectl get endpoints user-auth-redis -n auth
NAME              ENDPOINTS          AGE
user-auth-redis   10.0.2.41:6379     41d
`,
      expect: [{ messageId: 'unreachable', subcategory: 'refused' }],
      rulesOut: ['dependency-failure'],
    },
    {
      name: 'RabbitMQ rejects the credentials (Spring AMQP)',
      paste: `$ kubectl logs order-events-5b6c7d8e9-p4q5r -n orders --previous
2026-07-13 07:44:10.020 ERROR 1 --- [           main] o.s.boot.SpringApplication               : Application run failed
org.springframework.amqp.AmqpAuthenticationException: com.rabbitmq.client.AuthenticationFailureException: ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN. For details see the broker logfile.
`,
      expect: [{ messageId: 'auth', subcategory: 'auth', minConfidence: 0.7 }],
    },
    {
      name: 'PostgreSQL answers but rejects the password: not a connection refusal',
      paste: `$ kubectl logs users-5f6d7c8b9-qwert -n accounts --previous
2024-05-01 10:00:00,123 ERROR sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at "postgres" (10.96.12.4), port 5432 failed: FATAL:  password authentication failed for user "users"
`,
      expect: [
        {
          messageId: 'auth',
          subcategory: 'auth',
          minConfidence: 0.8,
          titleIncludes: ['postgres', 'users'],
        },
      ],
    },
    {
      name: 'connections fail before the istio-proxy sidecar is ready',
      paste: `$ kubectl get pod orders-7d8c9b6f5-x2z4k -n orders -o yaml
apiVersion: v1
kind: Pod
metadata:
  name: orders-7d8c9b6f5-x2z4k
  namespace: orders
spec:
  containers:
  - name: orders
    image: ghcr.io/acme/orders:3.1.0
  - name: istio-proxy
    image: docker.io/istio/proxyv2:1.22.1
status:
  phase: Running
  containerStatuses:
  - name: orders
    restartCount: 3
    state:
      waiting:
        reason: CrashLoopBackOff
    lastState:
      terminated:
        exitCode: 1
        reason: Error
        startedAt: "2026-07-13T08:00:01Z"
        finishedAt: "2026-07-13T08:00:02Z"
  - name: istio-proxy
    restartCount: 0
    ready: true
    state:
      running:
        startedAt: "2026-07-13T07:58:40Z"

$ kubectl logs orders-7d8c9b6f5-x2z4k -n orders -c orders --previous
2026/07/13 08:00:01 orders 3.1.0 starting
2026/07/13 08:00:02 fatal: cannot load tenants: Get "http://tenants.platform:8080/v1/tenants": dial tcp 10.96.9.40:8080: connect: connection refused
`,
      expect: [
        {
          messageId: 'sidecar',
          subcategory: 'sidecar-not-ready',
          titleIncludes: ['istio-proxy'],
        },
      ],
    },
    {
      name: 'a recovered Redis warning next to a panic is reported as a factor',
      paste: `$ kubectl logs session-gw-78c5d9f6b4-4n7vq -n sessions --previous
2026/07/02 14:00:01 WARN session store unavailable, falling back to in-process tokens: dial tcp 10.108.33.7:6379: connect: connection refused
2026/07/02 14:00:19 http: panic serving 10.244.5.17:51234: assignment to entry in nil map
`,
      expect: [{ messageId: 'factor', role: 'factor' }],
    },
    {
      name: "Spring's 'Application run failed' after the Kafka client's WARNs; the broker itself crash-loops",
      paste: `$ kubectl get pods -n billing
NAME                                     READY     STATUS             RESTARTS   AGE
invoices-56fdf7cd49-l2hsv                0/1       CrashLoopBackOff   24         1h
invoices-kafka-5799d8f99b-szs4m          0/1       CrashLoopBackOff   19         1h

$ kubectl logs invoices-56fdf7cd49-l2hsv -n billing --previous
2018-03-14 18:02:11.512  WARN 1 --- [| adminclient-1] org.apache.kafka.clients.NetworkClient   : [AdminClient clientId=adminclient-1] Connection to node -1 (invoices-kafka/172.20.91.14:9092) could not be established. Broker may not be available.
2018-03-14 18:02:41.392 ERROR 1 --- [           main] o.s.boot.SpringApplication               : Application run failed

org.springframework.context.ApplicationContextException: Failed to start bean 'org.springframework.kafka.config.internalKafkaListenerEndpointRegistry'; nested exception is org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment.
Caused by: org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment.
`,
      expect: [{ messageId: 'upstreamCrash', subcategory: 'upstream-failing', minConfidence: 0.8 }],
    },
    {
      name: 'nginx exits because an upstream name does not resolve',
      paste: `$ kubectl get pods -n inventory
NAME                       READY     STATUS    RESTARTS   AGE
nginx-5bb694bf8b-46gl6     0/1       Error     6          6m

$ kubectl logs nginx-5bb694bf8b-46gl6 -n inventory
2018/02/26 20:08:22 [emerg] 1#1: host not found in upstream "inventory" in /etc/inventory-nginx/nginx.conf:21
nginx: [emerg] host not found in upstream "inventory" in /etc/inventory-nginx/nginx.conf:21
`,
      expect: [{ messageId: 'unreachable', subcategory: 'dns', titleIncludes: ['inventory'] }],
    },
  ],
});
