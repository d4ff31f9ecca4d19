/**
 * invalid-config: the configuration is there but malformed or wrong, and the app refuses it at
 * start-up: a config file that does not parse (YAML/JSON/TOML, Rails database.yml, nginx), a
 * setting of the wrong type (Spring "Failed to bind properties", .NET "Failed to convert
 * configuration value", Go durations, ports that are not numbers), a URL or DSN that is not a URL,
 * an unknown or mistyped command-line flag (checked against the container's args), or a
 * Kubernetes service-link variable (`<SERVICE>_PORT=tcp://10.0.0.7:6379`, injected for every
 * Service in the namespace) colliding with a variable the app reads as a number.
 *
 * The container's own env values are checked too: a `*_URL` that is not a URL or a `*_PORT` that
 * is not a number is quoted from the spec. A setting whose name changed between versions is
 * env-renamed-after-rollout's; a setting that is absent is missing-config's.
 */
import { escapeRegExp } from '../regexp.js';
import type { CaseContext, EnvSource } from '../engine/context.js';
import type { Category, EvidenceRef, Fix } from '../engine/report.js';
import type { Item, Service } from '../evidence/types.js';
import {
  citeMatch,
  containerPath,
  editDistance,
  matchesIn,
  nsFlag,
  shq,
  workloadTarget,
  terminality,
  type LogMatch,
} from './_shared.js';
import { defineDetector } from './define.js';

type Messages =
  | 'serviceLink'
  | 'serviceLinkExplain'
  | 'flag'
  | 'flagExplain'
  | 'parse'
  | 'parseExplain'
  | 'url'
  | 'urlExplain'
  | 'value'
  | 'valueExplain'
  | 'portInUse'
  | 'portInUseExplain'
  | 'specValue'
  | 'specValueExplain'
  | 'unknownSetting'
  | 'unknownSettingExplain';

/** A Docker-links style value the kubelet injects: `tcp://10.96.14.3:6379`. */
const SERVICE_LINK = /\b(tcp|udp|sctp):\/\/(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})\b/;

const SUPERSEDES: Category[] = ['app-crash', 'exits-immediately'];

interface SpecProblem {
  env: string;
  value: string;
  problem: string;
}

