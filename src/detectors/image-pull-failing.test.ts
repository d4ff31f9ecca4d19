import { testDetector } from '../testing/detector-tester.js';
import detector from './image-pull-failing.js';

/** `kubectl describe pod` of a pod whose only container waits on its image. */
function pullPaste(opts: {
  image: string;
  reason?: string;
  failed?: string;
  extra?: string;
  name?: string;
}): string {
  const name = opts.name ?? 'web-5d8f7c6b9d-x2k9q';
  return `$ kubectl describe pod ${name} -n shop
Name:             ${name}
Namespace:        shop
Priority:         0
Service Account:  web
Node:             node-2/10.0.1.12
Labels:           app=web
                  pod-template-hash=5d8f7c6b9d
Status:           Pending
IP:               10.244.2.17
Controlled By:    ReplicaSet/web-5d8f7c6b9d
Containers:
  web:
    Container ID:
    Image:          ${opts.image}
    Image ID:
    Port:           8080/TCP
    State:          Waiting
      Reason:       ${opts.reason ?? 'ImagePullBackOff'}
    Ready:          False
    Restart Count:  0
Events:
  Type     Reason     Age                 From               Message
  ----     ------     ----                ----               -------
  Normal   Scheduled  6m                  default-scheduler  Successfully assigned shop/${name} to node-2
  Normal   Pulling    4m40s (x4 over 6m)  kubelet            Pulling image "${opts.image}"
${opts.failed ? `  Warning  Failed     4m39s (x4 over 6m)  kubelet            ${opts.failed}\n` : ''}  Warning  Failed     4m39s (x4 over 6m)  kubelet            Error: ErrImagePull
  Normal   BackOff    60s (x20 over 6m)   kubelet            Back-off pulling image "${opts.image}"
  Warning  Failed     60s (x20 over 6m)   kubelet            Error: ImagePullBackOff
${opts.extra ?? ''}`;
}

