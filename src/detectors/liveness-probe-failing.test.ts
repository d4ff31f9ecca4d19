import { testDetector } from '../testing/detector-tester.js';
import detector from './liveness-probe-failing.js';

testDetector(detector, {
  healthy: [
    {
      name: 'readiness failures only: the pod is not Ready but never killed',
      paste: `$ kubectl describe pod search-api-6c8d9f7b5-kk4mz -n search
Name:             search-api-6c8d9f7b5-kk4mz
Namespace:        search
Status:           Running
Controlled By:    ReplicaSet/search-api-6c8d9f7b5
Containers:
  api:
    Image:          ghcr.io/acme/search-api:3.5.2
    State:          Running
      Started:      Sun, 12 Jul 2026 16:40:03 +0000
    Ready:          False
    Restart Count:  0
    Liveness:   http-get http://:8080/livez delay=10s timeout=1s period=10s #success=1 #failure=3
    Readiness:  http-get http://:8080/readyz delay=5s timeout=1s period=5s #success=1 #failure=3
Events:
  Type     Reason     Age                 From     Message
  ----     ------     ----                ----     -------
  Warning  Unhealthy  12s (x40 over 4m)   kubelet  Readiness probe failed: HTTP probe failed with statuscode: 503
`,
    },
    {
      name: 'a rolling update stops the container (Killing: Stopping container)',
      paste: `Events:
  Type    Reason   Age   From     Message
  ----    ------   ----  ----     -------
  Normal  Killing  18s   kubelet  Stopping container gateway
`,
    },
    {
      name: 'crash-looping with an app error and no probe events',
      paste: `$ kubectl describe pod trade-api-7b9c6d5f4-p2x8v -n trading
Name:             trade-api-7b9c6d5f4-p2x8v
Namespace:        trading
Status:           Running
Controlled By:    ReplicaSet/trade-api-7b9c6d5f4
Containers:
  trade-api:
    Image:          ghcr.io/acme/trade-api:2.9.0
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    134
    Restart Count:  4
    Liveness:   http-get http://:8080/healthz delay=20s timeout=1s period=10s #success=1 #failure=3
Events:
  Type     Reason   Age                 From     Message
  ----     ------   ----                ----     -------
  Normal   Started  2m (x5 over 6m)     kubelet  Started container trade-api
  Warning  BackOff  10s (x20 over 5m)   kubelet  Back-off restarting failed container trade-api in pod trade-api-7b9c6d5f4-p2x8v_trading(0e2c4a6b-8d1f-4c3e-a5b7-9d1f3b5c7e9a)
`,
    },
  ],
  failing: [
    {
      name: 'wrong path: 404, the app serves /healthz (ASP.NET access log)',
      paste: `$ kubectl describe pod trade-api-5c7d8f9b6d-h4k2m -n trading
Name:             trade-api-5c7d8f9b6d-h4k2m
Namespace:        trading
Status:           Running
Controlled By:    ReplicaSet/trade-api-5c7d8f9b6d
Containers:
  trade-api:
    Image:          ghcr.io/acme/trade-api:2.8.1
    Port:           8080/TCP
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    143
    Restart Count:  6
    Liveness:   http-get http://:8080/health delay=20s timeout=1s period=10s #success=1 #failure=3
    Readiness:  http-get http://:8080/healthz delay=5s timeout=1s period=5s #success=1 #failure=3
Events:
  Type     Reason     Age                   From     Message
  ----     ------     ----                  ----     -------
  Warning  Unhealthy  3m21s (x19 over 12m)  kubelet  Liveness probe failed: HTTP probe failed with statuscode: 404
  Normal   Killing    3m21s (x6 over 12m)   kubelet  Container trade-api failed liveness probe, will be restarted

$ kubectl logs trade-api-5c7d8f9b6d-h4k2m -n trading --previous
info: Microsoft.AspNetCore.Hosting.Diagnostics[2]
      Request finished HTTP/1.1 GET http://10.1.4.97:8080/healthz - 200 - text/plain 3.1052ms
info: Microsoft.AspNetCore.Hosting.Diagnostics[2]
      Request finished HTTP/1.1 GET http://10.1.4.97:8080/health - 404 0 - 0.8842ms
`,
      expect: [
        {
          messageId: 'wrongPath',
          subcategory: 'wrong-path',
          minConfidence: 0.9,
          titleIncludes: ['/health', '404'],
        },
      ],
    },
    {
      name: 'wrong port: tcp probe on 8080, the app listens on 9090',
      paste: `$ kubectl describe pod geo-router-5c8b7d9f6-ptq4v -n edge
Name:             geo-router-5c8b7d9f6-ptq4v
Namespace:        edge
Status:           Running
Controlled By:    ReplicaSet/geo-router-5c8b7d9f6
Containers:
  router:
    Image:          quay.io/acme-edge/geo-router:2.1.0
    Ports:          9090/TCP, 9102/TCP
    State:          Running
      Started:      Sat, 16 May 2026 21:31:55 +0200
    Last State:     Terminated
      Reason:       Error
      Exit Code:    143
    Restart Count:  14
    Liveness:       tcp-socket :8080 delay=10s timeout=1s period=20s #success=1 #failure=3
Events:
  Type     Reason     Age                  From     Message
  ----     ------     ----                 ----     -------
  Warning  Unhealthy  17s (x43 over 28m)   kubelet  Liveness probe failed: dial tcp 10.42.2.61:8080: connect: connection refused
  Normal   Killing    17s (x14 over 27m)   kubelet  Container router failed liveness probe, will be restarted

$ kubectl logs geo-router-5c8b7d9f6-ptq4v -n edge --previous
{"time":"2026-05-16T19:30:45.379Z","level":"INFO","msg":"http server listening on :9090"}
`,
      expect: [{ messageId: 'wrongPort', subcategory: 'wrong-port', titleIncludes: ['8080'] }],
    },
    {
      name: 'too slow: liveness times out while Spring Boot starts (exit 137)',
      paste: `$ kubectl describe pod points-service-69f8d7c5b4-4mlx7 -n loyalty
Name:             points-service-69f8d7c5b4-4mlx7
Namespace:        loyalty
Status:           Running
Controlled By:    ReplicaSet/points-service-69f8d7c5b4
Containers:
  points-service:
    Image:          987654321098.dkr.ecr.us-east-2.amazonaws.com/points-service:12.4.0
    Port:           8080/TCP
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    137
    Restart Count:  8
    Limits:
      memory:  1Gi
    Liveness:   http-get http://:8080/actuator/health delay=45s timeout=1s period=10s #success=1 #failure=3
Events:
  Type     Reason     Age                   From     Message
  ----     ------     ----                  ----     -------
  Warning  Unhealthy  11m (x24 over 28m)    kubelet  Liveness probe failed: Get "http://172.31.40.77:8080/actuator/health": context deadline exceeded (Client.Timeout exceeded while awaiting headers)
  Normal   Killing    11m (x8 over 28m)     kubelet  Container points-service failed liveness probe, will be restarted

$ kubectl logs points-service-69f8d7c5b4-4mlx7 -n loyalty --previous
2026-05-07T15:44:33.902Z  INFO 1 --- [main] c.a.l.PointsServiceApplication : Starting PointsServiceApplication v12.4.0
2026-05-07T15:46:02.118Z  INFO 1 --- [main] c.a.l.PointsServiceApplication : Started PointsServiceApplication in 88.216 seconds (process running for 89.1)
`,
      expect: [
        {
          messageId: 'tooSlow',
          subcategory: 'too-aggressive',
          minConfidence: 0.85,
          titleIncludes: ['initialDelaySeconds=45'],
        },
      ],
    },
    {
      name: 'startup probe refused while migrations run (old kubectl From column)',
      paste: `kubectl describe pod helpdesk-web-7f5d9c6b8-rk8vz -n support
Name:           helpdesk-web-7f5d9c6b8-rk8vz
Namespace:      support
Status:         Running
Controlled By:  ReplicaSet/helpdesk-web-7f5d9c6b8
Containers:
  web:
    Image:          registry.digitalocean.com/acme/helpdesk:2026.5.2
    Port:           8000/TCP
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    143
    Restart Count:  6
    Startup:    http-get http://:8000/healthz/ delay=0s timeout=1s period=10s #success=1 #failure=6
Events:
  Type     Reason     Age                  From                           Message
  ----     ------     ----                 ----                           -------
  Warning  Unhealthy  3m2s (x42 over 30m)  kubelet, pool-std-4vcpu-ux2kq  Startup probe failed: Get "http://10.244.1.130:8000/healthz/": dial tcp 10.244.1.130:8000: connect: connection refused
  Normal   Killing    3m2s (x6 over 29m)   kubelet, pool-std-4vcpu-ux2kq  Container web failed startup probe, will be restarted
`,
      expect: [{ messageId: 'tooSlow', subcategory: 'too-aggressive' }],
    },
    {
      name: 'exec probe fails with its own output',
      paste: `$ kubectl describe pod cron-agent-6d7c8b9f5-xk2lp -n ops
Name:             cron-agent-6d7c8b9f5-xk2lp
Namespace:        ops
Status:           Running
Controlled By:    ReplicaSet/cron-agent-6d7c8b9f5
Containers:
  agent:
    Image:          registry.acme.io/ops/cron-agent:1.4.0
    State:          Running
      Started:      Mon, 13 Jul 2026 09:12:40 +0000
    Last State:     Terminated
      Reason:       Error
      Exit Code:    137
    Restart Count:  5
    Liveness:   exec [cat /tmp/healthy] delay=5s timeout=1s period=5s #success=1 #failure=3
Events:
  Type     Reason     Age                 From     Message
  ----     ------     ----                ----     -------
  Warning  Unhealthy  40s (x15 over 9m)   kubelet  Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory
  Normal   Killing    40s (x5 over 9m)    kubelet  Container agent failed liveness probe, will be restarted
`,
      expect: [{ messageId: 'failing', subcategory: 'failing', minConfidence: 0.7 }],
    },
    {
      name: 'auth: the probe path answers 401 (endpoint behind basic auth)',
      paste: `$ kubectl describe pod gateway-6b7c8d9e5f-hx2mj -n edge
Name:             gateway-6b7c8d9e5f-hx2mj
Namespace:        edge
Status:           Running
Controlled By:    ReplicaSet/gateway-6b7c8d9e5f
Containers:
  gateway:
    Image:          registry.example.com/edge/gateway:3.0.0
    Port:           8443/TCP
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    143
    Restart Count:  9
    Liveness:       http-get https://:8443/admin/status delay=10s timeout=1s period=10s #success=1 #failure=3
Events:
  Type     Reason     Age                   From     Message
  ----     ------     ----                  ----     -------
  Warning  Unhealthy  2m58s (x27 over 18m)  kubelet  Liveness probe failed: HTTP probe failed with statuscode: 401
  Normal   Killing    2m58s (x9 over 18m)   kubelet  Container gateway failed liveness probe, will be restarted
`,
      expect: [{ messageId: 'auth', subcategory: 'auth', minConfidence: 0.85 }],
    },
    {
      name: 'unhealthy: /actuator/health answers 503 because its database check fails',
      paste: `$ kubectl describe pod orders-6b8d7c9f5-kq2xv -n shop
Name:             orders-6b8d7c9f5-kq2xv
Namespace:        shop
Status:           Running
Controlled By:    ReplicaSet/orders-6b8d7c9f5
Containers:
  orders:
    Image:          registry.shop.io/orders:5.8.2
    Port:           8080/TCP
    State:          Running
      Started:      Tue, 05 Mar 2024 02:14:40 +0000
    Last State:     Terminated
      Reason:       Error
      Exit Code:    143
    Ready:          True
    Restart Count:  1
    Liveness:   http-get http://:8080/actuator/health delay=60s timeout=3s period=10s #success=1 #failure=3
Events:
  Type     Reason     Age                From     Message
  ----     ------     ----               ----     -------
  Warning  Unhealthy  14m (x3 over 15m)  kubelet  Liveness probe failed: HTTP probe failed with statuscode: 503
  Normal   Killing    14m                kubelet  Container orders failed liveness probe, will be restarted

$ kubectl logs orders-6b8d7c9f5-kq2xv -n shop --previous
2024-03-05T02:14:09.611Z  WARN 1 --- [nio-8080-exec-7] o.s.b.a.jdbc.DataSourceHealthIndicator   : DataSource health check failed
`,
      expect: [
        {
          messageId: 'unhealthy',
          subcategory: 'dependency-in-liveness',
          titleIncludes: ['/actuator/health', '503'],
          minConfidence: 0.85,
        },
      ],
    },
    {
      name: 'wrong port in an exec probe: grpc_health_probe checks :9090, the app listens on 8081',
      paste: `$ kubectl describe pod ratelimit-5c8d7f9b6-8kpl2 -n gateway
Name:             ratelimit-5c8d7f9b6-8kpl2
Namespace:        gateway
Status:           Running
Controlled By:    ReplicaSet/ratelimit-5c8d7f9b6
Containers:
  ratelimit:
    Image:          envoyproxy/ratelimit:19f2079f
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    2
    Restart Count:  7
    Liveness:       exec [/bin/grpc_health_probe -addr=:9090] delay=10s timeout=1s period=10s #success=1 #failure=3
Events:
  Type     Reason     Age                   From     Message
  ----     ------     ----                  ----     -------
  Warning  Unhealthy  2m19s (x21 over 22m)  kubelet  Liveness probe failed: timeout: failed to connect service ":9090" within 1s
  Normal   Killing    2m19s (x7 over 21m)   kubelet  Container ratelimit failed liveness probe, will be restarted

$ kubectl logs ratelimit-5c8d7f9b6-8kpl2 -n gateway --previous
time="2024-04-27T13:02:11Z" level=info msg="Listening for gRPC on '0.0.0.0:8081'"
`,
      expect: [
        { messageId: 'wrongPort', subcategory: 'wrong-port', titleIncludes: ['9090', '8081'] },
      ],
    },
  ],
});
