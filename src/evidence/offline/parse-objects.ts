/**
 * Parser for Kubernetes objects pasted as JSON or YAML (`kubectl get -o json|yaml`, manifests,
 * `kind: List`, several `---` documents), including pastes cut off mid-object, and the small
 * outputs people use to look at a Secret or ConfigMap (`-o jsonpath='{.data}'`, `| jq 'keys'`).
 *
 * Objects are mapped field by field into the shapes of `types.ts` (never passed through), so
 * evidence holds only what detectors may read. Secret values are dropped at once: a Secret
 * becomes its name and key names, and no value reaches items or warnings. Each object keeps a
 * tight origin (the lines of its own list item when it came from a List).
 */
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import type {
  Condition,
  ConfigMap,
  Container,
  ContainerState,
  ContainerStatus,
  EndpointAddress,
  Endpoints,
  EnvFromSource,
  EnvVar,
  Item,
  KEvent,
  KeySelector,
  KubeObject,
  Node,
  ObjectMeta,
  OwnerReference,
  Pod,
  PodSpec,
  PodStatus,
  Probe,
  ResourceRequirements,
  SecretKeys,
  SecurityContext,
  Service,
  Volume,
  VolumeMount,
  Workload,
} from '../types.js';
import type { Block, BlockParser, KubectlCommand, ParsedBlock } from './block.js';

/** Set on an object read from JSON that was cut off inside it: absent fields may just be lost. */
export const TRUNCATED_ANNOTATION = 'crashlens.dev/truncated';

// ---------------------------------------------------------------------------------------------
// Small readers for untrusted values
// ---------------------------------------------------------------------------------------------

type Raw = Record<string, unknown>;
/** T with every property allowed to be undefined; {@link clean} drops those before returning. */
type Loose<T> = { [K in keyof T]: T[K] | undefined };

function clean<T extends object>(o: Loose<T>): T {
  const out = o as Record<string, unknown>;
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return o as T;
}

function isObj(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function obj(v: unknown): Raw {
  return isObj(v) ? v : {};
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Strings, and numbers/booleans written unquoted in YAML, as strings. */
function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v);
  return undefined;
}

function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

