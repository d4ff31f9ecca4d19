/**
 * Tests for the container log parser: entry grouping (stack traces, tracebacks, panics, ASP.NET
 * records), prefix/level/time extraction for common log formats, the `kubectl logs` command,
 * and robustness (huge lines, arbitrary input).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourceDoc } from '../types.js';
import type { Block, KubectlCommand } from './block.js';
import { parseLogLines, parseLogs } from './parse-logs.js';

function entries(text: string, firstLine = 1) {
  return parseLogLines(text.split('\n'), firstLine);
}

function one(line: string) {
  const [e, ...rest] = entries(line);
  expect(rest).toHaveLength(0);
  if (!e) throw new Error('no entry');
  return e;
}

function command(text: string, extra: Partial<KubectlCommand> = {}): KubectlCommand {
  return { text, verb: 'logs', names: [], flags: {}, ...extra };
}

function block(lines: string[], cmd?: KubectlCommand, from = 10): Block {
  return {
    kind: 'logs',
    from,
    to: from + lines.length - 1,
    lines,
    ...(cmd ? { command: cmd } : {}),
  };
}

const SOURCE: SourceDoc = { name: 'test', lines: [] };

describe('parseLogLines: grouping', () => {
  it('keeps one entry per plain line with line numbers from firstLine', () => {
    const es = entries('starting worker\nconnected to queue\nworker stopped', 40);
    expect(es.map((e) => [e.line, e.lineCount, e.message])).toEqual([
      [40, 1, 'starting worker'],
      [41, 1, 'connected to queue'],
      [42, 1, 'worker stopped'],
    ]);
  });

  it('joins a Node stack trace to its error line and keeps the raw text', () => {
    const text = [
      '2026-04-02T08:15:00.500Z info  listening on :3000',
      "2026-04-02T08:15:01.002Z error TypeError: Cannot read properties of undefined (reading 'id')",
      '    at OrderService.load (/app/dist/orders.js:88:21)',
      '    at async Server.<anonymous> (/app/dist/server.js:41:5)',
      '2026-04-02T08:15:01.010Z fatal shutting down',
    ].join('\n');
    const es = entries(text);
    expect(es).toHaveLength(3);
    const err = es[1];
    expect(err?.lineCount).toBe(3);
    expect(err?.line).toBe(2);
    expect(err?.level).toBe('error');
    expect(err?.time).toBe('2026-04-02T08:15:01.002Z');
    expect(err?.message).toBe("TypeError: Cannot read properties of undefined (reading 'id')");
    expect(err?.text).toBe(text.split('\n').slice(1, 4).join('\n'));
    expect(es[2]?.level).toBe('fatal');
  });

  it('groups a Python traceback, including the final exception line, as one entry', () => {
    const text = [
      '2026-04-02 10:00:01,120 INFO consumer ready',
      'Traceback (most recent call last):',
      '  File "/srv/app/main.py", line 31, in <module>',
      '    main()',
      '  File "/srv/app/main.py", line 27, in main',
      '    conn = psycopg2.connect(dsn)',
      'psycopg2.OperationalError: could not translate host name "orders-db" to address',
      '2026-04-02 10:00:01,300 INFO exiting',
    ].join('\n');
    const es = entries(text);
    expect(es).toHaveLength(3);
    expect(es[1]).toMatchObject({
      line: 2,
      lineCount: 6,
      level: 'error',
      message: 'psycopg2.OperationalError: could not translate host name "orders-db" to address',
    });
    expect(es[2]?.message).toBe('exiting');
  });

  it('keeps chained Python tracebacks (with blank lines) in one entry', () => {
    const text = [
      'Traceback (most recent call last):',
      '  File "/app/a.py", line 3, in load',
      '    return json.loads(raw)',
      'json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)',
      '',
      'During handling of the above exception, another exception occurred:',
      '',
      'Traceback (most recent call last):',
      '  File "/app/a.py", line 9, in <module>',
      '    load()',
      'RuntimeError: config is not valid JSON',
      '',
      'next run',
    ].join('\n');
    const es = entries(text);
    expect(es).toHaveLength(2);
    expect(es[0]?.lineCount).toBe(11);
    expect(es[0]?.message).toBe('RuntimeError: config is not valid JSON');
    expect(es[1]).toMatchObject({ line: 13, message: 'next run' });
  });

  it('attaches a traceback to the error line logged just above it (logger.exception)', () => {
    const text = [
      'ERROR:worker:job 42 failed',
      'Traceback (most recent call last):',
      '  File "/app/w.py", line 5, in run',
      '    do()',
      "KeyError: 'tenant'",
    ].join('\n');
    const es = entries(text);
    expect(es).toHaveLength(1);
    expect(es[0]).toMatchObject({ level: 'error', message: 'job 42 failed', lineCount: 5 });
  });

  it('groups a Go panic from `panic:` to `exit status`, across blank lines', () => {
    const text = [
      'panic: assignment to entry in nil map',
      '',
      'goroutine 1 [running]:',
      'main.(*registry).add(...)',
      '\t/go/src/app/registry.go:19',
      'main.main()',
      '\t/go/src/app/main.go:12 +0x1d',
      'exit status 2',
      'restarting',
    ].join('\n');
    const es = entries(text);
    expect(es).toHaveLength(2);
    expect(es[0]).toMatchObject({
      lineCount: 8,
      level: 'fatal',
      message: 'panic: assignment to entry in nil map',
    });
    expect(es[1]?.message).toBe('restarting');
  });

  it('starts a Go panic after a log prefix and keeps the signal line and frames', () => {
    const text = [
      '2025-11-02T07:30:00.010Z [INFO] inventory-api v1.4.0 starting',
      '2025-11-02T07:30:00.020Z [ERROR] inventory-api panic: runtime error: index out of range [3] with length 3',
      '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a1b2c]',
      '',
      'goroutine 7 [running]:',
      'example.com/inventory.(*Store).Get(0xc000010000, 0x3)',
      '\t/src/inventory/store.go:44 +0x9a',
      'created by example.com/inventory.Start in goroutine 1',
      '\t/src/inventory/start.go:12 +0x55',
      '',
      '2025-11-02T07:30:05.000Z [INFO] inventory-api v1.4.0 starting',
    ].join('\n');
    const es = entries(text);
    expect(es.map((e) => e.lineCount)).toEqual([1, 8, 1]);
    expect(es[1]?.level).toBe('error');
    expect(es[1]?.text).toContain('store.go:44');
    expect(es[1]?.text.endsWith('start.go:12 +0x55')).toBe(true);
  });

  it('groups a .NET unhandled exception with its frames', () => {
    const text = [
      "Unhandled exception. System.IO.FileNotFoundException: Could not find file '/config/appsettings.Production.json'.",
      '   at System.IO.FileStream.ValidateFileHandle(SafeFileHandle fileHandle)',
      '   at Billing.Program.Main(String[] args) in /src/Billing/Program.cs:line 22',
    ].join('\n');
    const e = one(text);
    expect(e.lineCount).toBe(3);
    expect(e.level).toBe('fatal');
    expect(e.message).toMatch(/^Unhandled exception\. System\.IO\.FileNotFoundException/);
  });

  it('reads ASP.NET console records: header + indented message', () => {
    const text = [
      'warn: Microsoft.AspNetCore.DataProtection.Repositories.FileSystemXmlRepository[60]',
      '      Storing keys in a directory that may not be persisted outside of the container.',
      'fail: Billing.Worker[0]',
      '      Payment sync failed',
      '      System.Net.Http.HttpRequestException: Connection refused (ledger:80)',
      '         at System.Net.Http.HttpConnectionPool.ConnectAsync()',
      'crit: Microsoft.AspNetCore.Hosting.Diagnostics[6]',
      '      Application startup exception',
      'info: Worker[3] Single line message',
    ].join('\n');
    const es = entries(text);
    expect(es.map((e) => [e.level, e.lineCount, e.message])).toEqual([
      [
        'warn',
        2,
        'Storing keys in a directory that may not be persisted outside of the container.',
      ],
      ['error', 4, 'Payment sync failed'],
      ['fatal', 2, 'Application startup exception'],
      ['info', 1, 'Single line message'],
    ]);
    expect(es[0]?.text.split('\n')).toHaveLength(2);
  });

  it('joins a Java exception and its Caused by / ... more lines to the error record', () => {
    const text = [
      '2026-04-01 09:12:44.101 ERROR 1 --- [           main] o.s.boot.SpringApplication               : Application run failed',
      "org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'dataSource'",
      '\tat org.springframework.beans.factory.support.AbstractBeanFactory.getBean(AbstractBeanFactory.java:208)',
      'Caused by: java.net.UnknownHostException: orders-db',
      '\tat java.base/java.net.InetAddress.getAllByName0(InetAddress.java:1534)',
      '\t... 42 common frames omitted',
      '2026-04-01 09:12:44.300  INFO 1 --- [           main] o.s.b.a.l.ConditionEvaluationReportLogger : done',
    ].join('\n');
    const es = entries(text);
    expect(es).toHaveLength(2);
    expect(es[0]).toMatchObject({
      lineCount: 6,
      level: 'error',
      message: 'Application run failed',
      time: '2026-04-01T09:12:44.101Z',
    });
    expect(es[1]?.message).toBe('done');
  });

  it('starts a new entry for a Java exception without an error line above it', () => {
    const es = entries(
      'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space\n\tat java.util.Arrays.copyOf(Arrays.java:3236)',
    );
    expect(es).toHaveLength(1);
    expect(es[0]).toMatchObject({ level: 'error', lineCount: 2 });
  });

  it('keeps a Node uncaught-exception report readable', () => {
    const text = [
      'node:internal/process/promises:289',
      '            triggerUncaughtException(err, true /* fromPromise */);',
      '            ^',
      '',
      'Error: connect ECONNREFUSED 10.0.0.9:5432',
      '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16) {',
      '  errno: -111,',
      "  code: 'ECONNREFUSED'",
      '}',
      '',
      'Node.js v20.11.0',
    ].join('\n');
    const es = entries(text);
    expect(es.map((e) => e.lineCount)).toEqual([3, 5, 1]);
    expect(es[1]).toMatchObject({
      level: 'error',
      message: 'Error: connect ECONNREFUSED 10.0.0.9:5432',
    });
  });

  it('drops blank lines between records and never makes empty entries', () => {
    expect(entries('\n\n  \nfirst\n\n\nsecond\n\n').map((e) => e.message)).toEqual([
      'first',
      'second',
    ]);
    expect(entries('')).toEqual([]);
  });

  it('treats a uniformly indented paste as unindented', () => {
    const es = entries(
      '    2026-04-02T08:15:01.002Z error boom\n        at f (/a.js:1:1)\n    2026-04-02T08:15:02.000Z info ok',
    );
    expect(es.map((e) => e.lineCount)).toEqual([2, 1]);
  });
});

