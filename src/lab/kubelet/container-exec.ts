/**
 * How a container's processes are started on the host: the user it runs as (runAsUser,
 * runAsNonRoot and the image's USER, with the kubelet's refusals), the environment and working
 * directory the preloads need, container paths in arguments translated for programs that do
 * not load the preload, the shim that lets the kernel refuse a foreign binary, and commands run
 * inside a container (exec probes).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabNetwork } from '../net/network.js';
import { DEFAULT_IMAGE_PATH, type LabImage } from './images.js';
import { msg } from './messages.js';
import type { Container, PodObject } from './pod-types.js';
import type { ProbeOutcome } from './probes.js';
import { ContainerProcess } from './process.js';
import { lookPath, readHead, type ContainerFs } from './rootfs.js';

/**
 * What `runc init` does last: execve the program. Run for binaries the kernel will refuse, so
 * the refusal is the kernel's own; the message and exit status are runc's.
 */
export const PYTHON_EXEC_SHIM = [
  'import os, sys',
  'try:',
  '    os.execv(sys.argv[2], [sys.argv[1]] + sys.argv[3:])',
  'except OSError as e:',
  '    sys.stderr.write("exec %s: %s\\n" % (sys.argv[1], os.strerror(e.errno).lower()))',
  '    sys.stderr.flush()',
  '    os._exit(255)',
].join('\n');

export interface ExecContext {
  env: Record<string, string>;
  fs: ContainerFs;
  cwd: string;
  workingDir: string;
  pathEnv: string;
  uid: number | undefined;
  gid: number | undefined;
}

/**
 * The user a container runs as, or the kubelet's CreateContainerConfigError when
 * runAsNonRoot cannot be honoured. Switching users needs the lab to run as root; otherwise
 * processes run as the lab's user.
 */
export function resolveUser(
  pod: PodObject,
  container: Container,
  image: LabImage,
  podFull: string,
  labIsRoot: boolean,
): { uid: number | undefined; gid: number | undefined } | { error: string } {
  const sc = { ...pod.spec.securityContext, ...container.securityContext };
  const imageUser =
    image.config.user === undefined ? undefined : String(image.config.user).split(':')[0];
  let uid = sc.runAsUser;
  if (uid === undefined && imageUser !== undefined) {
    if (/^\d+$/.test(imageUser)) uid = Number(imageUser);
    else if (imageUser === 'root') uid = 0;
    else if (sc.runAsNonRoot) {
      return {
        error: `container has runAsNonRoot and image has non-numeric user (${imageUser}), cannot verify user is non-root (pod: "${podFull}", container: ${container.name})`,
      };
    } else uid = 1000;
  }
  if (sc.runAsNonRoot && (uid === undefined || uid === 0)) {
    return { error: msg.runAsNonRoot(podFull, container.name) };
  }
  if (!labIsRoot || uid === undefined || uid === 0) return { uid: undefined, gid: undefined };
  return { uid, gid: sc.runAsGroup ?? uid };
}

export interface ExecContextInput {
  env: Record<string, string>;
  fs: ContainerFs;
  workingDir: string;
  uid: number | undefined;
  gid: number | undefined;
  network: LabNetwork;
  podIP: string;
  namespace: string;
  /** The lab's directory (paths inside it are never remapped by the preloads). */
  labDir: string;
  /** Host directories appended to PATH. */
  extraPath: readonly string[];
}

/**
 * The process environment and working directory of a container: its own env plus what the
 * preloads need (their config file, NODE_OPTIONS, PYTHONPATH) and a PATH that also finds the
 * image's own programs.
 */
