/**
 * Decoding of Kubernetes protobuf request bodies (`application/vnd.kubernetes.protobuf`).
 * kubectl's typed commands (`kubectl create configmap|secret|deployment|job|namespace|
 * service|serviceaccount|quota`, `kubectl run`, `kubectl expose`, `kubectl drain`) send
 * their objects as protobuf and do not fall back to JSON, so the lab reads them: the `k8s\0`
 * envelope (`runtime.Unknown` with apiVersion/kind and the raw message) and the messages those
 * commands produce, by field number, into the same JSON the API would accept. Fields outside
 * this schema are skipped. Responses are always JSON (every client also accepts it).
 */
import { ApiError } from './status.js';

type Scalar = 'string' | 'bytes' | 'int' | 'intz' | 'bool' | 'boolp';
type Special = 'time' | 'quantity' | 'intstr';
type FieldType =
  | Scalar
  | Special
  | { msg: string }
  | { map: Scalar | Special | { msg: string } }
  | { inline: string };
type Field = [name: string, type: FieldType, repeated?: boolean];
type Schema = Record<number, Field>;

const S: Record<string, Schema> = {
  ObjectMeta: {
    1: ['name', 'string'],
    2: ['generateName', 'string'],
    3: ['namespace', 'string'],
    5: ['uid', 'string'],
    6: ['resourceVersion', 'string'],
    7: ['generation', 'intz'],
    8: ['creationTimestamp', 'time'],
    11: ['labels', { map: 'string' }],
    12: ['annotations', { map: 'string' }],
    13: ['ownerReferences', { msg: 'OwnerReference' }, true],
    14: ['finalizers', 'string', true],
  },
  OwnerReference: {
    1: ['kind', 'string'],
    3: ['name', 'string'],
    4: ['uid', 'string'],
    5: ['apiVersion', 'string'],
    6: ['controller', 'boolp'],
    7: ['blockOwnerDeletion', 'boolp'],
  },
  LabelSelector: {
    1: ['matchLabels', { map: 'string' }],
    2: ['matchExpressions', { msg: 'LabelSelectorRequirement' }, true],
  },
  LabelSelectorRequirement: {
    1: ['key', 'string'],
    2: ['operator', 'string'],
    3: ['values', 'string', true],
  },
  ConfigMap: {
    1: ['metadata', { msg: 'ObjectMeta' }],
    2: ['data', { map: 'string' }],
    3: ['binaryData', { map: 'bytes' }],
    4: ['immutable', 'boolp'],
  },
  Secret: {
    1: ['metadata', { msg: 'ObjectMeta' }],
    2: ['data', { map: 'bytes' }],
    3: ['type', 'string'],
    4: ['stringData', { map: 'string' }],
    5: ['immutable', 'boolp'],
  },
  Namespace: { 1: ['metadata', { msg: 'ObjectMeta' }], 2: ['spec', { msg: 'NamespaceSpec' }] },
  NamespaceSpec: { 1: ['finalizers', 'string', true] },
  ServiceAccount: {
    1: ['metadata', { msg: 'ObjectMeta' }],
    2: ['secrets', { msg: 'ObjectReference' }, true],
    3: ['imagePullSecrets', { msg: 'LocalObjectReference' }, true],
    4: ['automountServiceAccountToken', 'boolp'],
  },
  ObjectReference: {
    1: ['kind', 'string'],
    2: ['namespace', 'string'],
    3: ['name', 'string'],
    4: ['uid', 'string'],
    5: ['apiVersion', 'string'],
    6: ['resourceVersion', 'string'],
    7: ['fieldPath', 'string'],
  },
  LocalObjectReference: { 1: ['name', 'string'] },
  ResourceQuota: {
    1: ['metadata', { msg: 'ObjectMeta' }],
    2: ['spec', { msg: 'ResourceQuotaSpec' }],
  },
  ResourceQuotaSpec: { 1: ['hard', { map: 'quantity' }], 2: ['scopes', 'string', true] },
  Service: { 1: ['metadata', { msg: 'ObjectMeta' }], 2: ['spec', { msg: 'ServiceSpec' }] },
  ServiceSpec: {
    1: ['ports', { msg: 'ServicePort' }, true],
    2: ['selector', { map: 'string' }],
    3: ['clusterIP', 'string'],
    4: ['type', 'string'],
    5: ['externalIPs', 'string', true],
    7: ['sessionAffinity', 'string'],
    8: ['loadBalancerIP', 'string'],
    10: ['externalName', 'string'],
    11: ['externalTrafficPolicy', 'string'],
    13: ['publishNotReadyAddresses', 'bool'],
    17: ['ipFamilyPolicy', 'string'],
    18: ['clusterIPs', 'string', true],
    19: ['ipFamilies', 'string', true],
    22: ['internalTrafficPolicy', 'string'],
  },
  ServicePort: {
    1: ['name', 'string'],
    2: ['protocol', 'string'],
    3: ['port', 'int'],
    4: ['targetPort', 'intstr'],
    5: ['nodePort', 'intz'],
    6: ['appProtocol', 'string'],
  },
  Pod: { 1: ['metadata', { msg: 'ObjectMeta' }], 2: ['spec', { msg: 'PodSpec' }] },
  PodTemplateSpec: { 1: ['metadata', { msg: 'ObjectMeta' }], 2: ['spec', { msg: 'PodSpec' }] },
  PodSpec: {
    1: ['volumes', { msg: 'Volume' }, true],
    2: ['containers', { msg: 'Container' }, true],
    3: ['restartPolicy', 'string'],
    4: ['terminationGracePeriodSeconds', 'int'],
    5: ['activeDeadlineSeconds', 'int'],
    6: ['dnsPolicy', 'string'],
    7: ['nodeSelector', { map: 'string' }],
    8: ['serviceAccountName', 'string'],
    9: ['serviceAccount', 'string'],
    10: ['nodeName', 'string'],
    11: ['hostNetwork', 'bool'],
    15: ['imagePullSecrets', { msg: 'LocalObjectReference' }, true],
    16: ['hostname', 'string'],
    17: ['subdomain', 'string'],
    19: ['schedulerName', 'string'],
    20: ['initContainers', { msg: 'Container' }, true],
    21: ['automountServiceAccountToken', 'boolp'],
    22: ['tolerations', { msg: 'Toleration' }, true],
    24: ['priorityClassName', 'string'],
    25: ['priority', 'int'],
    30: ['enableServiceLinks', 'boolp'],
  },
  Toleration: {
    1: ['key', 'string'],
    2: ['operator', 'string'],
    3: ['value', 'string'],
    4: ['effect', 'string'],
    5: ['tolerationSeconds', 'int'],
  },
  Volume: { 1: ['name', 'string'], 2: ['', { inline: 'VolumeSource' }] },
  VolumeSource: {
    2: ['emptyDir', { msg: 'EmptyDir' }],
    6: ['secret', { msg: 'SecretVolumeSource' }],
    19: ['configMap', { msg: 'ConfigMapVolumeSource' }],
  },
  EmptyDir: { 1: ['medium', 'string'], 2: ['sizeLimit', 'quantity'] },
  SecretVolumeSource: {
    1: ['secretName', 'string'],
    3: ['defaultMode', 'int'],
    4: ['optional', 'boolp'],
  },
  ConfigMapVolumeSource: {
    1: ['', { inline: 'LocalObjectReference' }],
    3: ['defaultMode', 'int'],
    4: ['optional', 'boolp'],
  },
  Container: {
    1: ['name', 'string'],
    2: ['image', 'string'],
    3: ['command', 'string', true],
    4: ['args', 'string', true],
    5: ['workingDir', 'string'],
    6: ['ports', { msg: 'ContainerPort' }, true],
    7: ['env', { msg: 'EnvVar' }, true],
    8: ['resources', { msg: 'ResourceRequirements' }],
    9: ['volumeMounts', { msg: 'VolumeMount' }, true],
    13: ['terminationMessagePath', 'string'],
    14: ['imagePullPolicy', 'string'],
    16: ['stdin', 'bool'],
    17: ['stdinOnce', 'bool'],
    18: ['tty', 'bool'],
    19: ['envFrom', { msg: 'EnvFromSource' }, true],
    20: ['terminationMessagePolicy', 'string'],
    24: ['restartPolicy', 'string'],
  },
  ContainerPort: {
    1: ['name', 'string'],
    2: ['hostPort', 'intz'],
    3: ['containerPort', 'int'],
    4: ['protocol', 'string'],
    5: ['hostIP', 'string'],
  },
  EnvVar: {
    1: ['name', 'string'],
    2: ['value', 'string'],
    3: ['valueFrom', { msg: 'EnvVarSource' }],
  },
  EnvVarSource: {
    1: ['fieldRef', { msg: 'ObjectFieldSelector' }],
    3: ['configMapKeyRef', { msg: 'KeySelector' }],
    4: ['secretKeyRef', { msg: 'KeySelector' }],
  },
  ObjectFieldSelector: { 1: ['apiVersion', 'string'], 2: ['fieldPath', 'string'] },
  KeySelector: {
    1: ['', { inline: 'LocalObjectReference' }],
    2: ['key', 'string'],
    3: ['optional', 'boolp'],
  },
  EnvFromSource: {
    1: ['prefix', 'string'],
    2: ['configMapRef', { msg: 'OptionalRef' }],
    3: ['secretRef', { msg: 'OptionalRef' }],
  },
  OptionalRef: { 1: ['', { inline: 'LocalObjectReference' }], 2: ['optional', 'boolp'] },
  ResourceRequirements: {
    1: ['limits', { map: 'quantity' }],
    2: ['requests', { map: 'quantity' }],
  },
  VolumeMount: {
    1: ['name', 'string'],
    2: ['readOnly', 'bool'],
    3: ['mountPath', 'string'],
    4: ['subPath', 'string'],
  },
  Deployment: { 1: ['metadata', { msg: 'ObjectMeta' }], 2: ['spec', { msg: 'DeploymentSpec' }] },
  DeploymentSpec: {
    1: ['replicas', 'int'],
    2: ['selector', { msg: 'LabelSelector' }],
    3: ['template', { msg: 'PodTemplateSpec' }],
    4: ['strategy', { msg: 'DeploymentStrategy' }],
    5: ['minReadySeconds', 'intz'],
    6: ['revisionHistoryLimit', 'int'],
    7: ['paused', 'bool'],
    9: ['progressDeadlineSeconds', 'int'],
  },
  DeploymentStrategy: {
    1: ['type', 'string'],
    2: ['rollingUpdate', { msg: 'RollingUpdateDeployment' }],
  },
  RollingUpdateDeployment: { 1: ['maxUnavailable', 'intstr'], 2: ['maxSurge', 'intstr'] },
  Job: { 1: ['metadata', { msg: 'ObjectMeta' }], 2: ['spec', { msg: 'JobSpec' }] },
  JobSpec: {
    1: ['parallelism', 'int'],
    2: ['completions', 'int'],
    3: ['activeDeadlineSeconds', 'int'],
    4: ['selector', { msg: 'LabelSelector' }],
    5: ['manualSelector', 'boolp'],
    6: ['template', { msg: 'PodTemplateSpec' }],
    7: ['backoffLimit', 'int'],
    8: ['ttlSecondsAfterFinished', 'int'],
    9: ['completionMode', 'string'],
    10: ['suspend', 'boolp'],
  },
  DeleteOptions: {
    1: ['gracePeriodSeconds', 'int'],
    2: ['preconditions', { msg: 'Preconditions' }],
    3: ['orphanDependents', 'boolp'],
    4: ['propagationPolicy', 'string'],
    5: ['dryRun', 'string', true],
  },
  Preconditions: { 1: ['uid', 'string'], 2: ['resourceVersion', 'string'] },
  Eviction: {
    1: ['metadata', { msg: 'ObjectMeta' }],
    2: ['deleteOptions', { msg: 'DeleteOptions' }],
  },
  Scale: { 1: ['metadata', { msg: 'ObjectMeta' }], 2: ['spec', { msg: 'ScaleSpec' }] },
  ScaleSpec: { 1: ['replicas', 'int'] },
};

