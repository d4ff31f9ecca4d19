/**
 * The preloads in real Node and Python processes: cluster DNS with the pod's search path,
 * listening on the pod IP, container paths opened from image and volume files, and errors and
 * tracebacks that name container paths.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_PRELOAD } from './preload-node.js';
import { PYTHON_SITECUSTOMIZE } from './preload-python.js';

const dir = mkdtempSync(join(tmpdir(), 'preload-'));
const rootfs = join(dir, 'rootfs');
const vol = join(dir, 'vol');
mkdirSync(join(rootfs, 'app'), { recursive: true });
mkdirSync(vol);
mkdirSync(join(dir, 'python'));
writeFileSync(join(vol, 'greeting'), 'hello from a ConfigMap');
writeFileSync(join(dir, 'preload.cjs'), NODE_PRELOAD);
writeFileSync(join(dir, 'python', 'sitecustomize.py'), PYTHON_SITECUSTOMIZE);
writeFileSync(
  join(dir, 'dns.json'),
  JSON.stringify({ records: { 'redis.auth.svc.cluster.local': ['127.160.3.4'] } }),
);
writeFileSync(
  join(dir, 'container.json'),
  JSON.stringify({
    podIP: '127.203.0.9',
    namespace: 'auth',
    dnsTable: join(dir, 'dns.json'),
    rootfs,
    mounts: [{ containerPath: '/etc/app', hostPath: vol, readOnly: true }],
  }),
);
const env = {
  PATH: '/usr/bin:/bin',
  CRASHLENS_LAB_CONTAINER: join(dir, 'container.json'),
  PYTHONPATH: join(dir, 'python'),
};

function run(file: string, args: string[], cwd = join(rootfs, 'app')): string {
  try {
    return execFileSync(file, args, {
      cwd,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
}

describe('Node preload', () => {
  writeFileSync(
    join(rootfs, 'app', 'main.js'),
    [
      "const dns = require('dns');",
      "const net = require('net');",
      "const fs = require('fs');",
      'const out = [];',
      "for (const n of ['redis', 'redis.auth', 'redis.auth.svc.cluster.local']) dns.lookup(n, (e, a) => out.push(n + '=' + a));",
      "dns.lookup('missing', (e) => out.push('missing=' + e.code));",
      "out.push('cwd=' + process.cwd(), 'file=' + __filename);",
      "out.push(fs.readFileSync('/etc/app/greeting', 'utf8'));",
      "try { fs.readFileSync('/etc/app/nope'); } catch (e) { out.push(e.message); }",
      "const s = net.createServer((c) => c.end('pod-local')).listen(7001, () => { out.push('bound=' + s.address().address); net.connect(7001, 'localhost').on('data', (d) => { out.push('local=' + d); s.close(); net.connect(7999, '127.0.0.1').on('error', (e) => { out.push(e.message); console.log(out.join('\\n')); }); }); });",
    ].join('\n'),
  );
  it('resolves cluster names, binds the pod IP and maps container paths', () => {
    const out = run(process.execPath, ['--require', join(dir, 'preload.cjs'), 'main.js']).split(
      '\n',
    );
    expect(out).toEqual(
      expect.arrayContaining([
        'redis=127.160.3.4',
        'redis.auth=127.160.3.4',
        'redis.auth.svc.cluster.local=127.160.3.4',
        'missing=ENOTFOUND',
        'cwd=/app',
        'file=/app/main.js',
        'hello from a ConfigMap',
        "ENOENT: no such file or directory, open '/etc/app/nope'",
        'bound=127.203.0.9',
        'local=pod-local',
        'connect ECONNREFUSED 127.0.0.1:7999',
      ]),
    );
  });
});

describe('Python sitecustomize', () => {
  writeFileSync(
    join(rootfs, 'app', 'main.py'),
    [
      'import os, socket',
      "print(socket.gethostbyname('redis'))",
      "print(socket.getaddrinfo('redis.auth', 6379)[0][4][0])",
      'try:',
      "    socket.getaddrinfo('missing', 80)",
      'except socket.gaierror as e:',
      '    print(e)',
      "print(open('/etc/app/greeting').read())",
      's = socket.socket()',
      "s.bind(('', 7002))",
      'print(s.getsockname()[0])',
      'print(os.getcwd())',
      "open('/etc/app/nope')",
    ].join('\n'),
  );
  it('resolves cluster names, binds the pod IP, maps paths and prints container tracebacks', () => {
    const out = run('python3', [join(rootfs, 'app', 'main.py')]);
    expect(out).toContain(
      '127.160.3.4\n127.160.3.4\n[Errno -2] Name or service not known\nhello from a ConfigMap\n127.203.0.9\n/app\n',
    );
    expect(out).toContain('File "/app/main.py", line 13, in <module>');
    expect(out).toContain(
      "FileNotFoundError: [Errno 2] No such file or directory: '/etc/app/nope'",
    );
  });
});
