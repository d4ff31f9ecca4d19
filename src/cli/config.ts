/**
 * Configuration, resolved once: command-line flags plus the few environment variables that
 * matter (NO_COLOR, FORCE_COLOR, COLUMNS), validated and frozen, then passed down. No other
 * module reads `process.env`.
 */
import * as z from 'zod/mini';
import { CrashlensError } from '../errors.js';
import { FORMATS, isOutputFormat, type OutputFormat } from '../render/index.js';
import { DETECTORS } from '../detectors/index.js';

export interface DiagnoseConfig {
  readonly inputs: readonly string[];
  readonly targets: readonly string[];
  readonly format: OutputFormat;
  readonly color: boolean;
  readonly width: number;
  readonly verbose: boolean;
  readonly redact: boolean;
  readonly now: string | undefined;
  readonly detectorIds: readonly string[];
  readonly live: LiveConfig;
}

/** Where and how much live mode reads. */
export interface LiveConfig {
  readonly namespace: string | undefined;
  readonly allNamespaces: boolean;
  readonly context: string | undefined;
  readonly kubeconfig: string | undefined;
  readonly selector: string | undefined;
  readonly tailLines: number;
  readonly secretKeys: boolean;
}

export interface DiagnoseFlags {
  file?: string[];
  output?: string;
  only?: string[];
  skip?: string[];
  now?: string;
  redact?: boolean;
  color?: boolean;
  verbose?: boolean;
  namespace?: string;
  allNamespaces?: boolean;
  context?: string;
  kubeconfig?: string;
  selector?: string;
  tail?: string;
  secretKeys?: boolean;
}

export interface Environment {
  isTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

const text = z.optional(z.string());
const list = z.optional(z.array(z.string()));
const flag = z.optional(z.boolean());

// zod/mini: the same checks as zod at a fraction of the size, which keeps the CLI start fast.
const flagsSchema = z.object({
  file: list,
  output: text,
  only: list,
  skip: list,
  now: text,
  redact: flag,
  color: flag,
  verbose: flag,
  namespace: text,
  allNamespaces: flag,
  context: text,
  kubeconfig: text,
  selector: text,
  tail: z.optional(z.string().check(z.regex(/^\d+$/, 'must be a number of lines'))),
  secretKeys: flag,
});

export function resolveDiagnoseConfig(
  targets: string[],
  rawFlags: DiagnoseFlags,
  environment: Environment,
): DiagnoseConfig {
  const flags = parseFlags(rawFlags);
  const format = flags.output ?? 'text';
  if (!isOutputFormat(format)) {
    throw new CrashlensError('E_UNKNOWN_FORMAT', `Unknown output format "${format}".`, {
      hint: `Use -o ${FORMATS.join('|')}.`,
    });
  }
  const ids = resolveDetectors(flags.only, flags.skip);
  let now: string | undefined;
  if (flags.now !== undefined) {
    const ms = Date.parse(flags.now);
    if (Number.isNaN(ms))
      throw new CrashlensError('E_USAGE', `--now "${flags.now}" is not a time.`, {
        hint: 'Give an RFC 3339 time, e.g. --now 2026-03-11T14:35:12Z.',
      });
    now = new Date(ms).toISOString();
  }
  const env = environment.env;
  const noColor = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
  const forceColor = env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0';
  const color =
    flags.color ?? (forceColor || (environment.isTTY && !noColor && env['TERM'] !== 'dumb'));
  const columns = Number(env['COLUMNS']);
  return Object.freeze({
    inputs: Object.freeze([...(flags.file ?? [])]),
    targets: Object.freeze([...targets]),
    format,
    color,
    width: Number.isFinite(columns) && columns >= 40 ? Math.min(columns, 160) : 80,
    verbose: flags.verbose ?? false,
    redact: flags.redact ?? true,
    now,
    detectorIds: Object.freeze(ids),
    live: resolveLive(rawFlags, env),
  });
}

type Flags = z.infer<typeof flagsSchema>;

/** Validate the flags; a bad value is a usage error that names the option. */
function parseFlags(raw: DiagnoseFlags): Flags {
  const parsed = flagsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (i) =>
      `--${String(i.path[0] ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`,
  );
  throw new CrashlensError('E_USAGE', `Invalid option ${problems.join('; ')}.`, {
    hint: 'Run `crashlens diagnose --help` for the options.',
  });
}

/** Live-mode settings; KUBECONFIG is honoured as kubectl does. */
export function resolveLive(
  rawFlags: DiagnoseFlags,
  env: Readonly<Record<string, string | undefined>>,
): LiveConfig {
  const flags = parseFlags(rawFlags);
  if (flags.namespace && flags.allNamespaces) {
    throw new CrashlensError('E_USAGE', '-n and -A cannot be used together.', {
      hint: 'Pick one namespace with -n NS, or all with -A.',
    });
  }
  const kubeconfig =
    flags.kubeconfig ?? (env['KUBECONFIG'] ? env['KUBECONFIG'].split(':')[0] : undefined);
  return Object.freeze({
    namespace: flags.namespace,
    allNamespaces: flags.allNamespaces ?? false,
    context: flags.context,
    kubeconfig: kubeconfig || undefined,
    selector: flags.selector,
    tailLines: flags.tail ? Number(flags.tail) : 200,
    secretKeys: flags.secretKeys ?? false,
  });
}

function resolveDetectors(only: string[] | undefined, skip: string[] | undefined): string[] {
  const split = (list: string[] | undefined): string[] =>
    (list ?? [])
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter(Boolean);
  const known = new Set(Object.keys(DETECTORS));
  for (const id of [...split(only), ...split(skip)]) {
    if (!known.has(id)) {
      throw new CrashlensError('E_UNKNOWN_DETECTOR', `There is no detector "${id}".`, {
        hint: 'Run `crashlens detectors` to list them.',
      });
    }
  }
  const selected = split(only).length > 0 ? split(only) : [...known];
  const skipped = new Set(split(skip));
  const ids = selected.filter((id) => !skipped.has(id));
  if (ids.length === 0) {
    throw new CrashlensError('E_USAGE', '--only and --skip leave no detector to run.', {
      hint: 'Run `crashlens detectors` to list them.',
    });
  }
  return ids;
}
