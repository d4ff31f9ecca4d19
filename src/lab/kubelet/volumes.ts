/**
 * Pod volumes as real files: ConfigMap and Secret volumes are written key by key (with `items`
 * and modes), emptyDir is an empty directory, hostPath points into the lab's private "node
 * filesystem" (never the real host), a PVC gets a directory per claim, downwardAPI writes the
 * fields. A missing object or key that is not optional fails as the kubelet's `FailedMount`
 * says (`configmap "x" not found`, `configmap references non-existent config key: k`).
 */
import { chmodSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import type { ConfigSource } from './env.js';
import { msg } from './messages.js';
import type { Container, KeyToPath, PodObject, Volume } from './pod-types.js';
import type { Mount } from './rootfs.js';

export interface VolumeContext {
  podDir: string;
  /** The lab's node filesystem root, for hostPath volumes. */
  nodeRoot: string;
  /** Where PVC directories live. */
  claimsRoot: string;
  source: ConfigSource;
}

export type VolumeResult =
  { ok: true; dirs: Map<string, string> } | { ok: false; volume: string; error: string };

/** Materialize every volume of a pod; the first failure stops (the kubelet reports one at a time). */
export function setUpVolumes(pod: PodObject, ctx: VolumeContext): VolumeResult {
  const dirs = new Map<string, string>();
  for (const v of pod.spec.volumes ?? []) {
    const r = setUpVolume(pod, v, ctx);
    if (typeof r === 'object') return { ok: false, volume: v.name, error: r.error };
    dirs.set(v.name, r);
  }
  return { ok: true, dirs };
}

function setUpVolume(pod: PodObject, v: Volume, ctx: VolumeContext): string | { error: string } {
  const ns = pod.metadata.namespace ?? 'default';
  const dir = join(ctx.podDir, 'volumes', v.name);
  if (v.hostPath) return hostPathVolume(v.hostPath, ctx.nodeRoot);
  if (v.persistentVolumeClaim) {
    const claimDir = join(ctx.claimsRoot, ns, v.persistentVolumeClaim.claimName);
    mkdirSync(claimDir, { recursive: true, mode: 0o777 });
    return claimDir;
  }
  const files: { path: string; content: string | Buffer; mode: number }[] = [];
  if (v.configMap) {
    const r = configMapFiles(ns, v.configMap, ctx.source);
    if ('error' in r) return r;
    files.push(...r.files);
  } else if (v.secret) {
    const r = secretFiles(ns, { ...v.secret, name: v.secret.secretName }, ctx.source);
    if ('error' in r) return r;
    files.push(...r.files);
  } else if (v.downwardAPI) {
    for (const item of v.downwardAPI.items ?? []) {
      files.push({
        path: item.path,
        content: downward(pod, item.fieldRef?.fieldPath),
        mode: 0o644,
      });
    }
  } else if (v.projected) {
    for (const s of v.projected.sources ?? []) {
      if (s.configMap) {
        const r = configMapFiles(ns, s.configMap, ctx.source);
        if ('error' in r) return r;
        files.push(...r.files);
      } else if (s.secret) {
        const r = secretFiles(ns, s.secret, ctx.source);
        if ('error' in r) return r;
        files.push(...r.files);
      } else if (s.serviceAccountToken) {
        files.push({ path: s.serviceAccountToken.path, content: 'lab-token', mode: 0o644 });
      } else if (s.downwardAPI) {
        for (const item of s.downwardAPI.items ?? []) {
          files.push({
            path: item.path,
            content: downward(pod, item.fieldRef?.fieldPath),
            mode: 0o644,
          });
        }
      }
    }
  }
  // emptyDir and every file-backed kind: a fresh directory with the files written atomically enough.
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o777);
  for (const f of files) {
    const target = join(dir, f.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, f.content, { mode: f.mode });
    chmodSync(target, f.mode);
  }
  return dir;
}

type Files =
  { files: { path: string; content: string | Buffer; mode: number }[] } | { error: string };

