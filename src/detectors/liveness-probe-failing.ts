/**
 * liveness-probe: the kubelet kills the container because its liveness (or startup) probe
 * fails. Works out why from the probe's answer: a 404 means the path is wrong (compared with the
 * paths the app answers in its logs and the readiness probe's path), connection refused means
 * the port is wrong or the app is not listening yet, a timeout means the delay/timeout is too
 * short for how long the app takes. A probe kill explains exit 137/143, which is not an app error.
 */
import type { CaseContext } from '../engine/context.js';
import type { EvidenceRef, Fix } from '../engine/report.js';
import type { Probe } from '../evidence/types.js';
import { defineDetector } from './define.js';
import {
  containerPath,
  eventsWhere,
  nsFlag,
  probeFailures,
  shq,
  targetRef,
  servedPaths,
  type ServedPath,
  podSpecPath,
  probePatchFix,
} from './_shared.js';

type Messages =
  | 'wrongPath'
  | 'wrongPathExplain'
  | 'auth'
  | 'authExplain'
  | 'unhealthy'
  | 'unhealthyExplain'
  | 'wrongPort'
  | 'wrongPortExplain'
  | 'tooSlow'
  | 'tooSlowExplain'
  | 'failing'
  | 'failingExplain'
  | 'decide';

const STATUS = /HTTP probe failed with statuscode: (\d{3})/;
/** Listen lines of side servers (metrics, admin, pprof), not of the port the app serves. */
const AUXILIARY = /\b(?:metrics?|prometheus|admin|debug|pprof|management|actuator|profil\w*)\b/i;
// grpc_health_probe says `failed to connect service ":9090" within 1s` when nothing answers there.
const REFUSED = /connect: connection refused|connection refused|failed to connect service/;
const TIMEOUT = /context deadline exceeded|Client\.Timeout|timeout|timed out/i;

