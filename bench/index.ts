/**
 * `npm run bench [-- --quick] [-- --only NAME,...]`: the performance and accuracy figures, each
 * as a ratio against a baseline measured in the same run on the same data. Writes
 * bench/results/latest.json and prints a summary table.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DETECTORS } from '../src/detectors/index.js';
import { diagnose } from '../src/engine/diagnose.js';
import { collectOffline } from '../src/evidence/offline/collect.js';
import { SIGNATURES, SignatureScanner } from '../src/signatures/index.js';
import { generateSnapshot } from './generate.js';
import { liveBenchmark } from './live.js';
import { machine, repeat, round, runProcess, stats, type Stats } from './measure.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.includes('--only')
  ? (args[args.indexOf('--only') + 1] ?? '').split(',')
  : undefined;
const cli = join(root, 'dist', 'crashlens.js');
const floorScript = join(root, 'dist', 'bench-floor.js');
const results: Record<string, unknown> = {};
const summary: {
  bench: string;
  measure: string;
  value: string;
  baseline: string;
  ratio: string;
  goal: string;
  met: string;
}[] = [];

function want(name: string): boolean {
  return !only || only.includes(name);
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function offlineAtScale(): Promise<void> {
  const size = quick
    ? { pods: 1000, failing: 100, events: 10_000, logBytes: 50_000 }
    : { pods: 10_000, failing: 1000, events: 100_000, logBytes: 200_000 };
  const dir = mkdtempSync(join(tmpdir(), 'crashlens-bench-'));
  log(
    `offline: generating ${size.pods} pods, ${size.failing} failing, ${size.events} events, logs ~${size.logBytes / 1000} KB each…`,
  );
  const gen = generateSnapshot(dir, { ...size, namespaces: 20, seed: 42 });
  const times = quick ? 3 : 3;
  const runs = await repeat(times, () =>
    runProcess(process.execPath, [cli, 'diagnose', '-f', dir, '-o', 'json'], { keepStdout: true }),
  );
  const floor = await repeat(times, () => runProcess(process.execPath, [floorScript, dir]));
  const report = JSON.parse(runs[runs.length - 1]?.stdout ?? '{}') as {
    diagnoses?: {
      subject: { namespace?: string; pod?: string };
      rootCause: { category: string };
    }[];
  };
  let right = 0;
  for (const d of report.diagnoses ?? [])
    if (gen.expected[`${d.subject.namespace}/${d.subject.pod}`] === d.rootCause.category) right++;
  const t = stats(runs.map((r) => r.ms));
  const f = stats(floor.map((r) => r.ms));
  const rss = Math.max(...runs.map((r) => r.peakRssMb ?? 0));
  const ratio = round(t.median / f.median);
  results['offline'] = {
    size: { ...size, bytes: gen.bytes, files: gen.files },
    diagnoseMs: t,
    floorMs: f,
    ratio,
    peakRssMb: rss,
    floorPeakRssMb: Math.max(...floor.map((r) => r.peakRssMb ?? 0)),
    diagnosed: report.diagnoses?.length ?? 0,
    rightOnSynthetic: right,
    expectedFailing: gen.failing,
  };
  summary.push({
    bench: 'offline at scale',
    measure: `diagnose -f (${size.pods} pods, ${Math.round(gen.bytes / 1e6)} MB)`,
    value: `${t.median} ms`,
    baseline: `${f.median} ms read+JSON.parse`,
    ratio: `${ratio}×`,
    goal: '≤ 2×, ≤ 1 GiB',
    met: ratio <= 2 && rss <= 1024 ? 'yes' : 'no',
  });
  summary.push({
    bench: 'offline at scale',
    measure: 'peak RSS',
    value: `${rss} MB`,
    baseline: '',
    ratio: '',
    goal: '≤ 1024 MB',
    met: rss <= 1024 ? 'yes' : 'no',
  });
  rmSync(dir, { recursive: true, force: true });
}

async function signatureScanning(): Promise<void> {
  const mb = quick ? 20 : 100;
  const dir = mkdtempSync(join(tmpdir(), 'crashlens-sig-'));
  const file = join(dir, 'corpus.log');
  const lines = corpusLines();
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < mb * 1e6; i++) {
    const l = lines[i % lines.length] as string;
    parts.push(l);
    size += l.length + 1;
  }
  writeFileSync(file, `${parts.join('\n')}\n`);
  const bytes = statSync(file).size;
  const scanner = new SignatureScanner(SIGNATURES);
  const ours = await repeat(3, async () => {
    const start = process.hrtime.bigint();
    const text = readFileSync(file, 'utf8');
    let matches = 0;
    let from = 0;
    while (from < text.length) {
      let to = text.indexOf('\n', from);
      if (to < 0) to = text.length;
      matches += scanner.matchLine(text.slice(from, to)).length;
      from = to + 1;
    }
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, matches };
  });
  const patterns = join(dir, 'patterns.txt');
  // rg joins the patterns into one; named groups would clash, and it needs no captures. PCRE2 has
  // no variable-length look-behind (JS has): such patterns are left out of its set, and counted.
  const pcrePatterns = SIGNATURES.map((s) =>
    s.pattern.source.replace(/\(\?<([A-Za-z]\w*)>/g, '('),
  ).filter((src) => spawnSync('rg', ['-P', '-q', '-e', src, '/dev/null']).status !== 2);
  writeFileSync(patterns, `${pcrePatterns.join('\n')}\n`);
  const rgAvailable = (await runProcess('rg', ['--version']).catch(() => undefined))?.status === 0;
  const t = stats(ours.map((o) => o.ms));
  const mbps = round(bytes / 1e6 / (t.median / 1000));
  let rg: Stats | undefined;
  let rgLines: number | undefined;
  if (rgAvailable) {
    const runs = await repeat(3, () =>
      runProcess('rg', ['-P', '-c', '-f', patterns, file], { keepStdout: true }),
    );
    if (runs.some((r) => r.status !== 0))
      throw new Error(
        `ripgrep failed on the patterns (exit ${runs[0]?.status}); the baseline would be meaningless`,
      );
    rg = stats(runs.map((r) => r.ms));
    rgLines = Number(runs[0]?.stdout.trim());
  }
  // ripgrep's default engine is much faster than PCRE2 but has no look-around: measure it too,
  // on the patterns it accepts, and compare with the faster of the two (the conservative choice).
  let rgFast: Stats | undefined;
  let rgFastPatterns = 0;
  if (rgAvailable) {
    // Keep the patterns ripgrep's own engine compiles (JS's `\/` escape and look-around are not Rust syntax).
    const plain = SIGNATURES.map((s) =>
      s.pattern.source.replace(/\(\?<([A-Za-z]\w*)>/g, '(').replace(/\\\//g, '/'),
    ).filter((src) => spawnSync('rg', ['-q', '-e', src, '/dev/null']).status !== 2);
    rgFastPatterns = plain.length;
    const fastFile = join(dir, 'patterns-rust.txt');
    writeFileSync(fastFile, `${plain.join('\n')}\n`);
    const runs = await repeat(3, () =>
      runProcess('rg', [
        '-c',
        '--regex-size-limit',
        '2G',
        '--dfa-size-limit',
        '2G',
        '-f',
        fastFile,
        file,
      ]),
    );
    if (runs.some((r) => r.status !== 0))
      throw new Error(`ripgrep (default engine) failed on the patterns (exit ${runs[0]?.status})`);
    rgFast = stats(runs.map((r) => r.ms));
  }
  const best = [rg, rgFast]
    .filter((x): x is Stats => x !== undefined)
    .sort((a, b) => a.median - b.median)[0];
  const rgMbps = best ? round(bytes / 1e6 / (best.median / 1000)) : undefined;
  const ratio = rgMbps ? round(mbps / rgMbps) : undefined;
  results['signatures'] = {
    bytes,
    signatures: SIGNATURES.length,
    oursMs: t,
    oursMBps: mbps,
    matches: ours[0]?.matches,
    ripgrep: rg
      ? {
          pcre2: {
            ms: rg,
            MBps: round(bytes / 1e6 / (rg.median / 1000)),
            matchingLines: rgLines,
            patterns: pcrePatterns.length,
          },
          defaultEngine: rgFast
            ? {
                ms: rgFast,
                MBps: round(bytes / 1e6 / (rgFast.median / 1000)),
                patterns: rgFastPatterns,
              }
            : undefined,
          comparedWith: best === rg ? 'pcre2' : 'default engine',
        }
      : 'not installed (apt-get install ripgrep)',
    ratioToRipgrep: ratio,
  };
  summary.push({
    bench: 'signature scanning',
    measure: `${SIGNATURES.length} signatures over ${Math.round(bytes / 1e6)} MB`,
    value: `${mbps} MB/s`,
    baseline: rgMbps
      ? `ripgrep ${best === rg ? '-P' : `(${rgFastPatterns} patterns, default engine)`} ${rgMbps} MB/s`
      : 'ripgrep not installed',
    ratio: ratio ? `${ratio}×` : '',
    goal: '≥ 0.33× ripgrep',
    met: ratio === undefined ? 'n/a' : ratio >= 0.33 ? 'yes' : 'no',
  });
  rmSync(dir, { recursive: true, force: true });
}

function corpusLines(): string[] {
  const normal = [
    '2026-03-11T14:33:02.114Z info  handled request method=GET path=/api/v1/items status=200 duration_ms=12',
    '2026-03-11 14:38:23,904 INFO iteration 6 done, 118 messages forwarded',
    '{"ts":1707318005,"level":"info","msg":"heartbeat","service":"payment-gateway","uptime_s":4821}',
    'I0311 14:33:02.114512       1 controller.go:142] Starting workers count=4',
    '2026-03-19 08:41:09.812  INFO 1 --- [           main] c.a.l.LedgerWorkerApplication            : Started LedgerWorkerApplication in 2.417 seconds',
    '10.1.4.1 - - [11/Mar/2026:14:33:02 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.33"',
    '    at com.acme.orders.OrderService.place(OrderService.java:88)',
  ];
  const errors = [
    '2026-03-11T14:33:03.121Z error Error: connect ECONNREFUSED 10.96.22.18:6379',
    "redis.exceptions.ConnectionError: Error while reading from redis:6379 : (104, 'Connection reset by peer')",
    'panic: runtime error: invalid memory address or nil pointer dereference',
    'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space',
    "Error: EACCES: permission denied, open '/app/logs/app.log'",
    'dial tcp: lookup postgres on 10.96.0.10:53: no such host',
  ];
  const out: string[] = [];
  for (let i = 0; i < 200; i++)
    out.push(
      i % 40 === 39
        ? (errors[((i / 40) % errors.length) | 0] as string)
        : (normal[i % normal.length] as string),
    );
  return out;
}

async function cliStart(): Promise<void> {
  const n = quick ? 10 : 20;
  const floor = stats(
    (await repeat(n, () => runProcess(process.execPath, ['-e', '0']))).map((r) => r.ms),
  );
  const version = stats(
    (await repeat(n, () => runProcess(process.execPath, [cli, '--version']))).map((r) => r.ms),
  );
  const sample = existsSync(
    join(root, '..', 'shared', 'cases', 'seed-000-user-auth-redis-url', 'input.txt'),
  )
    ? join(root, '..', 'shared', 'cases', 'seed-000-user-auth-redis-url', 'input.txt')
    : join(root, 'examples', 'orders-api-database-url.txt');
  const one = stats(
    (
      await repeat(n, () =>
        runProcess(process.execPath, [cli, 'diagnose', '-f', sample, '-o', 'json']),
      )
    ).map((r) => r.ms),
  );
  results['cliStart'] = {
    nodeFloorMs: floor,
    versionMs: version,
    diagnoseOneCaseMs: one,
    versionRatio: round(version.median / floor.median),
    diagnoseRatio: round(one.median / floor.median),
    sample: sample.replace(root, '.'),
  };
  summary.push({
    bench: 'CLI start',
    measure: 'crashlens --version',
    value: `${version.median} ms`,
    baseline: `node -e 0 ${floor.median} ms`,
    ratio: `${round(version.median / floor.median)}×`,
    goal: '≤ 3×',
    met: version.median / floor.median <= 3 ? 'yes' : 'no',
  });
  summary.push({
    bench: 'CLI start',
    measure: 'diagnose one case',
    value: `${one.median} ms`,
    baseline: `node -e 0 ${floor.median} ms`,
    ratio: `${round(one.median / floor.median)}×`,
    goal: '≤ 3×',
    met: one.median / floor.median <= 3 ? 'yes' : 'no',
  });
}

function accuracy(): void {
  const sets: [string, string][] = [
    ['public', join(root, '..', 'shared', 'cases')],
    ['corpus', join(root, 'test', 'fixtures', 'cases')],
  ];
  const out: Record<string, unknown> = {};
  for (const [name, dir] of sets) {
    if (!existsSync(dir)) continue;
    const perCategory: Record<string, { right: number; total: number }> = {};
    let right = 0;
    let total = 0;
    for (const c of readdirSync(dir).sort()) {
      const expectedFile = join(dir, c, 'expected.json');
      if (!existsSync(expectedFile)) continue;
      const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as {
        category: string;
        also_acceptable?: string[];
      };
      const bundle = collectOffline([
        { name: 'input.txt', text: readFileSync(join(dir, c, 'input.txt'), 'utf8') },
      ]);
      const report = diagnose(bundle, {
        detectors: Object.values(DETECTORS),
        version: 'bench',
        mode: 'offline',
        inputs: ['input.txt'],
      });
      const got = report.diagnoses[0]?.rootCause.category ?? 'none';
      const ok = [expected.category, ...(expected.also_acceptable ?? [])].includes(got);
      const cat = (perCategory[expected.category] ??= { right: 0, total: 0 });
      cat.total++;
      total++;
      if (ok) {
        cat.right++;
        right++;
      }
    }
    out[name] = { right, total, perCategory };
    summary.push({
      bench: 'accuracy',
      measure: `${name} cases (top-1)`,
      value: `${right}/${total}`,
      baseline: '',
      ratio: total ? `${round((100 * right) / total, 1)}%` : '',
      goal: 'all right',
      met: right === total ? 'yes' : 'no',
    });
  }
  results['accuracy'] = out;
}

async function main(): Promise<void> {
  if (!existsSync(cli) || !existsSync(floorScript))
    throw new Error('run `npm run build` first (npm run bench does it)');
  const started = new Date().toISOString();
  if (want('cli')) await cliStart();
  if (want('signatures')) await signatureScanning();
  if (want('offline')) await offlineAtScale();
  if (want('live')) {
    const live = await liveBenchmark({ quick });
    results['live'] = live.result;
    summary.push(...live.summary);
  }
  if (want('accuracy')) accuracy();
  const out = {
    started,
    finished: new Date().toISOString(),
    quick,
    machine: machine(),
    results,
    summary,
  };
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'latest.json'), `${JSON.stringify(out, null, 2)}\n`);
  const cols = ['bench', 'measure', 'value', 'baseline', 'ratio', 'goal', 'met'] as const;
  const widths = cols.map((c) => Math.max(c.length, ...summary.map((s) => s[c].length)));
  const row = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  process.stdout.write(
    `${row([...cols])}\n${row(widths.map((w) => '-'.repeat(w)))}\n${summary.map((s) => row(cols.map((c) => s[c]))).join('\n')}\n`,
  );
  process.stdout.write(
    `\nmachine: ${out.machine.cpu}, ${out.machine.cores} cores, ${out.machine.memoryGb} GiB, Node ${out.machine.node}\nwritten: bench/results/latest.json\n`,
  );
}

await main();
