/**
 * dependency-failure: the app cannot reach something it needs (refused, reset, timed out, name
 * not resolved, TLS or credentials rejected) at a host:port named in its logs. The host is looked
 * up among the Services, Endpoints and pods in the evidence:
 * - no ready endpoints, or the dependency's own pods crash-loop: the dependency is the root;
 * - ready endpoints: the dependency is up, so this hypothesis is ruled out (the app probably
 *   points at the wrong address, which other detectors explain);
 * - the app logs the error and carries on: a contributing factor, not the cause;
 * - the dependency answers but rejects the login: the credentials disagree, not the network.
 */
import type { CaseContext } from '../engine/context.js';
import type { EvidenceRef, Fix } from '../engine/report.js';
import type { Endpoints, Item } from '../evidence/types.js';
import { defineDetector } from './define.js';
import {
  citeMatch,
  continuedAfter,
  matchesIn,
  nsFlag,
  restartCommand,
  terminality,
  type LogMatch,
} from './_shared.js';

type Messages =
  | 'down'
  | 'downExplain'
  | 'upstreamCrash'
  | 'upstreamCrashExplain'
  | 'unreachable'
  | 'unreachableExplain'
  | 'factor'
  | 'factorExplain'
  | 'up'
  | 'sidecar'
  | 'sidecarExplain'
  | 'loopback'
  | 'loopbackExplain'
  | 'loopbackUp'
  | 'decide'
  | 'auth'
  | 'authExplain';

const KIND_WORDS: Record<string, string> = {
  refused: 'refuses connections',
  reset: 'resets connections',
  timeout: 'does not answer (timeout)',
  dns: 'does not resolve',
  tls: 'fails TLS verification',
  auth: 'rejects the credentials',
  unreachable: 'cannot be reached',
};

const MESH_SIDECARS =
  /^(istio-proxy|linkerd-proxy|envoy|envoy-sidecar|cloud-sql-proxy|vault-agent)$/;

