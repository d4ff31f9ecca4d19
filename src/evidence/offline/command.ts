/**
 * Reads the `kubectl ...` command a paste shows above an output (`$ kubectl logs x -n auth
 * --previous`), because the command says what the output is and which object it belongs to:
 * a log block is only attributable to a pod through its command.
 */
import type { KubectlCommand } from './block.js';

const RESOURCE_ALIASES: Record<string, string> = {
  po: 'pods',
  pod: 'pods',
  pods: 'pods',
  deploy: 'deployments',
  deployment: 'deployments',
  deployments: 'deployments',
  'deployment.apps': 'deployments',
  'deployments.apps': 'deployments',
  rs: 'replicasets',
  replicaset: 'replicasets',
  replicasets: 'replicasets',
  sts: 'statefulsets',
  statefulset: 'statefulsets',
  statefulsets: 'statefulsets',
  ds: 'daemonsets',
  daemonset: 'daemonsets',
  daemonsets: 'daemonsets',
  job: 'jobs',
  jobs: 'jobs',
  cj: 'cronjobs',
  cronjob: 'cronjobs',
  cronjobs: 'cronjobs',
  svc: 'services',
  service: 'services',
  services: 'services',
  ep: 'endpoints',
  endpoint: 'endpoints',
  endpoints: 'endpoints',
  endpointslice: 'endpointslices',
  endpointslices: 'endpointslices',
  cm: 'configmaps',
  configmap: 'configmaps',
  configmaps: 'configmaps',
  secret: 'secrets',
  secrets: 'secrets',
  ev: 'events',
  event: 'events',
  events: 'events',
  no: 'nodes',
  node: 'nodes',
  nodes: 'nodes',
  ns: 'namespaces',
  namespace: 'namespaces',
  namespaces: 'namespaces',
  pvc: 'persistentvolumeclaims',
  persistentvolumeclaim: 'persistentvolumeclaims',
  persistentvolumeclaims: 'persistentvolumeclaims',
  pv: 'persistentvolumes',
  persistentvolume: 'persistentvolumes',
  persistentvolumes: 'persistentvolumes',
};

/** Normalize a resource type as typed (`deploy`, `pod`, `deployment.apps`) to its plural. */
export function normalizeResource(word: string): string {
  const w = word.toLowerCase();
  return RESOURCE_ALIASES[w] ?? RESOURCE_ALIASES[w.split('.')[0] ?? ''] ?? w;
}