export default defineDetector<Messages>({
  meta: {
    id: 'liveness-probe-failing',
    title: 'Liveness or startup probe kills the container',
    category: 'liveness-probe',
    severity: 'high',
    summary:
      'Unhealthy liveness/startup probe events and Killing "failed liveness probe"; works out a wrong path, port or too-short timing.',
    messages: {
      wrongPath:
        'The liveness probe requests {{path}}, which the app answers with {{status}}{{servedNote}}',
      wrongPathExplain:
        'The app is up, but every liveness probe to {{path}} gets HTTP {{status}}, so after {{failures}} failures the kubelet kills and restarts a healthy container (exit {{exit}} is that kill, not an app error).{{readinessNote}}',
      auth: 'The {{kind}} probe endpoint {{path}} requires authentication (HTTP {{status}})',
      authExplain:
        'The app is up, but the kubelet probes {{path}} without credentials and gets HTTP {{status}}, so after {{failures}} failures it kills and restarts a healthy container (exit {{exit}} is that kill). Probe an unauthenticated health path, or exempt {{path}} from authentication.',
      unhealthy:
        'The {{kind}} endpoint {{path}} reports the app unhealthy (HTTP {{status}}){{depNote}}',
      unhealthyExplain:
        'The kubelet kills the container after {{failures}} failed {{kind}} probes because {{path}} answers {{status}}: the endpoint reports a failing check, not a dead process.{{depDetail}} A liveness endpoint that includes dependency checks (database, cache, broker) restarts every replica during a dependency outage; keep those checks in the readiness probe and let liveness check only the process.',
      wrongPort:
        'The liveness probe connects to port {{port}}, where nothing listens{{listenNote}}',
      wrongPortExplain:
        'Every liveness probe to port {{port}} is refused, so the kubelet kills the container after {{failures}} failures.{{listenDetail}}',
      tooSlow: 'The liveness probe gives up before the app is ready ({{timing}})',
      tooSlowExplain:
        'The probe times out or is refused while the app is still starting{{startNote}}; with {{timing}} the kubelet kills it before it can answer. Give it a startupProbe (or a longer initialDelaySeconds/timeoutSeconds).',
      failing: 'The liveness probe fails ({{detail}}) and the kubelet restarts the container',
      failingExplain:
        'The kubelet reports the liveness probe failing ({{detail}}) and kills the container after {{failures}} consecutive failures.',
      decide:
        'The probe result alone does not say why the app does not answer in time; its logs around the kill will',
    },
    requires: [],
  },
  detect(ctx) {
    const live = probeFailures(ctx, 'Liveness');
    const startup = probeFailures(ctx, 'Startup');
    const kills = eventsWhere(ctx, 'Killing', /failed (liveness|startup) probe/);
    if (live.length === 0 && startup.length === 0 && kills.length === 0) return;
    const kind: 'liveness' | 'startup' =
      live.length === 0 &&
      (startup.length > 0 || kills.some((k) => /startup/.test(k.object.message ?? '')))
        ? 'startup'
        : 'liveness';
    const failures = kind === 'liveness' ? live : startup;
    const probe: Probe | undefined =
      kind === 'liveness' ? ctx.case.spec?.livenessProbe : ctx.case.spec?.startupProbe;
    const messages = failures.map((f) => f.object.message ?? '');
    const status = messages.map((m) => STATUS.exec(m)?.[1]).find((s) => s !== undefined);
    const refused = messages.some((m) => REFUSED.test(m));
    const timeout = messages.some((m) => TIMEOUT.test(m));
    const failuresCount = String(probe?.failureThreshold ?? 3);
    const exit = ctx.facts.exitCode !== undefined ? String(ctx.facts.exitCode) : '137/143';
    const evidence: (EvidenceRef | undefined)[] = [
      failures[0] ? ctx.cite.event(failures[0]) : undefined,
      ctx.cite.pod([
        kind === 'liveness' ? /Liveness:\s/ : /Startup:\s/,
        kind === 'liveness' ? '"livenessProbe"' : '"startupProbe"',
        kind === 'liveness' ? 'livenessProbe:' : 'startupProbe:',
      ]),
      kills[0] ? ctx.cite.event(kills[0]) : undefined,
    ];
    const base =
      0.75 +
      (kills.length > 0 ? 0.1 : 0) +
      (ctx.facts.exitCode === 143 || ctx.facts.exitCode === 137 ? 0.05 : 0);
    const supersedes = [
      'app-crash',
      'exits-immediately',
      'dependency-failure',
      'oom-killed',
    ] as const;

    if (status === '401' || status === '403') {
      const path = probe?.httpGet?.path ?? pathOf(messages) ?? '/';
      ctx.report({
        messageId: 'auth',
        explainId: 'authExplain',
        subcategory: 'auth',
        data: { kind, path, status, failures: failuresCount, exit },
        confidence: Math.min(0.95, base + 0.05),
        evidence,
        fixes: [inspectFix(ctx)],
        supersedes: [...supersedes],
      });
      return;
    }
    if (status && Number(status) >= 500) {
      const path = probe?.httpGet?.path ?? pathOf(messages) ?? '/';
      const dep = failingCheck(ctx);
      const springLiveness = /^\/actuator\/health\/?$/.test(path)
        ? '/actuator/health/liveness'
        : undefined;
      ctx.report({
        messageId: 'unhealthy',
        explainId: 'unhealthyExplain',
        subcategory: dep ? 'dependency-in-liveness' : 'unhealthy-endpoint',
        data: {
          kind,
          path,
          status,
          failures: failuresCount,
          depNote: dep ? ': a dependency check inside it fails' : '',
          depDetail: dep ? ` The app logs the failing check: "${dep.text.slice(0, 120)}".` : '',
        },
        confidence: Math.min(0.95, base + (dep ? 0.05 : -0.05)),
        evidence: [...evidence, dep?.ref],
        fixes: springLiveness
          ? [
              patchProbe(
                ctx,
                kind,
                'httpGet/path',
                springLiveness,
                `Point the ${kind} probe at ${springLiveness}, which checks only the process (dependency checks stay in readiness)`,
              ),
            ]
          : [inspectFix(ctx)],
        supersedes: [...supersedes],
      });
      return;
    }
    if (status && probe?.httpGet?.path) {
      const path = probe.httpGet.path;
      const served = servedPaths(ctx);
      const good = served.find((s) => s.status >= 200 && s.status < 400 && s.path !== path);
      const bad = served.find((s) => s.path === path && s.status >= 400);
      const readinessPath = ctx.case.spec?.readinessProbe?.httpGet?.path;
      const readinessOk =
        readinessPath && readinessPath !== path && probeFailures(ctx, 'Readiness').length === 0;
      const better = good?.path ?? (readinessOk ? readinessPath : undefined);
      ctx.report({
        messageId: 'wrongPath',
        explainId: 'wrongPathExplain',
        subcategory: 'wrong-path',
        data: {
          path,
          status,
          servedNote: good ? ` (it serves ${good.path} with ${good.status})` : '',
          failures: failuresCount,
          exit,
          readinessNote: readinessOk
            ? ` The readiness probe uses ${readinessPath}, which succeeds.`
            : '',
        },
        confidence: Math.min(0.97, base + (bad ? 0.05 : 0) + (better ? 0.05 : 0)),
        evidence: [
          ...evidence,
          bad ? ctx.cite.log(bad.log, bad.entry, path) : undefined,
          good ? ctx.cite.log(good.log, good.entry, good.path) : undefined,
        ],
        fixes: better
          ? [patchProbe(ctx, kind, 'httpGet/path', better, `Point the ${kind} probe at ${better}`)]
          : [inspectFix(ctx)],
        supersedes: [...supersedes],
      });
      return;
    }
    const port =
      probe?.httpGet?.port ?? probe?.tcpSocket?.port ?? probe?.grpc?.port ?? execPort(probe);
    const declared = (ctx.case.spec?.ports ?? [])
      .map((p) => p.containerPort)
      .filter((p): p is number => p !== undefined);
    const listening = listeningPorts(ctx);
    // What the app logs it listens on outranks a containerPort that may be as stale as the probe.
    // A metrics/admin listener says nothing about the main port.
    const main = listening.filter((l) => !AUXILIARY.test(l.entry.text));
    const knownPorts =
      main.length > 0
        ? [...new Set(main.map((l) => l.port))]
        : [...new Set([...declared, ...listening.map((l) => l.port)])];
    if (
      refused &&
      port !== undefined &&
      knownPorts.length > 0 &&
      !knownPorts.includes(Number(port))
    ) {
      const listen = main[0] ?? listening[0];
      ctx.report({
        messageId: 'wrongPort',
        explainId: 'wrongPortExplain',
        subcategory: 'wrong-port',
        data: {
          port: String(port),
          failures: failuresCount,
          listenNote: listen
            ? ` (the app listens on ${listen.port})`
            : ` (the container declares ${declared.join(', ')})`,
          listenDetail: listen ? ` The app logs that it listens on ${listen.port}.` : '',
        },
        confidence: base + 0.1,
        evidence: [
          ...evidence,
          listen
            ? ctx.cite.log(listen.log, listen.entry, String(listen.port))
            : ctx.cite.pod(['Port:', '"containerPort"']),
        ],
        fixes: [
          probe?.exec?.command
            ? patchProbe(
                ctx,
                kind,
                'exec/command',
                probe.exec.command.map((a) =>
                  a.replace(`:${port}`, `:${listen?.port ?? declared[0] ?? 8080}`),
                ),
                `Make the exec probe check the port the app listens on`,
              )
            : patchProbe(
                ctx,
                kind,
                probe?.grpc ? 'grpc/port' : probe?.httpGet ? 'httpGet/port' : 'tcpSocket/port',
                listen?.port ?? declared[0] ?? 8080,
                `Probe the port the app listens on`,
              ),
        ],
        supersedes: [...supersedes],
      });
      return;
    }
    if ((timeout || refused) && probe) {
      const delay = probe.initialDelaySeconds ?? 0;
      const timing = `initialDelaySeconds=${delay}, timeoutSeconds=${probe.timeoutSeconds ?? 1}, periodSeconds=${probe.periodSeconds ?? 10}, failureThreshold=${probe.failureThreshold ?? 3}`;
      const budget = delay + (probe.periodSeconds ?? 10) * (probe.failureThreshold ?? 3);
      const startup = startupSeconds(ctx);
      const slow = startup !== undefined && startup > budget;
      ctx.report({
        messageId: 'tooSlow',
        explainId: 'tooSlowExplain',
        subcategory: 'too-aggressive',
        data: {
          timing,
          startNote:
            startup !== undefined ? ` (the logs show about ${Math.round(startup)}s to start)` : '',
        },
        confidence: base - 0.05 + (slow ? 0.1 : 0),
        evidence,
        fixes: [
          {
            title: `Give the app time to start: add a startupProbe (or raise initialDelaySeconds/timeoutSeconds)`,
            commands: [
              `kubectl patch ${targetRef(ctx)}${nsFlag(ctx)} --type json -p ${shq(JSON.stringify([{ op: 'add', path: `${containerPath(ctx)}/startupProbe`, value: { ...stripTiming(probe), periodSeconds: 10, failureThreshold: Math.max(30, Math.ceil(((startup ?? 60) * 2) / 10)) } }]))}`,
            ],
            risk: 'low',
          },
        ],
        supersedes: [...supersedes],
        ...(startup === undefined
          ? {
              nextStep: {
                messageId: 'decide',
                command: `kubectl logs ${ctx.case.podName ?? 'POD'}${nsFlag(ctx)} --previous --timestamps`,
              },
            }
          : {}),
      });
      return;
    }
    const detail =
      messages[0]?.replace(/^(Liveness|Startup) probe (failed|errored): /, '') ?? 'probe failures';
    ctx.report({
      messageId: 'failing',
      explainId: 'failingExplain',
      subcategory: 'failing',
      data: { detail: detail.slice(0, 120), failures: failuresCount },
      confidence: base - 0.1,
      evidence,
      fixes: [inspectFix(ctx)],
      supersedes: [...supersedes],
      nextStep: {
        messageId: 'decide',
        command: `kubectl logs ${ctx.case.podName ?? 'POD'}${nsFlag(ctx)} --previous --timestamps`,
      },
    });
  },
});

