/**
 * The command line: the only place that reads flags and the environment, writes to the
 * terminal, and exits. Errors from anywhere below arrive as CrashlensError and leave as a
 * one-paragraph message with exit status 2; a diagnosis exits 1 when it found problems, 0 when
 * not.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { isCrashlensError } from '../errors.js';
import { FORMATS } from '../render/formats.js';
import type { DiagnoseFlags } from './config.js';

// Commands load what they need when they run, so `--version` and `--help` start in a few
// milliseconds and only live mode loads the Kubernetes client.

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
    .option('-n, --namespace <ns>', 'namespace (live mode; default: the context namespace)')
    .option('-A, --all-namespaces', 'all namespaces (live mode)')
    .option('-l, --selector <labels>', 'label selector for pods (live mode)')
    .option('--context <ctx>', 'kubeconfig context (live mode)')
    .option(
      '--kubeconfig <file>',
      'kubeconfig file (live mode; default: $KUBECONFIG or ~/.kube/config)',
    )
    .option('--tail <lines>', 'lines of the current container log to read (live mode)', '200')
    .option(
      '--secret-keys',
      'read Secret key names (never values) to check key references (live mode)',
    )
    .action(async (targets: string[], flags: DiagnoseFlags) => {
      const { resolveDiagnoseConfig } = await import('./config.js');
      const { runDiagnose } = await import('./diagnose-command.js');
      const config = resolveDiagnoseConfig(targets, flags, { isTTY: io.isTTY, env: io.env });
      status = await runDiagnose(config, { ...io, now: () => new Date().toISOString() });
    });

  program
    .command('snapshot')
    .description(
      'Collect live evidence into a redacted directory that `diagnose -f DIR` reads back offline',
    )
    .requiredOption('-o, --output <dir>', 'directory to write')
    .option('-n, --namespace <ns>', 'namespace (default: the context namespace)')
    .option('-A, --all-namespaces', 'all namespaces')
    .option('-l, --selector <labels>', 'label selector for pods')
    .option('--context <ctx>', 'kubeconfig context')
    .option('--kubeconfig <file>', 'kubeconfig file')
    .option('--tail <lines>', 'lines of the current container log to read', '200')
    .option('--secret-keys', 'include Secret key names (never values)')
    .action(async (flags: DiagnoseFlags & { output: string }) => {
      const { resolveLive } = await import('./config.js');
      const { collectFromCluster } = await import('./diagnose-command.js');
      const { prepareSnapshotDir, writeSnapshot } = await import('./snapshot.js');
      const live = resolveLive(flags, io.env);
      prepareSnapshotDir(flags.output);
      const collectedAt = new Date().toISOString();
      const result = await collectFromCluster(live, [], collectedAt);
      const scope = live.allNamespaces
        ? 'all namespaces'
        : `namespace ${live.namespace ?? '(context default)'}`;
      const { files } = writeSnapshot(flags.output, result, { collectedAt, scope });
      io.stdout(
        `Wrote ${files} files to ${flags.output} (${result.apiRequests} API requests). Read it back with: crashlens diagnose -f ${flags.output}\n`,
      );
      for (const f of result.forbidden) io.stderr(`crashlens: permission missing: ${f}\n`);
    });

  program
    .command('rbac')
    .description('Print the least-privilege ClusterRole (or Role with -n) that live mode needs')
    .option('-n, --namespace <ns>', 'a namespaced Role instead of a ClusterRole')
    .option('--name <name>', 'role name', 'crashlens-reader')
    .option('--secret-keys', 'also allow listing Secrets for key-name checks')
    .action(async (flags: { namespace?: string; name: string; secretKeys?: boolean }) => {
      const { rbacManifest } = await import('../evidence/live/rbac.js');
      io.stdout(
        rbacManifest({
          name: flags.name,
          ...(flags.namespace ? { namespace: flags.namespace } : {}),
          secretKeys: flags.secretKeys ?? false,
        }),
      );
    });

  // The lab loads a whole cluster's worth of modules: only when asked for.
  if (io.argv[0] === 'lab') {
    const { registerLabCommands } = await import('./lab.js');
    registerLabCommands(program, io, (code) => {
      status = code;
    });
  } else {
    program
      .command('lab')
      .description(
        'A local Kubernetes-compatible cluster whose containers are real failing processes (crashlens lab --help)',
      );
  }

  program
    .command('detectors')
    .description('List the detectors: id, category and what each finds')
    .option('-o, --output <format>', 'text or json', 'text')
    .action(async (flags: { output: string }) => {
      const { DETECTORS } = await import('../detectors/index.js');
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
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    // Help shown because no command was given is a usage error: it did nothing asked of it.
    if (error.code === 'commander.help') return 2;
    // Commander already printed what was wrong; finish the paragraph with what to run.
    io.stderr(' Run `crashlens --help` or `crashlens diagnose --help` for usage.\n');
    return 2;
  }
  if (isCrashlensError(error)) {
    io.stderr(`crashlens: ${error.message}${error.hint ? ` ${error.hint}` : ''}\n`);
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
