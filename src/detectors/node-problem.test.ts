import { testDetector } from '../testing/detector-tester.js';
import detector from './node-problem.js';

const MEMORY_EVICTION = `$ kubectl describe pod api-7f9c6d8b4d-2xk8p -n web
Name:           api-7f9c6d8b4d-2xk8p
Namespace:      web
Node:           pool-a-node-3/
Labels:         app=api
                pod-template-hash=7f9c6d8b4d
Status:         Failed
Reason:         Evicted
Message:        The node was low on resource: memory. Threshold quantity: 100Mi, available: 92496Ki. Container api was using 1245184Ki, request is 256Mi, has larger consumption of memory.
Controlled By:  ReplicaSet/api-7f9c6d8b4d
Containers:
  api:
    Image:      registry.example.com/web/api:4.2.1
    Requests:
      cpu:        100m
      memory:     256Mi
Events:
  Type     Reason   Age   From     Message
  ----     ------   ----  ----     -------
  Warning  Evicted  38m   kubelet  The node was low on resource: memory. Threshold quantity: 100Mi, available: 92496Ki. Container api was using 1245184Ki, request is 256Mi, has larger consumption of memory.
  Normal   Killing  38m   kubelet  Stopping container api
`;

/** A crash-looping pod on \`node\`, with extra sections appended. */
function crashing(node: string, extra: string, reason = 'Error', code = '137'): string {
  return `$ kubectl describe pod reco-worker-6d5f9b8c47-tq2hz -n reco
Name:             reco-worker-6d5f9b8c47-tq2hz
Namespace:        reco
Node:             ${node}/10.156.0.41
Labels:           app=reco-worker
                  pod-template-hash=6d5f9b8c47
Status:           Running
Controlled By:    ReplicaSet/reco-worker-6d5f9b8c47
Containers:
  worker:
    Image:          europe-docker.pkg.dev/acme/reco/worker:12.0.1
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       ${reason}
      Exit Code:    ${code}
      Started:      Mon, 30 Mar 2026 08:21:07 +0000
      Finished:     Mon, 30 Mar 2026 08:40:49 +0000
    Ready:          False
    Restart Count:  5
    Limits:
      memory:  6Gi
    Requests:
      cpu:        500m
      memory:     1Gi
${extra}`;
}

