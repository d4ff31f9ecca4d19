/**
 * Signatures of the platform rather than the application: what the kubelet and the container
 * runtime say when an image cannot be pulled, a sandbox or task cannot be created, or a node
 * evicts pods (these are event and status messages, matched line by line like logs), plus the
 * log lines that show a process starved of CPU (a very slow start, stalled threads).
 *
 * Pull errors come from containerd/CRI-O/dockershim through the kubelet's `Failed to pull image
 * "<img>": <err>` event; the subcategories are what a detector tells apart: the image or tag does
 * not exist, the registry refuses the credentials, rate-limits, cannot be reached or is not
 * trusted, the manifest has no entry for the node's platform, the reference does not parse.
 */
import type { Signature } from '../types.js';

export const platformSignatures: Signature[] = [
  {
    id: 'image-pull-not-found',
    runtime: 'containerd',
    category: 'image-pull',
    subcategory: 'not-found',
    keywords: ['not found', ': not found', 'manifest unknown', 'NotFound', 'does not exist'],
    pattern:
      /(?:failed to resolve reference "(?<url>[^"]{1,300})": (?!.*no match for platform)[^\n]{0,300}not found|manifest for (?<url2>\S{1,300}) not found|manifest unknown|repository (?<url3>\S{1,300}) not found|code = NotFound desc = failed to pull and unpack image "(?<url4>[^"]{1,300})": (?!no match for platform)|(?:tag|image) (?:does not exist|not found)(?: in (?:registry|repository))?)/,
    weight: 0.85,
    description:
      'The registry has no such repository or tag (containerd "failed to resolve reference ... not found", Docker "manifest unknown").',
    examples: [
      {
        line: 'Failed to pull image "nginx:1.27.99": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.27.99": failed to resolve reference "docker.io/library/nginx:1.27.99": docker.io/library/nginx:1.27.99: not found',
        extracts: { url: 'docker.io/library/nginx:1.27.99' },
      },
      {
        line: 'Failed to pull image "acme/api:v2": rpc error: code = Unknown desc = Error response from daemon: manifest for acme/api:v2 not found: manifest unknown: manifest unknown',
        extracts: { url: 'acme/api:v2' },
      },
    ],
    counterExamples: [
      'Failed to pull image "quay.io/x/op:v2.6.0": rpc error: code = NotFound desc = failed to pull and unpack image "quay.io/x/op:v2.6.0": no match for platform in manifest: not found',
    ],
  },
  {
    id: 'image-pull-unauthorized',
    runtime: 'containerd',
    category: 'image-pull',
    subcategory: 'auth',
    keywords: [
      '401 Unauthorized',
      '403 Forbidden',
      'pull access denied',
      'insufficient_scope',
      'authorization failed',
      'authentication required',
      'no basic auth credentials',
      'failed to fetch anonymous token',
      'failed to fetch oauth token',
      'failed to authorize',
      'requested access to the resource is denied',
      'incorrect username or password',
      'unauthorized',
    ],
    pattern:
      /(?<detail>401 Unauthorized|403 Forbidden|pull access denied[^\n]{0,160}|insufficient_scope: authorization failed|unauthorized: (?:authentication required|incorrect username or password|access to the requested resource is not authorized)[^\n]{0,80}|no basic auth credentials|failed to fetch (?:anonymous|oauth) token[^\n]{0,120}|failed to authorize[^\n]{0,120}|denied: requested access to the resource is denied)/,
    weight: 0.85,
    description:
      'The registry refuses the pull: no or wrong credentials (imagePullSecrets), or a private repository (Docker Hub says the same for one that does not exist).',
    examples: [
      {
        line: 'Failed to pull image "registry.app.acme.net/team/api:1.4": rpc error: code = Unknown desc = failed to pull and unpack image "registry.app.acme.net/team/api:1.4": failed to resolve reference "registry.app.acme.net/team/api:1.4": pulling from host registry.app.acme.net failed with status code [manifests 1.4]: 401 Unauthorized',
        extracts: { detail: '401 Unauthorized' },
      },
      {
        line: 'Failed to pull image "acme/private-api:3.1.0": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/acme/private-api:3.1.0": failed to resolve reference "docker.io/acme/private-api:3.1.0": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
      },
      {
        line: 'Error response from daemon: Get http://nexus3:8083/v2/shop/api/manifests/0.0.1: no basic auth credentials',
      },
    ],
  },
  {
    id: 'image-pull-rate-limited',
    runtime: 'containerd',
    category: 'image-pull',
    subcategory: 'rate-limit',
    keywords: ['toomanyrequests', '429 Too Many Requests', 'pull rate limit'],
    pattern: /(?<detail>toomanyrequests[^\n]{0,120}|429 Too Many Requests|pull rate limit)/,
    weight: 0.9,
    description: 'The registry (typically Docker Hub for anonymous pulls) rate-limits the node.',
    examples: [
      {
        line: 'Failed to pull image "busybox:1.36": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/busybox:1.36": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/busybox/manifests/sha256:50aa: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit',
      },
    ],
  },
  {
    id: 'image-pull-tls',
    runtime: 'containerd',
    category: 'image-pull',
    subcategory: 'tls',
    keywords: [
      'x509:',
      'tls: failed to verify certificate',
      'server gave HTTP response to HTTPS client',
    ],
    pattern:
      /(?<detail>x509: [^\n]{1,160}|tls: failed to verify certificate[^\n]{0,120}|http: server gave HTTP response to HTTPS client)/,
    weight: 0.85,
    description:
      "The node does not trust the registry's certificate (private CA, proxy), or the registry speaks plain HTTP.",
    examples: [
      {
        line: 'Failed to pull image "harbor.corp.local/platform/api:2.0.1": rpc error: code = Unknown desc = failed to pull and unpack image "harbor.corp.local/platform/api:2.0.1": failed to resolve reference "harbor.corp.local/platform/api:2.0.1": failed to do request: Head "https://harbor.corp.local/v2/platform/api/manifests/2.0.1": tls: failed to verify certificate: x509: certificate signed by unknown authority',
        extracts: {
          detail:
            'tls: failed to verify certificate: x509: certificate signed by unknown authority',
        },
      },
    ],
  },
  {
    id: 'image-pull-unreachable',
    runtime: 'containerd',
    category: 'image-pull',
    subcategory: 'unreachable',
    keywords: [
      'no such host',
      'i/o timeout',
      'connection refused',
      'TLS handshake timeout',
      'context deadline exceeded',
      'request canceled while waiting for connection',
      'network is unreachable',
      'no route to host',
    ],
    pattern:
      /(?:dial tcp(?: (?<host>[\w.-]{1,253}):(?<port>\d{1,5}))?: (?:lookup (?<host2>[\w.-]{1,253})(?: on [\d.:]{1,60})?: )?(?<detail>no such host|i\/o timeout|connect: connection refused|connect: network is unreachable|connect: no route to host)|(?<detail2>net\/http: TLS handshake timeout|context deadline exceeded|net\/http: request canceled while waiting for connection))/,
    weight: 0.75,
    description:
      'The node cannot reach the registry: its name does not resolve, the connection is refused or times out (DNS, firewall, proxy, registry down).',
    examples: [
      {
        line: 'Failed to pull image "registry.example.internal/shop/web:1.8.0": rpc error: code = Unknown desc = failed to pull and unpack image "registry.example.internal/shop/web:1.8.0": failed to resolve reference "registry.example.internal/shop/web:1.8.0": failed to do request: Head "https://registry.example.internal/v2/shop/web/manifests/1.8.0": dial tcp: lookup registry.example.internal on 10.0.0.10:53: no such host',
        extracts: { host: 'registry.example.internal', detail: 'no such host' },
      },
      {
        line: 'failed to do request: Head "https://quay.io/v2/acme/api/manifests/2.3": dial tcp 54.144.203.57:443: i/o timeout',
        extracts: { host: '54.144.203.57', detail: 'i/o timeout' },
      },
    ],
  },
  {
    id: 'image-pull-platform',
    runtime: 'containerd',
    category: 'image-pull',
    subcategory: 'platform',
    keywords: ['no match for platform in manifest', 'no matching manifest for'],
    pattern:
      /(?:no match for platform in manifest|no matching manifest for (?<detail>[\w/.-]{1,60}) in the manifest list entries)/,
    weight: 0.9,
    description:
      "The image (or its manifest list) has no variant for the node's OS/CPU architecture (an amd64-only image on arm64 nodes).",
    examples: [
      {
        line: 'Failed to pull image "acme/operator:v2.6.0": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/acme/operator:v2.6.0": no match for platform in manifest: not found',
      },
      {
        line: 'Error response from daemon: no matching manifest for linux/arm64/v8 in the manifest list entries',
        extracts: { detail: 'linux/arm64/v8' },
      },
    ],
  },
  {
    id: 'image-reference-invalid',
    runtime: 'kubelet',
    category: 'image-pull',
    subcategory: 'invalid-name',
    keywords: ['invalid reference format', "couldn't parse image"],
    pattern:
      /(?:couldn't parse image (?:reference|name) "(?<url>[^"]{0,300})": )?invalid reference format(?:: (?<detail>[^\n]{1,160}))?/,
    weight: 0.9,
    description:
      'The image string is not a valid reference (upper case, a scheme such as https://, spaces, an unrendered template).',
    examples: [
      {
        line: 'Failed to apply default image tag "busyBOX": couldn\'t parse image reference "busyBOX": invalid reference format: repository name must be lowercase',
        extracts: { url: 'busyBOX', detail: 'repository name must be lowercase' },
      },
      {
        line: 'Failed to apply default image tag "ghcr.io/${{ github.repository }}:latest": couldn\'t parse image name "ghcr.io/${{ github.repository }}:latest": invalid reference format',
      },
    ],
  },
  {
    id: 'image-never-pull',
    runtime: 'kubelet',
    category: 'image-pull',
    subcategory: 'never-pull',
    keywords: ['is not present with pull policy of Never'],
    pattern: /Container image "(?<url>[^"]{1,300})" is not present with pull policy of Never/,
    weight: 0.9,
    description:
      'imagePullPolicy: Never and the image is not on the node (it was loaded elsewhere).',
    examples: [
      {
        line: 'Container image "shop/web:dev" is not present with pull policy of Never',
        extracts: { url: 'shop/web:dev' },
      },
    ],
  },
  {
    id: 'pod-sandbox-failed',
    runtime: 'kubelet',
    category: 'node-problem',
    subcategory: 'sandbox',
    keywords: ['Failed to create pod sandbox', 'failed to reserve sandbox name'],
    pattern:
      /(?:Failed to create pod sandbox: (?<detail>[^\n]{1,300})|failed to reserve sandbox name)/,
    weight: 0.7,
    description:
      "The runtime could not create the pod's sandbox (network namespace, pause container): a CNI, runtime or node fault, not the app.",
    examples: [
      {
        line: 'Failed to create pod sandbox: rpc error: code = DeadlineExceeded desc = context deadline exceeded',
        extracts: { detail: 'rpc error: code = DeadlineExceeded desc = context deadline exceeded' },
      },
    ],
  },
  {
    id: 'cni-not-ready',
    runtime: 'kubelet',
    category: 'node-problem',
    subcategory: 'network',
    keywords: [
      'NetworkPluginNotReady',
      'cni plugin not initialized',
      'network is not ready',
      'no IP addresses available in range set',
      'failed to allocate for range',
      'failed to setup network for sandbox',
      'failed to set up sandbox container',
    ],
    pattern:
      /(?<detail>network is not ready: container runtime network not ready[^\n]{0,200}|NetworkPluginNotReady[^\n]{0,160}|cni plugin not initialized|no IP addresses available in range set[^\n]{0,80}|failed to allocate for range \d+[^\n]{0,120}|failed to setup network for sandbox[^\n]{0,200}|failed to set up sandbox container "[^"]{0,80}" network for pod[^\n]{0,200})/,
    weight: 0.8,
    description:
      "The node's pod network (CNI) is not ready or out of addresses: every pod scheduled there fails to start.",
    examples: [
      {
        line: 'network is not ready: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
      },
      {
        line: 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "4f1c": plugin type="aws-cni" name="aws-cni" failed (add): add cmd: failed to assign an IP address to container',
      },
    ],
  },
  {
    id: 'runtime-task-failed',
    runtime: 'containerd',
    category: 'node-problem',
    subcategory: 'runtime',
    keywords: [
      'failed to create containerd task',
      'failed to create shim task',
      'failed to start shim',
      'PLEG is not healthy',
      'container runtime is down',
      'OCI runtime create failed',
    ],
    pattern:
      /(?:failed to create containerd task: (?<detail>(?:[^\n]{0,200}?)(?:context deadline exceeded|failed to start shim|ttrpc: closed|connection (?:refused|closed))[^\n]{0,80})|failed to start shim[^\n]{0,120}|(?<detail2>PLEG is not healthy[^\n]{0,120})|(?<detail3>container runtime is down[^\n]{0,120})|OCI runtime create failed: (?<detail4>[^\n]{0,160}(?:context deadline exceeded|timeout)[^\n]{0,60}))/,
    weight: 0.75,
    description:
      'The container runtime on the node times out or has lost its shim (overloaded or wedged containerd, PLEG not healthy): a node fault.',
    examples: [
      {
        line: 'Error: failed to create containerd task: failed to create shim task: context deadline exceeded: unknown',
        extracts: { detail: 'failed to create shim task: context deadline exceeded: unknown' },
      },
      {
        line: 'container runtime is down,PLEG is not healthy: pleg was last seen active 3m20s ago',
      },
    ],
    counterExamples: [
      'Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/app/start.sh": stat /app/start.sh: no such file or directory: unknown',
    ],
  },
  {
    id: 'node-eviction',
    runtime: 'kubelet',
    category: 'node-problem',
    subcategory: 'eviction',
    keywords: ['The node was low on resource', 'The node had condition'],
    pattern:
      /(?:The node was low on resource: (?<detail>[\w./-]{1,40})\.|The node had condition: \[(?<detail2>\w{1,40})\])/,
    weight: 0.85,
    description:
      'The kubelet evicted the pod because the node ran short of memory, disk or PIDs (node-pressure eviction).',
    examples: [
      {
        line: 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 92496Ki. Container app was using 1258291Ki, request is 256Mi, has larger consumption of memory.',
        extracts: { detail: 'memory' },
      },
      {
        line: 'The node was low on resource: ephemeral-storage. Container ebaogi-bff-app was using 34260Ki, which exceeds its request of 0.',
        extracts: { detail: 'ephemeral-storage' },
      },
      { line: 'The node had condition: [DiskPressure].', extracts: { detail: 'DiskPressure' } },
    ],
  },
  {
    id: 'eviction-own-storage-limit',
    runtime: 'kubelet',
    category: 'volume-mount',
    subcategory: 'ephemeral-limit',
    keywords: [
      'exceeds the total limit of containers',
      'exceeded its local ephemeral storage limit',
      'Usage of EmptyDir volume',
    ],
    pattern:
      /(?:Pod ephemeral local storage usage exceeds the total limit of containers (?<detail>\d{1,12}(?:\.\d{1,6})?[A-Za-z]{0,2})|Container (?<key>[\w.-]{1,253}) exceeded its local ephemeral storage limit "(?<detail2>[^"\s]{1,20})"|Usage of EmptyDir volume "(?<key2>[\w.-]{1,253})" exceeds the limit "(?<detail3>[^"\s]{1,20})")/,
    weight: 0.9,
    description:
      "The kubelet evicted the pod for exceeding its own ephemeral-storage limit or an emptyDir's sizeLimit: the pod's scratch space is too small for what it writes (not node pressure).",
    examples: [
      {
        line: 'Pod ephemeral local storage usage exceeds the total limit of containers 2Gi.',
        extracts: { detail: '2Gi' },
      },
      {
        line: 'Container transcoder exceeded its local ephemeral storage limit "500Mi".',
        extracts: { key: 'transcoder', detail: '500Mi' },
      },
      {
        line: 'Usage of EmptyDir volume "cache" exceeds the limit "10Gi".',
        extracts: { key: 'cache', detail: '10Gi' },
      },
    ],
  },
  {
    id: 'node-system-oom',
    runtime: 'kernel',
    category: 'node-problem',
    subcategory: 'node-oom',
    keywords: ['System OOM encountered'],
    pattern: /System OOM encountered, victim process: (?<detail>[^,\n]{1,80}), pid: (?<code>\d+)/,
    weight: 0.8,
    description:
      "The kernel's OOM killer ran at node level (not in a container's own cgroup): the node ran out of memory.",
    examples: [
      {
        line: 'System OOM encountered, victim process: java, pid: 28411',
        extracts: { detail: 'java', code: '28411' },
      },
    ],
  },
  {
    id: 'coredns-loop',
    runtime: 'coredns',
    category: 'node-problem',
    subcategory: 'dns-loop',
    keywords: ['plugin/loop'],
    pattern: /plugin\/loop: Loop \((?<detail>[^)]{1,80})\) detected for zone/,
    weight: 0.9,
    description:
      "CoreDNS's loop plugin saw its own probe query come back: it forwards to a resolver that forwards to it, usually the node's loopback stub (systemd-resolved 127.0.0.53) inherited through the kubelet's resolv.conf.",
    examples: [
      {
        line: '2019-07-26T05:12:51.129Z [FATAL] plugin/loop: Loop (127.0.0.1:41862 -> :53) detected for zone ".", see https://coredns.io/plugins/loop#troubleshooting. Query: "HINFO 5398711436275103927.8104458012993526011."',
        extracts: { detail: '127.0.0.1:41862 -> :53' },
      },
      {
        line: '[FATAL] plugin/loop: Loop (127.0.0.1:55953 -> :53) detected for zone ".", see https://coredns.io/plugins/loop#troubleshooting. Query: "HINFO 4547991504243258144.3688648895315093531."',
      },
    ],
    counterExamples: [
      '[INFO] plugin/reload: Running configuration MD5 = 5d5369fbc12f985709b924e721217843',
    ],
  },
  {
    id: 'kernel-setting-too-low',
    runtime: 'kernel',
    category: 'node-problem',
    subcategory: 'kernel-setting',
    keywords: ['vm.max_map_count', 'max file descriptors', 'fsnotify watcher', 'inotify'],
    pattern:
      /(?:max virtual memory areas (?<key>vm\.max_map_count) \[(?<detail>\d{1,12})\] is too low, increase to at least \[(?<code>\d{1,12})\]|(?<key2>max file descriptors) \[(?<detail2>\d{1,12})\] for \S{1,60} process is too low, increase to at least \[(?<code2>\d{1,12})\]|(?<key3>failed to create fsnotify watcher|inotify_init1?(?:\(\))? failed|inotify watch limit reached)[^\n]{0,80}?(?:too many open files|no space left on device|[Tt]oo many open files))/,
    weight: 0.9,
    description:
      "A node kernel setting is below what the app requires at start-up (Elasticsearch/OpenSearch/SonarQube vm.max_map_count or nofile, inotify instances for file watchers): the node's sysctl/ulimit must be raised, the pod spec is not at fault.",
    examples: [
      {
        line: 'bootstrap check failure [1] of [1]: max virtual memory areas vm.max_map_count [65530] is too low, increase to at least [262144]',
        extracts: { key: 'vm.max_map_count', detail: '65530', code: '262144' },
      },
      {
        line: '[1]: max file descriptors [4096] for elasticsearch process is too low, increase to at least [65535]',
        extracts: { key: 'max file descriptors', detail: '4096', code: '65535' },
      },
      {
        line: 'level=error ts=2024-02-01T10:00:00Z msg="error creating promtail" error="failed to make file target manager: failed to create fsnotify watcher: too many open files"',
        extracts: { key: 'failed to create fsnotify watcher' },
      },
    ],
    counterExamples: ['accept tcp [::]:8080: accept4: too many open files'],
  },
  {
    id: 'peer-closed-connection',
    runtime: 'generic',
    category: 'upstream-disruption',
    subcategory: 'reset',
    keywords: [
      'server closed the connection unexpectedly',
      'terminating connection due to administrator command',
      'CONNECTION_FORCED',
      'error reading from server: EOF',
      'transport is closing',
      'Connection closed by server',
      'StreamLostError',
      'MongoNetworkError: connection',
    ],
    pattern:
      /(?:server closed the connection unexpectedly|terminating connection due to administrator command|CONNECTION_FORCED - broker forced connection closure(?: with reason '(?<detail>[^']{1,60})')?|code = Unavailable desc = (?:error reading from server: EOF|transport is closing)|Connection closed by server|StreamLostError: Stream connection lost|MongoNetworkError: connection \d{1,10} to (?<host>[\w.-]{1,253}):(?<port>\d{1,5}) closed)/,
    weight: 0.55,
    description:
      'The server end closed an established connection: a database, broker or gRPC server (or a proxy in front of it) restarted or was rolled out. A dependency rollout explains it; alone it is a dependency hiccup.',
    examples: [
      { line: 'psycopg2.OperationalError: server closed the connection unexpectedly' },
      {
        line: '2024-02-27 08:11:52.118 UTC [211] FATAL:  terminating connection due to administrator command',
      },
      {
        line: 'pika.exceptions.ConnectionClosedByBroker: (320, "CONNECTION_FORCED - broker forced connection closure with reason \'shutdown\'")',
        extracts: { detail: 'shutdown' },
      },
      {
        line: '{"level":"fatal","msg":"price stream broken","error":"rpc error: code = Unavailable desc = error reading from server: EOF"}',
      },
      { line: 'rpc error: code = Unavailable desc = transport is closing' },
      { line: 'redis.exceptions.ConnectionError: Connection closed by server.' },
      {
        line: 'error: unhandled rejection MongoNetworkError: connection 14 to 10.244.6.31:27017 closed',
        extracts: { host: '10.244.6.31', port: '27017' },
      },
      {
        line: "pika.exceptions.StreamLostError: Stream connection lost: ConnectionResetError(104, 'Connection reset by peer')",
      },
    ],
    counterExamples: [
      'rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp 10.96.7.31:50051: connect: connection refused"',
    ],
  },
  {
    id: 'spring-started-in',
    runtime: 'spring',
    category: 'cpu-starvation',
    subcategory: 'startup-time',
    keywords: [' seconds (process running for', ' seconds (JVM running for'],
    pattern:
      /Started (?<detail>[\w$.]{1,120}) in (?<code>\d+(?:\.\d+)?) seconds \((?:process|JVM) running for/,
    weight: 0.2,
    description:
      'Spring Boot reports how long it took to start; tens of seconds for a small service usually means too little CPU.',
    examples: [
      {
        line: '2026-03-19T08:41:09.812Z  INFO 1 --- [           main] c.a.l.LedgerApplication                  : Started LedgerApplication in 95.318 seconds (process running for 98.104)',
        extracts: { detail: 'LedgerApplication', code: '95.318' },
      },
      { line: 'Started OrdersApplication in 7.512 seconds (JVM running for 8.9)' },
    ],
  },
  {
    id: 'hikari-thread-starvation',
    runtime: 'java',
    category: 'cpu-starvation',
    subcategory: 'stalled-threads',
    keywords: ['Thread starvation or clock leap detected'],
    pattern: /Thread starvation or clock leap detected \(housekeeper delta=(?<detail>[^)]{1,60})\)/,
    weight: 0.6,
    description:
      "HikariCP's housekeeper thread ran late: the JVM was not scheduled (CPU throttling, long GC pauses or a frozen node).",
    examples: [
      {
        line: '2026-03-19 08:43:12.758  WARN 1 --- [l-1 housekeeper] com.zaxxer.hikari.pool.HikariPool        : HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=1m6s828ms).',
        extracts: { detail: '1m6s828ms' },
      },
    ],
  },
  {
    id: 'gunicorn-worker-timeout',
    runtime: 'python',
    category: 'cpu-starvation',
    subcategory: 'worker-timeout',
    keywords: ['WORKER TIMEOUT'],
    pattern: /\[CRITICAL\] WORKER TIMEOUT \(pid: ?(?<code>\d+)\)/,
    weight: 0.5,
    description:
      'Gunicorn killed a worker that did not answer its heartbeat in time (slow boot or a blocked/starved worker).',
    examples: [
      {
        line: '[2026-03-20 12:20:36 +0000] [1] [CRITICAL] WORKER TIMEOUT (pid:25)',
        extracts: { code: '25' },
      },
    ],
  },
];
