import { testDetector } from '../testing/detector-tester.js';
import detector from './cpu-starvation.js';

/** A JVM service killed by its liveness probe; CPU limit, probe message and log vary. */
function jvm(opts: { limits: string; event: string; logs?: string; name?: string }): string {
  const name = opts.name ?? 'orders-5f7d9c8b6d-wq2lz';
  return `$ kubectl describe pod ${name} -n shop
Name:             ${name}
Namespace:        shop
Node:             gke-prod-pool-1-3f2a9c1d-h2m4/10.128.0.12
Labels:           app=orders
                  pod-template-hash=5f7d9c8b6d
Status:           Running
Controlled By:    ReplicaSet/orders-5f7d9c8b6d
Containers:
  orders:
    Image:          europe-docker.pkg.dev/acme/shop/orders:4.1.0
    Port:           8080/TCP
    State:          Running
      Started:      Wed, 18 Mar 2026 09:20:11 +0000
    Last State:     Terminated
      Reason:       Error
      Exit Code:    143
      Started:      Wed, 18 Mar 2026 09:18:41 +0000
      Finished:     Wed, 18 Mar 2026 09:20:10 +0000
    Ready:          False
    Restart Count:  6
${opts.limits}
    Liveness:   http-get http://:8080/actuator/health/liveness delay=60s timeout=1s period=10s #success=1 #failure=3
    Environment:
      JAVA_TOOL_OPTIONS:  -XX:MaxRAMPercentage=75
Events:
  Type     Reason     Age                 From     Message
  ----     ------     ----                ----     -------
  Warning  Unhealthy  2m (x18 over 14m)   kubelet  ${opts.event}
  Normal   Killing    2m (x6 over 14m)    kubelet  Container orders failed liveness probe, will be restarted
${opts.logs ? `\n$ kubectl logs ${name} -n shop --previous\n${opts.logs}\n` : ''}`;
}

const TIMEOUT =
  'Liveness probe failed: Get "http://10.8.2.14:8080/actuator/health/liveness": context deadline exceeded (Client.Timeout exceeded while awaiting headers)';
const SLOW_SPRING = `2026-03-18T09:18:49.102Z  INFO 1 --- [           main] com.acme.orders.OrdersApplication        : Starting OrdersApplication v4.1.0 using Java 21.0.2 with PID 1
2026-03-18T09:19:41.950Z  INFO 1 --- [           main] w.s.c.ServletWebServerApplicationContext : Root WebApplicationContext: initialization completed in 52781 ms
2026-03-18T09:20:09.884Z  INFO 1 --- [           main] com.zaxxer.hikari.HikariDataSource       : HikariPool-1 - Start completed.`;

