/**
 * Scale mode: fills the store with a realistic, deterministic (seeded) cluster of
 * process-less pods for benchmarks and load tests — namespaces, nodes, Deployments with
 * their ReplicaSets (some with an older revision), pods with consistent statuses, Services
 * with Endpoints and EndpointSlices, ConfigMaps, and for a chosen number of failing pods the
 * statuses, events and logs of real failures across categories (crash loops with various
 * exit codes, OOMKilled, liveness kills, ImagePullBackOff, CreateContainerConfigError,
 * Pending/FailedScheduling, unready). Every generated object carries the
 * `lab.crashlens.dev/simulated: "true"` annotation so the real kubelet leaves it alone.
 * Runs synchronously, so controllers started beforehand see a finished cluster.
 */
import type { EventRecorder, LabObject, LogStore } from '../store/types.js';
import type { MemoryStore } from '../store/memory-store.js';
import { RT } from '../store/resource-types.js';
import { clone, formatTime } from '../store/object-utils.js';
import { randomSuffix, seededRandom, type RandomSource } from '../store/names.js';
import { buildEvent } from '../store/event-recorder.js';
import { failedSchedulingMessage, fitNode } from '../controllers/scheduler.js';
import { templateHash } from '../controllers/deployment.js';
import { SIMULATED_ANNOTATION } from '../controllers/util.js';
import { FAILURE_KINDS, failureShape, type FailureKind, type FailureShape } from './catalog.js';
import { simulatedStatus } from './status.js';
import { healthyNodeConditions } from '../kubelet/node-conditions.js';

export interface PopulateOptions {
  /** Total pods (default 10,000). */
  pods?: number;
  /** How many of them fail (default 100). */
  failing?: number;
  /** Namespaces to spread workloads over (default 20). */
  namespaces?: number;
  /** Nodes (default: one per 100 pods). */
  nodes?: number;
  seed?: number;
  /** Failure kinds to draw from (default: all). */
  kinds?: readonly FailureKind[];
  /** "Now" for ages and timestamps (default: the store's clock). */
  now?: Date;
}

export interface PopulateSummary {
  namespaces: string[];
  nodes: number;
  deployments: number;
  pods: number;
  failingPods: number;
  failures: { namespace: string; deployment: string; pod: string; kind: FailureKind }[];
}

const NAMESPACE_WORDS = [
  'payments',
  'orders',
  'checkout',
  'auth',
  'search',
  'catalog',
  'inventory',
  'shipping',
  'notifications',
  'analytics',
  'billing',
  'identity',
  'media',
  'recommendations',
  'gateway',
  'reporting',
  'fraud',
  'pricing',
  'support',
  'platform',
];
const WORKLOAD_WORDS = [
  'api',
  'worker',
  'web',
  'consumer',
  'scheduler',
  'cache',
  'gateway',
  'sync',
  'indexer',
  'exporter',
  'admin',
  'grpc',
  'processor',
  'notifier',
  'reconciler',
  'ingest',
];

const SIM = { [SIMULATED_ANNOTATION]: 'true' };