testDetector(detector, {
  healthy: [
    {
      name: 'crash loop after a successful pull',
      paste: `$ kubectl describe pod api-7d9f8c6b5-x2k9q -n shop
Name:         api-7d9f8c6b5-x2k9q
Namespace:    shop
Status:       Running
Containers:
  api:
    Image:          registry.example.com/shop/api:1.4.2
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  4
Events:
  Type     Reason   Age                From     Message
  ----     ------   ----               ----     -------
  Warning  Failed   20m                kubelet  Failed to pull image "registry.example.com/shop/api:1.4.2": rpc error: code = Unknown desc = failed to pull and unpack image "registry.example.com/shop/api:1.4.2": failed to do request: Head "https://registry.example.com/v2/shop/api/manifests/1.4.2": net/http: TLS handshake timeout
  Normal   Pulled   18m                kubelet  Successfully pulled image "registry.example.com/shop/api:1.4.2" in 3.2s (3.2s including waiting)
  Normal   Created  30s (x5 over 18m)  kubelet  Created container: api
  Normal   Started  30s (x5 over 18m)  kubelet  Started container api
  Warning  BackOff  10s (x12 over 17m) kubelet  Back-off restarting failed container api in pod api-7d9f8c6b5-x2k9q_shop(1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e)
`,
    },
    {
      name: 'a running pod',
      paste: `$ kubectl get pods -n shop
NAME                  READY   STATUS    RESTARTS   AGE
web-5d8f7c6b9d-h7w5n  1/1     Running   0          3d
`,
    },
  ],
  failing: [
    {
      name: 'tag not found (containerd NotFound)',
      paste: pullPaste({
        image: 'docker.io/acme/web:1.42.0',
        failed:
          'Failed to pull image "docker.io/acme/web:1.42.0": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/acme/web:1.42.0": failed to resolve reference "docker.io/acme/web:1.42.0": docker.io/acme/web:1.42.0: not found',
      }),
      expect: [
        {
          messageId: 'notFound',
          subcategory: 'tag-not-found',
          titleIncludes: ['docker.io/acme/web:1.42.0'],
          minConfidence: 0.85,
        },
      ],
    },
    {
      name: 'manifest unknown (dockershim) with the previous ReplicaSet on a good tag',
      paste: `${pullPaste({
        image: 'acme/api:v2',
        failed:
          'Failed to pull image "acme/api:v2": rpc error: code = Unknown desc = Error response from daemon: manifest for acme/api:v2 not found: manifest unknown: manifest unknown',
      })}
$ kubectl get rs -n shop -o wide
NAME             DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES          SELECTOR
web-5d8f7c6b9d   1         1         0       6m    web          acme/api:v2     app=web,pod-template-hash=5d8f7c6b9d
web-6b4c9f8d7f   2         2         2       9d    web          acme/api:v1.9   app=web,pod-template-hash=6b4c9f8d7f
`,
      expect: [{ messageId: 'notFound', minConfidence: 0.9 }],
    },
    {
      name: 'unauthorized, no imagePullSecrets on the service account',
      paste: `${pullPaste({
        image: 'ghcr.io/acme/invoicer:1.9.2',
        failed:
          'Failed to pull image "ghcr.io/acme/invoicer:1.9.2": failed to pull and unpack image "ghcr.io/acme/invoicer:1.9.2": failed to resolve reference "ghcr.io/acme/invoicer:1.9.2": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://ghcr.io/token?scope=repository%3Aacme%2Finvoicer%3Apull&service=ghcr.io: 401 Unauthorized',
      })}
$ kubectl describe sa web -n shop
Name:                web
Namespace:           shop
Image pull secrets:  <none>
Mountable secrets:   <none>
Tokens:              <none>
Events:              <none>
`,
      expect: [
        {
          messageId: 'auth',
          subcategory: 'auth',
          titleIncludes: ['401 Unauthorized'],
          minConfidence: 0.9,
        },
      ],
    },
    {
      name: 'Docker Hub rate limit, old kubectl From column',
      paste: pullPaste({
        image: 'redis:6.2-alpine',
        failed:
          'Failed to pull image "redis:6.2-alpine": rpc error: code = Unknown desc = Error response from daemon: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit',
      }).replace(/ kubelet {12}/g, ' kubelet, node-2    '),
      expect: [{ messageId: 'rateLimit', subcategory: 'rate-limit' }],
    },
    {
      name: 'registry name does not resolve from the node',
      paste: pullPaste({
        image: 'harbor.platform.internal/geo/tiles:3.2.1',
        failed:
          'Failed to pull image "harbor.platform.internal/geo/tiles:3.2.1": failed to pull and unpack image "harbor.platform.internal/geo/tiles:3.2.1": failed to resolve reference "harbor.platform.internal/geo/tiles:3.2.1": failed to do request: Head "https://harbor.platform.internal/v2/geo/tiles/manifests/3.2.1": dial tcp: lookup harbor.platform.internal on 127.0.0.53:53: no such host',
      }),
      expect: [
        {
          messageId: 'unreachable',
          subcategory: 'unreachable',
          titleIncludes: ['harbor.platform.internal', 'no such host'],
        },
      ],
    },
    {
      name: 'untrusted registry certificate',
      paste: pullPaste({
        image: 'harbor.corp.local/platform/api:2.0.1',
        failed:
          'Failed to pull image "harbor.corp.local/platform/api:2.0.1": rpc error: code = Unknown desc = failed to pull and unpack image "harbor.corp.local/platform/api:2.0.1": failed to resolve reference "harbor.corp.local/platform/api:2.0.1": failed to do request: Head "https://harbor.corp.local/v2/platform/api/manifests/2.0.1": tls: failed to verify certificate: x509: certificate signed by unknown authority',
      }),
      expect: [{ messageId: 'tls', subcategory: 'tls' }],
    },
    {
      name: 'no build for the node platform',
      paste: pullPaste({
        image: 'quay.io/acme-ops/pg-exporter:0.15.2',
        reason: 'ErrImagePull',
        failed:
          'Failed to pull image "quay.io/acme-ops/pg-exporter:0.15.2": rpc error: code = NotFound desc = failed to pull and unpack image "quay.io/acme-ops/pg-exporter:0.15.2": no match for platform in manifest: not found',
      }),
      expect: [{ messageId: 'platform', subcategory: 'platform' }],
    },
    {
      name: 'invalid reference (upper case) with InspectFailed',
      paste: `$ kubectl describe pod busybox -n default
Name:         busybox
Namespace:    default
Node:         ubuntu/10.0.2.15
Status:       Pending
Containers:
  busybox:
    Image:          busyBOX
    State:          Waiting
      Reason:       InvalidImageName
    Ready:          False
    Restart Count:  0
Events:
  Type     Reason         Age              From               Message
  ----     ------         ----             ----               -------
  Normal   Scheduled      10s              default-scheduler  Successfully assigned default/busybox to ubuntu
  Warning  InspectFailed  9s (x2 over 9s)  kubelet, ubuntu    Failed to apply default image tag "busyBOX": couldn't parse image reference "busyBOX": invalid reference format: repository name must be lowercase
  Warning  Failed         9s (x2 over 9s)  kubelet, ubuntu    Error: InvalidImageName
`,
      expect: [
        {
          messageId: 'invalidName',
          subcategory: 'invalid-name',
          titleIncludes: ['busyBOX', 'repository name must be lowercase'],
        },
      ],
    },
    {
      name: 'unrendered template placeholder',
      paste: `$ kubectl describe pod dashboard-b54dcdf9-v64ts
Name:             dashboard-b54dcdf9-v64ts
Namespace:        default
Node:             k8s-worker-01/10.0.0.21
Status:           Pending
Controlled By:    ReplicaSet/dashboard-b54dcdf9
Containers:
  dashboard:
    Image:          ghcr.io/\${{ github.repository }}:latest
    State:          Waiting
      Reason:       InvalidImageName
    Ready:          False
    Restart Count:  0
Events:
  Type     Reason         Age                    From               Message
  ----     ------         ----                   ----               -------
  Normal   Scheduled      3m46s                  default-scheduler  Successfully assigned default/dashboard-b54dcdf9-v64ts to k8s-worker-01
  Warning  Failed         103s (x12 over 3m46s)  kubelet            Error: InvalidImageName
  Warning  InspectFailed  88s (x13 over 3m46s)   kubelet            Failed to apply default image tag "ghcr.io/\${{ github.repository }}:latest": couldn't parse image name "ghcr.io/\${{ github.repository }}:latest": invalid reference format
`,
      expect: [{ messageId: 'placeholder', subcategory: 'placeholder', minConfidence: 0.9 }],
    },
    {
      name: 'imagePullPolicy Never on a node without the image',
      paste: `$ kubectl describe pod web-dev-7c8d9f6b5-q4w2e -n dev
Name:             web-dev-7c8d9f6b5-q4w2e
Namespace:        dev
Node:             kind-worker2/172.18.0.4
Status:           Pending
Controlled By:    ReplicaSet/web-dev-7c8d9f6b5
Containers:
  web:
    Image:          shop/web:dev
    State:          Waiting
      Reason:       ErrImageNeverPull
    Ready:          False
    Restart Count:  0
Events:
  Type     Reason             Age               From               Message
  ----     ------             ----              ----               -------
  Normal   Scheduled          30s               default-scheduler  Successfully assigned dev/web-dev-7c8d9f6b5-q4w2e to kind-worker2
  Warning  ErrImageNeverPull  5s (x4 over 30s)  kubelet            Container image "shop/web:dev" is not present with pull policy of Never
  Warning  Failed             5s (x4 over 30s)  kubelet            Error: ErrImageNeverPull
`,
      expect: [{ messageId: 'neverPull', titleIncludes: ['kind-worker2'] }],
    },
    {
      name: 'only a table row: the reason is unknown',
      paste: `$ kubectl get pods -n shop
NAME                         READY   STATUS             RESTARTS   AGE
cart-6c9dbf7d84-2xkqz        0/1     ImagePullBackOff   0          7m12s
`,
      expect: [{ messageId: 'unknown', subcategory: 'unknown' }],
    },
    {
      name: 'only the sidecar image fails (events matched by image)',
      paste: `$ kubectl describe pod session-api-7fbd58c9d-kx9vq -n web
Name:         session-api-7fbd58c9d-kx9vq
Namespace:    web
Node:         worker-3/192.168.56.23
Status:       Pending
Containers:
  api:
    Image:          registry.gitlab.com/acme/session-api:4.0.7
    State:          Running
      Started:      Tue, 10 Mar 2026 07:41:24 +0100
    Ready:          True
    Restart Count:  0
  redis:
    Image:          redis:6.2-alpine
    State:          Waiting
      Reason:       ImagePullBackOff
    Ready:          False
    Restart Count:  0
Events:
  Type     Reason     Age                  From               Message
  ----     ------     ----                 ----               -------
  Normal   Pulled     12m                  kubelet            Container image "registry.gitlab.com/acme/session-api:4.0.7" already present on machine
  Normal   Started    12m                  kubelet            Started container api
  Warning  Failed     10m (x4 over 12m)    kubelet            Failed to pull image "redis:6.2-alpine": rpc error: code = Unknown desc = Error response from daemon: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit
  Normal   BackOff    2m10s (x41 over 12m) kubelet            Back-off pulling image "redis:6.2-alpine"
`,
      expect: [{ messageId: 'rateLimit', titleIncludes: ['redis:6.2-alpine'] }],
    },
  ],
});
