/**
 * The live collector: reads a cluster through the Kubernetes API into the same EvidenceBundle the
 * offline parsers build, with a small, predictable number of requests:
 *
 *   pods (one list at the needed scope, or the named pods)            1 (+ pages)
 *   events, replicasets, services, endpointslices, configmaps         1 each
 *   nodes (only when failing pods are bound), owners actually named   1 each
 *   logs: previous + a bounded tail of the current, failing only      ≤ 2 per failing container
 *
 * A 403 is not fatal: the missing permission is named (e.g. `get pods/log`) and the diagnosis goes
 * on with what was allowed. Secret values are never read; with `secretKeys` the Secret list is
 * read and reduced to key names at once.
 */
import { KubeConfig } from '@kubernetes/client-node';
import { CrashlensError } from '../../errors.js';
import { buildCases } from '../../engine/cases.js';
import { EvidenceIndex } from '../../engine/evidence-index.js';
import { mapKubeObject } from '../offline/parse-objects.js';
import type { EvidenceBundle, Pod, RolloutHistory } from '../types.js';
import {
  KubeApiError,
  KubeConfigError,
  KubeHttp,
  KubeUnreachableError,
  type HttpOptions,
} from './http.js';
import { addLog, addObjectAsYaml, addObjectsAsLines, addSource } from './sources.js';

export interface LiveOptions {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  allNamespaces?: boolean;
  /** `pod-name`, `pod/name`, `deployment/name`, `statefulset/name`... */
  targets?: string[];
  labelSelector?: string;
  /** Lines of the current instance's log to read (the previous instance is read whole up to `maxLogBytes`). */
  tailLines?: number;
  maxLogBytes?: number;
  /** Items per list page. */
  pageSize?: number;
  /** Read Secrets' key names (values are dropped on arrival). Off by default. */
  secretKeys?: boolean;
  /** The time of collection (ISO), from the caller's clock. */
  now: string;
  http?: Partial<HttpOptions>;
  /** For tests: a ready KubeConfig instead of loading one. */
  kubeConfig?: KubeConfig;
}

export interface LiveResult {
  bundle: EvidenceBundle;
  apiRequests: number;
  server: string;
  /** Permissions the API server refused, as `verb resource` (e.g. `get pods/log`). */
  forbidden: string[];
  /** What was read, for `crashlens snapshot`: API objects per resource (Secrets as keys only) and logs. */
  raw: {
    objects: Record<string, RawObject[]>;
    logs: { namespace: string; pod: string; container: string; previous: boolean; text: string }[];
  };
}

interface RawObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    ownerReferences?: { kind?: string; name?: string }[];
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [k: string]: unknown;
}

interface Kind {
  path: string; // '/api/v1' or '/apis/apps/v1'
  resource: string;
  kind: string;
  apiVersion: string;
  namespaced: boolean;
}

const K = {
  pods: { path: '/api/v1', resource: 'pods', kind: 'Pod', apiVersion: 'v1', namespaced: true },
  events: {
    path: '/api/v1',
    resource: 'events',
    kind: 'Event',
    apiVersion: 'v1',
    namespaced: true,
  },
  services: {
    path: '/api/v1',
    resource: 'services',
    kind: 'Service',
    apiVersion: 'v1',
    namespaced: true,
  },
  endpoints: {
    path: '/api/v1',
    resource: 'endpoints',
    kind: 'Endpoints',
    apiVersion: 'v1',
    namespaced: true,
  },
  configmaps: {
    path: '/api/v1',
    resource: 'configmaps',
    kind: 'ConfigMap',
    apiVersion: 'v1',
    namespaced: true,
  },
  secrets: {
    path: '/api/v1',
    resource: 'secrets',
    kind: 'Secret',
    apiVersion: 'v1',
    namespaced: true,
  },
  nodes: { path: '/api/v1', resource: 'nodes', kind: 'Node', apiVersion: 'v1', namespaced: false },
  endpointslices: {
    path: '/apis/discovery.k8s.io/v1',
    resource: 'endpointslices',
    kind: 'EndpointSlice',
    apiVersion: 'discovery.k8s.io/v1',
    namespaced: true,
  },
  replicasets: {
    path: '/apis/apps/v1',
    resource: 'replicasets',
    kind: 'ReplicaSet',
    apiVersion: 'apps/v1',
    namespaced: true,
  },
  deployments: {
    path: '/apis/apps/v1',
    resource: 'deployments',
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    namespaced: true,
  },
  statefulsets: {
    path: '/apis/apps/v1',
    resource: 'statefulsets',
    kind: 'StatefulSet',
    apiVersion: 'apps/v1',
    namespaced: true,
  },
  daemonsets: {
    path: '/apis/apps/v1',
    resource: 'daemonsets',
    kind: 'DaemonSet',
    apiVersion: 'apps/v1',
    namespaced: true,
  },
  jobs: {
    path: '/apis/batch/v1',
    resource: 'jobs',
    kind: 'Job',
    apiVersion: 'batch/v1',
    namespaced: true,
  },
} satisfies Record<string, Kind>;

