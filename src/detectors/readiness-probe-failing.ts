/**
 * readiness-probe: the container runs but never becomes Ready, because its readiness probe
 * fails (readiness failures never restart it, so the pod just sits out of its Services). The
 * probe's answer says why: 404 is a wrong path, connection refused is a wrong port or an app
 * bound to localhost, a timeout is a probe timeout shorter than the endpoint needs, and a 5xx
 * means the endpoint reports itself unhealthy - often because a dependency it checks is down,
 * which the app's log shows, and then the dependency is the root cause.
 *
 * Liveness and startup probe failures (and the kills they cause) belong to liveness-probe-failing;
 * a container that crashes is not "not ready" because of its probe, so both are left alone.
 */
import type { CaseContext } from '../engine/context.js';
import type { EvidenceRef, Fix } from '../engine/report.js';
import type { ContainerLog, LogEntry, Probe } from '../evidence/types.js';
import {
  citeMatch,
  eventsWhere,
  matchesIn,
  nsFlag,
  probeFailures,
  servedPaths,
  workloadTarget,
  type LogMatch,
  specPathFor,
  probePatchFix,
} from './_shared.js';
import { defineDetector } from './define.js';

type Messages =
  | 'wrongPath'
  | 'wrongPathExplain'
  | 'auth'
  | 'authExplain'
  | 'dependency'
  | 'dependencyExplain'
  | 'unhealthy'
  | 'unhealthyExplain'
  | 'localhost'
  | 'localhostExplain'
  | 'wrongPort'
  | 'wrongPortExplain'
  | 'notListening'
  | 'notListeningExplain'
  | 'timeout'
  | 'timeoutExplain'
  | 'failing'
  | 'failingExplain'
  | 'decide'
  | 'symptom';

const STATUS = /HTTP probe failed with statuscode: (\d{3})/;
/** Listen lines of side servers (metrics, admin, pprof), not of the port the app serves. */
const AUXILIARY = /\b(?:metrics?|prometheus|admin|debug|pprof|management|actuator|profil\w*)\b/i;
const REFUSED = /connect: connection refused|connection refused/;
const TIMEOUT = /context deadline exceeded|Client\.Timeout|timeout|timed out/i;

