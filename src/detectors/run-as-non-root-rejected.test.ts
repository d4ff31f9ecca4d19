import { testDetector } from '../testing/detector-tester.js';
import detector from './run-as-non-root-rejected.js';

testDetector(detector, {
  healthy: [
    {
      name: 'a missing Secret is CreateContainerConfigError too, but not this',
      paste: `$ kubectl describe pod api-7d9c8b6f5-k2x9q -n shop
Name:             api-7d9c8b6f5-k2x9q
Namespace:        shop
Status:           Pending
Containers:
  api:
    Image:          ghcr.io/acme/api:4.2.0
    State:          Waiting
      Reason:       CreateContainerConfigError
    Restart Count:  0
Events:
  Type     Reason   Age                From     Message
  ----     ------   ----               ----     -------
  Warning  Failed   5s (x8 over 90s)   kubelet  Error: secret "api-db" not found
`,
    },
    {
      name: 'a running non-root container',
      paste: `$ kubectl get pod web-5d8f7c9b6-abcde -n web -o yaml
apiVersion: v1
kind: Pod
metadata:
  name: web-5d8f7c9b6-abcde
  namespace: web
spec:
  containers:
  - name: web
    image: nginxinc/nginx-unprivileged:1.27
    securityContext:
      runAsNonRoot: true
      runAsUser: 101
status:
  containerStatuses:
  - name: web
    ready: true
    restartCount: 0
    state:
      running:
        startedAt: "2026-05-01T10:00:00Z"
`,
    },
  ],
  failing: [
    {
      name: 'image runs as root, message only in the Failed event (describe)',
      paste: `$ kubectl describe pod docs-portal-58c9d6b7f4-9wqzr -n tenant-acme
Name:             docs-portal-58c9d6b7f4-9wqzr
Namespace:        tenant-acme
Status:           Pending
Controlled By:    ReplicaSet/docs-portal-58c9d6b7f4
Containers:
  web:
    Image:          nginx:1.27.5
    Port:           80/TCP
    State:          Waiting
      Reason:       CreateContainerConfigError
    Restart Count:  0
Events:
  Type     Reason     Age                   From               Message
  ----     ------     ----                  ----               -------
  Warning  Failed     66s (x26 over 6m18s)  kubelet            Error: container has runAsNonRoot and image will run as root (pod: "docs-portal-58c9d6b7f4-9wqzr_tenant-acme(4c6e8b0d-2f4a-4c6e-8b0d-2f4a6c8e0b2d)", container: web)
`,
      expect: [
        {
          messageId: 'root',
          subcategory: 'image-runs-as-root',
          minConfidence: 0.95,
          titleIncludes: ['nginx:1.27.5', 'web'],
        },
      ],
    },
    {
      name: 'image user by name, folded YAML waiting message',
      paste: `$ kubectl get pod keycloak-0 -n identity -o yaml
apiVersion: v1
kind: Pod
metadata:
  name: keycloak-0
  namespace: identity
spec:
  containers:
  - name: keycloak
    image: registry.acme.internal/identity/keycloak:26.0.7-acme.2
    securityContext:
      runAsNonRoot: true
status:
  containerStatuses:
  - name: keycloak
    ready: false
    restartCount: 0
    state:
      waiting:
        message: 'container has runAsNonRoot and image has non-numeric user (keycloak),
          cannot verify user is non-root (pod: "keycloak-0_identity(2e4a6c8e-0b2d-4f6a-8c0e-2b4d6f8a0c2e)",
          container: keycloak)'
        reason: CreateContainerConfigError
`,
      expect: [
        {
          messageId: 'named',
          subcategory: 'non-numeric-user',
          titleIncludes: ['keycloak'],
        },
      ],
    },
    {
      name: 'runAsUser 0 together with runAsNonRoot',
      paste: `$ kubectl get pod tools-0 -n ops -o json
{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": { "name": "tools-0", "namespace": "ops" },
  "spec": {
    "securityContext": { "runAsNonRoot": true },
    "containers": [ { "name": "tools", "image": "alpine:3.20", "securityContext": { "runAsUser": 0 } } ]
  },
  "status": {
    "containerStatuses": [
      { "name": "tools", "restartCount": 0, "state": { "waiting": { "reason": "CreateContainerConfigError", "message": "container's runAsUser breaks non-root policy (pod: \\"tools-0_ops(1a2b3c4d-0000-4000-8000-000000000002)\\", container: tools)" } } }
    ]
  }
}
`,
      expect: [{ messageId: 'zero', subcategory: 'run-as-user-zero' }],
    },
  ],
});
