/**
 * End-to-end tests of the built CLI (`./bin/crashlens`, built by `npm test` before the tests run):
 * exit codes, stdin, bad input, redaction in every output format, grouping of several failing
 * pods, and the public acceptance cases when `../shared/cases` is present.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../src/render/formats.js';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'crashlens');
const fixtures = join(import.meta.dirname, 'fixtures', 'pastes');
const shared = join(root, '..', 'shared', 'cases');

function cli(
  args: string[],
  input?: string | Buffer,
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], {
    input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tmp(name: string, content: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'crashlens-'));
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

const fold = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** A user error: exit 2, one paragraph on stderr, never a stack trace. */
function expectUserError(r: ReturnType<typeof cli>): void {
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/^crashlens: /);
  expect(r.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
}

describe('crashlens CLI', () => {
  it('prints its version', () => {
    const r = cli(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('lists detectors', () => {
    const r = cli(['detectors', '-o', 'json']);
    expect(r.status).toBe(0);
    const list = JSON.parse(r.stdout) as { id: string }[];
    expect(list.map((d) => d.id)).toContain('oom-killed');
  });

  it('reads stdin with -f -', () => {
    const paste = readFileSync(join(fixtures, 'two-workloads.txt'), 'utf8');
    const r = cli(['diagnose', '-f', '-', '-o', 'json'], paste);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { source: { inputs: string[] }; diagnoses: unknown[] };
    expect(report.source.inputs).toEqual(['stdin']);
    expect(report.diagnoses.length).toBeGreaterThan(0);
  });

  it('gives one diagnosis per failing container, grouped by workload', () => {
    const r = cli(['diagnose', '-f', join(fixtures, 'two-workloads.txt'), '-o', 'json']);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as {
      diagnoses: {
        subject: { pod: string; workload?: { name: string } };
        rootCause: { category: string };
      }[];
      groups?: { workload: { name: string }; pods: string[] }[];
    };
    const byPod = new Map(report.diagnoses.map((d) => [d.subject.pod, d]));
    expect([...byPod.keys()].sort()).toEqual([
      'frontend-6d9f7c8b4-abcde',
      'frontend-6d9f7c8b4-fghij',
      'worker-84c6d9f5b-klmno',
    ]);
    expect(byPod.get('worker-84c6d9f5b-klmno')?.rootCause.category).toBe('oom-killed');
    expect(byPod.get('frontend-6d9f7c8b4-abcde')?.rootCause.category).toBe('app-crash');
    expect(byPod.get('frontend-6d9f7c8b4-fghij')?.rootCause.category).toBe('app-crash');
    const frontend = report.groups?.find((g) => g.workload.name === 'frontend');
    expect(frontend?.pods.sort()).toEqual(['frontend-6d9f7c8b4-abcde', 'frontend-6d9f7c8b4-fghij']);
    const text = cli(['diagnose', '-f', join(fixtures, 'two-workloads.txt')]).stdout;
    expect(text).toMatch(/Same cause on 1 more pod/);
  });

  it('exits 0 with "no failing containers" when everything is healthy', () => {
    const file = tmp(
      'ok.txt',
      'NAME                     READY   STATUS    RESTARTS   AGE\nweb-5d8c7b9f4-2mxkq      1/1     Running   0          3d\n',
    );
    const r = cli(['diagnose', '-f', file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/[Nn]o failing containers/);
  });

  describe('bad input', () => {
    it('empty input', () => expectUserError(cli(['diagnose', '-f', tmp('empty.txt', '')])));
    it('empty stdin', () => expectUserError(cli(['diagnose', '-f', '-'], '')));
    it('binary input', () =>
      expectUserError(
        cli([
          'diagnose',
          '-f',
          tmp('bin.dat', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256))),
        ]),
      ));
    it('a file that does not exist', () =>
      expectUserError(cli(['diagnose', '-f', '/nonexistent/paste.txt'])));
    it('random prose', () => {
      const r = cli([
        'diagnose',
        '-f',
        tmp(
          'prose.txt',
          'The quick brown fox jumps over the lazy dog.\nNothing here looks like Kubernetes at all.\n',
        ),
      ]);
      expect([0, 2]).toContain(r.status);
      if (r.status === 2) expectUserError(r);
      else expect(r.stdout).toMatch(/[Nn]o failing containers/);
    });
    it('truncated JSON', () => {
      const r = cli([
        'diagnose',
        '-f',
        tmp(
          'cut.json',
          '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"api-1","namespace":"x"},"status":{"containerStatuses":[{"name":"api","restartCount":3,"state":{"waiting":{"reason":"CrashLoopBac',
        ),
      ]);
      expect([0, 1, 2]).toContain(r.status);
      expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    });
    it('a 50 MB single line', () => {
      const r = cli(['diagnose', '-f', '-', '-o', 'json'], 'x'.repeat(50 * 1024 * 1024));
      expect([0, 2]).toContain(r.status);
      expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    });
    it('an unknown flag', () => expectUserError(cli(['diagnose', '--bogus'])));
    it('an unknown output format', () =>
      expectUserError(cli(['diagnose', '-f', '-', '-o', 'yaml'], 'x')));
    it('an unknown detector', () =>
      expectUserError(
        cli(['diagnose', '-f', join(fixtures, 'two-workloads.txt'), '--only', 'no-such-detector']),
      ));
  });

  describe('redaction', () => {
    const secrets = [
      'hunter2-prod-password',
      'sk-live-1234567890abcdef',
      'aHVudGVyMi1wcm9kLXBhc3N3b3Jk',
      'c2stbGl2ZS0xMjM0NTY3ODkwYWJjZGVm',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwYXltZW50cyJ9',
    ];
    for (const format of FORMATS) {
      it(`masks credentials in ${format} output`, () => {
        const r = cli(['diagnose', '-f', join(fixtures, 'secrets.txt'), '-o', format, '--verbose']);
        expect(r.status).toBe(1);
        for (const s of secrets) expect(r.stdout, s).not.toContain(s);
      });
    }
    it('never quotes a Secret value: YAML with last-applied, coloured values, one-line jsonpath', () => {
      const values = [
        'YnJva2VyLmludGVybmFs',
        'c2stbGl2ZS1zZWNyZXQ',
        'ZGIuaW50ZXJuYWw6NTQzMg',
        'YWRtaW4',
      ];
      for (const format of FORMATS) {
        for (const extra of [[], ['--no-redact']]) {
          const r = cli([
            'diagnose',
            '-f',
            join(fixtures, 'secret-shapes.txt'),
            '-o',
            format,
            '-v',
            ...extra,
          ]);
          expect(r.status).toBe(1);
          for (const v of values)
            expect(r.stdout, `${format} ${extra.join(' ')}: ${v}`).not.toContain(v);
        }
      }
    });
    it('--no-redact shows non-Secret values for local use, never Secret object values', () => {
      const r = cli(['diagnose', '-f', join(fixtures, 'secrets.txt'), '-o', 'json', '--no-redact']);
      expect(r.stdout).not.toContain('aHVudGVyMi1wcm9kLXBhc3N3b3Jk');
    });
  });

  describe.skipIf(!existsSync(shared))('public acceptance cases (../shared/cases)', () => {
    const cases = existsSync(shared)
      ? readdirSync(shared).filter((d) => existsSync(join(shared, d, 'expected.json')))
      : [];
    for (const name of cases) {
      it(name, () => {
        const expected = JSON.parse(readFileSync(join(shared, name, 'expected.json'), 'utf8')) as {
          category: string;
          also_acceptable?: string[];
        };
        const input = readFileSync(join(shared, name, 'input.txt'), 'utf8');
        const r = cli(['diagnose', '-f', join(shared, name, 'input.txt'), '-o', 'json']);
        const report = JSON.parse(r.stdout) as {
          diagnoses: {
            rootCause: { category: string; evidence: { excerpt: string }[] };
            contributing: { evidence: { excerpt: string }[] }[];
          }[];
        };
        expect([expected.category, ...(expected.also_acceptable ?? [])]).toContain(
          report.diagnoses[0]?.rootCause.category,
        );
        for (const d of report.diagnoses) {
          for (const e of [...d.rootCause.evidence, ...d.contributing.flatMap((c) => c.evidence)]) {
            expect(fold(input).includes(fold(e.excerpt)), e.excerpt).toBe(true);
          }
        }
      });
    }
  });
});