function node(name: string, index: number, created: string): LabObject {
  const ip = `10.0.${Math.floor(index / 250)}.${(index % 250) + 4}`;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      creationTimestamp: created,
      annotations: { ...SIM },
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'node.kubernetes.io/instance-type': 'm6i.4xlarge',
        'topology.kubernetes.io/zone': `eu-west-1${'abc'[index % 3] ?? 'a'}`,
      },
    },
    spec: {
      podCIDR: `10.244.${index % 256}.0/24`,
      providerID: `aws:///eu-west-1a/i-0${String(index).padStart(16, '0')}`,
    },
    status: {
      capacity: { cpu: '16', memory: '64Gi', pods: '250', 'ephemeral-storage': '100Gi' },
      allocatable: { cpu: '15890m', memory: '62Gi', pods: '250', 'ephemeral-storage': '95Gi' },
      conditions: healthyNodeConditions(created),
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
      nodeInfo: {
        kubeletVersion: 'v1.33.0',
        kubeProxyVersion: 'v1.33.0',
        osImage: 'Ubuntu 22.04.4 LTS',
        kernelVersion: '6.5.0-1017-aws',
        containerRuntimeVersion: 'containerd://1.7.13',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

function template(
  ns: string,
  name: string,
  version: string,
  shape: FailureShape | undefined,
): Record<string, unknown> {
  const container: Record<string, unknown> = {
    name: 'app',
    image: shape?.spec?.badImage
      ? `registry.example.com/${ns}/${name}:${version}-rc`
      : `registry.example.com/${ns}/${name}:${version}`,
    ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
    env: [
      { name: 'LOG_LEVEL', value: 'info' },
      {
        name: 'APP_CONFIG',
        valueFrom: { configMapKeyRef: { name: `${name}-config`, key: 'app.yaml' } },
      },
    ],
    resources: {
      requests: { cpu: '100m', memory: shape?.spec?.hugeRequest ? '512Gi' : '128Mi' },
      limits: { memory: shape?.spec?.memoryLimit ?? '256Mi' },
    },
    readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5 },
    livenessProbe: {
      httpGet: { path: shape?.spec?.livenessPath ?? '/healthz', port: 8080 },
      initialDelaySeconds: 10,
      periodSeconds: 10,
    },
  };
  if (shape?.spec?.missingSecret) {
    (container['env'] as unknown[]).push({
      name: 'DB_PASSWORD',
      valueFrom: { secretKeyRef: { name: shape.spec.missingSecret, key: 'password' } },
    });
  }
  return {
    metadata: { labels: { app: name }, annotations: { ...SIM } },
    spec: { containers: [container] },
  };
}

/** Generates the cluster into the store; returns what it made. */
/**
 * `events` is accepted for symmetry with the rest of the lab, but generated events are written
 * directly with historical counts and timestamps (a recorder would stamp them "now").
 */
export function populateSimulatedCluster(
  store: MemoryStore,
  logs: LogStore,
  _events: EventRecorder | undefined,
  options: PopulateOptions = {},
): PopulateSummary {
  const rng: RandomSource = seededRandom(options.seed ?? 42);
  const totalPods = options.pods ?? 10_000;
  const failingTarget = Math.min(options.failing ?? 100, totalPods);
  const nsCount = Math.max(1, options.namespaces ?? 20);
  const nodeCount = Math.max(1, options.nodes ?? Math.ceil(totalPods / 100));
  const kinds = options.kinds && options.kinds.length > 0 ? options.kinds : FAILURE_KINDS;
  const now = options.now ?? store.clock.now();
  const ago = (seconds: number): Date => new Date(now.getTime() - seconds * 1000);
  const summary: PopulateSummary = {
    namespaces: [],
    nodes: nodeCount,
    deployments: 0,
    pods: 0,
    failingPods: 0,
    failures: [],
  };

  const clusterCreated = formatTime(ago(40 * 86400));
  const nodes: LabObject[] = [];
  for (let i = 0; i < nodeCount; i++) {
    const name = `sim-node-${String(i + 1).padStart(3, '0')}`;
    nodes.push(
      store.getShared(RT.nodes, undefined, name) ??
        store.create(RT.nodes, node(name, i, clusterCreated), { keepCreationTimestamp: true }),
    );
  }
  const namespaces: string[] = [];
  for (let i = 0; i < nsCount; i++) {
    const word = NAMESPACE_WORDS[i % NAMESPACE_WORDS.length] ?? 'team';
    const name =
      i < NAMESPACE_WORDS.length ? word : `${word}-${Math.floor(i / NAMESPACE_WORDS.length) + 1}`;
    if (!store.namespaceExists(name))
      store.create(
        RT.namespaces,
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name, creationTimestamp: clusterCreated, annotations: { ...SIM } },
        },
        { keepCreationTimestamp: true },
      );
    namespaces.push(name);
  }
  summary.namespaces = namespaces;

  const ipCounters = new Array<number>(nodeCount).fill(2);
  let created = 0;
  let failing = 0;
  let d = 0;
  while (created < totalPods) {
    const ns = namespaces[d % namespaces.length] ?? 'default';
    const word = WORKLOAD_WORDS[Math.floor(d / namespaces.length) % WORKLOAD_WORDS.length] ?? 'app';
    const round = Math.floor(d / (namespaces.length * WORKLOAD_WORDS.length));
    const name = round === 0 ? `${ns}-${word}` : `${ns}-${word}-${round + 1}`;
    d++;
    const replicas = Math.min(totalPods - created, 1 + Math.floor(rng() * rng() * 8));
    const failHere =
      failing < failingTarget &&
      rng() < Math.max(0.15, (failingTarget - failing) / Math.max(1, totalPods - created))
        ? Math.min(replicas, failingTarget - failing)
        : 0;
    const kind =
      failHere > 0 ? (kinds[Math.floor(rng() * kinds.length)] ?? 'app-crash') : undefined;
    const shape = kind ? failureShape(kind, rng) : undefined;
    const ageDays = 1 + Math.floor(rng() * 30);
    const created0 = ago(ageDays * 86400 + Math.floor(rng() * 3600));
    const hasOldRevision = kind !== undefined || rng() < 0.3;
    const versionNew = `v1.${Math.floor(rng() * 20)}.${Math.floor(rng() * 10)}`;
    const versionOld = `v1.${Math.floor(rng() * 20)}.${Math.floor(rng() * 10)}-prev`;
    const newTemplate = template(ns, name, versionNew, shape);
    const selector = { matchLabels: { app: name } };
    const deploy = store.create(
      RT.deployments,
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
          name,
          namespace: ns,
          labels: { app: name, 'app.kubernetes.io/part-of': ns },
          creationTimestamp: formatTime(created0),
          annotations: {
            ...SIM,
            'deployment.kubernetes.io/revision': hasOldRevision ? '2' : '1',
            'kubernetes.io/change-cause': `deploy ${versionNew}`,
          },
        },
        spec: { replicas, selector, template: newTemplate },
      },
      { shared: true, keepCreationTimestamp: true },
    );
    const deployRef = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name,
      uid: deploy.metadata.uid ?? '',
      controller: true,
      blockOwnerDeletion: true,
    };
    const makeRs = (tpl: Record<string, unknown>, revision: number, count: number): LabObject => {
      const stored = store.getShared(RT.deployments, ns, name);
      const storedTpl =
        revision === (hasOldRevision ? 2 : 1) && stored
          ? (stored['spec'] as Record<string, unknown>)['template']
          : tpl;
      const hash = templateHash(storedTpl);
      const t = clone(storedTpl) as Record<string, unknown>;
      const meta = (t['metadata'] ?? {}) as Record<string, unknown>;
      meta['labels'] = {
        ...((meta['labels'] as Record<string, string>) ?? {}),
        'pod-template-hash': hash,
      };
      t['metadata'] = meta;
      const rs: LabObject = {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: `${name}-${hash}`,
          namespace: ns,
          creationTimestamp: formatTime(created0),
          labels: { app: name, 'pod-template-hash': hash },
          annotations: {
            ...SIM,
            'deployment.kubernetes.io/revision': String(revision),
            'deployment.kubernetes.io/desired-replicas': String(replicas),
            'deployment.kubernetes.io/max-replicas': String(replicas + Math.ceil(replicas / 4)),
            'kubernetes.io/change-cause': `deploy ${revision === 1 && hasOldRevision ? versionOld : versionNew}`,
          },
          ownerReferences: [deployRef],
        },
        spec: {
          replicas: count,
          selector: { matchLabels: { app: name, 'pod-template-hash': hash } },
          template: t,
        },
      };
      return store.create(RT.replicasets, rs, { shared: true, keepCreationTimestamp: true });
    };
    if (hasOldRevision) makeRs(template(ns, name, versionOld, undefined), 1, 0);
    const rs = makeRs(newTemplate, hasOldRevision ? 2 : 1, replicas);
    const rsRef = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      name: rs.metadata.name ?? '',
      uid: rs.metadata.uid ?? '',
      controller: true,
      blockOwnerDeletion: true,
    };
    const rsTemplate = (rs['spec'] as Record<string, unknown>)['template'] as Record<
      string,
      unknown
    >;
    let readyCount = 0;
    for (let r = 0; r < replicas; r++) {
      const fails = r < failHere && shape !== undefined;
      const podName = `${rs.metadata.name ?? ''}-${randomSuffix(rng)}`;
      const nodeIndex = Math.floor(rng() * nodeCount);
      const nodeObj = nodes[nodeIndex];
      const unsched = fails && shape.unschedulable === true;
      const podCreated = fails ? ago(600 + Math.floor(rng() * 7200)) : created0;
      const tmeta = rsTemplate['metadata'] as Record<string, unknown>;
      const pod: LabObject = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: podName,
          namespace: ns,
          creationTimestamp: formatTime(podCreated),
          labels: { ...(tmeta['labels'] as Record<string, string>) },
          annotations: { ...SIM },
          ownerReferences: [rsRef],
        },
        spec: { ...(rsTemplate['spec'] as Record<string, unknown>) },
      };
      if (!unsched && nodeObj)
        (pod['spec'] as Record<string, unknown>)['nodeName'] = nodeObj.metadata.name;
      const hostIP = nodeObj ? `10.0.${Math.floor(nodeIndex / 250)}.${(nodeIndex % 250) + 4}` : '';
      const ipN = ipCounters[nodeIndex] ?? 2;
      ipCounters[nodeIndex] = ipN + 1;
      const podIP = `10.${244 + Math.floor(nodeIndex / 256)}.${nodeIndex % 256}.${ipN % 254}`;
      const restarts = fails && shape.termination ? 1 + Math.floor(rng() * 40) : 0;
      const stored = store.create(RT.pods, pod, { shared: true, keepCreationTimestamp: true });
      const st = simulatedStatus({
        pod: stored,
        shape: fails ? shape : undefined,
        restarts,
        now,
        startedAt: podCreated,
        podIP,
        hostIP,
        rng,
      });
      if (unsched) {
        const used = { cpu: 0, memory: 0, pods: 0 };
        const message = failedSchedulingMessage(nodes.map((n) => fitNode(stored, n, used)));
        st.status['conditions'] = [
          {
            type: 'PodScheduled',
            status: 'False',
            lastProbeTime: null,
            lastTransitionTime: formatTime(podCreated),
            reason: 'Unschedulable',
            message,
          },
        ];
        store.create(
          RT.events,
          buildEvent({
            involved: {
              kind: 'Pod',
              namespace: ns,
              name: podName,
              uid: stored.metadata.uid ?? '',
              apiVersion: 'v1',
            },
            type: 'Warning',
            reason: 'FailedScheduling',
            message,
            source: { component: 'default-scheduler' },
            firstTimestamp: podCreated,
            lastTimestamp: ago(Math.floor(rng() * 300)),
            count: 1,
          }),
        );
      }
      store.updateStatus(RT.pods, { ...stored, status: st.status }, { shared: true });
      if (!fails) readyCount++;
      const uid = stored.metadata.uid ?? '';
      const nodeName = nodeObj?.metadata.name ?? '';
      if (fails) {
        summary.failures.push({
          namespace: ns,
          deployment: name,
          pod: podName,
          kind: kind as FailureKind,
        });
        failing++;
        const image = String(
          (
            (rsTemplate['spec'] as Record<string, unknown>)['containers'] as Record<
              string,
              unknown
            >[]
          )[0]?.['image'] ?? '',
        );
        const podInvolved = { kind: 'Pod', namespace: ns, name: podName, uid, apiVersion: 'v1' };
        if (!unsched) {
          store.create(
            RT.events,
            buildEvent({
              involved: podInvolved,
              type: 'Normal',
              reason: 'Scheduled',
              message: `Successfully assigned ${ns}/${podName} to ${nodeName}`,
              source: { component: 'default-scheduler' },
              firstTimestamp: podCreated,
              lastTimestamp: podCreated,
              count: 1,
            }),
          );
        }
        for (const ev of shape.events({
          container: 'app',
          image,
          podRef: `${podName}_${ns}(${uid})`,
          restarts,
        })) {
          store.create(
            RT.events,
            buildEvent({
              involved: { ...podInvolved, fieldPath: 'spec.containers{app}' },
              type: ev.type,
              reason: ev.reason,
              message: ev.message,
              source: { component: 'kubelet', host: nodeName },
              firstTimestamp: podCreated,
              lastTimestamp: ago(Math.floor(rng() * 120)),
              count: ev.count,
            }),
          );
        }
        if (shape.logs.length > 0) {
          const end = st.lastFinishedAt ?? now;
          const start = st.lastStartedAt ?? ago(60);
          const write = (instance: number, shift: number): void => {
            shape.logs.forEach((text, i) => {
              const t = new Date(
                start.getTime() -
                  shift +
                  (i * (end.getTime() - start.getTime())) / Math.max(1, shape.logs.length),
              );
              logs.append(ns, podName, 'app', instance, {
                time: t.toISOString(),
                text,
                stream: i === shape.logs.length - 1 ? 'stderr' : 'stdout',
              });
            });
          };
          if (restarts > 0) {
            write(restarts - 1, 1000 * 60);
            write(restarts, 0);
          } else {
            write(0, 0);
          }
        }
      } else {
        logs.append(ns, podName, 'app', 0, {
          time: podCreated.toISOString(),
          text: `{"level":"info","msg":"${name} listening","addr":":8080"}`,
          stream: 'stdout',
        });
      }
      created++;
    }
    const available = readyCount;
    const rsStatus: Record<string, unknown> = {
      replicas,
      fullyLabeledReplicas: replicas,
      observedGeneration: 1,
    };
    if (available > 0) {
      rsStatus['readyReplicas'] = available;
      rsStatus['availableReplicas'] = available;
    }
    const freshRs = store.getShared(RT.replicasets, ns, rs.metadata.name ?? '');
    if (freshRs) store.updateStatus(RT.replicasets, { ...freshRs, status: rsStatus });
    const at = formatTime(created0);
    const healthy = available === replicas;
    const minAvailable = replicas - Math.floor(replicas / 4);
    const dStatus: Record<string, unknown> = {
      observedGeneration: 1,
      replicas,
      updatedReplicas: replicas,
      conditions: [
        available >= minAvailable
          ? {
              type: 'Available',
              status: 'True',
              lastUpdateTime: at,
              lastTransitionTime: at,
              reason: 'MinimumReplicasAvailable',
              message: 'Deployment has minimum availability.',
            }
          : {
              type: 'Available',
              status: 'False',
              lastUpdateTime: at,
              lastTransitionTime: at,
              reason: 'MinimumReplicasUnavailable',
              message: 'Deployment does not have minimum availability.',
            },
        healthy
          ? {
              type: 'Progressing',
              status: 'True',
              lastUpdateTime: at,
              lastTransitionTime: at,
              reason: 'NewReplicaSetAvailable',
              message: `ReplicaSet "${rs.metadata.name ?? ''}" has successfully progressed.`,
            }
          : {
              type: 'Progressing',
              status: 'False',
              lastUpdateTime: at,
              lastTransitionTime: at,
              reason: 'ProgressDeadlineExceeded',
              message: `ReplicaSet "${rs.metadata.name ?? ''}" has timed out progressing.`,
            },
      ],
    };
    if (available > 0) {
      dStatus['readyReplicas'] = available;
      dStatus['availableReplicas'] = available;
    }
    if (replicas - available > 0) dStatus['unavailableReplicas'] = replicas - available;
    const freshD = store.getShared(RT.deployments, ns, name);
    if (freshD) store.updateStatus(RT.deployments, { ...freshD, status: dStatus });
    store.create(
      RT.configmaps,
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: `${name}-config`,
          namespace: ns,
          creationTimestamp: formatTime(created0),
          labels: { app: name },
          annotations: { ...SIM },
        },
        data: { 'app.yaml': `server:\n  port: 8080\nlogLevel: info\nservice: ${name}\n` },
      },
      { keepCreationTimestamp: true },
    );
    store.create(
      RT.services,
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          name,
          namespace: ns,
          creationTimestamp: formatTime(created0),
          labels: { app: name },
          annotations: { ...SIM },
        },
        spec: {
          selector: { app: name },
          ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
        },
      },
      { keepCreationTimestamp: true },
    );
    summary.deployments++;
  }
  summary.pods = created;
  summary.failingPods = failing;
  writeEndpoints(store, namespaces, rng);
  return summary;
}

