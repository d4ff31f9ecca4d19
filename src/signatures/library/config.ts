/**
 * Signatures of configuration problems: a required setting, env var or file is absent
 * (missing-config), or present but malformed (invalid-config). They extract the setting's name
 * so the engine can compare it with the container's environment and referenced objects.
 */
import type { Signature } from '../types.js';

export const configSignatures: Signature[] = [
  {
    id: 'setting-not-configured',
    runtime: 'generic',
    category: 'missing-config',
    subcategory: 'missing-setting',
    keywords: [
      'is not configured',
      'is not set',
      'is not defined',
      'is required',
      'must be set',
      'must be provided',
      'is missing',
      'not provided',
    ],
    pattern:
      /(?:^|[\s'"`(])(?<!ReferenceError: )(?!(?:variable|variables|value|parameter|setting|field|option|argument)['"`]? )(?<key>[A-Za-z_][\w.:-]{1,80})['"`]? (?:is not configured|is not set|is not defined|is required|must be set|must be provided|is missing|not provided)(?![,;]? {0,3}(?:using|defaulting|defaults to|falling back|fallback|ignoring|skipping))/,
    weight: 0.75,
    description:
      'The application names a setting it needs and did not get (.NET options, Node config, hand-written checks).',
    examples: [
      {
        line: 'Unhandled exception. System.InvalidOperationException: Broker:ApiKey is not configured',
        extracts: { key: 'Broker:ApiKey' },
      },
      { line: 'Error: DATABASE_URL is required', extracts: { key: 'DATABASE_URL' } },
      { line: 'config error: "STRIPE_KEY" must be set', extracts: { key: 'STRIPE_KEY' } },
      {
        line: 'Error: Configuration property "db.host" is not defined',
        extracts: { key: 'db.host' },
      },
    ],
    counterExamples: [
      // A JavaScript bug, not a setting.
      'ReferenceError: fetch is not defined',
      // The name is before the generic word: missing-env-var extracts it.
      'REPLICATED_APP_ENDPOINT environment variable is required',
      // The app carries on with a default: not why it stopped.
      'WARN feature flag NEW_CHECKOUT is not set, using default false',
    ],
  },
  {
    id: 'missing-env-var',
    runtime: 'generic',
    category: 'missing-config',
    subcategory: 'missing-env',
    keywords: [
      'environment variable',
      'env var',
      'ENV var',
      'required key',
      'KeyError',
      'ImproperlyConfigured',
      'Value cannot be null',
      'unbound variable',
      'parameter not set',
      'parameter null or not set',
    ],
    pattern:
      /(?:[Mm]issing (?:required )?(?:environment variable|env var)s?:? ['"`]?(?<env>[A-Z_][A-Z0-9_]{1,80})|(?:[Ee]nvironment variable|env var) ['"`]?(?<env2>[A-Z_][A-Z0-9_]{1,80})['"`]? (?:is )?(?:not set|missing|required|undefined|not defined)|required key (?<env3>[A-Z_][A-Z0-9_]{1,80}) missing value|KeyError: '(?<env4>[A-Z_][A-Z0-9_]{1,80})'|ImproperlyConfigured: Set the (?<env5>[A-Z_][A-Z0-9_]{1,80}) environment variable|['"`]?(?<env6>[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)['"`]? (?:environment variable|env var) (?:is |must be )?(?:required|not set|missing|undefined|not defined|set)|[Ee]nvironment variables? (?:are|is) not (?:set|defined)[^\n]{0,120}?\b(?<env7>[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b|Value cannot be null\. \(Parameter '(?<env8>[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'\)|(?:^|[\s:])(?<env9>[A-Z_][A-Z0-9_]{1,80}): (?:unbound variable|parameter not set|parameter null or not set))/,
    weight: 0.85,
    description:
      'A required environment variable is absent (hand-written checks, envconfig, os.environ, Django).',
    examples: [
      {
        line: 'Error: Missing required environment variable: JWT_SECRET',
        extracts: { env: 'JWT_SECRET' },
      },
      {
        line: 'envconfig.Process: required key DB_HOST missing value',
        extracts: { env: 'DB_HOST' },
      },
      {
        line: 'env: required environment variable "DATABASE_URL" is not set',
        extracts: { env: 'DATABASE_URL' },
      },
      { line: "KeyError: 'DATABASE_URL'" },
      {
        line: 'django.core.exceptions.ImproperlyConfigured: Set the SECRET_KEY environment variable',
      },
      {
        line: 'failed to get replicated api endpoint: REPLICATED_APP_ENDPOINT environment variable is required',
        extracts: { env: 'REPLICATED_APP_ENDPOINT' },
      },
      {
        line: 'Error: Required database environment variables are not set. Provide a postgres url for DATABASE_URL.',
        extracts: { env: 'DATABASE_URL' },
      },
      {
        // .NET: ArgumentNullException.ThrowIfNull(Environment.GetEnvironmentVariable("VALKEY_ADDR"), ...)
        line: "Unhandled exception. System.ArgumentNullException: Value cannot be null. (Parameter 'VALKEY_ADDR')",
        extracts: { env: 'VALKEY_ADDR' },
      },
      {
        // bash `set -u` in an image's entrypoint script.
        line: '/opt/jboss/tools/docker-entrypoint.sh: line 165: DB_ADDR: unbound variable',
        extracts: { env: 'DB_ADDR' },
      },
      { line: 'sh: 1: S3_BUCKET: parameter not set', extracts: { env: 'S3_BUCKET' } },
    ],
    counterExamples: [
      // A parameter of a method, not an env var.
      "System.ArgumentNullException: Value cannot be null. (Parameter 'source')",
    ],
  },
  {
    id: 'spring-placeholder',
    runtime: 'spring',
    category: 'missing-config',
    subcategory: 'missing-setting',
    keywords: ['Could not resolve placeholder'],
    pattern: /Could not resolve placeholder '(?<key>[^']{1,120})'/,
    weight: 0.85,
    description:
      'Spring cannot resolve a ${property}: neither a property nor an env var provides it.',
    examples: [
      {
        line: 'java.lang.IllegalArgumentException: Could not resolve placeholder \'db.password\' in value "${db.password}"',
        extracts: { key: 'db.password' },
      },
    ],
  },
  {
    id: 'config-file-not-found',
    runtime: 'generic',
    category: 'missing-config',
    subcategory: 'missing-file',
    keywords: ['No such file or directory', 'no such file or directory', 'Not Found in', 'ENOENT'],
    pattern:
      /(?:\[Errno 2\] No such file or directory: '(?<file>[^']+\.(?:ya?ml|json|toml|ini|conf|cfg|properties|env|xml))'|open (?<file2>\S+\.(?:ya?ml|json|toml|ini|conf|cfg|properties|env|xml)): no such file or directory|Config File "(?<file4>[^"]+)" Not Found in|ENOENT: no such file or directory, open '(?<file3>[^']+\.(?:ya?ml|json|toml|ini|conf|cfg|properties|env|xml))')/,
    weight: 0.8,
    description:
      'A configuration file the application reads is not there (unmounted ConfigMap, wrong mountPath).',
    examples: [
      {
        line: "FileNotFoundError: [Errno 2] No such file or directory: '/etc/app/config.yaml'",
        extracts: { file: '/etc/app/config.yaml' },
      },
      { line: 'failed to load config: open /config/settings.json: no such file or directory' },
      {
        line: 'Config File "config" Not Found in "[/app /etc/app]"',
        extracts: { file: 'config' },
      },
    ],
  },
  {
    id: 'rails-secret-key-base',
    env: 'SECRET_KEY_BASE',
    runtime: 'rails',
    category: 'missing-config',
    subcategory: 'missing-setting',
    keywords: ['Missing `secret_key_base`'],
    pattern: /Missing `(?<key>secret_key_base)` for '(?<detail>\w{1,40})' environment/,
    weight: 0.85,
    description:
      'Rails has no secret_key_base in production: SECRET_KEY_BASE is unset and no credentials provide it.',
    examples: [
      {
        line: "ArgumentError: Missing `secret_key_base` for 'production' environment, set this string with `bin/rails credentials:edit` (ArgumentError)",
        extracts: { key: 'secret_key_base', detail: 'production' },
      },
    ],
  },
  {
    id: 'rails-master-key',
    runtime: 'rails',
    category: 'missing-config',
    subcategory: 'missing-env',
    keywords: ['Missing encryption key to decrypt'],
    pattern:
      /Missing encryption key to decrypt (?:file|secrets) with\.[^\n]{0,300}?ENV\[["'](?<env>RAILS_MASTER_KEY)["']\]/,
    weight: 0.85,
    description:
      'Rails cannot decrypt its credentials: neither config/master.key nor RAILS_MASTER_KEY is there.',
    examples: [
      {
        line: "ActiveSupport::EncryptedFile::MissingKeyError: Missing encryption key to decrypt file with. Ask your team for your master key and write it to /rails/config/master.key or put it in the ENV['RAILS_MASTER_KEY'].",
        extracts: { env: 'RAILS_MASTER_KEY' },
      },
    ],
  },
  {
    id: 'laravel-app-key-missing',
    env: 'APP_KEY',
    runtime: 'php',
    category: 'missing-config',
    subcategory: 'missing-setting',
    keywords: ['No application encryption key has been specified'],
    pattern: /No (?<key>application encryption key) has been specified/,
    weight: 0.85,
    description: 'Laravel has no APP_KEY (MissingAppKeyException).',
    examples: [
      {
        line: '[2026-04-21 06:14:09] production.ERROR: No application encryption key has been specified. {"exception":"[object] (Illuminate\\\\Encryption\\\\MissingAppKeyException(code: 0): No application encryption key has been specified. at /var/www/html/vendor/laravel/framework/src/Illuminate/Encryption/EncryptionServiceProvider.php:83)',
        extracts: { key: 'application encryption key' },
      },
    ],
  },
  {
    id: 'spring-datasource-url-missing',
    env: 'SPRING_DATASOURCE_URL',
    runtime: 'spring',
    category: 'missing-config',
    subcategory: 'missing-setting',
    keywords: ['Failed to configure a DataSource'],
    pattern: /Failed to configure a DataSource: '(?<key>url)' attribute is not specified/,
    weight: 0.8,
    description:
      'Spring Boot has no spring.datasource.url (SPRING_DATASOURCE_URL unset, or the profile that sets it is not active).',
    examples: [
      {
        line: "Failed to configure a DataSource: 'url' attribute is not specified and no embedded datasource could be configured.",
        extracts: { key: 'url' },
      },
    ],
  },
  {
    id: 'spring-required-key',
    runtime: 'spring',
    category: 'missing-config',
    subcategory: 'missing-setting',
    keywords: ["Required key '"],
    pattern: /Required key '(?<key>[^']{1,120})' not found/,
    weight: 0.8,
    description: 'Environment.getRequiredProperty(): the property is in no property source.',
    examples: [
      {
        line: "java.lang.IllegalStateException: Required key 'payments.gateway.api-key' not found",
        extracts: { key: 'payments.gateway.api-key' },
      },
    ],
  },
  {
    id: 'dotnet-required-config',
    runtime: 'dotnet',
    category: 'missing-config',
    subcategory: 'missing-setting',
    keywords: [
      "(Parameter 'connectionString')",
      'Parameter name: connectionString',
      'ConnectionString property has not been initialized',
      'not found in configuration',
      'OptionsValidationException',
    ],
    pattern:
      /(?:Value cannot be null\. \(Parameter '(?<key>connectionString)'\)|Parameter name: (?<key2>connectionString)|The (?<key3>ConnectionString) property has not been initialized|Section '(?<key4>[^']{1,120})' not found in configuration|OptionsValidationException: [^\n]{0,300}?The (?<key5>\w{1,80}) field is required)/,
    weight: 0.8,
    description:
      '.NET configuration: a connection string, a required section or a validated option is absent (ConnectionStrings__X, Section__Key env vars).',
    examples: [
      {
        line: "System.ArgumentNullException: Value cannot be null. (Parameter 'connectionString')",
        extracts: { key: 'connectionString' },
      },
      {
        line: "System.InvalidOperationException: Section 'Jwt' not found in configuration.",
        extracts: { key: 'Jwt' },
      },
      {
        line: "Microsoft.Extensions.Options.OptionsValidationException: DataAnnotation validation failed for 'SmtpOptions' members: 'Host' with the error: 'The Host field is required.'.",
        extracts: { key: 'Host' },
      },
    ],
  },
  {
    id: 'django-setting-empty',
    runtime: 'django',
    category: 'missing-config',
    subcategory: 'missing-setting',
    keywords: ['setting must not be empty'],
    pattern: /The (?<key>[A-Z][A-Z0-9_]{1,80}) setting must not be empty/,
    weight: 0.85,
    description:
      'Django refuses to start without the setting (SECRET_KEY read from an unset env var).',
    examples: [
      {
        line: 'django.core.exceptions.ImproperlyConfigured: The SECRET_KEY setting must not be empty.',
        extracts: { key: 'SECRET_KEY' },
      },
    ],
  },
  {
    id: 'python-decouple-undefined',
    runtime: 'python',
    category: 'missing-config',
    subcategory: 'missing-env',
    keywords: ['Declare it as envvar'],
    pattern:
      /UndefinedValueError: (?:(?<env>[A-Z_][A-Z0-9_]{1,80})|(?<key>[A-Za-z_][\w.]{0,80})) not found\. Declare it as envvar/,
    weight: 0.85,
    description: 'python-decouple found the setting neither in the environment nor in a .env file.',
    examples: [
      {
        line: 'decouple.UndefinedValueError: SECRET_KEY not found. Declare it as envvar or define a default value.',
        extracts: { env: 'SECRET_KEY' },
      },
    ],
  },
  {
    id: 'node-env-schema-missing',
    runtime: 'node',
    category: 'missing-config',
    subcategory: 'missing-env',
    keywords: ['Invalid environment variables'],
    pattern:
      /Invalid environment variables: \{ (?<env>[A-Z_][A-Z0-9_]{1,80}): \[ '(?:Required|Invalid input: expected string, received undefined)' \]/,
    weight: 0.8,
    description: 'A zod-validated env schema (t3-env, @t3-oss/env) rejects a missing variable.',
    examples: [
      {
        line: "❌ Invalid environment variables: { DATABASE_URL: [ 'Required' ] }",
        extracts: { env: 'DATABASE_URL' },
      },
    ],
    counterExamples: ["❌ Invalid environment variables: { DATABASE_URL: [ 'Invalid url' ] }"],
  },
  {
    id: 'jwt-secret-missing',
    runtime: 'node',
    category: 'missing-config',
    subcategory: 'missing-setting',
    keywords: ['secretOrPrivateKey must have a value'],
    pattern: /(?<key>secretOrPrivateKey) must have a value/,
    weight: 0.6,
    description:
      'jsonwebtoken was given no signing secret (the env var behind it, e.g. JWT_SECRET, is unset).',
    examples: [
      {
        line: 'Error: secretOrPrivateKey must have a value',
        extracts: { key: 'secretOrPrivateKey' },
      },
    ],
  },
  {
    id: 'config-parse-error',
    runtime: 'generic',
    category: 'invalid-config',
    subcategory: 'parse',
    keywords: [
      'yaml: ',
      'mapping values are not allowed',
      'cannot unmarshal',
      'Unexpected token',
      'JSONDecodeError',
      'invalid character',
      'toml:',
      'ParserError',
      'ScannerError',
      'while parsing',
      'unmarshal errors',
      ' not found in type',
    ],
    pattern:
      /(?:yaml: line \d+: [^\n]{1,200}|yaml: unmarshal errors:(?:(?:\\n|\s){1,4}line \d+: field (?<key2>[\w-]{1,80}) not found in type)?[^\n]{0,200}|field (?<key>[\w-]{1,80}) not found in type [\w.*[\]]{1,120}|mapping values are not allowed in this context|json: cannot unmarshal [^\n]{1,200}|Unexpected token [^\n]{1,40} in JSON|JSONDecodeError: [^\n]{1,200}|invalid character '[^']{1,4}' (?:looking for|after|in)[^\n]{0,120}|toml: [^\n]{1,200}|yaml\.(?:parser|scanner)\.(?:ParserError|ScannerError)[^\n]{0,200}|while parsing a (?:block|flow) (?:mapping|sequence))/,
    weight: 0.8,
    description: 'A configuration file or value does not parse (YAML, JSON, TOML).',
    examples: [
      {
        line: 'error converting YAML to JSON: yaml: line 7: mapping values are not allowed in this context',
      },
      { line: 'json: cannot unmarshal string into Go struct field Config.port of type int' },
      { line: 'SyntaxError: Unexpected token } in JSON at position 112' },
      {
        line: 'level=error ts=2019-07-19T14:15:12.413377984Z caller=main.go:45 msg="error creating promtail" error="yaml: unmarshal errors:\\n  line 14: field pipeline_stages not found in type scrape.plain"',
        extracts: { key: 'pipeline_stages' },
      },
    ],
  },
  {
    id: 'bad-flag',
    runtime: 'generic',
    category: 'invalid-config',
    subcategory: 'flag',
    keywords: [
      'flag provided but not defined',
      'unknown flag',
      'unknown option',
      'unrecognized option',
      'unrecognised option',
      'unrecognized arguments',
      'invalid value',
      'Unknown option',
      'unknown shorthand flag',
    ],
    pattern:
      /(?:flag provided but not defined: (?<flag>-{1,2}[\w.-]+)|unknown (?:shorthand )?flag:? '?(?<flag2>-{1,2}[\w.-]+)|[Uu]nknown option '?(?<flag3>-{1,2}[\w.-]+)|unrecogni[sz]ed option '?(?<flag4>-{1,2}[\w.-]+)|unrecognized arguments: (?<flag5>[^\n]{1,120})|invalid value "(?<detail>[^"]{0,120})" for flag (?<flag6>-{1,2}[\w-]+))/,
    weight: 0.85,
    description:
      'The program rejects a command-line flag or its value (often a flag renamed in a new version).',
    examples: [
      { line: 'flag provided but not defined: -listen-addr', extracts: { flag: '-listen-addr' } },
      {
        line: 'flag provided but not defined: -kafka.brokers',
        extracts: { flag: '-kafka.brokers' },
      },
      { line: 'Error: unknown flag: --metrics-port' },
      { line: 'main.py: error: unrecognized arguments: --workers 4' },
      {
        // mongod 4.2 removed the MMAPv1 options.
        line: "Error parsing command line: unrecognised option '--smallfiles'",
        extracts: { flag: '--smallfiles' },
      },
    ],
  },
  {
    id: 'invalid-url',
    runtime: 'generic',
    category: 'invalid-config',
    subcategory: 'url',
    keywords: [
      'Invalid URL',
      'ERR_INVALID_URL',
      'invalid URI',
      'missing protocol scheme',
      'Invalid connection string',
      'invalid port',
      'Invalid DSN',
      'invalid DSN',
      'first path segment in URL cannot contain colon',
    ],
    pattern:
      /(?:TypeError \[ERR_INVALID_URL\]: Invalid URL|Invalid URL|invalid URI for request|missing protocol scheme|Invalid connection string|invalid port "[^"]{0,40}" after host|[Ii]nvalid DSN[^\n]{0,120}|first path segment in URL cannot contain colon)/,
    weight: 0.8,
    description: 'A URL or connection string in the configuration is malformed.',
    examples: [
      { line: 'TypeError [ERR_INVALID_URL]: Invalid URL' },
      { line: 'parse "postgres//db:5432": missing protocol scheme' },
      { line: 'parse "redis://redis:63 79": invalid port ":63 79" after host' },
    ],
  },
  {
    id: 'invalid-number',
    runtime: 'generic',
    category: 'invalid-config',
    subcategory: 'value',
    keywords: [
      'invalid literal for int()',
      'NumberFormatException',
      'strconv.Atoi',
      'strconv.ParseInt',
      'invalid syntax',
    ],
    pattern:
      /(?:invalid literal for int\(\) with base 10: '(?<detail>[^']{0,80})'|NumberFormatException: For input string: "(?<detail2>[^"]{0,80})"|strconv\.(?:Atoi|ParseInt|ParseBool|ParseFloat): parsing "(?<detail3>[^"]{0,80})": invalid syntax)/,
    weight: 0.75,
    description:
      'A setting that must be a number (or boolean) holds something else, e.g. a port set to `tcp://10.0.0.1:6379`.',
    examples: [
      {
        line: "ValueError: invalid literal for int() with base 10: 'tcp://10.96.14.3:6379'",
        extracts: { detail: 'tcp://10.96.14.3:6379' },
      },
      { line: 'java.lang.NumberFormatException: For input string: "tcp://10.0.0.4:8080"' },
    ],
  },
  {
    id: 'port-in-use',
    runtime: 'generic',
    category: 'invalid-config',
    subcategory: 'port-in-use',
    keywords: [
      'Address already in use',
      'address already in use',
      'Address in use',
      'EADDRINUSE',
      'was already in use',
    ],
    pattern:
      /(?:bind\(\) to (?<host>[^\s:]*|\[[^\]]*\]):(?<port>\d{1,5}) failed \(98: Address (?:already )?in use\)|listen EADDRINUSE: address already in use (?:\S*?:)?(?<port2>\d{1,5})\b|listen tcp (?<host2>\S*?):(?<port3>\d{1,5}): bind: address already in use|Port (?<port4>\d{1,5}) (?:was|is) already in use|(?:BindException|OSError|socket\.error|Errno 98)\]?:? \[?(?:Errno 98\] )?Address already in use)/,
    weight: 0.8,
    description:
      'The port the app listens on is taken inside the pod: containers share one network namespace, so another container (or a second process, or hostNetwork) already binds it.',
    examples: [
      {
        line: '2024/01/10 09:00:00 [emerg] 1#1: bind() to 0.0.0.0:80 failed (98: Address already in use)',
        extracts: { host: '0.0.0.0', port: '80' },
      },
      {
        line: 'Error: listen EADDRINUSE: address already in use :::3000',
        extracts: { port: '3000' },
      },
      {
        line: 'listen tcp :8080: bind: address already in use',
        extracts: { port: '8080' },
      },
      {
        line: 'Web server failed to start. Port 8080 was already in use.',
        extracts: { port: '8080' },
      },
      { line: 'java.net.BindException: Address already in use' },
      { line: 'OSError: [Errno 98] Address already in use' },
    ],
    counterExamples: ['nginx: [emerg] bind() to 0.0.0.0:80 failed (13: Permission denied)'],
  },
  {
    id: 'nginx-emerg-config',
    runtime: 'nginx',
    category: 'invalid-config',
    subcategory: 'server-config',
    keywords: ['[emerg]'],
    pattern:
      /\[emerg\] (?!.*Permission denied)(?!.*failed \(\d+: )(?!bind\(\))(?!(?:\d+#\d+: )?still could not bind)(?!\d+#\d+: host not found in upstream)(?!host not found in upstream)(?<detail>[^\n]{1,200}?)(?: in (?<file>\/[^\s:]+):(?<code>\d+))?$/,
    weight: 0.75,
    description: 'nginx refuses its configuration (unknown directive, host not found in upstream).',
    examples: [
      {
        line: 'nginx: [emerg] unknown directive "proxy_passs" in /etc/nginx/conf.d/default.conf:14',
        extracts: { file: '/etc/nginx/conf.d/default.conf' },
      },
      {
        // The resolver's own name is configuration (an upstream's name is a dependency).
        line: 'nginx: [emerg] host not found in resolver "kube-dns.kube-system.svc.cluster.local" in /etc/nginx/nginx.conf:25',
        extracts: { file: '/etc/nginx/nginx.conf' },
      },
    ],
    counterExamples: [
      '2026/03/01 10:00:00 [emerg] 1#1: host not found in upstream "api:8080" in /etc/nginx/conf.d/app.conf:3',
      '2026/05/26 12:04:31 [emerg] 1#1: mkdir() "/var/cache/nginx/client_temp" failed (30: Read-only file system)',
      '2026/06/03 14:22:51 [emerg] 1#1: chown("/var/cache/nginx/client_temp", 101) failed (1: Operation not permitted)',
    ],
  },
  {
    id: 'spring-bind-failed',
    runtime: 'spring',
    category: 'invalid-config',
    subcategory: 'value',
    keywords: ['Failed to bind properties under'],
    pattern:
      /Failed to bind properties under '(?<key>[^']{1,160})' to (?<detail>[\w.$<>, ]{1,160})/,
    weight: 0.85,
    description:
      'Spring Boot cannot convert a property to its type (a port that is not a number, a bad duration or enum); the "Origin:" line names the env var.',
    examples: [
      {
        line: "Failed to bind properties under 'server.port' to java.lang.Integer:",
        extracts: { key: 'server.port', detail: 'java.lang.Integer' },
      },
    ],
  },
  {
    id: 'spring-bind-origin-env',
    runtime: 'spring',
    category: 'invalid-config',
    subcategory: 'value',
    keywords: ['Origin: System Environment Property'],
    pattern: /Origin: System Environment Property "(?<env>[A-Za-z_][\w.]{0,120})"/,
    weight: 0.5,
    description:
      'The "Origin:" line of a Spring binding failure: the value came from this environment variable.',
    examples: [
      {
        line: '    Origin: System Environment Property "SERVER_PORT"',
        extracts: { env: 'SERVER_PORT' },
      },
    ],
  },
  {
    id: 'dotnet-config-convert',
    runtime: 'dotnet',
    category: 'invalid-config',
    subcategory: 'value',
    keywords: ['Failed to convert configuration value at'],
    pattern:
      /Failed to convert configuration value at '(?<key>[^']{1,160})' to type '(?<detail>[^']{1,160})'/,
    weight: 0.85,
    description:
      '.NET configuration binding cannot convert a setting (from appsettings or an env var such as Section__Key) to its type.',
    examples: [
      {
        line: "System.InvalidOperationException: Failed to convert configuration value at 'Broker:Port' to type 'System.Int32'.",
        extracts: { key: 'Broker:Port', detail: 'System.Int32' },
      },
    ],
  },
  {
    id: 'dotnet-uri-format',
    runtime: 'dotnet',
    category: 'invalid-config',
    subcategory: 'url',
    keywords: ['UriFormatException'],
    pattern: /System\.UriFormatException: (?<detail>Invalid URI: [^\n]{1,160})/,
    weight: 0.75,
    description: 'A URL setting is not a valid URI (.NET).',
    examples: [
      {
        line: 'System.UriFormatException: Invalid URI: The format of the URI could not be determined.',
        extracts: { detail: 'Invalid URI: The format of the URI could not be determined.' },
      },
    ],
  },
  {
    id: 'rails-yaml-syntax',
    runtime: 'ruby',
    category: 'invalid-config',
    subcategory: 'parse',
    keywords: ['YAML syntax error occurred while parsing', 'Psych::SyntaxError'],
    pattern:
      /(?:YAML syntax error occurred while parsing (?<file>\S{1,200}?)\.? Please note|Psych::SyntaxError: \((?<file2>[^)]{1,200})\): (?<detail>[^\n]{1,200}))/,
    weight: 0.85,
    description:
      'Rails (or another Ruby app) cannot parse a YAML config file such as config/database.yml.',
    examples: [
      {
        line: 'YAML syntax error occurred while parsing /app/config/database.yml. Please note that YAML must be consistently indented using spaces. Tabs are not allowed. Error: (<unknown>): did not find expected key while parsing a block mapping at line 3 column 3 (RuntimeError)',
        extracts: { file: '/app/config/database.yml' },
      },
    ],
  },
  {
    id: 'ruby-bad-uri',
    runtime: 'ruby',
    category: 'invalid-config',
    subcategory: 'url',
    keywords: ['bad URI'],
    pattern: /bad URI ?\(is not URI\?\): "?(?<detail>[^"\n]{0,160})"?/,
    weight: 0.75,
    description: 'A URL setting (DATABASE_URL, REDIS_URL) does not parse as a URI (Ruby).',
    examples: [
      {
        line: 'URI::InvalidURIError: bad URI(is not URI?): "redis//cache:6379/0"',
        extracts: { detail: 'redis//cache:6379/0' },
      },
    ],
  },
  {
    id: 'laravel-app-key-invalid',
    runtime: 'php',
    category: 'invalid-config',
    subcategory: 'value',
    keywords: ['Unsupported cipher or incorrect key length'],
    pattern: /Unsupported cipher or incorrect key length/,
    weight: 0.85,
    description:
      'Laravel\'s APP_KEY is set but not a valid key for the cipher (not "base64:" + 32 bytes).',
    examples: [
      {
        line: 'RuntimeException: Unsupported cipher or incorrect key length. Supported ciphers are: aes-128-cbc, aes-256-cbc, aes-128-gcm, aes-256-gcm.',
      },
    ],
  },
  {
    id: 'go-invalid-duration',
    runtime: 'go',
    category: 'invalid-config',
    subcategory: 'value',
    keywords: ['time: invalid duration'],
    pattern: /time: invalid duration "?(?<detail>[^"\s]{0,80})"?/,
    weight: 0.75,
    description: 'A duration setting is not a Go duration (`30` instead of `30s`).',
    examples: [
      {
        line: 'failed to load config: invalid SHUTDOWN_TIMEOUT: time: invalid duration "30"',
        extracts: { detail: '30' },
      },
    ],
  },
  {
    id: 'go-listen-bad-address',
    runtime: 'go',
    category: 'invalid-config',
    subcategory: 'value',
    keywords: ['too many colons in address', 'missing port in address', 'unknown port'],
    pattern:
      /listen tcp: address (?<detail>\S{1,160}): (?:too many colons in address|missing port in address|unknown port)/,
    weight: 0.8,
    description:
      'A listen address setting is malformed (a URL or a service-link value where host:port is expected).',
    examples: [
      {
        line: 'listen tcp: address tcp://10.96.12.7:8080: too many colons in address',
        extracts: { detail: 'tcp://10.96.12.7:8080' },
      },
    ],
  },
  {
    id: 'pflag-invalid-argument',
    runtime: 'go',
    category: 'invalid-config',
    subcategory: 'flag',
    keywords: ['invalid argument "'],
    pattern: /invalid argument "(?<detail>[^"]{0,160})" for "(?<flag>[^"]{1,60})" flag/,
    weight: 0.85,
    description: 'A command-line flag (cobra/pflag) has a value of the wrong type.',
    examples: [
      {
        line: 'Error: invalid argument "tcp://10.0.0.9:9090" for "--metrics-port" flag: strconv.ParseInt: parsing "tcp://10.0.0.9:9090": invalid syntax',
        extracts: { detail: 'tcp://10.0.0.9:9090', flag: '--metrics-port' },
      },
    ],
  },
  {
    id: 'click-invalid-value',
    runtime: 'python',
    category: 'invalid-config',
    subcategory: 'value',
    keywords: ['Invalid value for'],
    pattern:
      /Invalid value for '(?<flag>-{1,2}[\w-]{1,60})': '(?<detail>[^'\n]{0,160})' is not a valid (?:integer|float|boolean|choice|port)/,
    weight: 0.85,
    description: 'A click-based CLI (uvicorn, celery, flask) rejects an option value.',
    examples: [
      {
        line: "Error: Invalid value for '--port': 'tcp://10.43.0.1:8000' is not a valid integer.",
        extracts: { flag: '--port', detail: 'tcp://10.43.0.1:8000' },
      },
    ],
  },
  {
    id: 'node-bad-port',
    runtime: 'node',
    category: 'invalid-config',
    subcategory: 'value',
    keywords: ['ERR_SOCKET_BAD_PORT'],
    pattern:
      /ERR_SOCKET_BAD_PORT\]?:? (?:options\.port|Port) should be >= 0 and < 65536\. Received (?<detail>[^\n]{1,160})/,
    weight: 0.8,
    description:
      'Node.js was given a port that is not a number (often a `tcp://` service-link value).',
    examples: [
      {
        line: "RangeError [ERR_SOCKET_BAD_PORT]: options.port should be >= 0 and < 65536. Received type string ('tcp://10.100.7.41:3000').",
        extracts: { detail: "type string ('tcp://10.100.7.41:3000')." },
      },
    ],
  },
  {
    id: 'python-url-port',
    runtime: 'python',
    category: 'invalid-config',
    subcategory: 'url',
    keywords: [
      'Port could not be cast to integer value',
      'Redis URL must specify',
      'Could not parse SQLAlchemy URL',
    ],
    pattern:
      /(?:Port could not be cast to integer value as '(?<detail>[^'\n]{0,160})'|Redis URL must specify one of the following schemes|Could not parse SQLAlchemy URL from (?:string '(?<detail2>[^'\n]{0,160})'|given URL string))/,
    weight: 0.8,
    description:
      'A URL setting (REDIS_URL, DATABASE_URL) is malformed: no scheme, or a port that is not a number.',
    examples: [
      {
        line: "ValueError: Port could not be cast to integer value as 'p@ss'",
        extracts: { detail: 'p@ss' },
      },
      {
        line: 'ValueError: Redis URL must specify one of the following schemes (redis://, rediss://, unix://)',
      },
    ],
  },
  {
    id: 'jdbc-url-rejected',
    runtime: 'java',
    category: 'invalid-config',
    subcategory: 'url',
    keywords: ['claims to not accept jdbcUrl'],
    pattern: /Driver (?<detail>[\w.$]{1,120}) claims to not accept jdbcUrl, (?<url>\S{0,300})/,
    weight: 0.85,
    description:
      'The JDBC URL is not one the driver accepts (a `postgres://` URL where `jdbc:postgresql://` is needed, an unexpanded ${VAR}).',
    examples: [
      {
        line: 'java.lang.RuntimeException: Driver org.postgresql.Driver claims to not accept jdbcUrl, postgres://orders@db.data.svc:5432/orders',
        extracts: {
          detail: 'org.postgresql.Driver',
          url: 'postgres://orders@db.data.svc:5432/orders',
        },
      },
    ],
  },
  {
    id: 'prisma-datasource-url',
    runtime: 'node',
    category: 'invalid-config',
    subcategory: 'url',
    keywords: ['the URL must start with the protocol'],
    pattern:
      /(?:Error validating datasource `(?<key>\w{1,60})`: )?the URL must start with the protocol (?<detail>[^\n]{1,120})/,
    weight: 0.85,
    description:
      "Prisma rejects DATABASE_URL: it has no scheme, the wrong scheme for the schema's provider, or a pasted `DATABASE_URL=` prefix.",
    examples: [
      {
        line: 'Error: P1012 error: Error validating datasource `db`: the URL must start with the protocol `postgresql://` or `postgres://`.',
        extracts: { key: 'db', detail: '`postgresql://` or `postgres://`.' },
      },
    ],
  },
  {
    id: 'server-config-load-failed',
    runtime: 'generic',
    category: 'invalid-config',
    subcategory: 'parse',
    // Not 'Error loading…': a keyword starting where 'Error' starts would hide python-traceback-error.
    keywords: ['rror loading config', "couldn't load configuration"],
    pattern:
      /(?:[Ee]rror loading config(?:uration)?(?: file| from)?|couldn't load configuration)(?![^\n]{0,300}(?:[Nn]o such file|ENOENT|file not found|[Pp]ermission denied))(?:[^\n]{0,300}?\berr(?:or)?="(?<detail>[^"\n]{1,300})|(?<detail2>[^\n]{0,300}))/,
    weight: 0.8,
    description:
      'A server refuses its configuration file at start-up (Prometheus, Alertmanager, Loki, Thanos and other Go servers): the rest of the line says which value.',
    examples: [
      {
        line: 'ts=2023-05-20T06:35:18.408Z caller=main.go:468 level=error msg="Error loading config (--config.file=/etc/prometheus/config_out/prometheus.env.yaml)" file=/etc/prometheus/config_out/prometheus.env.yaml err="parsing YAML file /etc/prometheus/config_out/prometheus.env.yaml: empty duration string"',
        extracts: {
          detail:
            'parsing YAML file /etc/prometheus/config_out/prometheus.env.yaml: empty duration string',
        },
      },
      {
        line: 'level=error ts=2019-07-06T11:04:21.584749093Z caller=main.go:624 err="error loading config from \\"/etc/prometheus/config_out/prometheus.env.yaml\\": couldn\'t load configuration (--config.file=\\"/etc/prometheus/config_out/prometheus.env.yaml\\"): parsing YAML file /etc/prometheus/config_out/prometheus.env.yaml: yaml: unmarshal errors:\\n  line 661: field honor_timestamps not found in type config.plain"',
      },
    ],
    counterExamples: [
      // The file is absent: missing-config.
      'level=error msg="Error loading config file /etc/alertmanager/alertmanager.yml: open /etc/alertmanager/alertmanager.yml: no such file or directory"',
    ],
  },
  {
    id: 'unknown-setting',
    runtime: 'generic',
    category: 'invalid-config',
    subcategory: 'unknown-setting',
    keywords: [
      'unknown setting [',
      'unrecognized configuration parameter',
      'unknown variable',
      'Unrecognized sentinel configuration statement',
    ],
    pattern:
      /(?:unknown setting \[(?<key>[^\]\s]{1,120})\]|unrecognized configuration parameter "(?<key2>[^"]{1,120})"|\] unknown variable '(?<key3>[^'=]{1,120})(?:=[^']{0,120})?'|Unrecognized sentinel configuration statement)/,
    weight: 0.85,
    description:
      'The server does not know a setting of its configuration (removed or renamed in this version, a typo, or a plugin that is not installed): Elasticsearch, PostgreSQL, MySQL, Redis Sentinel.',
    examples: [
      {
        line: 'org.elasticsearch.bootstrap.StartupException: java.lang.IllegalArgumentException: unknown setting [default.path.logs] please check that any required plugins are installed, or check the breaking changes documentation for removed settings',
        extracts: { key: 'default.path.logs' },
      },
      {
        line: '2024-02-01 10:00:01.123 UTC [1] FATAL:  unrecognized configuration parameter "wal_keep_segments" in file "/etc/postgresql/postgresql.conf" line 12',
        extracts: { key: 'wal_keep_segments' },
      },
      {
        line: "2024-02-01T10:00:01.123456Z 0 [ERROR] [MY-000067] [Server] unknown variable 'query_cache_size=0'.",
        extracts: { key: 'query_cache_size' },
      },
    ],
  },
  {
    id: 'redis-config-file-error',
    runtime: 'redis',
    category: 'invalid-config',
    subcategory: 'server-config',
    keywords: ['FATAL CONFIG FILE ERROR', 'Bad directive or wrong number of arguments'],
    pattern:
      /(?:\*\*\* FATAL CONFIG FILE ERROR(?: \((?<detail>Redis [\d.]{1,20})\))? \*\*\*|Bad directive or wrong number of arguments)/,
    weight: 0.85,
    description:
      'Redis refuses its redis.conf: the next lines name the line number and the directive (often one from a newer Redis release, or arguments on the wrong line).',
    examples: [
      {
        line: '*** FATAL CONFIG FILE ERROR (Redis 6.2.6) ***',
        extracts: { detail: 'Redis 6.2.6' },
      },
      { line: 'Bad directive or wrong number of arguments' },
    ],
  },
];
