import { testDetector } from '../testing/detector-tester.js';
import detector from './pod-unschedulable.js';

/** `kubectl describe pod` of a Pending pod with one FailedScheduling event. */
function pending(opts: {
  message: string;
  requests?: string;
  selector?: string;
  tolerations?: string;
  volumes?: string;
  extra?: string;
}): string {
  return `$ kubectl describe pod trainer-7c9d8f6b5-zq2lt -n ml
Name:             trainer-7c9d8f6b5-zq2lt
Namespace:        ml
Priority:         0
Service Account:  default
Node:             <none>
Labels:           app=trainer
                  pod-template-hash=7c9d8f6b5
Status:           Pending
IP:
Controlled By:    ReplicaSet/trainer-7c9d8f6b5
Containers:
  trainer:
    Image:      ghcr.io/acme/trainer:0.9.1
    Port:       <none>
    Host Port:  <none>
    Requests:
${opts.requests ?? '      cpu:        500m\n      memory:     1Gi'}
    Environment:  <none>
    Mounts:       <none>
Conditions:
  Type           Status
  PodScheduled   False
Volumes:${opts.volumes ?? '         <none>'}
QoS Class:       Burstable
Node-Selectors:  ${opts.selector ?? '<none>'}
Tolerations:     ${opts.tolerations ?? 'node.kubernetes.io/not-ready:NoExecute op=Exists for 300s'}
                 node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type     Reason            Age                  From               Message
  ----     ------            ----                 ----               -------
  Warning  FailedScheduling  3m12s (x4 over 18m)  default-scheduler  ${opts.message}
${opts.extra ?? ''}`;
}

