/**
 * upstream-disruption: the container dies on a connection reset (or closed connection) from a
 * dependency while that dependency's workload is being rolled out. When a config reloader
 * (Stakater Reloader `Reloaded` events, `STAKATER_*` env, `last-reloaded-from`) triggered the
 * rollout and the content hash is the same across the new revisions, the rollouts are spurious:
 * the fix is the reloader's configuration, not the crashing app.
 */
import type { CaseContext } from '../engine/context.js';
import type { EvidenceRef, Fix } from '../engine/report.js';
import type { Item, KEvent, TableRow } from '../evidence/types.js';
import { defineDetector } from './define.js';
import { citeMatch, matchesIn, terminality } from './_shared.js';

type Messages =
  'spurious' | 'spuriousExplain' | 'reloaded' | 'reloadedExplain' | 'rollout' | 'rolloutExplain';

const ROLLOUT_REASONS =
  /^(Reloaded|ScalingReplicaSet|SuccessfulDelete|Killing|DeploymentRollback)$/;

export default defineDetector<Messages>({
  meta: {
    id: 'upstream-rollout-disruption',
    title: "A dependency's rollout resets the app's connections",
    category: 'upstream-disruption',
    severity: 'medium',
    summary:
      'Connection resets from a dependency while it rolls out; config-reloader rollouts with unchanged content hashes are flagged as spurious.',
    messages: {
      spurious:
        '{{workload}} is rolled out by a config reloader with unchanged content ({{hash}}), resetting connections from this app',
      spuriousExplain:
        '{{container}} exits when {{host}} resets its connection. {{workload}} was just rolled out by a config reloader ("{{reload}}"), yet its ReplicaSets {{revisions}} carry the same config hash {{hash}}: nothing changed, the rollouts are spurious (a known Stakater Reloader behaviour with reloadOnCreate/syncAfterRestart on a restart or leader election). Each rollout cycles the dependency\'s pods and resets every client connection.',
      reloaded:
        '{{workload}} was rolled out by a config reloader, resetting connections from this app',
      reloadedExplain:
        '{{container}} exits when {{host}} resets its connection; {{workload}} was rolled out by a config reloader at the same time ("{{reload}}"). Check whether the content really changed; if not, the reloader is restarting it spuriously.',
      rollout: '{{workload}} was rolling out when this app lost its connection to it',
      rolloutExplain:
        "{{container}} exits on a connection reset from {{host}} while {{workload}} scales its ReplicaSets; the dependency's rollout, not this app, ended the connection.",
    },
    requires: ['logs'],
  },
  detect(ctx) {
    const resets = matchesIn(ctx, { subcategory: ['reset'] }).filter(
      (m) => m.crashed || ctx.case.logs.previous === undefined,
    );
    const reset = resets.sort((a, b) => terminality(b) - terminality(a))[0];
    if (!reset) return;
    const host = hostOf(reset.match.text) ?? reset.match.groups.host;
    const workloadEvents = rolloutEvents(ctx, host);
    if (workloadEvents.length === 0) return;
    const workload = workloadEvents[0]!.object.involvedObject;
    const wname = `${(workload.kind ?? 'deployment').toLowerCase()}/${workload.name ?? ''}`;
    const reload = workloadEvents.find((e) => e.object.reason === 'Reloaded');
    const hashes = sameHashRows(ctx, workload.name ?? '');
    const data = {
      workload: wname,
      container: ctx.case.container || 'The app',
      host: host ?? 'the dependency',
      reload: reload?.object.message?.slice(0, 100) ?? '',
      hash: hashes?.hash ?? '',
      revisions: hashes?.revisions.join(', ') ?? '',
    };
    const evidence: (EvidenceRef | undefined)[] = [
      citeMatch(ctx, reset),
      reload ? ctx.cite.event(reload) : ctx.cite.event(workloadEvents[0]!),
      hashes?.ref,
    ];
    const confidence = 0.6 + (reload ? 0.15 : 0) + (hashes ? 0.15 : 0) + terminality(reset) * 0.05;
    const supersedes = ['dependency-failure', 'app-crash'] as const;
    if (reload && hashes) {
      ctx.report({
        messageId: 'spurious',
        explainId: 'spuriousExplain',
        subcategory: 'config-reloader',
        data,
        confidence,
        evidence,
        fixes: reloaderFixes(ctx, wname, workload.namespace),
        supersedes: [...supersedes],
      });
    } else if (reload) {
      ctx.report({
        messageId: 'reloaded',
        explainId: 'reloadedExplain',
        subcategory: 'config-reloader',
        data,
        confidence,
        evidence,
        fixes: reloaderFixes(ctx, wname, workload.namespace),
        supersedes: [...supersedes],
      });
    } else {
      ctx.report({
        messageId: 'rollout',
        explainId: 'rolloutExplain',
        subcategory: 'dependency-rollout',
        data,
        confidence,
        evidence,
        fixes: [
          {
            title:
              'Make the app reconnect on a reset instead of exiting, and give the dependency a gentler rollout (maxUnavailable, preStop drain, PodDisruptionBudget)',
            commands: [
              `kubectl rollout history ${wname}${workload.namespace ? ` -n ${workload.namespace}` : ''}`,
            ],
            risk: 'low',
          },
        ],
        supersedes: [...supersedes],
      });
    }
  },
});