const TARGET_KINDS: Record<string, Kind> = {
  deployment: K.deployments,
  deployments: K.deployments,
  deploy: K.deployments,
  statefulset: K.statefulsets,
  statefulsets: K.statefulsets,
  sts: K.statefulsets,
  daemonset: K.daemonsets,
  daemonsets: K.daemonsets,
  ds: K.daemonsets,
  job: K.jobs,
  jobs: K.jobs,
  replicaset: K.replicasets,
  replicasets: K.replicasets,
  rs: K.replicasets,
};

export function loadKubeConfig(options: Pick<LiveOptions, 'kubeconfig' | 'context'>): KubeConfig {
  const kc = new KubeConfig();
  try {
    if (options.kubeconfig) kc.loadFromFile(options.kubeconfig);
    else kc.loadFromDefault();
  } catch (error) {
    throw new CrashlensError(
      'E_CLUSTER_UNREACHABLE',
      `Cannot read the kubeconfig${options.kubeconfig ? ` ${options.kubeconfig}` : ''}: ${error instanceof Error ? error.message : String(error)}.`,
      {
        hint: 'Check `kubectl config view`, pass --kubeconfig FILE, or diagnose a paste with `crashlens diagnose -f FILE`.',
        cause: error,
      },
    );
  }
  if (options.context) {
    if (!kc.getContexts().some((c) => c.name === options.context)) {
      throw new CrashlensError(
        'E_USAGE',
        `There is no context "${options.context}" in the kubeconfig.`,
        { hint: 'List them with `kubectl config get-contexts`.' },
      );
    }
    kc.setCurrentContext(options.context);
  }
  const cluster = kc.getCurrentCluster();
  // client-node falls back to an unauthenticated localhost:8080 when it finds no configuration.
  if (
    !options.kubeconfig &&
    cluster?.name === 'cluster' &&
    cluster.server === 'http://localhost:8080'
  ) {
    throw new CrashlensError(
      'E_CLUSTER_UNREACHABLE',
      'No kubeconfig was found ($KUBECONFIG is unset, ~/.kube/config does not exist) and this is not running inside a cluster.',
      {
        hint: 'Pass --kubeconfig FILE or --context NAME, try the local lab (`crashlens lab up`), or diagnose a paste offline with `crashlens diagnose -f FILE`.',
      },
    );
  }
  if (!cluster) {
    throw new CrashlensError('E_CLUSTER_UNREACHABLE', 'The kubeconfig has no current cluster.', {
      hint: 'Pick one with `kubectl config use-context NAME` or pass --context NAME; without a cluster, diagnose a paste with `crashlens diagnose -f FILE`.',
    });
  }
  return kc;
}

export type { RawObject };