export default defineDetector<Messages>({
  meta: {
    id: 'readiness-probe-failing',
    title: 'The readiness probe fails: the container runs but is never Ready',
    category: 'readiness-probe',
    severity: 'medium',
    summary:
      'Readiness Unhealthy events on a running, never-Ready container: wrong path/port/status, app bound to localhost, too-short timeout, or a dependency the readiness endpoint checks.',
    messages: {
      wrongPath:
        'The readiness probe requests {{path}}, which the app answers with {{status}}{{servedNote}}',
      wrongPathExplain:
        'The container runs, but every readiness probe to {{path}} gets HTTP {{status}}, so the pod never becomes Ready and receives no Service traffic (readiness failures do not restart it).{{betterNote}}',
      auth: 'The readiness endpoint {{path}} requires authentication (HTTP {{status}})',
      authExplain:
        'The kubelet probes {{path}} without credentials and gets {{status}}: the health endpoint sits behind the app authentication. Expose an unauthenticated health path for the probe.',
      dependency:
        'The app reports not ready because {{target}} {{verb}}; the readiness probe only relays it',
      dependencyExplain:
        'The readiness endpoint answers {{answer}} while the app logs that {{target}} {{verb}}.{{depNote}} The probe works as designed: the pod stays out of its Services until the dependency answers. Fix the dependency (or the address the app uses for it).',
      unhealthy: 'The readiness endpoint {{path}} reports the app unhealthy (HTTP {{status}})',
      unhealthyExplain:
        'The app answers its readiness endpoint with {{status}}: it considers itself not ready. Its log, or the body of {{path}}, says which check fails.',
      localhost:
        'The app listens on {{address}} only, so the kubelet cannot reach the readiness probe on port {{port}}',
      localhostExplain:
        'The kubelet probes the pod IP, but the app binds to the loopback address ({{address}}), so every probe is refused. Make it listen on 0.0.0.0 (all interfaces).',
      wrongPort:
        'The readiness probe connects to port {{port}}, where nothing listens{{listenNote}}',
      wrongPortExplain:
        'Every readiness probe to port {{port}} is refused{{listenDetail}}, so the pod never becomes Ready. Point the probe at the port the app serves.',
      notListening: 'Nothing listens on the readiness port {{port}} yet (connection refused)',
      notListeningExplain:
        'The container runs but the readiness probe on port {{port}} is refused: the app has not opened its port (still starting, stuck, or serving another port). Its log shows how far start-up got.',
      timeout: 'The readiness endpoint does not answer within timeoutSeconds={{timeout}}',
      timeoutExplain:
        'Every readiness probe times out ({{detail}}): the endpoint takes longer than the probe timeout of {{timeout}}s (the default is 1s), often because it checks dependencies synchronously.{{slowNote}} Raise timeoutSeconds or make the endpoint cheap.',
      failing: 'The readiness probe fails ({{detail}}), so the pod is never Ready',
      failingExplain:
        'The kubelet reports the readiness probe failing ({{detail}}); the container keeps running but receives no Service traffic.',
      decide: "The app's log around the probe failures says why it does not answer",
      symptom:
        'readiness failures are a symptom here: the container itself restarts ({{why}}), so it cannot be Ready',
    },
    requires: [],
  },
  detect(ctx) {
    const ready = probeFailures(ctx, 'Readiness');
    if (ready.length === 0) return;
    const live = probeFailures(ctx, 'Liveness');
    const startup = probeFailures(ctx, 'Startup');
    const kills = eventsWhere(ctx, 'Killing', /failed (liveness|startup) probe/);
    if (live.length > 0 || startup.length > 0 || kills.length > 0) return;
    const crashing = ctx.case.failure === 'crash-loop' || ctx.case.failure === 'terminated';
    if (crashing) {
      ctx.ruleOut({
        category: 'readiness-probe',
        messageId: 'symptom',
        data: {
          why: `exit ${ctx.facts.exitCode ?? '?'}${ctx.facts.lastReason ? ` ${ctx.facts.lastReason}` : ''}, ${ctx.facts.restartCount ?? 0} restarts`,
        },
        evidence: [ctx.cite.pod(['Exit Code:', '"exitCode"', 'exitCode:'])],
      });
      return;
    }
    const probe = ctx.case.spec?.readinessProbe;
    const messages = ready.map((f) => f.object.message ?? '');
    const status = messages.map((m) => STATUS.exec(m)?.[1]).find((s) => s !== undefined);
    const refused = messages.some((m) => REFUSED.test(m));
    const timeout = messages.some((m) => TIMEOUT.test(m));
    const path = probe?.httpGet?.path ?? pathFromMessage(messages) ?? '/';
    const port = probe?.httpGet?.port ?? probe?.tcpSocket?.port ?? portFromMessage(messages);
    const count = Math.max(...ready.map((e) => e.object.count ?? 1), ready.length);
    const evidence: (EvidenceRef | undefined)[] = [
      ctx.cite.event(ready[ready.length - 1]!),
      ctx.cite.pod([/Readiness:\s/, '"readinessProbe"', 'readinessProbe:']),
      ctx.cite.pod([/^\s*Ready:\s+False/, /"ready":\s*false/, /ready: false/]),
      outOfRotation(ctx),
    ];
    const base =
      0.72 +
      (count >= 3 ? 0.05 : 0) +
      ((ctx.facts.restartCount ?? 0) === 0 ? 0.05 : 0) +
      (probe ? 0.03 : 0);
    const deps = dependencyErrors(ctx);

    if (deps.length > 0 && (!status || Number(status) >= 500 || timeout)) {
      const m = deps[deps.length - 1]!;
      const target = targetOf(m);
      const sub = m.match.signature.subcategory ?? 'unreachable';
      const dep = dependencyState(ctx, m.match.groups.host);
      ctx.report({
        messageId: 'dependency',
        explainId: 'dependencyExplain',
        category: 'dependency-failure',
        subcategory: 'readiness-dependency',
        data: {
          target,
          verb: VERBS[sub] ?? 'fails',
          answer: status ? `HTTP ${status}` : timeout ? 'too slowly (timeout)' : 'with a failure',
          depNote: dep?.note ?? '',
        },
        confidence: Math.min(0.95, base + 0.08 + (deps.length > 2 ? 0.02 : 0) + (dep ? 0.03 : 0)),
        evidence: [citeMatch(ctx, m), ...evidence, ...(dep?.evidence ?? [])],
        fixes: [
          dep?.pod
            ? {
                title: `Fix the dependency first: ${dep.pod} is not running`,
                commands: [`kubectl describe pod ${dep.pod}${nsFlag(ctx)}`],
                risk: 'low',
              }
            : {
                title: `Check the dependency behind ${target}: its Service endpoints and pods`,
                commands: [
                  `kubectl get svc,endpoints${nsFlag(ctx)}`,
                  `kubectl logs ${ctx.case.podName ?? 'POD'}${nsFlag(ctx)} --tail=50`,
                ],
                risk: 'low',
              },
        ],
        supersedes: ['readiness-probe', 'app-crash'],
      });
      return;
    }
    if (
      status &&
      Number(status) >= 400 &&
      Number(status) < 500 &&
      status !== '401' &&
      status !== '403' &&
      status !== '429'
    ) {
      const served = servedPaths(ctx);
      const good = served.find((s) => s.status >= 200 && s.status < 400 && s.path !== path);
      const bad = served.find((s) => s.path === path && s.status === Number(status));
      const livePath = ctx.case.spec?.livenessProbe?.httpGet?.path;
      const better = good?.path ?? (livePath && livePath !== path ? livePath : undefined);
      ctx.report({
        messageId: 'wrongPath',
        explainId: 'wrongPathExplain',
        subcategory: 'wrong-path',
        data: {
          path,
          status,
          servedNote: good ? ` (it serves ${good.path} with ${good.status})` : '',
          betterNote: better
            ? ` ${good ? `The app answers ${good.path} with ${good.status}` : `The liveness probe uses ${better} and passes`}: point the readiness probe there.`
            : ' Point it at the health path the app really serves.',
        },
        confidence: Math.min(0.96, base + 0.08 + (bad ? 0.04 : 0) + (better ? 0.03 : 0)),
        evidence: [
          ...evidence,
          bad ? ctx.cite.log(bad.log, bad.entry, path) : undefined,
          good ? ctx.cite.log(good.log, good.entry, good.path) : undefined,
        ],
        fixes: better
          ? [
              patchProbe(
                ctx,
                'httpGet/path',
                better,
                `Point the readiness probe at ${better}`,
                'replace',
              ),
            ]
          : [inspectFix(ctx)],
      });
      return;
    }
    if (status === '401' || status === '403') {
      ctx.report({
        messageId: 'auth',
        explainId: 'authExplain',
        subcategory: 'auth',
        data: { path, status },
        confidence: base + 0.05,
        evidence,
        fixes: [inspectFix(ctx)],
      });
      return;
    }
    if (status) {
      ctx.report({
        messageId: 'unhealthy',
        explainId: 'unhealthyExplain',
        subcategory: 'unhealthy-endpoint',
        data: { path, status },
        confidence: base - 0.07,
        evidence,
        fixes: [
          {
            title: `Ask the endpoint which check fails`,
            commands: [
              `kubectl exec ${ctx.case.podName ?? 'POD'}${nsFlag(ctx)} -- wget -qO- -S http://127.0.0.1:${port ?? 8080}${path}`,
              `kubectl logs ${ctx.case.podName ?? 'POD'}${nsFlag(ctx)} --tail=100`,
            ],
            risk: 'low',
          },
        ],
        nextStep: {
          messageId: 'decide',
          command: `kubectl logs ${ctx.case.podName ?? 'POD'}${nsFlag(ctx)} --tail=100`,
        },
      });
      return;
    }
    if (refused) {
      const listening = listeningAddresses(ctx);
      const loop = listening.find((l) =>
        /^(127\.0\.0\.1|localhost|\[::1\]|::1)$/.test(l.host ?? ''),
      );
      const declared = (ctx.case.spec?.ports ?? [])
        .map((p) => p.containerPort)
        .filter((p): p is number => p !== undefined);
      // The ports the app says it listens on outrank the declared containerPort, which is
      // often as stale as the probe (an image that moved from 3000 to 8080).
      // A metrics/admin listener says nothing about the main port: only the app's own
      // listen lines outrank the declared ports.
      const main = listening.filter((l) => !AUXILIARY.test(l.entry.text));
      const known =
        main.length > 0
          ? [...new Set(main.map((l) => l.port))]
          : [...new Set([...declared, ...listening.map((l) => l.port)])];
      const portNum = typeof port === 'number' ? port : Number(port);
      if (loop && (!portNum || loop.port === portNum)) {
        ctx.report({
          messageId: 'localhost',
          explainId: 'localhostExplain',
          subcategory: 'bind-localhost',
          data: { address: `${loop.host}:${loop.port}`, port: String(port ?? loop.port) },
          confidence: Math.min(0.95, base + 0.12),
          evidence: [...evidence, ctx.cite.log(loop.log, loop.entry, `${loop.host}`)],
          fixes: [
            {
              title: 'Make the app listen on all interfaces (0.0.0.0), not on 127.0.0.1',
              commands: [bindFix(ctx)],
              risk: 'low',
            },
          ],
        });
        return;
      }
      if (
        port !== undefined &&
        Number.isFinite(portNum) &&
        portNum > 0 &&
        known.length > 0 &&
        !known.includes(portNum)
      ) {
        const listen = main[0] ?? listening[0];
        const target = listen?.port ?? declared[0]!;
        ctx.report({
          messageId: 'wrongPort',
          explainId: 'wrongPortExplain',
          subcategory: 'wrong-port',
          data: {
            port: String(port),
            listenNote: listen
              ? ` (the app listens on ${listen.port})`
              : ` (the container declares ${declared.join(', ')})`,
            listenDetail: listen ? ` while the app logs that it listens on ${listen.port}` : '',
          },
          confidence: Math.min(0.95, base + 0.1),
          evidence: [
            ...evidence,
            listen
              ? ctx.cite.log(listen.log, listen.entry, String(listen.port))
              : ctx.cite.pod(['Port:', '"containerPort"', 'containerPort:']),
          ],
          fixes: [
            patchProbe(
              ctx,
              probe?.tcpSocket ? 'tcpSocket/port' : 'httpGet/port',
              target,
              `Probe port ${target}, where the app listens`,
              'replace',
            ),
          ],
        });
        return;
      }
      ctx.report({
        messageId: 'notListening',
        explainId: 'notListeningExplain',
        subcategory: 'not-listening',
        data: { port: String(port ?? '?') },
        confidence: base - 0.1,
        evidence,
        fixes: [inspectFix(ctx)],
        nextStep: {
          messageId: 'decide',
          command: `kubectl logs ${ctx.case.podName ?? 'POD'}${nsFlag(ctx)} --tail=100`,
        },
      });
      return;
    }
    if (timeout) {
      const t = probe?.timeoutSeconds ?? 1;
      const slow = slowHealth(ctx, path);
      const wanted = Math.max(5, t * 3, slow ? Math.ceil((slow.ms * 2) / 1000) : 0);
      ctx.report({
        messageId: 'timeout',
        explainId: 'timeoutExplain',
        subcategory: 'timeout',
        data: {
          timeout: String(t),
          detail: (messages.find((m) => TIMEOUT.test(m)) ?? '')
            .replace(/^Readiness probe (failed|errored): /, '')
            .slice(0, 140),
          slowNote: slow ? ` The app logs ${path} taking ${slow.ms} ms.` : '',
        },
        confidence: base - 0.02 + (t <= 1 ? 0.03 : 0) + (slow && slow.ms > t * 1000 ? 0.06 : 0),
        evidence: [
          ...evidence,
          ctx.case.pod
            ? ctx.cite.line(ctx.case.pod.origin, [/"?timeoutSeconds"?:\s*\d/], {
                after: /"?readinessProbe"?:/,
                label: `pod/${ctx.case.podName ?? ''}`,
              })
            : undefined,
          slow?.ref,
        ],
        fixes: [
          patchProbe(
            ctx,
            'timeoutSeconds',
            wanted,
            `Give the readiness endpoint more time (timeoutSeconds: ${wanted})`,
            'add',
          ),
        ],
      });
      return;
    }
    const detail =
      (messages[0] ?? '').replace(/^Readiness probe (failed|errored): ?/, '').slice(0, 120) ||
      'no output';
    ctx.report({
      messageId: 'failing',
      explainId: 'failingExplain',
      subcategory: probe?.exec ? 'exec' : 'failing',
      data: { detail },
      confidence: base - 0.12,
      evidence,
      fixes: [inspectFix(ctx)],
      nextStep: {
        messageId: 'decide',
        command: `kubectl logs ${ctx.case.podName ?? 'POD'}${nsFlag(ctx)} --tail=100`,
      },
    });
  },
});