describe('parseLogLines: timestamps and levels', () => {
  it.each([
    [
      '2026-03-11T14:33:02.114Z info  Initializing',
      '2026-03-11T14:33:02.114Z',
      'info',
      'Initializing',
    ],
    [
      '2026-03-19 08:41:09.812  WARN 1 --- [  batch-1] c.a.l.batch.Job : slow batch',
      '2026-03-19T08:41:09.812Z',
      'warn',
      'slow batch',
    ],
    [
      '2026-03-11 14:38:23,904 ERROR lost connection',
      '2026-03-11T14:38:23.904Z',
      'error',
      'lost connection',
    ],
    [
      '[2024-02-07 09:00:00] production.ERROR: SQLSTATE[HY000] [2002] Connection refused',
      '2024-02-07T09:00:00.000Z',
      'error',
      'SQLSTATE[HY000] [2002] Connection refused',
    ],
    [
      '2024/02/07 09:00:00 [emerg] 1#1: bind() to 0.0.0.0:80 failed (13: Permission denied)',
      '2024-02-07T09:00:00.000Z',
      'fatal',
      'bind() to 0.0.0.0:80 failed (13: Permission denied)',
    ],
    [
      '2024/02/07 09:00:01 [error] 7#7: *3 connect() failed (111: Connection refused)',
      '2024-02-07T09:00:01.000Z',
      'error',
      'connect() failed (111: Connection refused)',
    ],
    [
      '2026-03-11 14:33:02.114 UTC [1] FATAL:  password authentication failed for user "app"',
      '2026-03-11T14:33:02.114Z',
      'fatal',
      'password authentication failed for user "app"',
    ],
    [
      '2026-03-11 14:33:02.114 UTC [1] LOG:  database system is ready to accept connections',
      '2026-03-11T14:33:02.114Z',
      'info',
      'database system is ready to accept connections',
    ],
    [
      '2026-03-11 14:33:02.114 UTC [1] PANIC:  could not locate a valid checkpoint record',
      '2026-03-11T14:33:02.114Z',
      'fatal',
      'could not locate a valid checkpoint record',
    ],
    [
      '2026-03-11 14:33:02,500 - billing.sync - WARNING - retrying in 5s',
      '2026-03-11T14:33:02.500Z',
      'warn',
      'retrying in 5s',
    ],
    [
      '2026-03-11T16:33:02.114+02:00 [DEBUG] cache warm',
      '2026-03-11T14:33:02.114Z',
      'debug',
      'cache warm',
    ],
    [
      '2026-03-11T14:33:02Z\tERROR\tcmd/main.go:42\tfailed to start',
      '2026-03-11T14:33:02.000Z',
      'error',
      'cmd/main.go:42\tfailed to start',
    ],
  ])('%s', (line, time, level, message) => {
    const e = one(line);
    expect(e.time).toBe(time);
    expect(e.level).toBe(level);
    expect(e.message).toBe(message);
  });

  it.each([
    [
      'E0311 14:33:02.114512       1 main.go:42] failed to list *v1.Pod: forbidden',
      'error',
      'failed to list *v1.Pod: forbidden',
    ],
    [
      'I0311 14:33:02.114512       1 leaderelection.go:250] attempting to acquire leader lease',
      'info',
      'attempting to acquire leader lease',
    ],
    ['W0311 14:33:02.114512      12 reflector.go:535] watch ended', 'warn', 'watch ended'],
    [
      'F0311 14:33:02.114512       1 server.go:10] unable to load config',
      'fatal',
      'unable to load config',
    ],
    [
      'Mar 11 14:33:02 node-1 sshd[812]: Accepted publickey for core',
      undefined,
      'node-1 sshd[812]: Accepted publickey for core',
    ],
    ['ERROR:root:could not open /data/model.bin', 'error', 'could not open /data/model.bin'],
    ['WARNING: ignoring invalid distribution -ip', 'warn', 'ignoring invalid distribution -ip'],
    ['INFO:     Started server process [1]', 'info', 'Started server process [1]'],
    ['[error] upstream timed out', 'error', 'upstream timed out'],
    ['CRITICAL: disk full', 'fatal', 'disk full'],
    [
      "Error: Cannot find module '/app/server.js'",
      'error',
      "Error: Cannot find module '/app/server.js'",
    ],
    [
      'fatal error: all goroutines are asleep - deadlock!',
      'fatal',
      'fatal error: all goroutines are asleep - deadlock!',
    ],
    ['Debug mode enabled', undefined, 'Debug mode enabled'],
    ['export finished', undefined, 'export finished'],
  ])('%s (no year)', (line, level, message) => {
    const e = one(line);
    expect(e.time).toBeUndefined();
    expect(e.level).toBe(level);
    expect(e.message).toBe(message);
  });

  it('strips kubectl --timestamps prefixes on every line and keeps continuation lines', () => {
    const text = [
      '2026-03-11T14:33:03.121845123Z 2026-03-11 14:33:03,120 ERROR handler crashed',
      '2026-03-11T14:33:03.121845456Z Traceback (most recent call last):',
      '2026-03-11T14:33:03.121845789Z   File "/app/h.py", line 2, in h',
      '2026-03-11T14:33:03.121846000Z     1 / 0',
      '2026-03-11T14:33:03.121846100Z ZeroDivisionError: division by zero',
      '2026-03-11T14:33:04.000000001Z 2026-03-11 14:33:04,000 INFO bye',
    ].join('\n');
    const es = entries(text);
    expect(es).toHaveLength(2);
    expect(es[0]).toMatchObject({
      lineCount: 5,
      level: 'error',
      message: 'handler crashed',
      time: '2026-03-11T14:33:03.121Z',
    });
    expect(es[1]).toMatchObject({
      message: 'bye',
      level: 'info',
      time: '2026-03-11T14:33:04.000Z',
    });
  });

  it('strips the kubectl logs --prefix marker', () => {
    const e = one('[pod/api-7d9f-abcde/api] 2026-03-11T14:33:03.121Z error boom');
    expect(e).toMatchObject({ level: 'error', message: 'boom' });
  });
});

