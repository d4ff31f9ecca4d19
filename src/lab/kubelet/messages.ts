/**
 * The exact texts the kubelet and containerd/runc write, in one place, so the lab's pods and
 * events read like a real node's (kubelet 1.33 with containerd 1.7 and runc 1.2). Sources:
 * k/k `pkg/kubelet/events`, `kuberuntime`, `prober`, `images`, `volume`; runc
 * `libcontainer/standard_init_linux.go`; Go's `os/exec.LookPath`.
 */
import { goDuration } from './format.js';

export const KUBELET_VERSION = 'v1.33.1';

export const msg = {
  created: (c: string) => `Created container: ${c}`,
  started: (c: string) => `Started container ${c}`,
  stopping: (c: string) => `Stopping container ${c}`,
  pulling: (image: string) => `Pulling image "${image}"`,
  pulled: (image: string, seconds: number, bytes: number) =>
    `Successfully pulled image "${image}" in ${goDuration(seconds)} (${goDuration(seconds)} including waiting). Image size: ${bytes} bytes.`,
  alreadyPresent: (image: string) => `Container image "${image}" already present on machine`,
  backOffRestart: (c: string, podFull: string) =>
    `Back-off restarting failed container ${c} in pod ${podFull}`,
  backOffPull: (image: string) => `Back-off pulling image "${image}"`,
  failedPull: (image: string, err: string) => `Failed to pull image "${image}": ${err}`,
  error: (detail: string) => `Error: ${detail}`,
  crashLoopWaiting: (seconds: number, c: string, podFull: string) =>
    `back-off ${goDuration(seconds)} restarting failed container=${c} pod=${podFull}`,
  imagePullBackOffWaiting: (image: string, lastError: string | undefined) =>
    `Back-off pulling image "${image}"${lastError ? `: ErrImagePull: ${lastError}` : ''}`,
  probeFailed: (kind: ProbeKind, output: string) => `${kind} probe failed: ${output}`,
  probeErrored: (kind: ProbeKind, err: string) => `${kind} probe errored: ${err}`,
  killForProbe: (c: string, kind: 'liveness' | 'startup') =>
    `Container ${c} failed ${kind} probe, will be restarted`,
  definitionChanged: (c: string) => `Container ${c} definition changed, will be restarted`,
  failedMount: (volume: string, err: string) =>
    `MountVolume.SetUp failed for volume "${volume}" : ${err}`,
  notFound: (kind: 'configmap' | 'secret', name: string) => `${kind} "${name}" not found`,
  missingKey: (kind: 'ConfigMap' | 'Secret', namespace: string, name: string, key: string) =>
    `couldn't find key ${key} in ${kind} ${namespace}/${name}`,
  configMapVolumeKey: (key: string) => `configmap references non-existent config key: ${key}`,
  secretVolumeKey: (key: string) => `references non-existent secret key: ${key}`,
  hostPathType: (path: string, want: string) =>
    `hostPath type check failed: ${path} is not a ${want}`,
  runAsNonRoot: (podFull: string, c: string) =>
    `container has runAsNonRoot and image will run as root (pod: "${podFull}", container: ${c})`,
  invalidEnvNames: (names: string[]) =>
    `Keys [${names.join(', ')}] from the EnvFrom configMap were skipped since they are considered invalid environment variable names.`,
  nodeReady: () => 'kubelet is posting ready status',
} as const;

export type ProbeKind = 'Liveness' | 'Readiness' | 'Startup';

/** containerd's wrapping of a runc create failure, as the kubelet reports it. */
export function ociCreateFailed(detail: string): string {
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${detail}: unknown`;
}

/** Go `exec.LookPath` errors as runc returns them. */
export const lookPathError = {
  notInPath: (name: string) => `exec: "${name}": executable file not found in $PATH`,
  noSuchFile: (name: string) => `exec: "${name}": stat ${name}: no such file or directory`,
  permission: (name: string) => `exec: "${name}": permission denied`,
  isDirectory: (name: string) => `exec: "${name}": is a directory`,
};

/** What `runc init` prints to the container's stderr when the final execve fails (runc ≥1.1). */
export function runcExecFailed(path: string, strerror: string): string {
  return `exec ${path}: ${strerror}`;
}

/** The containerd pull error for an image no registry has. */
export function pullNotFound(image: string): string {
  const ref = normalizeImageRef(image);
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
}

/** `nginx` → `docker.io/library/nginx:latest`, `acme/app:1` → `docker.io/acme/app:1`. */
export function normalizeImageRef(image: string): string {
  let ref = image;
  const slash = ref.indexOf('/');
  const first = slash < 0 ? '' : ref.slice(0, slash);
  if (slash < 0) ref = `docker.io/library/${ref}`;
  else if (!first.includes('.') && !first.includes(':') && first !== 'localhost')
    ref = `docker.io/${ref}`;
  const lastSegment = ref.slice(ref.lastIndexOf('/') + 1);
  if (!lastSegment.includes(':') && !ref.includes('@')) ref = `${ref}:latest`;
  return ref;
}
