/**
 * The paste an on-call engineer would put in a ticket, made by the real `kubectl` against the
 * lab: `describe pod`, the crashed container's `logs --previous` (or its current logs when it
 * never restarted), and a scenario's extra commands. Each command is preceded by its
 * `$ kubectl …` line and followed by what kubectl printed, errors included, as pasted text is.
 */
import { execFile } from 'node:child_process';
import type { FailingPod } from './failure.js';

export interface KubectlRunner {
  kubectl: string;
  kubeconfig: string;
  /** A directory kubectl may use as HOME (its discovery cache). */
  home: string;
}

export function runKubectl(r: KubectlRunner, args: string[], timeoutMs = 20_000): Promise<string> {
  return new Promise((resolve) => {
    execFile(
      r.kubectl,
      args,
      {
        env: { KUBECONFIG: r.kubeconfig, HOME: r.home, PATH: '/usr/local/bin:/usr/bin:/bin' },
        timeout: timeoutMs,
        maxBuffer: 16 * 1024 * 1024,
      },
      (_err, stdout, stderr) => resolve(`${stdout}${stderr}`),
    );
  });
}

/** Split a command written as in a shell (`get cm x -o jsonpath='{.data}'`) into arguments. */
export function splitArgs(command: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  let has = false;
  for (const ch of command) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else cur += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else cur += ch;
  }
  if (has || cur) out.push(cur);
  return out;
}

export async function buildPaste(
  r: KubectlRunner,
  pod: FailingPod,
  extra: readonly string[] = [],
): Promise<string> {
  const commands: string[] = [`describe pod ${pod.name} -n ${pod.namespace}`];
  const c = pod.container;
  if (pod.hasPrevious) commands.push(`logs ${pod.name} -n ${pod.namespace} -c ${c} --previous`);
  else commands.push(`logs ${pod.name} -n ${pod.namespace} -c ${c}`);
  for (const e of extra) commands.push(e.replaceAll('{pod}', pod.name).replace(/^kubectl\s+/, ''));
  const parts: string[] = [];
  for (const cmd of commands) {
    const output = await runKubectl(r, splitArgs(cmd));
    parts.push(
      `$ kubectl ${cmd}\n${output.endsWith('\n') || output === '' ? output : `${output}\n`}`,
    );
  }
  return parts.join('\n');
}
