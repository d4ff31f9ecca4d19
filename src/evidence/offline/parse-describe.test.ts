import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Item, KEvent, KubeObject, Node, Pod, SourceDoc, Workload } from '../types.js';
import type { Block, BlockKind, KubectlCommand } from './block.js';
import { collectOffline } from './collect.js';
import {
  parseDescribe,
  parseEnvValue,
  parseEventAge,
  parseMount,
  parseProbe,
  parseToleration,
} from './parse-describe.js';

/** Drop the first newline of a template literal so fixtures can start on their own line. */
const text = (s: string): string => s.replace(/^\n/, '').replace(/\n$/, '');

interface RunOptions {
  from?: number;
  kind?: BlockKind;
  command?: Partial<KubectlCommand>;
}

function run(input: string, opts: RunOptions = {}) {
  const lines = input.split('\n');
  const from = opts.from ?? 1;
  const block: Block = {
    kind: opts.kind ?? 'describe',
    from,
    to: from + lines.length - 1,
    lines,
    ...(opts.command ? { command: { text: '', names: [], flags: {}, ...opts.command } } : {}),
  };
  const source: SourceDoc = {
    name: 'paste.txt',
    lines: [...Array<string>(from - 1).fill(''), ...lines],
  };
  return parseDescribe(block, 0, source);
}

function mustRun(input: string, opts: RunOptions = {}) {
  const parsed = run(input, opts);
  if (!parsed) throw new Error('parser declined the block');
  return parsed;
}

function objectsOf<K extends KubeObject['kind']>(
  items: Item[],
  kind: K,
): Item<Extract<KubeObject, { kind: K }>>[] {
  return items.filter((i) => i.object.kind === kind) as Item<Extract<KubeObject, { kind: K }>>[];
}

const eventsOf = (items: Item[]): Item<KEvent>[] => objectsOf(items, 'Event');

/** 1-based line number of the first fixture line containing `needle`. */
function lineOf(input: string, needle: string, from = 1): number {
  const i = input.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`fixture has no line with ${needle}`);
  return from + i;
}

// -----------------------------------------------------------------------------------------------
// Fixtures (written for these tests; names and values are made up)

const FULL_POD = text(`
Name:                 orders-api-7c9d5f6b8-x4k7p
Namespace:            commerce
Priority:             1000
Priority Class Name:  commerce-high
Service Account:      orders-api
Node:                 gke-prod-east-pool-1-a1b2c3d4-9xkq/10.128.0.57
Start Time:           Tue, 17 Mar 2026 07:58:12 +0000
Labels:               app.kubernetes.io/name=orders-api
                      app.kubernetes.io/version=4.2.0
                      pod-template-hash=7c9d5f6b8
Annotations:          kubectl.kubernetes.io/restartedAt: 2026-03-17T07:58:00Z
                      prometheus.io/port: 9102
                      prometheus.io/scrape: true
Status:               Running
IP:                   10.60.3.114
IPs:
  IP:           10.60.3.114
Controlled By:  ReplicaSet/orders-api-7c9d5f6b8
Init Containers:
  wait-for-db:
    Container ID:  containerd://0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9
    Image:         busybox:1.36
    Image ID:      docker.io/library/busybox@sha256:5eef5ed34e1e1ff0a4ae850395cbf665c4de6b4b83a32a0bc7bcb998e24e7bbb
    Port:          <none>
    Host Port:     <none>
    Command:
      sh
      -c
      until nc -z orders-db 5432; do sleep 2; done
    State:          Terminated
      Reason:       Completed
      Exit Code:    0
      Started:      Tue, 17 Mar 2026 07:58:14 +0000
      Finished:     Tue, 17 Mar 2026 07:58:20 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-q8d2n (ro)
Containers:
  orders-api:
    Container ID:   containerd://7f3e9a1c5b2d4e6f8a0c1e3b5d7f9a2c4e6b8d0f1a3c5e7b9d2f4a6c8e0b1d3f
    Image:          ghcr.io/acme-shop/orders-api:4.2.0
    Image ID:       ghcr.io/acme-shop/orders-api@sha256:3c5e7b9d2f4a6c8e0b1d3f5a7c9e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f2a4c6e
    Ports:          8080/TCP (http), 8443/TCP (https)
    Host Ports:     0/TCP (http), 0/TCP (https)
    Args:
      --config=/etc/orders/config.yaml
      --log-format=json
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       OOMKilled
      Exit Code:    137
      Started:      Tue, 17 Mar 2026 08:41:03 +0000
      Finished:     Tue, 17 Mar 2026 08:42:47 +0000
    Ready:          False
    Restart Count:  11
    Limits:
      cpu:     1
      memory:  768Mi
    Requests:
      cpu:      250m
      memory:   512Mi
    Liveness:   http-get http://:8080/healthz delay=15s timeout=2s period=10s #success=1 #failure=3
    Readiness:  http-get https://:https/ready delay=5s timeout=1s period=5s #success=1 #failure=6
    Startup:    exec [cat /tmp/started] delay=0s timeout=1s period=5s #success=1 #failure=30
    Environment Variables from:
      orders-api-config  ConfigMap                 Optional: false
      orders-db-creds    Secret with prefix 'DB_'  Optional: true
    Environment:
      JAVA_TOOL_OPTIONS:  -XX:MaxRAMPercentage=75
      PAYMENT_API_KEY:    <set to the key 'api-key' in secret 'payment-gateway'>  Optional: false
      FEATURE_FLAGS:      <set to the key 'flags' of config map 'orders-flags'>  Optional: true
      POD_NAME:           orders-api-7c9d5f6b8-x4k7p (v1:metadata.name)
      MEMORY_LIMIT:       805306368 (limits.memory)
      BANNER:             Welcome to
                          Acme Orders
    Mounts:
      /data from orders-data (rw)
      /etc/orders from config (ro)
      /etc/orders/tls.crt from tls (ro,path="tls.crt")
      /var/cache/orders from cache (rw)
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-q8d2n (ro)
  metrics-sidecar:
    Container ID:   containerd://9c2d4f6a8b0c1e3d5f7a9b2c4d6e8f0a1b3c5d7e9f2a4b6c8d0e1f3a5b7c9d2e
    Image:          quay.io/prometheus/statsd-exporter:v0.26.1
    Image ID:       quay.io/prometheus/statsd-exporter@sha256:0a2c4e6b8d1f3a5c7e9b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f2a4c
    Port:           9102/TCP
    Host Port:      0/TCP
    State:          Running
      Started:      Tue, 17 Mar 2026 07:58:22 +0000
    Ready:          True
    Restart Count:  0
    Liveness:       tcp-socket :9102 delay=10s timeout=1s period=20s #success=1 #failure=3
    Readiness:      grpc <pod>:9103  delay=0s timeout=1s period=10s #success=1 #failure=3
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-q8d2n (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       False 
  ContainersReady             False 
  PodScheduled                True 
Volumes:
  config:
    Type:      ConfigMap (a volume populated by a ConfigMap)
    Name:      orders-api-config
    Optional:  false
  tls:
    Type:        Secret (a volume populated by a Secret)
    SecretName:  orders-tls
    Optional:    false
  orders-data:
    Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)
    ClaimName:  orders-data-pvc
    ReadOnly:   false
  cache:
    Type:       EmptyDir (a temporary directory that shares a pod's lifetime)
    Medium:     Memory
    SizeLimit:  256Mi
  host-logs:
    Type:          HostPath (bare host directory volume)
    Path:          /var/log/orders
    HostPathType:  DirectoryOrCreate
  kube-api-access-q8d2n:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    ConfigMapOptional:       <nil>
    DownwardAPI:             true
QoS Class:                   Burstable
Node-Selectors:              cloud.google.com/gke-nodepool=pool-1
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
                             workload=commerce:NoSchedule
Events:
  Type     Reason     Age                  From               Message
  ----     ------     ----                 ----               -------
  Normal   Scheduled  45m                  default-scheduler  Successfully assigned commerce/orders-api-7c9d5f6b8-x4k7p to gke-prod-east-pool-1-a1b2c3d4-9xkq
  Normal   Pulled     45m                  kubelet            Container image "busybox:1.36" already present on machine
  Normal   Pulled     4m7s (x12 over 45m)  kubelet            Container image "ghcr.io/acme-shop/orders-api:4.2.0" already present on machine
  Warning  Unhealthy  3m2s (x9 over 40m)   kubelet            Readiness probe failed: Get "https://10.60.3.114:8443/ready": dial tcp 10.60.3.114:8443: connect: connection refused
  Warning  BackOff    38s (x187 over 44m)  kubelet            Back-off restarting failed container orders-api in pod orders-api-7c9d5f6b8-x4k7p_commerce(5e1f9a3c-2b7d-4c8e-a6f0-1d3b5c7e9a2f)
`);