export function buildExecContext(i: ExecContextInput): ExecContext {
  const { env, fs, workingDir } = i;
  const pathEnv = env['PATH'] ?? DEFAULT_IMAGE_PATH;
  const hostDirs: string[] = [];
  for (const dir of pathEnv.split(':')) {
    const mapped = fs.toHost(dir);
    if (mapped !== dir) hostDirs.push(mapped);
    hostDirs.push(dir);
  }
  for (const extra of i.extraPath) if (!hostDirs.includes(extra)) hostDirs.push(extra);
  // runc creates a missing working directory; here it lives in the container's own files.
  const mapped = workingDir === '/' ? fs.rootfs : fs.toHost(workingDir, 'create');
  const cwd = mapped === workingDir ? join(fs.rootfs, workingDir) : mapped;
  if (!existsSync(cwd)) mkdirSync(cwd, { recursive: true, mode: 0o755 });
  const files = i.network.files;
  const configPath = join(fs.rootfs, '..', 'lab-container.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      podIP: i.podIP,
      namespace: i.namespace,
      clusterDomain: i.network.clusterDomain,
      dnsTable: files.dnsTable,
      labDir: i.labDir,
      ...fs.toJSON(),
    }),
    { mode: 0o644 },
  );
  const procEnv: Record<string, string> = {
    ...env,
    PATH: hostDirs.join(':'),
    CRASHLENS_LAB_CONTAINER: configPath,
    NODE_OPTIONS: `--require ${files.nodePreload}${env['NODE_OPTIONS'] ? ` ${env['NODE_OPTIONS']}` : ''}`,
    PYTHONPATH: `${files.pythonPath}${env['PYTHONPATH'] ? `:${env['PYTHONPATH']}` : ''}`,
  };
  return { env: procEnv, fs, cwd, workingDir, pathEnv, uid: i.uid, gid: i.gid };
}

/** Run a command inside a running container, as an exec probe does (output capped at 10 KiB). */
export async function execInContainer(
  exec: ExecContext,
  command: string[],
  timeoutMs: number,
  hostArch: string,
  groups: Set<number>,
): Promise<ProbeOutcome> {
  const check =
    command.length === 0
      ? undefined
      : lookPath(command[0]!, exec.pathEnv, exec.workingDir, exec.fs, hostArch);
  if (!check?.ok) {
    const detail = check && !check.ok ? check.error : 'no command specified';
    return {
      ok: false,
      output: `rpc error: code = Unknown desc = failed to exec in container: failed to start exec: OCI runtime exec failed: exec failed: unable to start container process: ${detail}: unknown`,
    };
  }
  let output = '';
  const proc = new ContainerProcess(
    {
      file: check.hostPath,
      args: isNodeProgram(check.hostPath)
        ? command.slice(1)
        : command.slice(1).map((a) => translateArg(a, exec.fs)),
      argv0: command[0]!,
      cwd: exec.cwd,
      env: exec.env,
      ...(exec.uid !== undefined ? { uid: exec.uid, gid: exec.gid ?? exec.uid } : {}),
    },
    (text) => {
      if (output.length < 10_240) output += `${text}\n`;
    },
    groups,
  );
  const timer = setTimeout(() => proc.signal('SIGKILL'), timeoutMs);
  const exit = await proc.exited;
  const timedOut =
    exit.signal === 'SIGKILL' && Date.now() - proc.startedAt.getTime() >= timeoutMs - 5;
  clearTimeout(timer);
  if (timedOut) return { ok: false, output: `command "${command.join(' ')}" timed out` };
  return { ok: exit.exitCode === 0, output: output.trimEnd() };
}

/** `node` itself, or a script whose `#!` line runs node (it resolves container paths itself). */
export function isNodeProgram(hostPath: string): boolean {
  if (/(^|\/)(node|nodejs)$/.test(hostPath)) return true;
  try {
    return /^#!.*\bnode\b/.test(readHead(hostPath, 128).toString('latin1'));
  } catch {
    return false;
  }
}

/**
 * Container paths in arguments become the host files that back them: a plain absolute path
 * argument, and absolute paths inside a `sh -c` script. Paths that exist on the host alone
 * (the base layer) are left as they are.
 */
export function translateArg(arg: string, fs: ContainerFs): string {
  if (arg.startsWith('/') && !/\s/.test(arg) && !arg.includes('=')) return fs.toHost(arg);
  return arg.replace(/(^|[\s=:'"(])(\/[A-Za-z0-9._\-/]+)/g, (m, pre: string, path: string) => {
    const mapped = fs.toHost(path);
    return mapped === path ? m : `${pre}${mapped}`;
  });
}
