/**
 * cpu-starvation: a CPU limit too small for the runtime makes start-up so slow that the probes
 * (or the app's own start deadline) give up first. A JVM/Spring, .NET, Rails or Django process
 * needs a burst of CPU to start (class loading, JIT, bundling); throttled to a few hundred
 * millicores it takes minutes, the liveness/startup probe times out and the kubelet kills it,
 * and the next attempt is just as slow.
 *
 * Told apart from a plain too-aggressive probe: this needs a tight limit relative to the
 * runtime's known needs AND evidence of slowness or stalling (a long "Started ... in N seconds",
 * a long gap in the start-up log, stalled threads, a worker timeout, usage pinned at the limit),
 * together with the symptom (probe timeouts, probe kills, restarts). Without a tight limit the
 * probe is simply too impatient, which liveness-probe-failing explains.
 */
import type { CaseContext } from '../engine/context.js';
import type { EvidenceRef, Fix } from '../engine/report.js';
import type { Item, KEvent, TableRow } from '../evidence/types.js';
import { parseCpu } from '../engine/context.js';
import {
  citeMatch,
  containerPath,
  eventsWhere,
  matchesIn,
  nsFlag,
  shq,
  workloadTarget,
  type LogMatch,
} from './_shared.js';
import { defineDetector } from './define.js';

type Messages =
  | 'starved'
  | 'starvedExplain'
  | 'likely'
  | 'likelyExplain'
  | 'possible'
  | 'possibleExplain'
  | 'decide'
  | 'notTight';

interface Runtime {
  name: string;
  /** Millicores the runtime typically needs to start in reasonable time. */
  need: number;
  ref?: EvidenceRef | undefined;
}

const TIMEOUT = /context deadline exceeded|Client\.Timeout|timed out|timeout/i;

