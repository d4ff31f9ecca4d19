/**
 * exits-immediately: the main process finishes successfully (exit 0 / Completed) under
 * restartPolicy Always, so the kubelet restarts it forever. Usually run-to-completion work in a
 * Deployment (a one-shot command, `--once`), or a daemon that forks to the background and
 * leaves PID 1 to exit.
 */
import { escapeRegExp } from '../regexp.js';
import type { CaseContext } from '../engine/context.js';
import type { EvidenceRef, Fix } from '../engine/report.js';
import { defineDetector } from './define.js';
import { citeMatch, matchesIn, nsFlag, specView, terminality, workloadRef } from './_shared.js';

type Messages =
  | 'oneShot'
  | 'oneShotExplain'
  | 'daemon'
  | 'daemonExplain'
  | 'completed'
  | 'completedExplain'
  | 'stdin'
  | 'stdinExplain'
  | 'bareImage'
  | 'bareImageExplain';

/**
 * Official images whose default command is a shell or an interactive interpreter: with no
 * command and no TTY they exit at once (`ubuntu` runs bash, `python` and `node` their REPL).
 */
const BARE_IMAGES = new Set([
  'ubuntu',
  'debian',
  'centos',
  'rockylinux',
  'almalinux',
  'fedora',
  'alpine',
  'busybox',
  'amazonlinux',
  'oraclelinux',
  'archlinux',
  'bash',
  'python',
  'pypy',
  'node',
  'ruby',
  'golang',
  'rust',
  'gcc',
  'openjdk',
  'eclipse-temurin',
  'amazoncorretto',
  'php',
  'perl',
  'erlang',
  'elixir',
  'julia',
  'r-base',
]);

const ONE_SHOT =
  /(?:^|\s)(?:--once|--one-shot|--oneshot|--run-once|--single-run|--exit|migrate|echo|true|printenv|env|date|ls|cat|sleep \d{1,3}(?:s)?)(?:\s|$|;|&)/;
const DAEMONIZE =
  /(?:^|\s)(?:-d|--daemon|--daemonize|-D|daemon on|--background|&\s*$|service \S+ start|systemctl start)(?:\s|$|;)/;

export default defineDetector<Messages>({
  meta: {
    id: 'exits-immediately',
    title: 'The main process completes and exits 0, so it is restarted forever',
    category: 'exits-immediately',
    severity: 'medium',
    summary:
      'Completed / exit 0 under restartPolicy Always: one-shot commands, run-to-completion work in a Deployment, daemons that fork.',
    messages: {
      oneShot:
        'The container runs a one-shot command ({{command}}) that finishes with exit 0, and the {{kind}} restarts it',
      oneShotExplain:
        'The process did its work and exited successfully ({{run}}). A {{kind}} expects a long-running process (restartPolicy Always), so every successful exit counts as a crash and backs off. This is a job: run it as a Job or CronJob, or make the process keep running.',
      daemon:
        'The entrypoint starts a daemon in the background ({{command}}) and exits, so the container stops',
      daemonExplain:
        'PID 1 launches the server in the background and returns with exit 0; the container ends with it. Run the server in the foreground (e.g. `daemon off;`, `-f`, `--foreground`, or `exec` it).',
      completed: 'The main process exits 0 (Completed) under restartPolicy Always',
      completedExplain:
        'The container keeps finishing successfully ({{run}}) and restartPolicy Always restarts it each time. Either it is run-to-completion work that belongs in a Job, or its command returns immediately (a wrapper script that does not `exec` the server, a daemon that forks).',
      stdin: 'The program waits for a key press to stop, and a pod has no stdin: it exits at once',
      stdinExplain:
        'The last thing the process prints is a prompt to press a key ("{{prompt}}"). In a pod stdin is closed, so the read returns immediately and the program ends cleanly ({{run}}); the {{kind}} restarts it forever. Block on a termination signal instead of reading stdin (or, as a stopgap, set stdin: true on the container).',
      bareImage:
        'The container runs the base image {{image}} with no command: its default shell or interpreter exits at once',
      bareImageExplain:
        'No command or args are set, so the container runs the default command of {{image}}: an interactive shell or REPL. Without a TTY it reads end-of-input and exits ({{run}}), and the {{kind}} restarts it in a loop. Set the command to the program this container should run (or build an image whose CMD starts it); for a debug pod, use a long-running command such as sleep infinity.',
    },
    requires: ['status'],
  },
  detect(ctx) {
    const { facts } = ctx;
    const completed = facts.exitCode === 0 || facts.lastReason === 'Completed';
    // A non-zero exit is a failure; with no exit code at all, a clean exit can still be inferred
    // from what the process printed (a key-press prompt) or what it runs (a bare base image).
    if (!completed && facts.exitCode !== undefined) return;
    const policy = ctx.case.pod?.object.spec?.restartPolicy ?? 'Always';
    if (policy !== 'Always' || ctx.case.init) return;
    if ((facts.restartCount ?? 0) === 0 && facts.waitingReason !== 'CrashLoopBackOff') return;
    const cmd = [...(ctx.case.spec?.command ?? []), ...(ctx.case.spec?.args ?? [])].join(' ');
    const kind = ctx.case.ownerRefs.at(-1)?.kind ?? 'Deployment';
    const run =
      facts.lastRunSeconds !== undefined
        ? `it ran for ${Math.round(facts.lastRunSeconds)}s`
        : completed
          ? 'exit code 0'
          : 'the exit code is not in the paste';
    const finished = finishedLog(ctx);
    const evidence: (EvidenceRef | undefined)[] = [
      ctx.cite.pod([
        'Reason:       Completed',
        /Reason:\s+Completed/,
        '"reason": "Completed"',
        'reason: Completed',
        /\s\d+\/\d+\s+Completed\s/, // a `kubectl get pods` row
      ]),
      ctx.cite.pod([/Exit Code:\s+0\b/, '"exitCode": 0', 'exitCode: 0']),
    ];
    const target = workloadRef(ctx) ?? `pod/${ctx.case.podName ?? 'POD'}`;
    const prompt = matchesIn(ctx, { ids: ['waits-for-stdin'] }).find(
      (m) => m.crashed && terminality(m) >= 0.8,
    );
    if (prompt) {
      ctx.report({
        messageId: 'stdin',
        explainId: 'stdinExplain',
        subcategory: 'waits-for-stdin',
        data: { prompt: prompt.match.text.trim().slice(0, 80), run, kind },
        confidence: completed ? 0.9 : 0.72,
        evidence: [citeMatch(ctx, prompt), ...evidence],
        fixes: [
          {
            title:
              'Keep the process alive until SIGTERM instead of waiting for a key press (stdin: true on the container is a stopgap)',
            commands: [`kubectl edit ${target}${nsFlag(ctx)}`],
            risk: 'low',
          },
        ],
      });
      return;
    }
    const bare = bareImage(ctx);
    if (bare) {
      ctx.report({
        messageId: 'bareImage',
        explainId: 'bareImageExplain',
        subcategory: 'no-command',
        data: { image: bare.image, run, kind },
        confidence: completed ? 0.92 : 0.62,
        evidence: [bare.ref, ...evidence],
        fixes: [
          {
            title:
              'Give the container the command it should run (or use an image whose CMD starts it)',
            commands: [`kubectl edit ${target}${nsFlag(ctx)}`],
            risk: 'low',
          },
        ],
      });
      return;
    }
    if (!completed) return;
    const oneShot = ONE_SHOT.exec(cmd);
    const daemon = DAEMONIZE.exec(cmd);
    const base =
      0.8 + (facts.waitingReason === 'CrashLoopBackOff' ? 0.05 : 0) + (finished ? 0.05 : 0);
    if (oneShot) {
      const token = oneShot[0].trim().replace(/[;&]$/, '');
      ctx.report({
        messageId: 'oneShot',
        explainId: 'oneShotExplain',
        subcategory: 'one-shot',
        data: { command: token, kind, run },
        confidence: base + 0.08,
        evidence: [...evidence, ctx.cite.pod([token]), finished],
        fixes: jobFixes(ctx),
      });
      return;
    }
    if (daemon) {
      ctx.report({
        messageId: 'daemon',
        explainId: 'daemonExplain',
        subcategory: 'daemonizes',
        data: { command: daemon[0].trim() },
        confidence: base,
        evidence: [...evidence, ctx.cite.pod([daemon[0].trim()])],
        fixes: [
          {
            title: 'Run the server in the foreground as PID 1',
            commands: [
              `kubectl edit ${workloadRef(ctx) ?? `pod/${ctx.case.podName ?? 'POD'}`}${nsFlag(ctx)}`,
            ],
            risk: 'low',
          },
        ],
      });
      return;
    }
    ctx.report({
      messageId: 'completed',
      explainId: 'completedExplain',
      subcategory: 'completes',
      data: { run },
      confidence: base - 0.05,
      evidence: [...evidence, finished],
      fixes: jobFixes(ctx),
    });
  },
});

