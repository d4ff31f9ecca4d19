/**
 * The evidence model: plain Kubernetes-shaped objects (as the API returns them, every field
 * optional because pastes are partial), container logs, and the raw text they came from.
 *
 * Live, offline and lab collectors all produce an {@link EvidenceBundle}; detectors read only
 * this. Every parsed item keeps an {@link Origin} pointing at the lines of the input it came
 * from, so a diagnosis can quote evidence that is really in the input.
 */

/** Where a piece of evidence came from: a source document and a 1-based, inclusive line range. */
export interface Origin {
  /** Index into {@link EvidenceBundle.sources}. */
  source: number;
  /** First line of the block inside the source (1-based). */
  from: number;
  /** Last line of the block inside the source (1-based, inclusive). */
  to: number;
}

/** One input text (a file, stdin, or a synthesized rendering of live API objects). */
export interface SourceDoc {
  /** A short name for reports: a file path, `stdin`, or `live:pods/auth/x`. */
  name: string;
  /** The normalized lines (no CR, no ANSI colour codes), index 0 = line 1. */
  lines: string[];
  /** The raw lines with their ANSI codes, present only when the input had any. */
  original?: string[];
}

export interface OwnerReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
  uid?: string;
  controller?: boolean;
}

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  creationTimestamp?: string;
  generation?: number;
  resourceVersion?: string;
}

export interface KeySelector {
  name?: string;
  key?: string;
  optional?: boolean;
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: KeySelector;
    configMapKeyRef?: KeySelector;
    fieldRef?: { fieldPath?: string };
    resourceFieldRef?: { resource?: string; containerName?: string };
  };
}

export interface EnvFromSource {
  prefix?: string;
  configMapRef?: { name?: string; optional?: boolean };
  secretRef?: { name?: string; optional?: boolean };
}

export interface Probe {
  httpGet?: { path?: string; port?: number | string; scheme?: string; host?: string };
  tcpSocket?: { port?: number | string; host?: string };
  exec?: { command?: string[] };
  grpc?: { port?: number; service?: string };
  initialDelaySeconds?: number;
  timeoutSeconds?: number;
  periodSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
  terminationGracePeriodSeconds?: number;
}

export interface ResourceRequirements {
  limits?: Record<string, string>;
  requests?: Record<string, string>;
}

export interface VolumeMount {
  name?: string;
  mountPath?: string;
  subPath?: string;
  readOnly?: boolean;
}

export interface SecurityContext {
  runAsUser?: number;
  runAsGroup?: number;
  runAsNonRoot?: boolean;
  readOnlyRootFilesystem?: boolean;
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  capabilities?: { add?: string[]; drop?: string[] };
}

export interface Container {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  ports?: { name?: string; containerPort?: number; protocol?: string; hostPort?: number }[];
  env?: EnvVar[];
  envFrom?: EnvFromSource[];
  resources?: ResourceRequirements;
  volumeMounts?: VolumeMount[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  securityContext?: SecurityContext;
  /** Set on native sidecars (init containers with restartPolicy Always). */
  restartPolicy?: string;
  imagePullPolicy?: string;
}

export interface Volume {
  name: string;
  configMap?: { name?: string; optional?: boolean; items?: { key?: string; path?: string }[] };
  secret?: { secretName?: string; optional?: boolean; items?: { key?: string; path?: string }[] };
  persistentVolumeClaim?: { claimName?: string; readOnly?: boolean };
  emptyDir?: { medium?: string; sizeLimit?: string };
  hostPath?: { path?: string; type?: string };
  projected?: unknown;
  [other: string]: unknown;
}

export interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  volumes?: Volume[];
  restartPolicy?: string;
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  serviceAccountName?: string;
  securityContext?: SecurityContext & { fsGroup?: number };
  tolerations?: { key?: string; operator?: string; value?: string; effect?: string }[];
  affinity?: unknown;
  terminationGracePeriodSeconds?: number;
  priorityClassName?: string;
}

export interface ContainerStateWaiting {
  reason?: string;
  message?: string;
}

export interface ContainerStateRunning {
  startedAt?: string;
}

export interface ContainerStateTerminated {
  exitCode?: number;
  signal?: number;
  reason?: string;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
  containerID?: string;
}

export interface ContainerState {
  waiting?: ContainerStateWaiting;
  running?: ContainerStateRunning;
  terminated?: ContainerStateTerminated;
}

export interface ContainerStatus {
  name: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  image?: string;
  imageID?: string;
  containerID?: string;
  state?: ContainerState;
  lastState?: ContainerState;
}