/** How long the app says the probe path takes (JSON access logs or `... /ready ... 1874ms`). */
function slowHealth(
  ctx: CaseContext,
  path: string,
): { ms: number; ref: EvidenceRef | undefined } | undefined {
  let best: { ms: number; ref: EvidenceRef | undefined } | undefined;
  for (const { log, entry } of ctx.facts.logEntries) {
    const f = entry.fields ?? {};
    const p = f['path'] ?? f['url'] ?? f['uri'] ?? f['request_uri'];
    let ms: number | undefined;
    if (p === path) {
      const raw =
        f['duration_ms'] ?? f['latency_ms'] ?? f['elapsed_ms'] ?? f['took_ms'] ?? f['responseTime'];
      if (raw !== undefined && /^\d+(?:\.\d+)?$/.test(raw)) ms = Number(raw);
    } else if (entry.text.includes(path)) {
      const m = /\b(\d+(?:\.\d+)?)\s?ms\b/.exec(entry.text.slice(entry.text.indexOf(path)));
      if (m?.[1]) ms = Number(m[1]);
    }
    if (ms !== undefined && (!best || ms > best.ms))
      best = { ms: Math.round(ms), ref: ctx.cite.log(log, entry, path) };
  }
  return best;
}

/** The setting that makes the app listen on all interfaces, by the server it logs. */
function bindFix(ctx: CaseContext): string {
  const text = ctx.facts.logEntries.map((e) => e.entry.text).join('\n');
  const target = `${workloadTarget(ctx)}${nsFlag(ctx)}`;
  if (/Serving Flask app/.test(text)) return `kubectl set env ${target} FLASK_RUN_HOST=0.0.0.0`;
  if (/Uvicorn running on/.test(text))
    return `uvicorn ... --host 0.0.0.0  # in the container command`;
  if (/Starting development server at|Django version/.test(text))
    return `python manage.py runserver 0.0.0.0:8000  # in the container command`;
  return `kubectl set env ${target} HOST=0.0.0.0  # or the app's own bind/listen setting`;
}

