/**
 * Signatures about the process and its environment rather than its code: runtime memory
 * exhaustion, a command that cannot be run, an image for another CPU, file permissions and
 * read-only filesystems, full or missing volumes.
 */
import type { Signature } from '../types.js';

export const runtimeSignatures: Signature[] = [
  {
    id: 'java-oom',
    runtime: 'java',
    category: 'oom-killed',
    subcategory: 'jvm-heap',
    keywords: ['OutOfMemoryError'],
    pattern: /java\.lang\.OutOfMemoryError: (?<detail>[^\n]{1,120})/,
    weight: 0.8,
    description: 'The JVM ran out of heap (or metaspace) before the cgroup limit was reached.',
    examples: [
      {
        line: 'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space',
        extracts: { detail: 'Java heap space' },
      },
    ],
  },
  {
    id: 'node-heap-oom',
    runtime: 'node',
    category: 'oom-killed',
    subcategory: 'node-heap',
    keywords: ['JavaScript heap out of memory', 'Reached heap limit', 'Ineffective mark-compacts'],
    pattern:
      /(?:JavaScript heap out of memory|Reached heap limit|Ineffective mark-compacts near heap limit)/,
    weight: 0.85,
    description: 'V8 hit its heap limit (--max-old-space-size) and aborted.',
    examples: [
      { line: 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory' },
    ],
  },
  {
    id: 'go-runtime-oom',
    runtime: 'go',
    category: 'oom-killed',
    subcategory: 'go-runtime',
    keywords: ['runtime: out of memory'],
    pattern: /fatal error: runtime: out of memory/,
    weight: 0.85,
    description: 'The Go runtime could not allocate more memory.',
    examples: [{ line: 'fatal error: runtime: out of memory' }],
  },
  {
    id: 'python-memory-error',
    runtime: 'python',
    category: 'oom-killed',
    subcategory: 'python',
    keywords: ['MemoryError'],
    pattern: /^MemoryError\b/,
    weight: 0.8,
    description: 'Python could not allocate memory.',
    examples: [
      { line: 'MemoryError' },
      { line: 'MemoryError: Unable to allocate 3.2 GiB for an array' },
    ],
  },
  {
    id: 'kernel-oom-kill',
    runtime: 'kernel',
    category: 'oom-killed',
    subcategory: 'kernel',
    keywords: ['Out of memory', 'oom-kill', 'Killed process'],
    pattern:
      /(?:Memory cgroup out of memory|Out of memory): Killed process (?<code>\d+) \((?<detail>[^)]{1,60})\)/,
    weight: 0.85,
    description: 'The kernel OOM killer picked a process (node or cgroup OOM).',
    examples: [
      {
        line: 'Memory cgroup out of memory: Killed process 4242 (java) total-vm:4721120kB, anon-rss:524288kB',
        extracts: { detail: 'java' },
      },
    ],
  },
  {
    id: 'exec-not-found',
    runtime: 'runc',
    category: 'bad-command',
    subcategory: 'not-found',
    keywords: [
      'executable file not found',
      'command not found',
      ': not found',
      'no such file or directory',
      "can't open file",
      'Cannot find module',
    ],
    pattern:
      /(?:exec: "(?<path>[^"]{1,200})": executable file not found in \$PATH|(?:sh|bash|ash|dash)(?:: \d+)?: (?:line \d+: )?(?<path2>[^\s:]{1,200}): (?:command )?not found|exec (?<path3>\S{1,200}): no such file or directory|can't open file '(?<path4>[^']{1,200})'|Cannot find module '(?<path5>[^']{1,200})')/,
    weight: 0.85,
    description:
      'The command to run does not exist in the image (wrong entrypoint, typo, missing interpreter or CRLF shebang).',
    examples: [
      {
        line: 'exec: "gunicorn": executable file not found in $PATH',
        extracts: { path: 'gunicorn' },
      },
      { line: '/bin/sh: 1: ./start.sh: not found' },
      { line: 'exec /docker-entrypoint.sh: no such file or directory' },
      { line: "python: can't open file '/app/manage.py': [Errno 2] No such file or directory" },
      { line: "Error: Cannot find module '/app/dist/server.js'" },
    ],
  },
  {
    id: 'exec-permission-denied',
    runtime: 'runc',
    category: 'bad-command',
    subcategory: 'not-executable',
    keywords: ['permission denied', 'Permission denied'],
    pattern:
      /(?:exec (?<path>\S{1,200}): permission denied|(?:sh|bash)(?:: \d+)?: (?<path2>\S{1,200}): Permission denied|exec: "(?<path3>[^"]{1,200})": permission denied)/,
    weight: 0.8,
    description:
      'The entrypoint exists but is not executable (missing chmod +x, or a noexec mount).',
    examples: [
      { line: 'exec /app/run.sh: permission denied' },
      { line: '/bin/sh: 1: /entrypoint.sh: Permission denied' },
    ],
  },
  {
    id: 'exec-format-error',
    runtime: 'runc',
    category: 'image-arch-mismatch',
    keywords: ['exec format error'],
    pattern:
      /exec (?:user process caused: )?(?:(?<path>\S{1,200}): )?exec format error|exec format error/,
    weight: 0.95,
    description: 'The kernel cannot run the binary: it was built for another CPU architecture.',
    examples: [
      { line: 'exec /usr/local/bin/server: exec format error' },
      { line: 'standard_init_linux.go:228: exec user process caused: exec format error' },
    ],
  },
  {
    id: 'file-permission-denied',
    runtime: 'generic',
    category: 'permission-denied',
    subcategory: 'file',
    keywords: ['EACCES', 'Permission denied', 'permission denied', 'Operation not permitted'],
    pattern:
      /(?:EACCES: permission denied, (?:open|mkdir|scandir|unlink|rename) '(?<path>[^']{1,200})'|PermissionError: \[Errno 13\] Permission denied: '(?<path2>[^']{1,200})'|(?:open|mkdir|create|remove) (?<path3>\/\S{0,200}): permission denied|could not (?:create|open|change permissions of) (?:directory|file) "(?<path4>[^"]{1,200})": Permission denied|\((?:13): Permission denied\)|chown: [^\n]{0,200}Operation not permitted|java\.nio\.file\.AccessDeniedException: (?<path5>\S{1,200}))/,
    weight: 0.8,
    description:
      'The process cannot write or read a path: the container user lacks permission (runAsUser, fsGroup, image ownership).',
    examples: [
      {
        line: "Error: EACCES: permission denied, open '/app/logs/app.log'",
        extracts: { path: '/app/logs/app.log' },
      },
      { line: "PermissionError: [Errno 13] Permission denied: '/data/cache'" },
      {
        line: 'nginx: [emerg] mkdir() "/var/cache/nginx/client_temp" failed (13: Permission denied)',
      },
      { line: 'mkdir /var/lib/app: permission denied' },
    ],
  },
  {
    id: 'read-only-filesystem',
    runtime: 'generic',
    category: 'permission-denied',
    subcategory: 'read-only-root',
    keywords: ['Read-only file system', 'read-only file system', 'EROFS'],
    pattern: /(?:[Rr]ead-only file system|EROFS)/,
    weight: 0.85,
    description:
      'The process writes to a read-only filesystem (readOnlyRootFilesystem without an emptyDir for that path).',
    examples: [
      { line: "OSError: [Errno 30] Read-only file system: '/tmp/cache'" },
      { line: 'EROFS: read-only file system, open /app/.next/cache' },
    ],
  },
  {
    id: 'privileged-port',
    runtime: 'generic',
    category: 'permission-denied',
    subcategory: 'privileged-port',
    keywords: [
      'bind: permission denied',
      'listen EACCES',
      'bind() to 0.0.0.0:80 failed (13',
      'Permission denied - bind',
    ],
    pattern:
      /(?:listen tcp [^\s]{0,60}:(?<port>\d{1,5}): bind: permission denied|listen EACCES: permission denied [^\s]{0,60}:(?<port2>\d{1,5})|bind\(\) to [^\s]{0,60}:(?<port3>\d{1,5}) failed \(13: Permission denied\))/,
    weight: 0.9,
    description: 'A non-root process tries to listen on a port below 1024.',
    examples: [
      { line: 'listen tcp :80: bind: permission denied', extracts: { port: '80' } },
      { line: 'nginx: [emerg] bind() to 0.0.0.0:80 failed (13: Permission denied)' },
    ],
  },
  {
    id: 'no-space-left',
    runtime: 'generic',
    category: 'volume-mount',
    subcategory: 'disk-full',
    keywords: [
      'No space left on device',
      'no space left on device',
      'ENOSPC',
      'Disk quota exceeded',
    ],
    pattern: /(?:[Nn]o space left on device|ENOSPC|Disk quota exceeded)/,
    weight: 0.85,
    description: 'The volume (or the node disk behind an emptyDir) is full.',
    examples: [
      { line: 'PANIC:  could not write to file "pg_wal/xlogtemp.32": No space left on device' },
      { line: 'Error: ENOSPC: no space left on device, write' },
    ],
  },
];