function numOrStr(v: unknown): number | string | undefined {
  return typeof v === 'number' ? v : str(v);
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function strArr(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.map(text).filter((s): s is string => s !== undefined);
}

function list<T>(v: unknown, map: (x: Raw) => T | undefined): T[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: T[] = [];
  for (const x of v) {
    if (!isObj(x)) continue;
    const m = map(x);
    if (m !== undefined) out.push(m);
  }
  return out;
}

function strRecord(v: unknown): Record<string, string> | undefined {
  if (!isObj(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) {
    const s = text(val);
    if (s !== undefined && k !== '__proto__') out[k] = s;
  }
  return out;
}

function keysOf(v: unknown): string[] {
  return isObj(v) ? Object.keys(v) : [];
}

// ---------------------------------------------------------------------------------------------
// Mapping API objects into the evidence model
// ---------------------------------------------------------------------------------------------

function mapOwner(o: Raw): OwnerReference {
  return clean<OwnerReference>({
    apiVersion: str(o['apiVersion']),
    kind: str(o['kind']),
    name: str(o['name']),
    uid: str(o['uid']),
    controller: bool(o['controller']),
  });
}

function mapMeta(v: unknown): ObjectMeta {
  const m = obj(v);
  return clean<ObjectMeta>({
    name: str(m['name']),
    namespace: str(m['namespace']),
    uid: str(m['uid']),
    labels: strRecord(m['labels']),
    annotations: strRecord(m['annotations']),
    ownerReferences: list(m['ownerReferences'], mapOwner),
    creationTimestamp: str(m['creationTimestamp']),
    generation: num(m['generation']),
    resourceVersion: str(m['resourceVersion']),
  });
}

function mapKeySelector(v: unknown): KeySelector | undefined {
  if (!isObj(v)) return undefined;
  return clean<KeySelector>({
    name: str(v['name']),
    key: str(v['key']),
    optional: bool(v['optional']),
  });
}

function mapEnv(e: Raw): EnvVar | undefined {
  const name = str(e['name']);
  if (name === undefined) return undefined;
  const vf = e['valueFrom'];
  let valueFrom: EnvVar['valueFrom'];
  if (isObj(vf)) {
    const fieldRef = isObj(vf['fieldRef'])
      ? clean<{ fieldPath?: string }>({ fieldPath: str(vf['fieldRef']['fieldPath']) })
      : undefined;
    const rf = vf['resourceFieldRef'];
    const resourceFieldRef = isObj(rf)
      ? clean<{ resource?: string; containerName?: string }>({
          resource: str(rf['resource']),
          containerName: str(rf['containerName']),
        })
      : undefined;
    valueFrom = clean<NonNullable<EnvVar['valueFrom']>>({
      secretKeyRef: mapKeySelector(vf['secretKeyRef']),
      configMapKeyRef: mapKeySelector(vf['configMapKeyRef']),
      fieldRef,
      resourceFieldRef,
    });
  }
  return clean<EnvVar>({ name, value: text(e['value']), valueFrom });
}

function mapRef(v: unknown): { name?: string; optional?: boolean } | undefined {
  if (!isObj(v)) return undefined;
  return clean<{ name?: string; optional?: boolean }>({
    name: str(v['name']),
    optional: bool(v['optional']),
  });
}

function mapEnvFrom(e: Raw): EnvFromSource {
  return clean<EnvFromSource>({
    prefix: str(e['prefix']),
    configMapRef: mapRef(e['configMapRef']),
    secretRef: mapRef(e['secretRef']),
  });
}

function mapProbe(v: unknown): Probe | undefined {
  if (!isObj(v)) return undefined;
  const http = v['httpGet'];
  const tcp = v['tcpSocket'];
  const exec = v['exec'];
  const grpc = v['grpc'];
  return clean<Probe>({
    httpGet: isObj(http)
      ? clean<NonNullable<Probe['httpGet']>>({
          path: str(http['path']),
          port: numOrStr(http['port']),
          scheme: str(http['scheme']),
          host: str(http['host']),
        })
      : undefined,
    tcpSocket: isObj(tcp)
      ? clean<NonNullable<Probe['tcpSocket']>>({
          port: numOrStr(tcp['port']),
          host: str(tcp['host']),
        })
      : undefined,
    exec: isObj(exec)
      ? clean<{ command?: string[] }>({ command: strArr(exec['command']) })
      : undefined,
    grpc: isObj(grpc)
      ? clean<NonNullable<Probe['grpc']>>({
          port: num(grpc['port']),
          service: str(grpc['service']),
        })
      : undefined,
    initialDelaySeconds: num(v['initialDelaySeconds']),
    timeoutSeconds: num(v['timeoutSeconds']),
    periodSeconds: num(v['periodSeconds']),
    successThreshold: num(v['successThreshold']),
    failureThreshold: num(v['failureThreshold']),
    terminationGracePeriodSeconds: num(v['terminationGracePeriodSeconds']),
  });
}

function mapResources(v: unknown): ResourceRequirements | undefined {
  if (!isObj(v)) return undefined;
  return clean<ResourceRequirements>({
    limits: strRecord(v['limits']),
    requests: strRecord(v['requests']),
  });
}

function mapSecurityContext(v: unknown): (SecurityContext & { fsGroup?: number }) | undefined {
  if (!isObj(v)) return undefined;
  const caps = v['capabilities'];
  return clean<SecurityContext & { fsGroup?: number }>({
    runAsUser: num(v['runAsUser']),
    runAsGroup: num(v['runAsGroup']),
    runAsNonRoot: bool(v['runAsNonRoot']),
    readOnlyRootFilesystem: bool(v['readOnlyRootFilesystem']),
    privileged: bool(v['privileged']),
    allowPrivilegeEscalation: bool(v['allowPrivilegeEscalation']),
    capabilities: isObj(caps)
      ? clean<{ add?: string[]; drop?: string[] }>({
          add: strArr(caps['add']),
          drop: strArr(caps['drop']),
        })
      : undefined,
    fsGroup: num(v['fsGroup']),
  });
}

function mapContainer(c: Raw): Container {
  return clean<Container>({
    name: str(c['name']) ?? '',
    image: str(c['image']),
    command: strArr(c['command']),
    args: strArr(c['args']),
    workingDir: str(c['workingDir']),
    ports: list(c['ports'], (p) =>
      clean<NonNullable<Container['ports']>[number]>({
        name: str(p['name']),
        containerPort: num(p['containerPort']),
        protocol: str(p['protocol']),
        hostPort: num(p['hostPort']),
      }),
    ),
    env: list(c['env'], mapEnv),
    envFrom: list(c['envFrom'], mapEnvFrom),
    resources: mapResources(c['resources']),
    volumeMounts: list(c['volumeMounts'], (m) =>
      clean<VolumeMount>({
        name: str(m['name']),
        mountPath: str(m['mountPath']),
        subPath: str(m['subPath']),
        readOnly: bool(m['readOnly']),
      }),
    ),
    livenessProbe: mapProbe(c['livenessProbe']),
    readinessProbe: mapProbe(c['readinessProbe']),
    startupProbe: mapProbe(c['startupProbe']),
    securityContext: mapSecurityContext(c['securityContext']),
    restartPolicy: str(c['restartPolicy']),
    imagePullPolicy: str(c['imagePullPolicy']),
  });
}

function mapItems(v: unknown): { key?: string; path?: string }[] | undefined {
  return list(v, (i) =>
    clean<{ key?: string; path?: string }>({ key: str(i['key']), path: str(i['path']) }),
  );
}

function mapVolume(v: Raw): Volume | undefined {
  const name = str(v['name']);
  if (name === undefined) return undefined;
  const out: Volume = { name };
  for (const [key, value] of Object.entries(v)) {
    if (key === 'name' || key === '__proto__') continue;
    const o = obj(value);
    switch (key) {
      case 'configMap':
        out.configMap = clean<NonNullable<Volume['configMap']>>({
          name: str(o['name']),
          optional: bool(o['optional']),
          items: mapItems(o['items']),
        });
        break;
      case 'secret':
        out.secret = clean<NonNullable<Volume['secret']>>({
          secretName: str(o['secretName']),
          optional: bool(o['optional']),
          items: mapItems(o['items']),
        });
        break;
      case 'persistentVolumeClaim':
        out.persistentVolumeClaim = clean<NonNullable<Volume['persistentVolumeClaim']>>({
          claimName: str(o['claimName']),
          readOnly: bool(o['readOnly']),
        });
        break;
      case 'emptyDir':
        out.emptyDir = clean<NonNullable<Volume['emptyDir']>>({
          medium: str(o['medium']),
          sizeLimit: text(o['sizeLimit']),
        });
        break;
      case 'hostPath':
        out.hostPath = clean<NonNullable<Volume['hostPath']>>({
          path: str(o['path']),
          type: str(o['type']),
        });
        break;
      default:
        // projected, csi, downwardAPI...: kept as given (they hold references, not data).
        out[key] = value;
    }
  }
  return out;
}

function mapPodSpec(v: unknown): PodSpec | undefined {
  if (!isObj(v)) return undefined;
  return clean<PodSpec>({
    containers: list(v['containers'], mapContainer),
    initContainers: list(v['initContainers'], mapContainer),
    volumes: list(v['volumes'], mapVolume),
    restartPolicy: str(v['restartPolicy']),
    nodeName: str(v['nodeName']),
    nodeSelector: strRecord(v['nodeSelector']),
    serviceAccountName: str(v['serviceAccountName']) ?? str(v['serviceAccount']),
    securityContext: mapSecurityContext(v['securityContext']),
    tolerations: list(v['tolerations'], (t) =>
      clean<NonNullable<PodSpec['tolerations']>[number]>({
        key: str(t['key']),
        operator: str(t['operator']),
        value: str(t['value']),
        effect: str(t['effect']),
      }),
    ),
    affinity: v['affinity'],
    terminationGracePeriodSeconds: num(v['terminationGracePeriodSeconds']),
    priorityClassName: str(v['priorityClassName']),
  });
}

function mapCondition(c: Raw): Condition | undefined {
  const type = str(c['type']);
  if (type === undefined) return undefined;
  return clean<Condition>({
    type,
    status: str(c['status']),
    reason: str(c['reason']),
    message: str(c['message']),
    lastTransitionTime: str(c['lastTransitionTime']),
  });
}

function mapState(v: unknown): ContainerState | undefined {
  if (!isObj(v)) return undefined;
  const w = v['waiting'];
  const r = v['running'];
  const t = v['terminated'];
  return clean<ContainerState>({
    waiting: isObj(w)
      ? clean<NonNullable<ContainerState['waiting']>>({
          reason: str(w['reason']),
          message: str(w['message']),
        })
      : undefined,
    running: isObj(r)
      ? clean<NonNullable<ContainerState['running']>>({ startedAt: str(r['startedAt']) })
      : undefined,
    terminated: isObj(t)
      ? clean<NonNullable<ContainerState['terminated']>>({
          exitCode: num(t['exitCode']),
          signal: num(t['signal']),
          reason: str(t['reason']),
          message: str(t['message']),
          startedAt: str(t['startedAt']),
          finishedAt: str(t['finishedAt']),
          containerID: str(t['containerID']),
        })
      : undefined,
  });
}

function mapContainerStatus(s: Raw): ContainerStatus {
  return clean<ContainerStatus>({
    name: str(s['name']) ?? '',
    ready: bool(s['ready']),
    started: bool(s['started']),
    restartCount: num(s['restartCount']),
    image: str(s['image']),
    imageID: str(s['imageID']),
    containerID: str(s['containerID']),
    state: mapState(s['state']),
    lastState: mapState(s['lastState']),
  });
}

function mapPodStatus(v: unknown): PodStatus | undefined {
  if (!isObj(v)) return undefined;
  return clean<PodStatus>({
    phase: str(v['phase']),
    reason: str(v['reason']),
    message: str(v['message']),
    podIP: str(v['podIP']),
    hostIP: str(v['hostIP']),
    startTime: str(v['startTime']),
    qosClass: str(v['qosClass']),
    conditions: list(v['conditions'], mapCondition),
    containerStatuses: list(v['containerStatuses'], mapContainerStatus),
    initContainerStatuses: list(v['initContainerStatuses'], mapContainerStatus),
  });
}

function mapTemplate(v: unknown): { metadata?: ObjectMeta; spec?: PodSpec } | undefined {
  if (!isObj(v)) return undefined;
  return clean<{ metadata?: ObjectMeta; spec?: PodSpec }>({
    metadata: isObj(v['metadata']) ? mapMeta(v['metadata']) : undefined,
    spec: mapPodSpec(v['spec']),
  });
}

/** Copy the scalar fields of an object (counts, names, flags) that have no typed mapping. */
function scalars(v: Raw, skip: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) {
    if (skip.has(k) || k === '__proto__') continue;
    if (typeof val === 'string' || typeof val === 'number' || typeof val === 'boolean')
      out[k] = val;
  }
  return out;
}

const WORKLOAD_KINDS = new Set<string>([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
]);
const TYPED_SPEC = new Set(['replicas', 'selector', 'template', 'strategy', 'jobTemplate']);
const TYPED_STATUS = new Set([
  'replicas',
  'readyReplicas',
  'availableReplicas',
  'updatedReplicas',
  'unavailableReplicas',
  'conditions',
]);

function mapWorkload(raw: Raw, kind: Workload['kind'], apiVersion: string | undefined): Workload {
  const w: Workload = clean<Workload>({ apiVersion, kind, metadata: mapMeta(raw['metadata']) });
  const spec = raw['spec'];
  if (isObj(spec)) {
    const selector = spec['selector'];
    const strategy = spec['strategy'];
    const rolling = isObj(strategy) ? strategy['rollingUpdate'] : undefined;
    // A CronJob's pod template sits one level down, in its job template.
    const template =
      kind === 'CronJob' ? obj(obj(spec['jobTemplate'])['spec'])['template'] : spec['template'];
    w.spec = clean<NonNullable<Workload['spec']>>({
      ...scalars(spec, TYPED_SPEC),
      replicas: num(spec['replicas']),
      selector: isObj(selector)
        ? clean<{ matchLabels?: Record<string, string> }>({
            matchLabels: strRecord(selector['matchLabels']),
          })
        : undefined,
      template: mapTemplate(template),
      strategy: isObj(strategy)
        ? clean<NonNullable<NonNullable<Workload['spec']>['strategy']>>({
            type: str(strategy['type']),
            rollingUpdate: isObj(rolling)
              ? clean<{ maxSurge?: string | number; maxUnavailable?: string | number }>({
                  maxSurge: numOrStr(rolling['maxSurge']),
                  maxUnavailable: numOrStr(rolling['maxUnavailable']),
                })
              : undefined,
          })
        : undefined,
    });
  }
  const status = raw['status'];
  if (isObj(status)) {
    w.status = clean<NonNullable<Workload['status']>>({
      ...scalars(status, TYPED_STATUS),
      replicas: num(status['replicas']),
      readyReplicas: num(status['readyReplicas']),
      availableReplicas: num(status['availableReplicas']),
      updatedReplicas: num(status['updatedReplicas']),
      unavailableReplicas: num(status['unavailableReplicas']),
      conditions: list(status['conditions'], mapCondition),
    });
  }
  return w;
}

function mapService(raw: Raw, apiVersion: string | undefined): Service {
  const spec = raw['spec'];
  return clean<Service>({
    apiVersion,
    kind: 'Service',
    metadata: mapMeta(raw['metadata']),
    spec: isObj(spec)
      ? clean<NonNullable<Service['spec']>>({
          type: str(spec['type']),
          clusterIP: str(spec['clusterIP']),
          selector: strRecord(spec['selector']),
          ports: list(spec['ports'], (p) =>
            clean<NonNullable<NonNullable<Service['spec']>['ports']>[number]>({
              name: str(p['name']),
              port: num(p['port']),
              targetPort: numOrStr(p['targetPort']),
              protocol: str(p['protocol']),
            }),
          ),
        })
      : undefined,
  });
}

/** Add an address, merging the ports of one IP seen in several subsets. */
function addAddress(out: EndpointAddress[], a: EndpointAddress): void {
  const same = out.find((x) => x.ip === a.ip && x.ready === a.ready && x.targetPod === a.targetPod);
  if (!same) {
    out.push(a);
    return;
  }
  if (a.ports) same.ports = [...new Set([...(same.ports ?? []), ...a.ports])];
}

function targetPod(v: unknown): string | undefined {
  const ref = obj(v);
  return ref['kind'] === undefined || ref['kind'] === 'Pod' ? str(ref['name']) : undefined;
}

function mapEndpoints(raw: Raw, apiVersion: string | undefined): Endpoints {
  const metadata = mapMeta(raw['metadata']);
  const addresses: EndpointAddress[] = [];
  for (const subset of arr(raw['subsets'])) {
    const s = obj(subset);
    const ports = arr(s['ports'])
      .map((p) => num(obj(p)['port']))
      .filter((p): p is number => p !== undefined);
    for (const [field, ready] of [
      ['addresses', true],
      ['notReadyAddresses', false],
    ] as const) {
      for (const a of arr(s[field])) {
        const ip = str(obj(a)['ip']);
        if (ip === undefined) continue;
        addAddress(
          addresses,
          clean<EndpointAddress>({
            ip,
            ports: ports.length > 0 ? [...ports] : undefined,
            ready,
            targetPod: targetPod(obj(a)['targetRef']),
          }),
        );
      }
    }
  }
  return clean<Endpoints>({
    apiVersion,
    kind: 'Endpoints',
    metadata,
    serviceName: metadata.name,
    addresses,
  });
}

function mapEndpointSlice(raw: Raw, apiVersion: string | undefined): Endpoints {
  const metadata = mapMeta(raw['metadata']);
  const ports = arr(raw['ports'])
    .map((p) => num(obj(p)['port']))
    .filter((p): p is number => p !== undefined);
  const addresses: EndpointAddress[] = [];
  for (const e of arr(raw['endpoints'])) {
    const ep = obj(e);
    // discovery.k8s.io/v1: a missing `ready` condition means ready.
    const ready = bool(obj(ep['conditions'])['ready']) ?? true;
    for (const ip of arr(ep['addresses'])) {
      if (typeof ip !== 'string') continue;
      addAddress(
        addresses,
        clean<EndpointAddress>({
          ip,
          ports: ports.length > 0 ? [...ports] : undefined,
          ready,
          targetPod: targetPod(ep['targetRef']),
        }),
      );
    }
  }
  return clean<Endpoints>({
    apiVersion,
    kind: 'Endpoints',
    metadata,
    serviceName: metadata.labels?.['kubernetes.io/service-name'],
    addresses,
  });
}

function mapNode(raw: Raw, apiVersion: string | undefined): Node {
  const spec = obj(raw['spec']);
  const status = raw['status'];
  const info = isObj(status) ? status['nodeInfo'] : undefined;
  return clean<Node>({
    apiVersion,
    kind: 'Node',
    metadata: mapMeta(raw['metadata']),
    spec: isObj(raw['spec'])
      ? clean<NonNullable<Node['spec']>>({
          taints: list(spec['taints'], (t) =>
            clean<{ key?: string; value?: string; effect?: string }>({
              key: str(t['key']),
              value: str(t['value']),
              effect: str(t['effect']),
            }),
          ),
          unschedulable: bool(spec['unschedulable']),
        })
      : undefined,
    status: isObj(status)
      ? clean<NonNullable<Node['status']>>({
          conditions: list(status['conditions'], mapCondition),
          allocatable: strRecord(status['allocatable']),
          capacity: strRecord(status['capacity']),
          nodeInfo: isObj(info)
            ? clean<NonNullable<NonNullable<Node['status']>['nodeInfo']>>({
                architecture: str(info['architecture']),
                operatingSystem: str(info['operatingSystem']),
                kubeletVersion: str(info['kubeletVersion']),
                containerRuntimeVersion: str(info['containerRuntimeVersion']),
              })
            : undefined,
        })
      : undefined,
  });
}

function mapEventRef(v: unknown): KEvent['involvedObject'] {
  const r = obj(v);
  return clean<KEvent['involvedObject']>({
    kind: str(r['kind']),
    name: str(r['name']),
    namespace: str(r['namespace']),
    uid: str(r['uid']),
    fieldPath: str(r['fieldPath']),
  });
}

function mapEvent(raw: Raw, apiVersion: string | undefined): KEvent {
  const series = obj(raw['series']);
  const modern =
    (apiVersion ?? '').startsWith('events.k8s.io/') ||
    (raw['involvedObject'] === undefined &&
      (raw['regarding'] !== undefined || raw['note'] !== undefined));
  const sourceRaw = obj(modern ? raw['deprecatedSource'] : raw['source']);
  const component =
    str(sourceRaw['component']) ||
    str(modern ? raw['reportingController'] : raw['reportingComponent']) ||
    undefined;
  const host = str(sourceRaw['host']) || undefined;
  const source =
    component !== undefined || host !== undefined
      ? clean<NonNullable<KEvent['source']>>({ component, host })
      : undefined;
  const count = num(modern ? raw['deprecatedCount'] : raw['count']) ?? num(series['count']);
  return clean<KEvent>({
    apiVersion,
    kind: 'Event',
    metadata: mapMeta(raw['metadata']),
    involvedObject: mapEventRef(modern ? raw['regarding'] : raw['involvedObject']),
    reason: str(raw['reason']),
    message: str(modern ? raw['note'] : raw['message']),
    type: str(raw['type']),
    source,
    count: count === 0 ? undefined : count,
    firstTimestamp: str(modern ? raw['deprecatedFirstTimestamp'] : raw['firstTimestamp']),
    lastTimestamp:
      str(modern ? raw['deprecatedLastTimestamp'] : raw['lastTimestamp']) ??
      str(series['lastObservedTime']),
    eventTime: str(raw['eventTime']),
  });
}

function mapConfigMap(raw: Raw, apiVersion: string | undefined): ConfigMap {
  const binaryDataKeys = keysOf(raw['binaryData']);
  return clean<ConfigMap>({
    apiVersion,
    kind: 'ConfigMap',
    metadata: mapMeta(raw['metadata']),
    data: strRecord(raw['data']),
    binaryDataKeys: binaryDataKeys.length > 0 ? binaryDataKeys : undefined,
  });
}

/** Every form a secret value may take in the paste: as given and base64-decoded. */
function secretValueForms(raw: Raw): string[] {
  const forms: string[] = [];
  for (const field of ['data', 'stringData']) {
    for (const v of Object.values(obj(raw[field]))) {
      const s = text(v);
      if (s === undefined) continue;
      forms.push(s);
      if (field === 'data') {
        try {
          forms.push(Buffer.from(s, 'base64').toString('utf8'));
        } catch {
          // not base64: the raw form is enough
        }
      }
    }
  }
  return forms.filter((f) => f.trim().length >= 4);
}

/** Labels/annotations of a Secret minus anything that could carry a value. */
function safeSecretMap(
  m: Record<string, string> | undefined,
  forms: string[],
): Record<string, string> | undefined {
  if (!m) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m)) {
    if (k === 'kubectl.kubernetes.io/last-applied-configuration') continue;
    if (forms.some((f) => v.includes(f) || k.includes(f))) continue;
    out[k] = v;
  }
  return out;
}