/**
 * An official base image run with no command and no args, quoted from the spec (the pod's or its
 * workload's template). `php:8-apache` and `php:fpm` start servers, so those variants are not bare.
 */
function bareImage(ctx: CaseContext): { image: string; ref: EvidenceRef | undefined } | undefined {
  const view = specView(ctx);
  const c = view.container;
  if (!c?.image || (c.command?.length ?? 0) > 0 || (c.args?.length ?? 0) > 0) return undefined;
  const m =
    /^(?:(?:[\w.-]+(?::\d+)?\/)?library\/)?([a-z0-9][a-z0-9._-]*)(?::([\w.-]+))?(?:@sha256:[a-f0-9]+)?$/.exec(
      c.image,
    );
  if (!m?.[1] || !BARE_IMAGES.has(m[1])) return undefined;
  if (/apache|fpm|nginx|server/i.test(m[2] ?? '')) return undefined;
  const image = escapeRegExp(c.image);
  return {
    image: c.image,
    ref: view.cite([new RegExp(`^\\s*(?:-\\s*)?"?[Ii]mage"?:\\s*"?${image}"?,?\\s*$`), c.image]),
  };
}

/** A last log line saying the work is done. */
function finishedLog(ctx: CaseContext): EvidenceRef | undefined {
  const entries = ctx.facts.crashLog?.entries ?? [];
  for (let i = entries.length - 1; i >= Math.max(0, entries.length - 5); i--) {
    const e = entries[i]!;
    if (
      /\b(finished|done|completed?|exported|exiting|nothing to do|success(fully)?)\b/i.test(
        e.message,
      )
    )
      return ctx.cite.log(ctx.facts.crashLog!, e);
  }
  return undefined;
}

function jobFixes(ctx: CaseContext): Fix[] {
  const w = workloadRef(ctx);
  const name = ctx.case.ownerRefs.at(-1)?.name ?? ctx.case.podName ?? 'task';
  const image = ctx.case.spec?.image ?? ctx.case.status?.image ?? 'IMAGE';
  const ns = nsFlag(ctx);
  const fixes: Fix[] = [
    {
      title: 'Run the task as a CronJob (or a Job) instead of a long-running workload',
      commands: [
        `kubectl create cronjob ${name}${ns} --image=${image} --schedule='0 * * * *' -- <command>`,
        ...(w ? [`kubectl scale ${w}${ns} --replicas=0`] : []),
      ],
      risk: 'medium',
    },
  ];
  return fixes;
}