const PENDING_POD = text(`
Name:             batch-ingest-84f9c6d7b5-vm2tq
Namespace:        data-platform
Priority:         0
Service Account:  default
Node:             <none>
Labels:           app=batch-ingest
                  pod-template-hash=84f9c6d7b5
Annotations:      <none>
Status:           Pending
IP:
IPs:              <none>
Controlled By:    ReplicaSet/batch-ingest-84f9c6d7b5
Containers:
  ingest:
    Image:      registry.example.org/data/ingest:0.9.1
    Port:       <none>
    Host Port:  <none>
    Requests:
      cpu:        6
      memory:     48Gi
    Environment:  <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-7tq9z (ro)
Conditions:
  Type           Status
  PodScheduled   False 
Volumes:
  kube-api-access-7tq9z:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    ConfigMapOptional:       <nil>
    DownwardAPI:             true
QoS Class:                   Burstable
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type     Reason            Age                 From               Message
  ----     ------            ----                ----               -------
  Warning  FailedScheduling  9m17s               default-scheduler  0/5 nodes are available: 2 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient memory. preemption: 0/5 nodes are available: 2 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.
  Warning  FailedScheduling  2m4s (x2 over 7m)   default-scheduler  0/5 nodes are available: 2 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu, 3 Insufficient memory. preemption: 0/5 nodes are available: 2 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.
`);

const EVICTED_POD = text(`
Name:             report-builder-6d4f8b9c7-2lmnx
Namespace:        analytics
Priority:         0
Service Account:  report-builder
Node:             ip-172-20-41-9.eu-west-1.compute.internal/
Start Time:       Fri, 13 Mar 2026 22:10:05 +0000
Labels:           app=report-builder
                  pod-template-hash=6d4f8b9c7
Annotations:      <none>
Status:           Failed
Reason:           Evicted
Message:          The node was low on resource: memory. Threshold quantity: 100Mi, available: 91232Ki. Container builder was using 2874120Ki, request is 1Gi, has larger consumption of memory. 
IP:               10.20.41.77
IPs:
  IP:           10.20.41.77
Controlled By:  ReplicaSet/report-builder-6d4f8b9c7
Containers:
  builder:
    Container ID:   
    Image:          registry.gitlab.com/acme/report-builder:2026.3.1
    Image ID:       
    Port:           <none>
    Host Port:      <none>
    State:          Terminated
      Reason:       ContainerStatusUnknown
      Message:      The container could not be located when the pod was terminated
      Exit Code:    137
      Started:      Mon, 01 Jan 0001 00:00:00 +0000
      Finished:     Mon, 01 Jan 0001 00:00:00 +0000
    Ready:          False
    Restart Count:  0
    Requests:
      memory:   1Gi
    Environment:  <none>
    Mounts:       <none>
Conditions:
  Type                        Status
  DisruptionTarget            True 
  PodReadyToStartContainers   False 
  Initialized                 True 
  Ready                       False 
  ContainersReady             False 
  PodScheduled                True 
Volumes:                      <none>
QoS Class:                    Burstable
Node-Selectors:               <none>
Tolerations:                  node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                              node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type     Reason               Age   From     Message
  ----     ------               ----  ----     -------
  Warning  Evicted              18m   kubelet  The node was low on resource: memory. Threshold quantity: 100Mi, available: 91232Ki. Container builder was using 2874120Ki, request is 1Gi, has larger consumption of memory.
  Normal   Killing              18m   kubelet  Stopping container builder
  Warning  ExceededGracePeriod  17m   kubelet  Container runtime did not kill the pod within specified grace period.
`);

const DEPLOYMENT = text(`
Name:                   payments-gateway
Namespace:              payments
CreationTimestamp:      Wed, 04 Feb 2026 16:20:44 +0000
Labels:                 app=payments-gateway
                        team=payments
Annotations:            deployment.kubernetes.io/revision: 12
                        kubernetes.io/change-cause: image bump to 3.8.0
Selector:               app=payments-gateway
Replicas:               4 desired | 2 updated | 5 total | 3 available | 2 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        10
RollingUpdateStrategy:  25% max unavailable, 1 max surge
Pod Template:
  Labels:           app=payments-gateway
  Annotations:      kubectl.kubernetes.io/restartedAt: 2026-03-18T09:12:00Z
  Service Account:  payments-gateway
  Containers:
   gateway:
    Image:      ghcr.io/acme/payments-gateway:3.8.0
    Port:       8443/TCP
    Host Port:  0/TCP
    Limits:
      memory:  1Gi
    Requests:
      cpu:        500m
      memory:     1Gi
    Liveness:     http-get https://:8443/livez delay=20s timeout=3s period=10s #success=1 #failure=3
    Environment:
      STRIPE_API_KEY:  <set to the key 'stripe-key' in secret 'payments-secrets'>  Optional: false
      REGION:          eu-west-1
    Mounts:
      /etc/gateway from gateway-config (ro)
  Volumes:
   gateway-config:
    Type:          ConfigMap (a volume populated by a ConfigMap)
    Name:          payments-gateway-config
    Optional:      false
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    False   ProgressDeadlineExceeded
OldReplicaSets:  payments-gateway-59c8d7f6b4 (3/3 replicas created)
NewReplicaSet:   payments-gateway-7d6c5b4a39 (2/2 replicas created)
Events:
  Type    Reason             Age   From                   Message
  ----    ------             ----  ----                   -------
  Normal  ScalingReplicaSet  31m   deployment-controller  Scaled up replica set payments-gateway-7d6c5b4a39 to 1
  Normal  ScalingReplicaSet  31m   deployment-controller  Scaled down replica set payments-gateway-59c8d7f6b4 to 3 from 4
  Normal  ScalingReplicaSet  30m   deployment-controller  Scaled up replica set payments-gateway-7d6c5b4a39 to 2 from 1
`);

const NODE = text(`
Name:               aks-userpool-28461937-vmss000004
Roles:              <none>
Labels:             agentpool=userpool
                    beta.kubernetes.io/arch=amd64
                    kubernetes.io/arch=amd64
                    kubernetes.io/hostname=aks-userpool-28461937-vmss000004
                    kubernetes.io/os=linux
                    node.kubernetes.io/instance-type=Standard_D4s_v5
Annotations:        node.alpha.kubernetes.io/ttl: 0
                    volumes.kubernetes.io/controller-managed-attach-detach: true
CreationTimestamp:  Mon, 02 Mar 2026 06:14:51 +0000
Taints:             node.kubernetes.io/memory-pressure:NoSchedule
                    dedicated=batch:NoExecute
Unschedulable:      false
Lease:
  HolderIdentity:  aks-userpool-28461937-vmss000004
  AcquireTime:     <unset>
  RenewTime:       Thu, 19 Mar 2026 11:02:40 +0000
Conditions:
  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                          Message
  ----             ------  -----------------                 ------------------                ------                          -------
  MemoryPressure   True    Thu, 19 Mar 2026 11:02:31 +0000   Thu, 19 Mar 2026 10:47:05 +0000   KubeletHasInsufficientMemory    kubelet has insufficient memory available
  DiskPressure     False   Thu, 19 Mar 2026 11:02:31 +0000   Mon, 02 Mar 2026 06:14:51 +0000   KubeletHasNoDiskPressure        kubelet has no disk pressure
  PIDPressure      False   Thu, 19 Mar 2026 11:02:31 +0000   Mon, 02 Mar 2026 06:14:51 +0000   KubeletHasSufficientPID         kubelet has sufficient PID available
  Ready            True    Thu, 19 Mar 2026 11:02:31 +0000   Mon, 02 Mar 2026 06:15:22 +0000   KubeletReady                    kubelet is posting ready status
Addresses:
  InternalIP:  10.224.0.9
  Hostname:    aks-userpool-28461937-vmss000004
Capacity:
  cpu:                4
  ephemeral-storage:  129886128Ki
  memory:             16375520Ki
  pods:               110
Allocatable:
  cpu:                3860m
  ephemeral-storage:  119703055367
  memory:             12732640Ki
  pods:               110
System Info:
  Machine ID:                 5f1c2a9e8b7d4c3a9e1f0b2d4c6a8e0f
  System UUID:                8d2e4f6a-0b1c-4d3e-9f5a-7b9c1d3e5f7a
  Boot ID:                    c0e2a4b6-d8f0-4a1c-8e3b-5d7f9a1c3e5b
  Kernel Version:             5.15.0-1079-azure
  OS Image:                   Ubuntu 22.04.5 LTS
  Operating System:           linux
  Architecture:               amd64
  Container Runtime Version:  containerd://1.7.25-1
  Kubelet Version:            v1.30.9
  Kube-Proxy Version:         v1.30.9
PodCIDR:                      10.244.4.0/24
PodCIDRs:                     10.244.4.0/24
ProviderID:                   azure:///subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/mc_rg/providers/Microsoft.Compute/virtualMachineScaleSets/aks-userpool-28461937-vmss/virtualMachines/4
Non-terminated Pods:          (3 in total)
  Namespace                   Name                          CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------                   ----                          ------------  ----------  ---------------  -------------  ---
  batch                       nightly-etl-29054160-h7k2m    2 (51%)       0 (0%)      8Gi (65%)        10Gi (82%)     58m
  kube-system                 azure-ip-masq-agent-x2vbn     100m (2%)     500m (12%)  50Mi (0%)        250Mi (2%)     17d
  kube-system                 kube-proxy-9fjzq              100m (2%)     0 (0%)      0 (0%)           0 (0%)         17d
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests      Limits
  --------           --------      ------
  cpu                2200m (56%)   500m (12%)
  memory             8242Mi (66%)  10490Mi (84%)
Events:
  Type     Reason                     Age                From     Message
  ----     ------                     ----               ----     -------
  Warning  EvictionThresholdMet       16m                kubelet  Attempting to reclaim memory
  Normal   NodeHasInsufficientMemory  16m (x2 over 16m)  kubelet  Node aks-userpool-28461937-vmss000004 status is now: NodeHasInsufficientMemory
  Warning  SystemOOM                  15m                kubelet  System OOM encountered, victim process: java, pid: 48213
`);

