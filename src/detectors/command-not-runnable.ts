/**
 * bad-command: the container's command cannot be run. The runtime says so when it starts the
 * process (StartError / RunContainerError / CreateContainerError with the OCI message, exit
 * 128), or the process itself says so in its first lines: a wrapper shell cannot find a command
 * (127) or parse the line, the entrypoint is not executable (126), its interpreter is missing (a
 * CRLF shebang), or the interpreter cannot open the script it was given. The spec's
 * command/args tell which of these it is: a whole command line in one list item, args with no
 * command, a path that does not exist. A path hidden by a volume mount is left to
 * mount-hides-app-files (volume-mount), which supersedes this finding.
 */
import { escapeRegExp } from '../regexp.js';
import type { CaseContext } from '../engine/context.js';
import type { EvidenceRef, Fix } from '../engine/report.js';
import type { Extract } from '../signatures/index.js';
import { defineDetector, formatMessage } from './define.js';
import {
  citeMatch,
  citeStatus,
  containerIndex,
  containerPath,
  matchesIn,
  mountFor,
  nsFlag,
  shq,
  statusMatches,
  targetRef,
  terminality,
  volumeType,
  workloadRef,
  type LogMatch,
  type StatusMatch,
  specView,
  podSpecPath,
} from './_shared.js';

type Messages =
  | 'oneItem'
  | 'oneItemExplain'
  | 'argsOnly'
  | 'argsOnlyExplain'
  | 'notFound'
  | 'notFoundExplain'
  | 'notExecutable'
  | 'notExecutableExplain'
  | 'crlf'
  | 'crlfExplain'
  | 'interpreter'
  | 'interpreterExplain'
  | 'wrongPath'
  | 'wrongPathExplain'
  | 'syntax'
  | 'syntaxExplain'
  | 'shellNotFound'
  | 'shellNotFoundExplain'
  | 'underMount'
  | 'specNote'
  | 'exitNote'
  | 'neverStarted'
  | 'configMapMode'
  | 'inspect'
  | 'started';

type Kind =
  | 'one-item'
  | 'args-without-command'
  | 'not-found'
  | 'not-executable'
  | 'crlf'
  | 'interpreter-missing'
  | 'wrong-path'
  | 'shell-syntax'
  | 'shell-not-found';

/** One piece of evidence that the command cannot run, from the runtime or from the logs. */
interface Hit {
  kind: Kind;
  path?: string;
  detail?: string;
  /** True when the kubelet/runtime reported it (not the process's own output). */
  runtime: boolean;
  strength: number;
  cite: () => EvidenceRef | undefined;
}

const BY_SIGNATURE: Record<string, Kind> = {
  'exec-not-found': 'not-found',
  'shell-command-not-found': 'shell-not-found',
  'exec-no-such-file': 'interpreter-missing',
  'crlf-script': 'crlf',
  'script-not-found': 'wrong-path',
  'shell-syntax-error': 'shell-syntax',
  'exec-permission-denied': 'not-executable',
};

/** Kinds in the order one explains the others (a CRLF script also fails to parse). */
const PRIORITY: Kind[] = [
  'crlf',
  'one-item',
  'args-without-command',
  'not-found',
  'not-executable',
  'interpreter-missing',
  'wrong-path',
  'shell-syntax',
  'shell-not-found',
];