function mapSecret(raw: Raw, apiVersion: string | undefined): SecretKeys {
  const forms = secretValueForms(raw);
  const metadata = mapMeta(raw['metadata']);
  const labels = safeSecretMap(metadata.labels, forms);
  const annotations = safeSecretMap(metadata.annotations, forms);
  delete metadata.labels;
  delete metadata.annotations;
  if (labels) metadata.labels = labels;
  if (annotations) metadata.annotations = annotations;
  const keys = [...new Set([...keysOf(raw['data']), ...keysOf(raw['stringData'])])];
  return clean<SecretKeys>({ apiVersion, kind: 'Secret', metadata, type: str(raw['type']), keys });
}

/**
 * Map one API object (parsed JSON/YAML) into the evidence model, or undefined for kinds the
 * model does not hold. `fallbackKind` is used for list items that carry no `kind` (raw API lists).
 */
export function mapKubeObject(
  value: unknown,
  fallbackKind?: string,
  fallbackApiVersion?: string,
): KubeObject | undefined {
  if (!isObj(value)) return undefined;
  const kind = str(value['kind']) ?? fallbackKind;
  const apiVersion = str(value['apiVersion']) ?? fallbackApiVersion;
  switch (kind) {
    case 'Pod':
      return clean<Pod>({
        apiVersion,
        kind: 'Pod',
        metadata: mapMeta(value['metadata']),
        spec: mapPodSpec(value['spec']),
        status: mapPodStatus(value['status']),
      });
    case 'ConfigMap':
      return mapConfigMap(value, apiVersion);
    case 'Secret':
      return mapSecret(value, apiVersion);
    case 'Service':
      return mapService(value, apiVersion);
    case 'Endpoints':
      return mapEndpoints(value, apiVersion);
    case 'EndpointSlice':
      return mapEndpointSlice(value, apiVersion);
    case 'Node':
      return mapNode(value, apiVersion);
    case 'Event':
      return mapEvent(value, apiVersion);
    default:
      if (kind !== undefined && WORKLOAD_KINDS.has(kind)) {
        return mapWorkload(value, kind as Workload['kind'], apiVersion);
      }
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// A tolerant JSON reader: positions for every object, partial results on a cut-off paste
// ---------------------------------------------------------------------------------------------

const INCOMPLETE = Symbol('incomplete');
const MAX_DEPTH = 200;

interface JsonValue {
  value: unknown;
  start: number;
  end: number;
}

interface JsonRead {
  values: JsonValue[];
  /** Start/end offsets of every object and array read. */
  spans: WeakMap<object, [number, number]>;
  closed: WeakSet<object>;
  /** Set when reading stopped early: the input ended, or a character made no sense. */
  problem?: { kind: 'truncated' | 'damaged'; offset: number };
}

class JsonReader {
  pos: number;
  problem: JsonRead['problem'];
  readonly spans = new WeakMap<object, [number, number]>();
  /** Objects and arrays whose closing bracket was read. */
  readonly closed = new WeakSet<object>();

  constructor(
    private readonly src: string,
    start: number,
  ) {
    this.pos = start;
  }

  private stop(kind: 'truncated' | 'damaged'): typeof INCOMPLETE {
    this.problem ??= { kind, offset: this.pos };
    return INCOMPLETE;
  }

  get stopped(): boolean {
    return this.problem !== undefined;
  }

  ws(): void {
    const s = this.src;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (c === 32 || c === 10 || c === 13 || c === 9) this.pos++;
      else break;
    }
  }

  value(depth: number): unknown {
    this.ws();
    if (this.pos >= this.src.length) return this.stop('truncated');
    if (depth > MAX_DEPTH) return this.stop('damaged');
    const c = this.src[this.pos];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      const rest = this.src.slice(this.pos, this.pos + word.length);
      if (rest === word) {
        this.pos += word.length;
        return v;
      }
      if (this.pos + rest.length >= this.src.length && word.startsWith(rest)) {
        this.pos = this.src.length;
        return this.stop('truncated');
      }
    }
    return this.stop('damaged');
  }

  /** After a member: `,` or the closer; anything else stops the read. */
  private afterMember(closer: string): boolean {
    this.ws();
    if (this.pos >= this.src.length) {
      this.stop('truncated');
      return false;
    }
    const c = this.src[this.pos];
    if (c === ',') {
      this.pos++;
      return true;
    }
    if (c === closer) return true;
    this.stop('damaged');
    return false;
  }

  object(depth: number): Raw {
    const start = this.pos;
    this.pos++;
    const out: Raw = {};
    for (;;) {
      this.ws();
      if (this.pos >= this.src.length) {
        this.stop('truncated');
        break;
      }
      const c = this.src[this.pos];
      if (c === '}') {
        this.pos++;
        this.closed.add(out);
        break;
      }
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c !== '"') {
        this.stop('damaged');
        break;
      }
      const key = this.string();
      if (key === INCOMPLETE) break;
      this.ws();
      if (this.pos >= this.src.length) {
        this.stop('truncated');
        break;
      }
      if (this.src[this.pos] !== ':') {
        this.stop('damaged');
        break;
      }
      this.pos++;
      const v = this.value(depth + 1);
      // Define rather than assign, so a `__proto__` key stays a plain key.
      if (v !== INCOMPLETE) {
        Object.defineProperty(out, key as string, {
          value: v,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      if (this.stopped || !this.afterMember('}')) break;
    }
    this.spans.set(out, [start, this.pos]);
    return out;
  }

  array(depth: number): unknown[] {
    const start = this.pos;
    this.pos++;
    const out: unknown[] = [];
    for (;;) {
      this.ws();
      if (this.pos >= this.src.length) {
        this.stop('truncated');
        break;
      }
      const c = this.src[this.pos];
      if (c === ']') {
        this.pos++;
        this.closed.add(out);
        break;
      }
      if (c === ',') {
        this.pos++;
        continue;
      }
      const v = this.value(depth + 1);
      if (v !== INCOMPLETE) out.push(v);
      if (this.stopped || !this.afterMember(']')) break;
    }
    this.spans.set(out, [start, this.pos]);
    return out;
  }

  string(): string | typeof INCOMPLETE {
    const s = this.src;
    let i = this.pos + 1;
    let out = '';
    for (;;) {
      const q = s.indexOf('"', i);
      const b = s.indexOf('\\', i);
      if (q < 0 && b < 0) {
        this.pos = s.length;
        return this.stop('truncated');
      }
      if (b >= 0 && (q < 0 || b < q)) {
        out += s.slice(i, b);
        const e = s[b + 1];
        if (e === undefined) {
          this.pos = s.length;
          return this.stop('truncated');
        }
        const simple: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        };
        if (e === 'u') {
          const hex = s.slice(b + 2, b + 6);
          if (hex.length < 4) {
            this.pos = s.length;
            return this.stop('truncated');
          }
          out += /^[0-9a-fA-F]{4}$/.test(hex) ? String.fromCharCode(parseInt(hex, 16)) : hex;
          i = b + 6;
        } else {
          out += simple[e] ?? e;
          i = b + 2;
        }
        continue;
      }
      out += s.slice(i, q);
      this.pos = q + 1;
      return out;
    }
  }

  number(): number | typeof INCOMPLETE {
    const re = /-?\d*(?:\.\d*)?(?:[eE][+-]?\d*)?/y;
    re.lastIndex = this.pos;
    const m = re.exec(this.src);
    const t = m?.[0] ?? '';
    this.pos += t.length;
    // A number that runs into the end of the paste may have lost digits.
    if (this.pos >= this.src.length) return this.stop('truncated');
    const n = Number(t);
    if (t === '' || t === '-' || !Number.isFinite(n)) return this.stop('damaged');
    return n;
  }
}

/** Read every top-level JSON value from `start` on (a `jq` stream may hold several). */
function readJson(src: string, start: number): JsonRead {
  const reader = new JsonReader(src, start);
  const values: JsonValue[] = [];
  for (;;) {
    reader.ws();
    if (reader.pos >= src.length) break;
    const c = src[reader.pos];
    if (c !== '{' && c !== '[' && c !== '"') break;
    const begin = reader.pos;
    const value = reader.value(0);
    if (value !== INCOMPLETE) values.push({ value, start: begin, end: reader.pos });
    if (reader.stopped) break;
  }
  const out: JsonRead = { values, spans: reader.spans, closed: reader.closed };
  if (reader.problem) out.problem = reader.problem;
  return out;
}

// ---------------------------------------------------------------------------------------------
// The block parser
// ---------------------------------------------------------------------------------------------

/** Maps offsets in the joined block text to 1-based source lines. */
class LineMap {
  private readonly starts: number[] = [0];

  constructor(
    private readonly src: string,
    private readonly firstLine: number,
  ) {
    for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  line(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return this.firstLine + lo;
  }

  /** Lines of [start, end), ignoring whitespace at the end. */
  range(start: number, end: number): { from: number; to: number } {
    let e = Math.min(end, this.src.length) - 1;
    while (e > start && /\s/.test(this.src[e] ?? '')) e--;
    return { from: this.line(start), to: this.line(Math.max(start, e)) };
  }
}

interface Found {
  value: unknown;
  from: number;
  to: number;
  /** For list items without a `kind`: the kind named by the list (`PodList` → `Pod`). */
  fallbackKind?: string;
  fallbackApiVersion?: string;
}

function isKubeLike(v: unknown): v is Raw {
  return (
    isObj(v) &&
    typeof v['kind'] === 'string' &&
    (isObj(v['metadata']) || typeof v['apiVersion'] === 'string')
  );
}

function listItemKind(listKind: string): string | undefined {
  return listKind !== 'List' && listKind.endsWith('List') ? listKind.slice(0, -4) : undefined;
}

/** Expand a top-level value into objects, each with its own line range when known. */
function expand(
  value: unknown,
  from: number,
  to: number,
  rangeOf: (v: unknown, index: number) => { from: number; to: number } | undefined,
): Found[] {
  const out: Found[] = [];
  const items = isObj(value) ? value['items'] : undefined;
  const kind = isObj(value) ? str(value['kind']) : undefined;
  if (isObj(value) && Array.isArray(items) && (kind === undefined || kind.endsWith('List'))) {
    const fallbackKind = kind ? listItemKind(kind) : undefined;
    const fallbackApiVersion = str(value['apiVersion']);
    items.forEach((item, i) => {
      const r = rangeOf(item, i) ?? { from, to };
      out.push(
        clean<Found>({ value: item, from: r.from, to: r.to, fallbackKind, fallbackApiVersion }),
      );
    });
    return out;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const r = rangeOf(item, i) ?? { from, to };
      out.push({ value: item, from: r.from, to: r.to });
    });
    return out;
  }
  out.push({ value, from, to });
  return out;
}

