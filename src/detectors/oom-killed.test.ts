import { testDetector } from '../testing/detector-tester.js';
import detector from './oom-killed.js';

testDetector(detector, {
  healthy: [
    {
      name: 'exit 137 after a liveness kill is the probe, not memory',
      paste: `$ kubectl describe pod api-7d9c8b6f5-k2x9q -n shop
Name:             api-7d9c8b6f5-k2x9q
Namespace:        shop
Node:             worker-2/10.0.0.12
Status:           Running
Controlled By:    ReplicaSet/api-7d9c8b6f5
Containers:
  api:
    Image:          ghcr.io/acme/api:4.2.0
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    137
      Started:      Mon, 02 Mar 2026 10:00:01 +0000
      Finished:     Mon, 02 Mar 2026 10:01:32 +0000
    Ready:          False
    Restart Count:  6
    Limits:
      memory:  512Mi
    Liveness:   http-get http://:8080/healthz delay=10s timeout=1s period=10s #success=1 #failure=3
Events:
  Type     Reason     Age                 From     Message
  ----     ------     ----                ----     -------
  Warning  Unhealthy  2m (x18 over 12m)   kubelet  Liveness probe failed: Get "http://10.1.2.3:8080/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)
  Normal   Killing    2m (x6 over 12m)    kubelet  Container api failed liveness probe, will be restarted
  Warning  BackOff    20s (x30 over 11m)  kubelet  Back-off restarting failed container api in pod api-7d9c8b6f5-k2x9q_shop(1b2c3d4e-0000-4000-8000-000000000001)
`,
    },
    {
      name: 'an application error (exit 1) is not an OOM kill',
      paste: `$ kubectl describe pod billing-worker-5c8f7d9b6-xq2lm -n billing
Name:             billing-worker-5c8f7d9b6-xq2lm
Namespace:        billing
Node:             ip-10-1-4-22.ec2.internal/10.1.4.22
Status:           Running
Controlled By:    ReplicaSet/billing-worker-5c8f7d9b6
Containers:
  worker:
    Image:          123456789012.dkr.ecr.eu-west-1.amazonaws.com/billing-worker:2.0.3
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
      Started:      Tue, 03 Mar 2026 08:10:00 +0000
      Finished:     Tue, 03 Mar 2026 08:10:02 +0000
    Restart Count:  4
    Limits:
      memory:  256Mi
`,
    },
    {
      name: 'a pod deleted during a rollout (137 after Stopping container) is not an OOM kill',
      paste: `$ kubectl describe pod web-6b7c8d9f5-qq4kz -n frontend
Name:             web-6b7c8d9f5-qq4kz
Namespace:        frontend
Node:             gke-pool-1-abcd/10.128.0.5
Status:           Terminating (lasts 31s)
Controlled By:    ReplicaSet/web-6b7c8d9f5
Containers:
  web:
    Image:          nginx:1.27
    State:          Terminated
      Reason:       Error
      Exit Code:    137
      Started:      Wed, 04 Mar 2026 09:00:00 +0000
      Finished:     Wed, 04 Mar 2026 12:30:31 +0000
    Restart Count:  0
    Limits:
      memory:  128Mi
Events:
  Type    Reason   Age   From     Message
  ----    ------   ----  ----     -------
  Normal  Killing  31s   kubelet  Stopping container web
`,
    },
    {
      name: 'the kubelet lost the container (ContainerStatusUnknown, 137)',
      paste: `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": { "name": "etl-runner-6d5c4b3a2-zz9pl", "namespace": "data" },
  "spec": {
    "containers": [
      { "name": "etl", "image": "registry.example/etl:1.0", "resources": { "limits": { "memory": "1Gi" } } }
    ],
    "restartPolicy": "Always"
  },
  "status": {
    "phase": "Running",
    "containerStatuses": [
      {
        "name": "etl",
        "restartCount": 2,
        "state": { "running": { "startedAt": "2026-03-05T11:00:00Z" } },
        "lastState": { "terminated": { "exitCode": 137, "reason": "ContainerStatusUnknown", "message": "The container could not be located when the pod was deleted.  The container used to be Running" } }
      }
    ]
  }
}
`,
    },
  ],
  failing: [
    {
      name: 'OOMKilled with a memory limit (describe)',
      paste: `$ kubectl describe pod risk-scorer-6c9f7b5d8-vt4hn -n ml
Name:             risk-scorer-6c9f7b5d8-vt4hn
Namespace:        ml
Node:             gke-ml-pool-3f9a1c2e-7k2q/10.128.0.57
Status:           Running
Controlled By:    ReplicaSet/risk-scorer-6c9f7b5d8
Containers:
  scorer:
    Image:          us-docker.pkg.dev/acme-ml/models/risk-scorer:2026.01.30
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       OOMKilled
      Exit Code:    137
      Started:      Mon, 02 Feb 2026 11:35:02 +0000
      Finished:     Mon, 02 Feb 2026 11:40:58 +0000
    Ready:          False
    Restart Count:  4
    Limits:
      memory:  2Gi
    Requests:
      cpu:        500m
      memory:     2Gi
`,
      expect: [
        {
          messageId: 'oomKilled',
          subcategory: 'memory-limit',
          minConfidence: 0.9,
          titleIncludes: ['scorer', '2Gi'],
        },
      ],
    },
    {
      name: 'JVM heap (-Xmx) larger than the container limit; a second pod exits 1',
      paste: `$ kubectl get pods -n payments -o yaml
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata:
    name: ledger-worker-84d6b7c9f5-mm2qz
    namespace: payments
  spec:
    containers:
    - name: worker
      image: europe-docker.pkg.dev/acme/payments/ledger-worker:5.2.0
      env:
      - name: JAVA_TOOL_OPTIONS
        value: -Xms256m -Xmx1g
      resources:
        limits:
          memory: 512Mi
  status:
    phase: Running
    containerStatuses:
    - name: worker
      restartCount: 9
      state:
        waiting:
          reason: CrashLoopBackOff
      lastState:
        terminated:
          exitCode: 137
          reason: OOMKilled
- apiVersion: v1
  kind: Pod
  metadata:
    name: ledger-api-5f6d7c8b9-a1b2c
    namespace: payments
  spec:
    containers:
    - name: api
      image: europe-docker.pkg.dev/acme/payments/ledger-api:5.2.0
  status:
    phase: Running
    containerStatuses:
    - name: api
      restartCount: 3
      state:
        waiting:
          reason: CrashLoopBackOff
      lastState:
        terminated:
          exitCode: 1
          reason: Error
`,
      expect: [
        {
          messageId: 'heapOverLimit',
          subcategory: 'jvm-heap-over-limit',
          minConfidence: 0.95,
          titleIncludes: ['-Xmx1g', '512Mi'],
        },
      ],
      rulesOut: ['oom-killed'],
    },
    {
      name: 'Node.js heap (--max-old-space-size) over the limit, from the command',
      paste: `$ kubectl describe pod catalog-indexer-5f7c9d8b4-2xkqp -n catalog
Name:             catalog-indexer-5f7c9d8b4-2xkqp
Namespace:        catalog
Status:           Running
Controlled By:    ReplicaSet/catalog-indexer-5f7c9d8b4
Containers:
  indexer:
    Image:          ghcr.io/acme/catalog-indexer:4.2.1
    Command:
      node
      --max-old-space-size=1536
      dist/indexer.js
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       OOMKilled
      Exit Code:    137
    Restart Count:  6
    Limits:
      cpu:     1
      memory:  1Gi
`,
      expect: [{ messageId: 'heapOverLimit', minConfidence: 0.9, titleIncludes: ['Node.js'] }],
    },
    {
      name: 'the V8 runtime ran out of its own heap (no OOMKilled)',
      paste: `$ kubectl logs report-builder-7f8e9d6c5-lp3mn -n reports --previous
<--- Last few GCs --->
[1:0x5a1b2c0]    91822 ms: Mark-Compact 2036.1 (2081.3) -> 2034.9 (2082.6) MB, 1820.4 / 0.0 ms  (average mu = 0.118, current mu = 0.021) allocation failure; scavenge might not succeed
<--- JS stacktrace --->
FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory
 1: 0xb85bc0 node::Abort() [node]
`,
      expect: [{ messageId: 'runtimeHeap', subcategory: 'node-heap', minConfidence: 0.8 }],
    },
    {
      name: 'node OOM: SystemOOM event on the pod and exit 137',
      paste: `$ kubectl describe pod log-shipper-x7k2p -n logging
Name:             log-shipper-x7k2p
Namespace:        logging
Node:             worker-9/10.0.0.19
Status:           Running
Controlled By:    DaemonSet/log-shipper
Containers:
  shipper:
    Image:          fluent/fluent-bit:3.0.4
    State:          Running
      Started:      Thu, 05 Mar 2026 14:02:10 +0000
    Last State:     Terminated
      Reason:       Error
      Exit Code:    137
      Started:      Thu, 05 Mar 2026 13:40:00 +0000
      Finished:     Thu, 05 Mar 2026 14:02:09 +0000
    Restart Count:  3
Events:
  Type     Reason     Age   From     Message
  ----     ------     ----  ----     -------
  Warning  SystemOOM  5m    kubelet  System OOM encountered, victim process: fluent-bit, pid: 41822
`,
      expect: [{ messageId: 'nodeOom', subcategory: 'node-oom', minConfidence: 0.7 }],
    },
    {
      name: 'exit 137 (Error) with a limit and no probe kill or deletion: probably OOM',
      paste: `\`\`\`
$ kubectl describe po thumbnailer-6b9d7c4f5-8zz2k -n media
Name:             thumbnailer-6b9d7c4f5-8zz2k
Namespace:        media
Status:           Running
Controlled By:    ReplicaSet/thumbnailer-6b9d7c4f5
Containers:
  thumbnailer:
    Image:          registry.gitlab.com/acme/media/thumbnailer:3.8.2
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    137
    Restart Count:  11
    Limits:
      memory:  512Mi
Events:
  Type     Reason   Age                  From     Message
  ----     ------   ----                 ----     -------
  Normal   Started  4m9s (x12 over 58m)  kubelet  Started container thumbnailer
\`\`\`
`,
      expect: [{ messageId: 'probablyOom', subcategory: 'sigkill', minConfidence: 0.5 }],
    },
  ],
});