export default defineDetector<Messages>({
  meta: {
    id: 'cpu-starvation',
    title: 'A tight CPU limit makes start-up slower than the probes allow',
    category: 'cpu-starvation',
    severity: 'high',
    summary:
      'Tight CPU limits vs the runtime (JVM/Spring, .NET, Rails, Django...) with slow start-up, stalled threads or worker timeouts, and probe timeouts or kills; outranks a plain too-aggressive probe.',
    messages: {
      starved: 'The {{runtime}} app is starved by its {{limit}} CPU limit: {{headline}}',
      starvedExplain:
        'The container may use only {{limit}} of CPU, while a {{runtime}} app typically needs about {{need}} to start. Throttled, it {{slowness}}; meanwhile {{symptom}}{{loopNote}}. The probe is not wrong; the CPU limit is.',
      likely:
        'The {{runtime}} app with a {{limit}} CPU limit times out its probes: CPU throttling is the likely cause',
      likelyExplain:
        'The container may use only {{limit}} of CPU while a {{runtime}} app typically needs about {{need}} to start, and {{symptom}}. The log does not show how long start-up takes; with so little CPU it is likely longer than the probes allow.',
      possible:
        'The {{runtime}} app takes {{startup}} to start under a {{limit}} CPU limit: throttling may be part of it',
      possibleExplain:
        'Start-up takes {{startup}} and the CPU limit ({{limit}}) is below the {{need}} a {{runtime}} app typically needs to start, but nothing shows the process pinned at the limit; the slowness may as well be I/O (migrations, remote calls).',
      decide: 'Timestamps in the log show how long start-up takes under this limit',
      notTight: 'the CPU limit ({{limit}}) is not tight for {{runtime}}',
    },
    requires: [],
  },
  detect(ctx) {
    const limit = ctx.facts.cpuLimitMillis;
    if (limit === undefined) return;
    const runtime = detectRuntime(ctx);
    const need = runtime?.need ?? 250;
    const tight = limit <= 250 || limit < need;
    const probeTimeouts = ctx.facts.containerEvents.filter(
      (e) =>
        e.object.reason === 'Unhealthy' &&
        /^(Liveness|Readiness|Startup) probe (failed|errored)/.test(e.object.message ?? '') &&
        TIMEOUT.test(e.object.message ?? ''),
    );
    const kills = eventsWhere(ctx, 'Killing', /failed (liveness|startup) probe/);
    if (!tight) {
      if (runtime && (probeTimeouts.length > 0 || kills.length > 0)) {
        ctx.ruleOut({
          category: 'cpu-starvation',
          messageId: 'notTight',
          data: { limit: fmtCpu(limit), runtime: runtime.name },
          evidence: [cpuLimitRef(ctx)],
        });
      }
      return;
    }
    const slow = startup(ctx) ?? killedAfter(ctx, kills);
    const stalls = matchesIn(ctx, { category: 'cpu-starvation' }).filter(
      (m) => m.match.signature.subcategory !== 'startup-time',
    );
    const top = topAtLimit(ctx, limit);
    const restarting = (ctx.facts.restartCount ?? 0) > 0 || ctx.case.failure === 'crash-loop';
    const symptomEvents: Item<KEvent>[] = [...probeTimeouts.slice(-1), ...kills.slice(-1)];
    const hasSymptom =
      probeTimeouts.length > 0 ||
      kills.length > 0 ||
      stalls.some((m) => m.match.signature.subcategory === 'worker-timeout') ||
      (restarting && slow !== undefined);
    if (!hasSymptom) return;
    // A probe answered with an HTTP status: the app responds, so the probe is wrong, not slow.
    const answered = ctx.facts.containerEvents.some(
      (e) =>
        e.object.reason === 'Unhealthy' &&
        /statuscode: \d{3}/.test(e.object.message ?? '') &&
        !TIMEOUT.test(e.object.message ?? ''),
    );
    if (answered && stalls.length === 0 && !top) return;
    const slowEnough = slow !== undefined && slow.seconds >= 30;
    const workers = stalls.find((m) => m.match.signature.subcategory === 'worker-timeout');
    const heavy = need >= 500;
    const symptom = symptomText(probeTimeouts, kills, stalls, restarting);
    const evidence: (EvidenceRef | undefined)[] = [
      cpuLimitRef(ctx),
      runtime?.ref,
      slow?.also,
      slow?.ref,
      ...symptomEvents.map((e) => ctx.cite.event(e)),
      ...stalls.slice(0, 1).map((m) => citeMatch(ctx, m)),
      top?.ref,
    ];
    const data = {
      runtime: runtime?.name ?? 'containerised',
      limit: fmtCpu(limit),
      need: fmtCpu(need),
      symptom,
    };
    // A limit far below the runtime's needs makes a slow start CPU-bound; a moderately low one
    // needs direct evidence of throttling (stalled threads, usage pinned at the limit).
    const severe = limit <= 250 || limit <= need / 4;
    const direct = stalls.length > 0 || top !== undefined;
    if ((slowEnough && severe) || direct) {
      const confidence =
        0.72 +
        (slowEnough ? 0.08 : 0) +
        (stalls.length > 0 ? 0.05 : 0) +
        (top ? 0.05 : 0) +
        (limit <= need / 4 ? 0.03 : 0) +
        (probeTimeouts.length > 0 || kills.length > 0 ? 0.03 : 0);
      ctx.report({
        messageId: 'starved',
        explainId: 'starvedExplain',
        subcategory: workers
          ? 'stalled'
          : slowEnough
            ? 'slow-startup'
            : stalls.length > 0
              ? 'stalled'
              : 'throttled',
        data: {
          ...data,
          headline: workers
            ? 'its workers miss their timeout and are killed'
            : slowEnough
              ? `start-up takes ${Math.round(slow.seconds)}s${slow.finished ? '' : '+'}, longer than the probes allow`
              : stalls.length > 0
                ? 'its threads stall'
                : `it runs pinned at the limit (${top?.usage ?? ''})`,
          loopNote: restarting
            ? ', so it is restarted before it is ready and every attempt is just as slow'
            : ', so it never becomes Ready',
          slowness: workers
            ? `stalls: its workers do not boot within their timeout (${workers.match.text.trim().slice(0, 100)})`
            : slow
              ? slow.finished
                ? `takes ${Math.round(slow.seconds)}s to start`
                : `had not finished starting after ${Math.round(slow.seconds)}s`
              : stalls.length > 0
                ? `stalls (${stalls[0]!.match.text.trim().slice(0, 100)})`
                : `runs pinned at its limit (${top?.usage ?? ''})`,
        },
        confidence: Math.min(0.95, confidence),
        evidence,
        fixes: fixes(ctx, need, slow?.seconds),
        supersedes: ['liveness-probe', 'readiness-probe', 'app-crash'],
      });
      return;
    }
    if (slowEnough) {
      ctx.report({
        messageId: 'possible',
        explainId: 'possibleExplain',
        subcategory: 'possible-throttling',
        data: { ...data, startup: `${Math.round(slow.seconds)}s${slow.finished ? '' : '+'}` },
        confidence: 0.45,
        evidence,
        fixes: fixes(ctx, need, slow.seconds),
        nextStep: {
          messageId: 'decide',
          command: `kubectl top pod ${ctx.case.podName ?? 'POD'}${nsFlag(ctx)} --containers`,
        },
      });
      return;
    }
    if (heavy && severe && (probeTimeouts.length > 0 || kills.length > 0)) {
      ctx.report({
        messageId: 'likely',
        explainId: 'likelyExplain',
        subcategory: 'tight-limit',
        data,
        confidence: 0.62 + (limit <= need / 4 ? 0.05 : 0),
        evidence,
        fixes: fixes(ctx, need, undefined),
        supersedes: ['liveness-probe', 'readiness-probe'],
        nextStep: {
          messageId: 'decide',
          command: `kubectl logs ${ctx.case.podName ?? 'POD'}${nsFlag(ctx)}${ctx.case.container ? ` -c ${ctx.case.container}` : ''} --previous --timestamps`,
        },
      });
    }
  },
});

