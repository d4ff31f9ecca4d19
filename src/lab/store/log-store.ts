/**
 * Container output kept per container instance (instance 0 is the first run, each restart
 * adds one), as the kubelet keeps one log file per container. Each instance is capped (10 MB
 * by default, oldest lines dropped first, like log rotation). Followers get new lines of the
 * instance that was current when they subscribed, and are ended when a newer instance starts
 * or the pod's logs are deleted.
 */
import type { LabClock, LogLine, LogReadOptions, LogStore } from './types.js';
import { systemClock } from './clock.js';

export interface MemoryLogStoreOptions {
  clock?: LabClock;
  /** Byte cap per container instance (default 10 MB). */
  maxBytesPerInstance?: number;
}

interface Instance {
  lines: LogLine[];
  head: number;
  bytes: number;
}

interface Follower {
  instance: number;
  onLine: (line: LogLine) => void;
  onEnd: (() => void) | undefined;
}

interface ContainerLogs {
  instances: Map<number, Instance>;
  latest: number;
  followers: Set<Follower>;
}

function lineBytes(line: LogLine): number {
  return Buffer.byteLength(line.text, 'utf8') + 1;
}

export class MemoryLogStore implements LogStore {
  private readonly containers = new Map<string, ContainerLogs>();
  private readonly clock: LabClock;
  private readonly maxBytes: number;

  constructor(options: MemoryLogStoreOptions = {}) {
    this.clock = options.clock ?? systemClock();
    this.maxBytes = options.maxBytesPerInstance ?? 10 * 1024 * 1024;
  }

  append(namespace: string, pod: string, container: string, instance: number, line: LogLine): void {
    const key = `${namespace}/${pod}/${container}`;
    let logs = this.containers.get(key);
    if (!logs) {
      logs = { instances: new Map(), latest: -1, followers: new Set() };
      this.containers.set(key, logs);
    }
    let inst = logs.instances.get(instance);
    if (!inst) {
      inst = { lines: [], head: 0, bytes: 0 };
      logs.instances.set(instance, inst);
    }
    inst.lines.push(line);
    inst.bytes += lineBytes(line);
    while (inst.bytes > this.maxBytes && inst.head < inst.lines.length - 1) {
      const dropped = inst.lines[inst.head];
      inst.head++;
      if (dropped) inst.bytes -= lineBytes(dropped);
    }
    if (inst.head > 1024 && inst.head > inst.lines.length / 2) {
      inst.lines = inst.lines.slice(inst.head);
      inst.head = 0;
    }
    if (instance > logs.latest) {
      logs.latest = instance;
      for (const f of [...logs.followers]) {
        if (f.instance < instance) {
          logs.followers.delete(f);
          f.onEnd?.();
        }
      }
    }
    for (const f of logs.followers) if (f.instance === instance) f.onLine(line);
  }

  /** Marks a new instance as current (a restart) even before it writes a line. */
  startInstance(namespace: string, pod: string, container: string, instance: number): void {
    const key = `${namespace}/${pod}/${container}`;
    let logs = this.containers.get(key);
    if (!logs) {
      logs = { instances: new Map(), latest: -1, followers: new Set() };
      this.containers.set(key, logs);
    }
    if (!logs.instances.has(instance))
      logs.instances.set(instance, { lines: [], head: 0, bytes: 0 });
    if (instance > logs.latest) {
      logs.latest = instance;
      for (const f of [...logs.followers]) {
        if (f.instance < instance) {
          logs.followers.delete(f);
          f.onEnd?.();
        }
      }
    }
  }

  read(
    namespace: string,
    pod: string,
    container: string,
    options: LogReadOptions = {},
  ): LogLine[] | undefined {
    const logs = this.containers.get(`${namespace}/${pod}/${container}`);
    if (!logs || logs.latest < 0) return undefined;
    let wanted = logs.latest;
    if (options.previous) {
      wanted = -1;
      for (const n of logs.instances.keys()) if (n < logs.latest && n > wanted) wanted = n;
      if (wanted < 0) return undefined;
    }
    const inst = logs.instances.get(wanted);
    if (!inst) return undefined;
    let lines = inst.lines.slice(inst.head);
    let since: number | undefined;
    if (options.sinceTime) since = Date.parse(options.sinceTime);
    if (options.sinceSeconds !== undefined) {
      since = this.clock.now().getTime() - options.sinceSeconds * 1000;
    }
    if (since !== undefined && !Number.isNaN(since)) {
      const threshold = since;
      lines = lines.filter((l) => Date.parse(l.time) >= threshold);
    }
    if (options.tailLines !== undefined && options.tailLines >= 0) {
      lines = options.tailLines === 0 ? [] : lines.slice(-options.tailLines);
    }
    if (options.limitBytes !== undefined && options.limitBytes > 0) {
      const out: LogLine[] = [];
      let budget = options.limitBytes;
      for (const l of lines) {
        if (budget <= 0) break;
        const size = lineBytes(l);
        if (size <= budget) out.push(l);
        else
          out.push({
            ...l,
            text: Buffer.from(l.text, 'utf8').subarray(0, budget).toString('utf8'),
          });
        budget -= size;
      }
      lines = out;
    }
    return lines;
  }

  follow(
    namespace: string,
    pod: string,
    container: string,
    onLine: (line: LogLine) => void,
    onEnd?: () => void,
  ): () => void {
    const key = `${namespace}/${pod}/${container}`;
    let logs = this.containers.get(key);
    if (!logs) {
      logs = { instances: new Map(), latest: -1, followers: new Set() };
      this.containers.set(key, logs);
    }
    const follower: Follower = { instance: Math.max(logs.latest, 0), onLine, onEnd };
    logs.followers.add(follower);
    const owner = logs;
    return () => {
      owner.followers.delete(follower);
    };
  }

  currentInstance(namespace: string, pod: string, container: string): number {
    return this.containers.get(`${namespace}/${pod}/${container}`)?.latest ?? -1;
  }

  deletePod(namespace: string, pod: string): void {
    const prefix = `${namespace}/${pod}/`;
    for (const [key, logs] of this.containers) {
      if (!key.startsWith(prefix)) continue;
      this.containers.delete(key);
      for (const f of logs.followers) f.onEnd?.();
      logs.followers.clear();
    }
  }
}