const MESSAGES: Record<Messages, string> = {
  oneItem:
    'The whole command line "{{path}}" is one list item, so the runtime looks for a program with that name',
  oneItemExplain:
    'The container command is written as a single string ({{field}}: ["{{path}}"]). Kubernetes does not split it: the runtime looks for an executable literally named "{{path}}" and fails with "executable file not found" before the app runs{{exitNote}}. Split it into one item per word.',
  argsOnly:
    'The container has args but no command, so the runtime tries to execute the first argument "{{path}}"',
  argsOnlyExplain:
    "args replace the image's CMD; when the image has no ENTRYPOINT, the first argument ({{path}}) becomes the program to run and is not found. Set command to the program (or put it first in args).",
  notFound: 'The command "{{path}}" does not exist in the image',
  notFoundExplain:
    'The runtime could not start the container: "{{path}}" is not in the image (or not on its $PATH){{specNote}}. Nothing of the app ran{{exitNote}}. Check the path in the image and fix the command, or the image build.',
  notExecutable: 'The entrypoint {{path}} exists but is not executable',
  notExecutableExplain:
    'Executing {{path}} fails with "permission denied": the file lacks the execute bit{{mountNote}}. The runtime or the wrapper shell reports it{{exitNote}}.',
  crlf: 'The entrypoint script has Windows (CRLF) line endings',
  crlfExplain:
    'The shell reads "\\r" at the end of each line ({{detail}}): the script was saved with CRLF line endings, so its #! interpreter or commands are not found. Convert it to LF and rebuild the image.',
  interpreter: 'The entrypoint {{path}} is there but its interpreter is missing',
  interpreterExplain:
    'Executing {{path}} fails with "no such file or directory" although the runtime found the file: the interpreter named in its #! line does not exist in the image. Usually the script has CRLF line endings ("#!/bin/sh\\r"), names an interpreter the image lacks (bash on Alpine), or is a binary linked against another libc.',
  wrongPath: 'The interpreter starts but cannot find {{path}}',
  wrongPathExplain:
    'The program named in the command runs, but the script or module it is told to load ({{path}}) is not at that path{{specNote}}: a wrong path or workingDir, or the file is not in the image.',
  syntax: 'The shell cannot parse the container command: {{detail}}',
  syntaxExplain:
    'The command runs through a shell that rejects it ({{detail}}){{specNote}}. Unbalanced quotes or parentheses, or bash-only syntax run by sh (dash/ash) are the usual causes.',
  shellNotFound: 'The shell cannot find the command "{{path}}" (exit {{code}})',
  shellNotFoundExplain:
    'A shell reports "{{path}}: not found"{{specNote}}: the program is not installed in the image or not on $PATH. Exit 127 is the shell saying so: that program never ran.',
  underMount:
    ' {{path}} is under {{mountPath}}, where volume {{volume}} ({{type}}) is mounted: the mount hides what the image has there.',
  specNote: ' (the container runs {{list}})',
  exitNote: ' (exit {{code}})',
  neverStarted: ' (the container is never created)',
  configMapMode:
    ' (it comes from ConfigMap volume {{volume}}, whose files are mode 0644 unless defaultMode says otherwise)',
  inspect: 'Look inside the image for the file the command names',
  started:
    'the command started: the process ran and wrote {{lines}} log line(s) before exiting with {{code}}',
};