testDetector(detector, {
  healthy: [
    {
      name: 'no CPU limit: a plain too-aggressive probe',
      paste: jvm({
        limits: '    Limits:\n      memory:  1Gi',
        event: TIMEOUT,
        logs: SLOW_SPRING,
      }),
    },
    {
      name: 'generous CPU limit',
      paste: jvm({
        limits: '    Limits:\n      cpu:     2\n      memory:  1Gi',
        event: TIMEOUT,
        logs: SLOW_SPRING,
        name: 'orders-5f7d9c8b6d-k8s2v',
      }),
    },
    {
      name: 'tight limit but the probe gets an HTTP answer (wrong path)',
      paste: jvm({
        limits: '    Limits:\n      cpu:     250m\n      memory:  1Gi',
        event: 'Liveness probe failed: HTTP probe failed with statuscode: 404',
        logs: SLOW_SPRING,
        name: 'orders-5f7d9c8b6d-p9q4x',
      }),
    },
    {
      name: 'tight limit, nothing failing',
      paste: `$ kubectl get pods -n shop
NAME                      READY   STATUS    RESTARTS   AGE
orders-5f7d9c8b6d-zz2lm   1/1     Running   0          2d
`,
    },
  ],
  failing: [
    {
      name: 'Spring Boot at 250m: 80s+ start-up, liveness timeouts and kills',
      paste: jvm({
        limits: '    Limits:\n      cpu:     250m\n      memory:  1Gi',
        event: TIMEOUT,
        logs: SLOW_SPRING,
        name: 'orders-5f7d9c8b6d-r7t2n',
      }),
      expect: [
        {
          messageId: 'starved',
          subcategory: 'slow-startup',
          titleIncludes: ['250m'],
          minConfidence: 0.8,
        },
      ],
    },
    {
      name: 'Spring reports a 95s start under 200m',
      paste: jvm({
        limits: '    Limits:\n      cpu:     200m\n      memory:  1Gi',
        event: TIMEOUT,
        logs: '2026-03-18T09:20:29.811Z  INFO 1 --- [           main] com.acme.orders.OrdersApplication        : Started OrdersApplication in 95.318 seconds (process running for 98.104)',
        name: 'orders-5f7d9c8b6d-b4c5d',
      }),
      expect: [{ messageId: 'starved', titleIncludes: ['95s'] }],
    },
    {
      name: 'JVM at 200m with probe timeouts and no log: likely',
      paste: jvm({
        limits: '    Limits:\n      cpu:     200m\n      memory:  1Gi',
        event: TIMEOUT,
        name: 'orders-5f7d9c8b6d-f6g7h',
      }).replace(
        'Started:      Wed, 18 Mar 2026 09:18:41',
        'Started:      Wed, 18 Mar 2026 09:19:55',
      ),
      expect: [{ messageId: 'likely', subcategory: 'tight-limit' }],
    },
    {
      name: 'JVM at 500m with a slow start but no sign of throttling: only possible',
      paste: jvm({
        limits: '    Limits:\n      cpu:     500m\n      memory:  1Gi',
        event: TIMEOUT,
        logs: SLOW_SPRING,
        name: 'orders-5f7d9c8b6d-j8k9l',
      }),
      expect: [{ messageId: 'possible', subcategory: 'possible-throttling' }],
    },
    {
      name: 'gunicorn workers time out at 150m, readiness times out, no restarts',
      paste: `$ kubectl describe pod cms-7b6c5d9f84-g2mrx -n content
Name:             cms-7b6c5d9f84-g2mrx
Namespace:        content
Node:             k3s-agent-2/192.168.1.62
Status:           Running
Controlled By:    ReplicaSet/cms-7b6c5d9f84
Containers:
  cms:
    Image:          ghcr.io/acme/wagtail-cms:2026.3.2
    State:          Running
      Started:      Tue, 31 Mar 2026 19:02:39 +0200
    Ready:          False
    Restart Count:  0
    Limits:
      cpu:     150m
      memory:  768Mi
    Readiness:    http-get http://:8000/health/ delay=10s timeout=2s period=10s #success=1 #failure=3
Events:
  Type     Reason     Age                 From     Message
  ----     ------     ----                ----     -------
  Warning  Unhealthy  50s (x62 over 11m)  kubelet  Readiness probe failed: Get "http://10.42.2.118:8000/health/": context deadline exceeded (Client.Timeout exceeded while awaiting headers)

$ kubectl logs cms-7b6c5d9f84-g2mrx -n content --tail=4
[2026-03-31 17:02:40 +0000] [1] [INFO] Booting worker with pid: 7
[2026-03-31 17:03:11 +0000] [1] [CRITICAL] WORKER TIMEOUT (pid:7)
[2026-03-31 17:03:12 +0000] [21] [INFO] Booting worker with pid: 21
[2026-03-31 17:03:43 +0000] [1] [CRITICAL] WORKER TIMEOUT (pid:21)
`,
      expect: [{ messageId: 'starved', subcategory: 'stalled', titleIncludes: ['150m'] }],
    },
    {
      name: 'kubectl top shows the container pinned at its limit',
      paste: `$ kubectl top pod keycloak-0 -n iam --containers
POD          NAME       CPU(cores)   MEMORY(bytes)
keycloak-0   keycloak   498m         702Mi

$ kubectl describe pod keycloak-0 -n iam
Name:             keycloak-0
Namespace:        iam
Node:             worker-04/172.20.0.14
Status:           Running
Controlled By:    StatefulSet/keycloak
Containers:
  keycloak:
    Image:         quay.io/keycloak/keycloak:26.1.4
    State:          Running
    Last State:     Terminated
      Reason:       Error
      Exit Code:    143
    Ready:          False
    Restart Count:  3
    Limits:
      cpu:     500m
      memory:  1536Mi
    Startup:    http-get http://:9000/health/started delay=15s timeout=5s period=15s #success=1 #failure=10
Events:
  Type     Reason     Age                From     Message
  ----     ------     ----               ----     -------
  Warning  Unhealthy  56s (x36 over 8m)  kubelet  Startup probe failed: Get "http://10.233.72.15:9000/health/started": dial tcp 10.233.72.15:9000: connect: connection refused
  Normal   Killing    56s (x3 over 6m)   kubelet  Container keycloak failed startup probe, will be restarted
`,
      expect: [{ messageId: 'starved', titleIncludes: ['500m'] }],
    },
  ],
});
