/**
 * The process a container runs, as Kubernetes decides it: `command` replaces the image's
 * ENTRYPOINT (and drops its CMD), `args` replaces CMD, and `$(VAR)` references in either are
 * expanded from the container's environment (`$$` escapes; unknown references stay as written).
 */
import type { ImageConfig } from './images.js';

export function containerArgv(
  spec: { command?: string[]; args?: string[] },
  image: ImageConfig,
  env: Readonly<Record<string, string>>,
): string[] {
  const entrypoint = spec.command ?? image.entrypoint ?? [];
  const cmd = spec.command !== undefined ? (spec.args ?? []) : (spec.args ?? image.cmd ?? []);
  const expand = (s: string): string => expandVars(s, env);
  return [
    ...(spec.command ? entrypoint.map(expand) : entrypoint),
    ...(spec.args ? cmd.map(expand) : cmd),
  ];
}

/** Kubernetes `$(VAR)` expansion (k8s.io/kubernetes/third_party/forked/golang/expansion). */
export function expandVars(input: string, env: Readonly<Record<string, string>>): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (ch !== '$' || i + 1 >= input.length) {
      out += ch;
      continue;
    }
    const next = input[i + 1];
    if (next === '$') {
      out += '$';
      i++;
      continue;
    }
    if (next === '(') {
      const close = input.indexOf(')', i + 2);
      if (close < 0) {
        out += input.slice(i);
        break;
      }
      const name = input.slice(i + 2, close);
      const value = env[name];
      out += value !== undefined ? value : `$(${name})`;
      i = close;
      continue;
    }
    out += ch;
  }
  return out;
}