function pick(
  all: Record<string, string | Buffer>,
  items: KeyToPath[] | undefined,
  defaultMode: number,
  missing: (key: string) => string,
  optional: boolean,
): Files {
  if (!items)
    return {
      files: Object.entries(all).map(([k, v]) => ({ path: k, content: v, mode: defaultMode })),
    };
  const files: { path: string; content: string | Buffer; mode: number }[] = [];
  for (const it of items) {
    const v = all[it.key];
    if (v === undefined) {
      if (optional) continue;
      return { error: missing(it.key) };
    }
    files.push({ path: it.path, content: v, mode: it.mode ?? defaultMode });
  }
  return { files };
}

function configMapFiles(
  ns: string,
  ref: { name?: string; items?: KeyToPath[]; optional?: boolean; defaultMode?: number },
  source: ConfigSource,
): Files {
  const name = ref.name ?? '';
  const cm = source.configMap(ns, name);
  if (!cm) return ref.optional ? { files: [] } : { error: msg.notFound('configmap', name) };
  const all: Record<string, string | Buffer> = { ...(cm.data ?? {}) };
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) all[k] = Buffer.from(v, 'base64');
  return pick(
    all,
    ref.items,
    ref.defaultMode ?? 0o644,
    msg.configMapVolumeKey,
    ref.optional === true,
  );
}

function secretFiles(
  ns: string,
  ref: { name?: string | undefined; items?: KeyToPath[]; optional?: boolean; defaultMode?: number },
  source: ConfigSource,
): Files {
  const name = ref.name ?? '';
  const secret = source.secret(ns, name);
  if (!secret) return ref.optional ? { files: [] } : { error: msg.notFound('secret', name) };
  return pick(
    secret,
    ref.items,
    ref.defaultMode ?? 0o644,
    msg.secretVolumeKey,
    ref.optional === true,
  );
}

function downward(pod: PodObject, fieldPath: string | undefined): string {
  switch (fieldPath) {
    case 'metadata.name':
      return pod.metadata.name ?? '';
    case 'metadata.namespace':
      return pod.metadata.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata.uid ?? '';
    case 'metadata.labels':
      return Object.entries(pod.metadata.labels ?? {})
        .map(([k, v]) => `${k}="${v}"`)
        .join('\n');
    case 'metadata.annotations':
      return Object.entries(pod.metadata.annotations ?? {})
        .map(([k, v]) => `${k}="${v}"`)
        .join('\n');
    default:
      return '';
  }
}

/** hostPath with its `type` check, rooted in the lab's node filesystem. */
function hostPathVolume(
  hp: { path: string; type?: string },
  nodeRoot: string,
): string | { error: string } {
  const target = join(nodeRoot, posix.normalize(hp.path));
  const type = hp.type ?? '';
  const st = existsSync(target) ? statSync(target) : undefined;
  switch (type) {
    case 'DirectoryOrCreate':
      if (!st) mkdirSync(target, { recursive: true, mode: 0o755 });
      else if (!st.isDirectory()) return { error: msg.hostPathType(hp.path, 'directory') };
      break;
    case 'Directory':
      if (!st?.isDirectory()) return { error: msg.hostPathType(hp.path, 'directory') };
      break;
    case 'FileOrCreate':
      if (!st) {
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, '', { mode: 0o644 });
      } else if (!st.isFile()) return { error: msg.hostPathType(hp.path, 'file') };
      break;
    case 'File':
      if (!st?.isFile()) return { error: msg.hostPathType(hp.path, 'file') };
      break;
    default:
      if (!st) mkdirSync(target, { recursive: true, mode: 0o755 });
  }
  return target;
}

/** A container's mounts from its volumeMounts and the pod's materialized volume directories. */
export function containerMounts(container: Container, dirs: ReadonlyMap<string, string>): Mount[] {
  const mounts: Mount[] = [];
  for (const vm of container.volumeMounts ?? []) {
    const dir = dirs.get(vm.name);
    if (!dir) continue;
    const hostPath = vm.subPath ? join(dir, vm.subPath) : dir;
    if (vm.subPath && !existsSync(hostPath)) mkdirSync(hostPath, { recursive: true });
    mounts.push({
      containerPath: posix.normalize(vm.mountPath),
      hostPath,
      readOnly: vm.readOnly === true,
    });
  }
  return mounts;
}