testDetector(detector, {
  healthy: [
    {
      name: 'CoreDNS starting normally is not a DNS loop',
      paste: `$ kubectl logs coredns-5d78c9869d-7xk2p -n kube-system
.:53
[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5
CoreDNS-1.10.1
linux/amd64, go1.20, 055b2c3
`,
    },
    {
      name: 'crash loop on a healthy node (ruled out)',
      paste: `${crashing('node-1', '', 'Error', '1')}
$ kubectl get nodes
NAME     STATUS   ROLES    AGE   VERSION
node-1   Ready    <none>   43d   v1.29.6
`,
    },
    {
      name: "the container's own OOM kill belongs to oom-killed",
      paste: `${crashing('gke-prod-highmem-7c2a1e94-5n0t', '', 'OOMKilled', '137')}
$ kubectl get events -A --field-selector involvedObject.kind=Node
NAMESPACE   LAST SEEN   TYPE      REASON      OBJECT                                MESSAGE
default     47m         Warning   SystemOOM   node/gke-prod-highmem-7c2a1e94-5n0t   System OOM encountered, victim process: python3, pid: 2218735
`,
    },
  ],
  failing: [
    {
      name: "CoreDNS loop through the node's systemd-resolved stub (CRLF)",
      paste: `$ kubectl get pods -n kube-system\r
NAME                      READY   STATUS             RESTARTS   AGE\r
coredns-fb8b8dccf-4mvqz   0/1     CrashLoopBackOff   6          9m\r
\r
$ kubectl logs coredns-fb8b8dccf-4mvqz -n kube-system\r
2019-07-26T05:12:51.129Z [FATAL] plugin/loop: Loop (127.0.0.1:41862 -> :53) detected for zone ".", see https://coredns.io/plugins/loop#troubleshooting. Query: "HINFO 5398711436275103927.8104458012993526011."\r
\r
$ cat /etc/resolv.conf\r
nameserver 127.0.0.53\r
options edns0\r
`,
      expect: [
        {
          messageId: 'dnsLoop',
          subcategory: 'dns-loop',
          minConfidence: 0.85,
          titleIncludes: ['CoreDNS'],
        },
      ],
    },
    {
      name: "CoreDNS loop without the node's resolv.conf",
      paste: `$ kubectl logs coredns-fb8b8dccf-zt8c2 -n kube-system
[FATAL] plugin/loop: Loop (127.0.0.1:55953 -> :53) detected for zone ".", see https://coredns.io/plugins/loop#troubleshooting. Query: "HINFO 4547991504243258144.3688648895315093531."
`,
      expect: [{ messageId: 'dnsLoop', subcategory: 'dns-loop' }],
    },
    {
      name: 'memory-pressure eviction with the biggest consumer',
      paste: `${MEMORY_EVICTION}
$ kubectl describe node pool-a-node-3
Name:               pool-a-node-3
Conditions:
  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message
  ----             ------  -----------------                 ------------------                ------                       -------
  MemoryPressure   True    Tue, 17 Mar 2026 08:40:02 +0000   Tue, 17 Mar 2026 08:01:31 +0000   KubeletHasInsufficientMemory   kubelet has insufficient memory available
  Ready            True    Tue, 17 Mar 2026 08:40:02 +0000   Mon, 02 Feb 2026 10:00:30 +0000   KubeletReady                 kubelet is posting ready status
`,
      expect: [
        {
          messageId: 'evicted',
          subcategory: 'eviction-memory',
          titleIncludes: ['pool-a-node-3', 'memory', 'api'],
          minConfidence: 0.9,
        },
      ],
    },
    {
      name: 'ephemeral-storage eviction in pod YAML, old message wording',
      paste: `$ kubectl get pod hush-house-worker-0 -n ci -o yaml
apiVersion: v1
kind: Pod
metadata:
  name: hush-house-worker-0
  namespace: ci
spec:
  containers:
  - name: hush-house-worker
    image: concourse/concourse:7.11.2
  nodeName: gke-ci-pool-3-9a8b7c6d-x1y2
status:
  message: 'The node was low on resource: ephemeral-storage. Container hush-house-worker
    was using 73712Ki, which exceeds its request of 0. '
  phase: Failed
  reason: Evicted
  startTime: "2026-02-15T20:18:59Z"
`,
      expect: [{ messageId: 'evicted', subcategory: 'eviction-ephemeral-storage' }],
    },
    {
      name: 'rejected at admission for a node condition',
      paste: `$ kubectl describe pod batch-5f6d7c8b9a-abcde -n jobs
Name:           batch-5f6d7c8b9a-abcde
Namespace:      jobs
Node:           worker-7/
Status:         Failed
Reason:         Evicted
Message:        The node had condition: [DiskPressure].
Controlled By:  ReplicaSet/batch-5f6d7c8b9a
Containers:
  batch:
    Image:      ghcr.io/acme/batch:3.0.1
Events:
  Type     Reason   Age   From     Message
  ----     ------   ----  ----     -------
  Warning  Evicted  2m    kubelet  The node had condition: [DiskPressure].
`,
      expect: [
        { messageId: 'condition', subcategory: 'node-condition', titleIncludes: ['DiskPressure'] },
      ],
    },
    {
      name: 'containerd task times out on one node, siblings run elsewhere',
      paste: `$ kubectl get pods -n payments -o wide
NAME                           READY   STATUS              RESTARTS      AGE   IP             NODE      NOMINATED NODE   READINESS GATES
risk-engine-5b9d7c6f48-2p8xl   1/1     Running             0             6h    10.32.14.9     node-a    <none>           <none>
risk-engine-5b9d7c6f48-7rk4n   0/1     RunContainerError   4 (52s ago)   18m   10.32.40.77    node-c    <none>           <none>

$ kubectl describe pod risk-engine-5b9d7c6f48-7rk4n -n payments
Name:             risk-engine-5b9d7c6f48-7rk4n
Namespace:        payments
Node:             node-c/10.32.40.31
Status:           Running
Controlled By:    ReplicaSet/risk-engine-5b9d7c6f48
Containers:
  risk-engine:
    Image:          084375550617.dkr.ecr.eu-central-1.amazonaws.com/risk-engine:9.0.3
    State:          Waiting
      Reason:       RunContainerError
    Last State:     Terminated
      Reason:       StartError
      Message:      failed to create containerd task: failed to create shim task: context deadline exceeded: unknown
      Exit Code:    128
    Ready:          False
    Restart Count:  4
Events:
  Type     Reason   Age                From     Message
  ----     ------   ----               ----     -------
  Warning  Failed   16m (x5 over 18m)  kubelet  Error: failed to create containerd task: failed to create shim task: context deadline exceeded: unknown
`,
      expect: [
        {
          messageId: 'runtime',
          subcategory: 'runtime',
          titleIncludes: ['node-c'],
          minConfidence: 0.85,
        },
      ],
    },
    {
      name: 'node NotReady (kubelet stopped posting status) and NodeNotReady on the pod',
      paste: crashing(
        'worker-9',
        `Events:
  Type     Reason        Age   From             Message
  ----     ------        ----  ----             -------
  Warning  NodeNotReady  3m    node-controller  Node is not ready

$ kubectl describe node worker-9
Name:               worker-9
Conditions:
  Type             Status    LastHeartbeatTime                 LastTransitionTime                Reason              Message
  ----             ------    -----------------                 ------------------                ------              -------
  MemoryPressure   Unknown   Mon, 30 Mar 2026 08:38:02 +0000   Mon, 30 Mar 2026 08:41:20 +0000   NodeStatusUnknown   Kubelet stopped posting node status.
  Ready            Unknown   Mon, 30 Mar 2026 08:38:02 +0000   Mon, 30 Mar 2026 08:41:20 +0000   NodeStatusUnknown   Kubelet stopped posting node status.
`,
        'Error',
        '1',
      ),
      expect: [
        { messageId: 'notReady', subcategory: 'node-not-ready', titleIncludes: ['worker-9'] },
      ],
    },
    {
      name: 'node-level OOM with several victims',
      paste: `${crashing('gke-prod-highmem-7c2a1e94-5n0t', '')}
$ kubectl get events -A --field-selector involvedObject.kind=Node
NAMESPACE   LAST SEEN   TYPE      REASON      OBJECT                                MESSAGE
default     47m         Warning   SystemOOM   node/gke-prod-highmem-7c2a1e94-5n0t   System OOM encountered, victim process: python3, pid: 2218735
default     31m         Warning   SystemOOM   node/gke-prod-highmem-7c2a1e94-5n0t   System OOM encountered, victim process: java, pid: 2230196
`,
      expect: [{ messageId: 'nodeOom', subcategory: 'node-oom', minConfidence: 0.8 }],
    },
    {
      name: 'only the pods on one node fail',
      paste: `$ kubectl get pods -n reco -o wide
NAME                           READY   STATUS             RESTARTS       AGE   IP            NODE      NOMINATED NODE   READINESS GATES
reco-worker-6d5f9b8c47-tq2hz   0/1     CrashLoopBackOff   5 (1m ago)     3h    10.48.7.22    node-7    <none>           <none>
reco-worker-6d5f9b8c47-b8w4k   1/1     Running            0              3h    10.48.2.10    node-2    <none>           <none>
reco-worker-6d5f9b8c47-m2n7p   1/1     Running            0              3h    10.48.3.31    node-3    <none>           <none>
`,
      expect: [{ messageId: 'onlyThisNode', subcategory: 'node-specific', role: 'cause' }],
    },
    {
      name: 'disk pressure on the node as a contributing factor',
      paste: crashing(
        'worker-4',
        `
$ kubectl describe node worker-4
Name:               worker-4
Conditions:
  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                   Message
  ----             ------  -----------------                 ------------------                ------                   -------
  DiskPressure     True    Mon, 30 Mar 2026 08:40:02 +0000   Mon, 30 Mar 2026 08:01:31 +0000   KubeletHasDiskPressure   kubelet has disk pressure
  Ready            True    Mon, 30 Mar 2026 08:40:02 +0000   Mon, 02 Feb 2026 10:00:30 +0000   KubeletReady             kubelet is posting ready status
`,
        'Error',
        '1',
      ),
      expect: [{ messageId: 'pressureFactor', role: 'factor' }],
    },
    {
      name: 'kernel setting: Elasticsearch bootstrap check on vm.max_map_count',
      paste: `$ kubectl get pods -n elastic
NAME                     READY   STATUS             RESTARTS       AGE
elasticsearch-master-0   0/1     CrashLoopBackOff   6 (2m1s ago)   9m

$ kubectl logs elasticsearch-master-0 -n elastic --previous
ERROR: [1] bootstrap checks failed. You must address the points described in the following [1] lines before starting Elasticsearch.
bootstrap check failure [1] of [1]: max virtual memory areas vm.max_map_count [65530] is too low, increase to at least [262144]
ERROR: Elasticsearch did not exit normally - check the logs at /usr/share/elasticsearch/logs/elasticsearch.log
`,
      expect: [
        {
          messageId: 'kernelSetting',
          subcategory: 'kernel-setting',
          titleIncludes: ['vm.max_map_count', '65530', '262144'],
          minConfidence: 0.85,
        },
      ],
    },
    {
      name: "own limit: evicted for the pod's ephemeral-storage limit, not node pressure",
      paste: `$ kubectl describe pod transcoder-5d8c9b7f6-wm2qx -n media
Name:             transcoder-5d8c9b7f6-wm2qx
Namespace:        media
Node:             ip-10-8-21-140.ec2.internal/10.8.21.140
Status:           Failed
Reason:           Evicted
Message:          Pod ephemeral local storage usage exceeds the total limit of containers 2Gi.
Controlled By:    ReplicaSet/transcoder-5d8c9b7f6
Containers:
  transcoder:
    Image:          ghcr.io/mediaco/transcoder:6.1
    State:          Terminated
      Reason:       Error
      Exit Code:    137
    Restart Count:  0
    Limits:
      ephemeral-storage:  2Gi
Events:
  Type     Reason     Age    From     Message
  ----     ------     ----   ----     -------
  Warning  Evicted    9m2s   kubelet  Pod ephemeral local storage usage exceeds the total limit of containers 2Gi.
  Normal   Killing    9m2s   kubelet  Stopping container transcoder
`,
      expect: [
        {
          messageId: 'ownLimit',
          category: 'volume-mount',
          subcategory: 'ephemeral-storage-limit',
          titleIncludes: ['2Gi'],
        },
      ],
    },
    {
      name: 'own limit: an emptyDir over its sizeLimit (events only)',
      paste: `$ kubectl get events -n build --field-selector involvedObject.name=bazel-runner-0
LAST SEEN   TYPE      REASON    OBJECT               MESSAGE
1m          Warning   Evicted   pod/bazel-runner-0   Usage of EmptyDir volume "cache" exceeds the limit "10Gi".
1m          Normal    Killing   pod/bazel-runner-0   Stopping container runner
`,
      expect: [
        {
          messageId: 'ownLimit',
          category: 'volume-mount',
          subcategory: 'emptydir-size-limit',
          titleIncludes: ['cache', '10Gi'],
        },
      ],
    },
  ],
});
