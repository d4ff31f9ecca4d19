import { testDetector } from '../testing/detector-tester.js';
import detector from './volume-full.js';

testDetector(detector, {
  healthy: [
    {
      name: 'an image pull failing for disk space on the node is not an app volume',
      paste: `$ kubectl describe pod api-7d9c8b6f5-k2x9q -n shop
Name:             api-7d9c8b6f5-k2x9q
Namespace:        shop
Status:           Pending
Containers:
  api:
    Image:          ghcr.io/acme/api:4.2.0
    State:          Waiting
      Reason:       ErrImagePull
    Restart Count:  0
Events:
  Type     Reason   Age   From     Message
  ----     ------   ----  ----     -------
  Warning  Failed   10s   kubelet  Failed to pull image "ghcr.io/acme/api:4.2.0": failed to extract layer: write /var/lib/containerd/tmpmounts/x: no space left on device
`,
    },
    {
      name: 'an app error unrelated to disk',
      paste: `$ kubectl logs api-7d9c8b6f5-k2x9q -n shop --previous
Error: connect ECONNREFUSED 10.0.0.5:5432
`,
    },
  ],
  failing: [
    {
      name: 'postgres PANIC on a full StatefulSet claim (get pods,pvc)',
      paste: `$ kubectl get pods,pvc -n billing-db
NAME                READY   STATUS             RESTARTS       AGE
pod/billing-pg-0    0/1     CrashLoopBackOff   14 (2m ago)    63d

NAME                                      STATUS   VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   AGE
persistentvolumeclaim/data-billing-pg-0   Bound    pvc-1c3e5b7d-9f1a-4c3e-8b7d-9f1a3c5e7b9d   20Gi       RWO            gp3            63d

$ kubectl logs billing-pg-0 -n billing-db --previous
2026-06-12 03:14:09.877 UTC [29] LOG:  redo done at 4/3FFFFF60
2026-06-12 03:14:09.902 UTC [29] PANIC:  could not write to file "pg_wal/xlogtemp.29": No space left on device
2026-06-12 03:14:09.975 UTC [1] LOG:  database system is shut down
`,
      expect: [
        {
          messageId: 'pvc',
          subcategory: 'pvc-full',
          minConfidence: 0.7,
          titleIncludes: ['data-billing-pg-0'],
        },
      ],
    },
    {
      name: 'an emptyDir at its sizeLimit',
      paste: `$ kubectl get pod exporter-5c8d7b9f6-q2w3e -n data -o yaml
apiVersion: v1
kind: Pod
metadata:
  name: exporter-5c8d7b9f6-q2w3e
  namespace: data
spec:
  containers:
  - name: exporter
    image: ghcr.io/acme/exporter:1.2.0
    volumeMounts:
    - mountPath: /scratch
      name: scratch
  volumes:
  - name: scratch
    emptyDir:
      sizeLimit: 2Gi
status:
  containerStatuses:
  - name: exporter
    restartCount: 3
    lastState:
      terminated:
        exitCode: 1
        reason: Error
    state:
      waiting:
        reason: CrashLoopBackOff

$ kubectl logs exporter-5c8d7b9f6-q2w3e -n data --previous
OSError: [Errno 28] No space left on device: '/scratch/export-2026-06-01.csv'
`,
      expect: [
        {
          messageId: 'emptyDir',
          subcategory: 'emptydir-full',
          minConfidence: 0.85,
          titleIncludes: ['scratch', '2Gi'],
        },
      ],
    },
    {
      name: 'no volume at the path: the writable layer on the node disk',
      paste: `$ kubectl logs loki-0 -n logging --previous
level=error msg="failed to flush" err="write /tmp/loki/chunks/ZmFrZQ: no space left on device"
`,
      expect: [{ messageId: 'layer', subcategory: 'disk-full' }],
    },
  ],
});
