import { testDetector } from '../testing/detector-tester.js';
import detector from './config-ref-missing.js';

testDetector(detector, {
  healthy: [
    {
      name: 'a FailedMount that is not about a missing object (NFS mount error)',
      paste: `$ kubectl describe pod media-indexer-5c6d7e8f9-a1b2c -n media
Name:             media-indexer-5c6d7e8f9-a1b2c
Namespace:        media
Status:           Running
Controlled By:    ReplicaSet/media-indexer-5c6d7e8f9
Containers:
  indexer:
    Image:          registry.acme.io/media/indexer:1.9.0
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  3
Events:
  Type     Reason       Age                From     Message
  ----     ------       ----               ----     -------
  Warning  FailedMount  2m (x4 over 8m)    kubelet  MountVolume.SetUp failed for volume "archive" : mount failed: exit status 32
`,
    },
    {
      name: 'an image pull failure (Failed event, but no missing object)',
      paste: `$ kubectl describe pod api-6b5c4d3e2-f1g0h -n shop
Name:             api-6b5c4d3e2-f1g0h
Namespace:        shop
Status:           Pending
Controlled By:    ReplicaSet/api-6b5c4d3e2
Containers:
  api:
    Image:          ghcr.io/acme/api:4.2.1
    State:          Waiting
      Reason:       ImagePullBackOff
    Restart Count:  0
Events:
  Type     Reason   Age                From     Message
  ----     ------   ----               ----     -------
  Warning  Failed   1m (x4 over 3m)    kubelet  Failed to pull image "ghcr.io/acme/api:4.2.1": rpc error: code = NotFound desc = failed to pull and unpack image "ghcr.io/acme/api:4.2.1": not found
  Warning  Failed   1m (x4 over 3m)    kubelet  Error: ErrImagePull
`,
    },
    {
      name: 'every referenced Secret exists and the container started',
      paste: `$ kubectl describe pod payouts-api-5b8c7d6f9-lx2pd -n payments
Name:             payouts-api-5b8c7d6f9-lx2pd
Namespace:        payments
Status:           Running
Controlled By:    ReplicaSet/payouts-api-5b8c7d6f9
Containers:
  api:
    Image:          europe-west1-docker.pkg.dev/acme-prod/payments/payouts-api:3.2.0
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  2
    Environment:
      DATABASE_PASSWORD:  <set to the key 'password' in secret 'payouts-db'>  Optional: false
Events:
  Type    Reason   Age   From     Message
  ----    ------   ----  ----     -------
  Normal  Started  40s   kubelet  Started container api
`,
    },
  ],
  failing: [
    {
      name: 'a Secret that does not exist (Failed event, describe)',
      paste: `$ kubectl describe pod payouts-worker-7c9d5f6b8-4kzt2 -n payments
Name:             payouts-worker-7c9d5f6b8-4kzt2
Namespace:        payments
Status:           Pending
Controlled By:    ReplicaSet/payouts-worker-7c9d5f6b8
Containers:
  worker:
    Image:          europe-west1-docker.pkg.dev/acme-prod/payments/payouts-worker:3.2.0
    State:          Waiting
      Reason:       CreateContainerConfigError
    Ready:          False
    Restart Count:  0
    Environment:
      STRIPE_API_KEY:     <set to the key 'api-key' in secret 'stripe-live'>      Optional: false
Events:
  Type     Reason     Age                     From     Message
  ----     ------     ----                    ----     -------
  Warning  Failed     3m58s (x12 over 6m11s)  kubelet  Error: secret "stripe-live" not found
`,
      expect: [
        {
          messageId: 'objectMissing',
          subcategory: 'object-missing',
          minConfidence: 0.9,
          titleIncludes: ['Secret', 'stripe-live', 'payments'],
        },
      ],
    },
    {
      name: 'a ConfigMap that does not exist (waiting message in the pod JSON)',
      paste: `$ kubectl get pod worker-6d5c4b3a2-q8w7e -n jobs -o json
{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": { "name": "worker-6d5c4b3a2-q8w7e", "namespace": "jobs" },
  "spec": {
    "containers": [
      { "name": "worker", "image": "registry.acme.io/jobs/worker:0.4.0", "envFrom": [{ "configMapRef": { "name": "worker-settings" } }] }
    ]
  },
  "status": {
    "phase": "Pending",
    "containerStatuses": [
      {
        "name": "worker",
        "restartCount": 0,
        "state": { "waiting": { "reason": "CreateContainerConfigError", "message": "configmap \\"worker-settings\\" not found" } }
      }
    ]
  }
}
`,
      expect: [{ messageId: 'objectMissing', titleIncludes: ['ConfigMap', 'worker-settings'] }],
    },
    {
      name: 'a key missing from a Secret whose keys are in the paste',
      paste: `$ kubectl get events -n shop --field-selector involvedObject.name=orders-5f6e7d8c9-b0a1z
LAST SEEN   TYPE      REASON    OBJECT                         MESSAGE
40s         Warning   Failed    pod/orders-5f6e7d8c9-b0a1z     Error: couldn't find key PASSWORD in Secret shop/db-creds

$ kubectl get secret db-creds -n shop -o yaml
apiVersion: v1
kind: Secret
metadata:
  name: db-creds
  namespace: shop
type: Opaque
data:
  DB_PASSWORD: c3VwZXJzZWNyZXQ=
  DB_USER: b3JkZXJz

$ kubectl get pod orders-5f6e7d8c9-b0a1z -n shop
NAME                      READY   STATUS                       RESTARTS   AGE
orders-5f6e7d8c9-b0a1z    0/1     CreateContainerConfigError   0          2m
`,
      expect: [
        {
          messageId: 'keyMissing',
          subcategory: 'key-missing',
          minConfidence: 0.9,
          titleIncludes: ['db-creds', 'PASSWORD'],
        },
      ],
    },
    {
      name: 'a key missing from a ConfigMap (Failed event; old kubectl From column)',
      paste: `kubectl describe pod web-5d9f7c8b6-n2m4k -n storefront
Name:           web-5d9f7c8b6-n2m4k
Namespace:      storefront
Status:         Pending
Controlled By:  ReplicaSet/web-5d9f7c8b6
Containers:
  web:
    Image:          acmestore.azurecr.io/storefront/web:2026.06.1
    State:          Waiting
      Reason:       CreateContainerConfigError
    Restart Count:  0
    Environment:
      FEATURE_FLAGS_URL:  <set to the key 'FEATURE_FLAGS_URL' of config map 'web-config'>  Optional: false
Events:
  Type     Reason   Age                 From                                         Message
  ----     ------   ----                ----                                         -------
  Warning  Failed   2m5s (x9 over 4m)   kubelet, aks-nodepool1-27351844-vmss000002  Error: couldn't find key FEATURE_FLAGS_URL in ConfigMap storefront/web-config
`,
      expect: [{ messageId: 'keyMissing', titleIncludes: ['ConfigMap', 'FEATURE_FLAGS_URL'] }],
    },
    {
      name: 'a ConfigMap volume whose ConfigMap was deleted (FailedMount on a restarting pod)',
      paste: `$ kubectl describe pod otel-collector-75d9c6b8f-kq5xv -n observability
Name:             otel-collector-75d9c6b8f-kq5xv
Namespace:        observability
Status:           Running
Controlled By:    ReplicaSet/otel-collector-75d9c6b8f
Containers:
  otel-collector:
    Image:          otel/opentelemetry-collector-contrib:0.102.1
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  4
    Mounts:
      /conf from collector-config (ro)
Volumes:
  collector-config:
    Type:      ConfigMap (a volume populated by a ConfigMap)
    Name:      otel-collector-conf
    Optional:  false
Events:
  Type     Reason       Age                   From     Message
  ----     ------       ----                  ----     -------
  Warning  FailedMount  35s (x10 over 4m47s)  kubelet  MountVolume.SetUp failed for volume "collector-config" : configmap "otel-collector-conf" not found
`,
      expect: [
        {
          messageId: 'volumeMissing',
          subcategory: 'volume-object-missing',
          titleIncludes: ['collector-config', 'otel-collector-conf'],
        },
      ],
    },
  ],
});