export default defineDetector<Messages>({
  meta: {
    id: 'invalid-config',
    title: 'The configuration is present but malformed or wrong',
    category: 'invalid-config',
    severity: 'high',
    summary:
      'Config parse errors, values of the wrong type, malformed URLs/DSNs (also read from the env in the spec), unknown or bad flags vs the args, and Kubernetes service-link variables colliding with settings the app reads.',
    messages: {
      serviceLink:
        '{{env}} is {{value}}: a Kubernetes service-link variable, not the {{expected}} the app expects',
      serviceLinkExplain:
        'For every Service in the namespace the kubelet injects Docker-links variables; Service {{service}} yields {{env}}={{value}}. The app reads {{env}} as its own setting and fails on it ({{error}}). Disable service links (enableServiceLinks: false), set {{env}} explicitly, or rename the Service.',
      flag: 'The program rejects the command-line flag {{flag}}{{argNote}}{{knownNote}}',
      flagExplain:
        "The process exits at start-up because {{flag}} is {{why}} ({{error}}). The container args pass it{{argNote}}; flags are often renamed or removed between versions, so compare with the image version's --help.",
      parse: 'The configuration file {{file}} does not parse: {{error}}',
      parseExplain:
        'The app reads {{file}} at start-up and stops because it is not valid {{format}} ({{error}}).{{sourceNote}} Fix the syntax (indentation, quoting, tabs) and roll the pods.',
      url: 'A URL in the configuration{{envTitle}} is malformed: {{error}}',
      urlExplain:
        'The app cannot parse a URL/connection string it was given ({{error}}).{{envNote}} A URL needs a scheme (postgres://, redis://, jdbc:postgresql://), a numeric port and URL-encoded credentials.',
      value: 'The setting {{setting}}{{valueNote}} has a value the app cannot use: {{error}}',
      valueExplain:
        'The app refuses the value of {{setting}} ({{error}}).{{envNote}} Give it a value of the expected type (a number for ports, a unit for durations such as 30s).',
      unknownSetting: 'The server does not know the setting {{setting}} in its configuration',
      unknownSettingExplain:
        'The server refuses to start because its configuration sets {{setting}}, which this version does not recognise ({{error}}). Settings are removed or renamed between major versions (check the release notes for the image version), or the setting belongs to a plugin that is not installed. Remove or rename it in the config (ConfigMap, args or env) and restart.',
      portInUse: 'Port {{port}} is already taken inside the pod{{holderTitle}}',
      portInUseExplain:
        'The app cannot listen on port {{port}} because something in the pod already does ({{error}}). Containers of a pod share one network namespace and one set of ports.{{holderNote}} containerPort only documents a port; it does not change what the process binds. Make each container listen on its own port (its config or args), or run the second process elsewhere.',
      specValue: 'The container sets {{env}}={{value}}, which is {{problem}}',
      specValueExplain:
        'The env of the container gives {{env}} the value {{value}}, which is {{problem}}; apps typically fail or fall back to defaults on it.',
    },
    requires: [],
  },
  detect(ctx) {
    const matches = matchesIn(ctx, { category: 'invalid-config' });
    const spec = specProblems(ctx);
    const primary = [...matches]
      .filter((m) => m.match.signature.id !== 'spring-bind-origin-env')
      .sort(
        (a, b) =>
          terminality(b) + b.match.signature.weight - (terminality(a) + a.match.signature.weight),
      )[0];
    if (!primary) {
      if (
        spec.length > 0 &&
        (ctx.case.failure === 'crash-loop' || ctx.case.failure === 'terminated')
      ) {
        const p = spec[0]!;
        ctx.report({
          messageId: 'specValue',
          explainId: 'specValueExplain',
          subcategory: 'spec-value',
          data: { env: p.env, value: p.value, problem: p.problem },
          confidence: 0.4,
          evidence: [envRef(ctx, p.env)],
          role: 'factor',
          fixes: [setEnvFix(ctx, p.env, '<valid value>')],
        });
      }
      return;
    }
    const originEnv = matches.find((m) => m.match.signature.id === 'spring-bind-origin-env')?.match
      .groups.env;
    const errorText = primary.match.text.trim().slice(0, 160);
    const strength =
      primary.match.signature.weight * 0.55 +
      terminality(primary) * 0.3 +
      (ctx.facts.exitCode !== undefined && ctx.facts.exitCode !== 0 ? 0.05 : 0);
    const evidence: (EvidenceRef | undefined)[] = [citeMatch(ctx, primary)];

    // A service-link value anywhere in the error (or in the Spring "Value:" line next to it).
    const linkValue = serviceLinkValue(ctx, primary);
    if (linkValue) {
      const link = serviceLink(
        ctx,
        linkValue.value,
        originEnv ??
          envNameIn(primary.match.text) ??
          envNameIn(linkValue.text) ??
          envNameNear(primary),
      );
      const explicit = link.env ? ctx.facts.env.get(link.env) : undefined;
      if (!explicit || explicit.value === undefined || !SERVICE_LINK.test(explicit.value)) {
        ctx.report({
          messageId: 'serviceLink',
          explainId: 'serviceLinkExplain',
          subcategory: 'service-link-collision',
          data: {
            env: link.env ?? `<SERVICE>_PORT`,
            value: linkValue.value,
            expected:
              /port/i.test(link.env ?? primary.match.text) ||
              /int|Integer|number|port/i.test(primary.match.text)
                ? 'port number'
                : 'value',
            service: link.service?.object.metadata.name ?? link.serviceGuess ?? 'a Service',
            error: errorText,
          },
          confidence: Math.min(
            0.95,
            Math.max(0.8, strength + 0.2) + (link.service ? 0.05 : 0) + (link.env ? 0.03 : 0),
          ),
          evidence: [
            ...evidence,
            linkValue.ref,
            link.env ? readsRef(ctx, primary, link.env) : undefined,
            link.service
              ? ctx.cite.item(link.service, [
                  linkValue.value.replace(/^\w+:\/\//, '').split(':')[0] ?? '',
                  link.service.object.metadata.name ?? '',
                ])
              : undefined,
          ],
          fixes: serviceLinkFixes(ctx, link.env, link.service?.object.spec?.ports?.[0]?.port),
          supersedes: [...SUPERSEDES, 'dependency-failure', 'config-code-mismatch'],
        });
        return;
      }
    }

    const sub = primary.match.signature.subcategory ?? 'value';
    if (sub === 'flag') {
      const flag = primary.match.groups.flag?.trim() ?? primary.match.groups.detail ?? 'a flag';
      const arg = argWith(ctx, flag);
      const unknown = /not defined|unknown|unrecogni[sz]ed|Unknown/.test(primary.match.text);
      const known = unknown ? closestKnownFlag(ctx, primary, flag) : undefined;
      ctx.report({
        messageId: 'flag',
        explainId: 'flagExplain',
        subcategory: unknown ? 'unknown-flag' : 'flag-value',
        data: {
          flag,
          why: unknown
            ? 'not a flag this version of the program knows'
            : 'given a value of the wrong type',
          error: errorText,
          argNote: arg ? ` (container args: ${arg.arg})` : '',
          knownNote: known ? `; its usage lists ${known.flag}, the likely new name` : '',
        },
        confidence: Math.min(0.95, strength + 0.15 + (arg ? 0.08 : 0)),
        evidence: [...evidence, arg?.ref, known?.ref],
        fixes: flagFixes(ctx, flag, unknown, known?.flag),
        supersedes: [...SUPERSEDES, 'bad-command'],
      });
      return;
    }
    if (sub === 'parse' || sub === 'server-config') {
      const file =
        primary.match.groups.file ?? fileFromText(primary.match.text) ?? fileNear(ctx, primary);
      const source = file ? configMapFor(ctx, file) : undefined;
      const matched = primary.match.signature.pattern.exec(primary.match.text)?.[0];
      const detail = (primary.match.groups.detail ?? matched ?? errorText)
        .replace(/["'`]+$/, '')
        .slice(0, 140);
      const lineNo = /\bline (\d+)\b/.exec(detail)?.[1];
      const badLine =
        source && lineNo ? configLine(ctx, source.name, file, Number(lineNo)) : undefined;
      ctx.report({
        messageId: 'parse',
        explainId: 'parseExplain',
        subcategory: sub === 'server-config' ? 'server-config' : 'parse',
        data: {
          file: file ?? 'of the app',
          format: formatOf(file, primary.match.text),
          error: detail,
          sourceNote: `${source ? ` The file comes from ConfigMap ${source.name}.` : ''}${badLine ? ` Line ${lineNo} of it is: ${badLine.text}${/\t/.test(badLine.raw) ? ' (it is indented with a tab, which YAML forbids)' : ''}.` : ''}`,
        },
        confidence: Math.min(0.93, strength + 0.12 + (source ? 0.04 : 0) + (badLine ? 0.02 : 0)),
        evidence: [...evidence, source?.ref, badLine?.ref],
        fixes: parseFixes(ctx, source?.name, file),
        supersedes: SUPERSEDES,
      });
      return;
    }
    if (sub === 'port-in-use') {
      const port = primary.match.groups.port;
      const holder = port ? portHolder(ctx, Number(port)) : undefined;
      ctx.report({
        messageId: 'portInUse',
        explainId: 'portInUseExplain',
        subcategory: 'port-in-use',
        data: {
          port: port ?? 'the port',
          error: errorText,
          holderTitle: holder ? ` (container ${holder.name} also uses it)` : '',
          holderNote: holder
            ? ` Container ${holder.name} of the same pod ${holder.declared ? 'declares' : 'runs the same image, which listens on'} port ${port}.`
            : '',
        },
        confidence: Math.min(0.9, strength + (holder ? 0.1 : 0)),
        evidence: [...evidence, holder?.ref],
        fixes: portFixes(ctx),
        supersedes: SUPERSEDES,
      });
      return;
    }
    if (sub === 'unknown-setting') {
      const setting = primary.match.groups.key ?? 'a setting';
      ctx.report({
        messageId: 'unknownSetting',
        explainId: 'unknownSettingExplain',
        subcategory: 'unknown-setting',
        data: { setting, error: errorText },
        confidence: Math.min(0.93, strength + 0.1),
        evidence,
        fixes: [envInspectFix(ctx)],
        supersedes: SUPERSEDES,
      });
      return;
    }
    const related = relatedSpecProblem(ctx, spec, primary, originEnv);
    const envNote = related
      ? ` The container sets ${related.env}=${related.value}, which is ${related.problem}.`
      : originEnv
        ? ` The value comes from the environment variable ${originEnv}.`
        : '';
    if (sub === 'url') {
      ctx.report({
        messageId: 'url',
        explainId: 'urlExplain',
        subcategory: 'url',
        data: { error: errorText, envNote, envTitle: related ? ` (${related.env})` : '' },
        confidence: Math.min(0.93, strength + 0.1 + (related ? 0.08 : 0)),
        evidence: [...evidence, related ? envRef(ctx, related.env) : undefined],
        fixes: related
          ? [
              setEnvFix(
                ctx,
                related.env,
                exampleUrl(related.env, related.value, primary.match.text),
              ),
            ]
          : [envInspectFix(ctx)],
        supersedes: [...SUPERSEDES, 'dependency-failure'],
      });
      return;
    }
    const spring = springDetails(primary);
    const setting =
      originEnv ??
      related?.env ??
      primary.match.groups.key ??
      primary.match.groups.env ??
      primary.match.groups.flag ??
      'a setting';
    ctx.report({
      messageId: 'value',
      explainId: 'valueExplain',
      subcategory: 'value',
      data: {
        setting,
        error: (spring?.reason ?? errorText).replace(/:$/, ''),
        envNote,
        valueNote: spring?.value ? ` (${spring.value})` : '',
      },
      confidence: Math.min(0.92, strength + 0.1 + (related || originEnv ? 0.08 : 0)),
      evidence: [
        ...evidence,
        originEnv ? citeOrigin(ctx, matches) : undefined,
        related
          ? envRef(ctx, related.env)
          : originEnv && ctx.facts.env.has(originEnv)
            ? envRef(ctx, originEnv)
            : undefined,
      ],
      fixes:
        related || (originEnv && ctx.facts.env.has(originEnv))
          ? [setEnvFix(ctx, related?.env ?? originEnv ?? setting, '<valid value>')]
          : [envInspectFix(ctx)],
      supersedes: SUPERSEDES,
    });
  },
});

/** A `tcp://IP:port` value in the error line or in the lines right around it (Spring's "Value:"). */
function serviceLinkValue(
  ctx: CaseContext,
  m: LogMatch,
): { value: string; text: string; ref: EvidenceRef | undefined } | undefined {
  const here = SERVICE_LINK.exec(m.match.text);
  if (here) return { value: here[0], text: m.match.text, ref: undefined };
  const entries = m.log.entries;
  for (
    let i = Math.max(0, m.position - 2);
    i <= Math.min(entries.length - 1, m.position + 8);
    i++
  ) {
    const entry = entries[i]!;
    for (const line of entry.text.split('\n')) {
      const v = SERVICE_LINK.exec(line);
      if (v) return { value: v[0], text: line, ref: ctx.cite.log(m.log, entry, v[0]) };
    }
  }
  return undefined;
}

function envNameIn(text: string): string | undefined {
  return /\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_PORT)\b/.exec(text)?.[1];
}

/** The "Value:" and "Reason:" lines Spring prints under a binding failure. */
function springDetails(m: LogMatch): { value?: string; reason?: string } | undefined {
  if (m.match.signature.id !== 'spring-bind-failed') return undefined;
  const out: { value?: string; reason?: string } = {};
  for (let i = m.position; i < Math.min(m.log.entries.length, m.position + 10); i++) {
    for (const line of (m.log.entries[i]?.text ?? '').split('\n')) {
      const v = /^\s*Value: (.{1,120})$/.exec(line);
      if (v?.[1] && out.value === undefined) out.value = v[1].trim();
      const r = /^\s*Reason: (.{1,200})$/.exec(line);
      if (r?.[1] && out.reason === undefined) out.reason = r[1].trim();
    }
  }
  return out;
}

/** The log line (in the error's traceback or just before it) that names the variable. */
function readsRef(ctx: CaseContext, m: LogMatch, env: string): EvidenceRef | undefined {
  for (let i = m.position; i >= Math.max(0, m.position - 4); i--) {
    const entry = m.log.entries[i];
    if (entry && entry.text.includes(env)) return ctx.cite.log(m.log, entry, env);
  }
  return undefined;
}

/** A `*_PORT` variable the app reads, named in the traceback or log lines before the error. */
function envNameNear(m: LogMatch): string | undefined {
  for (let i = m.position; i >= Math.max(0, m.position - 4); i--) {
    const name = envNameIn(m.log.entries[i]?.text ?? '');
    if (name) return name;
  }
  return undefined;
}

/** The Service behind a service-link value (by cluster IP, else by the variable's name). */
function serviceLink(
  ctx: CaseContext,
  value: string,
  env: string | undefined,
): { env?: string; service?: Item<Service>; serviceGuess?: string } {
  const ip = SERVICE_LINK.exec(value)?.[2];
  const services = ctx.index.all('Service');
  const byIp = services.find((s) => s.object.spec?.clusterIP === ip);
  const byName = env
    ? services.find(
        (s) => `${(s.object.metadata.name ?? '').toUpperCase().replace(/-/g, '_')}_PORT` === env,
      )
    : undefined;
  const service = byIp ?? byName;
  const name = service?.object.metadata.name;
  const derived = name ? `${name.toUpperCase().replace(/-/g, '_')}_PORT` : undefined;
  const guess = env
    ?.replace(/_PORT$/, '')
    .toLowerCase()
    .replace(/_/g, '-');
  return {
    ...((env ?? derived) ? { env: (env ?? derived) as string } : {}),
    ...(service ? { service } : {}),
    ...(!service && guess ? { serviceGuess: guess } : {}),
  };
}

function serviceLinkFixes(
  ctx: CaseContext,
  env: string | undefined,
  port: number | undefined,
): Fix[] {
  const ns = nsFlag(ctx);
  const target = workloadTarget(ctx);
  return [
    {
      title: 'Stop the kubelet from injecting service-link variables into this workload',
      commands: [
        `kubectl patch ${target}${ns} -p ${shq(JSON.stringify({ spec: { template: { spec: { enableServiceLinks: false } } } }))}`,
      ],
      risk: 'low',
    },
    {
      title: `Or set ${env ?? 'the variable'} explicitly (an explicit env entry wins over the injected one)`,
      commands: [`kubectl set env ${target}${ns} ${env ?? 'VAR'}=${port ?? '<port>'}`],
      risk: 'low',
    },
  ];
}

/** Env values in the spec that cannot be right: a URL without a scheme, a port that is not a number. */
function specProblems(ctx: CaseContext): SpecProblem[] {
  const out: SpecProblem[] = [];
  for (const [name, src] of ctx.facts.env) {
    const value = src.value;
    if (value === undefined || value === '' || src.envFrom || /\$\(/.test(value)) continue;
    const problem = problemOf(name, value);
    if (problem) out.push({ env: name, value, problem });
  }
  return out;
}

function problemOf(name: string, value: string): string | undefined {
  const v = value.trim();
  if (/(?:^|_)(?:URL|URI|DSN)$|^DATABASE_URL$|CONNECTION_STRING$/.test(name)) {
    if (/\s/.test(v)) return 'not a URL (it contains whitespace)';
    if (/^[a-z][\w+.-]*\/\/[^/]/i.test(v)) return 'not a URL (the ":" after the scheme is missing)';
    const scheme =
      /^[a-z][a-z0-9+.-]*:\/\//i.test(v) ||
      /^jdbc:[a-z]/i.test(v) ||
      /^(?:file|sqlite|unix|mailto):/i.test(v) ||
      /^(?:Host|Server|Data Source)=/i.test(v);
    if (!scheme) return 'not a URL (it has no scheme such as postgres:// or redis://)';
    const port = /^[a-z][\w+.-]*:\/\/(?:[^@/\s]*@)?[^:/\s]+:([^/\s?#]*)/i.exec(v)?.[1];
    if (port !== undefined && port !== '' && !/^\d{1,5}$/.test(port))
      return `not a valid URL (its port "${port}" is not a number)`;
    return undefined;
  }
  if (/(?:^|_)PORT$/.test(name) && !/^\d{1,5}$/.test(v)) return 'not a port number';
  return undefined;
}

function relatedSpecProblem(
  ctx: CaseContext,
  spec: SpecProblem[],
  m: LogMatch,
  originEnv: string | undefined,
): SpecProblem | undefined {
  if (spec.length === 0) return undefined;
  const text = `${m.match.text} ${Object.values(m.match.groups).join(' ')}`;
  return (
    spec.find((p) => p.env === originEnv) ??
    spec.find((p) => text.includes(p.value) || text.includes(p.env)) ??
    (m.match.signature.subcategory === 'url'
      ? spec.find((p) => /URL|URI|DSN|CONNECTION/.test(p.env))
      : undefined) ??
    (spec.length === 1 && ctx.facts.crashLog ? spec[0] : undefined)
  );
}

function envRef(ctx: CaseContext, env: string): EvidenceRef | undefined {
  return ctx.cite.pod([
    new RegExp(`^\\s*${escapeRegExp(env)}:`),
    `"name": "${env}"`,
    new RegExp(`name: ${escapeRegExp(env)}\\b`),
  ]);
}

function citeOrigin(ctx: CaseContext, matches: LogMatch[]): EvidenceRef | undefined {
  const m = matches.find((x) => x.match.signature.id === 'spring-bind-origin-env');
  return m ? citeMatch(ctx, m) : undefined;
}

function setEnvFix(ctx: CaseContext, env: string, value: string): Fix {
  const src: EnvSource | undefined = ctx.facts.env.get(env);
  const from =
    src?.configMapRef?.name ?? (src?.envFrom?.kind === 'ConfigMap' ? src.envFrom.name : undefined);
  return {
    title: `Give ${env} a valid value${from ? ` (it comes from ConfigMap ${from})` : ''} and roll the pods`,
    commands: from
      ? [
          `kubectl edit configmap ${from}${nsFlag(ctx)}`,
          `kubectl rollout restart ${workloadTarget(ctx)}${nsFlag(ctx)}`,
        ]
      : [
          `kubectl set env ${workloadTarget(ctx)}${nsFlag(ctx)}${ctx.case.container ? ` -c ${ctx.case.container}` : ''} ${env}=${shq(value)}`,
        ],
    risk: 'low',
  };
}

function envInspectFix(ctx: CaseContext): Fix {
  return {
    title: 'List the settings the container gets, and correct the one the error names',
    commands: [`kubectl set env ${workloadTarget(ctx)}${nsFlag(ctx)} --list`],
    risk: 'low',
  };
}

function exampleUrl(env: string, value?: string, error?: string): string {
  const asked = /`?((?:postgres(?:ql)?|redis|rediss|mongodb|amqp|mysql)):\/\//.exec(
    error ?? '',
  )?.[1];
  const scheme =
    asked ??
    (/REDIS/.test(env)
      ? 'redis'
      : /MONGO/.test(env)
        ? 'mongodb'
        : /AMQP|RABBIT/.test(env)
          ? 'amqp'
          : /MYSQL/.test(env)
            ? 'mysql'
            : 'postgres');
  // host[:port][/path]: only the scheme is missing.
  if (value && /^[\w.-]+(?::\d{1,5})?(?:\/\S*)?$/.test(value.trim()))
    return `${scheme}://${value.trim()}`;
  if (/JDBC/.test(env)) return 'jdbc:postgresql://<host>:5432/<db>';
  return `${scheme}://<user>:<password>@<host>:<port>/<db>`;
}

/** The container arg that passes `flag` (`--metrics-port=9090`, or `--metrics-port` then a value). */
function argWith(
  ctx: CaseContext,
  flag: string,
):
  | { arg: string; index: number; field: 'args' | 'command'; ref: EvidenceRef | undefined }
  | undefined {
  const name = flag.split(',').pop()!.trim().replace(/^-+/, '');
  if (!name) return undefined;
  for (const field of ['args', 'command'] as const) {
    const list = ctx.case.spec?.[field] ?? [];
    const index = list.findIndex((a) =>
      new RegExp(`(?:^|\\s)-{1,2}${escapeRegExp(name)}(?:[=\\s]|$)`).test(a),
    );
    if (index >= 0) {
      const arg = list[index]!;
      return { arg, index, field, ref: ctx.cite.pod([arg.length > 60 ? arg.slice(0, 60) : arg]) };
    }
  }
  return undefined;
}

/** The flag of the program's usage text (printed after the error) closest to the rejected one. */
function closestKnownFlag(
  ctx: CaseContext,
  m: LogMatch,
  flag: string,
): { flag: string; ref: EvidenceRef | undefined } | undefined {
  const name = flag.replace(/^-+/, '');
  const head = name.split(/[.-]/)[0] ?? name;
  let best: { flag: string; score: number; entry: LogMatch['entry'] } | undefined;
  for (let i = m.position; i < Math.min(m.log.entries.length, m.position + 60); i++) {
    const entry = m.log.entries[i]!;
    for (const line of entry.text.split('\n')) {
      const f = /^\s+(-{1,2}([\w.-]+))(?:[\s=,]|$)/.exec(line);
      if (!f?.[1] || !f[2] || f[2] === name) continue;
      const sameHead = (f[2].split(/[.-]/)[0] ?? '') === head;
      const score = editDistance(f[2], name, 8) - (sameHead ? 5 : 0);
      if (score <= 3 && (!best || score < best.score)) best = { flag: f[1], score, entry };
    }
  }
  return best ? { flag: best.flag, ref: ctx.cite.log(m.log, best.entry, best.flag) } : undefined;
}

function flagFixes(ctx: CaseContext, flag: string, unknown: boolean, renamed?: string): Fix[] {
  const found = argWith(ctx, flag);
  const ns = nsFlag(ctx);
  const fixes: Fix[] = [];
  if (found) {
    const list = [...(ctx.case.spec?.[found.field] ?? [])];
    const single = list[found.index] ?? '';
    let remove = 1;
    if (
      !single.includes('=') &&
      !/\s/.test(single) &&
      list[found.index + 1] !== undefined &&
      !/^-/.test(list[found.index + 1]!)
    )
      remove = 2;
    const without = renamed
      ? list.map((a, i) => (i === found.index ? a.replace(flag, renamed) : a))
      : /\s/.test(single)
        ? list
        : [...list.slice(0, found.index), ...list.slice(found.index + remove)];
    fixes.push({
      title: renamed
        ? `Rename ${flag} to ${renamed} in the container ${found.field}`
        : unknown
          ? `Remove (or rename to the new name of) ${flag} in the container ${found.field}`
          : `Pass ${flag} a value of the right type in the container ${found.field}`,
      commands: [
        `kubectl patch ${workloadTarget(ctx)}${ns} --type json -p ${shq(JSON.stringify([{ op: 'replace', path: `${containerPath(ctx)}/${found.field}`, value: without }]))}`,
      ],
      risk: 'medium',
    });
  }
  fixes.push({
    title: 'Check the flags this image version accepts',
    commands: [
      `kubectl run flag-check --rm -it --restart=Never${ns} --image=${ctx.case.spec?.image ?? 'IMAGE'} -- --help`,
    ],
    risk: 'low',
  });
  return fixes;
}

function fileFromText(text: string): string | undefined {
  return /(\/[\w./-]+\.(?:ya?ml|json|toml|ini|conf|cfg|properties|xml|env))\b/.exec(text)?.[1];
}

function formatOf(file: string | undefined, text: string): string {
  const ext = /\.(\w+)$/.exec(file ?? '')?.[1]?.toLowerCase();
  if (ext === 'yml' || ext === 'yaml' || /yaml|Psych/i.test(text)) return 'YAML';
  if (ext === 'json' || /JSON|json:/.test(text)) return 'JSON';
  if (ext === 'toml' || /toml/.test(text)) return 'TOML';
  if (/\[emerg\]/.test(text)) return 'nginx configuration';
  if (ext === 'xml') return 'XML';
  if (ext === 'properties' || ext === 'ini' || ext === 'conf' || ext === 'cfg')
    return ext.toUpperCase();
  return 'syntax';
}

/** The ConfigMap mounted where the broken file lives. */
function configMapFor(
  ctx: CaseContext,
  file: string,
): { name: string; ref: EvidenceRef | undefined } | undefined {
  let best: { mountPath: string; volume: string } | undefined;
  for (const m of ctx.case.spec?.volumeMounts ?? []) {
    const mp = (m.mountPath ?? '').replace(/\/+$/, '');
    if (!m.mountPath || !m.name) continue;
    if (file === mp || file.startsWith(`${mp}/`)) {
      if (!best || mp.length > best.mountPath.length) best = { mountPath: mp, volume: m.name };
    }
  }
  if (!best) return undefined;
  const vol = ctx.case.pod?.object.spec?.volumes?.find((v) => v.name === best.volume);
  const name = vol?.configMap?.name;
  if (!name) return undefined;
  const cm = ctx.index.configMap(name, ctx.case.namespace);
  return {
    name,
    ref: cm ? ctx.cite.item(cm, [file.split('/').pop() ?? name, name]) : ctx.cite.pod([name]),
  };
}

/** A config file path printed just before the error, or passed in the container args. */
function fileNear(ctx: CaseContext, m: LogMatch): string | undefined {
  for (let i = m.position - 1; i >= Math.max(0, m.position - 6); i--) {
    const f = fileFromText(m.log.entries[i]?.text ?? '');
    if (f) return f;
  }
  for (const a of [...(ctx.case.spec?.args ?? []), ...(ctx.case.spec?.command ?? [])]) {
    const f = fileFromText(a.replace(/^[^=]*=/, ' '));
    if (f) return f;
  }
  return undefined;
}

/** Line `n` of a file held as a `key: |` block in a pasted ConfigMap. */
function configLine(
  ctx: CaseContext,
  configMap: string,
  file: string | undefined,
  n: number,
): { text: string; raw: string; ref: EvidenceRef | undefined } | undefined {
  const cm = ctx.index.configMap(configMap, ctx.case.namespace);
  const key = file?.split('/').pop();
  if (!cm || !key) return undefined;
  const lines = ctx.bundle.sources[cm.origin.source]?.lines ?? [];
  for (let at = cm.origin.from; at <= cm.origin.to; at++) {
    if (!new RegExp(`^\\s*"?${escapeRegExp(key)}"?:\\s*[|>]`).test(lines[at - 1] ?? '')) continue;
    const target = at + n;
    const raw = lines[target - 1];
    if (raw === undefined || target > cm.origin.to || raw.trim() === '') return undefined;
    return {
      text: raw.trim(),
      raw,
      ref: ctx.cite.line({ source: cm.origin.source, from: target, to: target }, [raw.trim()], {
        label: `configmap/${configMap}`,
      }),
    };
  }
  return undefined;
}

/** Another container of the pod that declares `port`, or runs this container's image. */
function portHolder(
  ctx: CaseContext,
  port: number,
): { name: string; declared: boolean; ref: EvidenceRef | undefined } | undefined {
  const spec = ctx.case.pod?.object.spec;
  const containers = [
    ...(spec?.containers ?? []),
    ...(spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always'),
  ];
  const self = containers.find((c) => c.name === ctx.case.container);
  const others = containers.filter((c) => c.name !== ctx.case.container);
  const declaring = others.find((c) => (c.ports ?? []).some((p) => p.containerPort === port));
  if (declaring)
    return { name: declaring.name, declared: true, ref: ctx.cite.pod([`${declaring.name}:`]) };
  const sameImage = others.find((c) => self?.image !== undefined && c.image === self.image);
  if (sameImage)
    return { name: sameImage.name, declared: false, ref: ctx.cite.pod([`${sameImage.name}:`]) };
  return undefined;
}

function portFixes(ctx: CaseContext): Fix[] {
  return [
    {
      title:
        'List what each container of the pod declares and runs, to find the two that want the same port',
      commands: [
        `kubectl get pod ${ctx.case.podName ?? 'POD'}${nsFlag(ctx)} -o jsonpath='{range .spec.containers[*]}{.name}{"\\t"}{.image}{"\\t"}{.ports[*].containerPort}{"\\n"}{end}'`,
      ],
      risk: 'low',
    },
  ];
}

function parseFixes(
  ctx: CaseContext,
  configMap: string | undefined,
  file: string | undefined,
): Fix[] {
  const ns = nsFlag(ctx);
  const key = file?.split('/').pop();
  return [
    {
      title: configMap
        ? `Fix the syntax in ConfigMap ${configMap}${key ? ` (key ${key})` : ''}, validate it, then roll the pods`
        : `Fix the syntax of ${file ?? 'the configuration file'}, then roll the pods`,
      commands: configMap
        ? [
            `kubectl get configmap ${configMap}${ns} -o jsonpath='{.data.${(key ?? 'KEY').replace(/\./g, '\\.')}}' > ${key ?? 'config'}`,
            `kubectl edit configmap ${configMap}${ns}`,
            `kubectl rollout restart ${workloadTarget(ctx)}${ns}`,
          ]
        : [`kubectl rollout restart ${workloadTarget(ctx)}${ns}`],
      risk: 'low',
    },
  ];
}
