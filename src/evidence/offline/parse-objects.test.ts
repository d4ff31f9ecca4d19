/**
 * Tests for the JSON/YAML object parser: every supported kind, lists with per-item origins,
 * multi-document YAML, cut-off and garbage-prefixed JSON, the Secret/ConfigMap data outputs, and
 * above all that no Secret value survives parsing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  ConfigMap,
  Endpoints,
  KEvent,
  KubeObject,
  Node,
  Pod,
  SecretKeys,
  Service,
  Workload,
} from '../types.js';
import type { Block, BlockKind, KubectlCommand, ParsedBlock } from './block.js';
import { mapKubeObject, parseObjects, TRUNCATED_ANNOTATION } from './parse-objects.js';

function block(text: string, kind: BlockKind = 'json', command?: KubectlCommand, from = 3): Block {
  const lines = text.replace(/^\n/, '').replace(/\n$/, '').split('\n');
  const b: Block = { kind, from, to: from + lines.length - 1, lines };
  if (command) b.command = command;
  return b;
}

function run(
  text: string,
  kind: BlockKind = 'json',
  command?: KubectlCommand,
  from = 3,
): ParsedBlock {
  const b = block(text, kind, command, from);
  const parsed = parseObjects(b, 1, { name: 'paste.txt', lines: b.lines });
  if (!parsed) throw new Error('not recognised');
  return parsed;
}

function objects<T extends KubeObject>(parsed: ParsedBlock): T[] {
  return parsed.items.map((i) => i.object as T);
}

function get(text: string, extra: Partial<KubectlCommand>): KubectlCommand {
  return { text, verb: 'get', names: [], flags: {}, ...extra };
}

const POD_JSON = `{
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {
        "name": "quote-svc-5f6d7c8b9a-t4r5e",
        "namespace": "pricing",
        "labels": { "app": "quote-svc", "pod-template-hash": "5f6d7c8b9a" },
        "ownerReferences": [
            { "apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "quote-svc-5f6d7c8b9a", "controller": true, "uid": "9b1d" }
        ],
        "creationTimestamp": "2026-04-02T08:10:00Z",
        "managedFields": [ { "manager": "kube-controller-manager", "operation": "Update" } ]
    },
    "spec": {
        "containers": [
            {
                "name": "quote",
                "image": "registry.acme.test/pricing/quote-svc:4.2.1",
                "command": ["/app/quote"],
                "args": ["--port=9000"],
                "ports": [ { "containerPort": 9000, "protocol": "TCP", "name": "http" } ],
                "env": [
                    { "name": "LOG_LEVEL", "value": "debug" },
                    { "name": "DB_PASSWORD", "valueFrom": { "secretKeyRef": { "name": "quote-db", "key": "password" } } },
                    { "name": "POD_IP", "valueFrom": { "fieldRef": { "fieldPath": "status.podIP" } } }
                ],
                "envFrom": [ { "configMapRef": { "name": "quote-config" } }, { "secretRef": { "name": "quote-extra", "optional": true } } ],
                "resources": { "limits": { "memory": "256Mi", "cpu": 1 }, "requests": { "cpu": "100m" } },
                "livenessProbe": { "httpGet": { "path": "/healthz", "port": "http" }, "periodSeconds": 10, "failureThreshold": 3 },
                "volumeMounts": [ { "name": "tls", "mountPath": "/etc/tls", "readOnly": true } ]
            }
        ],
        "volumes": [
            { "name": "tls", "secret": { "secretName": "quote-tls" } },
            { "name": "kube-api-access-x1", "projected": { "sources": [ { "serviceAccountToken": { "path": "token" } } ] } }
        ],
        "restartPolicy": "Always",
        "nodeName": "worker-3",
        "serviceAccountName": "quote"
    },
    "status": {
        "phase": "Running",
        "podIP": "10.1.4.131",
        "conditions": [ { "type": "Ready", "status": "False", "reason": "ContainersNotReady" } ],
        "containerStatuses": [
            {
                "name": "quote",
                "ready": false,
                "restartCount": 5,
                "image": "registry.acme.test/pricing/quote-svc:4.2.1",
                "state": { "waiting": { "reason": "CrashLoopBackOff", "message": "back-off 2m40s restarting failed container=quote pod=quote-svc-5f6d7c8b9a-t4r5e_pricing(1)" } },
                "lastState": { "terminated": { "exitCode": 2, "reason": "Error", "startedAt": "2026-04-02T08:20:01Z", "finishedAt": "2026-04-02T08:20:02Z" } }
            }
        ]
    }
}`;

describe('single objects', () => {
  it('maps a Pod from -o json field by field', () => {
    const parsed = run(POD_JSON, 'json', get('kubectl get pod x -o json', { output: 'json' }));
    expect(parsed.warnings).toEqual([]);
    expect(parsed.items).toHaveLength(1);
    expect(parsed.items[0]?.origin).toEqual({
      source: 1,
      from: 3,
      to: 3 + POD_JSON.split('\n').length - 1,
    });
    const pod = objects<Pod>(parsed)[0]!;
    expect(pod.metadata).toEqual({
      name: 'quote-svc-5f6d7c8b9a-t4r5e',
      namespace: 'pricing',
      labels: { app: 'quote-svc', 'pod-template-hash': '5f6d7c8b9a' },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'quote-svc-5f6d7c8b9a',
          controller: true,
          uid: '9b1d',
        },
      ],
      creationTimestamp: '2026-04-02T08:10:00Z',
    });
    const c = pod.spec?.containers?.[0];
    expect(c?.env).toEqual([
      { name: 'LOG_LEVEL', value: 'debug' },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'quote-db', key: 'password' } } },
      { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
    ]);
    expect(c?.envFrom).toEqual([
      { configMapRef: { name: 'quote-config' } },
      { secretRef: { name: 'quote-extra', optional: true } },
    ]);
    expect(c?.resources).toEqual({
      limits: { memory: '256Mi', cpu: '1' },
      requests: { cpu: '100m' },
    });
    expect(c?.livenessProbe).toEqual({
      httpGet: { path: '/healthz', port: 'http' },
      periodSeconds: 10,
      failureThreshold: 3,
    });
    expect(pod.spec?.volumes?.[0]).toEqual({ name: 'tls', secret: { secretName: 'quote-tls' } });
    expect(pod.spec?.volumes?.[1]?.projected).toBeDefined();
    expect(pod.status?.containerStatuses?.[0]).toEqual({
      name: 'quote',
      ready: false,
      restartCount: 5,
      image: 'registry.acme.test/pricing/quote-svc:4.2.1',
      state: {
        waiting: {
          reason: 'CrashLoopBackOff',
          message:
            'back-off 2m40s restarting failed container=quote pod=quote-svc-5f6d7c8b9a-t4r5e_pricing(1)',
        },
      },
      lastState: {
        terminated: {
          exitCode: 2,
          reason: 'Error',
          startedAt: '2026-04-02T08:20:01Z',
          finishedAt: '2026-04-02T08:20:02Z',
        },
      },
    });
    // Fields outside the model are not carried over.
    expect(JSON.stringify(pod)).not.toContain('managedFields');
  });

  it('maps a ConfigMap from -o yaml, keeping data and only the keys of binaryData', () => {
    const parsed = run(
      `
apiVersion: v1
kind: ConfigMap
metadata:
  name: quote-config
  namespace: pricing
data:
  LISTEN_PORT: 9000
  FEATURE_FLAGS: "fast-path,new-rounding"
  app.yaml: |
    upstream: http://rates.pricing.svc:8080
    retries: 3
binaryData:
  logo.png: iVBORw0KGgo=
`,
      'yaml',
    );
    expect(objects<ConfigMap>(parsed)).toEqual([
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'quote-config', namespace: 'pricing' },
        data: {
          LISTEN_PORT: '9000',
          FEATURE_FLAGS: 'fast-path,new-rounding',
          'app.yaml': 'upstream: http://rates.pricing.svc:8080\nretries: 3\n',
        },
        binaryDataKeys: ['logo.png'],
      },
    ]);
    expect(JSON.stringify(parsed)).not.toContain('iVBORw0KGgo');
  });

  it.each([
    [
      'Deployment',
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: quote-svc, namespace: pricing, generation: 14, annotations: {deployment.kubernetes.io/revision: "14"}}
spec:
  replicas: 3
  progressDeadlineSeconds: 600
  selector: {matchLabels: {app: quote-svc}}
  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}}
  template:
    metadata: {labels: {app: quote-svc}}
    spec:
      containers: [{name: quote, image: "quote-svc:4.2.1"}]
status:
  observedGeneration: 14
  replicas: 4
  updatedReplicas: 1
  readyReplicas: 3
  availableReplicas: 3
  unavailableReplicas: 1
  conditions:
  - {type: Available, status: "True", reason: MinimumReplicasAvailable}
  - {type: Progressing, status: "False", reason: ProgressDeadlineExceeded, message: ReplicaSet "quote-svc-5f6d7c8b9a" has timed out progressing.}`,
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
          name: 'quote-svc',
          namespace: 'pricing',
          generation: 14,
          annotations: { 'deployment.kubernetes.io/revision': '14' },
        },
        spec: {
          progressDeadlineSeconds: 600,
          replicas: 3,
          selector: { matchLabels: { app: 'quote-svc' } },
          template: {
            metadata: { labels: { app: 'quote-svc' } },
            spec: { containers: [{ name: 'quote', image: 'quote-svc:4.2.1' }] },
          },
          strategy: {
            type: 'RollingUpdate',
            rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 },
          },
        },
        status: {
          observedGeneration: 14,
          replicas: 4,
          updatedReplicas: 1,
          readyReplicas: 3,
          availableReplicas: 3,
          unavailableReplicas: 1,
          conditions: [
            { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
            {
              type: 'Progressing',
              status: 'False',
              reason: 'ProgressDeadlineExceeded',
              message: 'ReplicaSet "quote-svc-5f6d7c8b9a" has timed out progressing.',
            },
          ],
        },
      },
    ],
    [
      'CronJob (pod template lifted from the job template)',
      `apiVersion: batch/v1
kind: CronJob
metadata: {name: ledger-close, namespace: finance}
spec:
  schedule: "5 0 * * *"
  suspend: false
  jobTemplate:
    spec:
      backoffLimit: 2
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: close, image: "ledger-close:1.0"}]`,
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'ledger-close', namespace: 'finance' },
        spec: {
          schedule: '5 0 * * *',
          suspend: false,
          template: {
            spec: {
              restartPolicy: 'OnFailure',
              containers: [{ name: 'close', image: 'ledger-close:1.0' }],
            },
          },
        },
      },
    ],
    [
      'Service',
      `{"apiVersion":"v1","kind":"Service","metadata":{"name":"rates","namespace":"pricing"},"spec":{"type":"ClusterIP","clusterIP":"10.96.4.4","selector":{"app":"rates"},"ports":[{"name":"http","port":8080,"targetPort":"http","protocol":"TCP"}]}}`,
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'rates', namespace: 'pricing' },
        spec: {
          type: 'ClusterIP',
          clusterIP: '10.96.4.4',
          selector: { app: 'rates' },
          ports: [{ name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' }],
        },
      },
    ],
    [
      'Endpoints (ready and not-ready addresses)',
      `{"apiVersion":"v1","kind":"Endpoints","metadata":{"name":"rates","namespace":"pricing"},"subsets":[{"addresses":[{"ip":"10.1.2.3","targetRef":{"kind":"Pod","name":"rates-0"}}],"notReadyAddresses":[{"ip":"10.1.2.4","targetRef":{"kind":"Pod","name":"rates-1"}}],"ports":[{"name":"http","port":8080,"protocol":"TCP"}]}]}`,
      {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'rates', namespace: 'pricing' },
        serviceName: 'rates',
        addresses: [
          { ip: '10.1.2.3', ports: [8080], ready: true, targetPod: 'rates-0' },
          { ip: '10.1.2.4', ports: [8080], ready: false, targetPod: 'rates-1' },
        ],
      },
    ],
    [
      'EndpointSlice',
      `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: rates-7xk2q
  namespace: pricing
  labels: {kubernetes.io/service-name: rates}
addressType: IPv4
ports: [{name: http, port: 8080, protocol: TCP}]
endpoints:
- addresses: ["10.1.2.3"]
  conditions: {ready: true}
  targetRef: {kind: Pod, name: rates-0}
- addresses: ["10.1.2.4"]
  conditions: {ready: false, serving: false}
- addresses: ["10.1.2.5"]`,
      {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'Endpoints',
        metadata: {
          name: 'rates-7xk2q',
          namespace: 'pricing',
          labels: { 'kubernetes.io/service-name': 'rates' },
        },
        serviceName: 'rates',
        addresses: [
          { ip: '10.1.2.3', ports: [8080], ready: true, targetPod: 'rates-0' },
          { ip: '10.1.2.4', ports: [8080], ready: false },
          { ip: '10.1.2.5', ports: [8080], ready: true },
        ],
      },
    ],
    [
      'Node',
      `{"apiVersion":"v1","kind":"Node","metadata":{"name":"worker-3","labels":{"kubernetes.io/os":"linux"}},"spec":{"unschedulable":true,"taints":[{"key":"node.kubernetes.io/unschedulable","effect":"NoSchedule"}]},"status":{"conditions":[{"type":"MemoryPressure","status":"True","reason":"KubeletHasInsufficientMemory"}],"allocatable":{"memory":"7Gi","pods":110},"nodeInfo":{"kubeletVersion":"v1.31.2","containerRuntimeVersion":"containerd://1.7.22","architecture":"amd64","operatingSystem":"linux","osImage":"Bottlerocket"}}}`,
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'worker-3', labels: { 'kubernetes.io/os': 'linux' } },
        spec: {
          taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }],
          unschedulable: true,
        },
        status: {
          conditions: [
            { type: 'MemoryPressure', status: 'True', reason: 'KubeletHasInsufficientMemory' },
          ],
          allocatable: { memory: '7Gi', pods: '110' },
          nodeInfo: {
            architecture: 'amd64',
            operatingSystem: 'linux',
            kubeletVersion: 'v1.31.2',
            containerRuntimeVersion: 'containerd://1.7.22',
          },
        },
      },
    ],
    [
      'core/v1 Event',
      `{"apiVersion":"v1","kind":"Event","metadata":{"name":"quote.17f3","namespace":"pricing"},"involvedObject":{"kind":"Pod","name":"quote-svc-5f6d7c8b9a-t4r5e","namespace":"pricing","fieldPath":"spec.containers{quote}"},"reason":"BackOff","message":"Back-off restarting failed container quote in pod quote-svc-5f6d7c8b9a-t4r5e_pricing(1)","type":"Warning","source":{"component":"kubelet","host":"worker-3"},"count":23,"firstTimestamp":"2026-04-02T08:11:00Z","lastTimestamp":"2026-04-02T08:21:00Z"}`,
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'quote.17f3', namespace: 'pricing' },
        involvedObject: {
          kind: 'Pod',
          name: 'quote-svc-5f6d7c8b9a-t4r5e',
          namespace: 'pricing',
          fieldPath: 'spec.containers{quote}',
        },
        reason: 'BackOff',
        message:
          'Back-off restarting failed container quote in pod quote-svc-5f6d7c8b9a-t4r5e_pricing(1)',
        type: 'Warning',
        source: { component: 'kubelet', host: 'worker-3' },
        count: 23,
        firstTimestamp: '2026-04-02T08:11:00Z',
        lastTimestamp: '2026-04-02T08:21:00Z',
      },
    ],
    [
      'events.k8s.io/v1 Event',
      `apiVersion: events.k8s.io/v1
kind: Event
metadata: {name: quote.18a0, namespace: pricing}
eventTime: "2026-04-02T08:10:01.000000Z"
reportingController: default-scheduler
reportingInstance: default-scheduler-cp-1
action: Scheduling
reason: FailedScheduling
type: Warning
note: "0/3 nodes are available: 3 Insufficient memory."
regarding: {kind: Pod, name: quote-svc-5f6d7c8b9a-zz9y8, namespace: pricing}
series: {count: 4, lastObservedTime: "2026-04-02T08:14:01.000000Z"}`,
      {
        apiVersion: 'events.k8s.io/v1',
        kind: 'Event',
        metadata: { name: 'quote.18a0', namespace: 'pricing' },
        involvedObject: { kind: 'Pod', name: 'quote-svc-5f6d7c8b9a-zz9y8', namespace: 'pricing' },
        reason: 'FailedScheduling',
        message: '0/3 nodes are available: 3 Insufficient memory.',
        type: 'Warning',
        source: { component: 'default-scheduler' },
        count: 4,
        lastTimestamp: '2026-04-02T08:14:01.000000Z',
        eventTime: '2026-04-02T08:10:01.000000Z',
      },
    ],
  ])('maps %s', (_label, text, expected) => {
    const parsed = run(text, text.startsWith('{') ? 'json' : 'yaml');
    expect(parsed.warnings).toEqual([]);
    expect(objects(parsed)).toEqual([expected]);
  });

  it('skips kinds the model does not hold, without warnings', () => {
    const parsed = run(
      `{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"quote"},"spec":{}}`,
    );
    expect(parsed).toEqual({ items: [], logs: [], warnings: [] });
  });

  it('declines JSON and YAML that are not Kubernetes objects', () => {
    for (const text of [
      '{"level":"info","msg":"listening","port":9000}\n{"level":"error","msg":"boom"}',
      'server:\n  port: 9000\n',
      'just some prose: with a colon',
    ]) {
      const b = block(text, 'json');
      expect(parseObjects(b, 0, { name: 'x', lines: b.lines })).toBeUndefined();
    }
  });
});

describe('lists and documents', () => {
  const LIST = `{
    "apiVersion": "v1",
    "items": [
        {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": { "name": "rates-0", "namespace": "pricing" },
            "status": { "phase": "Running" }
        },
        {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": { "name": "rates-1", "namespace": "pricing" },
            "status": { "phase": "Pending" }
        }
    ],
    "kind": "List",
    "metadata": { "resourceVersion": "" }
}`;

  it('gives each item of a JSON List its own line range', () => {
    const parsed = run(LIST, 'json', undefined, 10);
    expect(objects<Pod>(parsed).map((p) => p.metadata.name)).toEqual(['rates-0', 'rates-1']);
    expect(parsed.items.map((i) => i.origin)).toEqual([
      { source: 1, from: 13, to: 18 },
      { source: 1, from: 19, to: 24 },
    ]);
  });

  it('gives each item of a YAML List its own line range', () => {
    const parsed = run(
      `
apiVersion: v1
items:
- apiVersion: v1
  kind: Service
  metadata:
    name: rates
  spec:
    clusterIP: 10.96.4.4
- apiVersion: v1
  kind: Endpoints
  metadata:
    name: rates
  subsets: []
kind: List
metadata:
  resourceVersion: ""
`,
      'yaml',
      undefined,
      1,
    );
    expect(parsed.items.map((i) => [i.object.kind, i.origin.from, i.origin.to])).toEqual([
      ['Service', 3, 8],
      ['Endpoints', 9, 13],
    ]);
  });

  it('reads raw API lists whose items carry no kind (PodList)', () => {
    const parsed = run(
      `{"kind":"PodList","apiVersion":"v1","metadata":{},"items":[{"metadata":{"name":"rates-0"},"status":{"phase":"Running"}}]}`,
    );
    expect(objects<Pod>(parsed)).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'rates-0' },
        status: { phase: 'Running' },
      },
    ]);
  });

  it('reads several YAML documents separated by ---, each with its own origin', () => {
    const parsed = run(
      `
---
apiVersion: v1
kind: ConfigMap
metadata: {name: rates-config, namespace: pricing}
data: {UPSTREAM: "http://fx.pricing.svc"}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: rates, namespace: pricing}
spec:
  replicas: 2
  serviceName: rates
---
# a comment-only document
`,
      'yaml',
      undefined,
      20,
    );
    expect(parsed.items.map((i) => [i.object.kind, i.origin.from, i.origin.to])).toEqual([
      ['ConfigMap', 21, 24],
      ['StatefulSet', 26, 31],
    ]);
    expect((parsed.items[1]?.object as Workload).spec).toEqual({
      replicas: 2,
      serviceName: 'rates',
    });
  });

  it('reads a jq stream of several JSON objects', () => {
    const parsed = run(
      `{"kind":"Pod","apiVersion":"v1","metadata":{"name":"a"}}
{"kind":"Pod","apiVersion":"v1","metadata":{"name":"b"}}`,
    );
    expect(
      parsed.items.map((i) => [(i.object as Pod).metadata.name, i.origin.from, i.origin.to]),
    ).toEqual([
      ['a', 3, 3],
      ['b', 4, 4],
    ]);
  });
});

describe('damaged pastes', () => {
  it('salvages a cut-off JSON List and warns', () => {
    const lines = [
      '{',
      '  "apiVersion": "v1",',
      '  "kind": "List",',
      '  "items": [',
      '    {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "fx-0", "namespace": "pricing"},',
      '     "status": {"phase": "Running", "containerStatuses": [{"name": "fx", "restartCount": 3, "ready": false}]}},',
      '    {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "fx-1", "namespace": "pricing"},',
      '     "status": {"phase": "Running", "containerStatuses": [{"name": "fx", "restartCount": 1',
    ];
    const parsed = run(lines.join('\n'), 'json', undefined, 1);
    const pods = objects<Pod>(parsed);
    expect(pods.map((p) => p.metadata.name)).toEqual(['fx-0', 'fx-1']);
    expect(pods[0]?.status?.containerStatuses?.[0]).toEqual({
      name: 'fx',
      restartCount: 3,
      ready: false,
    });
    // The number at the cut may have lost digits: it is dropped, not guessed.
    expect(pods[1]?.status?.containerStatuses?.[0]).toEqual({ name: 'fx' });
    expect(parsed.items.map((i) => i.origin)).toEqual([
      { source: 1, from: 5, to: 6 },
      { source: 1, from: 7, to: 8 },
    ]);
    expect(parsed.warnings).toEqual([
      'lines 1-8: the JSON is cut off (truncated paste); read what was complete',
    ]);
    // The cut item says so, so its missing fields are not read as facts.
    expect(pods[0]?.metadata.annotations).toBeUndefined();
    expect(pods[1]?.metadata.annotations).toEqual({ [TRUNCATED_ANNOTATION]: 'true' });
  });

  it('leaves out a Secret cut before its data was complete, keeps one cut after it', () => {
    const cutInData = run(
      '{"apiVersion":"v1","kind":"Secret","data":{"host":"ZGIuZng=","pass',
      'json',
      undefined,
      1,
    );
    expect(cutInData.items).toEqual([]);
    expect(cutInData.warnings).toContain(
      'line 1: a Secret cut off before its data was complete was left out (its keys are unknown)',
    );
    const cutLater = run(
      '{"apiVersion":"v1","data":{"host":"ZGIuZng=","password":"c2VjcmV0"},"kind":"Secret","metadata":{"name":"fx-db","namespace":"fx","uid":"12',
    );
    expect(objects(cutLater)).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: {
          name: 'fx-db',
          namespace: 'fx',
          annotations: { [TRUNCATED_ANNOTATION]: 'true' },
        },
        keys: ['host', 'password'],
      },
    ]);
  });

  it('drops a string cut in the middle instead of keeping half of it', () => {
    const parsed = run(
      '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"fx-0"},"spec":{"containers":[{"name":"fx","image":"registry.acme.test/fx:1.',
    );
    const pod = objects<Pod>(parsed)[0];
    expect(pod?.spec?.containers).toEqual([{ name: 'fx' }]);
  });

  it('skips leading garbage lines before the JSON', () => {
    const parsed = run(
      `
W0402 08:30:00.123456   81234 warnings.go:70] metadata.name: this is a warning line
[note] output follows
${POD_JSON}`,
      'json',
      undefined,
      1,
    );
    expect(objects<Pod>(parsed).map((p) => p.metadata.name)).toEqual([
      'quote-svc-5f6d7c8b9a-t4r5e',
    ]);
    expect(parsed.items[0]?.origin.from).toBe(3);
  });

  it('reads what precedes a damaged spot and says where it is', () => {
    const parsed = run(
      `{"kind":"List","apiVersion":"v1","items":[
{"kind":"Pod","apiVersion":"v1","metadata":{"name":"ok-0"}},
... 40 more items ...
]}`,
      'json',
      undefined,
      1,
    );
    expect(objects<Pod>(parsed).map((p) => p.metadata.name)).toEqual(['ok-0']);
    expect(parsed.warnings).toEqual(['line 3: the JSON is damaged here; read what came before it']);
  });

  it('reads what it can of broken YAML and warns', () => {
    const parsed = run(
      `
apiVersion: v1
kind: Pod
metadata:
  name: fx-2
  labels: {app: fx
status:
  phase: Running
`,
      'yaml',
    );
    expect(parsed.warnings.length).toBe(1);
    expect(parsed.warnings[0]).toMatch(/YAML is damaged/);
  });
});

const SECRET_VALUES = [
  'c3VwZXJzZWNyZXQtZGItcGFzc3dvcmQ=',
  'supersecret-db-password',
  'dG9rLTEyMzQ1Njc4OQ==',
  'tok-123456789',
  'plain-string-data-value',
];

describe('Secrets keep keys only', () => {
  const SECRET_JSON = `{
    "apiVersion": "v1",
    "kind": "Secret",
    "type": "Opaque",
    "metadata": {
        "name": "quote-db",
        "namespace": "pricing",
        "labels": { "app": "quote", "leak": "tok-123456789" },
        "annotations": {
            "kubectl.kubernetes.io/last-applied-configuration": "{\\"apiVersion\\":\\"v1\\",\\"data\\":{\\"password\\":\\"c3VwZXJzZWNyZXQtZGItcGFzc3dvcmQ=\\"},\\"kind\\":\\"Secret\\"}\\n",
            "owner": "team-pricing"
        }
    },
    "data": { "password": "c3VwZXJzZWNyZXQtZGItcGFzc3dvcmQ=", "token": "dG9rLTEyMzQ1Njc4OQ==" },
    "stringData": { "dsn": "plain-string-data-value" }
}`;

  it('maps a Secret to its keys, dropping values everywhere', () => {
    const parsed = run(SECRET_JSON);
    expect(objects<SecretKeys>(parsed)).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Secret',
        type: 'Opaque',
        metadata: {
          name: 'quote-db',
          namespace: 'pricing',
          labels: { app: 'quote' },
          annotations: { owner: 'team-pricing' },
        },
        keys: ['password', 'token', 'dsn'],
      },
    ]);
    const all = JSON.stringify(parsed);
    for (const v of SECRET_VALUES) expect(all).not.toContain(v);
  });

  it('drops values of Secrets in YAML lists too', () => {
    const parsed = run(
      `
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Secret
  metadata: {name: quote-db}
  data:
    password: c3VwZXJzZWNyZXQtZGItcGFzc3dvcmQ=
  stringData:
    dsn: plain-string-data-value
`,
      'yaml',
    );
    expect(objects<SecretKeys>(parsed)[0]?.keys).toEqual(['password', 'dsn']);
    const all = JSON.stringify(parsed);
    for (const v of SECRET_VALUES) expect(all).not.toContain(v);
  });

  it('never leaks a value from a Secret cut off at any point', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: SECRET_JSON.length }), (cut) => {
        // Without the contrived label: a label read before the data cannot be checked against
        // values the paste never showed.
        const text = SECRET_JSON.replace(', "leak": "tok-123456789"', '').slice(0, cut);
        if (text.trim() === '') return;
        const b = block(text);
        const parsed = parseObjects(b, 0, { name: 'x', lines: b.lines });
        const all = JSON.stringify(parsed ?? null);
        for (const v of SECRET_VALUES) expect(all).not.toContain(v);
      }),
      { numRuns: 300 },
    );
  });
});

describe('Secret and ConfigMap data outputs (command-aware)', () => {
  const secretCmd = (output: string, pipe?: string): KubectlCommand => {
    const c = get(`kubectl get secret broker-keys -n fx -o ${output}${pipe ? ` | ${pipe}` : ''}`, {
      resource: 'secrets',
      names: ['broker-keys'],
      namespace: 'fx',
      output,
    });
    if (pipe) c.pipe = pipe;
    return c;
  };
  const expected: SecretKeys = {
    kind: 'Secret',
    metadata: { name: 'broker-keys', namespace: 'fx' },
    keys: ['api-key', 'api-secret'],
  };

  it.each([
    [
      "jq 'keys' of jsonpath {.data}",
      '[\n  "api-key",\n  "api-secret"\n]',
      secretCmd('jsonpath={.data}', "jq 'keys'"),
    ],
    [
      'jsonpath {.data} as JSON',
      '{"api-key":"dG9rLTEyMzQ1Njc4OQ==","api-secret":"c3VwZXJzZWNyZXQtZGItcGFzc3dvcmQ="}',
      secretCmd('jsonpath={.data}'),
    ],
    [
      'jsonpath {.data} as a Go map',
      'map[api-key:dG9rLTEyMzQ1Njc4OQ== api-secret:c3VwZXJzZWNyZXQtZGItcGFzc3dvcmQ=]',
      secretCmd('jsonpath={.data}'),
    ],
    ["jq -r '.data | keys[]'", 'api-key\napi-secret', secretCmd('json', "jq -r '.data | keys[]'")],
    [
      "jq '.data' of -o json",
      '{\n  "api-key": "dG9rLTEyMzQ1Njc4OQ==",\n  "api-secret": "c3VwZXJzZWNyZXQtZGItcGFzc3dvcmQ="\n}',
      secretCmd('json', "jq '.data'"),
    ],
  ])('%s → SecretKeys without values', (_label, text, command) => {
    const parsed = run(text, 'unknown', command);
    expect(objects(parsed)).toEqual([expected]);
    expect(parsed.items[0]?.origin).toEqual({
      source: 1,
      from: 3,
      to: 3 + text.split('\n').length - 1,
    });
    const all = JSON.stringify(parsed);
    for (const v of SECRET_VALUES) expect(all).not.toContain(v);
  });

  it('does not mistake `jq keys` of a whole object for data keys', () => {
    const b = block(
      '["apiVersion","data","kind","metadata","type"]',
      'json',
      secretCmd('json', "jq 'keys'"),
    );
    expect(parseObjects(b, 0, { name: 'x', lines: b.lines })).toBeUndefined();
  });

  it('reads ConfigMap data from jsonpath {.data}', () => {
    const command = get("kubectl get cm fx-config -n fx -o jsonpath='{.data}'", {
      resource: 'configmaps',
      names: ['fx-config'],
      namespace: 'fx',
      output: 'jsonpath={.data}',
    });
    expect(objects(run('{"RATE_SOURCE":"ecb","TIMEOUT_MS":"1500"}', 'unknown', command))).toEqual([
      {
        kind: 'ConfigMap',
        metadata: { name: 'fx-config', namespace: 'fx' },
        data: { RATE_SOURCE: 'ecb', TIMEOUT_MS: '1500' },
      },
    ]);
    const goMap = run('map[RATE_SOURCE:ecb TIMEOUT_MS:1500]', 'unknown', command);
    expect((goMap.items[0]?.object as ConfigMap).data).toEqual({
      RATE_SOURCE: 'ecb',
      TIMEOUT_MS: '1500',
    });
    expect(goMap.warnings).toHaveLength(1);
  });
});

describe('mapKubeObject', () => {
  it('returns undefined for non-objects and unknown kinds', () => {
    expect(mapKubeObject('x')).toBeUndefined();
    expect(mapKubeObject({ kind: 'Widget', metadata: {} })).toBeUndefined();
    expect(mapKubeObject({ metadata: { name: 'a' } }, 'Service')).toEqual({
      kind: 'Service',
      metadata: { name: 'a' },
    });
  });

  it('ignores wrongly typed fields instead of passing them on', () => {
    const svc = mapKubeObject({
      kind: 'Service',
      metadata: { name: 7, labels: { a: { nested: true }, b: 'ok' } },
      spec: { ports: [{ port: 'eighty' }, 'junk'], selector: 'app=x' },
    }) as Service;
    expect(svc).toEqual({
      kind: 'Service',
      metadata: { labels: { b: 'ok' } },
      spec: { ports: [{}] },
    });
    const ev = mapKubeObject({ kind: 'Event', involvedObject: 'pod/x' }) as KEvent;
    expect(ev).toEqual({ kind: 'Event', metadata: {}, involvedObject: {} });
    const node = mapKubeObject({
      kind: 'Node',
      metadata: {},
      status: { conditions: [{ status: 'True' }] },
    }) as Node;
    expect(node.status?.conditions).toEqual([]);
    const ep = mapKubeObject({
      kind: 'Endpoints',
      metadata: { name: 'e' },
      subsets: [{ addresses: [{ ip: 1 }] }],
    }) as Endpoints;
    expect(ep.addresses).toEqual([]);
  });
});

describe('robustness', () => {
  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ maxLength: 80 }),
            fc.constantFrom(
              '{',
              '[',
              '"',
              '---',
              'apiVersion: v1',
              'kind: Pod',
              'items:',
              '- a',
              'map[a:b',
              '}',
              ']',
              '\\u12',
            ),
            fc.json(),
          ),
          { minLength: 1, maxLength: 15 },
        ),
        fc.constantFrom<BlockKind>('json', 'yaml', 'unknown'),
        (lines, kind) => {
          const b: Block = { kind, from: 1, to: lines.length, lines };
          const parsed = parseObjects(b, 0, { name: 'x', lines });
          for (const item of parsed?.items ?? []) {
            expect(item.origin.from).toBeGreaterThanOrEqual(1);
            expect(item.origin.to).toBeLessThanOrEqual(lines.length);
            expect(item.origin.from).toBeLessThanOrEqual(item.origin.to);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never throws on valid Kubernetes-shaped JSON with odd values', () => {
    fc.assert(
      fc.property(
        fc.record({
          kind: fc.constantFrom(
            'Pod',
            'Secret',
            'Event',
            'Deployment',
            'EndpointSlice',
            'Node',
            'List',
          ),
          apiVersion: fc.constantFrom('v1', 'events.k8s.io/v1', 'apps/v1'),
          metadata: fc.anything(),
          spec: fc.anything(),
          status: fc.anything(),
          items: fc.anything(),
          data: fc.anything(),
        }),
        (o) => {
          const text = JSON.stringify(o, null, 2);
          const lines = text.split('\n');
          const b: Block = { kind: 'json', from: 1, to: lines.length, lines };
          parseObjects(b, 0, { name: 'x', lines });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('handles deeply nested input without overflowing the stack', () => {
    const deep = `{"kind":"Pod","apiVersion":"v1","metadata":${'['.repeat(100000)}`;
    const b = block(deep);
    expect(() => parseObjects(b, 0, { name: 'x', lines: b.lines })).not.toThrow();
  });
});

describe('object fragments cut at a well-known key', () => {
  const cmd = (resource: string, names: string[], extra: Partial<KubectlCommand> = {}) =>
    ({
      text: `kubectl get ${resource} ${names.join(' ')} -o yaml`,
      verb: 'get',
      resource,
      names,
      flags: {},
      output: 'yaml',
      ...extra,
    }) as KubectlCommand;
  const DEPLOY_SPEC = `
spec:
  replicas: 2
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: registry.example.com/api:2
        env:
        - name: API_KEY
`;
  const summary = (p: ParsedBlock | undefined) =>
    p?.items.map((i) => {
      const o = i.object as Pod | Workload;
      const spec = o.kind === 'Pod' ? (o as Pod).spec : (o as Workload).spec?.template?.spec;
      return {
        kind: o.kind,
        name: o.metadata.name,
        namespace: o.metadata.namespace,
        truncated: o.metadata.annotations?.[TRUNCATED_ANNOTATION],
        containers: spec?.containers?.map(
          (c) => `${c.name}:${(c.env ?? []).map((e) => e.name).join(',')}`,
        ),
        from: i.origin.from,
        to: i.origin.to,
      };
    });

  it.each<[string, string, KubectlCommand | undefined, unknown]>([
    [
      'a Deployment spec with no command (kind from its fields, no name)',
      DEPLOY_SPEC,
      undefined,
      [{ kind: 'Deployment', truncated: 'true', containers: ['api:API_KEY'], from: 3, to: 14 }],
    ],
    [
      'a Deployment spec under get deploy -o yaml (CRLF)',
      DEPLOY_SPEC.trim().replace(/\n/g, '\r\n'),
      cmd('deployments', ['api'], { namespace: 'shop' }),
      [
        {
          kind: 'Deployment',
          name: 'api',
          namespace: 'shop',
          truncated: 'true',
          containers: ['api:API_KEY'],
          from: 3,
          to: 14,
        },
      ],
    ],
    [
      'a StatefulSet spec (serviceName)',
      DEPLOY_SPEC.replace('  replicas: 2', '  serviceName: db'),
      undefined,
      [{ kind: 'StatefulSet', truncated: 'true', containers: ['api:API_KEY'], from: 3, to: 14 }],
    ],
    [
      'a template cut out of a spec',
      DEPLOY_SPEC.replace(/^\nspec:\n {2}replicas: 2\n/, '\n').replace(/^ {2}/gm, ''),
      undefined,
      [{ kind: 'Deployment', truncated: 'true', containers: ['api:API_KEY'], from: 3, to: 12 }],
    ],
    [
      'a pod spec cut at containers:',
      'containers:\n- name: web\n  image: nginx\n  env:\n  - name: A',
      undefined,
      [{ kind: 'Pod', truncated: 'true', containers: ['web:A'], from: 3, to: 7 }],
    ],
    [
      'the env of a named pod container',
      'env:\n- name: A\n  value: "1"',
      cmd('pods', ['web-1'], { container: 'web' }),
      [{ kind: 'Pod', name: 'web-1', truncated: 'true', containers: ['web:A'], from: 3, to: 5 }],
    ],
  ])('reads %s', (_, text, command, expected) => {
    const b = block(text, 'yaml', command);
    const lines = b.lines.map((l) => l.replace(/\r$/, ''));
    expect(summary(parseObjects({ ...b, lines }, 0, { name: 'x', lines }))).toEqual(expected);
  });

  it.each<[string, string, BlockKind, KubectlCommand | undefined]>([
    ['an env list with no command', 'env:\n- name: A\n  value: "1"', 'yaml', undefined],
    ['a fragment under a Service command', DEPLOY_SPEC, 'yaml', cmd('services', ['api'])],
    ['a pod command over a workload spec', 'spec:\n  replicas: 2\n', 'yaml', cmd('pods', ['p'])],
    ['an app config that is not Kubernetes', 'spec:\n  port: 9000\n', 'yaml', undefined],
    ['a fragment in a block not declared YAML', DEPLOY_SPEC, 'json', undefined],
  ])('declines %s', (_, text, kind, command) => {
    const b = block(text, kind, command);
    const parsed = parseObjects(b, 0, { name: 'x', lines: b.lines });
    expect(parsed?.items ?? []).toEqual([]);
  });
});
