/**
 * A container's environment, built the way the kubelet's `makeEnvironmentVariables` does:
 * service-link variables first (when `enableServiceLinks`), then `envFrom` sources in order,
 * then `env` entries (with `$(VAR)` expansion against what came before). A missing ConfigMap,
 * Secret or key that is not `optional` fails with the kubelet's exact message, which becomes the
 * `CreateContainerConfigError` waiting message.
 */
import { expandVars } from './command.js';
import { parseQuantity } from './format.js';
import { msg } from './messages.js';
import type { Container, PodObject } from './pod-types.js';

export interface ConfigSource {
  configMap(
    namespace: string,
    name: string,
  ): { data?: Record<string, string>; binaryData?: Record<string, string> } | undefined;
  /** Secret values already decoded from base64. */
  secret(namespace: string, name: string): Record<string, string> | undefined;
  /** Services of a namespace with their cluster IPs and ports. */
  services(namespace: string): ServiceInfo[];
}

export interface ServiceInfo {
  name: string;
  namespace: string;
  clusterIP: string;
  ports: { name?: string; port: number; protocol?: string }[];
}

export type EnvResult =
  { ok: true; env: Record<string, string>; invalidNames: string[] } | { ok: false; error: string };

const VALID_ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

export function buildEnv(
  pod: PodObject,
  container: Container,
  source: ConfigSource,
  extra: { podIP: string; hostIP: string; nodeAllocatable: { cpu: number; memory: number } },
): EnvResult {
  const ns = pod.metadata.namespace ?? 'default';
  const env: Record<string, string> = {};
  // The `kubernetes` service's variables are always given; others only with service links.
  const links = pod.spec.enableServiceLinks !== false;
  const services = [
    ...(ns === 'default' ? [] : source.services('default').filter((s) => s.name === 'kubernetes')),
    ...source.services(ns).filter((s) => links || (ns === 'default' && s.name === 'kubernetes')),
  ];
  for (const svc of services) Object.assign(env, serviceEnv(svc));

  const invalidNames: string[] = [];
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const name = from.configMapRef.name ?? '';
      const cm = source.configMap(ns, name);
      if (!cm) {
        if (from.configMapRef.optional) continue;
        return { ok: false, error: msg.notFound('configmap', name) };
      }
      for (const [k, v] of Object.entries(cm.data ?? {})) {
        const key = prefix + k;
        if (!VALID_ENV_NAME.test(key)) invalidNames.push(key);
        else env[key] = v;
      }
    }
    if (from.secretRef) {
      const name = from.secretRef.name ?? '';
      const secret = source.secret(ns, name);
      if (!secret) {
        if (from.secretRef.optional) continue;
        return { ok: false, error: msg.notFound('secret', name) };
      }
      for (const [k, v] of Object.entries(secret)) {
        const key = prefix + k;
        if (!VALID_ENV_NAME.test(key)) invalidNames.push(key);
        else env[key] = v;
      }
    }
  }

  for (const e of container.env ?? []) {
    if (e.value !== undefined || !e.valueFrom) {
      env[e.name] = expandVars(e.value ?? '', env);
      continue;
    }
    const vf = e.valueFrom;
    if (vf.configMapKeyRef) {
      const { name = '', key, optional } = vf.configMapKeyRef;
      const cm = source.configMap(ns, name);
      if (!cm) {
        if (optional) continue;
        return { ok: false, error: msg.notFound('configmap', name) };
      }
      const value = cm.data?.[key] ?? decodeBinary(cm.binaryData?.[key]);
      if (value === undefined) {
        if (optional) continue;
        return { ok: false, error: msg.missingKey('ConfigMap', ns, name, key) };
      }
      env[e.name] = value;
    } else if (vf.secretKeyRef) {
      const { name = '', key, optional } = vf.secretKeyRef;
      const secret = source.secret(ns, name);
      if (!secret) {
        if (optional) continue;
        return { ok: false, error: msg.notFound('secret', name) };
      }
      const value = secret[key];
      if (value === undefined) {
        if (optional) continue;
        return { ok: false, error: msg.missingKey('Secret', ns, name, key) };
      }
      env[e.name] = value;
    } else if (vf.fieldRef) {
      env[e.name] = fieldValue(pod, vf.fieldRef.fieldPath, extra);
    } else if (vf.resourceFieldRef) {
      env[e.name] = resourceValue(pod, container, vf.resourceFieldRef, extra.nodeAllocatable);
    }
  }
  return { ok: true, env, invalidNames };
}

function decodeBinary(b64: string | undefined): string | undefined {
  return b64 === undefined ? undefined : Buffer.from(b64, 'base64').toString('utf8');
}

/** Docker-links-style variables for one Service (`pkg/kubelet/envvars`). */
export function serviceEnv(svc: ServiceInfo): Record<string, string> {
  const out: Record<string, string> = {};
  if (!svc.clusterIP || svc.clusterIP === 'None' || svc.ports.length === 0) return out;
  const n = svc.name.toUpperCase().replace(/-/g, '_');
  const first = svc.ports[0]!;
  out[`${n}_SERVICE_HOST`] = svc.clusterIP;
  out[`${n}_SERVICE_PORT`] = String(first.port);
  for (const p of svc.ports) {
    if (p.name)
      out[`${n}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`] = String(p.port);
  }
  const proto0 = (first.protocol ?? 'TCP').toLowerCase();
  out[`${n}_PORT`] = `${proto0}://${svc.clusterIP}:${first.port}`;
  for (const p of svc.ports) {
    const proto = (p.protocol ?? 'TCP').toUpperCase();
    const base = `${n}_PORT_${p.port}_${proto}`;
    out[base] = `${proto.toLowerCase()}://${svc.clusterIP}:${p.port}`;
    out[`${base}_PROTO`] = proto.toLowerCase();
    out[`${base}_PORT`] = String(p.port);
    out[`${base}_ADDR`] = svc.clusterIP;
  }
  return out;
}

function fieldValue(
  pod: PodObject,
  path: string,
  extra: { podIP: string; hostIP: string },
): string {
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m?.[1] && m[2] !== undefined) {
    const map = m[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations;
    return map?.[m[2]] ?? '';
  }
  switch (path) {
    case 'metadata.name':
      return pod.metadata.name ?? '';
    case 'metadata.namespace':
      return pod.metadata.namespace ?? 'default';
    case 'metadata.uid':
      return pod.metadata.uid ?? '';
    case 'spec.nodeName':
      return pod.spec.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec.serviceAccountName ?? 'default';
    case 'status.podIP':
    case 'status.podIPs':
      return extra.podIP;
    case 'status.hostIP':
    case 'status.hostIPs':
      return extra.hostIP;
    default:
      return '';
  }
}

function resourceValue(
  pod: PodObject,
  container: Container,
  ref: { resource: string; containerName?: string; divisor?: string | number },
  node: { cpu: number; memory: number },
): string {
  const target = ref.containerName
    ? (pod.spec.containers.find((c) => c.name === ref.containerName) ?? container)
    : container;
  const [kind, res] = ref.resource.split('.') as [string, string];
  const table = kind === 'limits' ? target.resources?.limits : target.resources?.requests;
  let value = parseQuantity(table?.[res]);
  if (value === undefined) value = res === 'cpu' ? node.cpu : res === 'memory' ? node.memory : 0;
  const divisor = parseQuantity(ref.divisor) ?? 1;
  return String(Math.ceil(value / divisor));
}