describe('parseLogLines: structured lines', () => {
  it('reads JSON records: fields as strings, message, level, epoch time', () => {
    const e = one(
      '{"ts":1707318005.25,"level":"error","msg":"Stripe API timeout","attempt":3,"ok":false,"ctx":{"id":"o-1"},"nil":null}',
    );
    expect(e.message).toBe('Stripe API timeout');
    expect(e.level).toBe('error');
    expect(e.time).toBe('2024-02-07T15:00:05.250Z');
    expect(e.fields).toEqual({
      ts: '1707318005.25',
      level: 'error',
      msg: 'Stripe API timeout',
      attempt: '3',
      ok: 'false',
      ctx: '{"id":"o-1"}',
      nil: 'null',
    });
  });

  it.each([
    [
      '{"severity":"WARNING","message":"quota low","time":"2026-03-11T14:33:02.114Z"}',
      'warn',
      'quota low',
      '2026-03-11T14:33:02.114Z',
    ],
    [
      '{"level":50,"time":1707318005123,"msg":"db down"}',
      'error',
      'db down',
      '2024-02-07T15:00:05.123Z',
    ],
    [
      '{"@t":"2026-03-11T14:33:02.1140000Z","@mt":"Started {App}","@l":"Information"}',
      'info',
      'Started {App}',
      '2026-03-11T14:33:02.114Z',
    ],
    ['{"lvl":"crit","error":"config missing"}', 'fatal', 'config missing', undefined],
    ['{"log":{"level":"error"},"message":"ecs style"}', 'error', 'ecs style', undefined],
  ])('%s', (line, level, message, time) => {
    const e = one(line);
    expect(e.level).toBe(level);
    expect(e.message).toBe(message);
    expect(e.time).toBe(time);
  });

  it('does not let a "__proto__" key change the fields object', () => {
    const e = one('{"__proto__":{"polluted":"yes"},"msg":"x"}');
    expect(Object.getPrototypeOf(e.fields)).toBe(Object.prototype);
    expect(e.fields?.['__proto__']).toBe('{"polluted":"yes"}');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('falls back to plain text for broken JSON', () => {
    const e = one('{"level":"error","msg":"cut');
    expect(e.fields).toBeUndefined();
    expect(e.message).toBe('{"level":"error","msg":"cut');
  });

  it('reads logfmt records', () => {
    const e = one(
      'time="2026-03-11T14:33:02Z" level=error msg="failed to dial \\"db\\"" err="connection refused" retries=3',
    );
    expect(e).toMatchObject({
      level: 'error',
      message: 'failed to dial "db"',
      time: '2026-03-11T14:33:02.000Z',
    });
    expect(e.fields).toMatchObject({ err: 'connection refused', retries: '3' });
  });

  it('leaves a lone KEY=value line as text', () => {
    const e = one('REDIS_URL=redis://cache:6379/0');
    expect(e.fields).toBeUndefined();
    expect(e.message).toBe('REDIS_URL=redis://cache:6379/0');
  });
});

describe('parseLogLines: limits and robustness', () => {
  it('parses a single 5 MB line', () => {
    const big = `2026-03-11T14:33:02.114Z error ${'x'.repeat(5 * 1024 * 1024)}`;
    const [e] = parseLogLines([big], 1);
    expect(e?.text.length).toBe(big.length);
    expect(e?.level).toBe('error');
    expect(e?.message.length).toBeLessThanOrEqual(4 * 1024 + 1);
  });

  it('parses adversarial 5 MB lines', () => {
    const size = 5 * 1024 * 1024;
    const lines = [
      ' '.repeat(size) + 'x',
      '{"a":'.repeat(size / 5),
      'panic: '.repeat(size / 7),
      'level=error '.repeat(size / 12),
      '[' + 'INFO '.repeat(size / 5),
      '2026-03-11T14:33:02.114Z '.repeat(size / 25),
      'a.'.repeat(size / 2) + 'Exception: x',
      'main.f('.repeat(size / 7) + ')',
      'Traceback (most recent call last):',
      '  File'.repeat(size / 6),
    ];
    const es = parseLogLines(lines, 1);
    expect(es.length).toBeGreaterThan(0);
    for (const e of es) expect(e.message.length).toBeLessThanOrEqual(4 * 1024 + 1);
  });

  it('parses many short lines', () => {
    const lines = Array.from({ length: 200_000 }, (_, i) =>
      i % 3 === 0 ? `2026-03-11T14:33:02.114Z info line ${i}` : `    at f${i} (x.js:1:1)`,
    );
    const es = parseLogLines(lines, 1);
    expect(es).toHaveLength(Math.ceil(200_000 / 3));
  });

  it('never throws and keeps entries consistent with the input', () => {
    const line = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '',
        '   ',
        '\tat x',
        'panic: x',
        'Traceback (most recent call last):',
        'goroutine 1 [running]:',
        'info: A[1]',
        '{"level":"error"}',
        'E0311 14:33:02.114512 1 a.go:1] x',
        'exit status 2',
        '}',
        'Caused by: x',
      ),
      fc.string().map((s) => `2026-03-11T14:33:02.114Z ${s}`),
    );
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 40 }),
        fc.integer({ min: 1, max: 1000 }),
        (lines, first) => {
          const es = parseLogLines(lines, first);
          let prevEnd = first - 1;
          for (const e of es) {
            expect(e.line).toBeGreaterThan(prevEnd);
            expect(e.lineCount).toBeGreaterThanOrEqual(1);
            expect(e.text).toBe(
              lines.slice(e.line - first, e.line - first + e.lineCount).join('\n'),
            );
            prevEnd = e.line + e.lineCount - 1;
          }
          expect(prevEnd).toBeLessThanOrEqual(first + lines.length - 1);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('parseLogs', () => {
  it('reads pod, namespace, container and --previous from the command', () => {
    const cmd = command('kubectl logs api-1 -n shop -c app --previous', {
      resource: 'pods',
      names: ['api-1'],
      namespace: 'shop',
      container: 'app',
      previous: true,
    });
    const parsed = parseLogs(block(['boom'], cmd), 2, SOURCE);
    expect(parsed?.items).toEqual([]);
    expect(parsed?.logs).toHaveLength(1);
    const log = parsed?.logs[0];
    expect(log).toMatchObject({
      kind: 'Log',
      pod: 'api-1',
      namespace: 'shop',
      container: 'app',
      previous: true,
    });
    expect(log?.origin).toEqual({ source: 2, from: 10, to: 10 });
    expect(log?.entries[0]).toMatchObject({ line: 10, message: 'boom' });
  });

  it('says previous=false for a plain `kubectl logs` and undefined without a command', () => {
    const plain = parseLogs(
      block(['x'], command('kubectl logs api-1', { resource: 'pods', names: ['api-1'] })),
      0,
      SOURCE,
    );
    expect(plain?.logs[0]?.previous).toBe(false);
    const bare = parseLogs(block(['x']), 0, SOURCE);
    expect(bare?.logs[0]?.previous).toBeUndefined();
    expect(bare?.logs[0]?.pod).toBeUndefined();
  });

  it('leaves pod unknown for `kubectl logs deploy/x` unless kubectl names the pod', () => {
    const cmd = command('kubectl logs deploy/checkout -n shop', {
      resource: 'deployments',
      names: ['checkout'],
      namespace: 'shop',
    });
    expect(parseLogs(block(['x'], cmd), 0, SOURCE)?.logs[0]?.pod).toBeUndefined();
    const withNote = parseLogs(
      block(['Found 3 pods, using pod/checkout-7x9m2', 'started'], cmd),
      0,
      SOURCE,
    );
    expect(withNote?.logs[0]?.pod).toBe('checkout-7x9m2');
    expect(withNote?.logs[0]?.entries.map((e) => [e.line, e.message])).toEqual([[11, 'started']]);
  });

  it('takes the container from kubectl\'s "Defaulted container" note and skips it', () => {
    const cmd = command('kubectl logs api-1', { resource: 'pods', names: ['api-1'] });
    const parsed = parseLogs(
      block(
        ['Defaulted container "app" out of: app, istio-proxy, istio-init (init)', 'ready'],
        cmd,
      ),
      0,
      SOURCE,
    );
    expect(parsed?.logs[0]?.container).toBe('app');
    expect(parsed?.logs[0]?.entries).toHaveLength(1);
  });

  it('skips a prompt line included in the block', () => {
    const cmd = command('kubectl logs api-1 -p', {
      resource: 'pods',
      names: ['api-1'],
      previous: true,
    });
    const parsed = parseLogs(block(['$ kubectl logs api-1 -p', 'boom'], cmd), 0, SOURCE);
    expect(parsed?.logs[0]?.entries.map((e) => [e.line, e.message])).toEqual([[11, 'boom']]);
    expect(parsed?.logs[0]?.origin).toEqual({ source: 0, from: 10, to: 11 });
  });

  it('declines blocks of other commands', () => {
    const cmd: KubectlCommand = {
      text: 'kubectl get pods',
      verb: 'get',
      resource: 'pods',
      names: [],
      flags: {},
    };
    expect(parseLogs(block(['NAME READY'], cmd), 0, SOURCE)).toBeUndefined();
  });

  it('returns an empty log for an empty output', () => {
    const cmd = command('kubectl logs api-1 --previous', {
      resource: 'pods',
      names: ['api-1'],
      previous: true,
    });
    expect(
      parseLogs({ kind: 'logs', from: 5, to: 4, lines: [], command: cmd }, 0, SOURCE)?.logs[0]
        ?.entries,
    ).toEqual([]);
  });
});