interface Collected {
  found: Found[];
  /** JSON only: the containers that were complete (a cut-off paste leaves some open). */
  closed?: WeakSet<object>;
  /** Top-level values as parsed, for the command-aware readers. */
  tops: unknown[];
  warnings: string[];
}

function collectJson(block: Block, src: string, startLine: number): Collected | undefined {
  const map = new LineMap(src, block.from);
  let offset = 0;
  for (let i = 0; i < startLine; i++) offset = src.indexOf('\n', offset) + 1;
  const fast = collectJsonFast(src, offset, map);
  if (fast) return fast;
  const read = readJson(src, offset);
  if (read.values.length === 0) return undefined;
  const found: Found[] = [];
  const warnings: string[] = [];
  for (const v of read.values) {
    const r = map.range(v.start, v.end);
    found.push(
      ...expand(v.value, r.from, r.to, (item) => {
        const span = isObj(item) || Array.isArray(item) ? read.spans.get(item) : undefined;
        return span ? map.range(span[0], span[1]) : undefined;
      }),
    );
  }
  if (read.problem) {
    const line = map.line(read.problem.offset);
    warnings.push(
      read.problem.kind === 'truncated'
        ? `lines ${block.from}-${block.to}: the JSON is cut off (truncated paste); read what was complete`
        : `line ${line}: the JSON is damaged here; read what came before it`,
    );
  }
  return { found, closed: read.closed, tops: read.values.map((v) => v.value), warnings };
}

