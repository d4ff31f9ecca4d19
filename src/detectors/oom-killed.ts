/**
 * oom-killed: the container was killed for exceeding its memory limit (OOMKilled, or 137 with a
 * limit and no probe kill), or the node's OOM killer took it. Tells the cgroup kill apart from
 * the runtime running out of its own heap, and checks runtime heap flags (-Xmx,
 * --max-old-space-size) against the limit: a heap allowed to grow past the limit is why the
 * limit is hit.
 */
import { formatBytes } from '../engine/context.js';
import type { CaseContext } from '../engine/context.js';
import type { EvidenceRef, Fix } from '../engine/report.js';
import { defineDetector } from './define.js';
import { citeMatch, eventsWhere, matchesIn, nsFlag, shq, targetRef } from './_shared.js';

type Messages =
  | 'oomKilled'
  | 'oomKilledExplain'
  | 'heapOverLimit'
  | 'heapOverLimitExplain'
  | 'runtimeHeap'
  | 'runtimeHeapExplain'
  | 'nodeOom'
  | 'nodeOomExplain'
  | 'probablyOom'
  | 'probablyOomExplain'
  | 'notOom';

/** A runtime memory ceiling found in env or args: `-Xmx1g`, `--max-old-space-size=4096`. */
interface HeapSetting {
  flag: string;
  bytes: number;
  where: string;
}

