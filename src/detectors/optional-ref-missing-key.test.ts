import { testDetector } from '../testing/detector-tester.js';
import detector from './optional-ref-missing-key.js';

const tradeApiPod = (
  optional: boolean,
  key: string,
): string => `$ kubectl get pod trade-api-7b9c6d5f4-p2x8v -n trading -o json
{
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {
        "name": "trade-api-7b9c6d5f4-p2x8v",
        "namespace": "trading",
        "ownerReferences": [
            { "apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "trade-api-7b9c6d5f4", "controller": true }
        ]
    },
    "spec": {
        "containers": [
            {
                "name": "trade-api",
                "image": "ghcr.io/acme/trade-api:2.9.0",
                "env": [
                    { "name": "ASPNETCORE_URLS", "value": "http://+:8080" },
                    { "name": "Broker__ApiKey", "valueFrom": { "secretKeyRef": { "name": "broker-credentials", "key": "${key}", "optional": ${optional} } } }
                ]
            }
        ],
        "restartPolicy": "Always"
    },
    "status": {
        "phase": "Running",
        "containerStatuses": [
            {
                "name": "trade-api",
                "restartCount": 4,
                "state": { "waiting": { "reason": "CrashLoopBackOff" } },
                "lastState": { "terminated": { "exitCode": 134, "reason": "Error" } }
            }
        ]
    }
}
`;

testDetector(detector, {
  healthy: [
    {
      name: 'the optional key exists in the Secret',
      paste: `${tradeApiPod(true, 'broker-api-key')}
$ kubectl get secret broker-credentials -n trading -o jsonpath='{.data}' | jq 'keys'
[
  "broker-api-key"
]
`,
    },
    {
      name: 'a non-optional ref fails at the kubelet instead (config-ref-missing explains it)',
      paste: `${tradeApiPod(false, 'api-key')}
$ kubectl logs trade-api-7b9c6d5f4-p2x8v -n trading --previous
Unhandled exception. System.InvalidOperationException: Broker:ApiKey is not configured
`,
    },
    {
      name: 'an optional ref whose keys are unknown, and the app does not complain',
      paste: `${tradeApiPod(true, 'api-key')}
$ kubectl logs trade-api-7b9c6d5f4-p2x8v -n trading --previous
Unhandled exception. System.NullReferenceException: Object reference not set to an instance of an object.
`,
    },
  ],
  failing: [
    {
      name: 'the optional key was renamed in the Secret and the app says the setting is missing',
      paste: `${tradeApiPod(true, 'api-key')}
$ kubectl logs trade-api-7b9c6d5f4-p2x8v -n trading --previous
Unhandled exception. System.InvalidOperationException: Broker:ApiKey is not configured
   at TradeApi.Program.<Main>$(String[] args) in /src/TradeApi/Program.cs:line 14

$ kubectl get secret broker-credentials -n trading -o jsonpath='{.data}' | jq 'keys'
[
  "broker-api-key"
]
`,
      expect: [
        {
          messageId: 'optionalHid',
          subcategory: 'optional-key-missing',
          minConfidence: 0.9,
          titleIncludes: ['Broker__ApiKey', 'api-key', 'broker-credentials'],
        },
      ],
    },
    {
      name: 'an optional ConfigMap key is absent (no app log in the paste)',
      paste: `$ kubectl get pod notifier-5d6e7f8a9-k3l4m -n notify -o yaml
apiVersion: v1
kind: Pod
metadata:
  name: notifier-5d6e7f8a9-k3l4m
  namespace: notify
spec:
  containers:
  - name: notifier
    image: ghcr.io/acme/notifier:1.7.0
    env:
    - name: SMTP_HOST
      valueFrom:
        configMapKeyRef:
          name: notifier-config
          key: smtp-host
          optional: true
status:
  phase: Running
  containerStatuses:
  - name: notifier
    restartCount: 6
    state:
      waiting:
        reason: CrashLoopBackOff
    lastState:
      terminated:
        exitCode: 1
        reason: Error

$ kubectl get configmap notifier-config -n notify -o yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: notifier-config
  namespace: notify
data:
  smtp-server: mail.internal.acme.io
  smtp-port: "587"
`,
      expect: [
        {
          messageId: 'optionalHid',
          minConfidence: 0.7,
          titleIncludes: ['SMTP_HOST', 'smtp-host', 'notifier-config'],
        },
      ],
    },
    {
      name: "optional ref, the Secret's keys are not pasted, but the app names the env var",
      paste: `$ kubectl get pod mailer-6e7f8a9b0-c1d2e -n notify -o yaml
apiVersion: v1
kind: Pod
metadata:
  name: mailer-6e7f8a9b0-c1d2e
  namespace: notify
spec:
  containers:
  - name: mailer
    image: ghcr.io/acme/mailer:4.0.0
    env:
    - name: SENDGRID_API_KEY
      valueFrom:
        secretKeyRef:
          name: sendgrid
          key: api-key
          optional: true
status:
  phase: Running
  containerStatuses:
  - name: mailer
    restartCount: 3
    state:
      waiting:
        reason: CrashLoopBackOff
    lastState:
      terminated:
        exitCode: 1
        reason: Error

$ kubectl logs mailer-6e7f8a9b0-c1d2e -n notify --previous
Error: Missing required environment variable: SENDGRID_API_KEY
    at requireEnv (/app/dist/config.js:9:11)
`,
      expect: [
        {
          messageId: 'appMissing',
          subcategory: 'optional-key-missing',
          titleIncludes: ['SENDGRID_API_KEY', 'sendgrid'],
        },
      ],
    },
    {
      name: 'describe shows Optional: true and the Secret lacks the key (jq keys)',
      paste: `$ kubectl describe pod ingest-7a8b9c0d1-e2f3g -n telemetry
Name:             ingest-7a8b9c0d1-e2f3g
Namespace:        telemetry
Status:           Running
Controlled By:    ReplicaSet/ingest-7a8b9c0d1
Containers:
  ingest:
    Image:          ghcr.io/acme/ingest:2.0.0
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  5
    Environment:
      CLICKHOUSE_PASSWORD:  <set to the key 'password' in secret 'clickhouse-ingest'>  Optional: true

$ kubectl get secret clickhouse-ingest -n telemetry -o json | jq '.data | keys'
[
  "pass",
  "user"
]
`,
      expect: [{ messageId: 'optionalHid', titleIncludes: ['CLICKHOUSE_PASSWORD', 'password'] }],
    },
  ],
});
