/**
 * A container's main process: a real child started in its own session and process group, so
 * the whole tree can be signalled as a runtime signals a container's PID namespace. Output is
 * split into lines (16 KiB at most, as containerd splits them) and handed on with the time
 * each arrived. When the main process ends, whatever is left in its group is killed, as when
 * a container's PID 1 exits. Every group started is registered so the lab can prove, and
 * force, that nothing outlives it.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface ProcessSpec {
  file: string;
  args: string[];
  argv0?: string;
  cwd: string;
  env: Record<string, string>;
  uid?: number;
  gid?: number;
}

export interface ExitInfo {
  /** Exit status as a runtime reports it: the code, or 128 + signal number. */
  exitCode: number;
  signal: NodeJS.Signals | null;
  finishedAt: Date;
}

const MAX_LINE = 16 * 1024;

const SIGNAL_NUMBERS: Partial<Record<NodeJS.Signals, number>> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGILL: 4,
  SIGTRAP: 5,
  SIGABRT: 6,
  SIGBUS: 7,
  SIGFPE: 8,
  SIGKILL: 9,
  SIGUSR1: 10,
  SIGSEGV: 11,
  SIGUSR2: 12,
  SIGPIPE: 13,
  SIGALRM: 14,
  SIGTERM: 15,
};

/** Process groups the lab has started and not yet seen end; shared by every kubelet in the process. */
export const processGroups = new Set<number>();

/** SIGKILL every process group in `groups` (default: all the lab started). Synchronous. */
export function killProcessGroups(groups: Iterable<number> = processGroups): void {
  for (const pgid of [...groups]) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

export class ContainerProcess {
  readonly pid: number;
  readonly startedAt = new Date();
  readonly exited: Promise<ExitInfo>;
  private readonly child: ChildProcess;
  private done = false;

  constructor(
    spec: ProcessSpec,
    onLine: (text: string, stream: 'stdout' | 'stderr', at: Date) => void,
    /** Another registry to keep the group in while it lives (one kubelet's). */
    registry?: Set<number>,
  ) {
    this.child = spawn(spec.file, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(spec.argv0 !== undefined ? { argv0: spec.argv0 } : {}),
      ...(spec.uid !== undefined ? { uid: spec.uid } : {}),
      ...(spec.gid !== undefined ? { gid: spec.gid } : {}),
    });
    const pid = this.child.pid;
    this.pid = pid ?? -1;
    if (pid !== undefined) {
      processGroups.add(pid);
      registry?.add(pid);
    }
    const pending: Promise<void>[] = [];
    for (const stream of ['stdout', 'stderr'] as const) {
      const readable = this.child[stream];
      if (!readable) continue;
      pending.push(
        new Promise<void>((resolve) => {
          let buf = '';
          readable.setEncoding('utf8');
          readable.on('data', (chunk: string) => {
            buf += chunk;
            let nl: number;
            while ((nl = buf.indexOf('\n')) >= 0) {
              emitLine(buf.slice(0, nl), stream);
              buf = buf.slice(nl + 1);
            }
            while (buf.length > MAX_LINE) {
              emitLine(buf.slice(0, MAX_LINE), stream);
              buf = buf.slice(MAX_LINE);
            }
          });
          readable.on('close', () => {
            if (buf.length > 0) emitLine(buf, stream);
            buf = '';
            resolve();
          });
          readable.on('error', () => resolve());
        }),
      );
    }
    function emitLine(text: string, stream: 'stdout' | 'stderr'): void {
      onLine(text.endsWith('\r') ? text.slice(0, -1) : text, stream, new Date());
    }
    this.exited = new Promise<ExitInfo>((resolve) => {
      const finish = (code: number | null, signal: NodeJS.Signals | null): void => {
        if (this.done) return;
        this.done = true;
        const finishedAt = new Date();
        // PID 1 is gone: the rest of the container goes with it.
        if (pid !== undefined) {
          try {
            process.kill(-pid, 'SIGKILL');
          } catch {
            // nothing left
          }
          processGroups.delete(pid);
          registry?.delete(pid);
        }
        const exitCode = code ?? (signal ? 128 + (SIGNAL_NUMBERS[signal] ?? 0) : 255);
        // Let the pipes drain so the last lines are in the log before the exit is reported.
        void Promise.race([Promise.all(pending), delay(500)]).then(() =>
          resolve({ exitCode, signal, finishedAt }),
        );
      };
      this.child.on('exit', finish);
      this.child.on('error', () => finish(127, null));
    });
  }

  get alive(): boolean {
    return !this.done;
  }

  /** Signal the whole process group. */
  signal(sig: NodeJS.Signals): void {
    if (this.done || this.pid < 0) return;
    try {
      process.kill(-this.pid, sig);
    } catch {
      // raced with the exit
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref());
}
