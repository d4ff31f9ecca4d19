/**
 * missing-config hidden by `optional: true`: an env entry takes a key from a Secret/ConfigMap
 * with `optional: true`, the key is not there (the object's real keys are in the paste, or the
 * app says the setting is missing), so the kubelet starts the container with the variable unset
 * and the app fails later. Often a key renamed in the Secret but not in the Deployment.
 */
import type { CaseContext, EnvSource } from '../engine/context.js';
import type { EvidenceRef, Fix } from '../engine/report.js';
import { defineDetector } from './define.js';
import {
  containerPath,
  editDistance,
  logMatches,
  nsFlag,
  sameSetting,
  shq,
  restartCommand,
  targetRef,
} from './_shared.js';

type Messages = 'optionalHid' | 'optionalHidExplain' | 'appMissing' | 'appMissingExplain';

export default defineDetector<Messages>({
  meta: {
    id: 'optional-ref-missing-key',
    title: 'An optional Secret/ConfigMap key is missing, so the env var is empty',
    category: 'missing-config',
    severity: 'high',
    summary:
      'An env var comes from a Secret/ConfigMap key marked optional; the key is absent, the var is unset, and the app fails on it.',
    messages: {
      optionalHid:
        '{{env}} comes from key {{key}} of {{kind}} {{name}}, which has no such key ({{keys}})',
      optionalHidExplain:
        "The container's {{env}} is read from {{kind}} {{name}} key {{key}} with optional: true. The {{kind}} has {{keys}} but not {{key}}, so the kubelet starts the container with {{env}} unset instead of failing fast, and the app stops when it needs the value{{appNote}}. A key renamed in the {{kind}} but not in the workload looks exactly like this.",
      appMissing:
        'The app reports {{setting}} missing; {{env}} is read from optional key {{key}} of {{kind}} {{name}}',
      appMissingExplain:
        'The app fails because {{setting}} has no value. The container gets it as {{env}} from {{kind}} {{name}} key {{key}}, marked optional: true, so a missing key leaves it unset without any kubelet error.',
    },
  },
  detect(ctx) {
    for (const [envName, src] of ctx.facts.env) {
      const ref = src.secretRef ?? src.configMapRef;
      if (!ref?.name || !ref.key || ref.optional !== true) continue;
      const kind = src.secretRef ? 'Secret' : 'ConfigMap';
      const keys =
        kind === 'Secret'
          ? ctx.index.secret(ref.name, ctx.case.namespace)?.object.keys
          : mapKeys(ctx, ref.name);
      const complaint = appComplaint(ctx, envName);
      const keyAbsent = keys !== undefined && !keys.includes(ref.key);
      if (!keyAbsent && !complaint) continue;
      if (keys !== undefined && keys.includes(ref.key)) continue;
      const objRef =
        kind === 'Secret'
          ? ctx.index.secret(ref.name, ctx.case.namespace)
          : ctx.index.configMap(ref.name, ctx.case.namespace);
      const keysLine =
        objRef && keys?.length
          ? ctx.cite.item(objRef, keys.map((k) => `"${k}"`).concat(keys))
          : undefined;
      const evidence: (EvidenceRef | undefined)[] = [
        complaint,
        ctx.cite.pod([`"key": "${ref.key}"`, `key '${ref.key}'`, `key: ${ref.key}`]),
        keysLine,
      ];
      const data = {
        env: envName,
        key: ref.key,
        kind,
        name: ref.name,
        keys: keys?.length ? keys.join(', ') : 'no keys',
        setting: complaint?.excerpt ? settingName(complaint.excerpt, envName) : envName,
        appNote: complaint ? ' ("' + complaint.excerpt.slice(0, 100) + '")' : '',
      };
      ctx.report({
        messageId: keyAbsent ? 'optionalHid' : 'appMissing',
        explainId: keyAbsent ? 'optionalHidExplain' : 'appMissingExplain',
        subcategory: 'optional-key-missing',
        data,
        confidence: keyAbsent ? (complaint ? 0.95 : 0.75) : 0.7,
        evidence,
        fixes: fixes(ctx, envName, src, kind, ref.name, ref.key, keys ?? []),
        supersedes: ['app-crash', 'config-code-mismatch', 'dependency-failure'],
      });
      return;
    }
  },
});

function mapKeys(ctx: CaseContext, name: string): string[] | undefined {
  const cm = ctx.index.configMap(name, ctx.case.namespace);
  return cm
    ? [...Object.keys(cm.object.data ?? {}), ...(cm.object.binaryDataKeys ?? [])]
    : undefined;
}

/** A log line saying the setting behind this env var is missing. */
function appComplaint(ctx: CaseContext, envName: string): EvidenceRef | undefined {
  for (const m of logMatches(ctx)) {
    if (m.match.signature.category !== 'missing-config') continue;
    const named = m.match.groups.env ?? m.match.groups.key;
    if (named && sameSetting(named, envName)) return ctx.cite.log(m.log, m.entry, m.match.text);
  }
  return undefined;
}

function settingName(excerpt: string, fallback: string): string {
  const m = /([A-Za-z_][\w.:-]{1,80}) (?:is not configured|is not set|is required|is missing)/.exec(
    excerpt,
  );
  return m?.[1] ?? fallback;
}

function fixes(
  ctx: CaseContext,
  envName: string,
  _src: EnvSource,
  kind: string,
  name: string,
  key: string,
  keys: string[],
): Fix[] {
  const ns = nsFlag(ctx);
  const target = targetRef(ctx);
  const out: Fix[] = [];
  const near = [...keys]
    .sort((a, b) => editDistance(a, key, 20) - editDistance(b, key, 20))
    .find((k) => k.includes(key) || key.includes(k) || editDistance(k, key, 4) <= 4);
  const envIndex = (ctx.case.spec?.env ?? []).findIndex((e) => e.name === envName);
  if (near && envIndex >= 0 && target.includes('/')) {
    const refField = kind === 'Secret' ? 'secretKeyRef' : 'configMapKeyRef';
    const path = `${containerPath(ctx)}/env/${envIndex}/valueFrom/${refField}`;
    const patch = JSON.stringify([
      { op: 'replace', path: `${path}/key`, value: near },
      { op: 'replace', path: `${path}/optional`, value: false },
    ]);
    out.push({
      title: `Reference the key that exists (${near}) and drop optional: true so a missing key fails fast`,
      commands: [`kubectl patch ${target}${ns} --type json -p ${shq(patch)}`],
      risk: 'low',
    });
  }
  out.push({
    title: `Or add key ${key} to ${kind} ${name}`,
    commands: [
      kind === 'Secret'
        ? `kubectl patch secret ${name}${ns} --type merge -p ${shq(JSON.stringify({ stringData: { [key]: '<value>' } }))}`
        : `kubectl patch configmap ${name}${ns} --type merge -p ${shq(JSON.stringify({ data: { [key]: '<value>' } }))}`,
      restartCommand(ctx),
    ],
    risk: 'medium',
  });
  return out;
}
