/**
 * Resource limits without cgroups. Memory: the resident set of every process in a container's
 * process group is summed from /proc every sample; over the limit, the group is SIGKILLed and
 * the kubelet reports OOMKilled/137, as the kernel's memcg OOM killer with `memory.oom.group`
 * would. CPU: a token bucket refilled at the limit's rate (cores) and drained by the group's
 * measured CPU time; when it runs dry the group is SIGSTOPped until the debt is repaid, which
 * approximates CFS quota throttling (100 ms burst) at the sampling resolution (100 ms).
 */
import { readdirSync, readFileSync } from 'node:fs';

const PAGE_SIZE = 4096;
const CLOCK_TICKS = 100;
const SAMPLE_MS = 100;
const BURST_SECONDS = 0.1;

export interface Limits {
  memoryBytes?: number;
  cpuCores?: number;
}

interface Watch {
  pgid: number;
  limits: Limits;
  onOom: (rssBytes: number) => void;
  lastCpuTicks?: number;
  tokens: number;
  stoppedUntil?: number | undefined;
  oomed: boolean;
  peakRss: number;
}

interface GroupSample {
  rssBytes: number;
  cpuTicks: number;
}

/** Reads /proc once per tick and applies every container's limits. */
export class ResourceMonitor {
  private readonly watches = new Map<number, Watch>();
  private timer: NodeJS.Timeout | undefined;

  watch(pgid: number, limits: Limits, onOom: (rssBytes: number) => void): () => void {
    if (limits.memoryBytes === undefined && limits.cpuCores === undefined) return () => {};
    this.watches.set(pgid, {
      pgid,
      limits,
      onOom,
      tokens: (limits.cpuCores ?? 0) * BURST_SECONDS,
      oomed: false,
      peakRss: 0,
    });
    if (!this.timer) {
      this.timer = setInterval(() => this.tick(), SAMPLE_MS);
      this.timer.unref();
    }
    return () => this.unwatch(pgid);
  }

  /** Resume a stopped group (before a SIGTERM, which a stopped process would not act on). */
  resume(pgid: number): void {
    const w = this.watches.get(pgid);
    if (w?.stoppedUntil !== undefined) {
      w.stoppedUntil = undefined;
      signal(pgid, 'SIGCONT');
    }
  }

  private unwatch(pgid: number): void {
    const w = this.watches.get(pgid);
    if (w?.stoppedUntil !== undefined) signal(pgid, 'SIGCONT');
    this.watches.delete(pgid);
    if (this.watches.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  stop(): void {
    for (const pgid of [...this.watches.keys()]) this.unwatch(pgid);
  }

  private tick(): void {
    const samples = sampleGroups(new Set(this.watches.keys()));
    const now = Date.now();
    for (const w of this.watches.values()) {
      const s = samples.get(w.pgid);
      if (!s) continue;
      w.peakRss = Math.max(w.peakRss, s.rssBytes);
      if (w.limits.memoryBytes !== undefined && s.rssBytes > w.limits.memoryBytes && !w.oomed) {
        w.oomed = true;
        signal(w.pgid, 'SIGKILL');
        w.onOom(s.rssBytes);
        continue;
      }
      const cores = w.limits.cpuCores;
      if (cores === undefined || cores <= 0) continue;
      const used = w.lastCpuTicks === undefined ? 0 : (s.cpuTicks - w.lastCpuTicks) / CLOCK_TICKS;
      w.lastCpuTicks = s.cpuTicks;
      w.tokens = Math.min(w.tokens + (cores * SAMPLE_MS) / 1000 - used, cores * BURST_SECONDS);
      if (w.stoppedUntil !== undefined) {
        if (now >= w.stoppedUntil) {
          w.stoppedUntil = undefined;
          signal(w.pgid, 'SIGCONT');
        }
      } else if (w.tokens < 0) {
        w.stoppedUntil = now + (-w.tokens / cores) * 1000;
        signal(w.pgid, 'SIGSTOP');
      }
    }
  }
}

function signal(pgid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pgid, sig);
  } catch {
    // the group is gone
  }
}

/** RSS and CPU ticks per process group, for the groups asked about. */
export function sampleGroups(groups: ReadonlySet<number>): Map<number, GroupSample> {
  const out = new Map<number, GroupSample>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return out;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    // Fields after the command (which may hold spaces and parentheses).
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pgrp = Number(rest[2]);
    if (!groups.has(pgrp)) continue;
    const utime = Number(rest[11]);
    const stime = Number(rest[12]);
    const rssPages = Number(rest[21]);
    const cur = out.get(pgrp) ?? { rssBytes: 0, cpuTicks: 0 };
    cur.rssBytes += rssPages * PAGE_SIZE;
    cur.cpuTicks += utime + stime;
    out.set(pgrp, cur);
  }
  return out;
}