testDetector(detector, {
  healthy: [
    {
      name: 'a scheduled, running pod',
      paste: `$ kubectl describe pod api-6b7c8d9f5-t4x2m -n shop
Name:             api-6b7c8d9f5-t4x2m
Namespace:        shop
Node:             node-1/10.0.0.11
Status:           Running
Containers:
  api:
    Image:          registry.example.com/shop/api:2.3.0
    State:          Running
      Started:      Tue, 17 Mar 2026 10:02:31 +0000
    Ready:          True
    Restart Count:  0
Events:
  Type    Reason     Age   From               Message
  ----    ------     ----  ----               -------
  Normal  Scheduled  9m    default-scheduler  Successfully assigned shop/api-6b7c8d9f5-t4x2m to node-1
`,
    },
    {
      name: 'a crash-looping pod whose ReplicaSet also hit the quota',
      paste: `$ kubectl get pods -n team-a
NAME                         READY   STATUS             RESTARTS     AGE
ledger-api-5d94c8f7b6-t8kzm  0/1     CrashLoopBackOff   4 (20s ago)  6m

$ kubectl get events -n team-a
LAST SEEN   TYPE      REASON         OBJECT                             MESSAGE
44s         Warning   FailedCreate   replicaset/ledger-api-5d94c8f7b6   Error creating: pods "ledger-api-5d94c8f7b6-w2b9c" is forbidden: exceeded quota: team-a-compute, requested: limits.memory=2Gi, used: limits.memory=7Gi, limited: limits.memory=8Gi
`,
    },
  ],
  failing: [
    {
      name: 'insufficient memory on every node, request above node size',
      paste: pending({
        message:
          '0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
        requests: '      cpu:        1\n      memory:     18Gi',
        extra: `
$ kubectl describe node ip-10-0-1-12.ec2.internal
Name:               ip-10-0-1-12.ec2.internal
Roles:              <none>
Taints:             <none>
Unschedulable:      false
Allocatable:
  cpu:                3920m
  memory:             15397872Ki
  pods:               58
`,
      }),
      expect: [
        {
          messageId: 'noFit',
          subcategory: 'insufficient-memory',
          titleIncludes: ['18Gi', 'larger than any node'],
          minConfidence: 0.9,
        },
      ],
    },
    {
      name: 'control-plane taint, selector and memory: the selected nodes lack memory',
      paste: pending({
        message:
          "0/5 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector, 2 Insufficient memory. preemption: 0/5 nodes are available: 2 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.",
        requests: '      cpu:        4\n      memory:     24Gi',
        selector: 'workload=batch',
      }),
      expect: [{ messageId: 'noFit', subcategory: 'insufficient-memory' }],
    },
    {
      name: 'GPU pool selected but its taint not tolerated',
      paste: pending({
        message:
          "0/6 nodes are available: 2 node(s) had untolerated taint {nvidia.com/gpu: present}, 4 node(s) didn't match Pod's node affinity/selector. preemption: 0/6 nodes are available: 6 Preemption is not helpful for scheduling.",
        selector: 'cloud.google.com/gke-nodepool=gpu-l4-pool',
      }),
      expect: [
        { messageId: 'noFit', subcategory: 'taint', titleIncludes: ['nvidia.com/gpu=present'] },
      ],
    },
    {
      name: 'selector matches no node at all',
      paste: pending({
        message:
          "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
        selector: 'disktype=ssdd',
        extra: `
$ kubectl get nodes --show-labels
NAME     STATUS   ROLES    AGE   VERSION   LABELS
node-1   Ready    <none>   30d   v1.30.4   disktype=ssd,kubernetes.io/hostname=node-1
node-2   Ready    <none>   30d   v1.30.4   disktype=hdd,kubernetes.io/hostname=node-2
node-3   Ready    <none>   30d   v1.30.4   disktype=ssd,kubernetes.io/hostname=node-3
`,
      }),
      expect: [
        { messageId: 'noFit', subcategory: 'node-selector', titleIncludes: ['disktype=ssdd'] },
      ],
    },
    {
      name: 'unbound claim whose StorageClass does not exist',
      paste: pending({
        message:
          '0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
        volumes: `
  data:
    Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)
    ClaimName:  data-trainer
    ReadOnly:   false`,
        extra: `
$ kubectl get pvc -n ml
NAME           STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS    AGE
data-trainer   Pending                                      gp3-encrypted   18m

$ kubectl get storageclass
NAME            PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE
gp2 (default)   kubernetes.io/aws-ebs   Delete          WaitForFirstConsumer   false                  412d
`,
      }),
      expect: [
        { messageId: 'noFit', subcategory: 'unbound-pvc', titleIncludes: ['gp3-encrypted'] },
      ],
    },
    {
      name: 'volume node affinity conflict (zonal disk)',
      paste: pending({
        message:
          '0/4 nodes are available: 1 Insufficient cpu, 3 node(s) had volume node affinity conflict. preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.',
      }),
      expect: [{ messageId: 'noFit', subcategory: 'volume-node-affinity' }],
    },
    {
      name: 'pods-per-node limit',
      paste: pending({
        message:
          '0/2 nodes are available: 2 Too many pods. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
      }),
      expect: [{ messageId: 'noFit', subcategory: 'too-many-pods' }],
    },
    {
      name: 'pre-1.10 predicate format',
      paste: pending({
        message:
          'No nodes are available that match all of the following predicates:: Insufficient cpu (3), MatchNodeSelector (2).',
      }).replace('Node-Selectors:  <none>', 'Node-Selectors:  role=compute'),
      expect: [{ messageId: 'noFit', subcategory: 'insufficient-cpu' }],
    },
    {
      name: 'single-node cluster with the old master taint wording',
      paste: pending({
        message:
          "0/1 nodes are available: 1 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate.",
      }),
      expect: [{ messageId: 'noFit', subcategory: 'taint' }],
    },
    {
      name: 'Pending with a PodScheduled condition but no message',
      paste: `$ kubectl get pod worker-0 -n jobs -o yaml
apiVersion: v1
kind: Pod
metadata:
  name: worker-0
  namespace: jobs
spec:
  containers:
  - name: worker
    image: ghcr.io/acme/worker:1.0.0
status:
  conditions:
  - lastTransitionTime: "2026-03-28T07:02:19Z"
    reason: Unschedulable
    status: "False"
    type: PodScheduled
  phase: Pending
`,
      expect: [{ messageId: 'pending', subcategory: 'pending' }],
    },
  ],
});