class Reader {
  pos = 0;
  constructor(readonly buf: Buffer) {}
  done(): boolean {
    return this.pos >= this.buf.length;
  }
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.buf.length) throw malformed();
      const b = this.buf[this.pos++] ?? 0;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 70n) throw malformed();
    }
  }
  bytes(): Buffer {
    const len = Number(this.varint());
    if (this.pos + len > this.buf.length) throw malformed();
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw malformed();
  }
}

function malformed(): ApiError {
  return new ApiError(
    400,
    'BadRequest',
    'the body of the request could not be decoded as protobuf',
  );
}

function int(v: bigint): number {
  return Number(BigInt.asIntN(64, v));
}

function decodeTime(buf: Buffer): string | undefined {
  const r = new Reader(buf);
  let seconds = 0;
  while (!r.done()) {
    const tag = Number(r.varint());
    if (tag >>> 3 === 1 && (tag & 7) === 0) seconds = int(r.varint());
    else r.skip(tag & 7);
  }
  if (seconds === 0) return undefined;
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function decodeIntOrString(buf: Buffer): number | string {
  const r = new Reader(buf);
  let type = 0;
  let intVal = 0;
  let strVal = '';
  while (!r.done()) {
    const tag = Number(r.varint());
    const field = tag >>> 3;
    if (field === 1) type = int(r.varint());
    else if (field === 2) intVal = int(r.varint());
    else if (field === 3) strVal = r.bytes().toString('utf8');
    else r.skip(tag & 7);
  }
  return type === 1 ? strVal : intVal;
}

function decodeQuantity(buf: Buffer): string {
  const r = new Reader(buf);
  let s = '';
  while (!r.done()) {
    const tag = Number(r.varint());
    if (tag >>> 3 === 1) s = r.bytes().toString('utf8');
    else r.skip(tag & 7);
  }
  return s;
}

/** Reads one value of a non-map type; undefined means "leave the field out". */
function readValue(r: Reader, wire: number, type: Scalar | Special | { msg: string }): unknown {
  if (typeof type === 'object') return decodeMessage(r.bytes(), type.msg);
  switch (type) {
    case 'string':
      return r.bytes().toString('utf8');
    case 'bytes':
      return r.bytes().toString('base64');
    case 'int':
    case 'intz':
      return int(r.varint());
    case 'bool':
    case 'boolp':
      return r.varint() !== 0n;
    case 'time':
      return decodeTime(r.bytes());
    case 'quantity':
      return decodeQuantity(r.bytes());
    case 'intstr':
      return decodeIntOrString(r.bytes());
  }
  r.skip(wire);
  return undefined;
}

function keep(type: FieldType, value: unknown): boolean {
  if (value === undefined) return false;
  if (type === 'string' && value === '') return false;
  if (type === 'intz' && value === 0) return false;
  if (type === 'bool' && value === false) return false;
  return true;
}

function decodeMessage(buf: Buffer, name: string): Record<string, unknown> {
  const schema = S[name];
  const out: Record<string, unknown> = {};
  const r = new Reader(buf);
  while (!r.done()) {
    const tag = Number(r.varint());
    const wire = tag & 7;
    const field = schema?.[tag >>> 3];
    if (!field) {
      r.skip(wire);
      continue;
    }
    const [key, type, repeated] = field;
    if (typeof type === 'object' && 'inline' in type) {
      Object.assign(out, decodeMessage(r.bytes(), type.inline));
      continue;
    }
    if (typeof type === 'object' && 'map' in type) {
      const entry = new Reader(r.bytes());
      let k = '';
      let v: unknown;
      while (!entry.done()) {
        const t = Number(entry.varint());
        if (t >>> 3 === 1) k = entry.bytes().toString('utf8');
        else if (t >>> 3 === 2) v = readValue(entry, t & 7, type.map);
        else entry.skip(t & 7);
      }
      const map = (out[key] ??= {}) as Record<string, unknown>;
      map[k] = v ?? (type.map === 'string' || type.map === 'bytes' ? '' : {});
      continue;
    }
    if (repeated) {
      const list = (out[key] ??= []) as unknown[];
      if (wire === 2 && (type === 'int' || type === 'intz' || type === 'bool')) {
        const packed = new Reader(r.bytes());
        while (!packed.done()) list.push(readValue(packed, 0, type));
      } else {
        list.push(readValue(r, wire, type));
      }
      continue;
    }
    const value = readValue(r, wire, type);
    if (keep(type, value)) out[key] = value;
    else delete out[key];
  }
  return out;
}

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

export function isProtobuf(contentType: string | undefined): boolean {
  return (
    (contentType ?? '').split(';')[0]?.trim().toLowerCase() ===
    'application/vnd.kubernetes.protobuf'
  );
}

/** Decodes a `k8s\0`-framed protobuf object into its JSON form. */
export function decodeProtobufObject(body: Buffer): Record<string, unknown> {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) throw malformed();
  const r = new Reader(body.subarray(4));
  let apiVersion = '';
  let kind = '';
  let raw: Buffer | undefined;
  while (!r.done()) {
    const tag = Number(r.varint());
    const field = tag >>> 3;
    if (field === 1) {
      const tm = new Reader(r.bytes());
      while (!tm.done()) {
        const t = Number(tm.varint());
        if (t >>> 3 === 1) apiVersion = tm.bytes().toString('utf8');
        else if (t >>> 3 === 2) kind = tm.bytes().toString('utf8');
        else tm.skip(t & 7);
      }
    } else if (field === 2) raw = r.bytes();
    else r.skip(tag & 7);
  }
  if (!raw || !S[kind]) {
    throw new ApiError(
      415,
      'UnsupportedMediaType',
      `the lab cannot decode protobuf for kind ${JSON.stringify(kind)}; send application/json`,
    );
  }
  const obj = decodeMessage(raw, kind);
  return { apiVersion, kind, ...obj };
}