/** The port an exec probe checks: `grpc_health_probe -addr=:9090`, `curl localhost:8080/...`, `nc -z 127.0.0.1 5432`. */
function execPort(probe: Probe | undefined): number | undefined {
  const cmd = (probe?.exec?.command ?? []).join(' ');
  const m =
    /-addr[= ](?:[\w.-]{0,253}):(\d{2,5})\b|(?:localhost|127\.0\.0\.1|0\.0\.0\.0):(\d{2,5})\b|\bnc\b[^|;]{0,40}?\s(?:localhost|127\.0\.0\.1)\s+(\d{2,5})\b/.exec(
      cmd,
    );
  const port = Number(m?.[1] ?? m?.[2] ?? m?.[3]);
  return port > 0 ? port : undefined;
}

/** A log line saying a health check of a dependency fails (Spring, .NET, generic `health check failed`). */
function failingCheck(
  ctx: CaseContext,
): { text: string; ref: EvidenceRef | undefined } | undefined {
  const re =
    /\b(?:[Hh]ealth ?[Cc]heck|HealthIndicator|[Hh]ealth contributor|[Hh]ealth check \S{1,60})\b[^\n]{0,80}?\b(?:failed|fails|Unhealthy|DOWN)\b/;
  for (const { log, entry } of ctx.facts.logEntries) {
    const m = re.exec(entry.text);
    if (m) return { text: entry.message.trim(), ref: ctx.cite.log(log, entry, m[0]) };
  }
  return undefined;
}

