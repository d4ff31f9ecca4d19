import { testDetector } from '../testing/detector-tester.js';
import detector from './volume-mount-failed.js';

testDetector(detector, {
  healthy: [
    {
      name: 'a FailedMount for a missing ConfigMap is missing-config, not this',
      paste: `$ kubectl get events -n shop
LAST SEEN   TYPE      REASON        OBJECT                          MESSAGE
30s         Warning   FailedMount   pod/api-7d9c8b6f5-k2x9q         MountVolume.SetUp failed for volume "cfg" : configmap "api-cfg" not found
`,
    },
    {
      name: 'a crash loop with healthy volumes',
      paste: `$ kubectl describe pod api-7d9c8b6f5-k2x9q -n shop
Name:             api-7d9c8b6f5-k2x9q
Namespace:        shop
Status:           Running
Containers:
  api:
    Image:          ghcr.io/acme/api:4.2.0
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  6
    Mounts:
      /data from data (rw)
Events:
  Type     Reason                  Age   From                     Message
  ----     ------                  ----  ----                     -------
  Normal   SuccessfulAttachVolume  12m   attachdetach-controller  AttachVolume.Attach succeeded for volume "pvc-3f1c2a9e"
`,
    },
  ],
  failing: [
    {
      name: 'Multi-Attach of a ReadWriteOnce volume during a rolling update (events only)',
      paste: `$ kubectl get events -n reports
LAST SEEN   TYPE      REASON               OBJECT                                MESSAGE
11m         Warning   FailedAttachVolume   pod/report-builder-7d6f5c9b8b-xs4nq   Multi-Attach error for volume "pvc-5c7e9b1d-3f5a-4c7e-9b1d-3f5a7c9e1b3d" Volume is already used by pod(s) report-builder-59b8c7d6f4-r8ktz
2m14s       Warning   FailedMount          pod/report-builder-7d6f5c9b8b-xs4nq   Unable to attach or mount volumes: unmounted volumes=[reports-data], unattached volumes=[reports-data kube-api-access-b7x4m]: timed out waiting for the condition
`,
      expect: [
        {
          messageId: 'multiAttach',
          subcategory: 'multi-attach',
          minConfidence: 0.85,
          titleIncludes: ['report-builder-59b8c7d6f4-r8ktz'],
        },
      ],
    },
    {
      name: 'hostPath of type Socket missing on a containerd node',
      paste: `$ kubectl describe pod ci-runner-7f4c8d9b6f-qz5kp -n ci
Name:             ci-runner-7f4c8d9b6f-qz5kp
Namespace:        ci
Node:             worker-7/10.8.14.203
Status:           Pending
Controlled By:    ReplicaSet/ci-runner-7f4c8d9b6f
Containers:
  runner:
    Image:          ghcr.io/acme/ci-runner:5.1.0
    State:          Waiting
      Reason:       ContainerCreating
    Restart Count:  0
    Mounts:
      /var/run/docker.sock from docker-sock (rw)
Volumes:
  docker-sock:
    Type:          HostPath (bare host directory volume)
    Path:          /var/run/docker.sock
    HostPathType:  Socket
Events:
  Type     Reason       Age                 From     Message
  ----     ------       ----                ----     -------
  Warning  FailedMount  112s (x11 over 6m)  kubelet  MountVolume.SetUp failed for volume "docker-sock" : hostPath type check failed: /var/run/docker.sock is not a socket file
`,
      expect: [
        {
          messageId: 'hostPathType',
          subcategory: 'hostpath-type',
          minConfidence: 0.9,
          titleIncludes: ['/var/run/docker.sock', 'socket file'],
        },
      ],
    },
    {
      name: 'subPath cannot be prepared (CreateContainerConfigError)',
      paste: `$ kubectl describe pod grafana-7b9d8f6c5d-vn2xq -n monitoring
Name:             grafana-7b9d8f6c5d-vn2xq
Namespace:        monitoring
Status:           Pending
Controlled By:    ReplicaSet/grafana-7b9d8f6c5d
Containers:
  grafana:
    Image:          docker.io/grafana/grafana:11.4.0
    State:          Waiting
      Reason:       CreateContainerConfigError
    Restart Count:  0
    Mounts:
      /etc/grafana/grafana.ini from config (rw,path="grafana.ini")
Events:
  Type     Reason     Age                From               Message
  ----     ------     ----               ----               -------
  Warning  Failed     6s (x9 over 91s)   kubelet            Error: failed to prepare subPath for volumeMount "config" of container "grafana"
`,
      expect: [{ messageId: 'subPath', subcategory: 'subpath', titleIncludes: ['config'] }],
    },
    {
      name: 'a ConfigMap directory mounted onto a file (StartError: not a directory)',
      paste: `$ kubectl describe pod api-gateway-5d8c9b7f6d-lx4pt -n gateway
Name:             api-gateway-5d8c9b7f6d-lx4pt
Namespace:        gateway
Status:           Running
Controlled By:    ReplicaSet/api-gateway-5d8c9b7f6d
Containers:
  nginx:
    Image:          nginx:1.27.5
    State:          Waiting
      Reason:       RunContainerError
    Last State:     Terminated
      Reason:       StartError
      Message:      failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "/var/lib/kubelet/pods/2f4a/volumes/kubernetes.io~configmap/nginx-conf" to rootfs at "/etc/nginx/nginx.conf": mount /var/lib/kubelet/pods/2f4a/volumes/kubernetes.io~configmap/nginx-conf:/etc/nginx/nginx.conf (via /proc/self/fd/6), flags: 0x5001: not a directory: unknown
      Exit Code:    128
    Restart Count:  5
    Mounts:
      /etc/nginx/nginx.conf from nginx-conf (ro)
Volumes:
  nginx-conf:
    Type:      ConfigMap (a volume populated by a ConfigMap)
    Name:      api-gateway-nginx
    Optional:  false
`,
      expect: [
        {
          messageId: 'typeMismatch',
          subcategory: 'mount-type-mismatch',
          minConfidence: 0.85,
          titleIncludes: ['/etc/nginx/nginx.conf'],
        },
      ],
    },
    {
      name: 'Pending on a PersistentVolumeClaim that does not exist',
      paste: `$ kubectl describe pod notebook-6f7c9d8b54-2fxtl -n ml
Name:             notebook-6f7c9d8b54-2fxtl
Namespace:        ml
Node:             <none>
Status:           Pending
Controlled By:    ReplicaSet/notebook-6f7c9d8b54
Containers:
  jupyter:
    Image:      quay.io/jupyter/scipy-notebook:2026-06-15
    Mounts:
      /home/jovyan/work from workspace (rw)
Conditions:
  Type           Status
  PodScheduled   False
Volumes:
  workspace:
    Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)
    ClaimName:  notebook-workspace
    ReadOnly:   false
Events:
  Type     Reason            Age                  From               Message
  ----     ------            ----                 ----               -------
  Warning  FailedScheduling  58s (x3 over 11m)    default-scheduler  0/6 nodes are available: persistentvolumeclaim "notebook-workspace" not found. preemption: 0/6 nodes are available: 6 Preemption is not helpful for scheduling.
`,
      expect: [
        {
          messageId: 'pvcMissing',
          subcategory: 'pvc-missing',
          minConfidence: 0.9,
          titleIncludes: ['notebook-workspace', 'ml'],
        },
      ],
    },
    {
      name: 'an NFS mount that fails',
      paste: `$ kubectl get events -n media
LAST SEEN   TYPE      REASON        OBJECT                      MESSAGE
40s         Warning   FailedMount   pod/transcoder-5c8d7b9f6-q2w3e   MountVolume.SetUp failed for volume "media-nfs" : mount failed: exit status 32
`,
      expect: [
        { messageId: 'mountFailed', subcategory: 'mount-failed', titleIncludes: ['media-nfs'] },
      ],
    },
    {
      name: 'a claim Pending because its StorageClass does not exist',
      paste: `$ kubectl describe pod minio-0 -n storage
Name:             minio-0
Namespace:        storage
Node:             <none>
Status:           Pending
Controlled By:    StatefulSet/minio
Containers:
  minio:
    Image:      quay.io/minio/minio:RELEASE.2026-05-01T00-00-00Z
    Mounts:
      /data from data (rw)
Volumes:
  data:
    Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)
    ClaimName:  data-minio-0
    ReadOnly:   false
Events:
  Type     Reason            Age   From               Message
  ----     ------            ----  ----               -------
  Warning  FailedScheduling  2m    default-scheduler  0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.

$ kubectl get pvc -n storage
NAME           STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   AGE
data-minio-0   Pending                                      fast-ssd       2m

$ kubectl get events -n storage --field-selector involvedObject.name=data-minio-0
LAST SEEN   TYPE      REASON               OBJECT                               MESSAGE
10s         Warning   ProvisioningFailed   persistentvolumeclaim/data-minio-0   storageclass.storage.k8s.io "fast-ssd" not found
`,
      expect: [
        { messageId: 'pvcPending', subcategory: 'pvc-pending', titleIncludes: ['data-minio-0'] },
      ],
    },
  ],
});