// -----------------------------------------------------------------------------------------------

describe('parseDescribe: full pod', () => {
  const parsed = mustRun(FULL_POD, { from: 40 });
  const fixtureAt40 = (needle: string): number => lineOf(FULL_POD, needle, 40);
  const podItem = objectsOf(parsed.items, 'Pod')[0] as Item<Pod>;
  const pod = podItem.object;
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const [ordersApi, sidecar] = spec.containers ?? [];
  const [ordersStatus, sidecarStatus] = status.containerStatuses ?? [];

  it('gives one Pod whose origin is the whole block, then one Event per row', () => {
    expect(parsed.items[0]?.object.kind).toBe('Pod');
    expect(podItem.origin).toEqual({
      source: 0,
      from: 40,
      to: 40 + FULL_POD.split('\n').length - 1,
    });
    expect(eventsOf(parsed.items)).toHaveLength(5);
    expect(parsed.warnings).toEqual([]);
  });

  it('reads metadata', () => {
    expect(pod.metadata).toEqual({
      name: 'orders-api-7c9d5f6b8-x4k7p',
      namespace: 'commerce',
      labels: {
        'app.kubernetes.io/name': 'orders-api',
        'app.kubernetes.io/version': '4.2.0',
        'pod-template-hash': '7c9d5f6b8',
      },
      annotations: {
        'kubectl.kubernetes.io/restartedAt': '2026-03-17T07:58:00Z',
        'prometheus.io/port': '9102',
        'prometheus.io/scrape': 'true',
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'orders-api-7c9d5f6b8',
          controller: true,
        },
      ],
      creationTimestamp: '2026-03-17T07:58:12.000Z',
    });
  });

  it('reads pod-level spec and status', () => {
    expect(spec.nodeName).toBe('gke-prod-east-pool-1-a1b2c3d4-9xkq');
    expect(spec.priorityClassName).toBe('commerce-high');
    expect(spec.serviceAccountName).toBe('orders-api');
    expect(spec.nodeSelector).toEqual({ 'cloud.google.com/gke-nodepool': 'pool-1' });
    expect(spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', operator: 'Exists' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', operator: 'Exists' },
      { key: 'workload', value: 'commerce', effect: 'NoSchedule', operator: 'Equal' },
    ]);
    expect(status).toMatchObject({
      phase: 'Running',
      podIP: '10.60.3.114',
      hostIP: '10.128.0.57',
      startTime: '2026-03-17T07:58:12.000Z',
      qosClass: 'Burstable',
    });
    expect(status.conditions).toEqual([
      { type: 'PodReadyToStartContainers', status: 'True' },
      { type: 'Initialized', status: 'True' },
      { type: 'Ready', status: 'False' },
      { type: 'ContainersReady', status: 'False' },
      { type: 'PodScheduled', status: 'True' },
    ]);
  });

  it('reads the init container and its terminated state', () => {
    expect(spec.initContainers).toEqual([
      {
        name: 'wait-for-db',
        image: 'busybox:1.36',
        command: ['sh', '-c', 'until nc -z orders-db 5432; do sleep 2; done'],
        volumeMounts: [
          {
            mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
            name: 'kube-api-access-q8d2n',
            readOnly: true,
          },
        ],
      },
    ]);
    expect(status.initContainerStatuses?.[0]).toMatchObject({
      name: 'wait-for-db',
      image: 'busybox:1.36',
      ready: true,
      restartCount: 0,
      state: {
        terminated: {
          reason: 'Completed',
          exitCode: 0,
          startedAt: '2026-03-17T07:58:14.000Z',
          finishedAt: '2026-03-17T07:58:20.000Z',
        },
      },
    });
  });

  it('reads both containers in order with ports, args and resources', () => {
    expect(spec.containers?.map((c) => c.name)).toEqual(['orders-api', 'metrics-sidecar']);
    expect(ordersApi?.image).toBe('ghcr.io/acme-shop/orders-api:4.2.0');
    expect(ordersApi?.ports).toEqual([
      { containerPort: 8080, protocol: 'TCP', name: 'http' },
      { containerPort: 8443, protocol: 'TCP', name: 'https' },
    ]);
    expect(ordersApi?.args).toEqual(['--config=/etc/orders/config.yaml', '--log-format=json']);
    expect(ordersApi?.resources).toEqual({
      limits: { cpu: '1', memory: '768Mi' },
      requests: { cpu: '250m', memory: '512Mi' },
    });
    expect(sidecar?.ports).toEqual([{ containerPort: 9102, protocol: 'TCP' }]);
  });

  it('reads probes of every kind', () => {
    expect(ordersApi?.livenessProbe).toEqual({
      httpGet: { scheme: 'HTTP', port: 8080, path: '/healthz' },
      initialDelaySeconds: 15,
      timeoutSeconds: 2,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(ordersApi?.readinessProbe?.httpGet).toEqual({
      scheme: 'HTTPS',
      port: 'https',
      path: '/ready',
    });
    expect(ordersApi?.startupProbe).toMatchObject({
      exec: { command: ['cat', '/tmp/started'] },
      failureThreshold: 30,
    });
    expect(sidecar?.livenessProbe).toMatchObject({ tcpSocket: { port: 9102 }, periodSeconds: 20 });
    expect(sidecar?.readinessProbe).toMatchObject({ grpc: { port: 9103 }, initialDelaySeconds: 0 });
  });

  it('reads env, secret and config map references, field refs and envFrom', () => {
    expect(ordersApi?.env).toEqual([
      { name: 'JAVA_TOOL_OPTIONS', value: '-XX:MaxRAMPercentage=75' },
      {
        name: 'PAYMENT_API_KEY',
        valueFrom: { secretKeyRef: { name: 'payment-gateway', key: 'api-key', optional: false } },
      },
      {
        name: 'FEATURE_FLAGS',
        valueFrom: { configMapKeyRef: { name: 'orders-flags', key: 'flags', optional: true } },
      },
      {
        name: 'POD_NAME',
        value: 'orders-api-7c9d5f6b8-x4k7p',
        valueFrom: { fieldRef: { fieldPath: 'metadata.name' } },
      },
      {
        name: 'MEMORY_LIMIT',
        value: '805306368',
        valueFrom: { resourceFieldRef: { resource: 'limits.memory' } },
      },
      { name: 'BANNER', value: 'Welcome to\nAcme Orders' },
    ]);
    expect(ordersApi?.envFrom).toEqual([
      { configMapRef: { name: 'orders-api-config', optional: false } },
      { secretRef: { name: 'orders-db-creds', optional: true }, prefix: 'DB_' },
    ]);
    expect(sidecar?.env).toBeUndefined();
  });

  it('reads volume mounts with read-only flags and subPath', () => {
    expect(ordersApi?.volumeMounts).toEqual([
      { mountPath: '/data', name: 'orders-data', readOnly: false },
      { mountPath: '/etc/orders', name: 'config', readOnly: true },
      { mountPath: '/etc/orders/tls.crt', name: 'tls', readOnly: true, subPath: 'tls.crt' },
      { mountPath: '/var/cache/orders', name: 'cache', readOnly: false },
      {
        mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
        name: 'kube-api-access-q8d2n',
        readOnly: true,
      },
    ]);
  });

  it('reads CrashLoopBackOff with an OOMKilled last state, and a running sidecar', () => {
    expect(ordersStatus).toEqual({
      name: 'orders-api',
      image: 'ghcr.io/acme-shop/orders-api:4.2.0',
      containerID: 'containerd://7f3e9a1c5b2d4e6f8a0c1e3b5d7f9a2c4e6b8d0f1a3c5e7b9d2f4a6c8e0b1d3f',
      imageID:
        'ghcr.io/acme-shop/orders-api@sha256:3c5e7b9d2f4a6c8e0b1d3f5a7c9e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f2a4c6e',
      state: { waiting: { reason: 'CrashLoopBackOff' } },
      lastState: {
        terminated: {
          reason: 'OOMKilled',
          exitCode: 137,
          startedAt: '2026-03-17T08:41:03.000Z',
          finishedAt: '2026-03-17T08:42:47.000Z',
        },
      },
      ready: false,
      restartCount: 11,
    });
    expect(sidecarStatus).toMatchObject({
      name: 'metrics-sidecar',
      ready: true,
      restartCount: 0,
      state: { running: { startedAt: '2026-03-17T07:58:22.000Z' } },
    });
    expect(sidecarStatus?.lastState).toBeUndefined();
  });

  it('reads volumes of every common type', () => {
    expect(spec.volumes).toEqual([
      { name: 'config', configMap: { name: 'orders-api-config', optional: false } },
      { name: 'tls', secret: { secretName: 'orders-tls', optional: false } },
      {
        name: 'orders-data',
        persistentVolumeClaim: { claimName: 'orders-data-pvc', readOnly: false },
      },
      { name: 'cache', emptyDir: { medium: 'Memory', sizeLimit: '256Mi' } },
      { name: 'host-logs', hostPath: { path: '/var/log/orders', type: 'DirectoryOrCreate' } },
      {
        name: 'kube-api-access-q8d2n',
        projected: {
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607 } },
            { configMap: { name: 'kube-root-ca.crt' } },
            { downwardAPI: {} },
          ],
        },
      },
    ]);
  });

  it('gives each event row its own item, line and count', () => {
    const events = eventsOf(parsed.items);
    const backoff = events.find((e) => e.object.reason === 'BackOff');
    expect(backoff?.origin).toEqual({
      source: 0,
      from: fixtureAt40('Warning  BackOff'),
      to: fixtureAt40('Warning  BackOff'),
    });
    expect(backoff?.object).toEqual({
      kind: 'Event',
      metadata: { namespace: 'commerce' },
      involvedObject: { kind: 'Pod', name: 'orders-api-7c9d5f6b8-x4k7p', namespace: 'commerce' },
      type: 'Warning',
      reason: 'BackOff',
      message:
        'Back-off restarting failed container orders-api in pod orders-api-7c9d5f6b8-x4k7p_commerce(5e1f9a3c-2b7d-4c8e-a6f0-1d3b5c7e9a2f)',
      source: { component: 'kubelet' },
      count: 187,
      ages: { last: '38s', first: '44m' },
    });
    const scheduled = events[0]?.object;
    expect(scheduled).toMatchObject({
      reason: 'Scheduled',
      source: { component: 'default-scheduler' },
      count: 1,
      ages: { last: '45m', first: '45m' },
    });
    expect(events.map((e) => e.object.reason)).toEqual([
      'Scheduled',
      'Pulled',
      'Pulled',
      'Unhealthy',
      'BackOff',
    ]);
    expect(events[3]?.object.message).toBe(
      'Readiness probe failed: Get "https://10.60.3.114:8443/ready": dial tcp 10.60.3.114:8443: connect: connection refused',
    );
  });
});

