import { testDetector } from '../testing/detector-tester.js';
import detector from './upstream-rollout-disruption.js';

const feederDescribe = `$ kubectl describe pod search-retry-feeder-shard-32-c5ccb79d-s9zpm -n search
Name:             search-retry-feeder-shard-32-c5ccb79d-s9zpm
Namespace:        search
Status:           Running
Controlled By:    ReplicaSet/search-retry-feeder-shard-32-c5ccb79d
Containers:
  feeder:
    Image:          gisual.azurecr.io/search-retry-feeder:1.42.3
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  2
    Environment:
      REDIS_HOST:  redis-mirror-envoy.infra.svc.cluster.local

$ kubectl logs search-retry-feeder-shard-32-c5ccb79d-s9zpm -n search --previous
2026-03-11 14:38:23,904 INFO iteration 6 done, 118 messages forwarded
redis.exceptions.ConnectionError: Error while reading from redis-mirror-envoy.infra.svc.cluster.local:6379 : (104, 'Connection reset by peer')
`;

testDetector(detector, {
  healthy: [
    {
      name: 'a connection reset with no rollout anywhere in the paste',
      paste: `$ kubectl logs rate-limiter-7d8f9c6b5-lt2vz -n gateway --previous
{"level":"fatal","msg":"lost redis, exiting","error":"read tcp 10.244.3.18:41872->10.96.201.5:6379: read: connection reset by peer"}
`,
    },
    {
      name: 'a dependency rolls out but the app failed with connection refused, not a reset',
      paste: `$ kubectl logs ledger-api-6d8c7b9f5-9xk2m -n ledger --previous
time=2026-06-22T10:32:03.207Z level=ERROR msg="giving up" err="dial tcp 10.96.140.22:5432: connect: connection refused"

$ kubectl get events -n ledger
LAST SEEN   TYPE     REASON              OBJECT                  MESSAGE
2m          Normal   ScalingReplicaSet   deployment/ledger-pg    Scaled up replica set ledger-pg-5f7d9c8b6 to 1
`,
    },
    {
      name: "the app's own rollout is not an upstream disruption",
      paste: `$ kubectl describe pod cart-events-69c7d5b8f4-8hpxm -n shop
Name:             cart-events-69c7d5b8f4-8hpxm
Namespace:        shop
Status:           Running
Controlled By:    ReplicaSet/cart-events-69c7d5b8f4
Containers:
  consumer:
    Image:          ghcr.io/acme/cart-events:6.1.2
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  3

$ kubectl logs cart-events-69c7d5b8f4-8hpxm -n shop --previous
[11:46:44.918] ERROR: stream read failed: Error: read ECONNRESET

$ kubectl get events -n shop
LAST SEEN   TYPE     REASON              OBJECT                    MESSAGE
3m          Normal   ScalingReplicaSet   deployment/cart-events    Scaled up replica set cart-events-69c7d5b8f4 to 1
`,
    },
  ],
  failing: [
    {
      name: 'spurious Reloader rollouts: the same config hash across revisions (custom columns)',
      paste: `${feederDescribe}
$ kubectl get events -n infra --sort-by=.lastTimestamp
LAST SEEN   TYPE     REASON              OBJECT                          MESSAGE
4m12s       Normal   Reloaded            deployment/redis-mirror-envoy   Changes detected in 'redis-lock-secondary-envoy-config' of type 'CONFIGMAP' in namespace 'infra', Updated 'redis-mirror-envoy' of type 'Deployment' in namespace 'infra'
4m12s       Normal   ScalingReplicaSet   deployment/redis-mirror-envoy   Scaled up replica set redis-mirror-envoy-7f9c4d8b6 to 1

$ kubectl get replicasets -n infra -l app=redis-mirror-envoy -o custom-columns=NAME:.metadata.name,REVISION:.metadata.annotations.deployment\\.kubernetes\\.io/revision,CONFIG_HASH:.spec.template.spec.containers[0].env[0].value
NAME                            REVISION   CONFIG_HASH
redis-mirror-envoy-6c8e0a2b4    177        354c95fd2dd2ca9de2a8801ef7b07b1fe3444826
redis-mirror-envoy-7f9c4d8b6    178        354c95fd2dd2ca9de2a8801ef7b07b1fe3444826
`,
      expect: [
        {
          messageId: 'spurious',
          subcategory: 'config-reloader',
          minConfidence: 0.9,
          titleIncludes: [
            'deployment/redis-mirror-envoy',
            '354c95fd2dd2ca9de2a8801ef7b07b1fe3444826',
          ],
        },
      ],
    },
    {
      name: 'spurious Reloader rollouts: the same STAKATER_ env value in two ReplicaSets (yaml)',
      paste: `$ kubectl logs cart-events-69c7d5b8f4-8hpxm -n shop --previous
[11:46:44.918] ERROR: stream read failed: Error: read ECONNRESET
[11:46:44.921] FATAL: lost redis connection, exiting

$ kubectl get events -n infra
LAST SEEN   TYPE     REASON     OBJECT                        MESSAGE
3m2s        Normal   Reloaded   deployment/redis-ha-haproxy   Changes detected in 'redis-ha-haproxy-config' of type 'CONFIGMAP' in namespace 'infra', Updated 'redis-ha-haproxy' of type 'Deployment' in namespace 'infra'

$ kubectl get rs -n infra -l app=redis-ha-haproxy -o yaml
apiVersion: v1
kind: List
items:
- apiVersion: apps/v1
  kind: ReplicaSet
  metadata:
    annotations:
      deployment.kubernetes.io/revision: "64"
    name: redis-ha-haproxy-84c6b7d95
    namespace: infra
  spec:
    template:
      spec:
        containers:
        - name: haproxy
          image: haproxy:2.9.7
          env:
          - name: STAKATER_REDIS_HA_HAPROXY_CONFIG_CONFIGMAP
            value: 9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a5c7e
- apiVersion: apps/v1
  kind: ReplicaSet
  metadata:
    annotations:
      deployment.kubernetes.io/revision: "65"
    name: redis-ha-haproxy-7bd9f6c58
    namespace: infra
  spec:
    template:
      spec:
        containers:
        - name: haproxy
          image: haproxy:2.9.7
          env:
          - name: STAKATER_REDIS_HA_HAPROXY_CONFIG_CONFIGMAP
            value: 9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a5c7e
`,
      expect: [
        {
          messageId: 'spurious',
          minConfidence: 0.9,
          titleIncludes: ['9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a5c7e'],
        },
      ],
    },
    {
      name: 'a reloader rollout without hashes to compare',
      paste: `${feederDescribe}
$ kubectl get events -n infra
LAST SEEN   TYPE     REASON     OBJECT                          MESSAGE
4m12s       Normal   Reloaded   deployment/redis-mirror-envoy   Changes detected in 'redis-mirror-envoy-secret' of type 'SECRET' in namespace 'infra', Updated 'redis-mirror-envoy' of type 'Deployment' in namespace 'infra'
`,
      expect: [{ messageId: 'reloaded', subcategory: 'config-reloader', minConfidence: 0.7 }],
    },
    {
      name: "a plain rollout of the dependency (found by the Service's cluster IP)",
      paste: `$ kubectl logs rate-limiter-7d8f9c6b5-lt2vz -n gateway --previous
{"level":"fatal","ts":1783588011.906,"msg":"lost redis, exiting so the pod restarts","error":"read tcp 10.244.3.18:41872->10.96.201.5:6379: read: connection reset by peer"}

$ kubectl get svc redis-proxy -n gateway
NAME          TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)    AGE
redis-proxy   ClusterIP   10.96.201.5    <none>        6379/TCP   412d

$ kubectl get events -n gateway
LAST SEEN   TYPE      REASON              OBJECT                     MESSAGE
7m40s       Normal    ScalingReplicaSet   deployment/redis-proxy     Scaled up replica set redis-proxy-64b8d7c9f5 to 1
7m38s       Normal    ScalingReplicaSet   deployment/redis-proxy     Scaled down replica set redis-proxy-5c9b7d8f6 to 2 from 3
`,
      expect: [
        {
          messageId: 'rollout',
          subcategory: 'dependency-rollout',
          titleIncludes: ['deployment/redis-proxy'],
        },
      ],
    },
    {
      name: 'server closed the connection while the pgbouncer Deployment rolled',
      paste: `$ kubectl logs api-7c9d8f6b5-j2kq8 -n core -p
[2024-02-27 08:11:52 +0000] [7] [INFO] GET /api/v2/orders 200 41ms
psycopg2.OperationalError: server closed the connection unexpectedly
	This probably means the server terminated abnormally
[2024-02-27 08:11:53 +0000] [1] [ERROR] Worker (pid:7) exited with code 3

$ kubectl get events -n core --sort-by=.lastTimestamp
LAST SEEN   TYPE     REASON              OBJECT                          MESSAGE
39m         Normal   ScalingReplicaSet   deployment/pgbouncer            Scaled up replica set pgbouncer-6f5d4c8b7 to 1
39m         Normal   ScalingReplicaSet   deployment/pgbouncer            Scaled down replica set pgbouncer-84c9b7d6f5 to 1 from 2
`,
      expect: [
        {
          messageId: 'rollout',
          subcategory: 'dependency-rollout',
          titleIncludes: ['deployment/pgbouncer'],
        },
      ],
    },
    {
      name: 'gRPC EOF after a config reloader restarted the server',
      paste: `$ kubectl logs quote-api-5f8d7c6b9-2wqpx -n checkout --previous
{"level":"fatal","ts":"2024-09-18T11:41:19.337Z","msg":"price stream broken","error":"rpc error: code = Unavailable desc = error reading from server: EOF","target":"pricing-engine.checkout.svc.cluster.local:9090"}

$ kubectl get events -n checkout
LAST SEEN   TYPE     REASON              OBJECT                      MESSAGE
4m12s       Normal   Reloaded            deployment/pricing-engine   Changes detected in 'pricing-rules' of type 'CONFIGMAP' in namespace 'checkout', Updated 'pricing-engine' of type 'Deployment' in namespace 'checkout'
4m12s       Normal   ScalingReplicaSet   deployment/pricing-engine   Scaled up replica set pricing-engine-7b9c8d6f5 to 1
`,
      expect: [{ messageId: 'reloaded', subcategory: 'config-reloader' }],
    },
  ],
});