export default defineDetector<Messages>({
  meta: {
    id: 'dependency-unreachable',
    title: 'A dependency refuses, times out, does not resolve or rejects credentials',
    category: 'dependency-failure',
    severity: 'high',
    summary:
      'Connection errors to a host:port in the logs, resolved against Services/Endpoints: down, crash-looping upstream, or up (ruled out).',
    messages: {
      down: '{{service}} has no ready endpoints: the dependency at {{target}} is down',
      downExplain:
        'The app {{verb}} to {{target}}, and Service {{service}} has no ready endpoints, so there is nothing to connect to. Fix the dependency first; this pod recovers on its next restart.',
      upstreamCrash:
        'The dependency {{service}} is itself failing ({{podState}}), so {{target}} {{verbShort}}',
      upstreamCrashExplain:
        'The app fails connecting to {{target}} because the pods behind {{service}} are not running ({{podState}}): the upstream failure is the root cause; diagnose {{depPod}} first.',
      unreachable: 'The app cannot reach {{target}}: it {{verbShort}}',
      unreachableExplain:
        'The last error before the exit is a connection failure to {{target}} ({{kindWord}}). {{lookupNote}}The app exits instead of retrying, so the kubelet restarts it in a loop until the dependency answers.',
      factor: '{{target}} {{verbShort}} at start-up; the app carried on without it',
      factorExplain:
        'The app could not use {{target}} ({{kindWord}}) and logged that it continues without it. That opened the code path that failed, so it is a contributing factor, not the root cause.',
      up: 'the dependency is up: Service {{service}} has {{ready}} ready endpoint(s) ({{addresses}})',
      sidecar:
        'The app starts before its {{sidecar}} sidecar is ready, so its first connections fail',
      sidecarExplain:
        'Connections fail right at start-up while the {{sidecar}} proxy is still starting. Hold the app until the proxy is ready (holdApplicationUntilProxyStarts, a native sidecar, or a retry at start-up).',
      decide: 'Check whether {{target}} has ready endpoints',
      auth: '{{target}} rejects the credentials the app sends{{userNote}}',
      authExplain:
        "The dependency answered, so it is up and reachable, but it refuses the login{{userNote}} and the app exits. The user or password the container gets (its env or a mounted Secret) does not match what {{target}} expects: a Secret changed on one side only, a database volume initialised with an older password (an image's *_PASSWORD variables apply only on the first start), or the wrong Secret or key.",
      loopback:
        'The app connects to {{target}}, its own pod, where nothing listens: it is not pointed at the real {{what}}',
      loopbackExplain:
        'Connections to {{target}} are refused because {{target}} is the pod itself and no container in it serves that port. The app fell back to a default address (a missing or renamed setting) instead of the Service it should use.{{serviceNote}}',
      loopbackUp:
        'the dependency is up: Service {{service}} serves port {{port}} with {{ready}} ready endpoint(s), but the app connects to {{target}}',
    },
    requires: ['logs'],
  },
  detect(ctx) {
    const all = matchesIn(ctx, { category: 'dependency-failure' });
    if (all.length === 0) return;
    const terminal = [...all].sort(
      (a, b) =>
        terminality(b) - terminality(a) || b.match.signature.weight - a.match.signature.weight,
    )[0]!;
    const factorOnly = all.every((m) => continuedAfter(m) || terminality(m) < 0.5);
    const target = targetOf(ctx, terminal);
    const lookup = target.host
      ? ctx.index.serviceForHost(target.host, ctx.case.namespace)
      : relatedService(ctx, terminal, target.port);
    const eps = lookup?.endpoints;
    const ready = eps?.object.addresses.filter((a) => a.ready) ?? [];
    const depPods = lookup
      ? ctx.index
          .podsForService(lookup.service, lookup.name, lookup.namespace)
          .filter((p) => p.object.metadata.name !== ctx.case.podName)
      : [];
    const failingDep = depPods.find((p) =>
      (p.object.status?.containerStatuses ?? []).some(
        (s) => s.state?.waiting?.reason || (s.restartCount ?? 0) > 2 || s.ready === false,
      ),
    );
    const sub = terminal.match.signature.subcategory ?? 'unreachable';
    const kindWord = KIND_WORDS[sub] ?? 'fails';
    const targetText = target.text;
    const evidence: (EvidenceRef | undefined)[] = [citeMatch(ctx, terminal)];
    const data = {
      target: targetText,
      service: lookup?.name ?? '',
      verb: verbFor(sub),
      verbShort: kindWord,
      kindWord,
      lookupNote: '',
      podState: '',
      depPod: '',
    };

    if (isLoopback(target.host) && !factorOnly && !hasSidecar(ctx)) {
      const related = relatedService(ctx, terminal, target.port);
      const relEps = related?.endpoints;
      const relReady = relEps?.object.addresses.filter((a) => a.ready) ?? [];
      if (related && relEps && relReady.length > 0) {
        ctx.ruleOut({
          category: 'dependency-failure',
          messageId: 'loopbackUp',
          data: {
            service: related.name,
            port: target.port ?? '',
            ready: relReady.length,
            target: targetText,
          },
          evidence: [ctx.cite.item(relEps as Item<Endpoints>, [relReady[0]!.ip, related.name])],
        });
      }
      ctx.report({
        messageId: 'loopback',
        explainId: 'loopbackExplain',
        category: 'invalid-config',
        subcategory: 'points-to-localhost',
        data: {
          ...data,
          what: related?.name ?? 'dependency',
          serviceNote: related
            ? ` Service ${related.name} serves port ${target.port ?? ''}${relReady.length ? ` and has ${relReady.length} ready endpoint(s)` : ''}: point the app at it.`
            : '',
        },
        confidence: 0.65,
        evidence,
        fixes: checkFixes(ctx, targetText, related?.name),
        // The exception the app throws for the refused connection is its symptom, not a bug.
        supersedes: ['dependency-failure', 'app-crash'],
      });
      return;
    }
    if (
      lookup &&
      eps &&
      ready.length > 0 &&
      (sub === 'refused' || sub === 'dns' || sub === 'timeout' || sub === 'unreachable')
    ) {
      ctx.ruleOut({
        category: 'dependency-failure',
        messageId: 'up',
        data: {
          service: lookup.name,
          ready: ready.length,
          addresses: ready
            .slice(0, 3)
            .map((a) => `${a.ip}${a.ports?.[0] ? `:${a.ports[0]}` : ''}`)
            .join(', '),
        },
        evidence: [ctx.cite.item(eps as Item<Endpoints>, [ready[0]!.ip, lookup.name])],
      });
      ctx.report({
        messageId: 'unreachable',
        explainId: 'unreachableExplain',
        subcategory: sub,
        data: {
          ...data,
          lookupNote: `Yet Service ${lookup.name} has ready endpoints, so the dependency is up and the app is probably pointed at the wrong address. `,
        },
        confidence: 0.3,
        evidence,
        fixes: checkFixes(ctx, targetText, lookup.name),
        role: factorOnly ? 'factor' : 'cause',
      });
      return;
    }
    if (factorOnly) {
      ctx.report({
        messageId: 'factor',
        explainId: 'factorExplain',
        subcategory: sub,
        data,
        confidence: 0.5,
        evidence,
        role: 'factor',
      });
      return;
    }
    const mesh = (ctx.case.pod?.object.spec?.containers ?? []).find(
      (c) => MESH_SIDECARS.test(c.name) && c.name !== ctx.case.container,
    );
    if (mesh && terminal.position <= 3 && (ctx.facts.lastRunSeconds ?? 0) < 10) {
      ctx.report({
        messageId: 'sidecar',
        explainId: 'sidecarExplain',
        subcategory: 'sidecar-not-ready',
        data: { ...data, sidecar: mesh.name },
        confidence: 0.7,
        evidence: [...evidence, ctx.cite.pod([`${mesh.name}:`, `"name": "${mesh.name}"`])],
      });
      return;
    }
    if (failingDep) {
      const st = failingDep.object.status?.containerStatuses?.[0];
      const state =
        st?.state?.waiting?.reason ?? (st?.ready === false ? 'not ready' : 'restarting');
      ctx.report({
        messageId: 'upstreamCrash',
        explainId: 'upstreamCrashExplain',
        subcategory: 'upstream-failing',
        data: {
          ...data,
          podState: `${failingDep.object.metadata.name}: ${state}`,
          depPod: failingDep.object.metadata.name ?? '',
        },
        confidence: 0.85,
        // The app's exception for the failed connection is the symptom of the upstream failure.
        supersedes: ['app-crash'],
        evidence: [
          ...evidence,
          ctx.cite.item(failingDep, [state, failingDep.object.metadata.name ?? '']),
        ],
        fixes: [
          {
            title: `Diagnose the dependency first`,
            commands: [
              `kubectl describe pod ${failingDep.object.metadata.name}${failingDep.object.metadata.namespace ? ` -n ${failingDep.object.metadata.namespace}` : nsFlag(ctx)}`,
            ],
            risk: 'low',
          },
        ],
      });
      return;
    }
    if (lookup && eps && ready.length === 0) {
      ctx.report({
        messageId: 'down',
        explainId: 'downExplain',
        subcategory: 'no-endpoints',
        data,
        confidence: 0.85,
        supersedes: ['app-crash'],
        evidence: [...evidence, ctx.cite.item(eps as Item<Endpoints>, [lookup.name])],
        fixes: checkFixes(ctx, targetText, lookup.name),
      });
      return;
    }
    if (sub === 'auth') {
      const user = terminal.match.groups.user;
      const host = target.host ? target.text : hostInLine(terminal.match.text);
      ctx.report({
        messageId: 'auth',
        explainId: 'authExplain',
        subcategory: 'auth',
        data: {
          ...data,
          target: host ?? 'The dependency',
          userNote: user ? ` for user "${user}"` : '',
        },
        confidence: Math.min(0.88, 0.6 + terminality(terminal) * 0.25),
        // The exception thrown for the rejected login is its symptom, not an app bug.
        supersedes: ['app-crash'],
        evidence,
        fixes: authFixes(ctx),
      });
      return;
    }
    const base =
      0.45 +
      terminal.match.signature.weight * 0.3 +
      terminality(terminal) * 0.15 +
      (all.length > 2 ? 0.03 : 0);
    ctx.report({
      messageId: 'unreachable',
      explainId: 'unreachableExplain',
      subcategory: sub,
      data,
      confidence: Math.min(0.88, base),
      // The exception thrown for the failed connection is its symptom, not an app bug.
      supersedes: ['app-crash'],
      evidence: [
        ...evidence,
        ...all
          .filter((m) => m !== terminal)
          .slice(0, 1)
          .map((m) => citeMatch(ctx, m)),
      ],
      fixes: checkFixes(ctx, targetText, lookup?.name),
      ...(!eps
        ? {
            nextStep: {
              messageId: 'decide',
              data,
              command: `kubectl get endpoints${lookup?.name ? ` ${lookup.name}` : ''}${lookup?.namespace ? ` -n ${lookup.namespace}` : nsFlag(ctx)}`,
            },
          }
        : {}),
    });
  },
});

