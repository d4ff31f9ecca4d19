import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectOffline } from './collect.js';
import { normalizeLines, unquote } from './normalize.js';
import { isHostLogCommand, splitBlocks } from './split.js';

const kinds = (text: string): string[] =>
  splitBlocks(unquote(normalizeLines(text))).map((b) => `${b.kind}:${b.command?.verb ?? '-'}`);

const DESCRIBE = `Name:         api-1
Namespace:    shop
Status:       Running
Containers:
  api:
    Image:   registry.example.com/api:1
    State:   Waiting
      Reason:  CrashLoopBackOff
Events:
  Type     Reason   Age   From     Message
  ----     ------   ----  ----     -------
  Warning  BackOff  5s    kubelet  Back-off restarting failed container api in pod api-1_shop(1)`;

const TABLE = `NAME    READY   STATUS             RESTARTS      AGE
api-1   0/1     CrashLoopBackOff   4 (20s ago)   3m`;

describe('splitBlocks', () => {
  it.each([
    [
      'a lone FailedScheduling row',
      '  Warning  FailedScheduling  12s   default-scheduler  0/3 nodes are available: 3 Insufficient memory.',
      ['describe:-'],
    ],
    [
      'two event rows, CRLF',
      '  Warning  Unhealthy  2m (x9 over 5m)  kubelet  Liveness probe failed: HTTP probe failed with statuscode: 500\r\n  Normal   Killing    2m (x3 over 5m)  kubelet  Container api failed liveness probe, will be restarted',
      ['describe:-'],
    ],
    [
      'a log line that starts like a row but is not one',
      'Warning: deprecated option --foo, use --bar\nerror: connection refused',
      ['logs:-'],
    ],
  ])('reads event rows with no header as describe events: %s', (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it('gives lone event rows to an unnamed pod with those events', () => {
    const bundle = collectOffline([
      {
        name: 'p',
        text: '  Warning  FailedScheduling  12s   default-scheduler  0/3 nodes are available: 3 Insufficient memory.\n',
      },
    ]);
    const events = bundle.items.filter((i) => i.object.kind === 'Event');
    expect(events).toHaveLength(1);
  });

  it('splits on prompt lines and takes the kind from the command', () => {
    expect(
      kinds(
        `$ kubectl get pods -n shop\n${TABLE}\n\n$ kubectl describe pod api-1 -n shop\n${DESCRIBE}\n\n$ kubectl logs api-1 -n shop --previous\nError: boom\n`,
      ),
    ).toEqual(['table:get', 'describe:describe', 'logs:logs']);
  });

  it('splits a paste with no commands by recognisable headers', () => {
    expect(
      kinds(
        `${TABLE}\n\n${DESCRIBE}\n\n2026-03-01T10:00:00Z error Error: connect ECONNREFUSED 10.0.0.1:5432\n`,
      ),
    ).toEqual(['table:-', 'describe:-', 'logs:-']);
  });

  it('handles Markdown fences, > quotes, CRLF and ANSI colours', () => {
    const md = [
      '> ```',
      '> $ kubectl get pods',
      ...TABLE.split('\n').map((l) => `> ${l}`),
      '> ```',
      '',
    ].join('\r\n');
    expect(kinds(md)).toEqual(['table:get']);
    expect(
      kinds(
        `\u001b[1m${TABLE.replace('CrashLoopBackOff', '\u001b[31mCrashLoopBackOff\u001b[0m')}\u001b[0m`,
      ),
    ).toEqual(['table:-']);
  });

  it('splits several describe outputs from one command', () => {
    const two = `$ kubectl describe pods -n shop\n${DESCRIBE}\n\n${DESCRIBE.replace('api-1', 'api-2')}\n`;
    expect(kinds(two)).toEqual(['describe:describe', 'describe:describe']);
  });

  it('recognises JSON and YAML objects', () => {
    expect(
      kinds(
        '{\n  "kind": "Pod",\n  "metadata": {"name": "x"}\n}\n\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n',
      ),
    ).toEqual(['json:-', 'yaml:-']);
  });

  it('keeps line numbers of the original input', () => {
    const blocks = splitBlocks(normalizeLines(`intro\n\n$ kubectl get pods\n${TABLE}\n`));
    const table = blocks.find((b) => b.kind === 'table');
    expect(table?.from).toBe(4);
    expect(table?.lines[0]).toMatch(/^NAME/);
  });

  it('never throws, and blocks stay inside the input, on arbitrary text', () => {
    const piece = fc.constantFrom(
      '$ kubectl get pods',
      '$ kubectl logs x -p',
      '```',
      '> ',
      'Name:   x',
      TABLE,
      DESCRIBE,
      '{',
      '}',
      '[',
      'apiVersion: v1',
      'kind: Pod',
      '\t',
      '  at x (y.js:1:2)',
      'panic: x',
      '',
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(piece, fc.string({ maxLength: 80 })), { maxLength: 40 }),
        (parts) => {
          const lines = normalizeLines(parts.join('\n'));
          for (const b of splitBlocks(lines)) {
            expect(b.from).toBeGreaterThanOrEqual(1);
            expect(b.to).toBeLessThanOrEqual(lines.length);
            expect(b.lines).toEqual(lines.slice(b.from - 1, b.to));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each([
    ['$ dmesg -T', true],
    ['$ sudo dmesg -T | grep -i oom', true],
    ['$ ssh ip-10-2-7-19 -- sudo dmesg -T | grep -i -E "oom|killed process" | tail -4', true],
    ['root@node-1:~# journalctl -k --since "1 hour ago"', true],
    ['`$ sudo journalctl -u kubelet`', true],
    ['(venv) $ ssh -i key.pem ec2-user@node "sudo dmesg"', true],
    ['$ kubectl logs api-1 | grep dmesg', false],
    ['$ cat dmesg.txt', false],
    ['# dmesg-like output from the node follows', false],
    ['I looked at dmesg on the node', false],
    ['[Wed Dec  4 16:22:01 2024] chrome invoked oom-killer: gfp_mask=0xcc0', false],
  ])('reads %s as a node log command: %s', (line, expected) => {
    expect(isHostLogCommand(line)).toBe(expected);
  });

  it('reads the output of dmesg/journalctl as a log, even with no log-like line (CRLF)', () => {
    const paste = [
      '$ kubectl describe pod api-1 -n shop | grep -A3 "Last State"',
      '    Last State:     Terminated',
      '      Reason:       Error',
      '      Exit Code:    137',
      '',
      '$ ssh node-1 -- sudo dmesg -T | tail -2',
      '[Wed Dec  4 16:22:01 2024] memory: usage 524288kB, limit 524288kB, failcnt 4127',
      '[Wed Dec  4 16:22:02 2024] oom_reaper: reaped process 88213 (chrome)',
      '',
      '$ helm list -n shop',
      'NAME  NAMESPACE  STATUS',
    ].join('\r\n');
    expect(kinds(paste)).toEqual(['describe:describe', 'logs:-', 'table:-']);
    const bundle = collectOffline([{ name: 'paste.txt', text: paste }]);
    expect(bundle.logs).toHaveLength(1);
    expect(bundle.logs[0]?.pod).toBeUndefined();
    expect(bundle.logs[0]?.entries.map((e) => e.line)).toEqual([7, 8]);
  });

  it('keeps a fenced dmesg output with its prompt', () => {
    const paste = '$ dmesg -T\n```\n[  12.3] Out of memory: Killed process 42 (java)\n```\n';
    expect(kinds(paste)).toEqual(['logs:-']);
  });

  const FRAGMENT = [
    'spec:',
    '  replicas: 2',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: api',
    '    spec:',
    '      containers:',
    '      - name: api',
    '        env:',
    '        - name: API_KEY',
  ];
  it.each<[string, string[], string | undefined, string?]>([
    ['a bare fence', ['```', ...FRAGMENT, '```'], 'yaml:-'],
    ['a yaml fence', ['```yaml', ...FRAGMENT, '```'], 'yaml:-'],
    [
      'a yml fence, cut at containers:',
      ['```yml', 'containers:', '- name: api', '  env:', '  - name: API_KEY', '```'],
      'yaml:-',
    ],
    ['a bare fence, CRLF', ['```', ...FRAGMENT, '```'], 'yaml:-', '\r\n'],
    ['a get -o yaml command', ['$ kubectl get deploy api -o yaml', ...FRAGMENT], 'yaml:get'],
    ['a console fence', ['```console', ...FRAGMENT, '```'], undefined],
    ['no fence', FRAGMENT, undefined],
    ['no fence, CRLF', FRAGMENT, undefined, '\r\n'],
    ['prose before it in the fence', ['```', 'my deployment', ...FRAGMENT, '```'], undefined],
    ['a key with nothing nested', ['```', 'spec:', 'replicas: 2', '```'], undefined],
  ])('reads an object fragment starting at a well-known key in %s', (_, body, expected, eol) => {
    const yaml = kinds(['intro:', '', ...body, ''].join(eol ?? '\n')).find((k) =>
      k.startsWith('yaml'),
    );
    expect(yaml).toBe(expected);
  });

  it.each([
    ['**Output:**', '\n'],
    ['Output:', '\n'],
    ['Result:', '\r\n'],
  ])('keeps the command of a fenced output after a %s label', (label, eol) => {
    const paste = [
      '```',
      'kubectl logs api-1',
      '```',
      '',
      label,
      '```',
      'exec /bin/sh: exec format error',
      '```',
      '',
      '```',
      'kubectl get pods -w',
      '```',
      '',
      label,
      '```',
      'api-1   0/1   Error   1 (2s ago)   32s',
      '```',
    ].join(eol);
    expect(kinds(paste)).toEqual(['logs:logs', 'table:get']);
  });

  it.each([
    ['time="2021-03-05T19:22:41Z" level=error msg="X must not be empty. Exit."', 'logs:-'],
    ['ts=2019-07-06T11:06:55Z caller=main.go:624 msg="error loading config"', 'logs:-'],
    ['Please help, the pod does not start.', 'unknown:-'],
  ])('reads %s as %s', (line, expected) => {
    expect(kinds(`\`\`\`\r\n${line}\r\n\`\`\`\r\n`)).toEqual([expected]);
  });

  it('the whole offline collector never throws on arbitrary text', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 2000 }).filter((s) => s.trim() !== ''),
        (text) => {
          try {
            collectOffline([{ name: 'fuzz', text }]);
          } catch (error) {
            // Only a typed user error (binary input) may escape.
            expect((error as { name?: string }).name).toBe('CrashlensError');
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