export default defineDetector<Messages>({
  meta: {
    id: 'command-not-runnable',
    title: 'The container command cannot be run: not found, not executable or malformed',
    category: 'bad-command',
    severity: 'high',
    summary:
      'StartError/RunContainerError OCI messages and exit 126/127/128; shell "not found", syntax errors, CRLF scripts, missing scripts; checked against the spec command/args.',
    messages: MESSAGES,
  },
  detect(ctx) {
    const hits = collectHits(ctx);
    const spec = specView(ctx).container;
    const code = ctx.facts.exitCode;
    if (hits.length === 0) {
      const crashLog = ctx.facts.crashLog;
      const ran =
        crashLog &&
        crashLog.entries.length >= 3 &&
        matchesIn(ctx, { category: 'image-arch-mismatch' }).length === 0 &&
        code !== undefined &&
        code !== 126 &&
        code !== 127 &&
        code !== 128 &&
        ctx.facts.lastReason !== 'StartError' &&
        ctx.facts.lastReason !== 'ContainerCannotRun';
      if (ran) {
        ctx.ruleOut({
          category: 'bad-command',
          messageId: 'started',
          data: { lines: crashLog.entries.length, code },
          evidence: [ctx.cite.log(crashLog, crashLog.entries[0]!)],
        });
      }
      return;
    }
    const hit = [...hits].sort(
      (a, b) => PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind) || b.strength - a.strength,
    )[0]!;
    const command = spec?.command ?? [];
    const args = spec?.args ?? [];
    let kind = hit.kind;
    const path = hit.path;
    if (kind === 'not-found' && path) {
      if (/\s/.test(path.trim()) && (command[0] === path || args[0] === path)) kind = 'one-item';
      else if (path.startsWith('-') && command.length === 0 && args[0] === path)
        kind = 'args-without-command';
    }
    const specWord =
      path === undefined
        ? undefined
        : [...command, ...args].find(
            (w) =>
              w === path ||
              w.includes(path) ||
              (!w.startsWith('-') && w.includes('/') && path.endsWith(`/${w}`)),
          );
    const specLine = specWord
      ? specView(ctx).cite([
          new RegExp(`^\\s*(?:-\\s+)?"?${escapeRegExp(specWord)}"?,?\\s*$`),
          `"${specWord}"`,
        ])
      : undefined;
    const specConfirms = specWord !== undefined;
    const codeText = code !== undefined ? String(code) : hit.runtime ? '128' : 'non-zero';
    const mount = path?.startsWith('/') ? mountFor(ctx, path) : undefined;
    const mountType = volumeType(mount?.volume);
    const hidden =
      mount !== undefined &&
      (kind === 'wrong-path' || kind === 'not-found') &&
      mountType !== 'projected' &&
      !(mount.mount.mountPath ?? '').startsWith('/var/run/secrets');
    const codeAgrees =
      (kind === 'shell-not-found' && code === 127) ||
      (kind === 'not-executable' && (code === 126 || code === 128)) ||
      (hit.runtime && (code === 128 || ctx.facts.lastReason === 'StartError')) ||
      ((kind === 'interpreter-missing' || kind === 'crlf') && code !== undefined && code !== 0) ||
      (kind === 'wrong-path' && (code === 1 || code === 2)) ||
      (kind === 'shell-syntax' && code === 2);
    let confidence = Math.min(
      0.97,
      hit.strength + (codeAgrees ? 0.05 : 0) + (specConfirms ? 0.04 : 0),
    );
    if (hidden) confidence = Math.min(confidence, 0.45);
    const specNote =
      specConfirms || (kind === 'shell-syntax' && command.length + args.length > 0)
        ? formatMessage(MESSAGES.specNote, { list: formatList([...command, ...args]) })
        : '';
    const mountNote = hidden
      ? formatMessage(MESSAGES.underMount, {
          path: path ?? '',
          mountPath: mount.mount.mountPath ?? '',
          volume: mount.mount.name ?? '',
          type: mountType ?? 'volume',
        })
      : mount && mountType === 'configMap'
        ? formatMessage(MESSAGES.configMapMode, { volume: mount.mount.name ?? '' })
        : '';
    const data = {
      path: path ?? '',
      detail: hit.detail ?? '',
      code: codeText,
      exitNote:
        code !== undefined
          ? formatMessage(MESSAGES.exitNote, { code })
          : /^Create/.test(ctx.facts.waitingReason ?? '')
            ? MESSAGES.neverStarted
            : '',
      field: command[0] === path ? 'command' : 'args',
      specNote: `${specNote}${kind === 'wrong-path' || kind === 'not-found' ? mountNote : ''}`,
      mountNote: kind === 'not-executable' ? mountNote : '',
    };
    const ids = MESSAGE_BY_KIND[kind];
    const evidence: (EvidenceRef | undefined)[] = [
      hit.cite(),
      specLine,
      kind === 'shell-syntax' && args.length > 0
        ? specView(ctx).cite([/"args"\s*:/, /^\s*Args:/, /^\s*args:/])
        : undefined,
      ctx.cite.pod(['Exit Code:', '"exitCode"', 'exitCode:']),
      hidden || (kind === 'not-executable' && mount)
        ? specView(ctx).cite([
            `${mount?.mount.mountPath ?? ''} from`,
            `"mountPath": "${mount?.mount.mountPath ?? ''}"`,
            `mountPath: ${mount?.mount.mountPath ?? ''}`,
          ])
        : undefined,
    ];
    ctx.report({
      messageId: ids[0],
      explainId: ids[1],
      subcategory: kind,
      data,
      confidence,
      evidence,
      fixes: fixesFor(ctx, kind, path, mount?.volume?.name),
      supersedes: hidden
        ? ['app-crash', 'exits-immediately']
        : [
            'app-crash',
            'exits-immediately',
            'missing-config',
            'dependency-failure',
            'image-arch-mismatch',
          ],
      ...(confidence < 0.6 || kind === 'not-found' || kind === 'interpreter-missing'
        ? {
            nextStep: {
              messageId: 'inspect' as const,
              command: inspectCommand(ctx, path),
            },
          }
        : {}),
    });
  },
});

