import { testDetector } from '../testing/detector-tester.js';
import detector from './readiness-probe-failing.js';

/** A Running, never-Ready pod: describe with a readiness probe, one Unhealthy event, optional logs. */
function notReady(opts: { probe: string; event: string; logs?: string; port?: string }): string {
  return `$ kubectl describe pod billing-api-6b7c8d9f5-t4x2m -n payments
Name:             billing-api-6b7c8d9f5-t4x2m
Namespace:        payments
Node:             ip-10-0-2-41.ec2.internal/10.0.2.41
Labels:           app=billing-api
                  pod-template-hash=6b7c8d9f5
Status:           Running
IP:               10.0.2.77
Controlled By:    ReplicaSet/billing-api-6b7c8d9f5
Containers:
  billing-api:
    Image:          registry.internal/payments/billing-api:2.3.0
    Port:           ${opts.port ?? '8080'}/TCP
    State:          Running
      Started:      Tue, 17 Mar 2026 10:02:31 +0000
    Ready:          False
    Restart Count:  0
    Readiness:      ${opts.probe}
Conditions:
  Type              Status
  Ready             False
  ContainersReady   False
Events:
  Type     Reason     Age               From     Message
  ----     ------     ----              ----     -------
  Normal   Started    9m                kubelet  Started container billing-api
  Warning  Unhealthy  4m (x98 over 9m)  kubelet  ${opts.event}
${opts.logs ? `\n$ kubectl logs billing-api-6b7c8d9f5-t4x2m -n payments --tail=5\n${opts.logs}\n` : ''}`;
}

