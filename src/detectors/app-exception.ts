/**
 * app-crash: the application itself fails — a panic, an unhandled exception, an abort or a
 * segfault — with the first stack frame in the application's own code as evidence (runtime and
 * library frames are skipped). A new revision in the rollout history makes "roll back" the first
 * fix.
 */
import type { CaseContext } from '../engine/context.js';
import type { EvidenceRef, Fix } from '../engine/report.js';
import type { ContainerLog, LogEntry } from '../evidence/types.js';
import { defineDetector } from './define.js';
import {
  citeMatch,
  matchesIn,
  nsFlag,
  terminality,
  workloadRef,
  type LogMatch,
} from './_shared.js';

type Messages = 'crash' | 'crashExplain' | 'signal' | 'signalExplain';

/** Frames that belong to runtimes and libraries, not to the application. */
const LIBRARY_FRAME =
  /(?:^|\s|\()(?:runtime\.|runtime\/|\/usr\/local\/go\/|\/usr\/lib\/go|net\/http\.|golang\.org\/|google\.golang\.org\/|github\.com\/(?:gin-gonic|labstack|gorilla|go-chi|sirupsen|spf13|redis|jackc|lib\/pq)\/|node:|internal\/|node_modules\/|\/site-packages\/|\/dist-packages\/|\/usr\/lib\/python|<frozen |java\.|javax\.|jdk\.|sun\.|org\.springframework\.|org\.apache\.|io\.netty\.|kotlin\.|scala\.|System\.|Microsoft\.|\/usr\/lib\/ruby|\/gems\/|vendor\/|\/rustc\/|std::|core::|tokio::)/;

export default defineDetector<Messages>({
  meta: {
    id: 'app-exception',
    title: 'The application crashes: panic, unhandled exception, abort or segfault',
    category: 'app-crash',
    severity: 'high',
    summary:
      "Panics and unhandled exceptions across runtimes, with the first frame in the application's own code; segfault (139) and abort (134) exits.",
    messages: {
      crash: '{{kind}} in the application: {{detail}}',
      crashExplain:
        'The process ends with {{kind}} "{{detail}}"{{frameNote}}. This is a bug in the application code path, not in Kubernetes or the configuration.{{rolloutNote}}',
      signal: 'The process was killed by {{signal}} (exit {{code}})',
      signalExplain:
        'Exit {{code}} is 128+{{num}} ({{signal}}): the process crashed in native code{{detail}}. The logs just before the exit, or a core dump, show where.',
    },
    requires: [],
  },
  detect(ctx) {
    const crashes = matchesIn(ctx, { category: 'app-crash' }).filter(
      (m) => m.crashed || !ctx.facts.crashLog,
    );
    const best = pickCrash(crashes);
    const rollout = newRevision(ctx);
    if (best) {
      const frame = appFrame(best.log, best.entry) ?? appFrameAfter(best);
      const kind = kindOf(best);
      const detail = (
        best.match.groups.detail && best.match.signature.id !== 'python-traceback-error'
          ? best.match.groups.detail
          : best.match.text.trim()
      ).slice(0, 160);
      const evidence: (EvidenceRef | undefined)[] = [
        citeMatch(ctx, best),
        frame?.fn ? ctx.cite.log(frame.log, frame.entry, frame.fn) : undefined,
        frame?.file ? ctx.cite.log(frame.log, frame.entry, frame.file) : undefined,
      ];
      const strength =
        best.match.signature.weight * 0.5 +
        terminality(best) * 0.3 +
        (frame ? 0.1 : 0) +
        (ctx.facts.exitCode !== undefined && ctx.facts.exitCode !== 0 ? 0.05 : 0);
      ctx.report({
        messageId: 'crash',
        explainId: 'crashExplain',
        subcategory: best.match.signature.subcategory ?? 'exception',
        data: {
          kind,
          detail,
          frameNote: frame
            ? ` in ${frame.fn ?? frame.file}${frame.file && frame.fn ? ` (${frame.file})` : ''}`
            : '',
          rolloutNote: rollout
            ? ` It started with revision ${rollout.revision}${rollout.cause ? ` (${rollout.cause})` : ''}.`
            : '',
        },
        confidence: Math.min(0.92, 0.3 + strength),
        evidence,
        fixes: fixes(ctx, rollout),
      });
      return;
    }
    const code = ctx.facts.exitCode;
    if (code === 139 || code === 134 || code === 136 || code === 132) {
      const names: Record<number, [string, number]> = {
        139: ['SIGSEGV', 11],
        134: ['SIGABRT', 6],
        136: ['SIGFPE', 8],
        132: ['SIGILL', 4],
      };
      const [signal, num] = names[code]!;
      ctx.report({
        messageId: 'signal',
        explainId: 'signalExplain',
        subcategory: code === 134 ? 'abort' : 'segfault',
        data: { signal, code, num, detail: '' },
        confidence: 0.6,
        evidence: [ctx.cite.pod(['Exit Code:', '"exitCode"', 'exitCode:'])],
        fixes: fixes(ctx, rollout),
        nextStep: {
          messageId: 'signal',
          data: { signal, code },
          command: `kubectl logs ${ctx.case.podName ?? 'POD'}${nsFlag(ctx)} --previous`,
        },
      });
    }
  },
});

function pickCrash(list: LogMatch[]): LogMatch | undefined {
  return [...list].sort(
    (a, b) =>
      b.match.signature.weight +
      terminality(b) * 0.5 -
      (a.match.signature.weight + terminality(a) * 0.5),
  )[0];
}

function kindOf(m: LogMatch): string {
  switch (m.match.signature.subcategory) {
    case 'panic':
      return 'a panic';
    case 'segfault':
      return 'a segmentation fault';
    case 'abort':
      return 'an abort';
    case 'migration':
      return 'a failed migration';
    case 'startup':
      return 'a start-up failure';
    case 'fatal':
      return 'a fatal runtime error';
    default:
      return 'an unhandled exception';
  }
}

interface Frame {
  fn?: string;
  file?: string;
  log: ContainerLog;
  entry: LogEntry;
}

/** First application frame inside the crash entry (Go, Java, .NET, Node, Python, Ruby). */
function appFrame(log: ContainerLog, entry: LogEntry): Frame | undefined {
  const lines = entry.text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line || LIBRARY_FRAME.test(line)) continue;
    // Go: `pkg.(*T).Method(...)` followed by `\t/path/file.go:118 +0x52`
    const goFn = /^([\w./-]+\.(?:\(\*?\w+\)\.)?\w+)\(/.exec(line);
    if (goFn) {
      const next = lines[i + 1]?.trim() ?? '';
      const file = /^(\/?[\w./-]+\.go:\d+)/.exec(next)?.[1];
      if (file && LIBRARY_FRAME.test(next)) continue;
      return {
        fn: goFn[1]!.replace(/^.*\//, ''),
        ...(file ? { file: file.replace(/^.*\//, '') } : {}),
        log,
        entry,
      };
    }
    const javaLike = /^at ([\w$.<>]+)\(?(?:([\w.]+:\d+)|[^)]*)\)?(?: in (\S+?):line (\d+))?/.exec(
      line,
    );
    if (javaLike) {
      return {
        fn: javaLike[1]!,
        ...(javaLike[2]
          ? { file: javaLike[2] }
          : javaLike[3]
            ? { file: `${javaLike[3].replace(/^.*[\\/]/, '')}:${javaLike[4]}` }
            : {}),
        log,
        entry,
      };
    }
    const node = /^at (?:(\S+) )?\(?([^()\s]+:\d+):\d+\)?$/.exec(line);
    if (node)
      return {
        ...(node[1] ? { fn: node[1] } : {}),
        file: node[2]!.replace(/^.*\//, ''),
        log,
        entry,
      };
    const py = /^File "([^"]+)", line (\d+), in (\S+)/.exec(line);
    if (py) {
      // Python prints the innermost frame last: keep looking for a later app frame.
      const later = lines
        .slice(i + 1)
        .map((l) => /^\s*File "([^"]+)", line (\d+), in (\S+)/.exec(l))
        .filter((m) => m && !LIBRARY_FRAME.test(m[0]));
      const last = later[later.length - 1] ?? py;
      return { fn: last[3]!, file: `${last[1]!.replace(/^.*\//, '')}:${last[2]}`, log, entry };
    }
  }
  return undefined;
}

/** Some logs print the trace as separate entries after the error line. */
function appFrameAfter(m: LogMatch): Frame | undefined {
  for (let i = m.position + 1; i < Math.min(m.log.entries.length, m.position + 30); i++) {
    const entry = m.log.entries[i]!;
    const f = appFrame(m.log, { ...entry, text: `\n${entry.text}` });
    if (f) return { ...f, entry };
  }
  return undefined;
}

function newRevision(
  ctx: CaseContext,
): { revision: number; cause?: string; previous: number } | undefined {
  const revs = [...(ctx.case.rollout?.object.revisions ?? [])].sort(
    (a, b) => a.revision - b.revision,
  );
  if (revs.length < 2) return undefined;
  const last = revs[revs.length - 1]!;
  return {
    revision: last.revision,
    ...(last.changeCause ? { cause: last.changeCause } : {}),
    previous: revs[revs.length - 2]!.revision,
  };
}

function fixes(
  ctx: CaseContext,
  rollout: { revision: number; cause?: string; previous: number } | undefined,
): Fix[] {
  const w = workloadRef(ctx);
  const ns = nsFlag(ctx);
  const out: Fix[] = [];
  if (rollout && w) {
    out.push({
      title: `Roll back to revision ${rollout.previous} now, then fix the code path and add a test for it`,
      commands: [
        `kubectl rollout undo ${w}${ns} --to-revision=${rollout.previous}`,
        `kubectl rollout status ${w}${ns} --timeout=120s`,
      ],
      risk: 'medium',
    });
  } else {
    out.push({
      title:
        'Fix the failing code path (the stack trace names it); if a recent deploy introduced it, roll back',
      commands: w ? [`kubectl rollout history ${w}${ns}`, `kubectl rollout undo ${w}${ns}`] : [],
      risk: 'medium',
    });
  }
  return out;
}
