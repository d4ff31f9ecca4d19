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
    keywords: ['executable file not found', 'executable file `', 'exec: "', 'exec: \\"'],
    pattern:
      /(?:exec: \\?"(?<path>[^"\\]{1,200})\\?": executable file not found in \$PATH|exec: \\?"(?<path2>[^"\\]{1,200})\\?": stat [^:]{1,200}: no such file or directory|executable file `(?<path3>[^`]{1,200})` not found in \$PATH)/,
    weight: 0.9,
    description:
      'The runtime cannot find the command to start: not in the image, not on $PATH, a typo, or a whole command line written as one list item.',
    examples: [
      {
        line: 'exec: "gunicorn": executable file not found in $PATH',
        extracts: { path: 'gunicorn' },
      },
      {
        line: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/app": stat /app: no such file or directory: unknown',
        extracts: { path: '/app' },
      },
      {
        line: 'container_linux.go:259: starting container process caused "exec: \\"sleep\\": executable file not found in $PATH"',
        extracts: { path: 'sleep' },
      },
      {
        line: 'executable file `/bin/alloy` not found in $PATH: No such file or directory',
        extracts: { path: '/bin/alloy' },
      },
    ],
    counterExamples: ['open /etc/app/config.yaml: no such file or directory'],
  },
  {
    id: 'shell-command-not-found',
    runtime: 'shell',
    category: 'bad-command',
    subcategory: 'not-found',
    keywords: ['command not found', ': not found'],
    pattern:
      /(?:(?:^|\/|\s)(?:sh|bash|ash|dash)(?:: \d{1,6})?: (?:line \d{1,6}: )?(?<path>[^\s:]{1,200}): (?:command )?not found|\.sh: line \d{1,6}: (?<path2>[^\s:]{1,200}): command not found)/,
    weight: 0.8,
    description: 'A wrapper shell (`sh -c`, an entrypoint script) cannot find a command: exit 127.',
    examples: [
      { line: '/bin/sh: 1: ./start.sh: not found', extracts: { path: './start.sh' } },
      { line: '/bin/bash: line 1: gunicorn: command not found', extracts: { path: 'gunicorn' } },
      { line: 'sh: uvicorn: not found', extracts: { path: 'uvicorn' } },
      {
        line: '/usr/local/bin/start.sh: line 3: gunicorn: command not found',
        extracts: { path: 'gunicorn' },
      },
    ],
    counterExamples: ['/docker-entrypoint.sh: No files found in /docker-entrypoint.d/'],
  },
  {
    id: 'exec-no-such-file',
    runtime: 'runc',
    category: 'bad-command',
    subcategory: 'interpreter-missing',
    keywords: [
      'no such file or directory',
      'No such file or directory',
      'exec user process caused',
    ],
    pattern:
      /(?:^|\s)(?:exec (?<path>\/?[\w./-]{1,200}): no such file or directory$|exec user process caused:? \\?"?no such file or directory|\[FATAL tini \(\d{1,8}\)\] exec (?<path2>\S{1,200}) failed: No such file or directory)/,
    weight: 0.85,
    description:
      'The entrypoint file is there but cannot be executed because its interpreter is missing: a shebang with CRLF line endings (`#!/bin/sh\\r`), an interpreter the image lacks, or a binary linked against another libc.',
    examples: [
      {
        line: 'exec /docker-entrypoint.sh: no such file or directory',
        extracts: { path: '/docker-entrypoint.sh' },
      },
      { line: 'standard_init_linux.go:228: exec user process caused: no such file or directory' },
      { line: 'standard_init_linux.go:195: exec user process caused "no such file or directory"' },
      {
        line: '[FATAL tini (6)] exec /usr/local/bin/entrypoint.sh failed: No such file or directory',
        extracts: { path: '/usr/local/bin/entrypoint.sh' },
      },
    ],
    counterExamples: [
      'failed to load config: open /config/settings.json: no such file or directory',
    ],
  },
  {
    id: 'crlf-script',
    runtime: 'shell',
    category: 'bad-command',
    subcategory: 'crlf',
    keywords: ["$'\\r'", '^M: bad interpreter', "\\r''"],
    pattern:
      /(?:\$'\\r': command not found(?<=(?<path2>[^\s:]{1,200}): line \d{1,6}: \$'\\r': command not found)|\$'\\r': command not found|\^M: bad interpreter(?<=(?<path>\/[\w./-]{1,200})\^M: bad interpreter)|\$'[^'\n]{0,40}\\r'')/,
    weight: 0.9,
    description: 'A shell script saved with Windows (CRLF) line endings.',
    examples: [
      {
        line: "/opt/backup/run.sh: line 2: $'\\r': command not found",
        extracts: { path: '/opt/backup/run.sh' },
      },
      {
        line: '/bin/bash^M: bad interpreter: No such file or directory',
        extracts: { path: '/bin/bash' },
      },
      { line: "entrypoint.sh: line 3: syntax error near unexpected token `$'{\\r''" },
    ],
  },
  {
    id: 'script-not-found',
    runtime: 'generic',
    category: 'bad-command',
    subcategory: 'wrong-path',
    keywords: [
      "can't open file",
      'Cannot find module',
      'Unable to access jarfile',
      'Could not find or load main class',
    ],
    pattern:
      /(?:can't open file '(?<path>[^']{1,200})': \[Errno 2\]|Cannot find module '(?<path2>(?:\/|\.{1,2}\/)[^']{1,200})'|Unable to access jarfile (?<path3>\S{1,200})|Could not find or load main class (?<path4>[\w$.]{1,200}))/,
    weight: 0.85,
    description:
      'The interpreter starts but the script, module, jar or Java main class it is told to run is not there (wrong path, class name or classpath, or a volume mounted over the app directory).',
    examples: [
      {
        line: "python: can't open file '/app/manage.py': [Errno 2] No such file or directory",
        extracts: { path: '/app/manage.py' },
      },
      {
        line: "Error: Cannot find module '/app/dist/server.js'",
        extracts: { path: '/app/dist/server.js' },
      },
      {
        line: 'Error: Unable to access jarfile /opt/app/app.jar',
        extracts: { path: '/opt/app/app.jar' },
      },
      {
        line: 'Error: Could not find or load main class com.acme.billing.Main',
        extracts: { path: 'com.acme.billing.Main' },
      },
    ],
    counterExamples: ["Error: Cannot find module 'express'"],
  },
  {
    id: 'shell-syntax-error',
    runtime: 'shell',
    category: 'bad-command',
    subcategory: 'shell-syntax',
    keywords: [
      'Syntax error:',
      'syntax error near unexpected token',
      'syntax error: unexpected',
      'unexpected EOF while looking for matching',
    ],
    pattern:
      /(?:(?:sh|bash|dash)(?:: \d{1,6})?: (?:-c: )?(?:line \d{1,6}: )?(?:Syntax error: (?<detail>[^\n]{1,120})|syntax error near unexpected token (?<detail2>[^\n]{1,80})|unexpected EOF while looking for matching (?<detail3>\S{1,5}))|sh: syntax error: (?<detail4>unexpected [^\n]{1,80}))/,
    weight: 0.85,
    description:
      'The shell cannot parse the command line (`sh -c` with unbalanced quotes or parentheses, or a bash-only construct run by dash/ash).',
    examples: [
      { line: '/bin/sh: 1: Syntax error: "(" unexpected', extracts: { detail: '"(" unexpected' } },
      { line: "/bin/sh: -c: line 1: syntax error near unexpected token `('" },
      { line: 'bash: -c: line 0: unexpected EOF while looking for matching `"\'' },
      { line: 'sh: syntax error: unexpected "("' },
    ],
  },
  {
    id: 'exec-permission-denied',
    runtime: 'runc',
    category: 'bad-command',
    subcategory: 'not-executable',
    keywords: ['permission denied', 'Permission denied', 'exec user process caused'],
    pattern:
      /(?:(?:^|\s)exec (?<path>\/?[\w./-]{1,200}): permission denied$|(?:^|\/|\s)(?:sh|bash)(?:: \d{1,6})?: (?<path2>\.{0,2}\/[\w./-]{1,200}): Permission denied|exec: \\?"(?<path3>[^"\\]{1,200})\\?": permission denied|exec user process caused:? \\?"?permission denied|\[FATAL tini \(\d{1,8}\)\] exec (?<path4>\S{1,200}) failed: Permission denied)/,
    weight: 0.8,
    description:
      'The entrypoint exists but is not executable (missing chmod +x, a ConfigMap script without defaultMode 0755, or a noexec mount).',
    examples: [
      { line: 'exec /app/run.sh: permission denied', extracts: { path: '/app/run.sh' } },
      {
        line: '/bin/sh: 1: /entrypoint.sh: Permission denied',
        extracts: { path: '/entrypoint.sh' },
      },
      {
        line: 'runc create failed: unable to start container process: exec: "/scripts/start.sh": permission denied: unknown',
        extracts: { path: '/scripts/start.sh' },
      },
    ],
    counterExamples: [
      'listen tcp :80: bind: permission denied',
      'mkdir /var/lib/app: permission denied',
    ],
  },
  {
    id: 'exec-format-error',
    runtime: 'runc',
    category: 'image-arch-mismatch',
    keywords: ['exec format error', 'Exec format error'],
    pattern:
      /(?:exec (?<path>\/?[\w./-]{1,200}): exec format error|exec user process caused:? \\?"?exec format error|\[FATAL tini \(\d{1,8}\)\] exec (?<path2>\S{1,200}) failed: Exec format error|: cannot execute binary file: Exec format error(?<=(?<path3>\/?[\w./-]{1,200}): cannot execute binary file: Exec format error)|\[Errno 8\] Exec format error(?:: '(?<path4>[^']{1,200})')?|[Ee]xec format error)/,
    weight: 0.95,
    description:
      'The kernel cannot run the binary: it was built for another CPU architecture (or it is a script without a #! line).',
    examples: [
      {
        line: 'exec /usr/local/bin/server: exec format error',
        extracts: { path: '/usr/local/bin/server' },
      },
      { line: 'standard_init_linux.go:228: exec user process caused: exec format error' },
      { line: 'standard_init_linux.go:211: exec user process caused "exec format error"' },
      {
        line: '/usr/local/bin/helm: cannot execute binary file: Exec format error',
        extracts: { path: '/usr/local/bin/helm' },
      },
      {
        line: "OSError: [Errno 8] Exec format error: '/opt/tools/kubectl'",
        extracts: { path: '/opt/tools/kubectl' },
      },
    ],
  },
  {
    id: 'file-permission-denied',
    runtime: 'generic',
    category: 'permission-denied',
    subcategory: 'file',
    keywords: ['EACCES', 'Permission denied', 'permission denied', 'AccessDeniedException'],
    pattern:
      /(?:EACCES: permission denied, (?:open|mkdir|scandir|unlink|rename|copyfile|rmdir|access) '(?<path>[^']{1,200})'|PermissionError: \[Errno 13\] Permission denied: '(?<path2>[^']{1,200})'|(?:open|mkdir|create|remove|chmod|symlink) (?<path3>\/\S{0,200}): permission denied|could not (?:create|open|access|change permissions of|write to) (?:directory|file) "(?<path4>[^"]{1,200})": Permission denied|(?:mkdir\(\)|open\(\)) "(?<path5>[^"]{1,200})" failed \(13: Permission denied\)|java\.nio\.file\.AccessDeniedException: (?<path6>\S{1,200})|AccessDeniedException\[(?<path12>\/[^\]\s]{1,200})\]|cannot (?:create directory|touch|create regular file|open) '(?<path7>[^']{1,200})': Permission denied|(?:^|\s)cannot create (?<path8>\/\S{1,200}): Permission denied|can't create directory '(?<path9>[^']{1,200})': Permission denied|(?:FileNotFoundException|IOException): (?<path10>\/[^\s(]{1,200}) \(Permission denied\)|chdir to cwd \(\\?"(?<path11>[^"\\]{1,200})\\?"\) set in config\.json failed: permission denied)/,
    weight: 0.8,
    description:
      'The process cannot write or read a path: the container user lacks permission (runAsUser, fsGroup, image ownership).',
    examples: [
      {
        line: "Error: EACCES: permission denied, open '/app/logs/app.log'",
        extracts: { path: '/app/logs/app.log' },
      },
      {
        line: "PermissionError: [Errno 13] Permission denied: '/data/cache'",
        extracts: { path: '/data/cache' },
      },
      {
        line: 'nginx: [emerg] mkdir() "/var/cache/nginx/client_temp" failed (13: Permission denied)',
        extracts: { path: '/var/cache/nginx/client_temp' },
      },
      { line: 'mkdir /var/lib/app: permission denied', extracts: { path: '/var/lib/app' } },
      {
        line: "mkdir: cannot create directory '/data/db': Permission denied",
        extracts: { path: '/data/db' },
      },
      {
        line: 'initdb: could not access directory "/home/postgres/pgdata/pgroot/data": Permission denied',
        extracts: { path: '/home/postgres/pgdata/pgroot/data' },
      },
      {
        line: 'java.nio.file.AccessDeniedException: /usr/share/elasticsearch/data/nodes',
        extracts: { path: '/usr/share/elasticsearch/data/nodes' },
      },
      {
        line: 'org.elasticsearch.bootstrap.StartupException: ElasticsearchException[failed to bind service]; nested: AccessDeniedException[/usr/share/elasticsearch/data/nodes];',
        extracts: { path: '/usr/share/elasticsearch/data/nodes' },
      },
      {
        line: "mkdir: can't create directory '/var/lib/grafana/plugins': Permission denied",
        extracts: { path: '/var/lib/grafana/plugins' },
      },
      {
        line: 'java.io.FileNotFoundException: /var/lib/kafka/data/meta.properties (Permission denied)',
        extracts: { path: '/var/lib/kafka/data/meta.properties' },
      },
      {
        line: 'Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: chdir to cwd ("/app") set in config.json failed: permission denied: unknown',
        extracts: { path: '/app' },
      },
    ],
    counterExamples: [
      'listen tcp :80: bind: permission denied',
      'exec /app/run.sh: permission denied',
      'nginx: [emerg] bind() to 0.0.0.0:80 failed (13: Permission denied)',
    ],
  },
  {
    id: 'data-dir-not-writable',
    runtime: 'generic',
    category: 'permission-denied',
    subcategory: 'file',
    keywords: [
      'is not writable',
      'append-only',
      'OS errno 13',
      'Errcode: 13',
      'Attempted to create a lock file on a read-only directory',
      'Wrong volume permissions',
      'has invalid permissions',
      'has wrong ownership',
    ],
    pattern:
      /(?:GF_PATHS_\w{1,20}='(?<path>[^']{1,200})' is not writable|Can't open (?:or create )?(?:the )?append-only (?:file|dir)(?: (?<path2>[^:\s]{1,200}))?: Permission denied|Can't create\/write to file '(?<path3>[^']{1,200})' \((?:OS errno|Errcode:) 13 - Permission denied\)|Attempted to create a lock file on a read-only directory: (?<path4>\/[^\s,]{1,200})|Can not write to (?<path5>\/\S{1,200})\. Wrong volume permissions|data directory "(?<path6>[^"]{1,200})" has (?:invalid permissions|wrong ownership))/,
    weight: 0.8,
    description:
      "A server cannot write its data directory (Grafana, Redis AOF, MySQL, MongoDB, Jenkins): the volume belongs to another user than the container's (fsGroup missing, or a hostPath/NFS directory owned by root).",
    examples: [
      {
        line: "GF_PATHS_DATA='/var/lib/grafana' is not writable.",
        extracts: { path: '/var/lib/grafana' },
      },
      { line: "1:M 14 Jul 2020 10:08:55.713 # Can't open the append-only file: Permission denied" },
      {
        line: "1:M 19 Jul 2023 10:15:35.683 # Can't open or create append-only dir appendonlydir: Permission denied",
        extracts: { path: 'appendonlydir' },
      },
      {
        line: "mysqld: Can't create/write to file '/var/lib/mysql/is_writable' (OS errno 13 - Permission denied)",
        extracts: { path: '/var/lib/mysql/is_writable' },
      },
      {
        line: "mysqld: Can't create/write to file '/var/lib/mysql/is_writable' (Errcode: 13 - Permission denied)",
        extracts: { path: '/var/lib/mysql/is_writable' },
      },
      {
        line: 'exception in initAndListen: IllegalOperation: Attempted to create a lock file on a read-only directory: /data/db, terminating',
        extracts: { path: '/data/db' },
      },
      {
        line: 'Can not write to /var/jenkins_home/copy_reference_file.log. Wrong volume permissions?',
        extracts: { path: '/var/jenkins_home/copy_reference_file.log' },
      },
      {
        line: '2024-04-09 11:02:18.517 GMT [88] FATAL:  data directory "/bitnami/postgresql/data" has invalid permissions',
        extracts: { path: '/bitnami/postgresql/data' },
      },
      {
        line: 'FATAL:  data directory "/var/lib/postgresql/data/pgdata" has wrong ownership',
        extracts: { path: '/var/lib/postgresql/data/pgdata' },
      },
    ],
    counterExamples: ["Can't open the append-only file: No such file or directory"],
  },
  {
    id: 'operation-not-permitted',
    runtime: 'generic',
    category: 'permission-denied',
    subcategory: 'not-permitted',
    keywords: ['Operation not permitted', 'operation not permitted'],
    pattern:
      /(?:(?:chown|chmod|chgrp): (?:changing (?:ownership|permissions) of )?'?(?<path>\/[^':\s]{0,200})'?: Operation not permitted|(?<detail>chown|chmod|setgid|setuid|initgroups|setgroups)\((?:"(?<path2>[^"]{1,200})"[^)]{0,40}|[^)]{0,60})\) failed \(1: Operation not permitted\)|could not change permissions of (?:directory|file) "(?<path3>[^"]{1,200})": Operation not permitted|(?:gosu|su-exec)[^\n]{0,120}operation not permitted|(?:setgroups|setgid|setuid): Operation not permitted|error when changing ownership of (?<path4>\/[^\s:'"]{1,200}):? Error: Operation not permitted)/,
    weight: 0.75,
    description:
      'The process may not change ownership/permissions or switch user: the volume belongs to someone else (NFS, hostPath) or the capabilities it needs (CHOWN, SETUID, SETGID, FOWNER) are dropped.',
    examples: [
      {
        line: "chmod: changing permissions of '/var/lib/postgresql/data': Operation not permitted",
        extracts: { path: '/var/lib/postgresql/data' },
      },
      {
        line: 'initdb: error: could not change permissions of directory "/var/lib/postgresql/data": Operation not permitted',
        extracts: { path: '/var/lib/postgresql/data' },
      },
      {
        line: 'nginx: [emerg] chown("/var/cache/nginx/client_temp", 101) failed (1: Operation not permitted)',
        extracts: { detail: 'chown', path: '/var/cache/nginx/client_temp' },
      },
      {
        line: 'chmod: /var/run/postgresql: Operation not permitted',
        extracts: { path: '/var/run/postgresql' },
      },
      { line: '2026/03/01 10:00:00 [alert] 7#0: setgid(999) failed (1: Operation not permitted)' },
      {
        // A Node.js init helper that chowns a PVC on an NFS export with root_squash.
        line: 'Error:got error when changing ownership of /var/lib/pgsql Error: Operation not permitted',
        extracts: { path: '/var/lib/pgsql' },
      },
    ],
  },
  {
    id: 'read-only-filesystem',
    runtime: 'generic',
    category: 'permission-denied',
    subcategory: 'read-only-root',
    keywords: ['Read-only file system', 'read-only file system', 'EROFS'],
    pattern:
      /(?:\[Errno 30\] Read-only file system: '(?<path>[^']{1,200})'|EROFS: read-only file system, (?:open|mkdir|write|unlink|rename|copyfile) '?(?<path2>[^',\s]{1,200})'?|(?:mkdir\(\)|open\(\)) "(?<path3>[^"]{1,200})" failed \(30: Read-only file system\)|(?:open|mkdir|create|remove|rename|chmod) (?<path4>\/[^:\s]{0,200}): read-only file system|cannot (?:create directory|touch|create regular file|create|remove) '?(?<path5>\/[^':\s]{0,200})'?: Read-only file system|can not modify (?<path6>\/\S{1,200}) \(read-only file system\?\)|[Rr]ead-only file system|EROFS)/,
    weight: 0.85,
    description:
      'The process writes to a read-only filesystem (readOnlyRootFilesystem without an emptyDir for that path, or a ConfigMap/Secret/readOnly volume).',
    examples: [
      {
        line: "OSError: [Errno 30] Read-only file system: '/tmp/cache'",
        extracts: { path: '/tmp/cache' },
      },
      {
        line: 'EROFS: read-only file system, open /app/.next/cache',
        extracts: { path: '/app/.next/cache' },
      },
      {
        line: 'nginx: [emerg] mkdir() "/var/cache/nginx/client_temp" failed (30: Read-only file system)',
        extracts: { path: '/var/cache/nginx/client_temp' },
      },
      {
        line: 'failed to create pid file: open /var/run/app.pid: read-only file system',
        extracts: { path: '/var/run/app.pid' },
      },
      {
        line: '10-listen-on-ipv6-by-default.sh: info: can not modify /etc/nginx/conf.d/default.conf (read-only file system?)',
        extracts: { path: '/etc/nginx/conf.d/default.conf' },
      },
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
      'bind() to',
      'Permission denied - bind',
      'could not bind to address',
      'BindException: Permission denied',
    ],
    pattern:
      /(?:listen tcp[46]? [^\s]{0,60}:(?<port>\d{1,5}): bind: permission denied|listen EACCES: permission denied [^\s]{0,60}:(?<port2>\d{1,5})|bind\(\) to [^\s]{0,60}:(?<port3>\d{1,5}) failed \(13: Permission denied\)|Permission denied - bind\(2\) for "?[^"\s]{0,60}"? port (?<port4>\d{1,5})|\(13\)Permission denied: [^\n]{0,40}could not bind to address [^\s]{0,60}:(?<port5>\d{1,5})|java\.net\.BindException: Permission denied)/,
    weight: 0.9,
    description: 'A non-root process tries to listen on a port below 1024.',
    examples: [
      { line: 'listen tcp :80: bind: permission denied', extracts: { port: '80' } },
      {
        line: 'nginx: [emerg] bind() to 0.0.0.0:80 failed (13: Permission denied)',
        extracts: { port: '80' },
      },
      { line: 'Error: listen EACCES: permission denied 0.0.0.0:443', extracts: { port: '443' } },
      {
        line: 'Permission denied - bind(2) for "0.0.0.0" port 80 (Errno::EACCES)',
        extracts: { port: '80' },
      },
      {
        line: '(13)Permission denied: AH00072: make_sock: could not bind to address 0.0.0.0:80',
        extracts: { port: '80' },
      },
    ],
  },
  {
    id: 'selinux-avc-denied',
    runtime: 'kernel',
    category: 'permission-denied',
    subcategory: 'selinux',
    keywords: ['avc:  denied', 'avc: denied'],
    pattern: /avc: {1,2}denied {1,2}\{ (?<detail>[^}]{1,60}) \}/,
    weight: 0.85,
    description:
      'SELinux denied the access (a hostPath or volume without the container_file_t label, or a wrong seLinuxOptions level).',
    examples: [
      {
        line: 'type=AVC msg=audit(1649106092.768:10979): avc:  denied  { write } for  pid=76042 comm="bash" name="data" dev="sda2" ino=369501097 scontext=system_u:system_r:container_t:s0:c701,c935 tcontext=system_u:object_r:var_lib_t:s0 tclass=dir permissive=0',
        extracts: { detail: 'write' },
      },
    ],
  },
  {
    id: 'apparmor-denied',
    runtime: 'kernel',
    category: 'permission-denied',
    subcategory: 'apparmor',
    keywords: ['apparmor="DENIED"'],
    pattern:
      /apparmor="DENIED" operation="(?<detail>[^"]{1,40})"[^\n]{0,80}?profile="(?<key>[^"]{1,200})"(?:[^\n]{0,40}?name="(?<path>[^"]{1,200})")?/,
    weight: 0.85,
    description: "The container's AppArmor profile denied the access.",
    examples: [
      {
        line: 'audit: type=1400 audit(1528916467.734:130): apparmor="DENIED" operation="mknod" profile="k8s-apparmor-example-deny-write" name="/tmp/test" pid=8941 comm="touch" requested_mask="c" denied_mask="c" fsuid=0 ouid=0',
        extracts: { detail: 'mknod', key: 'k8s-apparmor-example-deny-write', path: '/tmp/test' },
      },
    ],
  },
  {
    id: 'run-as-non-root',
    runtime: 'kubelet',
    category: 'permission-denied',
    subcategory: 'run-as-non-root',
    keywords: ['runAsNonRoot', 'non-root policy'],
    pattern:
      /(?:container has runAsNonRoot and image will run as root|container has runAsNonRoot and image has non-numeric user \((?<user>[^)]{1,64})\)|container's runAsUser breaks non-root policy|container has runAsNonRoot and image has an invalid user id \((?<user2>-?\d{1,12})\))/,
    weight: 0.95,
    description:
      'The kubelet refuses to create the container: runAsNonRoot is set but the image runs as root, or as a user name it cannot verify.',
    examples: [
      {
        line: 'Error: container has runAsNonRoot and image will run as root (pod: "cmk-cluster-init-pod_cmk-namespace(fa1d4889-e80e-4506-ab08-40e0c50305cf)", container: cmk-cluster-init-pod)',
      },
      {
        line: 'container has runAsNonRoot and image has non-numeric user (appuser), cannot verify user is non-root (pod: "web-7f9c_shop(1c2d)", container: web)',
        extracts: { user: 'appuser' },
      },
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
    pattern:
      /(?:could not (?:write to|extend|create|open) file "(?<file>[^"]{1,200})"[^\n]{0,60}No space left on device|\[Errno 28\] No space left on device: '(?<path>[^']{1,200})'|(?:write|open|mkdir|create|sync) (?<path2>\/[^:\s]{0,200}): no space left on device|cannot (?:create directory|write to|create regular file) '?(?<path3>\/[^':\s]{0,200})'?: No space left on device|ENOSPC: no space left on device, (?:write|open|mkdir|copyfile)(?: '(?<path4>[^']{1,200})')?|[Nn]o space left on device|ENOSPC|Disk quota exceeded)/,
    weight: 0.85,
    description: 'The volume (or the node disk behind an emptyDir) is full.',
    examples: [
      {
        line: 'PANIC:  could not write to file "pg_wal/xlogtemp.32": No space left on device',
        extracts: { file: 'pg_wal/xlogtemp.32' },
      },
      { line: 'Error: ENOSPC: no space left on device, write' },
      {
        line: "OSError: [Errno 28] No space left on device: '/data/exports/2026-03-01.csv'",
        extracts: { path: '/data/exports/2026-03-01.csv' },
      },
      {
        line: 'failed to flush segment: write /var/lib/loki/chunks/ZmFrZQ: no space left on device',
        extracts: { path: '/var/lib/loki/chunks/ZmFrZQ' },
      },
    ],
  },
  {
    id: 'volume-setup-failed',
    runtime: 'kubelet',
    category: 'volume-mount',
    subcategory: 'mount-failed',
    keywords: ['MountVolume.', 'Unable to attach or mount volumes', 'Unable to mount volumes'],
    pattern:
      /(?:MountVolume\.(?<detail>SetUp|MountDevice|WaitForAttach|NewMounter initialization) failed for volume "(?<key>[^"]{1,253})"|Unable to (?:attach or )?mount volumes(?: for pod "[^"]{1,300}")?: (?:unmounted volumes=\[(?<key2>[^\]]{1,300})\]|timeout expired))/,
    weight: 0.85,
    description:
      'The kubelet cannot mount a volume (CSI/NFS/iSCSI mount error, device not attached, wrong server or path), so the container never starts.',
    examples: [
      {
        line: 'MountVolume.SetUp failed for volume "pvc-3f1c2a9e-8d7b-4c6a-9e5f-1a2b3c4d5e6f" : mount failed: exit status 32',
        extracts: { detail: 'SetUp', key: 'pvc-3f1c2a9e-8d7b-4c6a-9e5f-1a2b3c4d5e6f' },
      },
      {
        line: 'MountVolume.MountDevice failed for volume "pvc-80c52f0e-8ebc-4f29-b93a-12bd0978be8b" : rpc error: code = Internal desc = format of disk "/dev/xvdba" failed',
        extracts: { detail: 'MountDevice' },
      },
      {
        line: 'Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[data kube-api-access-9xk2p]: timed out waiting for the condition',
        extracts: { key: 'data' },
      },
    ],
  },
  {
    id: 'volume-attach-failed',
    runtime: 'kubernetes',
    category: 'volume-mount',
    subcategory: 'attach-failed',
    keywords: ['Multi-Attach error', 'AttachVolume.Attach failed'],
    pattern:
      /(?:Multi-Attach error for volume "(?<key>[^"]{1,253})"(?:[^\n]{0,120}? Volume is already (?:used by pod\(s\) (?<detail>[^\n]{1,200})|exclusively attached))?|AttachVolume\.Attach failed for volume "(?<key2>[^"]{1,253})")/,
    weight: 0.9,
    description:
      'The volume cannot be attached to this node: a ReadWriteOnce disk still attached to (or used by a pod on) another node, or a cloud attach error.',
    examples: [
      {
        line: 'Multi-Attach error for volume "pvc-7a81d56f-1cf9-11eb-8295-b6961e0a47ed" Volume is already exclusively attached to one node and can\'t be attached to another',
        extracts: { key: 'pvc-7a81d56f-1cf9-11eb-8295-b6961e0a47ed' },
      },
      {
        line: 'Multi-Attach error for volume "pvc-0a1b" Volume is already used by pod(s) reports-6f7d8c9b5-k2x9m',
        extracts: { key: 'pvc-0a1b', detail: 'reports-6f7d8c9b5-k2x9m' },
      },
      {
        line: 'AttachVolume.Attach failed for volume "pvc-5e6f" : rpc error: code = Internal desc = Could not attach volume "vol-0abc" to node "i-0def": attachment of disk failed',
        extracts: { key: 'pvc-5e6f' },
      },
    ],
  },
  {
    id: 'hostpath-type-check',
    runtime: 'kubelet',
    category: 'volume-mount',
    subcategory: 'hostpath-type',
    keywords: ['hostPath type check failed'],
    pattern: /hostPath type check failed:? (?<path>\S{1,300}) is not a (?<detail>[a-z ]{1,40})/,
    weight: 0.95,
    description:
      'The hostPath volume declares a type (Socket, Directory, File...) and the path on the node is missing or of another type.',
    examples: [
      {
        line: 'MountVolume.SetUp failed for volume "docker-sock" : hostPath type check failed: /var/run/docker.sock is not a socket file',
        extracts: { path: '/var/run/docker.sock', detail: 'socket file' },
      },
      {
        line: 'MountVolume.SetUp failed for volume "usb-device" : hostPath type check failed: /dev/ttyUSB0 is not a character device',
        extracts: { path: '/dev/ttyUSB0' },
      },
    ],
  },
  {
    id: 'subpath-failed',
    runtime: 'kubelet',
    category: 'volume-mount',
    subcategory: 'subpath',
    keywords: ['failed to prepare subPath', 'subPath "'],
    pattern:
      /(?:failed to prepare subPath for volumeMount \\?"(?<key>[^"\\]{1,253})\\?" of container \\?"(?<detail>[^"\\]{1,253})\\?"|subPath "(?<path>[^"]{1,253})" not found)/,
    weight: 0.95,
    description:
      'The kubelet cannot prepare a subPath mount (the subPath does not exist in the volume, or the volume is unusable).',
    examples: [
      {
        line: 'Error: failed to prepare subPath for volumeMount "config" of container "app"',
        extracts: { key: 'config', detail: 'app' },
      },
    ],
  },
  {
    id: 'mount-onto-rootfs-failed',
    runtime: 'runc',
    category: 'volume-mount',
    subcategory: 'mount-type-mismatch',
    keywords: ['to rootfs at'],
    pattern:
      /error mounting \\?"(?<key>[^"\\]{1,300})\\?" to rootfs at \\?"(?<path>[^"\\]{1,300})\\?"[^\n]{0,400}?(?<detail>not a directory|no such file or directory|is a directory|permission denied)/,
    weight: 0.9,
    description:
      'The runtime cannot bind the volume into the container: a file mounted onto a directory or the reverse (a subPath file over an image directory, a missing ConfigMap key).',
    examples: [
      {
        line: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "/var/lib/kubelet/pods/4a8a/volume-subpaths/nginx-conf/nginx/0" to rootfs at "/etc/nginx/nginx.conf": mount /var/lib/kubelet/pods/4a8a/volume-subpaths/nginx-conf/nginx/0:/etc/nginx/nginx.conf (via /proc/self/fd/6), flags: 0x5001: not a directory: unknown',
        extracts: { path: '/etc/nginx/nginx.conf', detail: 'not a directory' },
      },
    ],
  },
  {
    id: 'pvc-not-found',
    runtime: 'kubernetes',
    category: 'volume-mount',
    subcategory: 'pvc-missing',
    keywords: ['persistentvolumeclaim "'],
    pattern: /persistentvolumeclaim "(?<key>[^"]{1,253})" (?<detail>not found|is being deleted)/,
    weight: 0.9,
    description:
      'The pod references a PersistentVolumeClaim that does not exist (or is being deleted).',
    examples: [
      {
        line: '0/1 nodes are available: 1 persistentvolumeclaim "minecraft-data-pvc" not found.',
        extracts: { key: 'minecraft-data-pvc', detail: 'not found' },
      },
    ],
  },
  {
    id: 'data-dir-is-mount-point',
    runtime: 'generic',
    category: 'volume-mount',
    subcategory: 'mount-point-not-empty',
    keywords: ['lost+found', 'data directory has files in it'],
    pattern:
      /(?:It contains a lost\+found directory, perhaps due to it being a mount point|--initialize specified but the data directory has files in it)/,
    weight: 0.9,
    description:
      'A database refuses to initialise its data directory because it is the volume mount point itself (ext4 puts lost+found there): use a subdirectory.',
    examples: [
      { line: 'It contains a lost+found directory, perhaps due to it being a mount point.' },
      {
        line: 'initdb: detail: It contains a lost+found directory, perhaps due to it being a mount point.',
      },
      {
        line: '2026-03-01T10:00:00.000000Z 0 [ERROR] [MY-010457] [Server] --initialize specified but the data directory has files in it. Aborting.',
      },
    ],
  },
  // Persisted data written by another major version: the image changed, the volume did not.
  {
    id: 'postgres-data-version',
    runtime: 'postgres',
    category: 'config-code-mismatch',
    subcategory: 'data-version',
    keywords: [
      'database files are incompatible with server',
      'was initialized by PostgreSQL version',
    ],
    pattern:
      /database files are incompatible with server|data directory was initialized by PostgreSQL version (?<detail>[\d.]+), which is not compatible/,
    weight: 0.9,
    description:
      'PostgreSQL refuses a data directory written by another major version (an image bump from 15 to 16 over the same volume): roll the image back, then upgrade with pg_upgrade or dump and restore.',
    examples: [
      {
        line: '2023-09-18 06:41:09.385 UTC [1] FATAL:  database files are incompatible with server',
      },
      {
        line: '2023-09-18 06:41:09.385 UTC [1] DETAIL:  The data directory was initialized by PostgreSQL version 15, which is not compatible with this version 16.0 (Debian 16.0-1.pgdg110+1).',
        extracts: { detail: '15' },
      },
    ],
    counterExamples: ['FATAL:  database "orders" does not exist'],
  },
  {
    id: 'mysql-data-version',
    runtime: 'mysql',
    category: 'config-code-mismatch',
    subcategory: 'data-version',
    keywords: ['on data directory built by version', 'Upgrade after a crash is not supported'],
    pattern:
      /Cannot boot server version \d+ on data directory built by version (?<detail>\d+)|Upgrade after a crash is not supported/,
    weight: 0.85,
    description:
      'MySQL or MariaDB cannot open a data directory from another version: a downgrade, or an upgrade over data that was not shut down cleanly.',
    examples: [
      {
        line: '2024-02-01T09:12:44.118293Z 1 [ERROR] [MY-013171] [InnoDB] Cannot boot server version 80036 on data directory built by version 80200. Downgrade is not supported',
        extracts: { detail: '80200' },
      },
      {
        line: '2024-02-01  9:12:44 0 [ERROR] InnoDB: Upgrade after a crash is not supported. The redo log was created with MariaDB 10.4.32.',
      },
    ],
  },
  {
    id: 'mongodb-data-version',
    runtime: 'mongodb',
    category: 'config-code-mismatch',
    subcategory: 'data-version',
    keywords: [
      'too recent to start up on the existing data files',
      'invalid featureCompatibilityVersion document',
      'Invalid feature compatibility version',
    ],
    pattern:
      /too recent to start up on the existing data files|invalid featureCompatibilityVersion document|Invalid feature compatibility version/,
    weight: 0.85,
    description:
      'mongod refuses data files whose featureCompatibilityVersion is more than one major version behind: upgrade one major version at a time, setting the FCV at each step.',
    examples: [
      {
        line: '{"t":{"$date":"2024-05-02T08:01:12.004+00:00"},"s":"F","c":"CONTROL","id":20573,"ctx":"initandlisten","msg":"Wrong mongod version","attr":{"error":"UPGRADE PROBLEM: Found an invalid featureCompatibilityVersion document (ERROR: Location4926900: Invalid featureCompatibilityVersion document in admin.system.version"}}',
      },
      {
        line: '** IMPORTANT: UPGRADE PROBLEM: The data files need to be fully upgraded to version 3.6 before attempting an upgrade to 4.0; this version of MongoDB is too recent to start up on the existing data files. Try MongoDB 3.6 or earlier.',
      },
    ],
  },
  {
    id: 'elasticsearch-data-version',
    runtime: 'elasticsearch',
    category: 'config-code-mismatch',
    subcategory: 'data-version',
    keywords: ['cannot upgrade a node from version', 'but the minimum compatible version is'],
    pattern:
      /cannot upgrade a node from version \[(?<detail>[\d.]+)\] directly to version|was created with version \[(?:[\d.]+)\] but the minimum compatible version is/,
    weight: 0.85,
    description:
      'Elasticsearch finds node data or indices written by a version it cannot read: upgrade through the intermediate major version, or reindex.',
    examples: [
      {
        line: 'java.lang.IllegalStateException: cannot upgrade a node from version [6.8.23] directly to version [8.12.0], upgrade to version [7.17.0] first.',
        extracts: { detail: '6.8.23' },
      },
      {
        line: 'org.elasticsearch.index.IndexFormatTooOldException: Format version is not supported (resource BufferedChecksumIndexInput(segments_3)): This index was created with version [6.8.0] but the minimum compatible version is [7.0.0].',
      },
    ],
  },
  {
    id: 'redis-rdb-version',
    runtime: 'redis',
    category: 'config-code-mismatch',
    subcategory: 'data-version',
    keywords: ["Can't handle RDB format version"],
    pattern: /Can't handle RDB format version (?<detail>\d+)/,
    weight: 0.85,
    description:
      'Redis cannot load a dump.rdb written by a newer Redis (an image rolled back, or a replica older than its primary).',
    examples: [
      {
        line: "1:M 02 Apr 2024 10:01:55.004 # Can't handle RDB format version 12",
        extracts: { detail: '12' },
      },
    ],
  },
];