const MESSAGE_BY_KIND: Record<Kind, [Messages, Messages]> = {
  'one-item': ['oneItem', 'oneItemExplain'],
  'args-without-command': ['argsOnly', 'argsOnlyExplain'],
  'not-found': ['notFound', 'notFoundExplain'],
  'not-executable': ['notExecutable', 'notExecutableExplain'],
  crlf: ['crlf', 'crlfExplain'],
  'interpreter-missing': ['interpreter', 'interpreterExplain'],
  'wrong-path': ['wrongPath', 'wrongPathExplain'],
  'shell-syntax': ['syntax', 'syntaxExplain'],
  'shell-not-found': ['shellNotFound', 'shellNotFoundExplain'],
};

function collectHits(ctx: CaseContext): Hit[] {
  const hits: Hit[] = [];
  for (const m of statusMatches(ctx, { category: 'bad-command' })) {
    const kind = BY_SIGNATURE[m.signature.id];
    if (!kind) continue;
    hits.push({
      kind,
      ...pick(m.groups, m.text),
      runtime: true,
      strength: 0.88,
      cite: () => citeStatus(ctx, m.message, needleOf(m)),
    });
  }
  const logs = matchesIn(ctx, { category: 'bad-command' }).filter(
    (m) => m.crashed || !ctx.facts.crashLog,
  );
  for (const m of logs) {
    const kind = BY_SIGNATURE[m.match.signature.id];
    if (!kind) continue;
    hits.push({
      kind,
      ...pick(m.match.groups, m.match.text),
      runtime: false,
      strength: logStrength(m),
      cite: () => citeMatch(ctx, m),
    });
  }
  return hits;
}

function pick(
  groups: Partial<Record<Extract, string>>,
  line: string,
): { path?: string; detail?: string } {
  return {
    ...(groups.path ? { path: groups.path } : {}),
    detail: (groups.detail ?? line.trim()).slice(0, 120),
  };
}

function needleOf(m: StatusMatch): string | undefined {
  const p = m.groups.path;
  return p && !p.includes('"') ? p : undefined;
}

function logStrength(m: LogMatch): number {
  return m.match.signature.weight * 0.6 + terminality(m) * 0.3;
}

function formatList(items: string[]): string {
  return `[${items.map((i) => JSON.stringify(i)).join(', ')}]`;
}

/** Split a command line the way a POSIX shell would for simple quoting. */
function splitWords(line: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  return out;
}

function patch(ctx: CaseContext, ops: object[]): string {
  return `kubectl patch ${targetRef(ctx)}${nsFlag(ctx)} --type json -p ${shq(JSON.stringify(ops))}`;
}

function inspectCommand(ctx: CaseContext, path: string | undefined): string {
  const image = specView(ctx).container?.image ?? 'IMAGE';
  const probe = path && !path.startsWith('-') ? path.split(/\s+/)[0]! : '';
  const check = probe
    ? probe.startsWith('/')
      ? `ls -la ${probe.replace(/\/[^/]*$/, '') || '/'}; head -1 ${probe} | od -c | head -2`
      : `command -v ${probe}; echo $PATH`
    : 'pwd; ls -l; echo $PATH';
  return `kubectl run cmd-check${nsFlag(ctx)} --rm -it --restart=Never --image=${image} --command -- sh -c ${shq(check)}`;
}

