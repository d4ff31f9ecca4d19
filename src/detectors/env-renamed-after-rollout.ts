/**
 * config-code-mismatch: the running version reads a setting the deployed configuration does not
 * provide, while a near name is provided (REDIS_URL read, REDIS_HOST/REDIS_PORT given), typically
 * right after a rollout changed the image but not the config. The app then falls back to a
 * default (often a wrong address), so the visible error is a refused connection: this detector
 * explains that error, and so takes precedence over dependency-failure.
 */
import { escapeRegExp } from '../regexp.js';
import type { CaseContext } from '../engine/context.js';
import type { EvidenceRef, Fix } from '../engine/report.js';
import type { Item, ConfigMap, LogEntry, ContainerLog } from '../evidence/types.js';
import { defineDetector } from './define.js';
import {
  logMatches,
  nearNames,
  nsFlag,
  sameSetting,
  settingToEnv,
  shq,
  restartCommand,
  rolloutChange,
  targetRef,
} from './_shared.js';

type Messages = 'renamed' | 'renamedExplain' | 'decide';

/** A log line where the app prints a setting it uses: `REDIS_URL=redis://...`. */
const ECHO = /(?:^|[\s[(,])([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)=(\S{1,300})/;

interface Wanted {
  name: string;
  value?: string;
  log: ContainerLog;
  entry: LogEntry;
  needle: string;
  /** The app says the value is missing (not just echoing a default). */
  missing: boolean;
}

export default defineDetector<Messages>({
  meta: {
    id: 'env-renamed-after-rollout',
    title: 'New version reads a setting the config does not provide',
    category: 'config-code-mismatch',
    severity: 'high',
    summary:
      'The app reads an env var that is absent while a near name is present (renamed between versions), usually after a rollout.',
    messages: {
      renamed: '{{image}} reads {{wanted}}, but the configuration only provides {{present}}',
      renamedExplain:
        'The app reads {{wanted}}{{valueNote}}, which no env entry, ConfigMap or Secret of the container provides; the configuration still carries {{present}}, the names an earlier version read. {{rolloutNote}}The failure that follows (the error at the end of the log) comes from the app falling back to a default, not from the dependency itself.',
      decide:
        'The container pulls env from {{sources}} whose keys are not in the paste; check whether {{wanted}} is among them',
    },
    requires: ['logs'],
  },
  detect(ctx) {
    const wanted = wantedSettings(ctx);
    if (wanted.length === 0) return;
    const envNames = [...ctx.facts.env.keys()];
    for (const w of wanted) {
      if (
        envNames.some(
          (n) => sameSetting(n, w.name) || settingToEnv(w.name).some((e) => sameSetting(e, n)),
        )
      )
        continue;
      const near = nearNames(w.name, envNames).filter((n) => !sameSetting(n, w.name));
      const rollout = rolloutChange(ctx);
      const opaque = ctx.facts.opaqueEnvFrom;
      if (near.length === 0 && !w.missing) continue;
      if (near.length === 0 && w.missing) continue; // a plainly missing setting is missing-config's
      const confidence =
        0.55 +
        (near.length > 0 ? 0.15 : 0) +
        (rollout ? 0.15 : 0) +
        (opaque.length === 0 ? 0.1 : -0.25) +
        (w.value ? 0.03 : 0);
      const cm = sourceConfigMap(ctx, near);
      const evidence: (EvidenceRef | undefined)[] = [
        ctx.cite.log(w.log, w.entry, w.needle),
        ...near.slice(0, 2).map((n) => citeEnvSource(ctx, n, cm)),
        rollout?.ref,
      ];
      const image = ctx.case.spec?.image ?? ctx.case.status?.image;
      const version = image?.split('/').pop() ?? 'The new version';
      ctx.report({
        messageId: 'renamed',
        explainId: 'renamedExplain',
        subcategory: 'env-renamed',
        data: {
          image: version,
          wanted: w.name,
          present: near.join('/'),
          valueNote: w.value ? ` (it fell back to ${w.value})` : '',
          rolloutNote: rollout
            ? `The failures began with revision ${rollout.revision}${rollout.cause ? ` (${rollout.cause})` : ''}, which changed the code but not the config. `
            : '',
        },
        confidence,
        evidence,
        fixes: fixes(ctx, w, near, cm, rollout?.previous),
        supersedes: ['dependency-failure', 'app-crash', 'missing-config', 'invalid-config'],
        ...(opaque.length > 0
          ? {
              nextStep: {
                messageId: 'decide',
                data: {
                  sources: opaque.map((o) => `${o.kind} ${o.name}`).join(', '),
                  wanted: w.name,
                },
                command: `kubectl get ${opaque[0]!.kind.toLowerCase()} ${opaque[0]!.name}${nsFlag(ctx)} -o yaml`,
              },
            }
          : {}),
      });
      return;
    }
  },
});

/** Settings the logs show the app reading or missing. */
function wantedSettings(ctx: CaseContext): Wanted[] {
  const out: Wanted[] = [];
  const seen = new Set<string>();
  for (const m of logMatches(ctx)) {
    const sig = m.match.signature;
    const name =
      m.match.groups.env ??
      (sig.id === 'setting-not-configured' || sig.id === 'spring-placeholder'
        ? m.match.groups.key
        : undefined);
    if (
      !name ||
      seen.has(name) ||
      (sig.category !== 'missing-config' && sig.category !== 'invalid-config')
    )
      continue;
    seen.add(name);
    out.push({ name, log: m.log, entry: m.entry, needle: m.match.text, missing: true });
  }
  for (const { log, entry } of ctx.facts.logEntries) {
    const firstLine = entry.text.split('\n')[0] ?? '';
    const m = ECHO.exec(firstLine.length > 2000 ? firstLine.slice(0, 2000) : firstLine);
    if (!m?.[1] || seen.has(m[1])) continue;
    seen.add(m[1]);
    out.push({
      name: m[1],
      ...(m[2] ? { value: m[2] } : {}),
      log,
      entry,
      needle: `${m[1]}=`,
      missing: false,
    });
  }
  return out;
}

function sourceConfigMap(ctx: CaseContext, near: string[]): Item<ConfigMap> | undefined {
  for (const n of near) {
    const src = ctx.facts.env.get(n);
    if (src?.envFrom?.kind === 'ConfigMap')
      return ctx.index.configMap(src.envFrom.name, ctx.case.namespace);
    if (src?.configMapRef?.name)
      return ctx.index.configMap(src.configMapRef.name, ctx.case.namespace);
  }
  return undefined;
}

function citeEnvSource(
  ctx: CaseContext,
  name: string,
  cm: Item<ConfigMap> | undefined,
): EvidenceRef | undefined {
  if (cm) {
    const ref = ctx.cite.item(cm, [new RegExp(`^\\s*"?${escapeRegExp(name)}"?\\s*[:=]`)]);
    if (ref) return ref;
  }
  return ctx.cite.pod([
    new RegExp(`^\\s*${escapeRegExp(name)}:`),
    `"name": "${name}"`,
    `name: ${name}`,
  ]);
}

/** Build the new value from the old keys when it is a URL (host/port from the config). */
function proposedValue(w: Wanted, cm: Item<ConfigMap> | undefined, near: string[]): string {
  const data = cm?.object.data ?? {};
  const part = (re: RegExp): string | undefined =>
    near.map((n) => data[n]).find((v, i) => v && re.test(near[i] ?? ''));
  const host = part(/HOST|ADDR|SERVER/i);
  const port = part(/PORT/i);
  const user = part(/_USER(NAME)?$/i);
  if (w.value && /^[a-z][\w+.-]*:\/\//i.test(w.value)) {
    try {
      const url = new URL(w.value);
      if (host) url.hostname = host;
      if (port) url.port = port;
      if (user && url.username) url.username = user;
      return url.toString().replace(/\/$/, w.value.endsWith('/') ? '/' : '');
    } catch {
      return w.value;
    }
  }
  return host ? `${host}${port ? `:${port}` : ''}` : '<value>';
}

function fixes(
  ctx: CaseContext,
  w: Wanted,
  near: string[],
  cm: Item<ConfigMap> | undefined,
  previous: number | undefined,
): Fix[] {
  const ns = nsFlag(ctx);
  const target = targetRef(ctx);
  const value = proposedValue(w, cm, near);
  const out: Fix[] = [];
  if (cm?.object.metadata.name) {
    const patch = JSON.stringify({ data: { [w.name]: value } });
    out.push({
      title: `Add ${w.name} to ConfigMap ${cm.object.metadata.name} (keep ${near.join('/')} for anything else that reads them), then restart the rollout`,
      commands: [
        `kubectl patch configmap ${cm.object.metadata.name}${ns} --type merge -p ${shq(patch)}`,
        restartCommand(ctx),
        `kubectl rollout status ${target}${ns} --timeout=120s`,
      ],
      risk: 'low',
    });
  } else {
    out.push({
      title: `Set ${w.name} on the workload (keep ${near.join('/')})`,
      commands: [`kubectl set env ${target}${ns} ${w.name}=${shq(value)}`],
      risk: 'low',
    });
  }
  if (previous !== undefined && target.startsWith('deployment/')) {
    out.push({
      title: `Or roll back to revision ${previous} until the config change is in place`,
      commands: [`kubectl rollout undo ${target}${ns} --to-revision=${previous}`],
      risk: 'medium',
    });
  }
  return out;
}
