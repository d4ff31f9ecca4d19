/**
 * Server-side defaulting, applied by the store on create (and to pod templates on update) the
 * way the API server's defaulters and admission plugins do, so objects read back carry what
 * `kubectl describe` and the diagnoser expect (restartPolicy, QoS class, default tolerations,
 * Service cluster IPs, Deployment strategy, Job selectors...). Template defaulting also makes
 * a template read from a ReplicaSet equal to the Deployment's, which `rollout undo` relies on.
 */
import type { LabObject, ResourceType } from './types.js';
import { asArray, asRecord, isPlainObject } from './object-utils.js';
import { groupResource } from './resource-types.js';

export interface DefaultingContext {
  allocateClusterIP(): string;
  allocateNodePort(): number;
}

type Obj = Record<string, unknown>;

function setDefault(obj: Obj, key: string, value: unknown): void {
  if (obj[key] === undefined || obj[key] === null) obj[key] = value;
}

function ensureRecord(obj: Obj, key: string): Obj {
  const cur = obj[key];
  if (isPlainObject(cur)) return cur;
  const fresh: Obj = {};
  obj[key] = fresh;
  return fresh;
}

function defaultProbe(probe: unknown): void {
  if (!isPlainObject(probe)) return;
  setDefault(probe, 'timeoutSeconds', 1);
  setDefault(probe, 'periodSeconds', 10);
  setDefault(probe, 'successThreshold', 1);
  setDefault(probe, 'failureThreshold', 3);
  const http = probe['httpGet'];
  if (isPlainObject(http)) setDefault(http, 'scheme', 'HTTP');
}

function imagePullPolicyFor(image: unknown): string {
  if (typeof image !== 'string') return 'IfNotPresent';
  const lastPart = image.split('/').pop() ?? image;
  if (image.includes('@')) return 'IfNotPresent';
  const tag = lastPart.includes(':') ? lastPart.split(':').pop() : undefined;
  return tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultContainer(c: unknown): void {
  if (!isPlainObject(c)) return;
  setDefault(c, 'terminationMessagePath', '/dev/termination-log');
  setDefault(c, 'terminationMessagePolicy', 'File');
  setDefault(c, 'imagePullPolicy', imagePullPolicyFor(c['image']));
  const resources = ensureRecord(c, 'resources');
  // Requests default to limits for each resource that has a limit and no request.
  const limits = resources['limits'];
  if (isPlainObject(limits)) {
    const requests = ensureRecord(resources, 'requests');
    for (const [k, v] of Object.entries(limits)) setDefault(requests, k, v);
  }
  for (const p of asArray(c['ports'])) if (isPlainObject(p)) setDefault(p, 'protocol', 'TCP');
  defaultProbe(c['livenessProbe']);
  defaultProbe(c['readinessProbe']);
  defaultProbe(c['startupProbe']);
}

/** Defaults of a PodSpec (shared by pods and every pod template). */
export function defaultPodSpec(spec: Obj): void {
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'schedulerName', 'default-scheduler');
  setDefault(spec, 'securityContext', {});
  for (const c of asArray(spec['containers'])) defaultContainer(c);
  for (const c of asArray(spec['initContainers'])) defaultContainer(c);
}

function defaultTemplate(obj: Obj): void {
  const template = asRecord(obj['template']);
  if (!isPlainObject(obj['template'])) return;
  const spec = template['spec'];
  if (isPlainObject(spec)) defaultPodSpec(spec);
}

function quantityValue(q: unknown): number | undefined {
  if (typeof q === 'number') return q;
  if (typeof q !== 'string' || q === '') return undefined;
  return parseQuantity(q);
}

/** Parses a resource.Quantity (`500m`, `1Gi`, `2`) to a number of base units. */
export function parseQuantity(text: string): number | undefined {
  const m = /^([+-]?[0-9.]+)([a-zA-Z]*)$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (Number.isNaN(n)) return undefined;
  const suffix = m[2] ?? '';
  const factors: Record<string, number> = {
    '': 1,
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    P: 1e15,
    E: 1e18,
    Ki: 1024,
    Mi: 1024 ** 2,
    Gi: 1024 ** 3,
    Ti: 1024 ** 4,
    Pi: 1024 ** 5,
    Ei: 1024 ** 6,
  };
  if (/^e\d+$/i.test(suffix)) return n * 10 ** Number(suffix.slice(1));
  const f = factors[suffix];
  return f === undefined ? undefined : n * f;
}