testDetector(detector, {
  healthy: [
    {
      name: 'a Ready pod',
      paste: `$ kubectl get pods -n payments
NAME                          READY   STATUS    RESTARTS   AGE
billing-api-6b7c8d9f5-t4x2m   1/1     Running   0          9m
`,
    },
    {
      name: 'liveness failures own the diagnosis',
      paste: `$ kubectl describe pod trade-api-5c7d8f9b6d-h4k2m -n trading
Name:             trade-api-5c7d8f9b6d-h4k2m
Namespace:        trading
Status:           Running
Containers:
  trade-api:
    Image:          ghcr.io/acme/trade-api:2.8.1
    State:          Running
    Last State:     Terminated
      Reason:       Error
      Exit Code:    143
    Ready:          False
    Restart Count:  6
    Liveness:   http-get http://:8080/health delay=20s timeout=1s period=10s #success=1 #failure=3
    Readiness:  http-get http://:8080/health delay=5s timeout=1s period=5s #success=1 #failure=3
Events:
  Type     Reason     Age                  From     Message
  ----     ------     ----                 ----     -------
  Warning  Unhealthy  4m (x30 over 13m)    kubelet  Liveness probe failed: HTTP probe failed with statuscode: 404
  Warning  Unhealthy  4m (x60 over 13m)    kubelet  Readiness probe failed: HTTP probe failed with statuscode: 404
  Normal   Killing    4m (x6 over 13m)     kubelet  Container trade-api failed liveness probe, will be restarted
`,
    },
  ],
  failing: [
    {
      name: 'wrong path: 404, the app serves /healthz',
      paste: notReady({
        probe: 'http-get http://:8080/ready delay=5s timeout=1s period=5s #success=1 #failure=3',
        event: 'Readiness probe failed: HTTP probe failed with statuscode: 404',
        logs: `10.0.2.41 - - [17/Mar/2026:10:11:02 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.29"
10.0.2.41 - - [17/Mar/2026:10:11:03 +0000] "GET /ready HTTP/1.1" 404 19 "-" "kube-probe/1.29"`,
      }),
      expect: [
        {
          messageId: 'wrongPath',
          subcategory: 'wrong-path',
          titleIncludes: ['/ready', '404', '/healthz'],
          minConfidence: 0.85,
        },
      ],
    },
    {
      name: '503 while the log shows the database refusing: the dependency is the cause',
      paste: notReady({
        probe: 'http-get http://:8000/readyz delay=5s timeout=2s period=10s #success=1 #failure=3',
        event: 'Readiness probe failed: HTTP probe failed with statuscode: 503',
        logs: `INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)
WARNING:  readiness check failed: database: (psycopg2.OperationalError) connection to server at "orders-db.orders.svc.cluster.local" (10.43.118.7), port 5432 failed: Connection refused
INFO:     10.42.2.1:52714 - "GET /readyz HTTP/1.1" 503 Service Unavailable`,
      }),
      expect: [
        {
          messageId: 'dependency',
          category: 'dependency-failure',
          subcategory: 'readiness-dependency',
          minConfidence: 0.8,
        },
      ],
    },
    {
      name: 'app bound to 127.0.0.1',
      paste: notReady({
        probe: 'tcp-socket :5000 delay=3s timeout=1s period=10s #success=1 #failure=3',
        event: 'Readiness probe failed: dial tcp 10.0.2.77:5000: connect: connection refused',
        port: '5000',
        logs: ` * Serving Flask app 'labelmaker.app'
 * Running on http://127.0.0.1:5000`,
      }),
      expect: [{ messageId: 'localhost', subcategory: 'bind-localhost' }],
    },
    {
      name: 'wrong port: the app listens on 9090',
      paste: notReady({
        probe: 'http-get http://:8080/healthz delay=5s timeout=1s period=5s #success=1 #failure=3',
        event:
          'Readiness probe failed: Get "http://10.0.2.77:8080/healthz": dial tcp 10.0.2.77:8080: connect: connection refused',
        port: '9090',
        logs: `{"level":"info","ts":"2026-03-17T10:02:33Z","msg":"server listening on :9090"}`,
      }),
      expect: [{ messageId: 'wrongPort', subcategory: 'wrong-port', titleIncludes: ['8080'] }],
    },
    {
      name: 'refused with nothing else known',
      paste: notReady({
        probe: 'http-get http://:8080/ready delay=5s timeout=1s period=5s #success=1 #failure=3',
        event:
          'Readiness probe failed: Get "http://10.0.2.77:8080/ready": dial tcp 10.0.2.77:8080: connect: connection refused',
      }),
      expect: [{ messageId: 'notListening', subcategory: 'not-listening' }],
    },
    {
      name: 'timeout, the app logs a slow /ready',
      paste: notReady({
        probe: 'http-get http://:8080/ready delay=0s timeout=1s period=10s #success=1 #failure=3',
        event:
          'Readiness probe failed: Get "http://10.0.2.77:8080/ready": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
        logs: `{"time":"2026-03-28T07:14:01.512Z","level":"INFO","msg":"http request","method":"GET","path":"/ready","status":200,"duration_ms":1874}`,
      }),
      expect: [{ messageId: 'timeout', subcategory: 'timeout', minConfidence: 0.8 }],
    },
    {
      name: 'health endpoint behind authentication',
      paste: notReady({
        probe:
          'http-get http://:8080/actuator/health delay=5s timeout=1s period=5s #success=1 #failure=3',
        event: 'Readiness probe failed: HTTP probe failed with statuscode: 401',
      }),
      expect: [{ messageId: 'auth', subcategory: 'auth' }],
    },
    {
      name: '500 with no log: the endpoint reports unhealthy',
      paste: notReady({
        probe:
          'http-get http://:8080/health/ready delay=5s timeout=1s period=5s #success=1 #failure=3',
        event: 'Readiness probe failed: HTTP probe failed with statuscode: 500',
      }),
      expect: [{ messageId: 'unhealthy', subcategory: 'unhealthy-endpoint' }],
    },
    {
      name: 'exec probe failing',
      paste: notReady({
        probe:
          'exec [sh -c pg_isready -U app -h 127.0.0.1] delay=5s timeout=1s period=10s #success=1 #failure=3',
        event: 'Readiness probe failed: 127.0.0.1:5432 - no response',
      }),
      expect: [{ messageId: 'failing' }],
    },
    {
      name: 'wrong port: the dev-server banner says 8080, probe and containerPort still 3000',
      paste: notReady({
        port: '3000',
        probe:
          'http-get http://:3000/api/health delay=5s timeout=1s period=10s #success=1 #failure=3',
        event:
          'Readiness probe failed: Get "http://10.0.2.77:3000/api/health": dial tcp 10.0.2.77:3000: connect: connection refused',
        logs: `   ▲ Next.js 14.1.3
   - Local:        http://localhost:8080
   - Network:      http://0.0.0.0:8080

 ✓ Ready in 412ms`,
      }),
      expect: [
        { messageId: 'wrongPort', subcategory: 'wrong-port', titleIncludes: ['3000', '8080'] },
      ],
    },
    {
      name: 'a dev server on the probed port is not "bound to localhost" for its Local: URL',
      paste: notReady({
        port: '3000',
        probe: 'http-get http://:3000/ delay=5s timeout=1s period=10s #success=1 #failure=3',
        event:
          'Readiness probe failed: Get "http://10.0.2.77:3000/": dial tcp 10.0.2.77:3000: connect: connection refused',
        logs: `  VITE v5.1.4  ready in 388 ms

  ➜  Local:   http://localhost:3000/`,
      }),
      expect: [{ messageId: 'notListening', subcategory: 'not-listening' }],
    },
    {
      name: 'a metrics listener on another port does not make the probe port wrong',
      paste: notReady({
        probe: 'http-get http://:8080/ready delay=5s timeout=1s period=10s #success=1 #failure=3',
        event:
          'Readiness probe failed: Get "http://10.0.2.77:8080/ready": dial tcp 10.0.2.77:8080: connect: connection refused',
        logs: `level=info msg="metrics server listening on :9090"
level=info msg="waiting for the schema migration lock"`,
      }),
      expect: [{ messageId: 'notListening', subcategory: 'not-listening' }],
    },
  ],
});