describe('parseDescribe: event table forms', () => {
  const head = text(`
Name:         inventory-sync-5b6c7d-ptz4q
Namespace:    warehouse
Node:         worker-2/192.168.40.12
Status:       Running
`);

  const cases: {
    name: string;
    events: string;
    expected: Partial<KEvent>[];
  }[] = [
    {
      name: 'kubectl 1.10-1.13: From is "kubelet, node"',
      events: text(`
Events:
  Type     Reason                 Age                From                Message
  ----     ------                 ----               ----                -------
  Normal   Scheduled              12m                default-scheduler   Successfully assigned warehouse/inventory-sync-5b6c7d-ptz4q to worker-2
  Normal   SuccessfulMountVolume  12m                kubelet, worker-2   MountVolume.SetUp succeeded for volume "default-token-7hxkp"
  Normal   Pulled                 10m (x5 over 12m)  kubelet, worker-2   Container image "inventory-sync:2.0.1" already present on machine
  Warning  BackOff                2m (x40 over 11m)  kubelet, worker-2   Back-off restarting failed container
`),
      expected: [
        { reason: 'Scheduled', source: { component: 'default-scheduler' }, count: 1 },
        {
          reason: 'SuccessfulMountVolume',
          source: { component: 'kubelet', host: 'worker-2' },
          message: 'MountVolume.SetUp succeeded for volume "default-token-7hxkp"',
        },
        { reason: 'Pulled', count: 5, ages: { last: '10m', first: '12m' } },
        {
          type: 'Warning',
          reason: 'BackOff',
          count: 40,
          ages: { last: '2m', first: '11m' },
          source: { component: 'kubelet', host: 'worker-2' },
          message: 'Back-off restarting failed container',
        },
      ],
    },
    {
      name: 'before 1.10: FirstSeen/LastSeen/Count with SubObjectPath',
      events: text(`
Events:
  FirstSeen  LastSeen  Count  From                 SubObjectPath            Type     Reason     Message
  ---------  --------  -----  ----                 -------------            ----     ------     -------
  5m         5m        1      {default-scheduler }                          Normal   Scheduled  Successfully assigned inventory-sync-5b6c7d-ptz4q to worker-2
  5m         1m        6      {kubelet worker-2}   spec.containers{sync}    Normal   Pulled     Container image "inventory-sync:2.0.1" already present on machine
  4m         10s       19     {kubelet worker-2}   spec.containers{sync}    Warning  BackOff    Back-off restarting failed docker container
`),
      expected: [
        {
          reason: 'Scheduled',
          count: 1,
          source: { component: 'default-scheduler' },
          ages: { last: '5m', first: '5m' },
        },
        {
          reason: 'Pulled',
          count: 6,
          source: { component: 'kubelet', host: 'worker-2' },
          involvedObject: {
            kind: 'Pod',
            name: 'inventory-sync-5b6c7d-ptz4q',
            namespace: 'warehouse',
            fieldPath: 'spec.containers{sync}',
          },
        },
        {
          type: 'Warning',
          reason: 'BackOff',
          count: 19,
          ages: { last: '10s', first: '4m' },
          message: 'Back-off restarting failed docker container',
        },
      ],
    },
    {
      name: 'an Age that overflows its column by one space, and <unknown> ages',
      events: text(`
Events:
  Type     Reason     Age                  From               Message
  ----     ------     ----                 ----               -------
  Warning  Unhealthy  3m21s (x19 over 12m) kubelet            Liveness probe failed: HTTP probe failed with statuscode: 503
  Normal   Pulling    <unknown>            kubelet            Pulling image "inventory-sync:2.0.1"
`),
      expected: [
        {
          reason: 'Unhealthy',
          count: 19,
          ages: { last: '3m21s', first: '12m' },
          source: { component: 'kubelet' },
          message: 'Liveness probe failed: HTTP probe failed with statuscode: 503',
        },
        {
          reason: 'Pulling',
          count: 1,
          source: { component: 'kubelet' },
          message: 'Pulling image "inventory-sync:2.0.1"',
        },
      ],
    },
    {
      name: 'a message wrapped onto deeper-indented lines',
      events: text(`
Events:
  Type     Reason  Age                From     Message
  ----     ------  ----               ----     -------
  Warning  Failed  8s (x3 over 30s)   kubelet  Error: failed to create containerd task: failed to create shim task: OCI runtime create failed:
                                               exec: "/app/start.sh": permission denied: unknown
  Normal   Pulled  8s (x3 over 30s)   kubelet  Container image "inventory-sync:2.0.1" already present on machine
`),
      expected: [
        {
          reason: 'Failed',
          message:
            'Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: exec: "/app/start.sh": permission denied: unknown',
        },
        { reason: 'Pulled', count: 3 },
      ],
    },
  ];

  it.each(cases)('$name', ({ events, expected }) => {
    const input = `${head}\n${events}`;
    const parsed = mustRun(input);
    const got = eventsOf(parsed.items).map((e) => e.object);
    expect(got).toHaveLength(expected.length);
    expected.forEach((exp, i) => expect(got[i]).toMatchObject(exp));
    expect(parsed.warnings).toEqual([]);
  });

  it('points a wrapped event at all of its lines', () => {
    const input = `${head}\n${cases[3]?.events ?? ''}`;
    const failed = eventsOf(mustRun(input).items)[0];
    const row = lineOf(input, 'Warning  Failed');
    expect(failed?.origin).toEqual({ source: 0, from: row, to: row + 1 });
  });

  it('reads "Events:  <none>" as no events', () => {
    const parsed = mustRun(`${head}\nEvents:          <none>`);
    expect(eventsOf(parsed.items)).toEqual([]);
    expect(objectsOf(parsed.items, 'Pod')).toHaveLength(1);
  });
});

