/**
 * Measurement helpers for the benchmarks: run a command as a child process and record its wall
 * time and peak resident memory (VmHWM from /proc, polled while it runs), repeat a measurement
 * and summarise it as median and spread. Ratios against a baseline run in the same session are
 * what we report; absolute times on a shared 2-core machine are not comparable across runs.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface ProcessRun {
  ms: number;
  peakRssMb: number | undefined;
  status: number | null;
  stdout: string;
}

export function runProcess(
  command: string,
  args: string[],
  options: { input?: string; keepStdout?: boolean } = {},
): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let peak = 0;
    const poll = (): void => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]) / 1024);
      } catch {
        // the process has exited
      }
    };
    const timer = setInterval(poll, 5);
    const out: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => {
      if (options.keepStdout) out.push(c);
    });
    child.stderr.resume();
    child.on('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.on('exit', (status) => {
      clearInterval(timer);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      resolve({
        ms,
        peakRssMb: peak > 0 ? Math.round(peak) : undefined,
        status,
        stdout: Buffer.concat(out).toString('utf8'),
      });
    });
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
  });
}

export interface Stats {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return {
    median: round(median),
    min: round(sorted[0] ?? 0),
    max: round(sorted[sorted.length - 1] ?? 0),
    runs: values.length,
  };
}

export async function repeat<T>(times: number, fn: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < times; i++) out.push(await fn());
  return out;
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function machine(): {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  platform: string;
} {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}