/**
 * The common case, a complete JSON value (`kubectl get -o json`, a snapshot List): the native
 * parser, plus one character scan for the line span of each item of the list. The tolerant
 * reader above is for damaged pastes only; it is several times slower.
 */
function collectJsonFast(src: string, offset: number, map: LineMap): Collected | undefined {
  const text = offset > 0 ? src.slice(offset) : src;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const whole = map.range(offset, src.length);
  const list =
    isObj(value) && Array.isArray(value['items'])
      ? 'items'
      : Array.isArray(value)
        ? 'array'
        : undefined;
  const spans = list ? elementSpans(text, list) : [];
  const found = expand(value, whole.from, whole.to, (_item, i) => {
    const span = spans[i];
    return span ? map.range(offset + span[0], offset + span[1]) : undefined;
  });
  return { found, tops: [value], warnings: [] };
}

/** Offsets [start, end) of each object element of the top-level array or of `.items`. */
function elementSpans(text: string, where: 'items' | 'array'): [number, number][] {
  const spans: [number, number][] = [];
  let depth = 0;
  let target = where === 'array' ? 1 : -1;
  let lastKey = '';
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const from = i + 1;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34) break;
      }
      if (depth === 1 && i - from <= 8) lastKey = text.slice(from, i);
      continue;
    }
    if (c === 123 /* { */ || c === 91 /* [ */) {
      if (c === 91 && target < 0 && depth === 1 && lastKey === 'items') target = depth + 1;
      if (c === 123 && depth === target) start = i;
      depth++;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
      if (c === 125 && depth === target && start >= 0) {
        spans.push([start, i + 1]);
        start = -1;
      }
      if (c === 93 && depth === target - 1 && target > 0) break;
    }
  }
  return spans;
}