describe('parseDescribe: pending pod', () => {
  const parsed = mustRun(PENDING_POD);
  const pod = objectsOf(parsed.items, 'Pod')[0]?.object;

  it('has a spec, a Pending phase and no container statuses', () => {
    expect(pod?.status?.phase).toBe('Pending');
    expect(pod?.spec?.nodeName).toBeUndefined();
    expect(pod?.status?.podIP).toBeUndefined();
    expect(pod?.status?.containerStatuses).toBeUndefined();
    expect(pod?.spec?.containers).toEqual([
      {
        name: 'ingest',
        image: 'registry.example.org/data/ingest:0.9.1',
        resources: { requests: { cpu: '6', memory: '48Gi' } },
        volumeMounts: [
          {
            mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
            name: 'kube-api-access-7tq9z',
            readOnly: true,
          },
        ],
      },
    ]);
    expect(pod?.status?.conditions).toEqual([{ type: 'PodScheduled', status: 'False' }]);
    expect(pod?.metadata.annotations).toBeUndefined();
    expect(pod?.spec?.nodeSelector).toBeUndefined();
  });

  it('reads the FailedScheduling events', () => {
    const events = eventsOf(parsed.items).map((e) => e.object);
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({
      type: 'Warning',
      reason: 'FailedScheduling',
      source: { component: 'default-scheduler' },
      count: 2,
      ages: { last: '2m4s', first: '7m' },
    });
    expect(events[1]?.message).toMatch(
      /^0\/5 nodes are available: .*3 Insufficient cpu, 3 Insufficient memory\./,
    );
  });
});

describe('parseDescribe: evicted pod', () => {
  const parsed = mustRun(EVICTED_POD);
  const pod = objectsOf(parsed.items, 'Pod')[0]?.object;

  it('keeps the pod-level reason and message', () => {
    expect(pod?.status).toMatchObject({
      phase: 'Failed',
      reason: 'Evicted',
      message:
        'The node was low on resource: memory. Threshold quantity: 100Mi, available: 91232Ki. Container builder was using 2874120Ki, request is 1Gi, has larger consumption of memory.',
    });
    expect(pod?.spec?.nodeName).toBe('ip-172-20-41-9.eu-west-1.compute.internal');
    expect(pod?.status?.hostIP).toBeUndefined();
    expect(pod?.spec?.volumes).toBeUndefined();
    expect(pod?.status?.conditions?.[0]).toEqual({ type: 'DisruptionTarget', status: 'True' });
  });

  it('drops Go zero times and empty IDs from the terminated state', () => {
    expect(pod?.status?.containerStatuses).toEqual([
      {
        name: 'builder',
        image: 'registry.gitlab.com/acme/report-builder:2026.3.1',
        state: {
          terminated: {
            reason: 'ContainerStatusUnknown',
            message: 'The container could not be located when the pod was terminated',
            exitCode: 137,
          },
        },
        ready: false,
        restartCount: 0,
      },
    ]);
    expect(parsed.warnings).toEqual([]);
  });

  it('reads the Evicted event', () => {
    const evicted = eventsOf(parsed.items).find((e) => e.object.reason === 'Evicted');
    expect(evicted?.object.message).toMatch(/^The node was low on resource: memory\./);
    expect(evicted?.origin.from).toBe(lineOf(EVICTED_POD, 'Warning  Evicted'));
  });
});

describe('parseDescribe: deployment', () => {
  const parsed = mustRun(DEPLOYMENT, {
    command: { verb: 'describe', resource: 'deployments', names: ['payments-gateway'] },
  });
  const item = parsed.items.find((i) => i.object.kind === 'Deployment') as
    Item<Workload> | undefined;
  const dep = item?.object as Workload;

  it('detects the kind and reads metadata', () => {
    expect(dep.kind).toBe('Deployment');
    expect(dep.metadata).toEqual({
      name: 'payments-gateway',
      namespace: 'payments',
      creationTimestamp: '2026-02-04T16:20:44.000Z',
      labels: { app: 'payments-gateway', team: 'payments' },
      annotations: {
        'deployment.kubernetes.io/revision': '12',
        'kubernetes.io/change-cause': 'image bump to 3.8.0',
      },
    });
    expect(item?.origin).toEqual({ source: 0, from: 1, to: DEPLOYMENT.split('\n').length });
  });

  it('reads replicas, strategy, selector and conditions', () => {
    expect(dep.spec).toMatchObject({
      replicas: 4,
      selector: { matchLabels: { app: 'payments-gateway' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: 1 } },
      minReadySeconds: 10,
    });
    expect(dep.status).toMatchObject({
      replicas: 5,
      updatedReplicas: 2,
      availableReplicas: 3,
      unavailableReplicas: 2,
      newReplicaSet: 'payments-gateway-7d6c5b4a39',
      oldReplicaSets: ['payments-gateway-59c8d7f6b4'],
      conditions: [
        { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
        { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' },
      ],
    });
  });

  it('reads the pod template with the same container parser', () => {
    const tpl = dep.spec?.template;
    expect(tpl?.metadata).toEqual({
      labels: { app: 'payments-gateway' },
      annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-03-18T09:12:00Z' },
    });
    expect(tpl?.spec?.serviceAccountName).toBe('payments-gateway');
    expect(tpl?.spec?.containers).toEqual([
      {
        name: 'gateway',
        image: 'ghcr.io/acme/payments-gateway:3.8.0',
        ports: [{ containerPort: 8443, protocol: 'TCP' }],
        resources: { limits: { memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } },
        livenessProbe: {
          httpGet: { scheme: 'HTTPS', port: 8443, path: '/livez' },
          initialDelaySeconds: 20,
          timeoutSeconds: 3,
          periodSeconds: 10,
          successThreshold: 1,
          failureThreshold: 3,
        },
        env: [
          {
            name: 'STRIPE_API_KEY',
            valueFrom: {
              secretKeyRef: { name: 'payments-secrets', key: 'stripe-key', optional: false },
            },
          },
          { name: 'REGION', value: 'eu-west-1' },
        ],
        volumeMounts: [{ mountPath: '/etc/gateway', name: 'gateway-config', readOnly: true }],
      },
    ]);
    expect(tpl?.spec?.volumes).toEqual([
      { name: 'gateway-config', configMap: { name: 'payments-gateway-config', optional: false } },
    ]);
  });

  it('gives its events the Deployment as involved object', () => {
    const events = eventsOf(parsed.items);
    expect(events).toHaveLength(3);
    expect(events[1]?.object).toMatchObject({
      involvedObject: { kind: 'Deployment', name: 'payments-gateway', namespace: 'payments' },
      reason: 'ScalingReplicaSet',
      source: { component: 'deployment-controller' },
      message: 'Scaled down replica set payments-gateway-59c8d7f6b4 to 3 from 4',
    });
  });
});

describe('parseDescribe: other workloads', () => {
  it.each([
    {
      name: 'replicaset (from its Replicas line)',
      input: text(`
Name:           payments-gateway-7d6c5b4a39
Namespace:      payments
Selector:       app=payments-gateway,pod-template-hash=7d6c5b4a39
Labels:         app=payments-gateway
                pod-template-hash=7d6c5b4a39
Annotations:    deployment.kubernetes.io/desired-replicas: 4
                deployment.kubernetes.io/max-replicas: 5
                deployment.kubernetes.io/revision: 12
Controlled By:  Deployment/payments-gateway
Replicas:       2 current / 2 desired
Pods Status:    0 Running / 2 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=payments-gateway
           pod-template-hash=7d6c5b4a39
  Containers:
   gateway:
    Image:        ghcr.io/acme/payments-gateway:3.8.0
    Port:         8443/TCP
    Host Port:    0/TCP
    Environment:  <none>
    Mounts:       <none>
  Volumes:        <none>
Events:
  Type    Reason            Age   From                   Message
  ----    ------            ----  ----                   -------
  Normal  SuccessfulCreate  31m   replicaset-controller  Created pod: payments-gateway-7d6c5b4a39-8kq2w
`),
      command: undefined,
      expected: {
        kind: 'ReplicaSet',
        metadata: {
          name: 'payments-gateway-7d6c5b4a39',
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name: 'payments-gateway',
              controller: true,
            },
          ],
          annotations: { 'deployment.kubernetes.io/revision': '12' },
        },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'payments-gateway', 'pod-template-hash': '7d6c5b4a39' } },
          template: {
            spec: {
              containers: [{ name: 'gateway', image: 'ghcr.io/acme/payments-gateway:3.8.0' }],
            },
          },
        },
        status: { replicas: 2, pods: { running: 0, waiting: 2, succeeded: 0, failed: 0 } },
      },
      eventKind: 'ReplicaSet',
    },
    {
      name: 'statefulset (unknown fields, kind from the command)',
      input: text(`
Name:               ledger-db
Namespace:          payments
CreationTimestamp:  Sun, 01 Feb 2026 09:00:00 +0000
Selector:           app=ledger-db
Labels:             <none>
Annotations:        <none>
Replicas:           3 desired | 3 total
Pods Status:        2 Running / 1 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=ledger-db
  Containers:
   postgres:
    Image:      postgres:16.2
    Port:       5432/TCP
    Readiness:  exec [pg_isready -U ledger] delay=5s timeout=1s period=10s #success=1 #failure=3
Events:             <none>
`),
      command: { verb: 'describe', resource: 'statefulsets' },
      expected: {
        kind: 'StatefulSet',
        spec: {
          replicas: 3,
          template: {
            spec: {
              containers: [
                {
                  name: 'postgres',
                  readinessProbe: { exec: { command: ['pg_isready', '-U', 'ledger'] } },
                },
              ],
            },
          },
        },
        status: { replicas: 3 },
      },
      eventKind: undefined,
    },
  ])('$name', ({ input, command, expected, eventKind }) => {
    const parsed = mustRun(input, command ? { command } : {});
    const obj = parsed.items[0]?.object;
    expect(obj).toMatchObject(expected);
    const events = eventsOf(parsed.items);
    if (eventKind) expect(events[0]?.object.involvedObject.kind).toBe(eventKind);
    else expect(events).toEqual([]);
  });
});

