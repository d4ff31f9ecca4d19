/**
 * The command line: the only place that reads flags and the environment, writes to the
 * terminal, and exits. Errors from anywhere below arrive as CrashlensError and leave as a
 * one-paragraph message with exit status 2; a diagnosis exits 1 when it found problems, 0 when
 * not.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { DETECTORS } from '../detectors/index.js';
import { diagnose } from '../engine/diagnose.js';
import { CrashlensError, isCrashlensError } from '../errors.js';
import { collectOffline } from '../evidence/offline/collect.js';
import { redactDeep } from '../redact/redact.js';
import { FORMATS, render } from '../render/index.js';
import { resolveDiagnoseConfig, type DiagnoseFlags } from './config.js';
import { readInputs } from './read-inputs.js';

export interface Io {
  argv: string[];
  env: Readonly<Record<string, string | undefined>>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: () => string;
  isTTY: boolean;
}

/** Run the CLI; returns the exit status (the caller exits). */
export async function run(io: Io): Promise<number> {
  let status = 0;
  const program = new Command()
    .name('crashlens')
    .description('Why is this pod crash-looping, and what do I run now? Evidence-backed, no LLM.')
    .version(pkg.version, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: (s, write) => write(`crashlens: ${s.replace(/^error: /, '').trimEnd()}`),
    })
    .showSuggestionAfterError(true);

  program
    .command('diagnose')
    .description(
      'Diagnose failing containers from pasted kubectl output and logs (-f), or from a cluster',
    )
    .argument('[targets...]', 'pods or TYPE/NAME to diagnose (live mode)')
    .option('-f, --file <path...>', 'read kubectl output/logs from files, directories or - (stdin)')
    .addOption(
      new Option('-o, --output <format>', 'output format').choices([...FORMATS]).default('text'),
    )
    .option('--only <ids...>', 'run only these detectors (comma-separated)')
    .option('--skip <ids...>', 'skip these detectors (comma-separated)')
    .option('--now <time>', 'the time the paste was taken (RFC 3339), for relative ages')
    .option('--no-redact', 'do not mask credentials in the output (local use only)')
    .option('--color', 'force colour')
    .option('--no-color', 'no colour')
    .option('-v, --verbose', 'show every evidence line and timeline entry')
    .option('-n, --namespace <ns>', 'namespace (live mode)')
    .option('-A, --all-namespaces', 'all namespaces (live mode)')
    .option('--context <ctx>', 'kubeconfig context (live mode)')
    .action(
      (
        targets: string[],
        flags: DiagnoseFlags & { namespace?: string; allNamespaces?: boolean; context?: string },
      ) => {
        const config = resolveDiagnoseConfig(targets, flags, { isTTY: io.isTTY, env: io.env });
        if (config.inputs.length === 0) {
          throw new CrashlensError(
            'E_NOT_AVAILABLE',
            'Live diagnosis of a cluster is not available in this version; crashlens reads pasted output.',
            {
              hint: 'Save the output of `kubectl describe pod POD`, `kubectl logs POD --previous` and `kubectl get events` and run `crashlens diagnose -f FILE` (or pipe it: `... | crashlens diagnose -f -`).',
            },
          );
        }
        const inputs = readInputs(config.inputs, io.stdin);
        const bundle = collectOffline(inputs, config.now ? { now: config.now } : {});
        if (bundle.items.length === 0 && bundle.logs.length === 0) {
          throw new CrashlensError(
            'E_INPUT_UNRECOGNISED',
            `Nothing in ${inputs.map((i) => i.name).join(', ')} looks like kubectl output or container logs.`,
            {
              hint: 'crashlens reads `kubectl describe pod`, `kubectl get pods/events`, `-o json|yaml` objects and logs (`kubectl logs POD --previous`). Paste those, with their `$ kubectl ...` lines if you have them.',
            },
          );
        }
        const report = diagnose(bundle, {
          detectors: config.detectorIds.map((id) => DETECTORS[id]).filter((d) => d !== undefined),
          version: pkg.version,
          mode: 'offline',
          inputs: inputs.map((i) => i.name),
        });
        const shown = config.redact ? redactDeep(report) : report;
        io.stdout(
          render(shown, config.format, {
            color: config.color,
            width: config.width,
            verbose: config.verbose,
          }),
        );
        status = report.status === 'problems' ? 1 : 0;
      },
    );

  program
    .command('detectors')
    .description('List the detectors: id, category and what each finds')
    .option('-o, --output <format>', 'text or json', 'text')
    .action((flags: { output: string }) => {
      const list = Object.values(DETECTORS).map((d) => ({
        id: d.meta.id,
        category: d.meta.category,
        severity: d.meta.severity,
        summary: d.meta.summary,
      }));
      if (flags.output === 'json') io.stdout(`${JSON.stringify(list, null, 2)}\n`);
      else
        io.stdout(
          list.map((d) => `${d.id.padEnd(30)} ${d.category.padEnd(22)} ${d.summary}`).join('\n') +
            '\n',
        );
    });

  try {
    await program.parseAsync(io.argv, { from: 'user' });
    return status;
  } catch (error) {
    return report(error, io);
  }
}

function report(error: unknown, io: Io): number {
  if (error instanceof CommanderError) {
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.code === 'commander.help'
    )
      return 0;
    // Commander already printed what was wrong; finish the paragraph with what to run.
    io.stderr(' Run `crashlens --help` or `crashlens diagnose --help` for usage.\n');
    return 2;
  }
  if (isCrashlensError(error)) {
    io.stderr(`crashlens: ${error.message}${error.hint ? ` ${error.hint}` : ''}\n`);
    return 2;
  }
  if (error instanceof Error && error.name === 'ZodError') {
    io.stderr(`crashlens: invalid options: ${error.message}. Run \`crashlens diagnose --help\`.\n`);
    return 2;
  }
  const detail = error instanceof Error ? error.message : String(error);
  io.stderr(
    `crashlens: internal error: ${detail}. This is a bug in crashlens, not in your input; please report it with the input that caused it (redacted).${io.env['CRASHLENS_DEBUG'] && error instanceof Error ? `\n${error.stack ?? ''}` : ''}\n`,
  );
  return 2;
}

/** Entry point when run as a program. */
export async function main(): Promise<void> {
  const code = await run({
    argv: process.argv.slice(2),
    env: process.env,
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    stdin: () => readFileSync(0, 'utf8'),
    isTTY: process.stdout.isTTY === true,
  });
  process.exitCode = code;
}