function pathOf(messages: string[]): string | undefined {
  for (const m of messages) {
    const p = /Get "?https?:\/\/[^/"\s]+(\/[^"\s:]*)/.exec(m)?.[1];
    if (p) return p;
  }
  return undefined;
}

type Served = ServedPath;

function listeningPorts(
  ctx: CaseContext,
): { port: number; log: Served['log']; entry: Served['entry'] }[] {
  const out: { port: number; log: Served['log']; entry: Served['entry'] }[] = [];
  const re =
    /(?:[Ll]istening (?:for [\w-]{1,20} )?(?:on|at)|[Ss]erving on|[Ss]tarted server on|bound to|[Ss]erver (?:is )?running (?:on|at)|Tomcat started on port(?:\(s\))?:?|Now listening on:|(?:^|\s)(?:Local|Network):)[^\n]*?:(\d{2,5})\b|on port (\d{2,5})\b/;
  for (const { log, entry } of ctx.facts.logEntries) {
    const m = re.exec(entry.text);
    const port = Number(m?.[1] ?? m?.[2]);
    if (port) out.push({ port, log, entry });
  }
  return out;
}

/** Seconds from the first log line to a "started" line, when both carry times. */
function startupSeconds(ctx: CaseContext): number | undefined {
  const entries = ctx.facts.crashLog?.entries ?? [];
  const first = entries.find((e) => e.time);
  // "Started X in 9.8 seconds", "listening on", "ready": not Spring's "Starting X (... started by app)".
  const started = entries.find(
    (e) =>
      e.time &&
      /\b(started|listening|ready)\b/i.test(e.message) &&
      !/\bstarted by\b/i.test(e.message),
  );
  const spring = entries
    .map((e) => /Started \S+ in (\d+(?:\.\d+)?) seconds/.exec(e.message))
    .find((m) => m);
  if (spring?.[1]) return Number(spring[1]);
  if (!first?.time || !started?.time) return undefined;
  return (Date.parse(started.time) - Date.parse(first.time)) / 1000;
}

function stripTiming(p: Probe): Probe {
  const {
    initialDelaySeconds: _d,
    periodSeconds: _p,
    failureThreshold: _f,
    successThreshold: _s,
    ...rest
  } = p;
  return rest;
}

function patchProbe(
  ctx: CaseContext,
  kind: 'liveness' | 'startup',
  field: string,
  value: string | number | string[],
  title: string,
): Fix {
  return probePatchFix(ctx, { target: targetRef(ctx), probe: kind, field, value, title });
}

function inspectFix(ctx: CaseContext): Fix {
  return {
    title: 'Compare the probe with what the app serves, from inside the pod',
    commands: [
      `kubectl get ${targetRef(ctx)}${nsFlag(ctx)} -o jsonpath='{${podSpecPath(ctx)}.containers[*].livenessProbe}'`,
    ],
    risk: 'low',
  };
}