/** Endpoints and EndpointSlices for the generated Services (what the controllers would write). */
function writeEndpoints(store: MemoryStore, namespaces: string[], rng: RandomSource): void {
  for (const ns of namespaces) {
    const pods = store.listShared(RT.pods, ns).items;
    for (const svc of store.listShared(RT.services, ns).items) {
      if (svc.metadata.annotations?.[SIMULATED_ANNOTATION] !== 'true') continue;
      const app = svc.metadata.labels?.['app'];
      const members = pods.filter(
        (p) =>
          p.metadata.labels?.['app'] === app &&
          (p['status'] as Record<string, unknown> | undefined)?.['podIP'],
      );
      const ready = (p: LabObject): boolean =>
        (
          ((p['status'] as Record<string, unknown>)['conditions'] as Record<string, unknown>[]) ??
          []
        ).some((c) => c['type'] === 'Ready' && c['status'] === 'True');
      const addr = (p: LabObject): Record<string, unknown> => ({
        ip: (p['status'] as Record<string, unknown>)['podIP'],
        nodeName: (p['spec'] as Record<string, unknown>)['nodeName'],
        targetRef: { kind: 'Pod', namespace: ns, name: p.metadata.name, uid: p.metadata.uid },
      });
      const subset: Record<string, unknown> = {
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      };
      const okPods = members.filter(ready);
      const badPods = members.filter((p) => !ready(p));
      if (okPods.length > 0) subset['addresses'] = okPods.map(addr);
      if (badPods.length > 0) subset['notReadyAddresses'] = badPods.map(addr);
      const name = svc.metadata.name ?? '';
      const ep: LabObject = {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name, namespace: ns, labels: { app: app ?? '' }, annotations: { ...SIM } },
      };
      if (members.length > 0) ep['subsets'] = [subset];
      if (!store.getShared(RT.endpoints, ns, name)) store.create(RT.endpoints, ep);
      store.create(RT.endpointslices, {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name: `${name}-${randomSuffix(rng)}`,
          namespace: ns,
          labels: {
            'kubernetes.io/service-name': name,
            'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
            app: app ?? '',
          },
          annotations: { ...SIM },
          ownerReferences: [
            {
              apiVersion: 'v1',
              kind: 'Service',
              name,
              uid: svc.metadata.uid ?? '',
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        addressType: 'IPv4',
        endpoints: members.map((p) => ({
          addresses: [(p['status'] as Record<string, unknown>)['podIP']],
          conditions: { ready: ready(p), serving: ready(p), terminating: false },
          nodeName: (p['spec'] as Record<string, unknown>)['nodeName'],
          targetRef: { kind: 'Pod', namespace: ns, name: p.metadata.name, uid: p.metadata.uid },
        })),
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      });
    }
  }
}
