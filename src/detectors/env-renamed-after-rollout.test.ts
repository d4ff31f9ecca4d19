import { testDetector } from '../testing/detector-tester.js';
import detector from './env-renamed-after-rollout.js';

testDetector(detector, {
  healthy: [
    {
      name: 'the echoed setting is provided (REDIS_URL is in the environment)',
      paste: `$ kubectl describe pod user-auth-7a8b9c-k3l4m -n auth
Name:             user-auth-7a8b9c-k3l4m
Namespace:        auth
Status:           Running
Controlled By:    ReplicaSet/user-auth-7a8b9c
Containers:
  user-auth:
    Image:          registry.internal/user-auth:3.14.1
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  2
    Environment:
      REDIS_URL:  redis://user-auth-redis.auth.svc.cluster.local:6379/0

$ kubectl logs user-auth-7a8b9c-k3l4m -n auth --previous
2026-03-12T09:00:02.117Z info  REDIS_URL=redis://user-auth-redis.auth.svc.cluster.local:6379/0
2026-03-12T09:00:03.121Z error Error: connect ECONNREFUSED 10.96.22.18:6379
`,
    },
    {
      name: 'an echoed setting with no similar name in the config',
      paste: `$ kubectl describe pod reports-5c6d7e8f9-g1h2j -n reporting
Name:             reports-5c6d7e8f9-g1h2j
Namespace:        reporting
Status:           Running
Controlled By:    ReplicaSet/reports-5c6d7e8f9
Containers:
  reports:
    Image:          registry.acme.io/reports:1.2.0
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  3
    Environment:
      DATABASE_URL:  postgres://reports@pg.reporting.svc:5432/reports

$ kubectl logs reports-5c6d7e8f9-g1h2j -n reporting --previous
LOG_LEVEL=info (default)
TypeError: Cannot read properties of undefined (reading 'rows')
`,
    },
    {
      name: 'a plainly missing setting with no near name is missing-config, not a rename',
      paste: `$ kubectl describe pod shipping-quotes-6f9c8b7d5-b7n4j -n logistics
Name:             shipping-quotes-6f9c8b7d5-b7n4j
Namespace:        logistics
Status:           Running
Controlled By:    ReplicaSet/shipping-quotes-6f9c8b7d5
Containers:
  quotes:
    Image:          ghcr.io/acme/shipping-quotes:1.12.0
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  4
    Environment:
      LOG_FORMAT:  json

$ kubectl logs shipping-quotes-6f9c8b7d5-b7n4j -n logistics --previous
2026/06/16 11:42:08 config: envconfig.Process: required key CARRIER_API_TOKEN missing value
`,
    },
  ],
  failing: [
    {
      name: 'REDIS_URL read after a rollout; the ConfigMap still has REDIS_HOST/REDIS_PORT',
      paste: `$ kubectl describe pod user-auth-6f8d9b-q2m4x -n auth
Name:             user-auth-6f8d9b-q2m4x
Namespace:        auth
Status:           Running
Controlled By:    ReplicaSet/user-auth-6f8d9b
Containers:
  user-auth:
    Image:          registry.internal/user-auth:3.14.0
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  7
    Environment Variables from:
      user-auth-config  ConfigMap  Optional: false

$ kubectl logs user-auth-6f8d9b-q2m4x -n auth --previous
2026-03-11T14:33:02.117Z info  REDIS_URL=redis://user-auth-redis:6379/0
2026-03-11T14:33:03.121Z error Error: connect ECONNREFUSED 10.96.22.18:6379

$ kubectl get configmap user-auth-config -n auth -o yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: user-auth-config
  namespace: auth
data:
  REDIS_HOST: user-auth-redis.auth.svc.cluster.local
  REDIS_PORT: "6379"

$ kubectl rollout history deployment/user-auth -n auth
deployment.apps/user-auth
REVISION  CHANGE-CAUSE
11        image user-auth:3.13.2
12        image user-auth:3.14.0
`,
      expect: [
        {
          messageId: 'renamed',
          subcategory: 'env-renamed',
          minConfidence: 0.9,
          titleIncludes: ['REDIS_URL', 'REDIS_HOST'],
        },
      ],
    },
    {
      name: 'envconfig requires KAFKA_BROKERS; the deployment sets KAFKA_BROKER_LIST',
      paste: `$ kubectl describe pod clickstream-sink-7f4c9b8d6-2v9kd -n streaming
Name:             clickstream-sink-7f4c9b8d6-2v9kd
Namespace:        streaming
Status:           Running
Controlled By:    ReplicaSet/clickstream-sink-7f4c9b8d6
Containers:
  sink:
    Image:          ghcr.io/acme-data/clickstream-sink:v3.0.0
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  4
    Environment:
      KAFKA_BROKER_LIST:   events-kafka-bootstrap.streaming.svc:9092
      KAFKA_TOPIC:         clickstream.v1

$ kubectl logs clickstream-sink-7f4c9b8d6-2v9kd -n streaming --previous
{"level":"fatal","ts":"2026-06-20T16:42:16.103Z","msg":"invalid configuration","error":"envconfig.Process: required key KAFKA_BROKERS missing value"}

$ kubectl rollout history deployment clickstream-sink -n streaming
deployment.apps/clickstream-sink
REVISION  CHANGE-CAUSE
14        v2.7.3
15        v3.0.0
`,
      expect: [{ messageId: 'renamed', minConfidence: 0.9, titleIncludes: ['KAFKA_BROKERS'] }],
    },
    {
      name: 'POSTGRES_URL echoed with no rollout history in the paste',
      paste: `$ kubectl describe pod orders-api-6b8f9d7c5-r4w8k -n orders
Name:             orders-api-6b8f9d7c5-r4w8k
Namespace:        orders
Status:           Running
Controlled By:    ReplicaSet/orders-api-6b8f9d7c5
Containers:
  orders-api:
    Image:          registry.acme.io/orders/orders-api:5.0.0
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  5
    Environment:
      POSTGRES_HOST:      orders-pg-rw.orders.svc.cluster.local
      POSTGRES_PORT:      5432

$ kubectl logs orders-api-6b8f9d7c5-r4w8k -n orders --previous
[2026-06-19T08:30:11.405Z] INFO  POSTGRES_URL=postgres://orders@127.0.0.1:5432/orders
Error: connect ECONNREFUSED 127.0.0.1:5432
`,
      expect: [{ messageId: 'renamed', minConfidence: 0.75, titleIncludes: ['POSTGRES_URL'] }],
    },
    {
      name: "a near name in the explicit env, but an envFrom ConfigMap's keys are not pasted",
      paste: `$ kubectl describe pod recs-worker-59d7c4b8f6-dz8xq -n personalization
Name:             recs-worker-59d7c4b8f6-dz8xq
Namespace:        personalization
Status:           Running
Controlled By:    ReplicaSet/recs-worker-59d7c4b8f6
Containers:
  worker:
    Image:          europe-west1-docker.pkg.dev/acme-prod/ml/recs-worker:2.0.0
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  6
    Environment Variables from:
      recs-worker-config  ConfigMap  Optional: false
    Environment:
      CACHE_HOST:  recs-redis-master.personalization.svc.cluster.local

$ kubectl logs recs-worker-59d7c4b8f6-dz8xq -n personalization --previous
2026-06-18 12:08:42,120 INFO recs_worker.settings: CACHE_URL=redis://localhost:6379/0 (default)
redis.exceptions.ConnectionError: Error 111 connecting to localhost:6379. Connection refused.
`,
      expect: [{ messageId: 'renamed', titleIncludes: ['CACHE_URL', 'CACHE_HOST'] }],
    },
    {
      name: '.NET ArgumentNullException for VALKEY_ADDR while the pod sets REDIS_ADDR',
      paste: `$ kubectl -n shop-demo logs cart-7d9b8c6f5-qm2xz --previous
Unhandled exception. System.ArgumentNullException: Value cannot be null. (Parameter 'VALKEY_ADDR')
   at System.ArgumentNullException.Throw(String paramName)
   at Program.<Main>$(String[] args) in /src/cart/Program.cs:line 27

$ kubectl -n shop-demo describe pod cart-7d9b8c6f5-qm2xz
Name:             cart-7d9b8c6f5-qm2xz
Namespace:        shop-demo
Status:           Running
Controlled By:    ReplicaSet/cart-7d9b8c6f5
Containers:
  cart:
    Image:          ghcr.io/shop-demo/demo:1.12.0-cart
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    134
    Ready:          False
    Restart Count:  6
    Environment:
      CART_PORT:     8080
      REDIS_ADDR:    valkey-cart:6379
`,
      expect: [{ messageId: 'renamed', titleIncludes: ['VALKEY_ADDR', 'REDIS_ADDR'] }],
    },
  ],
});