function collectYaml(block: Block, src: string, startLine: number): Collected | undefined {
  const lineCounter = new LineCounter();
  let offset = 0;
  for (let i = 0; i < startLine; i++) offset = src.indexOf('\n', offset) + 1;
  const text = src.slice(offset);
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false, logLevel: 'error' });
  const base = block.from + startLine;
  const lineOf = (off: number): number => base + lineCounter.linePos(off).line - 1;
  const rangeOf = (
    r: readonly number[] | null | undefined,
  ): { from: number; to: number } | undefined => {
    if (!r || r[0] === undefined) return undefined;
    let end = Math.max(r[0], (r[1] ?? r[0]) - 1);
    while (end > r[0] && /\s/.test(text[end] ?? '')) end--;
    return { from: lineOf(r[0]), to: lineOf(end) };
  };
  const found: Found[] = [];
  const tops: unknown[] = [];
  const warnings: string[] = [];
  for (const doc of docs) {
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 50 });
    } catch {
      warnings.push(`lines ${block.from}-${block.to}: a YAML document could not be read`);
      continue;
    }
    if (doc.errors.length > 0) {
      const at = doc.errors[0]?.pos[0];
      warnings.push(
        `line ${at !== undefined ? lineOf(at) : block.from}: the YAML is damaged here; read what could be read`,
      );
    }
    if (value === null || value === undefined) continue;
    tops.push(value);
    const contents = doc.contents;
    const whole = rangeOf(contents?.range) ?? { from: block.from, to: block.to };
    // Item nodes of a List (`items:`) or of a top-level sequence, for per-item origins.
    let itemNodes: unknown[] = [];
    if (isMap(contents)) {
      const pair = contents.items.find((p) => isScalar(p.key) && p.key.value === 'items');
      if (pair && isSeq(pair.value)) itemNodes = pair.value.items;
    } else if (isSeq(contents)) itemNodes = contents.items;
    found.push(
      ...expand(value, whole.from, whole.to, (_item, i) => {
        const node = itemNodes[i] as { range?: readonly number[] | null } | undefined;
        return rangeOf(node?.range);
      }),
    );
  }
  return { found, tops, warnings };
}