export default defineDetector<Messages>({
  meta: {
    id: 'oom-killed',
    title: 'Container killed for exceeding its memory limit',
    category: 'oom-killed',
    severity: 'high',
    summary:
      'OOMKilled / exit 137 with a memory limit, node OOM kills, and runtime heap settings larger than the limit.',
    messages: {
      oomKilled:
        'Container {{container}} was OOMKilled: it used more than its {{limit}} memory limit',
      oomKilledExplain:
        'The kernel killed the process when the container reached its memory limit ({{limit}}); the runtime reported OOMKilled with exit code 137. Whatever the app logged last is where it was when it was killed, not the cause.',
      heapOverLimit:
        'The {{runtime}} heap may grow to {{heap}} ({{flag}}) but the container limit is {{limit}}',
      heapOverLimitExplain:
        'The container is OOMKilled because the runtime is allowed a heap ({{flag}} = {{heap}}) larger than the memory limit ({{limit}}). The heap grows until the kernel kills the container at the limit, long before the runtime would collect garbage or throw its own out-of-memory error.',
      runtimeHeap: 'The {{runtime}} runtime ran out of heap memory ({{detail}})',
      runtimeHeapExplain:
        "The process exhausted its own heap ceiling and aborted; this is the runtime's limit, not the container's. Raise the heap setting (and the container limit with it) or fix the memory growth.",
      nodeOom: 'The node ran out of memory and the kernel OOM killer killed the process',
      nodeOomExplain:
        'The node itself was out of memory ({{detail}}). Pods without memory requests/limits are the first victims; set requests to real usage.',
      probablyOom:
        'Exit code 137 (SIGKILL) with a {{limit}} memory limit and no probe kill: probably an OOM kill',
      probablyOomExplain:
        'The container was SIGKILLed. With no liveness-probe kill or deletion in the events, the memory limit is the usual reason; the runtime did not report OOMKilled (cgroup v1 or a child process was the victim).',
      notOom: 'no OOM kill: the last exit was {{code}} ({{reason}})',
    },
    requires: [],
  },
  detect(ctx) {
    const { facts } = ctx;
    const limit = facts.memoryLimitBytes;
    const limitText = limit !== undefined ? formatBytes(limit) : 'unknown';
    const heap = heapSetting(ctx);
    const oomReason = facts.lastReason === 'OOMKilled';
    const nodeOom = eventsWhere(ctx, /^(SystemOOM|OOMKilling)$/);
    const nodeEvents = ctx.index
      .nodeEvents()
      .filter((e) => /^(SystemOOM|OOMKilling)$/.test(e.object.reason ?? ''));
    const runtimeOom = matchesIn(ctx, { category: 'oom-killed' }).filter(
      (m) => m.match.signature.id !== 'kernel-oom-kill',
    );
    const kernelOom = matchesIn(ctx, { ids: ['kernel-oom-kill'] });
    const probeKill = eventsWhere(ctx, 'Killing', /failed (liveness|startup) probe/).length > 0;
    const evidence = (): (EvidenceRef | undefined)[] => [
      ctx.cite.pod(['OOMKilled']),
      ctx.cite.pod(['Exit Code:', '"exitCode"', 'exitCode:']),
      heap ? ctx.cite.pod([heap.flag]) : undefined,
      limit !== undefined
        ? ctx.cite.line(
            ctx.case.pod?.origin ?? { source: 0, from: 1, to: 0 },
            [/memory:\s+\S+/, /"memory":\s*"/],
            { after: /Limits:|"limits"|limits:/, label: `pod/${ctx.case.podName ?? ''}` },
          )
        : undefined,
    ];

    if (oomReason || (kernelOom.length > 0 && facts.exitCode === 137)) {
      const overLimit = heap && limit !== undefined && heap.bytes >= limit * 0.9;
      const data = {
        container: ctx.case.container || 'the container',
        limit: limitText,
        runtime: runtimeName(heap?.flag),
        heap: heap ? formatBytes(heap.bytes) : '',
        flag: heap?.flag ?? '',
      };
      ctx.report({
        messageId: overLimit ? 'heapOverLimit' : 'oomKilled',
        explainId: overLimit ? 'heapOverLimitExplain' : 'oomKilledExplain',
        subcategory: overLimit
          ? `${runtimeName(heap?.flag).toLowerCase()}-heap-over-limit`
          : 'memory-limit',
        data,
        confidence: 0.9 + (overLimit ? 0.05 : 0) + (kernelOom.length ? 0.03 : 0),
        evidence: [...evidence(), ...kernelOom.slice(0, 1).map((m) => citeMatch(ctx, m))],
        fixes: oomFixes(ctx, limit, heap, Boolean(overLimit)),
        supersedes: [
          'app-crash',
          'dependency-failure',
          'liveness-probe',
          'exits-immediately',
          'cpu-starvation',
        ],
      });
      return;
    }
    if (runtimeOom.length > 0) {
      const m = runtimeOom[runtimeOom.length - 1]!;
      ctx.report({
        messageId: 'runtimeHeap',
        explainId: 'runtimeHeapExplain',
        subcategory: m.match.signature.subcategory ?? 'runtime-heap',
        data: {
          runtime: m.match.signature.runtime,
          detail: m.match.groups.detail ?? m.match.text.trim().slice(0, 80),
        },
        confidence: 0.85,
        evidence: [citeMatch(ctx, m), heap ? ctx.cite.pod([heap.flag]) : undefined],
        fixes: oomFixes(ctx, limit, heap, false),
        supersedes: ['app-crash'],
      });
      return;
    }
    if (nodeOom.length > 0 || (nodeEvents.length > 0 && facts.exitCode === 137)) {
      const ev = nodeOom[0] ?? nodeEvents[0]!;
      ctx.report({
        messageId: 'nodeOom',
        explainId: 'nodeOomExplain',
        subcategory: 'node-oom',
        data: { detail: ev.object.message ?? '' },
        confidence: 0.75,
        evidence: [ctx.cite.event(ev), ctx.cite.pod(['Exit Code:', '"exitCode"'])],
        fixes: nodeOomFixes(ctx),
      });
      return;
    }
    if (
      facts.exitCode === 137 &&
      limit !== undefined &&
      !probeKill &&
      facts.lastReason !== 'ContainerStatusUnknown'
    ) {
      const deleted = eventsWhere(ctx, 'Killing', /Stopping container/).length > 0;
      if (!deleted) {
        ctx.report({
          messageId: 'probablyOom',
          explainId: 'probablyOomExplain',
          subcategory: 'sigkill',
          data: { limit: limitText },
          confidence: 0.55,
          evidence: evidence(),
          fixes: oomFixes(ctx, limit, heap, false),
          nextStep: {
            messageId: 'probablyOom',
            data: { limit: limitText },
            command: `kubectl get events${nsFlag(ctx)} --field-selector involvedObject.name=${ctx.case.podName ?? 'POD'}`,
          },
        });
        return;
      }
    }
    if (facts.exitCode !== undefined && facts.exitCode !== 137 && facts.lastReason) {
      ctx.ruleOut({
        category: 'oom-killed',
        messageId: 'notOom',
        data: { code: facts.exitCode, reason: facts.lastReason },
        evidence: [ctx.cite.pod(['Exit Code:', '"exitCode"'])],
      });
    }
  },
});

function runtimeName(flag: string | undefined): string {
  if (!flag) return 'runtime';
  if (/max-old-space-size/.test(flag)) return 'Node.js';
  if (/GOMEMLIMIT/.test(flag)) return 'Go';
  return 'JVM';
}

/** Read `-Xmx`, `-XX:MaxRAMPercentage` (not a size), `--max-old-space-size` from env and args. */
function heapSetting(ctx: CaseContext): HeapSetting | undefined {
  const sources: [string, string][] = [];
  for (const [name, src] of ctx.facts.env) if (src.value) sources.push([name, src.value]);
  for (const a of [...(ctx.case.spec?.command ?? []), ...(ctx.case.spec?.args ?? [])])
    sources.push(['args', a]);
  for (const [where, value] of sources) {
    const xmx = /-Xmx(\d+(?:\.\d+)?)([kKmMgGtT]?)\b/.exec(value);
    if (xmx) {
      const mult =
        { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }[
          (xmx[2] ?? '').toLowerCase()
        ] ?? 1;
      return { flag: xmx[0], bytes: Number(xmx[1]) * mult, where };
    }
    const node = /--max-old-space-size[= ](\d+)/.exec(value);
    if (node) return { flag: node[0], bytes: Number(node[1]) * 1024 ** 2, where };
  }
  return undefined;
}

/** A node out of memory is fixed by requests that match use (and fewer pods per node), not by a higher limit. */
function nodeOomFixes(ctx: CaseContext): Fix[] {
  const node = ctx.case.pod?.object.spec?.nodeName;
  const target = targetRef(ctx);
  const ns = nsFlag(ctx);
  const c = ctx.case.container ? ` -c ${ctx.case.container}` : '';
  return [
    {
      title:
        'Set memory requests to what the pods really use, so the scheduler stops overcommitting the node',
      commands: [
        `kubectl top pod${ns} --containers`,
        `kubectl set resources ${target}${ns}${c} --requests=memory=<measured peak>`,
      ],
      risk: 'medium',
    },
    ...(node
      ? [
          {
            title: `Check the node's memory and what else runs there`,
            commands: [`kubectl describe node ${node}`, `kubectl top node ${node}`],
            risk: 'low' as const,
          },
        ]
      : []),
  ];
}

function oomFixes(
  ctx: CaseContext,
  limit: number | undefined,
  heap: HeapSetting | undefined,
  overLimit: boolean,
): Fix[] {
  const target = targetRef(ctx);
  const ns = nsFlag(ctx);
  const c = ctx.case.container ? ` -c ${ctx.case.container}` : '';
  const fixes: Fix[] = [];
  if (heap && overLimit && heap.where !== 'args') {
    const runtime = runtimeName(heap.flag);
    const current = ctx.facts.env.get(heap.where)?.value ?? '';
    const replacement =
      runtime === 'JVM'
        ? current.replace(/-Xmx\S+/, '-XX:MaxRAMPercentage=75').trim()
        : current
            .replace(
              /--max-old-space-size[= ]\d+/,
              `--max-old-space-size=${Math.floor(((limit ?? heap.bytes) * 0.75) / 1024 ** 2)}`,
            )
            .trim();
    fixes.push({
      title: `Size the ${runtime} heap from the container limit instead of a fixed ${heap.flag}`,
      commands: [`kubectl set env ${target}${ns}${c} ${heap.where}=${shq(replacement)}`],
      risk: 'low',
    });
  }
  const suggested =
    limit !== undefined ? formatBytes(Math.max(limit * 2, heap ? heap.bytes * 1.3 : 0)) : '1Gi';
  fixes.push({
    title: `Raise the memory limit to the measured peak plus headroom (e.g. ${suggested})`,
    commands: [
      `kubectl set resources ${target}${ns}${c} --limits=memory=${suggested}`,
      `kubectl top pod ${ctx.case.podName ?? 'POD'}${ns} --containers`,
    ],
    risk: 'medium',
  });
  return fixes;
}