/** Split a shell command line into words, honouring quotes; stops at an unquoted `|`. */
export function shellWords(text: string): { words: string[]; pipe?: string } {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < text.length) current += text[++i];
      else current += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '|') {
      if (inWord) words.push(current);
      return { words, pipe: text.slice(i + 1).trim() };
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else if (ch === '\\' && i + 1 < text.length) {
      current += text[++i];
      inWord = true;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return { words };
}

/** Flags that take a value as the next word when not written `--flag=value`. */
const VALUE_FLAGS = new Set([
  '-n',
  '--namespace',
  '-c',
  '--container',
  '-o',
  '--output',
  '-l',
  '--selector',
  '--context',
  '--tail',
  '--since',
  '--since-time',
  '--field-selector',
  '--sort-by',
  '--kubeconfig',
  '--revision',
  '--to-revision',
  '--cluster',
  '--user',
  '-f',
  '--filename',
  '--limit-bytes',
  '--template',
  '--type',
  '--patch',
]);

/**
 * A prompt (any of: `$ `, `user@host:~$ `, macOS `host:dir user$ `, zsh `➜  repo git:(main) ✗ `,
 * `PS C:\> `, `(venv) $ `), then kubectl under any of its names, then its arguments.
 */
const PROMPT =
  /^\s*(?:\([^)]{0,40}\)\s*)?(?:(?:[^\s$#%❯➜>]{1,80}\s+){0,3}[^\s$#%❯➜>]{0,80}\s*[$#%❯>]\s*|➜\s+(?:\S{1,80}\s+){0,3}|PS [^>]{0,200}>\s*)?(?:sudo\s+)?(kubectl|kubecolor|oc|k|microk8s[.\s]kubectl|k3s\s+kubectl|minikube\s+kubectl\s+--)(?:\.exe)?\s+(.*)$/;

/** Markdown around a command line: `**$ kubectl get pods**`, `` `kubectl logs x` ``. */
function unwrap(line: string): string {
  const caption = captionCommand(line);
  if (caption !== undefined) return caption;
  return line.replace(/^(\s*)(?:\*\*|`{1,3})\s*/, '$1').replace(/\s*(?:\*\*|`{1,3})\s*$/, '');
}

/** Words a caption may put before the command: `Output of`, `Here are the logs from`, `Running`. */
const CAPTION_BEFORE =
  /^(?:(?:here(?:'s| is| are)|this is|below is|and|the|full|complete|relevant|last|(?:my|our) )\s*){0,3}(?:(?:output|result|results|logs?)\s+(?:of|from)|running|ran|after|from|via|with)$/i;
/** Words a caption may put after it: `` `kubectl logs x` output: ``, `` `kubectl get pods` shows ``. */
const CAPTION_AFTER =
  /^(?:(?:output|result|results|logs?|gives|gave|shows|showed|returns|returned|prints|says)\b(?:\s+(?:is|are|was|were|this|these))?)?\s*(?:\([^()]{0,40}\))?$/i;

/**
 * A caption line quoting a command before its output: `` `kubectl logs web-1` output: ``,
 * `` **Output of `kubectl describe pod x -n y`:** ``, `Output of kubectl logs web-1:`. Returns the
 * command text, or undefined when the line is not such a caption (prose that merely mentions a
 * command, such as "I ran `kubectl get pods` and saw nothing.", is not one).
 */
function captionCommand(raw: string): string | undefined {
  const line = raw
    .trim()
    .replace(/^#{1,6}\s+/, '')
    .replace(/^\*\*\s*|\s*\*\*$/g, '');
  if (line.length > 300) return undefined;
  const colon = /:\s*$/.test(line);
  const text = line.replace(/\s*:\s*$/, '');
  // The command in backticks, with at most caption words around it.
  const quoted = /^([^`]{0,60}?)\s*(`{1,3})\s*([^`]+?)\s*\2\s*([^`]{0,40})$/.exec(text);
  if (quoted) {
    const [, before = '', , command = '', after = ''] = quoted;
    if (before === '' && after === '') return undefined; // a bare `` `kubectl ...` ``: unwrap handles it
    if (!/^(?:kubectl|kubecolor|oc|k|microk8s|k3s|minikube)[.\s]/.test(command)) return undefined;
    const okBefore = before.trim() === '' || CAPTION_BEFORE.test(before.trim());
    const okAfter = CAPTION_AFTER.test(after.trim());
    // A caption ends with a colon or says what it shows (`Output of ...`, `... logs`).
    if (okBefore && okAfter && (colon || /output|result|logs?/i.test(before + after)))
      return command;
    return undefined;
  }
  // No backticks: only the explicit `Output of kubectl ...:` form.
  const plain =
    /^(?:(?:here(?:'s| is| are)|this is|below is|the|full|complete|relevant)\s+){0,3}(?:output|result|results|logs?)\s+(?:of|from)\s+((?:kubectl|kubecolor|oc)\s.+)$/i.exec(
      text,
    );
  return plain && colon ? plain[1] : undefined;
}

/** Is this line a shell prompt running kubectl (or a bare `kubectl ...` line)? */
/** Cheap test first: most lines of a paste are output, and name no kubectl at all. */
const MAY_BE_COMMAND = /kubectl|kubecolor|(?:^|[\s$#%>➜`*])(?:oc|k)\s/;

export function isCommandLine(raw: string): boolean {
  if (!MAY_BE_COMMAND.test(raw)) return false;
  const line = unwrap(raw);
  const m = PROMPT.exec(line);
  if (!m) return false;
  const [, tool, rest] = m;
  // A bare `k ...`/`oc ...` needs a prompt character before it to count; `kubectl ...` does not.
  const hasPrompt = !/^\s*(kubectl|kubecolor|oc|k)\b/.test(line);
  if (!hasPrompt && (tool === 'k' || tool === 'oc')) return false;
  const verb = firstVerb((rest ?? '').trim().split(/\s+/));
  return /^(get|describe|logs|log|rollout|top|events|explain|exec|apply|patch|set|edit|delete|debug|auth|version|config|run|create|scale|annotate|label|cluster-info)$/.test(
    verb,
  );
}

/** The first word that is not a global flag (`kubectl -n ns --context x get pods`). */
function firstVerb(words: string[]): string {
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (!w.startsWith('-')) return w;
    if (!w.includes('=') && w !== '-f' && (VALUE_FLAGS.has(w) || /^-[nc]$/.test(w))) i++;
  }
  return '';
}

/** Parse `kubectl ...` (with or without a prompt prefix). Returns undefined for other lines. */
export function parseCommand(raw: string): KubectlCommand | undefined {
  if (!isCommandLine(raw)) return undefined;
  const line = unwrap(raw);
  const m = PROMPT.exec(line);
  const rest = m?.[2] ?? '';
  const { words, pipe } = shellWords(rest);
  const cmd: KubectlCommand = {
    text: line.trim().replace(/^.*?(?=\b(kubectl|kubecolor|oc|k|microk8s|k3s|minikube)[.\s])/, ''),
    names: [],
    flags: {},
  };
  if (pipe) cmd.pipe = pipe;
  const positional: string[] = [];
  const firstWord = words.find((w) => !w.startsWith('-'));
  // `-p` is --patch for patch but --previous for logs; `-f` is --filename but --follow for logs.
  const takesValue = (flag: string): boolean =>
    (VALUE_FLAGS.has(flag) && !(flag === '-f' && (firstWord === 'logs' || firstWord === 'log'))) ||
    (flag === '-p' && firstWord === 'patch');
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (w.startsWith('-') && w.length > 1) {
      const eq = w.indexOf('=');
      let name = eq > 0 ? w.slice(0, eq) : w;
      let value: string | true = eq > 0 ? w.slice(eq + 1) : true;
      if (eq < 0 && takesValue(name) && i + 1 < words.length) value = words[++i] as string;
      // `-nauth` short form
      if (/^-[nco][^-=]/.test(name) && eq < 0 && value === true) {
        value = name.slice(2);
        name = name.slice(0, 2);
      }
      applyFlag(cmd, name, value);
    } else {
      positional.push(w);
    }
  }
  const verb = positional[0] === 'log' ? 'logs' : positional[0];
  if (verb) cmd.verb = verb;
  let args = positional.slice(1);
  if (
    cmd.verb === 'rollout' ||
    cmd.verb === 'auth' ||
    cmd.verb === 'config' ||
    cmd.verb === 'set'
  ) {
    if (args[0]) cmd.subverb = args[0];
    args = args.slice(1);
  }
  if (cmd.verb === 'logs') {
    for (const a of args) {
      if (a.includes('/')) {
        const [type, name] = a.split('/', 2);
        cmd.resource = normalizeResource(type ?? '');
        if (name) cmd.names.push(name);
      } else if (cmd.names.length === 0) {
        cmd.resource = 'pods';
        cmd.names.push(a);
      } else if (!cmd.container) {
        cmd.container = a;
      }
    }
    return cmd;
  }
  for (const a of args) {
    if (a.includes('/')) {
      const [type, name] = a.split('/', 2);
      cmd.resource ??= normalizeResource(type ?? '');
      if (name) cmd.names.push(name);
    } else if (!cmd.resource && !a.includes(',')) {
      cmd.resource = normalizeResource(a);
    } else if (!cmd.resource) {
      cmd.resource = a.split(',').map(normalizeResource).join(',');
    } else {
      cmd.names.push(a);
    }
  }
  return cmd;
}

function applyFlag(cmd: KubectlCommand, name: string, value: string | true): void {
  switch (name) {
    case '-n':
    case '--namespace':
      if (typeof value === 'string') cmd.namespace = value;
      return;
    case '-A':
    case '--all-namespaces':
      cmd.allNamespaces = true;
      return;
    case '-c':
    case '--container':
      if (typeof value === 'string') cmd.container = value;
      return;
    case '-p':
    case '--previous':
      // `kubectl patch -p '{...}'` takes a value; `kubectl logs -p` is a boolean.
      if (value === true || value === 'true') cmd.previous = true;
      else cmd.flags[name] = value;
      return;
    case '-o':
    case '--output':
      if (typeof value === 'string') cmd.output = value;
      return;
    default:
      cmd.flags[name.replace(/^-+/, '')] = value;
  }
}