function fmtCpu(m: number): string {
  return m >= 1000 && m % 1000 === 0 ? `${m / 1000} CPU` : `${Math.round(m)}m`;
}

function cpuLimitRef(ctx: CaseContext): EvidenceRef | undefined {
  const origin = ctx.case.pod?.origin;
  if (!origin) return undefined;
  const start = ctx.case.container
    ? new RegExp(
        `^\\s*(?:${ctx.case.container}:\\s*$|-?\\s*"?name"?:\\s*"?${ctx.case.container}"?)`,
      )
    : undefined;
  const inContainer = start
    ? ctx.cite.line(origin, [/^\s*Limits:/], {
        after: start,
        label: `pod/${ctx.case.podName ?? ''}`,
      })
    : undefined;
  const after = inContainer ? /^\s*Limits:/ : /Limits:|"limits"|limits:/;
  return ctx.cite.line(origin, [/^\s*"?cpu"?:\s+"?\d/], {
    after,
    label: `pod/${ctx.case.podName ?? ''}`,
  });
}

/** Which runtime runs here, from the image, the environment and the log. */
function detectRuntime(ctx: CaseContext): Runtime | undefined {
  const image = ctx.case.spec?.image ?? ctx.case.status?.image ?? '';
  const env = [...ctx.facts.env.keys()].join(' ');
  const log = ctx.facts.logEntries
    .slice(0, 200)
    .map((e) => e.entry.text)
    .join('\n');
  const imageRef = (): EvidenceRef | undefined =>
    image ? ctx.cite.pod(['Image:', '"image"', 'image:']) : undefined;
  const logRef = (re: RegExp): EvidenceRef | undefined => {
    const hit = ctx.facts.logEntries.find((e) => re.test(e.entry.text));
    return hit ? ctx.cite.log(hit.log, hit.entry, re) : undefined;
  };
  const spring =
    /:: Spring Boot ::|org\.springframework|Starting \w+ (?:v\S+ )?using Java|Started \w+ in [\d.]+ seconds/;
  if (spring.test(log)) return { name: 'Spring Boot (JVM)', need: 1000, ref: logRef(spring) };
  const jvmLog =
    /Picked up (?:JAVA_TOOL_OPTIONS|_JAVA_OPTIONS)|JAVA_OPTS|\bjava\.lang\.|Quarkus|Keycloak|Micronaut/;
  if (
    /openjdk|temurin|corretto|zulu|\bjdk\b|\bjre\b|java|spring|keycloak|elasticsearch|opensearch|kafka|zookeeper|jenkins|tomcat|wildfly|jboss|sonarqube|nexus/i.test(
      image,
    ) ||
    /\bJAVA_(?:TOOL_)?OPTS|JAVA_TOOL_OPTIONS|JDK_JAVA_OPTIONS/.test(env) ||
    jvmLog.test(log)
  )
    return {
      name: jvmName(image),
      need: 1000,
      ref: jvmLog.test(log) ? logRef(jvmLog) : imageRef(),
    };
  const dotnetLog =
    /Microsoft\.Hosting\.Lifetime|Now listening on:|Application started\. Press Ctrl\+C/;
  if (/dotnet|aspnet/i.test(image) || /\bASPNETCORE_|\bDOTNET_/.test(env) || dotnetLog.test(log))
    return { name: '.NET', need: 500, ref: dotnetLog.test(log) ? logRef(dotnetLog) : imageRef() };
  const railsLog = /=> Booting (?:Puma|WEBrick)|Puma starting|\bRails \d/;
  if (/rails|ruby/i.test(image) || railsLog.test(log))
    return { name: 'Rails', need: 500, ref: railsLog.test(log) ? logRef(railsLog) : imageRef() };
  const pyLog =
    /Booting worker with pid|Starting gunicorn|Django version|Uvicorn running|Started server process/;
  if (/django|gunicorn|python|uvicorn|celery/i.test(image) || pyLog.test(log))
    return {
      name:
        /Django version|django|wagtail/i.test(log + image) || /\bDJANGO_SETTINGS_MODULE\b/.test(env)
          ? 'Django'
          : 'Python',
      need: 500,
      ref: pyLog.test(log) ? logRef(pyLog) : imageRef(),
    };
  if (/php|laravel|symfony/i.test(image)) return { name: 'PHP', need: 250, ref: imageRef() };
  if (/\bnode\b|nodejs|next/i.test(image)) return { name: 'Node.js', need: 250, ref: imageRef() };
  return undefined;
}

