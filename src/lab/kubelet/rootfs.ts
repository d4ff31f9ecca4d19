/**
 * A container's view of files without mount namespaces: the image's `rootfs/` is copied per
 * container instance (a fresh writable layer each start, as a runtime gives), volumes are host
 * directories mounted at container paths, and anything else falls through to the host, which
 * plays the base layer (so `/usr/bin/node` and `/bin/sh` exist). The same rules are applied by
 * the lab's preloads inside Node and Python processes, which translate the paths a program opens.
 */
import {
  chmodSync,
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  statSync,
} from 'node:fs';
import { dirname, join, posix } from 'node:path';

export interface Mount {
  containerPath: string;
  hostPath: string;
  readOnly: boolean;
}

export class ContainerFs {
  /** Mounts, longest container path first. */
  readonly mounts: readonly Mount[];

  constructor(
    readonly rootfs: string,
    mounts: readonly Mount[],
  ) {
    this.mounts = [...mounts].sort((a, b) => b.containerPath.length - a.containerPath.length);
  }

  /** The host path for an absolute container path. `create` maps paths that do not exist yet. */
  toHost(containerPath: string, mode: 'read' | 'create' = 'read'): string {
    const p = posix.normalize(containerPath);
    for (const m of this.mounts) {
      if (p === m.containerPath) return m.hostPath;
      if (p.startsWith(`${m.containerPath.replace(/\/$/, '')}/`))
        return join(m.hostPath, p.slice(m.containerPath.replace(/\/$/, '').length));
    }
    const inImage = join(this.rootfs, p);
    if (existsSync(inImage)) return inImage;
    if (mode === 'create') {
      const parent = posix.dirname(p);
      if (parent !== '/' && existsSync(join(this.rootfs, parent))) return inImage;
    }
    return p;
  }

  /** What the preloads need to apply the same mapping. */
  toJSON(): { rootfs: string; mounts: Mount[] } {
    return { rootfs: this.rootfs, mounts: [...this.mounts] };
  }
}

/** Copy an image's rootfs into a fresh per-instance directory readable by any user. */
export function prepareRootfs(imageRootfs: string, target: string): void {
  mkdirSync(dirname(target), { recursive: true });
  if (existsSync(imageRootfs))
    cpSync(imageRootfs, target, { recursive: true, preserveTimestamps: true });
  else mkdirSync(target, { recursive: true });
  chmodSync(target, 0o755);
}

export type ExecCheck =
  | { ok: true; hostPath: string; containerPath: string; format: 'native' | 'script' | 'foreign' }
  | { ok: false; error: string };

const ELF_MACHINE: Record<string, number> = {
  x64: 62,
  arm64: 183,
  arm: 40,
  ia32: 3,
  ppc64: 21,
  s390x: 22,
};

/**
 * runc's pre-exec check (Go `exec.LookPath` + eaccess) against the container's files:
 * a name without a slash is searched in PATH, a path is checked directly. Returns the file
 * to run and whether the kernel will accept it (`foreign` = another architecture or no known
 * format: the execve will fail with ENOEXEC).
 */
export function lookPath(
  name: string,
  pathEnv: string,
  workingDir: string,
  fs: ContainerFs,
  hostArch: string,
): ExecCheck {
  const classify = (containerPath: string, hostPath: string): ExecCheck => ({
    ok: true,
    containerPath,
    hostPath,
    format: fileFormat(hostPath, hostArch),
  });
  if (name.includes('/')) {
    const containerPath = name.startsWith('/') ? name : posix.join(workingDir || '/', name);
    const hostPath = fs.toHost(containerPath);
    let st;
    try {
      st = statSync(hostPath);
    } catch {
      return { ok: false, error: `exec: "${name}": stat ${name}: no such file or directory` };
    }
    if (st.isDirectory()) return { ok: false, error: `exec: "${name}": is a directory` };
    if ((st.mode & 0o111) === 0) return { ok: false, error: `exec: "${name}": permission denied` };
    return classify(containerPath, hostPath);
  }
  for (const dir of pathEnv.split(':')) {
    const containerPath = posix.join(dir === '' ? '.' : dir, name);
    const hostPath = fs.toHost(containerPath);
    try {
      const st = statSync(hostPath);
      if (st.isFile() && (st.mode & 0o111) !== 0) return classify(containerPath, hostPath);
    } catch {
      // not in this directory
    }
  }
  return { ok: false, error: `exec: "${name}": executable file not found in $PATH` };
}

/** `native` ELF for this machine, a `#!` script, or `foreign` (the kernel answers ENOEXEC). */
export function fileFormat(hostPath: string, hostArch: string): 'native' | 'script' | 'foreign' {
  let head: Buffer;
  try {
    head = readHead(hostPath, 20);
  } catch {
    return 'native';
  }
  if (head[0] === 0x23 && head[1] === 0x21) return 'script';
  if (head.length >= 20 && head.readUInt32BE(0) === 0x7f454c46) {
    const littleEndian = head[5] === 1;
    const machine = littleEndian ? head.readUInt16LE(18) : head.readUInt16BE(18);
    return machine === ELF_MACHINE[hostArch] ? 'native' : 'foreign';
  }
  return 'foreign';
}

/** The first `bytes` bytes of a file. */
export function readHead(path: string, bytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}