/** The dependency's Service: no ready endpoints, and its own pods not running. */
function dependencyState(
  ctx: CaseContext,
  host: string | undefined,
): { note: string; evidence: (EvidenceRef | undefined)[]; pod?: string } | undefined {
  if (!host) return undefined;
  const lookup = ctx.index.serviceForHost(host, ctx.case.namespace);
  if (!lookup?.endpoints || lookup.endpoints.object.addresses.some((a) => a.ready))
    return undefined;
  const pods = ctx.index
    .podsForService(lookup.service, lookup.name, lookup.namespace)
    .filter((p) => p.object.metadata.name !== ctx.case.podName);
  const down = pods.find(
    (p) =>
      p.object.status?.phase !== 'Running' ||
      p.object.metadata.annotations?.['crashlens.dev/printed-ready']?.startsWith('0/'),
  );
  const state = down
    ? (down.object.metadata.annotations?.['crashlens.dev/printed-status'] ??
      down.object.status?.phase ??
      'not running')
    : undefined;
  return {
    note: ` Service ${lookup.name} has no ready endpoints${down ? `: its pod ${down.object.metadata.name} is ${state}` : ''}.`,
    evidence: [
      ctx.cite.item(lookup.endpoints, [lookup.name]),
      down ? ctx.cite.item(down, [down.object.metadata.name ?? '']) : undefined,
    ],
    ...(down?.object.metadata.name ? { pod: down.object.metadata.name } : {}),
  };
}