/** `Keycloak (JVM)` for well-known JVM products, else `JVM`. */
function jvmName(image: string): string {
  const known =
    /(keycloak|elasticsearch|opensearch|kafka|zookeeper|jenkins|sonarqube|nexus|tomcat|wildfly)/i.exec(
      image,
    )?.[1];
  return known ? `${known[0]!.toUpperCase()}${known.slice(1).toLowerCase()} (JVM)` : 'JVM';
}

/** How long start-up took (or at least lasted) in the crashed instance's log. */
function startup(
  ctx: CaseContext,
):
  | { seconds: number; finished: boolean; ref: EvidenceRef | undefined; also?: EvidenceRef }
  | undefined {
  const reported = matchesIn(ctx, { ids: ['spring-started-in'] });
  const longest = [...reported].sort(
    (a, b) => Number(b.match.groups.code ?? 0) - Number(a.match.groups.code ?? 0),
  )[0];
  if (longest)
    return {
      seconds: Number(longest.match.groups.code ?? 0),
      finished: true,
      ref: citeMatch(ctx, longest),
    };
  let best: { seconds: number; finished: boolean; ref: EvidenceRef | undefined } | undefined;
  for (const { entry, log } of ctx.facts.logEntries) {
    const ms = /Root WebApplicationContext: initialization completed in (\d+) ms/.exec(entry.text);
    if (ms?.[1] && Number(ms[1]) >= 20000) {
      best = {
        seconds: Number(ms[1]) / 1000,
        finished: false,
        ref: ctx.cite.log(log, entry, 'initialization completed in'),
      };
      break;
    }
  }
  const log = ctx.facts.crashLog;
  const entries = (log?.entries ?? []).filter((e) => e.time);
  const first = entries[0];
  if (!log || !first?.time) return best;
  const ready = entries.find(
    (e) =>
      e !== first &&
      /\b(Started|Listening on|listening on|Now listening|ready to accept|Booting worker|Server started|Tomcat started)\b/.test(
        e.message,
      ),
  );
  const last = ready ?? entries[entries.length - 1]!;
  const seconds = last.time ? (Date.parse(last.time) - Date.parse(first.time)) / 1000 : NaN;
  if (!Number.isFinite(seconds) || seconds <= 0) return best;
  if (ready || !best || seconds > best.seconds)
    return {
      seconds,
      finished: ready !== undefined,
      ref: ctx.cite.log(log, last),
      ...(best?.ref ? { also: best.ref } : {}),
    };
  return best;
}