export async function collectLive(options: LiveOptions): Promise<LiveResult> {
  const kc = options.kubeConfig ?? loadKubeConfig(options);
  const http = new KubeHttp(kc, options.http ?? {});
  const ctxNs = kc.getContextObject(kc.getCurrentContext())?.namespace;
  const namespace = options.allNamespaces ? undefined : (options.namespace ?? ctxNs ?? 'default');
  const pageSize = options.pageSize ?? 5000;
  const bundle: EvidenceBundle = {
    sources: [],
    items: [],
    logs: [],
    raw: [],
    warnings: [],
    now: options.now,
  };
  const forbidden = new Set<string>();

  const list = async (
    kind: Kind,
    ns: string | undefined,
    params: Record<string, string | undefined> = {},
  ): Promise<RawObject[] | undefined> => {
    const base =
      kind.namespaced && ns
        ? `${kind.path}/namespaces/${encodeURIComponent(ns)}/${kind.resource}`
        : `${kind.path}/${kind.resource}`;
    const out: RawObject[] = [];
    let token: string | undefined;
    try {
      do {
        const page = await http.getJson<{ items?: RawObject[]; metadata?: { continue?: string } }>(
          base,
          { limit: pageSize, continue: token, ...params },
        );
        for (const item of page.items ?? [])
          out.push({
            ...item,
            apiVersion: item.apiVersion ?? kind.apiVersion,
            kind: item.kind ?? kind.kind,
          });
        token = page.metadata?.continue || undefined;
      } while (token);
      return out;
    } catch (error) {
      return handle(error, `list ${kind.resource}`, ns);
    }
  };

  const handle = (error: unknown, what: string, ns: string | undefined): undefined => {
    if (error instanceof KubeConfigError) {
      throw new CrashlensError(
        'E_CLUSTER_UNREACHABLE',
        `The kubeconfig's credentials or TLS settings cannot be used: ${error.message}.`,
        {
          hint: 'Check the context with `kubectl config view --minify` (an exec credential plugin may need logging in again), or pass --context / --kubeconfig.',
          cause: error,
        },
      );
    }
    if (error instanceof KubeUnreachableError) {
      throw new CrashlensError(
        'E_CLUSTER_UNREACHABLE',
        `Cannot reach the Kubernetes API at ${error.server}: ${error.message}.`,
        {
          hint: 'Check the cluster is up and your context (`kubectl cluster-info`), or diagnose a paste offline with `crashlens diagnose -f FILE`.',
          cause: error,
        },
      );
    }
    if (error instanceof KubeApiError && error.status === 401) {
      throw new CrashlensError(
        'E_FORBIDDEN',
        `The API server at ${http.server} rejected the credentials (401 Unauthorized).`,
        {
          hint: 'Refresh your credentials (e.g. log in to the cloud CLI again) and check `kubectl auth whoami`.',
          cause: error,
        },
      );
    }
    if (error instanceof KubeApiError && error.status === 403) {
      forbidden.add(`${what}${ns ? ` (namespace ${ns})` : ' (cluster scope)'}`);
      return undefined;
    }
    const detail = error instanceof Error ? error.message : String(error);
    bundle.warnings.push(
      `${what}${ns ? ` in ${ns}` : ''} failed: ${detail}; the diagnosis is partial`,
    );
    return undefined;
  };

  // 1. The pods in question.
  let rawPods: RawObject[] = [];
  const podNames: string[] = [];
  const selectors: string[] = [];
  const workloadTargets: RawObject[] = [];
  if (options.allNamespaces && (options.targets ?? []).length > 0) {
    throw new CrashlensError(
      'E_USAGE',
      'A pod or TYPE/NAME target needs its namespace (-n NS), not -A.',
      {
        hint: 'Use `crashlens diagnose deployment/NAME -n NS`, or `crashlens diagnose -A` for everything.',
      },
    );
  }
  for (const target of options.targets ?? []) {
    const slash = target.indexOf('/');
    const type = slash > 0 ? target.slice(0, slash).toLowerCase() : 'pod';
    const name = slash > 0 ? target.slice(slash + 1) : target;
    if (/^(po|pod|pods)$/.test(type)) {
      podNames.push(name);
      continue;
    }
    const kind = TARGET_KINDS[type];
    if (!kind)
      throw new CrashlensError(
        'E_USAGE',
        `"${target}" is not a pod or a workload crashlens can diagnose.`,
        {
          hint: 'Use a pod name, pod/NAME, deployment/NAME, statefulset/NAME, daemonset/NAME, replicaset/NAME or job/NAME.',
        },
      );
    try {
      const obj = await http.getJson<RawObject>(
        `${kind.path}/namespaces/${encodeURIComponent(namespace ?? 'default')}/${kind.resource}/${encodeURIComponent(name)}`,
      );
      workloadTargets.push({
        ...obj,
        apiVersion: obj.apiVersion ?? kind.apiVersion,
        kind: obj.kind ?? kind.kind,
      });
      const labels =
        (obj.spec?.['selector'] as { matchLabels?: Record<string, string> } | undefined)
          ?.matchLabels ?? {};
      selectors.push(
        Object.entries(labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(','),
      );
    } catch (error) {
      if (error instanceof KubeApiError && error.status === 404) {
        throw new CrashlensError(
          'E_NOT_FOUND',
          `${target} does not exist in namespace ${namespace ?? 'default'}.`,
          { hint: `List them with \`kubectl get ${kind.resource} -n ${namespace ?? 'default'}\`.` },
        );
      }
      handle(error, `get ${kind.resource}`, namespace);
    }
  }
  if (podNames.length > 0) {
    for (const name of podNames) {
      try {
        rawPods.push(
          await http.getJson<RawObject>(
            `/api/v1/namespaces/${encodeURIComponent(namespace ?? 'default')}/pods/${encodeURIComponent(name)}`,
          ),
        );
      } catch (error) {
        if (error instanceof KubeApiError && error.status === 404) {
          throw new CrashlensError(
            'E_NOT_FOUND',
            `pod ${name} does not exist in namespace ${namespace ?? 'default'}.`,
            { hint: `List the pods with \`kubectl get pods -n ${namespace ?? 'default'}\`.` },
          );
        }
        handle(error, 'get pods', namespace);
      }
    }
  }
  for (const selector of selectors)
    rawPods.push(...((await list(K.pods, namespace, { labelSelector: selector })) ?? []));
  if (podNames.length === 0 && selectors.length === 0) {
    const listed = await list(K.pods, namespace, { labelSelector: options.labelSelector });
    // Without the pods there is nothing to diagnose: that is a failure, not a healthy cluster.
    if (!listed) {
      const denied = [...forbidden].find((f) => f.startsWith('list pods'));
      throw new CrashlensError(
        denied ? 'E_FORBIDDEN' : 'E_CLUSTER_UNREACHABLE',
        denied
          ? `The API server refused to list pods: permission missing: ${denied}.`
          : `Listing pods failed: ${bundle.warnings.at(-1) ?? 'no answer'}.`,
        {
          hint: denied
            ? 'Grant the role from `crashlens rbac` (or `crashlens rbac -n NS` for one namespace).'
            : 'Check the cluster (`kubectl get pods`) and try again.',
        },
      );
    }
    rawPods = listed;
  }
  rawPods = rawPods.map((p) => ({ ...p, apiVersion: p.apiVersion ?? 'v1', kind: 'Pod' }));

  // 2. Which of them fail: the engine's own rule, on the pods alone.
  const failing = suspectPods(rawPods);
  const failingNs = new Set([...failing.keys()].map((k) => k.slice(0, k.indexOf('/'))));
  const scope =
    options.allNamespaces || failingNs.size > 1 ? undefined : ([...failingNs][0] ?? namespace);

  // 3. What the failing pods need, one list per kind at that scope.
  const ownerKinds = new Set(
    rawPods
      .filter((p) => failing.has(podKey(p)))
      .flatMap((p) => (p.metadata?.ownerReferences ?? []).map((o) => o.kind ?? '')),
  );
  const nodesNeeded = rawPods.some((p) => failing.has(podKey(p)) && p.spec?.['nodeName']);
  const work =
    failing.size === 0
      ? []
      : [
          list(K.events, scope),
          ownerKinds.has('ReplicaSet') ? list(K.replicasets, scope) : Promise.resolve(undefined),
          ownerKinds.has('StatefulSet') ? list(K.statefulsets, scope) : Promise.resolve(undefined),
          ownerKinds.has('DaemonSet') ? list(K.daemonsets, scope) : Promise.resolve(undefined),
          ownerKinds.has('Job') ? list(K.jobs, scope) : Promise.resolve(undefined),
          list(K.services, scope),
          list(K.endpointslices, scope),
          list(K.configmaps, scope),
          nodesNeeded ? list(K.nodes, undefined) : Promise.resolve(undefined),
          options.secretKeys ? list(K.secrets, scope) : Promise.resolve(undefined),
        ];
  const [
    events = [],
    replicasets = [],
    statefulsets = [],
    daemonsets = [],
    jobs = [],
    services = [],
    slices,
    configmaps = [],
    nodes = [],
    rawSecrets = [],
  ] = await Promise.all(work);
  // Secret values are dropped the moment they arrive.
  const secrets = rawSecrets.map(keysOnly);
  const endpointSlices = slices ?? [];
  let endpoints: RawObject[] = [];
  if (
    failing.size > 0 &&
    slices === undefined &&
    !forbidden.has(`list endpointslices${scope ? ` (namespace ${scope})` : ' (cluster scope)'}`)
  ) {
    endpoints = (await list(K.endpoints, scope)) ?? [];
  }
  const deploymentsNeeded = (replicasets ?? []).some((rs) =>
    (rs.metadata?.ownerReferences ?? []).some((o) => o.kind === 'Deployment'),
  );
  const deployments =
    failing.size > 0 && deploymentsNeeded ? ((await list(K.deployments, scope)) ?? []) : [];

  // 4. Logs of failing containers: the crashed instance whole (bounded), the current one's tail.
  const logJobs: (() => Promise<void>)[] = [];
  const rawLogs: LiveResult['raw']['logs'] = [];
  let logsForbidden = false;
  for (const pod of rawPods) {
    if (!failing.has(podKey(pod))) continue;
    const statuses = [
      ...((pod.status?.['initContainerStatuses'] as RawStatus[] | undefined) ?? []),
      ...((pod.status?.['containerStatuses'] as RawStatus[] | undefined) ?? []),
    ];
    for (const st of statuses) {
      if (!failing.get(podKey(pod))?.has(st.name)) continue;
      const ns = pod.metadata?.namespace ?? namespace ?? 'default';
      const name = pod.metadata?.name ?? '';
      const path = `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(name)}/log`;
      const fetchLog = async (previous: boolean): Promise<void> => {
        if (logsForbidden) return;
        try {
          const text = await http.getText(path, {
            container: st.name,
            previous: previous || undefined,
            tailLines: previous ? undefined : (options.tailLines ?? 200),
            limitBytes: options.maxLogBytes ?? 2_000_000,
          });
          addLog(bundle, { namespace: ns, pod: name, container: st.name, previous }, text);
          rawLogs.push({ namespace: ns, pod: name, container: st.name, previous, text });
        } catch (error) {
          if (error instanceof KubeApiError && error.status === 403) {
            logsForbidden = true;
            forbidden.add(`get pods/log${` (namespace ${ns})`}`);
          } else if (!(error instanceof KubeApiError && error.status === 400)) {
            handle(error, 'get pods/log', ns);
          }
        }
      };
      const hasPrevious = (st.restartCount ?? 0) > 0 || st.lastState?.terminated !== undefined;
      if (hasPrevious) logJobs.push(() => fetchLog(true));
      if (st.state?.running || st.state?.terminated) logJobs.push(() => fetchLog(false));
    }
  }
  // The first request tells whether logs may be read at all; without pods/log the rest is skipped.
  await logJobs[0]?.();
  await Promise.all(logJobs.slice(1).map((job) => job()));

  // 5. A dependency in another namespace (`redis.infra.svc`, named in env or logs): its events,
  // Services, endpoints and ReplicaSets tell whether it was down or rolling out. Two at most.
  const others = new Set<string>();
  if (scope !== undefined) {
    const text = [
      ...rawPods
        .filter((p) => failing.has(podKey(p)))
        .flatMap((p) =>
          ((p.spec?.['containers'] as { env?: { value?: string }[] }[] | undefined) ?? []).flatMap(
            (c) => (c.env ?? []).map((e) => e.value ?? ''),
          ),
        ),
      ...rawLogs.map((l) => l.text.slice(-200_000)),
    ].join('\n');
    for (const m of text.matchAll(/\b[a-z0-9][a-z0-9-]{0,62}\.([a-z0-9][a-z0-9-]{0,62})\.svc\b/g)) {
      if (m[1] && m[1] !== scope && others.size < 2) others.add(m[1]);
    }
    for (const ns of others) {
      const [ev, svc, sl, rs] = await Promise.all([
        list(K.events, ns),
        list(K.services, ns),
        list(K.endpointslices, ns),
        list(K.replicasets, ns),
      ]);
      events.push(...(ev ?? []));
      services.push(...(svc ?? []));
      endpointSlices.push(...(sl ?? []));
      replicasets.push(...(rs ?? []));
    }
  }

  // 6. Into the evidence model, rendered so diagnoses can quote it.
  const referenced = referencedConfig(rawPods.filter((p) => failing.has(podKey(p))));
  const add = (raw: RawObject, name: string): void => {
    const object = mapKubeObject(raw);
    if (object) addObjectAsYaml(bundle, name, raw, object);
  };
  const lines = (name: string, raws: RawObject[], line: (r: RawObject) => string): void =>
    addObjectsAsLines(
      bundle,
      name,
      raws.flatMap((r) => {
        const object = mapKubeObject(r);
        return object ? [{ line: line(r), object }] : [];
      }),
    );
  for (const pod of rawPods)
    if (failing.has(podKey(pod))) add(pod, `pod/${pod.metadata?.name ?? ''}`);
  lines(
    'kubectl get pods',
    rawPods.filter((p) => !failing.has(podKey(p))),
    podLine,
  );
  lines('kubectl get events', events, eventLine);
  const failingNsSet = new Set(
    rawPods.filter((p) => failing.has(podKey(p))).map((p) => p.metadata?.namespace),
  );
  for (const rs of replicasets)
    if (failingNsSet.has(rs.metadata?.namespace) || others.has(rs.metadata?.namespace ?? ''))
      add(rs, `replicaset/${rs.metadata?.name ?? ''}`);
  for (const w of [...deployments, ...statefulsets, ...daemonsets, ...jobs, ...workloadTargets])
    if (failingNsSet.has(w.metadata?.namespace))
      add(w, `${(w.kind ?? '').toLowerCase()}/${w.metadata?.name ?? ''}`);
  lines(
    'kubectl get services',
    services,
    (s) =>
      `service/${s.metadata?.name ?? ''} ${String((s.spec?.['clusterIP'] as string | undefined) ?? '')}`,
  );
  lines('kubectl get endpointslices', endpointSlices, sliceLine);
  lines('kubectl get endpoints', endpoints, endpointsLine);
  for (const cm of configmaps)
    if (referenced.configMaps.has(`${cm.metadata?.namespace}/${cm.metadata?.name}`))
      add(cm, `configmap/${cm.metadata?.name ?? ''}`);
  const boundNodes = new Set(
    rawPods
      .filter((p) => failing.has(podKey(p)))
      .map((p) => p.spec?.['nodeName'] as string | undefined),
  );
  for (const node of nodes)
    if (boundNodes.has(node.metadata?.name)) add(node, `node/${node.metadata?.name ?? ''}`);
  lines(
    'kubectl get secrets',
    secrets,
    (s) =>
      `secret/${s.metadata?.name ?? ''} keys: ${Object.keys((s['data'] as object | undefined) ?? {}).join(', ')}`,
  );
  addRolloutHistories(
    bundle,
    replicasets.filter((rs) => failingNsSet.has(rs.metadata?.namespace)),
  );

  for (const f of forbidden)
    bundle.warnings.push(
      `permission missing: ${f}${f.startsWith('get pods/log') ? '; the diagnosis uses status and events only — the logs would decide' : ''}`,
    );
  const objects: Record<string, RawObject[]> = {
    pods: rawPods,
    events,
    replicasets,
    deployments,
    statefulsets,
    daemonsets,
    jobs,
    services,
    endpointslices: endpointSlices,
    endpoints,
    configmaps,
    nodes,
    secrets,
    workloads: workloadTargets,
  };
  return {
    bundle,
    apiRequests: http.requests,
    server: http.server,
    forbidden: [...forbidden],
    raw: { objects, logs: rawLogs },
  };
}

/** A Secret with its values dropped: key names only. */
function keysOnly(secret: RawObject): RawObject {
  const keys = [
    ...Object.keys((secret['data'] as object | undefined) ?? {}),
    ...Object.keys((secret['stringData'] as object | undefined) ?? {}),
  ];
  const { data: _d, stringData: _s, ...rest } = secret;
  const annotations = { ...(secret.metadata?.annotations ?? {}) };
  delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
  return {
    ...rest,
    metadata: { ...secret.metadata, annotations },
    data: Object.fromEntries(keys.map((k) => [k, ''])),
  };
}

interface RawStatus {
  name: string;
  restartCount?: number;
  state?: { running?: unknown; terminated?: unknown; waiting?: unknown };
  lastState?: { terminated?: unknown };
}

function podKey(p: RawObject): string {
  return `${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''}`;
}

/** Failing pods and, per pod, the failing container names (the engine's definition). */
/**
 * The pods worth reading events and logs for: those the engine calls failing from their status
 * alone, plus those whose fate depends on their events — containers still waiting to start
 * (a volume that will not mount) or running but not Ready (a failing readiness probe), and
 * Pending pods. The final verdict is the engine's, on the full evidence.
 */
function suspectPods(rawPods: RawObject[]): Map<string, Set<string>> {
  const out = failingPods(rawPods);
  for (const p of rawPods) {
    const key = podKey(p);
    const statuses = [
      ...((p.status?.['initContainerStatuses'] as RawStatusFull[] | undefined) ?? []),
      ...((p.status?.['containerStatuses'] as RawStatusFull[] | undefined) ?? []),
    ];
    const phase = p.status?.['phase'];
    const unsettled = statuses.filter(
      (st) =>
        st.state?.waiting !== undefined || (st.state?.running !== undefined && st.ready === false),
    );
    if (unsettled.length === 0 && phase !== 'Pending') continue;
    const set = out.get(key) ?? new Set<string>();
    for (const st of unsettled) set.add(st.name);
    if (set.size === 0) set.add('');
    out.set(key, set);
  }
  return out;
}

interface RawStatusFull extends RawStatus {
  ready?: boolean;
}

function failingPods(rawPods: RawObject[]): Map<string, Set<string>> {
  const bundle: EvidenceBundle = { sources: [], items: [], logs: [], raw: [], warnings: [] };
  for (const raw of rawPods) {
    const object = mapKubeObject(raw) as Pod | undefined;
    if (object) bundle.items.push({ object, origin: { source: 0, from: 1, to: 1 } });
  }
  const out = new Map<string, Set<string>>();
  for (const c of buildCases(new EvidenceIndex(bundle))) {
    const key = `${c.namespace ?? ''}/${c.podName ?? ''}`;
    const set = out.get(key) ?? new Set<string>();
    set.add(c.container);
    out.set(key, set);
  }
  return out;
}

function referencedConfig(pods: RawObject[]): { configMaps: Set<string> } {
  const configMaps = new Set<string>();
  for (const p of pods) {
    const ns = p.metadata?.namespace ?? '';
    const spec = p.spec as
      | {
          containers?: RawContainer[];
          initContainers?: RawContainer[];
          volumes?: {
            configMap?: { name?: string };
            projected?: { sources?: { configMap?: { name?: string } }[] };
          }[];
        }
      | undefined;
    for (const c of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) {
      for (const e of c.env ?? [])
        if (e.valueFrom?.configMapKeyRef?.name)
          configMaps.add(`${ns}/${e.valueFrom.configMapKeyRef.name}`);
      for (const f of c.envFrom ?? [])
        if (f.configMapRef?.name) configMaps.add(`${ns}/${f.configMapRef.name}`);
    }
    for (const v of spec?.volumes ?? []) {
      if (v.configMap?.name) configMaps.add(`${ns}/${v.configMap.name}`);
      for (const s of v.projected?.sources ?? [])
        if (s.configMap?.name) configMaps.add(`${ns}/${s.configMap.name}`);
    }
  }
  return { configMaps };
}

interface RawContainer {
  env?: { valueFrom?: { configMapKeyRef?: { name?: string } } }[];
  envFrom?: { configMapRef?: { name?: string } }[];
}

function podLine(p: RawObject): string {
  const statuses =
    (p.status?.['containerStatuses'] as { ready?: boolean; restartCount?: number }[] | undefined) ??
    [];
  const ready = `${statuses.filter((s) => s.ready).length}/${statuses.length}`;
  const restarts = statuses.reduce((n, s) => n + (s.restartCount ?? 0), 0);
  return `${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''} ${ready} ${String(p.status?.['phase'] ?? '')} ${restarts}`;
}

function eventLine(e: RawObject): string {
  const o = (e['involvedObject'] ?? e['regarding'] ?? {}) as { kind?: string; name?: string };
  const count = Number(e['count'] ?? (e['series'] as { count?: number } | undefined)?.count ?? 1);
  return `${String(e['type'] ?? '')}  ${String(e['reason'] ?? '')}  ${(o.kind ?? '').toLowerCase()}/${o.name ?? ''}${count > 1 ? ` (x${count})` : ''}  ${String(e['message'] ?? e['note'] ?? '')}`;
}

function sliceLine(s: RawObject): string {
  const eps =
    (s['endpoints'] as { addresses?: string[]; conditions?: { ready?: boolean } }[] | undefined) ??
    [];
  const ports = ((s['ports'] as { port?: number }[] | undefined) ?? [])
    .map((p) => p.port)
    .join(',');
  const addrs = eps.flatMap((e) =>
    (e.addresses ?? []).map((a) => `${a}${e.conditions?.ready === false ? ' (not ready)' : ''}`),
  );
  return `endpointslice/${s.metadata?.name ?? ''} service=${s.metadata?.labels?.['kubernetes.io/service-name'] ?? ''} ports=${ports} ${addrs.join(', ') || '<none>'}`;
}

function endpointsLine(e: RawObject): string {
  const subsets =
    (e['subsets'] as
      | {
          addresses?: { ip?: string }[];
          notReadyAddresses?: { ip?: string }[];
          ports?: { port?: number }[];
        }[]
      | undefined) ?? [];
  const parts = subsets.flatMap((s) => [
    ...(s.addresses ?? []).map((a) => `${a.ip ?? ''}:${s.ports?.[0]?.port ?? ''}`),
    ...(s.notReadyAddresses ?? []).map(
      (a) => `${a.ip ?? ''}:${s.ports?.[0]?.port ?? ''} (not ready)`,
    ),
  ]);
  return `endpoints/${e.metadata?.name ?? ''} ${parts.join(',') || '<none>'}`;
}

/** `kubectl rollout history` for each Deployment, from its ReplicaSets' revision annotations. */
function addRolloutHistories(bundle: EvidenceBundle, replicasets: RawObject[]): void {
  const byDeployment = new Map<string, RawObject[]>();
  for (const rs of replicasets) {
    const owner = rs.metadata?.ownerReferences?.find((o) => o.kind === 'Deployment');
    if (!owner?.name) continue;
    const key = `${rs.metadata?.namespace ?? ''}/${owner.name}`;
    byDeployment.set(key, [...(byDeployment.get(key) ?? []), rs]);
  }
  for (const [key, list] of byDeployment) {
    const [ns, name] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
    const revisions = list
      .map((rs) => ({
        revision: Number(rs.metadata?.annotations?.['deployment.kubernetes.io/revision']),
        changeCause: rs.metadata?.annotations?.['kubernetes.io/change-cause'],
      }))
      .filter((r) => Number.isFinite(r.revision))
      .sort((a, b) => a.revision - b.revision);
    if (revisions.length === 0) continue;
    const lines = [
      `deployment.apps/${name}`,
      'REVISION  CHANGE-CAUSE',
      ...revisions.map((r) => `${String(r.revision).padEnd(10)}${r.changeCause ?? '<none>'}`),
    ];
    const source = addSource(bundle, `kubectl rollout history deployment/${name} -n ${ns}`, lines);
    const object: RolloutHistory = {
      kind: 'RolloutHistory',
      workloadKind: 'deployment.apps',
      name,
      namespace: ns,
      revisions: revisions.map((r) => ({
        revision: r.revision,
        ...(r.changeCause ? { changeCause: r.changeCause } : {}),
      })),
    };
    bundle.items.push({ object, origin: { source, from: 1, to: lines.length } });
  }
}