function firstLine(lines: readonly string[], test: (line: string) => boolean, limit = 50): number {
  for (let i = 0; i < Math.min(lines.length, limit); i++) if (test(lines[i] ?? '')) return i;
  return -1;
}

// ---- Secret/ConfigMap data printed on its own (`-o jsonpath='{.data}'`, `| jq 'keys'`) ----

function dataCommand(command: KubectlCommand | undefined): 'secrets' | 'configmaps' | undefined {
  if (!command) return undefined;
  const r = command.resource ?? '';
  const resource = /^secrets?$/.test(r)
    ? 'secrets'
    : /^(configmaps?|cm)$/.test(r)
      ? 'configmaps'
      : undefined;
  return resource;
}

/** Does the command print only the `.data` map (or its keys) rather than whole objects? */
function printsDataOnly(command: KubectlCommand): boolean {
  return /\.data\b/.test(`${command.output ?? ''} ${command.pipe ?? ''}`);
}

/** Keys (and, for ConfigMaps, values) of Go's `map[a:b c:d]` rendering. */
function readGoMap(src: string): [string, string][] | undefined {
  const m = /^\s*map\[([\s\S]*)\]\s*$/.exec(src) ?? /^\s*map\[([\s\S]*)$/.exec(src);
  if (!m) return undefined;
  const out: [string, string][] = [];
  for (const token of (m[1] ?? '').split(/\s+/)) {
    if (token === '') continue;
    const kv = /^([-._a-zA-Z0-9]+):([\s\S]*)$/.exec(token);
    const last = out[out.length - 1];
    if (kv) out.push([kv[1] ?? '', kv[2] ?? '']);
    else if (last) last[1] += ` ${token}`;
  }
  return out;
}

function dataItem(
  block: Block,
  sourceIndex: number,
  resource: 'secrets' | 'configmaps',
  entries: { keys: string[]; data?: Record<string, string> },
): Item {
  const command = block.command;
  const metadata: ObjectMeta = {};
  const name = command?.names[0];
  if (name !== undefined) metadata.name = name;
  if (command?.namespace !== undefined) metadata.namespace = command.namespace;
  const origin = { source: sourceIndex, from: block.from, to: block.to };
  if (resource === 'secrets') {
    return { object: { kind: 'Secret', metadata, keys: [...new Set(entries.keys)] }, origin };
  }
  const cm: ConfigMap = { kind: 'ConfigMap', metadata };
  if (entries.data) cm.data = entries.data;
  return { object: cm, origin };
}

/** The command-aware readings of data-only outputs; undefined when not such an output. */
function readDataOutput(
  block: Block,
  sourceIndex: number,
  tops: unknown[] | undefined,
  src: string,
): ParsedBlock | undefined {
  const command = block.command;
  const resource = dataCommand(command);
  if (!command || !resource) return undefined;
  const pipeKeys = /\bkeys\b/.test(command.pipe ?? '');
  const dataOnly = printsDataOnly(command) || (pipeKeys && /jsonpath/.test(command.output ?? ''));
  if (!dataOnly) return undefined;
  const done = (entries: { keys: string[]; data?: Record<string, string> }): ParsedBlock => ({
    items: [dataItem(block, sourceIndex, resource, entries)],
    logs: [],
    warnings: [],
  });
  const top = tops?.[0];
  if (Array.isArray(top) && top.every((k) => typeof k === 'string')) {
    // `| jq 'keys'`: key names only. A ConfigMap's values are unknown, so it is not evidence.
    return resource === 'secrets' ? done({ keys: top as string[] }) : undefined;
  }
  if (isObj(top) && !isKubeLike(top)) {
    const keys = Object.keys(top);
    return resource === 'secrets' ? done({ keys }) : done({ keys, data: strRecord(top) ?? {} });
  }
  const goMap = readGoMap(src);
  if (goMap) {
    const keys = goMap.map(([k]) => k);
    if (resource === 'secrets') return done({ keys });
    const parsed = done({ keys, data: Object.fromEntries(goMap) });
    parsed.warnings.push(
      `lines ${block.from}-${block.to}: ConfigMap data printed as a Go map; values with spaces may be split wrongly`,
    );
    return parsed;
  }
  // `| jq -r 'keys[]'`: one bare key per line.
  const lines = block.lines.map((l) => l.trim()).filter((l) => l !== '');
  if (
    resource === 'secrets' &&
    pipeKeys &&
    lines.length > 0 &&
    lines.every((l) => /^[-._a-zA-Z0-9]+$/.test(l))
  ) {
    return done({ keys: lines });
  }
  return undefined;
}

const DECLINED_BLOCK_KINDS = new Set(['describe', 'table', 'rollout-history']);

/** JSON and YAML Kubernetes objects (single, lists, multi-document, cut off) → evidence items. */
/**
 * `kubectl get pod X -o json | jq '...'` prints pieces of a pod with no `kind`: container specs
 * and container statuses, alone, in arrays or under keys of the user's choosing. Rebuild the pod
 * named by the command from whatever pieces are recognisable.
 */
function podProjection(
  block: Block,
  sourceIndex: number,
  tops: unknown[],
): ParsedBlock | undefined {
  const cmd = block.command;
  if (cmd?.resource !== 'pods' || !cmd.names[0]) return undefined;
  const specs: Raw[] = [];
  const statuses: Raw[] = [];
  let phase: string | undefined;
  const visit = (v: unknown, depth: number): void => {
    if (depth > 6) return;
    if (Array.isArray(v)) return v.forEach((x) => visit(x, depth + 1));
    if (!isObj(v)) return;
    const hasName = typeof v['name'] === 'string';
    if (
      hasName &&
      (isObj(v['state']) || isObj(v['lastState']) || typeof v['restartCount'] === 'number')
    )
      statuses.push(v);
    else if (hasName && typeof v['image'] === 'string') specs.push(v);
    else {
      if (typeof v['phase'] === 'string') phase = v['phase'];
      for (const x of Object.values(v)) visit(x, depth + 1);
    }
  };
  tops.forEach((t) => visit(t, 0));
  if (statuses.length === 0 && specs.length === 0) return undefined;
  const raw: Raw = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: cmd.names[0], ...(cmd.namespace ? { namespace: cmd.namespace } : {}) },
    spec: { containers: specs },
    status: { ...(phase ? { phase } : {}), containerStatuses: statuses },
  };
  return oneObject(raw, sourceIndex, block);
}