describe('parseDescribe: node', () => {
  const parsed = mustRun(NODE);
  const node = objectsOf(parsed.items, 'Node')[0]?.object as Node;

  it('reads labels, taints and unschedulable', () => {
    expect(node.metadata.name).toBe('aks-userpool-28461937-vmss000004');
    expect(node.metadata.labels?.['kubernetes.io/arch']).toBe('amd64');
    expect(node.metadata.labels?.['node.kubernetes.io/instance-type']).toBe('Standard_D4s_v5');
    expect(node.metadata.creationTimestamp).toBe('2026-03-02T06:14:51.000Z');
    expect(node.spec).toEqual({
      taints: [
        { key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' },
        { key: 'dedicated', value: 'batch', effect: 'NoExecute' },
      ],
      unschedulable: false,
    });
  });

  it('reads the conditions table with its times, reasons and messages', () => {
    expect(node.status?.conditions).toHaveLength(4);
    expect(node.status?.conditions?.[0]).toEqual({
      type: 'MemoryPressure',
      status: 'True',
      reason: 'KubeletHasInsufficientMemory',
      message: 'kubelet has insufficient memory available',
      lastTransitionTime: '2026-03-19T10:47:05.000Z',
    });
    expect(node.status?.conditions?.[3]).toMatchObject({
      type: 'Ready',
      status: 'True',
      reason: 'KubeletReady',
    });
  });

  it('reads capacity, allocatable and system info', () => {
    expect(node.status?.capacity).toEqual({
      cpu: '4',
      'ephemeral-storage': '129886128Ki',
      memory: '16375520Ki',
      pods: '110',
    });
    expect(node.status?.allocatable?.['memory']).toBe('12732640Ki');
    expect(node.status?.nodeInfo).toEqual({
      architecture: 'amd64',
      operatingSystem: 'linux',
      kubeletVersion: 'v1.30.9',
      containerRuntimeVersion: 'containerd://1.7.25-1',
    });
  });

  it('gives node events the Node as involved object, without a namespace', () => {
    const events = eventsOf(parsed.items).map((e) => e.object);
    expect(events.map((e) => e.reason)).toEqual([
      'EvictionThresholdMet',
      'NodeHasInsufficientMemory',
      'SystemOOM',
    ]);
    expect(events[2]).toEqual({
      kind: 'Event',
      metadata: {},
      involvedObject: { kind: 'Node', name: 'aks-userpool-28461937-vmss000004' },
      type: 'Warning',
      reason: 'SystemOOM',
      message: 'System OOM encountered, victim process: java, pid: 48213',
      source: { component: 'kubelet' },
      count: 1,
      ages: { last: '15m', first: '15m' },
    });
  });
});

describe('parseDescribe: messy pastes', () => {
  it('reads tab indentation, truncated lines and missing sections', () => {
    const input = [
      'Name:\t\tcart-worker-5f7d9c8b6-qq2zr',
      'Namespace:\tshop',
      'Node:\t\tworker-pool-b-3/10.0.7.23',
      'Status:\t\tRunning',
      'Containers:',
      '\tcart-worker:',
      '\t\tImage:\t\tregistry.acme.io/shop/cart-worker:1.9.',
      '\t\tState:\t\tWaiting',
      '\t\t\tReason:\tCrashLoopBac',
      '\t\tLast State:\tTermin',
      '\t\t\tReason:\tError',
      '\t\t\tExit Code:\t2',
      '\t\t\tStarted:\tSat, 21 Mar 2026 03:12:09 +0000',
      '\t\t\tFinished:\tSat, 21 Mar 2026 03:12',
      '\t\tReady:\t\tFalse',
      '\t\tRestart Count:\t6',
      '\t\tEnvironment:',
      '\t\t\tQUEUE_URL:\tamqp://rabbitmq.shop.svc:5672',
      "\t\t\tQUEUE_PASSWORD:\t<set to the key 'password' in secret 'rabbit",
      'Events:',
      '\tType\tReason\tAge\tFrom\tMessage',
      '\t----\t------\t----\t----\t-------',
      '\tWarning\tBackOff\t12s (x30 over 7m)\tkubelet\tBack-off restarting failed container cart-worker in pod cart-wo',
      '\tNormal\tPulled',
    ].join('\n');
    const parsed = mustRun(input, { from: 7 });
    const pod = parsed.items[0]?.object as Pod;
    expect(pod.metadata).toMatchObject({ name: 'cart-worker-5f7d9c8b6-qq2zr', namespace: 'shop' });
    expect(pod.spec?.nodeName).toBe('worker-pool-b-3');
    expect(pod.spec?.containers?.[0]?.image).toBe('registry.acme.io/shop/cart-worker:1.9.');
    const st = pod.status?.containerStatuses?.[0];
    expect(st).toMatchObject({
      name: 'cart-worker',
      ready: false,
      restartCount: 6,
      state: { waiting: { reason: 'CrashLoopBac' } },
      lastState: {
        terminated: { reason: 'Error', exitCode: 2, startedAt: '2026-03-21T03:12:09.000Z' },
      },
    });
    expect(st?.lastState?.terminated?.finishedAt).toBeUndefined();
    expect(pod.spec?.containers?.[0]?.env).toEqual([
      { name: 'QUEUE_URL', value: 'amqp://rabbitmq.shop.svc:5672' },
      { name: 'QUEUE_PASSWORD', value: "<set to the key 'password' in secret 'rabbit" },
    ]);
    const events = eventsOf(parsed.items);
    expect(events.map((e) => e.object.reason)).toEqual(['BackOff', 'Pulled']);
    expect(events[0]?.object).toMatchObject({
      count: 30,
      ages: { last: '12s', first: '7m' },
      source: { component: 'kubelet' },
    });
    expect(events[0]?.origin.from).toBe(7 + 22);
    expect(parsed.warnings.some((w) => /unparseable time/.test(w))).toBe(true);
    expect(parsed.warnings.some((w) => /truncated env reference/.test(w))).toBe(true);
    expect(parsed.warnings.every((w) => w.startsWith('paste.txt:'))).toBe(true);
  });

  it('reads a paste indented as a whole, with padded values and reordered sections', () => {
    const input = text(`
    Name:      ledger-worker-84d6b7c9f5-mm2qz   
    Namespace:    payments   
    Events:
      Type     Reason   Age   From     Message
      ----     ------   ----  ----     -------
      Warning  BackOff  14s   kubelet  Back-off restarting failed container worker in pod ledger-worker-84d6b7c9f5-mm2qz_payments(5a7c9e1b)
    Containers:
      worker:
        Image:          europe-docker.pkg.dev/acme/payments/ledger-worker:5.2.0
        State:          Waiting
          Reason:       CrashLoopBackOff
        Restart Count:  9
    Status:   Running
`);
    const parsed = mustRun(input);
    const pod = parsed.items[0]?.object as Pod;
    expect(pod.metadata).toEqual({ name: 'ledger-worker-84d6b7c9f5-mm2qz', namespace: 'payments' });
    expect(pod.status?.phase).toBe('Running');
    expect(pod.status?.containerStatuses?.[0]).toMatchObject({
      name: 'worker',
      restartCount: 9,
      state: { waiting: { reason: 'CrashLoopBackOff' } },
    });
    expect(eventsOf(parsed.items)).toHaveLength(1);
  });

  it('keeps a multi-line terminated message that restarts at column 0', () => {
    const input = text(`
Name:         checkout-api-7x9m2
Namespace:    shop
Status:       Running
Containers:
  checkout:
    Image:          ghcr.io/shop/checkout-api:2.15.0
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Message:      panic: runtime error: invalid memory address or nil pointer dereference
[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x9c4e12]

goroutine 42 [running]:
Status: not a pod field
	/src/checkout/payment.go:118 +0x52

      Exit Code:    2
      Started:      Wed, 07 Feb 2024 09:00:00 +0000
      Finished:     Wed, 07 Feb 2024 09:00:00 +0000
    Ready:          False
    Restart Count:  4
Conditions:
  Type              Status
  Ready             False 
`);
    const parsed = mustRun(input);
    const pod = parsed.items[0]?.object as Pod;
    expect(pod.status?.phase).toBe('Running');
    expect(pod.status?.conditions).toEqual([{ type: 'Ready', status: 'False' }]);
    const st = pod.status?.containerStatuses?.[0];
    expect(st?.restartCount).toBe(4);
    expect(st?.lastState?.terminated).toMatchObject({ reason: 'Error', exitCode: 2 });
    expect(st?.lastState?.terminated?.message).toBe(
      [
        'panic: runtime error: invalid memory address or nil pointer dereference',
        '[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x9c4e12]',
        '',
        'goroutine 42 [running]:',
        'Status: not a pod field',
        '/src/checkout/payment.go:118 +0x52',
      ].join('\n'),
    );
  });

  it('uses the command for name, namespace and kind when the paste lost its top', () => {
    const input = text(`
Containers:
  api:
    Image:          registry.internal/user-auth:3.14.0
    State:          Waiting
      Reason:       CreateContainerConfigError
    Ready:          False
    Started:        False
`);
    const parsed = mustRun(input, {
      command: {
        verb: 'describe',
        resource: 'pods',
        names: ['user-auth-6f8d9b-q2m4x'],
        namespace: 'auth',
      },
    });
    const pod = parsed.items[0]?.object as Pod;
    expect(pod.metadata).toEqual({ name: 'user-auth-6f8d9b-q2m4x', namespace: 'auth' });
    expect(pod.status?.containerStatuses?.[0]).toMatchObject({
      ready: false,
      started: false,
      state: { waiting: { reason: 'CreateContainerConfigError' } },
    });
  });

  it('splits several described pods in one block', () => {
    const one = text(`
Name:         web-1
Namespace:    shop
Status:       Running
Events:       <none>
`);
    const two = text(`
Name:         web-2
Namespace:    shop
Status:       Pending
`);
    const input = `${one}\n\n${two}`;
    const parsed = mustRun(input, { from: 3 });
    const pods = objectsOf(parsed.items, 'Pod');
    expect(pods.map((p) => [p.object.metadata.name, p.object.status?.phase])).toEqual([
      ['web-1', 'Running'],
      ['web-2', 'Pending'],
    ]);
    expect(pods.map((p) => p.origin)).toEqual([
      { source: 0, from: 3, to: 6 },
      { source: 0, from: 8, to: 10 },
    ]);
  });
});

describe('parseDescribe: headless fragments (`describe pod X | grep ...`)', () => {
  const DESCRIBE_POD = { verb: 'describe', resource: 'pods', names: ['billing-5d8f7c9b6-r2x8w'] };
  const GREPPED = text(`
    Image:          registry.example.com/billing:2.4.0
    Readiness:      http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3
  Warning  Unhealthy  3m (x40 over 20m)  kubelet  Readiness probe failed: HTTP probe failed with statuscode: 503
`);
  const LAST_STATE = text(`
    Last State:     Terminated
      Reason:       Error
      Exit Code:    137
      Finished:     Wed, 04 Dec 2024 16:22:02 +0000
    Restart Count:  9
    Limits:
      memory:  256Mi
--
    Environment:
      MODE:  batch
`);

  it.each([
    {
      name: 'probe, image and one event row',
      input: GREPPED,
      check: (items: Item[]) => {
        const pod = objectsOf(items, 'Pod')[0]?.object;
        expect(pod?.metadata).toMatchObject({ name: 'billing-5d8f7c9b6-r2x8w', namespace: 'pay' });
        expect(pod?.spec?.containers?.[0]).toMatchObject({
          name: '',
          image: 'registry.example.com/billing:2.4.0',
          readinessProbe: { httpGet: { port: 8080, path: '/healthz' } },
        });
        const [ev] = eventsOf(items);
        expect(ev?.object).toMatchObject({
          reason: 'Unhealthy',
          count: 40,
          involvedObject: { kind: 'Pod', name: 'billing-5d8f7c9b6-r2x8w', namespace: 'pay' },
        });
        expect(ev?.origin).toMatchObject({ from: 3, to: 3 });
      },
    },
    {
      name: 'a `grep -A` cut from Last State, with a grep separator',
      input: LAST_STATE,
      check: (items: Item[]) => {
        const pod = objectsOf(items, 'Pod')[0]?.object;
        expect(pod?.status?.containerStatuses?.[0]).toMatchObject({
          name: '',
          restartCount: 9,
          lastState: { terminated: { reason: 'Error', exitCode: 137 } },
        });
        expect(pod?.spec?.containers?.[0]?.resources?.limits).toEqual({ memory: '256Mi' });
        expect(pod?.spec?.containers?.[0]?.env).toEqual([{ name: 'MODE', value: 'batch' }]);
      },
    },
    {
      name: 'a column-0 pod field beside container fields',
      input: `Status:       Running
${GREPPED}`,
      check: (items: Item[]) => {
        const pod = objectsOf(items, 'Pod')[0]?.object;
        expect(pod?.status?.phase).toBe('Running');
        expect(pod?.spec?.containers?.[0]?.image).toBe('registry.example.com/billing:2.4.0');
        expect(eventsOf(items)).toHaveLength(1);
      },
    },
  ])('reads $name as the pod the command names', ({ input, check }) => {
    const parsed = mustRun(input, { command: { ...DESCRIBE_POD, namespace: 'pay' } });
    expect(parsed.warnings).toEqual([]);
    check(parsed.items);
  });

  it.each([
    { name: 'no command', opts: {} },
    {
      name: 'a describe of a deployment',
      opts: { command: { ...DESCRIBE_POD, resource: 'deployments' } },
    },
    { name: 'a describe of every pod', opts: { command: { ...DESCRIBE_POD, names: [] } } },
  ])('does not invent a pod from a fragment with $name', ({ opts }) => {
    const pods = objectsOf(run(GREPPED, opts)?.items ?? [], 'Pod');
    expect(pods.every((p) => p.object.spec?.containers === undefined)).toBe(true);
    expect(eventsOf(run(GREPPED, opts)?.items ?? [])).toHaveLength(0);
  });

  it('leaves a framed describe to the section reader', () => {
    const framed = mustRun(FULL_POD, { command: DESCRIBE_POD });
    expect(objectsOf(framed.items, 'Pod')[0]?.object.metadata.name).toBe(
      'orders-api-7c9d5f6b8-x4k7p',
    );
    expect(objectsOf(framed.items, 'Pod')[0]?.object.spec?.containers?.[0]?.name).not.toBe('');
  });

  it('reads a pasted grep cut with CRLF line ends and colours end to end', () => {
    const paste = [
      '$ kubectl describe pod billing-5d8f7c9b6-r2x8w -n pay | grep -E "Readiness|Unhealthy|Image:"',
      ...GREPPED.split('\n').map((l) => l.replace('Warning', '\u001b[33mWarning\u001b[0m')),
      '',
    ].join('\r\n');
    const bundle = collectOffline([{ name: 'paste.txt', text: paste }]);
    const pod = bundle.items.find((i) => i.object.kind === 'Pod')?.object as Pod | undefined;
    expect(pod?.metadata).toMatchObject({ name: 'billing-5d8f7c9b6-r2x8w', namespace: 'pay' });
    expect(pod?.spec?.containers?.[0]?.readinessProbe).toBeDefined();
    const ev = bundle.items.find((i) => i.object.kind === 'Event')?.object as KEvent | undefined;
    expect(ev?.message).toBe('Readiness probe failed: HTTP probe failed with statuscode: 503');
    expect(bundle.raw).toEqual([]);
  });
});

describe('parseDescribe: declining and garbage', () => {
  it.each([
    { name: 'empty block', input: '' },
    { name: 'blank lines', input: '\n   \n\t' },
    { name: 'prose', input: 'the pod keeps restarting, any idea?\nthanks' },
  ])('declines $name', ({ input }) => {
    expect(run(input)).toBeUndefined();
  });

  it('declines key: value text that was not declared a describe', () => {
    const yamlish = 'Name: my config\nlevel: debug\nretries: 3';
    expect(run(yamlish, { kind: 'unknown' })).toBeUndefined();
    expect(run(text(`\n${PENDING_POD}`), { kind: 'unknown' })).toBeDefined();
  });

  it('never throws on garbage lines', () => {
    const garbage = [
      'Name:',
      ':::::',
      'Containers:\n  :\n    State:  \n      Exit Code: x\n  a-b:\n    Ports: , ,/TCP (',
      'Events:\n  Type Reason\n  Normal\n  Warning  X  (x over )  ,  ',
      'Labels: =\n   ===\nAnnotations: a:\n  b:\n     c',
      'Conditions:\n  Type\n  ----\n\n  Ready',
      'Volumes:\n  v:\n    Type:\n  w:\n    Type: Projected (x)\n    Optional: true',
      '\u0000\u00a0\t\t\t',
      'Liveness: http-get ://:/ delay=s',
    ];
    for (const g of garbage) {
      expect(() => run(g)).not.toThrow();
      expect(() => run(`Name: x\n${g}`)).not.toThrow();
    }
  });

  it('stays fast on huge lines and blocks', () => {
    const spaces = ' '.repeat(200_000);
    const input = [
      'Name:         huge-1',
      'Containers:',
      '  app:',
      `    Liveness:   exec [sh${spaces}x${spaces}] delay${spaces}`,
      '    Environment:',
      `      BIG:      a${spaces}(${spaces}b`,
      '    Mounts:',
      `      /data from data (${spaces}x`,
      `Annotations:  a: ${'b:'.repeat(100_000)}`,
      'Events:',
      '  Type     Reason   Age   From     Message',
      `  Warning  BackOff  1m    kubelet${spaces}x${spaces}y`,
      `  1m  1m  3  ${'{'.repeat(50_000)}`,
      ...Array.from({ length: 30_000 }, (_, i) => `    /v${i} from v${i} (ro)`),
    ].join('\n');
    const started = performance.now();
    const parsed = run(input);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(parsed?.items[0]?.object.kind).toBe('Pod');
  });

  it('never throws on arbitrary lines (property)', () => {
    const fragments = [
      ...FULL_POD.split('\n'),
      ...NODE.split('\n').slice(14, 24),
      ...DEPLOYMENT.split('\n').slice(12, 30),
      '',
      '\t',
      '  Warning  BackOff',
      'Events:',
      '      Message:      boom',
    ];
    const line = fc.oneof(
      fc.string(),
      fc.constantFrom(...fragments),
      fc
        .constantFrom(...fragments)
        .chain((f) => fc.nat(Math.max(f.length, 1)).map((n) => f.slice(0, n))),
    );
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 60 }),
        fc.constantFrom<BlockKind>('describe', 'unknown'),
        (lines, kind) => {
          const out = run(lines.join('\n'), { kind });
          if (out === undefined) return;
          expect(Array.isArray(out.items)).toBe(true);
          for (const item of out.items) {
            expect(item.origin.from).toBeGreaterThanOrEqual(1);
            expect(item.origin.to).toBeGreaterThanOrEqual(item.origin.from);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

// -----------------------------------------------------------------------------------------------
// Helpers

describe('parseProbe', () => {
  it.each([
    [
      'http-get http://:8080/healthz delay=10s timeout=1s period=10s #success=1 #failure=3',
      {
        httpGet: { scheme: 'HTTP', port: 8080, path: '/healthz' },
        initialDelaySeconds: 10,
        timeoutSeconds: 1,
        periodSeconds: 10,
        successThreshold: 1,
        failureThreshold: 3,
      },
    ],
    [
      'http-get https://10.0.0.5:metrics/stats?verbose=1 delay=0s timeout=5s period=30s #success=1 #failure=3',
      {
        httpGet: { scheme: 'HTTPS', host: '10.0.0.5', port: 'metrics', path: '/stats?verbose=1' },
        periodSeconds: 30,
      },
    ],
    [
      'http-get http://[::1]:9000 delay=0s',
      { httpGet: { scheme: 'HTTP', host: '::1', port: 9000 }, initialDelaySeconds: 0 },
    ],
    [
      'tcp-socket :5432 delay=30s timeout=1s period=10s #success=1 #failure=3',
      { tcpSocket: { port: 5432 } },
    ],
    [
      'tcp-socket redis-primary:6379 delay=0s',
      { tcpSocket: { host: 'redis-primary', port: 6379 } },
    ],
    [
      'exec [sh -c pg_isready -U app] delay=5s timeout=1s',
      { exec: { command: ['sh', '-c', 'pg_isready', '-U', 'app'] } },
    ],
    ['exec [cat /tmp/hea', { exec: { command: ['cat', '/tmp/hea'] } }],
    [
      'grpc <pod>:9090  delay=0s timeout=1s period=10s #success=1 #failure=3',
      { grpc: { port: 9090 } },
    ],
    ['grpc <pod>:9090 health.v1 delay=0s', { grpc: { port: 9090, service: 'health.v1' } }],
    [
      'http-get http://:8080/healthz delay=10s timeout=1s peri',
      { httpGet: { path: '/healthz' }, timeoutSeconds: 1 },
    ],
  ])('%s', (input, expected) => {
    expect(parseProbe(input)).toMatchObject(expected);
  });

  it.each(['', '<none>', 'something else'])('gives undefined for %j', (input) => {
    expect(parseProbe(input)).toBeUndefined();
  });
});

describe('parseEventAge', () => {
  it.each([
    ['14m', { count: 1, ages: { last: '14m', first: '14m' } }],
    ['2m11s (x8 over 14m)', { count: 8, ages: { last: '2m11s', first: '14m' } }],
    ['9s (x61 over 14m)', { count: 61, ages: { last: '9s', first: '14m' } }],
    ['<unknown>', { count: 1 }],
    ['<unknown> (x3 over <unknown>)', { count: 3 }],
    ['3m (x2 over', { count: 2, ages: { last: '3m', first: '3m' } }],
  ])('%s', (input, expected) => {
    expect(parseEventAge(input)).toEqual(expected);
  });
});

describe('parseEnvValue', () => {
  it.each([
    ['LOG_LEVEL', 'info', { name: 'LOG_LEVEL', value: 'info' }],
    [
      'DB_PASSWORD',
      "<set to the key 'password' in secret 'db-creds'>  Optional: false",
      {
        name: 'DB_PASSWORD',
        valueFrom: { secretKeyRef: { name: 'db-creds', key: 'password', optional: false } },
      },
    ],
    [
      'LEVEL',
      "<set to the key 'level' of config map 'app-cfg'>  Optional: true",
      {
        name: 'LEVEL',
        valueFrom: { configMapKeyRef: { name: 'app-cfg', key: 'level', optional: true } },
      },
    ],
    [
      'LEVEL',
      "<set to the key 'level' in config map 'app-cfg'>",
      { name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'app-cfg', key: 'level' } } },
    ],
    [
      'NODE',
      ' (v1:spec.nodeName)',
      { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
    ],
    [
      'APP',
      "shop (v1:metadata.labels['app'])",
      {
        name: 'APP',
        value: 'shop',
        valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } },
      },
    ],
    [
      'CPUS',
      'node allocatable (limits.cpu)',
      {
        name: 'CPUS',
        value: 'node allocatable',
        valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } },
      },
    ],
    ['NOTE', 'see (docs)', { name: 'NOTE', value: 'see (docs)' }],
  ])('%s: %s', (name, value, expected) => {
    expect(parseEnvValue(name, value)).toEqual(expected);
  });
});

describe('parseMount and parseToleration', () => {
  it.each([
    ['/data from data (rw)', { mountPath: '/data', name: 'data', readOnly: false }],
    ['/etc/cfg from cfg (ro)', { mountPath: '/etc/cfg', name: 'cfg', readOnly: true }],
    [
      '/etc/app/app.yaml from config (rw,path="app.yaml")',
      { mountPath: '/etc/app/app.yaml', name: 'config', readOnly: false, subPath: 'app.yaml' },
    ],
    ['/scratch from scratch', { mountPath: '/scratch', name: 'scratch' }],
  ])('mount %s', (input, expected) => {
    expect(parseMount(input)).toEqual(expected);
  });

  it.each([
    [
      'node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
      { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', operator: 'Exists' },
    ],
    ['CriticalAddonsOnly op=Exists', { key: 'CriticalAddonsOnly', operator: 'Exists' }],
    [
      'dedicated=gpu:NoSchedule',
      { key: 'dedicated', value: 'gpu', effect: 'NoSchedule', operator: 'Equal' },
    ],
    ['op=Exists', { operator: 'Exists' }],
    ['<none>', undefined],
  ])('toleration %s', (input, expected) => {
    expect(parseToleration(input)).toEqual(expected);
  });
});