function fixesFor(
  ctx: CaseContext,
  kind: Kind,
  path: string | undefined,
  volume: string | undefined,
): Fix[] {
  const spec = specView(ctx).container;
  const base = containerPath(ctx);
  const pod = ctx.case.podName ?? 'POD';
  const debug: Fix = {
    title: 'Open a shell in a copy of the pod (same image) to see what the image holds',
    commands: [
      `kubectl debug ${pod}${nsFlag(ctx)} -it --copy-to=${pod}-debug --container=${ctx.case.container || specView(ctx).container?.name || 'CONTAINER'} -- sh`,
      inspectCommand(ctx, path),
    ],
    risk: 'low',
  };
  switch (kind) {
    case 'one-item': {
      const field = spec?.command?.[0] === path ? 'command' : 'args';
      const words = splitWords(path ?? '');
      const rest =
        field === 'command' ? (spec?.command ?? []).slice(1) : (spec?.args ?? []).slice(1);
      return [
        {
          title: `Split the ${field} into one item per word: ${JSON.stringify([...words, ...rest])}`,
          commands: [
            patch(ctx, [{ op: 'replace', path: `${base}/${field}`, value: [...words, ...rest] }]),
          ],
          risk: 'low',
        },
      ];
    }
    case 'args-without-command':
      return [
        {
          title:
            'Name the program to run in command (args stay its arguments); find it in the image first',
          commands: [
            inspectCommand(ctx, undefined),
            patch(ctx, [{ op: 'add', path: `${base}/command`, value: ['<program>'] }]),
          ],
          risk: 'low',
        },
      ];
    case 'crlf':
    case 'interpreter-missing':
      return [
        {
          title:
            'Convert the script to LF line endings (and make sure its #! interpreter exists in the image), then rebuild',
          commands: [
            `sed -i 's/\\r$//' ${scriptName(path, spec?.command?.[0])}`,
            `printf '*.sh text eol=lf\\n' >> .gitattributes`,
          ],
          risk: 'low',
        },
        debug,
      ];
    case 'not-executable': {
      const fixes: Fix[] = [];
      const volumes = specView(ctx).pod?.volumes ?? [];
      const vi = volumes.findIndex((v) => v.name === volume && v.configMap);
      if (vi >= 0)
        fixes.push({
          title: `Make the files of ConfigMap volume ${volume} executable (defaultMode 0755)`,
          commands: [
            `kubectl patch ${targetRef(ctx)}${nsFlag(ctx)} --type json -p ${shq(JSON.stringify([{ op: 'add', path: `/spec/template/spec/volumes/${vi}/configMap/defaultMode`, value: 493 }]))}`,
          ],
          risk: 'low',
        });
      fixes.push({
        title: `Set the execute bit in the image (RUN chmod +x ${path ?? 'the entrypoint'}), or run it through its interpreter`,
        commands: [
          patch(ctx, [
            { op: 'replace', path: `${base}/command`, value: ['sh', path ?? '/entrypoint.sh'] },
          ]),
        ],
        risk: 'low',
      });
      return fixes;
    }
    case 'shell-syntax':
      return [
        {
          title:
            'Fix the quoting of the shell command (check it with sh -n), or run it with bash if it uses bash syntax',
          commands: [
            `kubectl get ${targetRef(ctx)}${nsFlag(ctx)} -o jsonpath='{${podSpecPath(ctx)}.${ctx.case.init ? 'initContainers' : 'containers'}[${containerIndex(ctx)}].args}'`,
          ],
          risk: 'low',
        },
      ];
    case 'wrong-path':
      return [
        {
          title: `Point the command/args at the script's real path in the image (relative paths start at the image's working directory), or restore ${path ?? 'the file'} in the image`,
          commands: [
            `kubectl get ${targetRef(ctx)}${nsFlag(ctx)} -o jsonpath='{${podSpecPath(ctx)}.${ctx.case.init ? 'initContainers' : 'containers'}[${containerIndex(ctx)}]}'`,
          ],
          risk: 'low',
        },
        debug,
        ...rollback(ctx),
      ];
    default:
      return [
        {
          title: path
            ? `Point the command at a program that exists in the image (not "${path}"), or install it in the image`
            : 'Point the command at a program that exists in the image',
          commands: [
            `kubectl get ${targetRef(ctx)}${nsFlag(ctx)} -o jsonpath='{${podSpecPath(ctx)}.${ctx.case.init ? 'initContainers' : 'containers'}[${containerIndex(ctx)}].command}'`,
          ],
          risk: 'low',
        },
        debug,
        ...rollback(ctx),
      ];
  }
}

/** A rollback when a workload is known: the last image or spec change is the usual culprit. */
function rollback(ctx: CaseContext): Fix[] {
  const w = workloadRef(ctx);
  if (!w || !ctx.case.rollout) return [];
  return [
    {
      title: 'If the previous revision ran, roll back while the command or image is fixed',
      commands: [`kubectl rollout undo ${w}${nsFlag(ctx)}`],
      risk: 'medium',
    },
  ];
}

/** The script to convert: the failing path unless it is the interpreter itself. */
function scriptName(path: string | undefined, command: string | undefined): string {
  const p =
    path && !/^\/(?:usr\/)?(?:local\/)?s?bin\/(?:ba|da|a|z)?sh$/.test(path) ? path : command;
  return p?.replace(/^.*\//, '') || 'entrypoint.sh';
}