/** Without a start-up log: how long the last instance ran before the probe killed it. */
function killedAfter(
  ctx: CaseContext,
  kills: Item<KEvent>[],
):
  | { seconds: number; finished: boolean; ref: EvidenceRef | undefined; also?: EvidenceRef }
  | undefined {
  const ran = ctx.facts.lastRunSeconds;
  if (kills.length === 0 || ran === undefined || ran < 30) return undefined;
  return {
    seconds: ran,
    finished: false,
    ref: ctx.cite.pod(['Finished:', '"finishedAt"', 'finishedAt:']),
  };
}

/** `kubectl top pod` shows the container at (or within 10% of) its CPU limit. */
function topAtLimit(
  ctx: CaseContext,
  limit: number,
): { usage: string; ref: EvidenceRef | undefined } | undefined {
  const rows: Item<TableRow>[] = ctx.index
    .tableRows()
    .filter((r) => r.object.cells['CPU(cores)'] !== undefined);
  for (const r of rows) {
    const podName = r.object.cells['POD'] ?? r.object.cells['NAME'];
    if (podName !== ctx.case.podName) continue;
    if (
      r.object.cells['POD'] &&
      ctx.case.container &&
      r.object.cells['NAME'] !== ctx.case.container
    )
      continue;
    const usage = parseCpu(r.object.cells['CPU(cores)']);
    if (usage !== undefined && usage >= limit * 0.9) {
      return {
        usage: r.object.cells['CPU(cores)'] ?? '',
        ref: ctx.cite.item(r, [r.object.cells['CPU(cores)'] ?? '']),
      };
    }
  }
  return undefined;
}

function symptomText(
  timeouts: Item<KEvent>[],
  kills: Item<KEvent>[],
  stalls: LogMatch[],
  restarting: boolean,
): string {
  const kinds = [
    ...new Set(
      timeouts.map(
        (e) => /^(\w+) probe/.exec(e.object.message ?? '')?.[1]?.toLowerCase() ?? 'probe',
      ),
    ),
  ];
  if (kills.length > 0 && timeouts.length > 0)
    return `the ${kinds.join('/')} probe times out and the kubelet kills the container`;
  if (kills.length > 0) return 'the kubelet kills it for failing its probe';
  if (timeouts.length > 0) return `the ${kinds.join('/')} probe times out`;
  if (stalls.some((m) => m.match.signature.subcategory === 'worker-timeout'))
    return 'its workers miss their heartbeat and are killed';
  return restarting ? 'it is restarted before it finishes starting' : 'it misses its deadlines';
}

function fixes(ctx: CaseContext, need: number, startupSeconds: number | undefined): Fix[] {
  const ns = nsFlag(ctx);
  const c = ctx.case.container ? ` -c ${ctx.case.container}` : '';
  const limit = Math.max(need * 2, 1000);
  const out: Fix[] = [
    {
      title: `Raise the CPU limit so start-up gets the burst it needs (e.g. limit ${fmtCpu(limit)}, request ${fmtCpu(need)}), or drop the CPU limit and keep the request`,
      commands: [
        `kubectl set resources ${workloadTarget(ctx)}${ns}${c} --limits=cpu=${limit}m --requests=cpu=${need}m`,
      ],
      risk: 'medium',
    },
  ];
  const live = ctx.case.spec?.livenessProbe;
  if (live && !ctx.case.spec?.startupProbe) {
    const {
      initialDelaySeconds: _d,
      periodSeconds: _p,
      failureThreshold: _f,
      successThreshold: _s,
      ...check
    } = live;
    const threshold = Math.max(30, Math.ceil(((startupSeconds ?? 120) * 2) / 10));
    out.push({
      title: `Give start-up its own budget: a startupProbe allowing ${threshold * 10}s before the liveness probe takes over`,
      commands: [
        `kubectl patch ${workloadTarget(ctx)}${ns} --type json -p ${shq(JSON.stringify([{ op: 'add', path: `${containerPath(ctx)}/startupProbe`, value: { ...check, periodSeconds: 10, failureThreshold: threshold } }]))}`,
      ],
      risk: 'low',
    });
  }
  return out;
}
