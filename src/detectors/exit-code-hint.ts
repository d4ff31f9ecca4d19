/**
 * The last resort when no log or event explains a failure: what the exit code and the kubelet's
 * reason alone say, with low confidence and the one command that would tell more. It never
 * claims more than the code means (127: command not found; 126: not executable; 128/StartError:
 * the runtime could not start it; 1: the app reported an error), so a better-evidenced detector
 * always outranks it.
 */
import type { Category } from '../engine/report.js';
import { defineDetector } from './define.js';
import { describeCommand, logsCommand } from './_shared.js';

type Messages = 'code' | 'codeExplain' | 'unknown' | 'unknownExplain' | 'readLogs' | 'describe';

const BY_CODE: Record<number, { category: Category; meaning: string }> = {
  1: { category: 'app-crash', meaning: 'the application reported an error and exited' },
  2: {
    category: 'bad-command',
    meaning: 'misuse of a shell builtin or a command-line usage error',
  },
  126: { category: 'bad-command', meaning: 'the command was found but is not executable' },
  127: { category: 'bad-command', meaning: 'the command was not found' },
  128: { category: 'bad-command', meaning: 'the runtime could not start the process' },
  134: { category: 'app-crash', meaning: 'the process aborted (SIGABRT)' },
  137: {
    category: 'oom-killed',
    meaning: 'the process was killed (SIGKILL), most often for memory',
  },
  139: {
    category: 'app-crash',
    meaning: 'the process crashed with a segmentation fault (SIGSEGV)',
  },
  143: { category: 'app-crash', meaning: 'the process was asked to stop (SIGTERM)' },
  255: { category: 'app-crash', meaning: 'the process exited with an unspecified error (-1)' },
};

export default defineDetector<Messages>({
  meta: {
    id: 'exit-code-hint',
    title: 'What the exit code alone says',
    category: 'app-crash',
    severity: 'low',
    summary:
      'Low-confidence reading of the exit code and kubelet reason when no other evidence explains the failure; names the command that would.',
    messages: {
      code: 'Exit code {{code}}: {{meaning}}',
      codeExplain:
        "Nothing in the paste says why; exit code {{code}} usually means {{meaning}}. The crashed instance's logs will tell.",
      unknown: 'The container keeps failing ({{state}}), and the paste does not say why',
      unknownExplain: 'There is no exit code, log or event here that explains the failure.',
      readLogs: "The crashed instance's logs say why it exits",
      describe: 'The pod status and events show the exit code and the kubelet messages',
    },
  },
  detect(ctx) {
    const code = ctx.facts.exitCode;
    const failing =
      ctx.case.failure === 'crash-loop' ||
      ctx.case.failure === 'terminated' ||
      ctx.case.failure === 'logs-only';
    if (!failing) return;
    const hasLogs = ctx.facts.logEntries.length > 0;
    const next =
      hasLogs || !ctx.case.podName
        ? { messageId: 'describe' as const, command: describeCommand(ctx) }
        : { messageId: 'readLogs' as const, command: logsCommand(ctx) };
    if (code !== undefined && code !== 0) {
      const known =
        BY_CODE[code] ??
        (code > 128
          ? {
              category: 'app-crash' as Category,
              meaning: `the process was killed by signal ${code - 128}`,
            }
          : { category: 'app-crash' as Category, meaning: 'the application exited with an error' });
      ctx.report({
        messageId: 'code',
        explainId: 'codeExplain',
        category: known.category,
        subcategory: `exit-${code}`,
        data: { code, meaning: known.meaning },
        confidence: 0.2,
        evidence: [ctx.cite.pod(['Exit Code:', '"exitCode"', 'exitCode:'])],
        nextStep: next,
      });
      return;
    }
    if (ctx.case.failure === 'crash-loop' && code === undefined) {
      ctx.report({
        messageId: 'unknown',
        explainId: 'unknownExplain',
        data: {
          state:
            ctx.facts.waitingReason ??
            ctx.case.pod?.object.metadata.annotations?.['crashlens.dev/printed-status'] ??
            'restarting',
        },
        confidence: 0.1,
        evidence: [ctx.cite.pod(['CrashLoopBackOff', 'Error', ctx.case.podName ?? '\u0000'])],
        nextStep: next,
      });
    }
  },
});