/** The workload's Service with no ready endpoint left: every replica is out of rotation. */
function outOfRotation(ctx: CaseContext): EvidenceRef | undefined {
  const pod = ctx.case.pod?.object;
  const labels = pod?.metadata.labels ?? {};
  const names = new Set<string>();
  for (const svc of ctx.index.all('Service')) {
    const sel = svc.object.spec?.selector;
    if (
      sel &&
      Object.keys(sel).length > 0 &&
      Object.entries(sel).every(([k, v]) => labels[k] === v)
    )
      names.add(svc.object.metadata.name ?? '');
  }
  const owner = ctx.case.ownerRefs.at(-1)?.name;
  if (owner) names.add(owner);
  for (const name of names) {
    const eps = ctx.index.endpointsFor(name, ctx.case.namespace);
    if (eps && !eps.object.addresses.some((a) => a.ready)) return ctx.cite.item(eps, [name]);
  }
  return undefined;
}

const VERBS: Record<string, string> = {
  refused: 'refuses connections',
  reset: 'resets connections',
  timeout: 'does not answer',
  dns: 'does not resolve',
  tls: 'fails TLS verification',
  auth: 'rejects the credentials',
  unreachable: 'cannot be reached',
};

/** Dependency errors in the running container's log (the app keeps running while they last). */
function dependencyErrors(ctx: CaseContext): LogMatch[] {
  return matchesIn(ctx, { category: 'dependency-failure' });
}