/** The pod's QoS class as the API server computes it (`qos.GetPodQOS`). */
export function podQosClass(spec: Obj): string {
  const containers = [...asArray(spec['containers']), ...asArray(spec['initContainers'])];
  let anyRequestOrLimit = false;
  let guaranteed = true;
  for (const c of containers) {
    const res = asRecord(asRecord(c)['resources']);
    const limits = asRecord(res['limits']);
    const requests = asRecord(res['requests']);
    if (Object.keys(limits).length > 0 || Object.keys(requests).length > 0)
      anyRequestOrLimit = true;
    for (const r of ['cpu', 'memory']) {
      const l = quantityValue(limits[r]);
      const q = quantityValue(requests[r] ?? limits[r]);
      if (l === undefined || q === undefined || l !== q) guaranteed = false;
    }
  }
  if (!anyRequestOrLimit) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

const DEFAULT_TOLERATIONS = [
  {
    key: 'node.kubernetes.io/not-ready',
    operator: 'Exists',
    effect: 'NoExecute',
    tolerationSeconds: 300,
  },
  {
    key: 'node.kubernetes.io/unreachable',
    operator: 'Exists',
    effect: 'NoExecute',
    tolerationSeconds: 300,
  },
];

function defaultPod(pod: Obj): void {
  const spec = ensureRecord(pod, 'spec');
  defaultPodSpec(spec);
  setDefault(spec, 'serviceAccountName', 'default');
  setDefault(spec, 'serviceAccount', spec['serviceAccountName']);
  setDefault(spec, 'enableServiceLinks', true);
  setDefault(spec, 'priority', 0);
  setDefault(spec, 'preemptionPolicy', 'PreemptLowerPriority');
  const tolerations = asArray(spec['tolerations']).slice();
  for (const t of DEFAULT_TOLERATIONS) {
    if (
      !tolerations.some((x) => isPlainObject(x) && x['key'] === t.key && x['effect'] === t.effect)
    ) {
      tolerations.push({ ...t });
    }
  }
  spec['tolerations'] = tolerations;
  const status = ensureRecord(pod, 'status');
  setDefault(status, 'phase', 'Pending');
  setDefault(status, 'qosClass', podQosClass(spec));
}

function defaultService(svc: Obj, ctx: DefaultingContext): void {
  const spec = ensureRecord(svc, 'spec');
  setDefault(spec, 'type', 'ClusterIP');
  setDefault(spec, 'sessionAffinity', 'None');
  if (spec['type'] !== 'ExternalName') {
    if (spec['clusterIP'] === undefined || spec['clusterIP'] === '')
      spec['clusterIP'] = ctx.allocateClusterIP();
    setDefault(spec, 'clusterIPs', [spec['clusterIP']]);
    if (spec['clusterIP'] !== 'None') {
      setDefault(spec, 'ipFamilies', ['IPv4']);
      setDefault(spec, 'ipFamilyPolicy', 'SingleStack');
    }
    setDefault(spec, 'internalTrafficPolicy', 'Cluster');
  }
  for (const p of asArray(spec['ports'])) {
    if (!isPlainObject(p)) continue;
    setDefault(p, 'protocol', 'TCP');
    setDefault(p, 'targetPort', p['port']);
    if ((spec['type'] === 'NodePort' || spec['type'] === 'LoadBalancer') && !p['nodePort']) {
      p['nodePort'] = ctx.allocateNodePort();
    }
  }
  if (spec['type'] === 'NodePort' || spec['type'] === 'LoadBalancer') {
    setDefault(spec, 'externalTrafficPolicy', 'Cluster');
  }
  const status = ensureRecord(svc, 'status');
  setDefault(status, 'loadBalancer', {});
}

function defaultDeployment(d: Obj): void {
  const spec = ensureRecord(d, 'spec');
  setDefault(spec, 'replicas', 1);
  const strategy = ensureRecord(spec, 'strategy');
  setDefault(strategy, 'type', 'RollingUpdate');
  if (strategy['type'] === 'RollingUpdate') {
    const ru = ensureRecord(strategy, 'rollingUpdate');
    setDefault(ru, 'maxUnavailable', '25%');
    setDefault(ru, 'maxSurge', '25%');
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  setDefault(spec, 'progressDeadlineSeconds', 600);
  defaultTemplate(spec);
}

function defaultStatefulSet(s: Obj): void {
  const spec = ensureRecord(s, 'spec');
  setDefault(spec, 'replicas', 1);
  setDefault(spec, 'podManagementPolicy', 'OrderedReady');
  const strategy = ensureRecord(spec, 'updateStrategy');
  setDefault(strategy, 'type', 'RollingUpdate');
  if (strategy['type'] === 'RollingUpdate')
    setDefault(ensureRecord(strategy, 'rollingUpdate'), 'partition', 0);
  setDefault(spec, 'revisionHistoryLimit', 10);
  setDefault(spec, 'persistentVolumeClaimRetentionPolicy', {
    whenDeleted: 'Retain',
    whenScaled: 'Retain',
  });
  defaultTemplate(spec);
}

function defaultJob(job: Obj): void {
  const spec = ensureRecord(job, 'spec');
  const meta = ensureRecord(job, 'metadata');
  if (spec['completions'] === undefined && spec['parallelism'] === undefined) {
    spec['completions'] = 1;
    spec['parallelism'] = 1;
  }
  setDefault(spec, 'parallelism', 1);
  setDefault(spec, 'backoffLimit', 6);
  setDefault(spec, 'completionMode', 'NonIndexed');
  setDefault(spec, 'suspend', false);
  setDefault(spec, 'podReplacementPolicy', 'TerminatingOrFailed');
  const uid = meta['uid'];
  const name = meta['name'];
  if (spec['manualSelector'] !== true && typeof uid === 'string' && typeof name === 'string') {
    const template = ensureRecord(spec, 'template');
    const tmeta = ensureRecord(template, 'metadata');
    const labels = ensureRecord(tmeta, 'labels');
    setDefault(labels, 'batch.kubernetes.io/controller-uid', uid);
    setDefault(labels, 'batch.kubernetes.io/job-name', name);
    setDefault(labels, 'controller-uid', uid);
    setDefault(labels, 'job-name', name);
    setDefault(spec, 'selector', { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
  }
  defaultTemplate(spec);
}

function defaultSecret(secret: Obj): void {
  setDefault(secret, 'type', 'Opaque');
  const stringData = secret['stringData'];
  if (isPlainObject(stringData)) {
    const data = ensureRecord(secret, 'data');
    for (const [k, v] of Object.entries(stringData))
      data[k] = Buffer.from(String(v), 'utf8').toString('base64');
    delete secret['stringData'];
  }
}

function defaultNamespace(ns: Obj): void {
  const meta = ensureRecord(ns, 'metadata');
  const labels = ensureRecord(meta, 'labels');
  if (typeof meta['name'] === 'string')
    setDefault(labels, 'kubernetes.io/metadata.name', meta['name']);
  setDefault(ensureRecord(ns, 'spec'), 'finalizers', ['kubernetes']);
  setDefault(ensureRecord(ns, 'status'), 'phase', 'Active');
}

/**
 * Applies creation defaults in place. Runs after uid/name assignment so the Job selector can
 * use the uid.
 */
export function applyCreateDefaults(
  type: ResourceType,
  obj: LabObject,
  ctx: DefaultingContext,
): void {
  const o = obj as Obj;
  switch (groupResource(type)) {
    case 'pods':
      defaultPod(o);
      break;
    case 'services':
      defaultService(o, ctx);
      break;
    case 'secrets':
      defaultSecret(o);
      break;
    case 'namespaces':
      defaultNamespace(o);
      break;
    case 'apps/deployments':
      defaultDeployment(o);
      break;
    case 'apps/replicasets':
      setDefault(ensureRecord(o, 'spec'), 'replicas', 1);
      defaultTemplate(ensureRecord(o, 'spec'));
      break;
    case 'apps/statefulsets':
      defaultStatefulSet(o);
      break;
    case 'batch/jobs':
      defaultJob(o);
      break;
    default:
      break;
  }
}

/** Defaults re-applied on update (templates edited by `kubectl set image` / patches). */
export function applyUpdateDefaults(type: ResourceType, obj: LabObject): void {
  const o = obj as Obj;
  switch (groupResource(type)) {
    case 'apps/deployments':
      defaultDeployment(o);
      break;
    case 'apps/statefulsets':
      defaultStatefulSet(o);
      break;
    case 'apps/replicasets':
      defaultTemplate(ensureRecord(o, 'spec'));
      break;
    case 'secrets':
      defaultSecret(o);
      break;
    default:
      break;
  }
}
