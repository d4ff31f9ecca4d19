import { testDetector } from '../testing/detector-tester.js';
import detector from './exec-format-error.js';

testDetector(detector, {
  healthy: [
    {
      name: 'a command that is not found is not an architecture problem',
      paste: `$ kubectl logs worker-6c9f8d7b5-xk2lp -n billing --previous
/bin/sh: 1: celery: not found
`,
    },
    {
      name: 'a Go panic on an arm64 node is an app crash',
      paste: `$ kubectl logs api-5f7d9c8b6d-2xkqp -n payments --previous
api 2.1.0 linux/arm64 starting
panic: runtime error: index out of range [3] with length 3
`,
    },
  ],
  failing: [
    {
      name: 'amd64-only image on a Graviton (arm64) node',
      paste: `$ kubectl get pods -n payments -o wide
NAME                          READY   STATUS             RESTARTS        AGE   IP           NODE                                       NOMINATED NODE   READINESS GATES
ledger-5f7d9c8b6d-2xkqp       0/1     CrashLoopBackOff   7 (2m14s ago)   13m   10.42.7.19   ip-10-20-5-88.us-east-2.compute.internal   <none>           <none>

$ kubectl logs ledger-5f7d9c8b6d-2xkqp -n payments --previous
exec /usr/local/bin/ledger: exec format error

$ kubectl describe node ip-10-20-5-88.us-east-2.compute.internal
Name:               ip-10-20-5-88.us-east-2.compute.internal
Roles:              <none>
Labels:             kubernetes.io/arch=arm64
                    kubernetes.io/os=linux
                    node.kubernetes.io/instance-type=m7g.xlarge
`,
      expect: [
        {
          messageId: 'nodeOnly',
          minConfidence: 0.85,
          titleIncludes: ['arm64', 'ip-10-20-5-88.us-east-2.compute.internal'],
        },
      ],
    },
    {
      name: 'arch in the image name and an ARM node name: a certain mismatch',
      paste: `$ kubectl describe pod kuard-6d5c7f8b9d-5wz2x
Name:         kuard-6d5c7f8b9d-5wz2x
Namespace:    default
Node:         rpi4-node-2/192.168.1.52
Status:       Running
Controlled By:  ReplicaSet/kuard-6d5c7f8b9d
Containers:
  kuard:
    Image:          gcr.io/kuar-demo/kuard-amd64:blue
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  7

$ kubectl logs kuard-6d5c7f8b9d-5wz2x
standard_init_linux.go:211: exec user process caused "exec format error"
`,
      expect: [
        {
          messageId: 'mismatch',
          subcategory: 'amd64-on-arm',
          minConfidence: 0.95,
          titleIncludes: ['amd64', 'rpi4-node-2'],
        },
      ],
    },
    {
      name: 'image manifest arm64 only (imagetools), amd64 nodes',
      paste: `$ kubectl logs promo-engine-7d9b8f6c54-hx2rt -n growth --previous
exec /app/promo-engine: exec format error

$ kubectl get nodes -L kubernetes.io/arch
NAME                                  STATUS   ROLES    AGE   VERSION               ARCH
gke-growth-default-pool-4f2a9c1e-2bqx Ready    <none>   41d   v1.31.6-gke.1020000   amd64

$ docker buildx imagetools inspect europe-west1-docker.pkg.dev/acme/apps/promo-engine:1.7.0
Name:      europe-west1-docker.pkg.dev/acme/apps/promo-engine:1.7.0
MediaType: application/vnd.oci.image.index.v1+json

Manifests:
  Name:        europe-west1-docker.pkg.dev/acme/apps/promo-engine:1.7.0@sha256:9d1f3a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f
  MediaType:   application/vnd.oci.image.manifest.v1+json
  Platform:    linux/arm64
`,
      expect: [{ messageId: 'mismatch', subcategory: 'arm64-on-amd64', minConfidence: 0.95 }],
    },
    {
      name: 'a bundled binary of another architecture, spawned by a Python app',
      paste: `$ kubectl logs invoice-renderer-64f8b9d7c5-vp4lx -n billing --previous
2026-05-11 08:14:02,118 INFO  [renderer] starting invoice-renderer 3.2.0 (python 3.12.3, linux-aarch64)
2026-05-11 08:14:02,120 INFO  [renderer] warming up PDF engine
Traceback (most recent call last):
  File "/opt/renderer/app/pdf.py", line 41, in warm_up
    out = subprocess.run([self.binary, "--version"], capture_output=True, check=True)
OSError: [Errno 8] Exec format error: '/opt/renderer/bin/wkhtmltopdf'
`,
      expect: [
        {
          messageId: 'bundled',
          subcategory: 'bundled-binary',
          titleIncludes: ['/opt/renderer/bin/wkhtmltopdf', 'arm64'],
        },
      ],
    },
    {
      name: 'same architecture on both sides: a script without a #! line',
      paste: `$ kubectl describe pod sync-7d9b8f6c54-hx2rt -n ops
Name:             sync-7d9b8f6c54-hx2rt
Namespace:        ops
Node:             worker-1/10.0.0.11
Status:           Running
Controlled By:    ReplicaSet/sync-7d9b8f6c54
Containers:
  sync:
    Image:          registry.acme.io/ops/sync:1.0.0-amd64
    Command:
      /opt/sync/entrypoint.sh
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  3

$ kubectl logs sync-7d9b8f6c54-hx2rt -n ops --previous
exec /opt/sync/entrypoint.sh: exec format error

$ kubectl describe node worker-1
Name:               worker-1
Labels:             kubernetes.io/arch=amd64
`,
      expect: [
        {
          messageId: 'script',
          category: 'bad-command',
          subcategory: 'missing-shebang',
          minConfidence: 0.75,
        },
      ],
      rulesOut: ['image-arch-mismatch'],
    },
  ],
});
