/**
 * missing-config seen by the app: the logs name a required env var, setting or config file that
 * is not there, and nothing else (a renamed key, an optional ref) explains it better. Checks the
 * container's environment so it can say whether the variable is absent or present but empty.
 */
import { escapeRegExp } from '../regexp.js';
import type { CaseContext } from '../engine/context.js';
import type { Fix } from '../engine/report.js';
import { defineDetector } from './define.js';
import {
  citeMatch,
  matchesIn,
  nsFlag,
  sameSetting,
  settingToEnv,
  shq,
  targetRef,
  terminality,
  type LogMatch,
  podSpecPath,
} from './_shared.js';

type Messages =
  | 'missingEnv'
  | 'missingEnvExplain'
  | 'missingFile'
  | 'missingFileExplain'
  | 'presentEnv'
  | 'presentEnvExplain';

export default defineDetector<Messages>({
  meta: {
    id: 'app-missing-setting',
    title: 'The app stops on a required setting, env var or config file that is absent',
    category: 'missing-config',
    severity: 'high',
    summary:
      'Log signatures of a missing env var, setting or config file (Spring, .NET, Django, Rails, Laravel, envconfig, node-config...).',
    messages: {
      missingEnv: 'The app requires {{setting}}, which the container does not provide',
      missingEnvExplain:
        'The app stopped because {{setting}} has no value. {{envNote}}Provide it (from a ConfigMap or Secret) and restart the rollout.',
      presentEnv:
        'The app requires {{setting}}; the container sets {{env}}, but the app did not get a usable value',
      presentEnvExplain:
        'The app reports {{setting}} missing although the container defines {{env}} ({{source}}). The referenced value is probably empty or the name does not bind the way the app reads it.',
      missingFile: 'The app cannot find its configuration file {{file}}',
      missingFileExplain:
        'The app reads {{file}} at start-up and it is not there: the ConfigMap/Secret volume is not mounted at that path, a subPath or key name differs, or the file was never added.',
    },
    requires: ['logs'],
  },
  detect(ctx) {
    const matches = matchesIn(ctx, { category: 'missing-config' })
      .filter((m) => !dictKeyError(m))
      .sort((a, b) => terminality(b) - terminality(a));
    const last = matches[0];
    if (!last) return;
    // The same setting named again later (an Erlang crash term, a wrapper's summary) is a
    // restatement: quote the line where the app first said it.
    const name = (x: LogMatch): string | undefined => x.match.groups.env ?? x.match.groups.key;
    const m =
      matches
        .filter(
          (x) =>
            x.log === last.log && name(x) !== undefined && name(x) === name(last) && x !== last,
        )
        .sort((a, b) => a.position - b.position || a.match.lineOffset - b.match.lineOffset)[0] ??
      last;
    const setting = m.match.groups.env ?? m.match.groups.key;
    const file = m.match.groups.file ?? m.match.groups.path;
    const weight = m.match.signature.weight;
    // The exception an app throws for a missing setting is that setting's symptom, not a bug.
    const supersedes = terminality(last) >= 0.5 ? (['app-crash'] as const) : ([] as const);
    const envHint = m.match.signature.env;
    const confidence = Math.min(
      0.9,
      weight * 0.6 + terminality(last) * 0.3 + (matches.length > 1 ? 0.05 : 0),
    );
    if (file && m.match.signature.subcategory === 'missing-file') {
      ctx.report({
        messageId: 'missingFile',
        explainId: 'missingFileExplain',
        subcategory: 'missing-file',
        data: { file },
        confidence,
        evidence: [citeMatch(ctx, m), ...mountRefs(ctx, file)],
        supersedes: [...supersedes],
        fixes: [
          {
            title: `Check what is mounted where the app looks for ${file}`,
            commands: [
              `kubectl get ${targetRef(ctx)}${nsFlag(ctx)} -o jsonpath='{${podSpecPath(ctx)}.containers[*].volumeMounts}'`,
            ],
            risk: 'low',
          },
        ],
      });
      return;
    }
    if (!setting) return;
    const env = [...ctx.facts.env.keys()].find((n) =>
      [...settingToEnv(setting), ...(envHint ? [envHint] : [])].some((s) => sameSetting(s, n)),
    );
    if (env) {
      const src = ctx.facts.env.get(env);
      // An optional Secret/ConfigMap ref is the optional-ref-missing-key detector's case.
      if (src?.secretRef?.optional || src?.configMapRef?.optional) return;
      ctx.report({
        messageId: 'presentEnv',
        explainId: 'presentEnvExplain',
        subcategory: 'empty-value',
        data: { setting, env, source: describeSource(src) },
        confidence: confidence - 0.15,
        evidence: [
          citeMatch(ctx, m),
          ctx.cite.pod([new RegExp(`^\\s*${escapeRegExp(env)}:`), `"name": "${env}"`]),
        ],
        fixes: envFixes(ctx, env),
        supersedes: [...supersedes],
      });
      return;
    }
    ctx.report({
      messageId: 'missingEnv',
      explainId: 'missingEnvExplain',
      subcategory: m.match.signature.subcategory ?? 'missing-setting',
      data: {
        setting,
        envNote: ctx.case.spec
          ? `No env entry of the container provides it${ctx.facts.opaqueEnvFrom.length ? ` (unless ${ctx.facts.opaqueEnvFrom.map((o) => `${o.kind} ${o.name}`).join(', ')} has it)` : ''}. `
          : '',
      },
      confidence: ctx.facts.opaqueEnvFrom.length ? confidence - 0.1 : confidence,
      evidence: [citeMatch(ctx, m)],
      fixes: envFixes(
        ctx,
        envHint ?? settingToEnv(setting).find((s) => /^[A-Z][A-Z0-9_]*$/.test(s)) ?? setting,
      ),
      supersedes: [...supersedes],
    });
  },
});

