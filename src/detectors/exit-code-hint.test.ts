import { testDetector } from '../testing/detector-tester.js';
import detector from './exit-code-hint.js';

testDetector(detector, {
  healthy: [
    {
      name: 'a container that exits 0 gets no exit-code reading (exits-immediately explains it)',
      paste: `$ kubectl describe pod hello-5d7c9f8b6-2mx4p
Name:           hello-5d7c9f8b6-2mx4p
Namespace:      default
Status:         Running
Controlled By:  ReplicaSet/hello-5d7c9f8b6
Containers:
  hello:
    Image:         busybox:1.36
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Completed
      Exit Code:    0
    Restart Count:  6
`,
    },
    {
      name: 'running but not ready (readiness failures): no exit code to read',
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
Events:
  Type     Reason     Age                 From     Message
  ----     ------     ----                ----     -------
  Warning  Unhealthy  12s (x40 over 4m)   kubelet  Readiness probe failed: HTTP probe failed with statuscode: 503
`,
    },
    {
      name: 'a pod that was never scheduled',
      paste: `$ kubectl describe pod ledger-pg-0 -n ledger
Name:             ledger-pg-0
Namespace:        ledger
Status:           Pending
Controlled By:    StatefulSet/ledger-pg
Containers:
  postgres:
    Image:          postgres:16.3
Events:
  Type     Reason            Age                   From               Message
  ----     ------            ----                  ----               -------
  Warning  FailedScheduling  2m10s (x9 over 41m)   default-scheduler  0/6 nodes are available: 6 node(s) didn't find available persistent volumes to bind.
`,
    },
  ],
  failing: [
    {
      name: 'exit 127: the command was not found',
      paste: `$ kubectl describe pod worker-7d8e9f0a1-b2c3d -n jobs
Name:             worker-7d8e9f0a1-b2c3d
Namespace:        jobs
Status:           Running
Controlled By:    ReplicaSet/worker-7d8e9f0a1
Containers:
  worker:
    Image:          python:3.12-slim
    Command:
      sh
      -c
      celery -A tasks worker
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    127
    Restart Count:  5
`,
      expect: [
        {
          messageId: 'code',
          category: 'bad-command',
          subcategory: 'exit-127',
          titleIncludes: ['127', 'not found'],
        },
      ],
    },
    {
      name: 'exit 1 with no logs: the application reported an error',
      paste: `$ kubectl describe pod billing-worker-5c8f7d9b6-xq2lm -n billing
Name:             billing-worker-5c8f7d9b6-xq2lm
Namespace:        billing
Status:           Running
Controlled By:    ReplicaSet/billing-worker-5c8f7d9b6
Containers:
  worker:
    Image:          registry.acme.io/billing-worker:2.0.3
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  4
`,
      expect: [{ messageId: 'code', category: 'app-crash', subcategory: 'exit-1' }],
    },
    {
      name: 'exit 137 with no memory limit and no events (pod JSON)',
      paste: `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": { "name": "sidecar-runner-8f9a0b1c2-d3e4f", "namespace": "ops" },
  "spec": { "containers": [{ "name": "runner", "image": "registry.acme.io/ops/runner:0.3.0" }] },
  "status": {
    "phase": "Running",
    "containerStatuses": [
      {
        "name": "runner",
        "restartCount": 8,
        "state": { "waiting": { "reason": "CrashLoopBackOff" } },
        "lastState": { "terminated": { "exitCode": 137, "reason": "Error" } }
      }
    ]
  }
}
`,
      expect: [{ messageId: 'code', category: 'oom-killed', subcategory: 'exit-137' }],
    },
    {
      name: 'exit 255 (old kubectl, no events)',
      paste: `kubectl describe pod legacy-cron-6a7b8c9d0-e1f2g -n legacy
Name:           legacy-cron-6a7b8c9d0-e1f2g
Namespace:      legacy
Status:         Running
Controlled By:  ReplicaSet/legacy-cron-6a7b8c9d0
Containers:
  cron:
    Image:          harbor.intra/legacy/cron:2019.4
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    255
    Restart Count:  12
`,
      expect: [{ messageId: 'code', category: 'app-crash', subcategory: 'exit-255' }],
    },
    {
      name: 'only a pods table: CrashLoopBackOff with no exit code',
      paste: `$ kubectl get pods -n sessions
NAME                          READY   STATUS             RESTARTS      AGE
session-gw-78c5d9f6b4-4n7vq   0/1     CrashLoopBackOff   5 (33s ago)   4m
`,
      expect: [{ messageId: 'unknown', titleIncludes: ['CrashLoopBackOff'] }],
    },
  ],
});