/** A host the reset came from: a name with a dot, a hyphen or a port, never an English word. */
function hostOf(text: string): string | undefined {
  for (const m of text.matchAll(
    /(?:from|to|reading from|writing to|at) ([a-z0-9][a-z0-9.-]*[a-z0-9])(:\d+)?/gi,
  )) {
    const host = m[1] ?? '';
    if (m[2] || host.includes('.') || host.includes('-')) return host;
  }
  return undefined;
}

/**
 * Rollout/reload events of the workload behind the host (by Service name); of any other
 * workload when the host is unknown or is not a Service in the evidence. The pod's own workload
 * is never its upstream, even when its owner is only known from its name.
 */
function rolloutEvents(ctx: CaseContext, host: string | undefined): Item<KEvent>[] {
  const svc = host ? ctx.index.serviceForHost(host, ctx.case.namespace) : undefined;
  const known = svc && (svc.service || svc.endpoints);
  const ownTop = ctx.case.ownerRefs[ctx.case.ownerRefs.length - 1]?.name;
  const podName = ctx.case.podName ?? '';
  const rollouts = ctx.index
    .events()
    .filter(
      (e) =>
        ROLLOUT_REASONS.test(e.object.reason ?? '') &&
        /Deployment|StatefulSet|DaemonSet/i.test(e.object.involvedObject.kind ?? ''),
    )
    .filter((e) => {
      const name = e.object.involvedObject.name ?? '';
      return name !== ownTop && !(name && podName.startsWith(`${name}-`));
    });
  const matching = rollouts.filter(
    (e) =>
      (e.object.involvedObject.name ?? '') === svc?.name ||
      (host ?? '').startsWith(`${e.object.involvedObject.name ?? '\u0000'}.`),
  );
  const chosen = matching.length > 0 || known ? matching : rollouts;
  return chosen.sort(
    (a, b) => (a.object.reason === 'Reloaded' ? -1 : 0) - (b.object.reason === 'Reloaded' ? -1 : 0),
  );
}

/**
 * ReplicaSet rows of the workload sharing one hash-like column value across two or more
 * revisions (custom-columns output, or STAKATER_* env values).
 */
function sameHashRows(
  ctx: CaseContext,
  workload: string,
): { hash: string; revisions: string[]; ref?: EvidenceRef } | undefined {
  const rows: Item<TableRow>[] = ctx.index
    .tableRows()
    .filter((r) => Object.values(r.object.cells).some((v) => v.startsWith(`${workload}-`)));
  const hashColumns = new Map<string, Item<TableRow>[]>();
  for (const row of rows) {
    for (const [col, value] of Object.entries(row.object.cells)) {
      if (!/^[a-f0-9]{32,64}$/i.test(value)) continue;
      const key = `${col}=${value}`;
      hashColumns.set(key, [...(hashColumns.get(key) ?? []), row]);
    }
  }
  for (const [key, same] of hashColumns) {
    if (same.length < 2) continue;
    const hash = key.slice(key.indexOf('=') + 1);
    const revisions = same
      .map((r) => Object.entries(r.object.cells).find(([c]) => /REVISION/i.test(c))?.[1] ?? '')
      .filter((v) => v);
    const last = same[same.length - 1]!;
    const ref = ctx.cite.item(last, [hash]);
    return { hash, revisions, ...(ref ? { ref } : {}) };
  }
  const fromEnv = ctx.index
    .workloads()
    .filter(
      (w) =>
        w.object.kind === 'ReplicaSet' && (w.object.metadata.name ?? '').startsWith(`${workload}-`),
    );
  const values = new Map<string, Item[]>();
  for (const rs of fromEnv) {
    for (const c of rs.object.spec?.template?.spec?.containers ?? []) {
      for (const e of c.env ?? []) {
        if (e.name.startsWith('STAKATER_') && e.value)
          values.set(e.value, [...(values.get(e.value) ?? []), rs]);
      }
    }
  }
  for (const [hash, list] of values) {
    if (list.length >= 2) {
      const ref = ctx.cite.item(list[list.length - 1]!, [hash]);
      return {
        hash,
        revisions: list.map(
          (l) =>
            (l.object as { metadata: { annotations?: Record<string, string> } }).metadata
              .annotations?.['deployment.kubernetes.io/revision'] ?? '?',
        ),
        ...(ref ? { ref } : {}),
      };
    }
  }
  return undefined;
}

function reloaderFixes(ctx: CaseContext, workload: string, ns: string | undefined): Fix[] {
  const nsf = ns ? ` -n ${ns}` : '';
  return [
    {
      title:
        'Stop the reloader rolling out unchanged config: run Stakater Reloader with --reload-on-create=false and --sync-after-restart=false (reloadOnCreate/syncAfterRestart in its Helm values)',
      commands: [
        `kubectl get deployment -A -l app=reloader-reloader -o jsonpath='{.items[*].spec.template.spec.containers[*].args}'`,
        `kubectl rollout history ${workload}${nsf}`,
      ],
      risk: 'low',
    },
    {
      title: `Make ${ctx.case.container || 'the app'} reconnect on a reset instead of exiting, so a dependency rollout does not crash it`,
      commands: [],
      risk: 'low',
    },
  ];
}
