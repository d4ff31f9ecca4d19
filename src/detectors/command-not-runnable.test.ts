import { testDetector } from '../testing/detector-tester.js';
import detector from './command-not-runnable.js';

const describeHead = (pod: string, ns: string, container: string, extra: string): string =>
  `$ kubectl describe pod ${pod} -n ${ns}
Name:             ${pod}
Namespace:        ${ns}
Node:             worker-3/10.0.0.13
Status:           Running
Controlled By:    ReplicaSet/${pod.replace(/-[a-z0-9]{5}$/, '')}
Containers:
  ${container}:
${extra}`;

testDetector(detector, {
  healthy: [
    {
      name: 'an application exception after a normal start is not a bad command',
      paste: `$ kubectl logs orders-6d9f8c7b5-k2x9q -n shop --previous
2026-03-01T10:00:00Z INFO orders 3.1.0 starting
2026-03-01T10:00:01Z INFO connected to postgres
2026-03-01T10:00:02Z INFO listening on :8080
panic: runtime error: invalid memory address or nil pointer dereference
[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x9c4e12]
`,
    },
    {
      name: 'a missing config file is missing-config, not a command problem',
      paste: `$ kubectl logs settings-api-5c8d7b9f6-q2w3e -n core --previous
level=info msg="settings-api 1.4.0"
level=fatal msg="failed to load config: open /etc/settings/config.yaml: no such file or directory"
`,
    },
    {
      name: 'exec format error is the architecture, not the command',
      paste: `$ kubectl logs ledger-5f7d9c8b6d-2xkqp -n payments --previous
exec /usr/local/bin/ledger: exec format error
`,
    },
    {
      name: 'a missing npm dependency is not a wrong entry script',
      paste: `$ kubectl logs web-7c8d9f6b5-zx8cv -n web --previous
node:internal/modules/cjs/loader:1228
  throw err;
  ^

Error: Cannot find module 'express'
Require stack:
- /app/server.js
`,
    },
  ],
  failing: [
    {
      name: 'a Java main class that is not in the image',
      paste: `$ kubectl logs billing-7b9c8d6f5-xx2ab -n pay --previous
Error: Could not find or load main class com.acme.billing.Main
Caused by: java.lang.ClassNotFoundException: com.acme.billing.Main
`,
      expect: [
        {
          messageId: 'wrongPath',
          subcategory: 'wrong-path',
          titleIncludes: ['com.acme.billing.Main'],
        },
      ],
    },
    {
      name: 'a whole command line in one list item (StartError 128)',
      paste: describeHead(
        'billing-worker-6c9f8d7b5-xk2lp',
        'billing',
        'worker',
        `    Image:         registry.acme.io/billing/worker:3.4.0
    Command:
      python manage.py run_worker --queue invoices
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       StartError
      Message:      failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "python manage.py run_worker --queue invoices": executable file not found in $PATH: unknown
      Exit Code:    128
    Restart Count:  6
`,
      ),
      expect: [
        {
          messageId: 'oneItem',
          subcategory: 'one-item',
          minConfidence: 0.9,
          titleIncludes: ['python manage.py run_worker --queue invoices'],
        },
      ],
    },
    {
      name: 'args without a command: the first flag is executed',
      paste: `$ kubectl get pod relay-84d5c7f9b8-j6q2s -n obs -o json
{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": { "name": "relay-84d5c7f9b8-j6q2s", "namespace": "obs" },
  "spec": {
    "containers": [
      { "name": "relay", "image": "ghcr.io/acme/relay:0.9.3", "args": ["--listen-address=:9464", "--log-level=info"] }
    ]
  },
  "status": {
    "containerStatuses": [
      {
        "name": "relay",
        "restartCount": 4,
        "state": { "waiting": { "reason": "RunContainerError", "message": "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: \\"--listen-address=:9464\\": executable file not found in $PATH: unknown" } },
        "lastState": { "terminated": { "exitCode": 128, "reason": "StartError" } }
      }
    ]
  }
}
`,
      expect: [{ messageId: 'argsOnly', subcategory: 'args-without-command', minConfidence: 0.9 }],
    },
    {
      name: 'exit 127 from the entrypoint script after a healthy-looking start',
      paste: `$ kubectl logs storefront-5c6d7f8b9-4hjkp -n shop --previous
[entrypoint] running migrations
No migrations to apply.
[entrypoint] starting web server
/app/docker/entrypoint.sh: line 31: gunicorn: command not found

${describeHead(
  'storefront-5c6d7f8b9-4hjkp',
  'shop',
  'web',
  `    Command:
      /app/docker/entrypoint.sh
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    127
    Restart Count:  8
`,
)}`,
      expect: [
        {
          messageId: 'shellNotFound',
          subcategory: 'shell-not-found',
          minConfidence: 0.8,
          titleIncludes: ['gunicorn', '127'],
        },
      ],
    },
    {
      name: 'CRLF script: bash complains about $\\r',
      paste: `$ kubectl logs backup-agent-d8f6b7c59-7mxkq -n tools --previous
/opt/backup/run.sh: line 2: $'\\r': command not found
/opt/backup/run.sh: line 5: $'\\r': command not found
/opt/backup/run.sh: line 9: syntax error near unexpected token \`$'{\\r''
`,
      expect: [{ messageId: 'crlf', subcategory: 'crlf', minConfidence: 0.8 }],
    },
    {
      name: 'entrypoint found but its interpreter is missing (runc >= 1.1 log form)',
      paste: `$ kubectl logs indexer-7b8c9d6f54-qw7zt -n search --previous
exec /usr/local/bin/docker-entrypoint.sh: no such file or directory
`,
      expect: [
        {
          messageId: 'interpreter',
          subcategory: 'interpreter-missing',
          titleIncludes: ['/usr/local/bin/docker-entrypoint.sh'],
        },
      ],
    },
    {
      name: 'python cannot open the script named in args (exit 2)',
      paste: `${describeHead(
        'reports-api-69c8d7b4f5-tz8kd',
        'analytics',
        'api',
        `    Command:
      python
    Args:
      src/reports/server.py
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    2
    Restart Count:  8
`,
      )}
$ kubectl logs reports-api-69c8d7b4f5-tz8kd -n analytics --previous
python: can't open file '/srv/app/src/reports/server.py': [Errno 2] No such file or directory
`,
      expect: [{ messageId: 'wrongPath', subcategory: 'wrong-path', minConfidence: 0.85 }],
    },
    {
      name: 'ConfigMap script without the execute bit (CRI-O CreateContainerError)',
      paste: `${describeHead(
        'ledger-sync-6b9d8c7f5d-wq4rz',
        'accounting',
        'sync',
        `    Command:
      /scripts/entrypoint.sh
    State:          Waiting
      Reason:       CreateContainerError
      Message:      container create failed: time="2026-04-20T10:04:52Z" level=error msg="runc create failed: unable to start container process: exec: \\"/scripts/entrypoint.sh\\": permission denied"
    Restart Count:  0
    Mounts:
      /scripts from scripts (ro)
Volumes:
  scripts:
    Type:      ConfigMap (a volume populated by a ConfigMap)
    Name:      ledger-sync-scripts
    Optional:  false
`,
      )}`,
      expect: [
        {
          messageId: 'notExecutable',
          subcategory: 'not-executable',
          minConfidence: 0.85,
          titleIncludes: ['/scripts/entrypoint.sh'],
        },
      ],
    },
    {
      name: 'busybox sh cannot parse a bash array',
      paste: `$ kubectl logs nightly-export-7cf4d9b8c5-l5vxm -n finance --previous
/bin/sh: syntax error: unexpected "("
`,
      expect: [{ messageId: 'syntax', subcategory: 'shell-syntax' }],
    },
    {
      name: 'a missing script under an emptyDir mount is left to the volume detector',
      paste: `${describeHead(
        'checkout-ui-6c8d7b9f5c-w2rkd',
        'frontend',
        'ui',
        `    Command:
      node
      server.js
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  6
    Mounts:
      /app from cache (rw)
Volumes:
  cache:
    Type:       EmptyDir (a temporary directory that shares a pod's lifetime)
    Medium:
`,
      )}
$ kubectl logs checkout-ui-6c8d7b9f5c-w2rkd -n frontend --previous
Error: Cannot find module '/app/server.js'
`,
      expect: [{ messageId: 'wrongPath', subcategory: 'wrong-path' }],
    },
  ],
});
