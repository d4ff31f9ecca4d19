/**
 * exits-immediately: the main process finishes successfully (exit 0 / Completed) under
 * restartPolicy Always, so the kubelet restarts it forever. Usually run-to-completion work in a
 * Deployment (a one-shot command, `--once`), or a daemon that forks to the background and
 * leaves PID 1 to exit.
 */
import type { CaseContext } from '../engine/context.js';
import type { EvidenceRef, Fix } from '../engine/report.js';
import { defineDetector } from './define.js';
import { nsFlag, workloadRef } from './_shared.js';

type Messages =
  'oneShot' | 'oneShotExplain' | 'daemon' | 'daemonExplain' | 'completed' | 'completedExplain';

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
    },
    requires: ['status'],
  },
  detect(ctx) {
    const { facts } = ctx;
    const completed = facts.exitCode === 0 || facts.lastReason === 'Completed';
    if (!completed) return;
    const policy = ctx.case.pod?.object.spec?.restartPolicy ?? 'Always';
    if (policy !== 'Always' || ctx.case.init) return;
    if ((facts.restartCount ?? 0) === 0 && facts.waitingReason !== 'CrashLoopBackOff') return;
    const cmd = [...(ctx.case.spec?.command ?? []), ...(ctx.case.spec?.args ?? [])].join(' ');
    const kind = ctx.case.ownerRefs.at(-1)?.kind ?? 'Deployment';
    const run =
      facts.lastRunSeconds !== undefined
        ? `it ran for ${Math.round(facts.lastRunSeconds)}s`
        : 'exit code 0';
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
