/**
 * Signatures of the application itself failing: panics, unhandled exceptions, aborts, segfaults
 * and failed migrations. The engine pairs them with the first stack frame in the application's
 * own code.
 */
import type { Signature } from '../types.js';

export const crashSignatures: Signature[] = [
  {
    id: 'go-panic',
    runtime: 'go',
    category: 'app-crash',
    subcategory: 'panic',
    keywords: ['panic: '],
    pattern:
      /(?:^|\s)(?<!from\s)panic: (?![^\n]{0,200}(?:connect: connection refused|: i\/o timeout|: no such host|connection reset by peer|run out of available brokers))(?<detail>[^\n]{1,300})/,
    weight: 0.85,
    description: 'A Go panic; the goroutine trace below it names the failing function.',
    examples: [
      {
        line: 'panic: runtime error: invalid memory address or nil pointer dereference',
        extracts: { detail: 'runtime error: invalid memory address or nil pointer dereference' },
      },
      { line: 'panic: assignment to entry in nil map' },
    ],
    counterExamples: [
      'recovered from panic: none',
      // The dependency's error is the cause; dependency signatures match these lines.
      'panic: failed to connect to `host=postgres user=app database=app`: dial error (dial tcp 10.96.3.4:5432: connect: connection refused)',
      'panic: dial tcp: lookup kafka-0.kafka on 10.96.0.10:53: no such host',
    ],
  },
  {
    id: 'go-fatal-error',
    runtime: 'go',
    category: 'app-crash',
    subcategory: 'fatal',
    keywords: ['fatal error: '],
    pattern:
      /^(?:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z )?fatal error: (?<detail>(?!runtime: out of memory)[^\n]{1,200})/,
    weight: 0.85,
    description: 'A Go runtime fatal error (concurrent map writes, deadlock).',
    examples: [
      { line: 'fatal error: concurrent map writes' },
      { line: 'fatal error: all goroutines are asleep - deadlock!' },
    ],
    counterExamples: ['fatal error: runtime: out of memory'],
  },
  {
    id: 'rust-panic',
    runtime: 'rust',
    category: 'app-crash',
    subcategory: 'panic',
    keywords: ["' panicked at"],
    pattern:
      /thread '[^'\n]{0,200}' panicked at (?:'(?<detail>[^\n]{1,300})', (?<frame>[^\s]{1,200})|(?<frame2>[^\s']{1,200}))/,
    weight: 0.85,
    description: 'A Rust panic with its source location.',
    examples: [
      {
        line: "thread 'main' panicked at src/main.rs:42:10:",
        extracts: { frame: 'src/main.rs:42:10:' },
      },
      {
        line: "thread 'tokio-runtime-worker' panicked at 'called `Option::unwrap()` on a `None` value', src/ingest/batch.rs:88:41",
        extracts: {
          detail: 'called `Option::unwrap()` on a `None` value',
          frame: 'src/ingest/batch.rs:88:41',
        },
      },
    ],
  },
  {
    id: 'python-traceback-error',
    runtime: 'python',
    category: 'app-crash',
    subcategory: 'exception',
    keywords: ['Error: ', 'Exception: ', 'Error', 'Exception'],
    pattern:
      /^(?:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z )?(?!(?:[A-Za-z_][\w]*\.)*(?:ConnectionError|ConnectionRefusedError|ConnectionResetError|OperationalError|ServerSelectionTimeoutError|AutoReconnect|NewConnectionError|MaxRetryError|ConnectTimeout|ClientConnectorError|AMQPConnectionError|gaierror|_InactiveRpcError|NoBrokersAvailable|KafkaTimeoutError|ImproperlyConfigured|UndefinedValueError)\b)(?!org\.postgresql\.util\.PSQLException: An I\/O error)(?<detail>(?:[A-Za-z_][\w]*\.)*[A-Z]\w*(?:Error|Exception|Exit|Interrupt))(?::\s(?<key>[^\n]{0,300}))?$/,
    weight: 0.5,
    description: 'The last line of a Python traceback: the exception type and message.',
    examples: [
      {
        line: "AttributeError: 'NoneType' object has no attribute 'get'",
        extracts: { detail: 'AttributeError' },
      },
      {
        line: 'sqlalchemy.exc.ProgrammingError: (psycopg2.errors.UndefinedTable) relation "orders" does not exist',
      },
      { line: 'IndexError: list index out of range' },
      {
        line: "2026-07-03T05:00:07.551152187Z AttributeError: 'NoneType' object has no attribute 'keys'",
        extracts: { detail: 'AttributeError' },
      },
      { line: "django.core.exceptions.FieldError: Cannot resolve keyword 'sku' into field." },
    ],
    counterExamples: [
      // Connection failures: the dependency signatures name the host; not an application bug.
      'redis.exceptions.ConnectionError: Error 111 connecting to redis-master:6379. Connection refused.',
      'sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at "db" (10.96.1.9), port 5432 failed: Connection refused',
      'ConnectionRefusedError: [Errno 111] Connection refused',
      'pymongo.errors.ServerSelectionTimeoutError: mongo:27017: [Errno 111] Connection refused, Timeout: 30s',
      'socket.gaierror: [Errno -2] Name or service not known',
      // Configuration errors by class: the missing-config signatures name the setting.
      'decouple.UndefinedValueError: SECRET_KEY not found. Declare it as envvar or define a default value.',
      'django.core.exceptions.ImproperlyConfigured: Set the SECRET_KEY environment variable',
    ],
  },
  {
    id: 'java-exception-in-main',
    runtime: 'java',
    category: 'app-crash',
    subcategory: 'exception',
    keywords: ['Exception in thread'],
    pattern:
      /Exception in thread "[^"\n]{0,200}" (?<key>[\w.$]{1,200}(?:Exception|Error))(?::\s(?<detail>[^\n]{0,300}))?/,
    weight: 0.8,
    description: 'An uncaught Java exception ending a thread (often main).',
    examples: [
      {
        line: 'Exception in thread "main" java.lang.NullPointerException: Cannot invoke "String.length()"',
        extracts: {
          key: 'java.lang.NullPointerException',
          detail: 'Cannot invoke "String.length()"',
        },
      },
    ],
  },
  {
    id: 'spring-application-failed',
    runtime: 'spring',
    category: 'app-crash',
    subcategory: 'startup',
    keywords: ['APPLICATION FAILED TO START', 'Application run failed'],
    pattern: /(?:APPLICATION FAILED TO START|Application run failed)/,
    weight: 0.6,
    description: 'Spring Boot gave up starting; the "Description:" and "Caused by" lines say why.',
    examples: [
      { line: 'APPLICATION FAILED TO START' },
      { line: 'o.s.boot.SpringApplication: Application run failed' },
    ],
  },
  {
    id: 'dotnet-unhandled-exception',
    runtime: 'dotnet',
    category: 'app-crash',
    subcategory: 'exception',
    keywords: ['Unhandled exception.', 'Unhandled Exception:'],
    pattern:
      /Unhandled [Ee]xception[.:] (?!System\.Net\.Http\.HttpRequestException|System\.Net\.Sockets\.SocketException|Npgsql\.NpgsqlException|StackExchange\.Redis\.RedisConnectionException|MySqlConnector\.MySqlException|Microsoft\.Data\.SqlClient\.SqlException|RabbitMQ\.Client\.Exceptions\.BrokerUnreachableException|Grpc\.Core\.RpcException|Microsoft\.Extensions\.Options\.OptionsValidationException)(?<key>[\w.]+(?:Exception|Error))(?::\s(?<detail>[^\n]{0,300}))?/,
    weight: 0.8,
    description: 'An unhandled .NET exception that ended the process.',
    examples: [
      {
        line: 'Unhandled exception. System.NullReferenceException: Object reference not set to an instance of an object.',
        extracts: { key: 'System.NullReferenceException' },
      },
      {
        line: "Unhandled exception. System.InvalidCastException: Unable to cast object of type 'System.String' to type 'System.Int32'.",
      },
    ],
    counterExamples: [
      'Unhandled exception. System.Net.Http.HttpRequestException: Connection refused (inventory-api:8080)',
      'Unhandled exception. Npgsql.NpgsqlException (0x80004005): Failed to connect to 10.96.3.4:5432',
    ],
  },
  {
    id: 'node-uncaught-error',
    runtime: 'node',
    category: 'app-crash',
    subcategory: 'exception',
    keywords: [
      'TypeError: ',
      'ReferenceError: ',
      'RangeError: ',
      'SyntaxError: ',
      'UnhandledPromiseRejection',
      'Uncaught ',
    ],
    pattern:
      /(?:^|[\s[])(?<key>TypeError|ReferenceError|RangeError|SyntaxError|UnhandledPromiseRejection\w*|Uncaught \w+):(?! ?fetch failed) ?(?<detail>[^\n]{0,300})/,
    weight: 0.7,
    description: 'A JavaScript error that was not caught.',
    examples: [
      {
        line: "TypeError: Cannot read properties of undefined (reading 'map')",
        extracts: { key: 'TypeError' },
      },
      { line: 'ReferenceError: fetch is not defined' },
      {
        line: '[UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "invalid tenant".] {',
        extracts: { key: 'UnhandledPromiseRejection' },
      },
    ],
    counterExamples: ['TypeError: fetch failed'],
  },
  {
    id: 'segfault',
    runtime: 'native',
    category: 'app-crash',
    subcategory: 'segfault',
    keywords: ['Segmentation fault', 'SIGSEGV', 'segfault'],
    pattern: /(?:Segmentation fault|SIGSEGV|segfault at)/,
    weight: 0.7,
    description: 'The process touched memory it does not own (exit 139).',
    examples: [
      { line: 'Segmentation fault (core dumped)' },
      { line: '[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x9c4e12]' },
    ],
  },
  {
    id: 'abort',
    runtime: 'native',
    category: 'app-crash',
    subcategory: 'abort',
    keywords: ['Aborted', 'terminate called after throwing', 'Assertion', 'assertion failed'],
    pattern:
      /(?:Aborted \(core dumped\)|terminate called after throwing an instance of|Assertion `[^`]{0,200}' failed|assertion failed)/,
    weight: 0.7,
    description: 'The process aborted (exit 134): a failed assertion or an uncaught C++ exception.',
    examples: [
      { line: "terminate called after throwing an instance of 'std::runtime_error'" },
      { line: 'Aborted (core dumped)' },
    ],
  },
  {
    id: 'migration-failed',
    runtime: 'generic',
    category: 'app-crash',
    subcategory: 'migration',
    keywords: ['igration', 'FlywayException', 'PendingMigrationError', 'does not exist'],
    pattern:
      /(?:[Mm]igration (?:failed|error)(?![^\n]{0,200}(?:ECONNREFUSED|[Cc]onnection refused|could not connect|no such host|ENOTFOUND|timed out|timeout))|FlywayException|Validate failed: Migration|ActiveRecord::PendingMigrationError|(?:relation|table|column) "?(?<key>[\w.]+)"? does not exist)/,
    weight: 0.7,
    description:
      'A schema migration failed, or the code expects a schema the database does not have.',
    examples: [
      {
        line: 'org.flywaydb.core.api.FlywayException: Validate failed: Migrations have failed validation',
      },
      { line: 'ERROR: relation "orders" does not exist', extracts: { key: 'orders' } },
    ],
    counterExamples: [
      // The database is unreachable: a dependency failure, not a broken migration.
      '[2026-06-19T08:30:12.413Z] ERROR migration failed: connect ECONNREFUSED 127.0.0.1:5432',
    ],
  },
  {
    id: 'ruby-uncaught-exception',
    runtime: 'ruby',
    category: 'app-crash',
    subcategory: 'exception',
    keywords: [':in `', ":in '"],
    pattern:
      /^(?:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z )?(?<file>[^\s:]{1,300}):(?<code>\d{1,7}):in [`'](?<frame>[^'`\n]{1,200})': (?<detail>[^\n]{0,300}) \((?!Errno::E(?:CONNREFUSED|CONNRESET|HOSTUNREACH|TIMEDOUT)\)|SocketError\)|Redis::(?:CannotConnectError|TimeoutError)\)|PG::ConnectionBad\)|Mysql2::Error::ConnectionError\)|Net::OpenTimeout\)|Bunny::TCPConnectionFailed|ActiveSupport::EncryptedFile::MissingKeyError\))(?<key>[A-Z][\w:]{0,200})\)$/,
    weight: 0.8,
    description:
      'An exception that reached the top of a Ruby program: file:line, method, message and class.',
    examples: [
      {
        line: "/app/app/jobs/invoice_sync.rb:48:in `block in perform': undefined method `amount_cents' for nil:NilClass (NoMethodError)",
        extracts: { key: 'NoMethodError', file: '/app/app/jobs/invoice_sync.rb' },
      },
      {
        line: "app/workers/feed.rb:12:in 'Feed#fetch': undefined method 'each' for nil (NoMethodError)",
        extracts: { key: 'NoMethodError' },
      },
    ],
    counterExamples: [
      '/usr/local/lib/ruby/3.2.0/net/http.rb:1271:in `initialize\': Failed to open TCP connection to billing:3000 (Connection refused - connect(2) for "billing" port 3000) (Errno::ECONNREFUSED)',
    ],
  },
  {
    id: 'php-fatal-uncaught',
    runtime: 'php',
    category: 'app-crash',
    subcategory: 'exception',
    keywords: ['Fatal error:  Uncaught', 'Fatal error: Uncaught'],
    pattern:
      /Fatal error: {1,2}Uncaught (?:exception ')?(?!Predis\\Connection\\ConnectionException|RedisException: Connection refused|PDOException: SQLSTATE\[HY000\] \[20|GuzzleHttp\\Exception\\ConnectException|PhpAmqpLib\\Exception\\AMQPIOException|Illuminate\\Encryption\\MissingAppKeyException)(?<key>[A-Za-z_][\w\\]{0,200})'?(?::| with message) ?(?<detail>[^\n]{0,300})/,
    weight: 0.8,
    description:
      'An uncaught PHP exception or Error ended the script (CLI workers, artisan commands).',
    examples: [
      {
        line: 'PHP Fatal error:  Uncaught TypeError: App\\Services\\Cart::total(): Argument #1 ($items) must be of type array, null given, called in /var/www/html/app/Http/Controllers/CartController.php on line 31',
        extracts: { key: 'TypeError' },
      },
      {
        line: 'PHP Fatal error:  Uncaught Error: Call to undefined function App\\Support\\money_fmt() in /var/www/html/app/Support/helpers.php:12',
      },
    ],
    counterExamples: [
      'PHP Fatal error:  Uncaught Predis\\Connection\\ConnectionException: Connection refused [tcp://redis:6379] in /var/www/vendor/predis/predis/src/Connection/AbstractConnection.php:155',
      'PHP Fatal error:  Uncaught PDOException: SQLSTATE[HY000] [2002] Connection refused in /var/www/html/db.php:8',
      'PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes)',
    ],
  },
  {
    id: 'dotnet-host-startup-failed',
    runtime: 'dotnet',
    category: 'app-crash',
    subcategory: 'startup',
    keywords: ['Hosting failed to start', 'Application startup exception'],
    pattern: /(?:Hosting failed to start|Application startup exception)/,
    weight: 0.5,
    description:
      'The .NET generic host or ASP.NET Core gave up starting; the exception on the next lines says why.',
    examples: [
      { line: '      Hosting failed to start' },
      { line: '      Application startup exception' },
    ],
  },
  {
    id: 'gunicorn-worker-boot',
    runtime: 'python',
    category: 'app-crash',
    subcategory: 'startup',
    keywords: ['Worker failed to boot'],
    pattern: /(?:Reason: Worker failed to boot|HaltServer 'Worker failed to boot)/,
    weight: 0.3,
    description:
      'gunicorn stops because a worker cannot import or start the app; the traceback above it says why.',
    examples: [
      { line: '[2026-05-11 08:02:17 +0000] [1] [INFO] Reason: Worker failed to boot.' },
      { line: "gunicorn.errors.HaltServer: <HaltServer 'Worker failed to boot.' 3>" },
    ],
  },
  {
    id: 'node-package-not-found',
    runtime: 'node',
    category: 'app-crash',
    subcategory: 'exception',
    // The same keyword as runtime.ts's script-not-found: the scanner takes the longest keyword at
    // a position, so a longer one here would hide that signature on the same line.
    keywords: ['Cannot find module', 'Cannot find package'],
    pattern:
      /(?:Error: Cannot find module|\[ERR_MODULE_NOT_FOUND\]: Cannot find package) '(?<key>(?:@[\w.-]{1,100}\/)?[A-Za-z0-9_][\w.-]{0,200}(?:\/[\w.-]{1,100}){0,5})'/,
    weight: 0.75,
    description:
      "Application code requires an npm package the image does not have (missing from package.json, a devDependency, or node_modules not copied): a build defect. A path (`'/app/server.js'`) is the command's entry file instead: bad-command.",
    examples: [
      { line: "Error: Cannot find module 'btoa'", extracts: { key: 'btoa' } },
      {
        line: "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'lru-cache' imported from /app/packages/bot/dist/cache.js",
        extracts: { key: 'lru-cache' },
      },
      { line: "Error: Cannot find module '@prisma/client'", extracts: { key: '@prisma/client' } },
    ],
    counterExamples: [
      "Error: Cannot find module '/usr/src/app/server.js'",
      "Error: Cannot find module './routes/admin'",
    ],
  },
  {
    id: 'waits-for-stdin',
    runtime: 'generic',
    category: 'exits-immediately',
    subcategory: 'stdin',
    keywords: ['nter to ', 'NTER to ', 'nter> to ', 'any key to ', 'eturn to ', 'ETURN to '],
    pattern:
      /(?:^|[\s.>])(?:[Pp]ress|[Hh]it) (?:the )?(?:<?[Ee]nter>?|ENTER|[Rr]eturn|RETURN|any key)(?: key)? to (?:exit|quit|stop|close|terminate|end|shut ?down)\b/,
    weight: 0.8,
    description:
      'A console program waits for a key press to stop; in a pod stdin is closed, so the read returns at once and the program exits cleanly.',
    examples: [
      { line: 'Press enter to exit' },
      { line: 'Server started on port 5000. Press any key to stop...' },
      { line: 'Hit ENTER to quit' },
    ],
    counterExamples: [
      // Servers that block on a signal print these and keep running.
      'Application started. Press Ctrl+C to shut down.',
      'Press Ctrl+C to quit.',
    ],
  },
];