export interface Condition {
  type: string;
  status?: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface PodStatus {
  phase?: string;
  reason?: string;
  message?: string;
  podIP?: string;
  hostIP?: string;
  startTime?: string;
  qosClass?: string;
  conditions?: Condition[];
  containerStatuses?: ContainerStatus[];
  initContainerStatuses?: ContainerStatus[];
}

export interface Pod {
  apiVersion?: string;
  kind: 'Pod';
  metadata: ObjectMeta;
  spec?: PodSpec;
  status?: PodStatus;
}

/** Deployment, StatefulSet, DaemonSet, ReplicaSet and Job share this loose shape. */
export interface Workload {
  apiVersion?: string;
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'Job' | 'CronJob';
  metadata: ObjectMeta;
  spec?: {
    replicas?: number;
    selector?: { matchLabels?: Record<string, string> };
    template?: { metadata?: ObjectMeta; spec?: PodSpec };
    strategy?: {
      type?: string;
      rollingUpdate?: { maxSurge?: string | number; maxUnavailable?: string | number };
    };
    [other: string]: unknown;
  };
  status?: {
    replicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    updatedReplicas?: number;
    unavailableReplicas?: number;
    conditions?: Condition[];
    [other: string]: unknown;
  };
}

export interface ConfigMap {
  apiVersion?: string;
  kind: 'ConfigMap';
  metadata: ObjectMeta;
  data?: Record<string, string>;
  /** Keys only: binary values are never kept. */
  binaryDataKeys?: string[];
}

/** A Secret is kept as names and keys only: values are dropped at parse/collect time. */
export interface SecretKeys {
  apiVersion?: string;
  kind: 'Secret';
  metadata: ObjectMeta;
  type?: string;
  keys: string[];
}

export interface Service {
  apiVersion?: string;
  kind: 'Service';
  metadata: ObjectMeta;
  spec?: {
    type?: string;
    clusterIP?: string;
    selector?: Record<string, string>;
    ports?: { name?: string; port?: number; targetPort?: number | string; protocol?: string }[];
  };
}

export interface EndpointAddress {
  ip: string;
  ports?: number[];
  ready: boolean;
  targetPod?: string;
}

/** Endpoints and EndpointSlices both normalize to this. */
export interface Endpoints {
  apiVersion?: string;
  kind: 'Endpoints';
  metadata: ObjectMeta;
  /** The Service this belongs to (Endpoints share its name; slices carry a label). */
  serviceName?: string;
  addresses: EndpointAddress[];
}

export interface Node {
  apiVersion?: string;
  kind: 'Node';
  metadata: ObjectMeta;
  spec?: { taints?: { key?: string; value?: string; effect?: string }[]; unschedulable?: boolean };
  status?: {
    conditions?: Condition[];
    allocatable?: Record<string, string>;
    capacity?: Record<string, string>;
    nodeInfo?: {
      architecture?: string;
      operatingSystem?: string;
      kubeletVersion?: string;
      containerRuntimeVersion?: string;
    };
  };
}

/** core/v1 Event shape; events.k8s.io/v1 and describe/get tables normalize to it. */
export interface KEvent {
  apiVersion?: string;
  kind: 'Event';
  metadata: ObjectMeta;
  involvedObject: {
    kind?: string;
    name?: string;
    namespace?: string;
    uid?: string;
    fieldPath?: string;
  };
  reason?: string;
  message?: string;
  type?: string;
  source?: { component?: string; host?: string };
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  /** Offline only: the relative ages as printed (`9s`, `14m`), when no absolute time was given. */
  ages?: { last?: string; first?: string };
}

/** `kubectl rollout history` of one workload: revision numbers with their change-cause. */
export interface RolloutHistory {
  kind: 'RolloutHistory';
  /** e.g. `deployment.apps/user-auth` as printed, or `Deployment`. */
  workloadKind?: string;
  name?: string;
  namespace?: string;
  revisions: { revision: number; changeCause?: string }[];
}

/**
 * A table row from `kubectl get <anything>` whose kind has no richer shape (custom columns,
 * `get replicasets` with extra columns...). Cells are keyed by the printed header.
 */
export interface TableRow {
  kind: 'TableRow';
  /** The resource as typed in the command (`replicasets`, `pvc`...) when known. */
  resource?: string;
  namespace?: string;
  cells: Record<string, string>;
}

export type KubeObject =
  | Pod
  | Workload
  | ConfigMap
  | SecretKeys
  | Service
  | Endpoints
  | Node
  | KEvent
  | RolloutHistory
  | TableRow;

export type KubeKind = KubeObject['kind'];

/** A parsed object plus where it came from. */
export interface Item<T extends KubeObject = KubeObject> {
  object: T;
  origin: Origin;
}

/** One logical log record: a line plus its continuation lines (stack frames). */
export interface LogEntry {
  /** 1-based line number of the first line inside the source. */
  line: number;
  /** Number of physical lines (1 + continuation lines). */
  lineCount: number;
  /** The raw text of all physical lines joined by `\n`. */
  text: string;
  /** The first line with its timestamp/level prefix removed. */
  message: string;
  /** ISO time when the line carried a parseable timestamp. */
  time?: string;
  /** Normalized level when recognisable. */
  level?: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  /** Parsed fields when the line is a JSON log record (values as strings). */
  fields?: Record<string, string>;
}

/** The logs of one container instance. */
export interface ContainerLog {
  kind: 'Log';
  pod?: string;
  namespace?: string;
  container?: string;
  /** True for `--previous` (the crashed instance). Undefined when unknown. */
  previous?: boolean;
  entries: LogEntry[];
  origin: Origin;
}

/** A block of the input that no parser recognised: kept, never dropped. */
export interface RawBlock {
  command?: string;
  origin: Origin;
}

/** Everything a diagnosis may use. Built once by a collector, never mutated by detectors. */
export interface EvidenceBundle {
  sources: SourceDoc[];
  items: Item[];
  logs: ContainerLog[];
  raw: RawBlock[];
  /** Problems met while reading the input that did not stop it (truncated JSON, etc.). */
  warnings: string[];
  /**
   * The time "now" for relative ages: given by the user, the live clock, or estimated from the
   * newest absolute time in the input (then `nowEstimated` is true).
   */
  now?: string;
  nowEstimated?: boolean;
}