const PARTIAL_START = /^(spec|template|containers|env):\s*$/;

const KIND_OF_RESOURCE: Record<string, string> = {
  pods: 'Pod',
  deployments: 'Deployment',
  statefulsets: 'StatefulSet',
  daemonsets: 'DaemonSet',
  replicasets: 'ReplicaSet',
  jobs: 'Job',
  cronjobs: 'CronJob',
};

/**
 * A YAML fragment cut at a well-known key (`spec:`, `template:`, `containers:`, `env:`), pasted
 * from `kubectl get X -o yaml` or an editor: rebuild the object it is part of, with the kind and
 * name from the command when there is one (else the kind from the fields, and no name), marked
 * truncated because everything around the fragment is unknown. Undefined for anything else.
 */
function partialObject(
  block: Block,
  sourceIndex: number,
  tops: unknown[],
): ParsedBlock | undefined {
  if (block.kind !== 'yaml' || tops.length !== 1) return undefined;
  const top = tops[0];
  if (!isObj(top)) return undefined;
  const cmd = block.command;
  const fromCommand = cmd?.resource ? KIND_OF_RESOURCE[cmd.resource] : undefined;
  if (cmd?.resource && !fromCommand) return undefined;
  const name = cmd?.names.length === 1 ? cmd.names[0]?.split('/').pop() : undefined;
  let spec: Raw;
  if (isObj(top['spec'])) spec = top['spec'];
  else if (isObj(top['template'])) spec = top;
  else if (Array.isArray(top['containers'])) spec = top;
  else if (Array.isArray(top['env']) && fromCommand === 'Pod' && name) {
    // The env of one container of a named pod: `-c` says which.
    spec = { containers: [{ name: cmd?.container ?? '', env: top['env'] }] };
  } else return undefined;
  const guessed = isObj(spec['jobTemplate'])
    ? 'CronJob'
    : isObj(spec['template'])
      ? 'serviceName' in spec || 'volumeClaimTemplates' in spec
        ? 'StatefulSet'
        : 'Deployment'
      : Array.isArray(spec['containers'])
        ? 'Pod'
        : undefined;
  const kind = fromCommand ?? guessed;
  if (!kind || (kind === 'Pod') !== Array.isArray(spec['containers'])) return undefined;
  const raw: Raw = {
    kind,
    metadata: {
      ...(name ? { name } : {}),
      ...(cmd?.namespace ? { namespace: cmd.namespace } : {}),
      annotations: { [TRUNCATED_ANNOTATION]: 'true' },
    },
    spec,
  };
  return oneObject(raw, sourceIndex, block);
}

export const parseObjects: BlockParser = (block: Block, sourceIndex: number) => {
  try {
    return parseObjectsBlock(block, sourceIndex);
  } catch {
    return undefined;
  }
};

function parseObjectsBlock(block: Block, sourceIndex: number): ParsedBlock | undefined {
  if (DECLINED_BLOCK_KINDS.has(block.kind)) return undefined;
  const verb = block.command?.verb;
  if (verb === 'logs' || verb === 'describe') return undefined;
  const src = block.lines.join('\n');
  const jsonStart = firstLine(block.lines, (l) => /^\s*[[{]/.test(l));
  // A fragment cut at a well-known key starts at its first line, not at a nested `metadata:`.
  const yamlStart = PARTIAL_START.test(block.lines.find((l) => l.trim() !== '') ?? '')
    ? 0
    : firstLine(block.lines, (l) =>
        /^\s*(---|apiVersion:|kind:|items:|metadata:|- apiVersion:)/.test(l),
      );
  let collected: Collected | undefined;
  if (jsonStart >= 0 && (yamlStart < 0 || jsonStart <= yamlStart)) {
    // Leading garbage: try each line that opens a bracket until one reads as JSON.
    for (let i = jsonStart; i < Math.min(block.lines.length, jsonStart + 50); i++) {
      if (!/^\s*[[{]/.test(block.lines[i] ?? '')) continue;
      const c = collectJson(block, src, i);
      // A bracket that opens a log line (`[INFO] ...`) reads as an empty or broken value.
      const useful =
        c !== undefined &&
        (c.tops.some(
          (t) => (Array.isArray(t) ? t.length : isObj(t) ? Object.keys(t).length : 0) > 0,
        ) ||
          (c.warnings.length === 0 && c.tops.length > 0));
      if (c && useful) {
        collected = c;
        break;
      }
    }
  }
  if (!collected && !/^\s*map\[/.test(src)) {
    try {
      collected = collectYaml(block, src, Math.max(0, yamlStart));
    } catch {
      collected = undefined;
    }
  }
  const data = readDataOutput(block, sourceIndex, collected?.tops, src.trim());
  if (data) return data;
  if (!collected) return undefined;
  const kubeLike = collected.found.filter(
    (f) => isKubeLike(f.value) || (f.fallbackKind && isObj(f.value)),
  );
  if (kubeLike.length === 0)
    return (
      podProjection(block, sourceIndex, collected.tops) ??
      partialObject(block, sourceIndex, collected.tops)
    );
  const items: Item[] = [];
  const warnings = [...collected.warnings];
  const closed = collected.closed;
  for (const f of kubeLike) {
    const raw = f.value as Raw;
    const complete = !closed || closed.has(raw);
    const kind = str(raw['kind']) ?? f.fallbackKind;
    if (!complete && (kind === 'Secret' || kind === 'ConfigMap')) {
      // Its key set would be wrong ("key X is missing"): keep it only if `data` was complete.
      const data = raw['data'];
      const name = str(obj(raw['metadata'])['name']);
      if (!(isObj(data) && closed.has(data) && name !== undefined)) {
        warnings.push(
          `line ${f.from}: a ${kind} cut off before its data was complete was left out (its keys are unknown)`,
        );
        continue;
      }
    }
    const object = mapKubeObject(raw, f.fallbackKind, f.fallbackApiVersion);
    if (!object) continue;
    if (!complete && 'metadata' in object) {
      object.metadata.annotations = {
        ...(object.metadata.annotations ?? {}),
        [TRUNCATED_ANNOTATION]: 'true',
      };
    }
    items.push({ object, origin: { source: sourceIndex, from: f.from, to: f.to } });
  }
  return { items, logs: [], warnings };
}

/** A parse result holding the one object built from a block, or undefined when it maps to none. */
function oneObject(raw: unknown, sourceIndex: number, block: Block): ParsedBlock | undefined {
  const object = mapKubeObject(raw);
  return object
    ? {
        items: [{ object, origin: { source: sourceIndex, from: block.from, to: block.to } }],
        logs: [],
        warnings: [],
      }
    : undefined;
}