function isLoopback(host: string | undefined): boolean {
  // 127.0.0.1 is the pod itself; other 127.x addresses are real endpoints in local clusters (the lab).
  return !!host && /^(localhost|127\.0\.0\.1|::1|\[::1\]|0\.0\.0\.0)$/i.test(host);
}

/** Another container in the pod could be what listens on localhost (a proxy sidecar). */
function hasSidecar(ctx: CaseContext): boolean {
  const spec = ctx.case.pod?.object.spec;
  const others = [
    ...(spec?.containers ?? []),
    ...(spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always'),
  ].filter((c) => c.name !== ctx.case.container);
  return others.length > 0 || !spec;
}

function verbFor(sub: string): string {
  return sub === 'auth' ? 'authenticates' : sub === 'dns' ? 'resolves the name' : 'connects';
}

function targetOf(ctx: CaseContext, m: LogMatch): { host?: string; port?: string; text: string } {
  const host = m.match.groups.host;
  const port = m.match.groups.port;
  if (host && (!/^\d+\.\d+\.\d+\.\d+$/.test(host) || isLoopback(host)))
    return { host, ...(port ? { port } : {}), text: port ? `${host}:${port}` : host };
  // An IP (a cluster IP or pod IP): find a host name the app mentioned for the same port.
  const named = mentionedHost(ctx, port);
  if (named)
    return {
      host: named,
      ...(port ? { port } : {}),
      text: `${named}${port ? `:${port}` : ''}${host ? ` (${host})` : ''}`,
    };
  const fromText = /(?:to|from|at|on) ([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)*)(?::(\d+))?/i.exec(
    m.match.text,
  );
  if (!host && fromText?.[1] && fromText[1].includes('.'))
    return {
      host: fromText[1],
      ...(fromText[2] ? { port: fromText[2] } : {}),
      text: fromText[0].slice(fromText[0].indexOf(' ') + 1),
    };
  return {
    ...(host ? { host } : {}),
    ...(port ? { port } : {}),
    text: host ? `${host}${port ? `:${port}` : ''}` : 'a dependency',
  };
}

/** A `scheme://host:port` the app printed, with the same port. */
function mentionedHost(ctx: CaseContext, port: string | undefined): string | undefined {
  for (const { entry } of ctx.facts.logEntries) {
    const m = /[a-z][\w+.-]*:\/\/(?:[^@\s/]*@)?([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)*):(\d+)/i.exec(
      entry.text,
    );
    if (m?.[1] && (!port || m[2] === port)) return m[1];
  }
  return undefined;
}

/** With only an IP: a Service/Endpoints in the evidence that serves the same port. */
function relatedService(
  ctx: CaseContext,
  _m: LogMatch,
  port: string | undefined,
): ReturnType<CaseContext['index']['serviceForHost']> {
  if (!port) return undefined;
  const eps = ctx.index
    .all('Endpoints')
    .find((e) => e.object.addresses.some((a) => a.ports?.includes(Number(port))));
  if (!eps) return undefined;
  const name = eps.object.serviceName ?? eps.object.metadata.name ?? '';
  return ctx.index.serviceForHost(name, eps.object.metadata.namespace ?? ctx.case.namespace);
}

/** The server a libpq/JDBC-style line names: `server at "db"`, `host "db"`, `@db:5432`. */
function hostInLine(text: string): string | undefined {
  const m = /(?:server at|host|@)\s*"?([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)*)"?/i.exec(text);
  return m?.[1];
}

function authFixes(ctx: CaseContext): Fix[] {
  const ns = nsFlag(ctx);
  return [
    {
      title:
        'See which Secret and key the credentials come from (describe shows the references, never the values)',
      commands: [
        `kubectl describe pod ${ctx.case.podName ?? 'POD'}${ns} | grep -A15 'Environment:'`,
      ],
      risk: 'low',
    },
    {
      title:
        "Make the two sides agree: set the password on the dependency to the Secret's (or the Secret to the dependency's), then restart",
      commands: [restartCommand(ctx)],
      risk: 'medium',
      note: 'A database that keeps its data on a volume ignores a changed *_PASSWORD variable: change the password inside the database (ALTER USER), not only in the Secret.',
    },
  ];
}

function checkFixes(ctx: CaseContext, target: string, service: string | undefined): Fix[] {
  const ns = nsFlag(ctx);
  return [
    {
      title: `Check the dependency behind ${target}: its endpoints and pods`,
      commands: service
        ? [
            `kubectl get endpoints ${service}${ns}`,
            `kubectl get pods${ns} -o wide | grep ${service}`,
          ]
        : [`kubectl get svc,endpoints${ns}`],
      risk: 'low',
    },
    {
      title:
        'Make the app wait for and retry its dependency at start-up (an init container or retry with back-off) instead of exiting',
      commands: [],
      risk: 'low',
    },
  ];
}