function targetOf(m: LogMatch): string {
  const host = m.match.groups.host;
  const port = m.match.groups.port;
  if (host) return port ? `${host}:${port}` : host;
  const named = /(?:to|at|on) ([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)*(?::\d+)?)/i.exec(m.match.text);
  return named?.[1] ?? 'a dependency';
}

function pathFromMessage(messages: string[]): string | undefined {
  for (const m of messages) {
    const p = /Get "https?:\/\/[^/"]+(\/[^"]*)"/.exec(m)?.[1];
    if (p) return p;
  }
  return undefined;
}

function portFromMessage(messages: string[]): number | undefined {
  for (const m of messages) {
    const p = /(?:https?:\/\/|dial tcp )[\d.]+:(\d{2,5})/.exec(m)?.[1];
    if (p) return Number(p);
  }
  return undefined;
}

/** Addresses the app says it listens on: `Listening on 127.0.0.1:8080`, `Uvicorn running on http://0.0.0.0:8000`. */
function listeningAddresses(
  ctx: CaseContext,
): { host?: string; port: number; log: ContainerLog; entry: LogEntry }[] {
  const out: { host?: string; port: number; log: ContainerLog; entry: LogEntry }[] = [];
  // Dev servers (Next.js, Vite, CRA) print `- Local: http://localhost:3000` / `Network: http://0.0.0.0:3000`.
  const re =
    /(?:[Ll]istening (?:on|at)|[Ss]erving on|[Ss]tarted server on|bound to|[Rr]unning on|[Ss]erver (?:is )?running (?:on|at)|Now listening on:|Tomcat started on port(?:\(s\))?:?|(?:^|\s)(?:Local|Network|On Your Network):)\s*(?:https?:\/\/)?(?:(\[[^\]]+\]|[\w.-]+):)?(\d{2,5})\b/;
  const onPort =
    /\b(?:[Ll]istening|[Rr]unning|[Ss]tarted|[Ss]erving)\b[^\n]{0,30}? on port (\d{2,5})\b/;
  for (const { log, entry } of ctx.facts.logEntries) {
    const m = re.exec(entry.text);
    // A dev server's `Local:` URL names localhost even when it binds every interface.
    const banner = m !== null && /(?:Local|Network):/.test(m[0]);
    if (m?.[2])
      out.push({
        ...(m[1] && !banner ? { host: m[1] } : {}),
        port: Number(m[2]),
        log,
        entry,
      });
    else {
      const p = onPort.exec(entry.text);
      if (p?.[1]) out.push({ port: Number(p[1]), log, entry });
    }
  }
  return out;
}

function patchProbe(
  ctx: CaseContext,
  field: string,
  value: string | number,
  title: string,
  op: 'add' | 'replace',
): Fix {
  return probePatchFix(ctx, {
    target: workloadTarget(ctx),
    probe: 'readiness',
    field,
    value,
    title,
    op,
  });
}

function inspectFix(ctx: CaseContext): Fix {
  const probe: Probe | undefined = ctx.case.spec?.readinessProbe;
  const port = probe?.httpGet?.port ?? probe?.tcpSocket?.port ?? 8080;
  return {
    title: 'Compare the readiness probe with what the app serves, from inside the pod',
    commands: [
      `kubectl get ${workloadTarget(ctx)}${nsFlag(ctx)} -o jsonpath='{${specPathFor(workloadTarget(ctx))}.containers[*].readinessProbe}'`,
      `kubectl exec ${ctx.case.podName ?? 'POD'}${nsFlag(ctx)} -- wget -qO- -S http://127.0.0.1:${port}${probe?.httpGet?.path ?? '/'}`,
    ],
    risk: 'low',
  };
}
