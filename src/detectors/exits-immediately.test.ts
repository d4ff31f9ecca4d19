import { testDetector } from '../testing/detector-tester.js';
import detector from './exits-immediately.js';

testDetector(detector, {
  healthy: [
    {
      name: 'a completed Job pod (restartPolicy Never)',
      paste: `$ kubectl get pod nightly-export-29706480-zq8d2 -n reporting -o yaml
apiVersion: v1
kind: Pod
metadata:
  name: nightly-export-29706480-zq8d2
  namespace: reporting
  ownerReferences:
  - apiVersion: batch/v1
    kind: Job
    name: nightly-export-29706480
    controller: true
spec:
  restartPolicy: Never
  containers:
  - name: export
    image: registry.acme.io/reporting/exporter:3.0.1
    args: ["--date=yesterday"]
status:
  phase: Succeeded
  containerStatuses:
  - name: export
    restartCount: 0
    state:
      terminated:
        exitCode: 0
        reason: Completed
        startedAt: "2026-07-12T00:01:12Z"
        finishedAt: "2026-07-12T00:27:48Z"
`,
    },
    {
      name: 'an init container that completed is normal',
      paste: `$ kubectl describe pod web-5d9f7c8b6-n2m4k -n storefront
Name:             web-5d9f7c8b6-n2m4k
Namespace:        storefront
Status:           Running
Controlled By:    ReplicaSet/web-5d9f7c8b6
Init Containers:
  migrate:
    Image:          acmestore.azurecr.io/storefront/web:2026.06.1
    Command:
      npm
      run
      migrate
    State:          Terminated
      Reason:       Completed
      Exit Code:    0
    Ready:          True
    Restart Count:  0
Containers:
  web:
    Image:          acmestore.azurecr.io/storefront/web:2026.06.1
    State:          Running
      Started:      Thu, 11 Jun 2026 14:30:12 +0000
    Ready:          True
    Restart Count:  0
`,
    },
    {
      name: 'a crash with exit 1 is not a successful exit',
      paste: `$ kubectl get pod hello-5d7c9f8b6-2mx4p
NAME                    READY   STATUS             RESTARTS      AGE
hello-5d7c9f8b6-2mx4p   0/1     CrashLoopBackOff   6 (26s ago)   7m

$ kubectl describe pod hello-5d7c9f8b6-2mx4p
Name:           hello-5d7c9f8b6-2mx4p
Namespace:      default
Status:         Running
Controlled By:  ReplicaSet/hello-5d7c9f8b6
Containers:
  hello:
    Image:         busybox:1.36
    Command:
      sh
      -c
      exit 1
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  6
`,
    },
    {
      name: 'a php:apache image without a command runs its web server (not a bare image)',
      paste: `$ kubectl get pods -n blog
NAME                    READY   STATUS             RESTARTS      AGE
blog-7c9d8b6f5-x2kqm    0/1     CrashLoopBackOff   4 (31s ago)   3m

$ kubectl describe pod blog-7c9d8b6f5-x2kqm -n blog
Name:             blog-7c9d8b6f5-x2kqm
Namespace:        blog
Status:           Running
Controlled By:    ReplicaSet/blog-7c9d8b6f5
Containers:
  blog:
    Image:          php:8.2-apache
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Ready:          False
    Restart Count:  4
`,
    },
    {
      name: 'a .NET server printing "Press Ctrl+C to shut down" and then failing is not waiting for stdin',
      paste: `$ kubectl logs orders-6d8f7c9b5-kq2wz --previous
info: Microsoft.Hosting.Lifetime[0]
      Application started. Press Ctrl+C to shut down.
fail: Orders.Worker[0]
      Unhandled exception in the order pump

$ kubectl get pods
NAME                      READY   STATUS             RESTARTS   AGE
orders-6d8f7c9b5-kq2wz    0/1     CrashLoopBackOff   5          6m
`,
    },
  ],
  failing: [
    {
      name: 'a one-shot export (--once) in a Deployment',
      paste: `$ kubectl describe pod report-exporter-6b8d4f2c9a-kq7wz -n analytics
Name:             report-exporter-6b8d4f2c9a-kq7wz
Namespace:        analytics
Node:             worker-3/192.168.10.23
Status:           Running
Controlled By:    ReplicaSet/report-exporter-6b8d4f2c9a
Containers:
  exporter:
    Image:         registry.example.com/analytics/report-exporter:1.0.4
    Command:
      /bin/sh
      -c
    Args:
      python /app/export.py --once && echo "export finished"
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Completed
      Exit Code:    0
      Started:      Tue, 24 Mar 2026 10:32:15 +0000
      Finished:     Tue, 24 Mar 2026 10:32:19 +0000
    Ready:          False
    Restart Count:  5

$ kubectl logs report-exporter-6b8d4f2c9a-kq7wz -n analytics --previous
exported 412 reports to s3://acme-analytics-exports/2026-03-24/
export finished
`,
      expect: [
        {
          messageId: 'oneShot',
          subcategory: 'one-shot',
          minConfidence: 0.9,
          titleIncludes: ['--once'],
        },
      ],
    },
    {
      name: 'database migrations run by a Deployment',
      paste: `$ kubectl describe pod crm-migrate-7dd9c8b5f-kd2mz -n crm
Name:             crm-migrate-7dd9c8b5f-kd2mz
Namespace:        crm
Status:           Running
Controlled By:    ReplicaSet/crm-migrate-7dd9c8b5f
Containers:
  migrate:
    Image:          registry.acme.io/crm/web:2026.06.29
    Command:
      python
      manage.py
      migrate
      --noinput
    State:          Terminated
      Reason:       Completed
      Exit Code:    0
    Last State:     Terminated
      Reason:       Completed
      Exit Code:    0
    Ready:          False
    Restart Count:  4
`,
      expect: [{ messageId: 'oneShot', titleIncludes: ['migrate'] }],
    },
    {
      name: 'the entrypoint starts daemons with `service ... start` and exits',
      paste: `$ kubectl describe po php-portal-6c8d7f9b5-lr9tb -n legacy
Name:             php-portal-6c8d7f9b5-lr9tb
Namespace:        legacy
Status:           Running
Controlled By:    ReplicaSet/php-portal-6c8d7f9b5
Containers:
  portal:
    Image:          harbor.intra/legacy/php-portal:7.4-2026.06
    Command:
      /bin/sh
      -c
    Args:
      service php7.4-fpm start && service nginx start
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Completed
      Exit Code:    0
    Ready:          False
    Restart Count:  7
`,
      expect: [{ messageId: 'daemon', subcategory: 'daemonizes', minConfidence: 0.8 }],
    },
    {
      name: 'exit 0 from an opaque entrypoint (pod JSON)',
      paste: `$ kubectl get pod feed-importer-6d9b8c7f5-wbz4n -n catalog -o json
{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {
    "name": "feed-importer-6d9b8c7f5-wbz4n",
    "namespace": "catalog",
    "ownerReferences": [{ "apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "feed-importer-6d9b8c7f5", "controller": true }]
  },
  "spec": {
    "containers": [{ "name": "importer", "image": "ghcr.io/acme/feed-importer:0.9.2", "command": ["/usr/local/bin/entrypoint.sh"] }],
    "restartPolicy": "Always"
  },
  "status": {
    "phase": "Running",
    "containerStatuses": [
      {
        "name": "importer",
        "restartCount": 6,
        "state": { "waiting": { "reason": "CrashLoopBackOff", "message": "back-off 2m40s restarting failed container=importer pod=feed-importer-6d9b8c7f5-wbz4n_catalog(a0c2e4b6-d8f0-4a2c-8e6b-d8f0a2c4e6b8)" } },
        "lastState": { "terminated": { "exitCode": 0, "reason": "Completed", "startedAt": "2026-07-01T06:15:47Z", "finishedAt": "2026-07-01T06:15:49Z" } }
      }
    ]
  }
}
`,
      expect: [{ messageId: 'completed', subcategory: 'completes', minConfidence: 0.8 }],
    },
    {
      name: 'a console service that waits for Enter exits at once without stdin (no exit code pasted)',
      paste: `$ kubectl logs -p quotes-svc-wjmpv
Listening on http://127.0.0.1:3000
Press enter to exit

$ kubectl get pods
NAME               READY     STATUS             RESTARTS   AGE
quotes-svc-wjmpv   0/1       CrashLoopBackOff   9          25m
`,
      expect: [{ messageId: 'stdin', subcategory: 'waits-for-stdin', minConfidence: 0.7 }],
    },
    {
      name: 'a bare python base image with no command (Deployment YAML and a get-pods row)',
      paste: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: py-sandbox
spec:
  replicas: 1
  selector:
    matchLabels:
      app: py-sandbox
  template:
    metadata:
      labels:
        app: py-sandbox
    spec:
      containers:
      - name: py-sandbox
        image: python:3.11-slim

$ kubectl get pods
NAME                          READY   STATUS             RESTARTS      AGE
py-sandbox-5f7d8c9b6-tk2x9    0/1     CrashLoopBackOff   5 (87s ago)   4m12s
`,
      expect: [{ messageId: 'bareImage', subcategory: 'no-command', minConfidence: 0.6 }],
    },
    {
      name: 'a bare OS image with no command that completes',
      paste: `Name:         rocky-test-7d4b9c8f6d-w4qhj
Namespace:    default
Status:       Running
Controlled By:  ReplicaSet/rocky-test-7d4b9c8f6d
Containers:
  rocky-test:
    Image:          rockylinux:9
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Completed
      Exit Code:    0
      Started:      Wed, 14 Jul 2021 19:52:22 +0000
      Finished:     Wed, 14 Jul 2021 19:52:22 +0000
    Ready:          False
    Restart Count:  6
`,
      expect: [{ messageId: 'bareImage', subcategory: 'no-command', minConfidence: 0.9 }],
    },
  ],
});
