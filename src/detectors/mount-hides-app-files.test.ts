import { testDetector } from '../testing/detector-tester.js';
import detector from './mount-hides-app-files.js';

const pod = (
  mounts: string,
  volumes: string,
): string => `$ kubectl describe pod checkout-ui-6c8d7b9f5c-w2rkd -n frontend
Name:             checkout-ui-6c8d7b9f5c-w2rkd
Namespace:        frontend
Status:           Running
Controlled By:    ReplicaSet/checkout-ui-6c8d7b9f5c
Containers:
  ui:
    Image:          ghcr.io/acme/checkout-ui:2026.6.9
    Command:
      node
      server.js
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  6
    Mounts:
${mounts}
Volumes:
${volumes}
$ kubectl logs checkout-ui-6c8d7b9f5c-w2rkd -n frontend --previous
Error: Cannot find module '/app/server.js'
`;

testDetector(detector, {
  healthy: [
    {
      name: 'the missing module is not under any volume: a wrong command',
      paste: pod(
        `      /app/.next/cache from cache (rw)`,
        `  cache:
    Type:       EmptyDir (a temporary directory that shares a pod's lifetime)
    Medium:`,
      ),
    },
    {
      name: 'a database that starts normally on its volume',
      paste: `$ kubectl logs pg-0 -n db --previous
2026-06-12 03:14:07.212 UTC [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432
2026-06-12 03:14:09.975 UTC [1] LOG:  database system is ready to accept connections
`,
    },
  ],
  failing: [
    {
      name: 'an emptyDir mounted over /app hides the entry script',
      paste: pod(
        `      /app from cache (rw)`,
        `  cache:
    Type:       EmptyDir (a temporary directory that shares a pod's lifetime)
    Medium:`,
      ),
      expect: [
        {
          messageId: 'hides',
          subcategory: 'mount-hides-image-files',
          minConfidence: 0.9,
          titleIncludes: ['cache', '/app', '/app/server.js'],
        },
      ],
    },
    {
      name: 'a ConfigMap mounted over the app directory',
      paste: pod(
        `      /app from app-config (ro)`,
        `  app-config:
    Type:      ConfigMap (a volume populated by a ConfigMap)
    Name:      checkout-ui-config
    Optional:  false`,
      ),
      expect: [{ messageId: 'hides', minConfidence: 0.85, titleIncludes: ['app-config'] }],
    },
    {
      name: 'postgres data directory is the mount point (lost+found)',
      paste: `$ kubectl logs keycloak-db-0 -n identity -p
initdb: error: directory "/var/lib/postgresql/data" exists but is not empty
initdb: detail: It contains a lost+found directory, perhaps due to it being a mount point.
initdb: hint: Using a mount point directly as the data directory is not recommended.

$ kubectl get pod keycloak-db-0 -n identity -o yaml
apiVersion: v1
kind: Pod
metadata:
  name: keycloak-db-0
  namespace: identity
spec:
  containers:
  - name: postgres
    image: postgres:17.2
    volumeMounts:
    - mountPath: /var/lib/postgresql/data
      name: data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: data-keycloak-db-0
status:
  containerStatuses:
  - name: postgres
    restartCount: 5
    lastState:
      terminated:
        exitCode: 1
        reason: Error
    state:
      waiting:
        reason: CrashLoopBackOff
`,
      expect: [
        {
          messageId: 'mountPoint',
          subcategory: 'mount-point-not-empty',
          minConfidence: 0.9,
          titleIncludes: ['/var/lib/postgresql/data', 'data'],
        },
      ],
    },
  ],
});