/**
 * A Python `KeyError: 'NAME'` is a missing env var only when the failing source line reads the
 * environment (`os.environ["NAME"]`); `payload["rates"]["EUR"]` is an application bug.
 */
function dictKeyError(m: LogMatch): boolean {
  if (!/(?:^|[\s.])KeyError: '/.test(m.match.text)) return false;
  const before: string[] = m.entry.text.split('\n').slice(0, m.match.lineOffset);
  for (let i = m.position - 1; before.length < 3 && i >= 0; i--) {
    before.unshift(...(m.log.entries[i]?.text.split('\n') ?? []));
  }
  const frame = before
    .slice(-4)
    .filter((l) => l.trim() !== '' && !/^\s*[~^ ]+$/.test(l) && !/^\s*File "/.test(l));
  const source = frame[frame.length - 1];
  if (source === undefined) return false;
  return !/environ|getenv|\benv\b|ENV\[|settings|config/i.test(frame.join('\n'));
}

function describeSource(src: ReturnType<CaseContext['facts']['env']['get']>): string {
  if (!src) return 'unknown source';
  if (src.secretRef) return `Secret ${src.secretRef.name} key ${src.secretRef.key}`;
  if (src.configMapRef) return `ConfigMap ${src.configMapRef.name} key ${src.configMapRef.key}`;
  if (src.envFrom) return `${src.envFrom.kind} ${src.envFrom.name}`;
  return src.value === '' ? 'an empty value' : 'a literal value';
}

function mountRefs(ctx: CaseContext, file: string): ReturnType<CaseContext['cite']['pod']>[] {
  const dir = file.replace(/\/[^/]*$/, '');
  const mount = ctx.case.spec?.volumeMounts?.find(
    (v) => v.mountPath && (file.startsWith(v.mountPath) || v.mountPath.startsWith(dir)),
  );
  return mount?.mountPath ? [ctx.cite.pod([mount.mountPath])] : [];
}

function envFixes(ctx: CaseContext, setting: string): Fix[] {
  // Only a real variable name goes into a command; otherwise the user fills it in.
  const env = /^[A-Za-z_][A-Za-z0-9_]*$/.test(setting) ? setting : 'ENV_VAR';
  const target = targetRef(ctx);
  const ns = nsFlag(ctx);
  return [
    {
      title: `Provide ${env} from a Secret (or ConfigMap) and restart`,
      commands: [
        `kubectl create secret generic ${ctx.case.ownerRefs.at(-1)?.name ?? 'app'}-config${ns} --from-literal=${env}=<value>`,
        `kubectl set env ${target}${ns} --from=secret/${ctx.case.ownerRefs.at(-1)?.name ?? 'app'}-config --keys=${env}`,
      ],
      risk: 'medium',
    },
    {
      title: 'Or set a plain value',
      commands: [`kubectl set env ${target}${ns} ${env}=${shq('<value>')}`],
      risk: 'low',
    },
  ];
}
