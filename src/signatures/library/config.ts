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
      /(?:^|[\s'"`(])(?<key>[A-Za-z_][\w.:-]{1,80})['"`]? (?:is not configured|is not set|is not defined|is required|must be set|must be provided|is missing|not provided)/,
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
    ],
    pattern:
      /(?:[Mm]issing (?:required )?(?:environment variable|env var)s?:? ['"`]?(?<env>[A-Z_][A-Z0-9_]{1,80})|(?:[Ee]nvironment variable|env var) ['"`]?(?<env2>[A-Z_][A-Z0-9_]{1,80})['"`]? (?:is )?(?:not set|missing|required|undefined|not defined)|required key (?<env3>[A-Z_][A-Z0-9_]{1,80}) missing value|KeyError: '(?<env4>[A-Z_][A-Z0-9_]{1,80})'|ImproperlyConfigured: Set the (?<env5>[A-Z_][A-Z0-9_]{1,80}) environment variable)/,
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
      { line: "KeyError: 'DATABASE_URL'" },
      {
        line: 'django.core.exceptions.ImproperlyConfigured: Set the SECRET_KEY environment variable',
      },
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
      /(?:\[Errno 2\] No such file or directory: '(?<file>[^']+\.(?:ya?ml|json|toml|ini|conf|cfg|properties|env|xml))'|open (?<file2>\S+\.(?:ya?ml|json|toml|ini|conf|cfg|properties|env|xml)): no such file or directory|Config File "(?<key>[^"]+)" Not Found in|ENOENT: no such file or directory, open '(?<file3>[^']+\.(?:ya?ml|json|toml|ini|conf|cfg|properties|env|xml))')/,
    weight: 0.8,
    description:
      'A configuration file the application reads is not there (unmounted ConfigMap, wrong mountPath).',
    examples: [
      {
        line: "FileNotFoundError: [Errno 2] No such file or directory: '/etc/app/config.yaml'",
        extracts: { file: '/etc/app/config.yaml' },
      },
      { line: 'failed to load config: open /config/settings.json: no such file or directory' },
      { line: 'Config File "config" Not Found in "[/app /etc/app]"' },
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
    ],
    pattern:
      /(?:yaml: line \d+: [^\n]{1,200}|mapping values are not allowed in this context|json: cannot unmarshal [^\n]{1,200}|Unexpected token [^\n]{1,40} in JSON|JSONDecodeError: [^\n]{1,200}|invalid character '[^']{1,4}' (?:looking for|after|in)[^\n]{0,120}|toml: [^\n]{1,200}|yaml\.(?:parser|scanner)\.(?:ParserError|ScannerError)[^\n]{0,200}|while parsing a (?:block|flow) (?:mapping|sequence))/,
    weight: 0.8,
    description: 'A configuration file or value does not parse (YAML, JSON, TOML).',
    examples: [
      {
        line: 'error converting YAML to JSON: yaml: line 7: mapping values are not allowed in this context',
      },
      { line: 'json: cannot unmarshal string into Go struct field Config.port of type int' },
      { line: 'SyntaxError: Unexpected token } in JSON at position 112' },
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
      'unrecognized arguments',
      'invalid value',
      'Unknown option',
      'unknown shorthand flag',
    ],
    pattern:
      /(?:flag provided but not defined: (?<flag>-{1,2}[\w-]+)|unknown (?:shorthand )?flag:? '?(?<flag2>-{1,2}[\w-]+)|[Uu]nknown option '?(?<flag3>-{1,2}[\w-]+)|unrecognized option '?(?<flag4>-{1,2}[\w-]+)|unrecognized arguments: (?<flag5>[^\n]{1,120})|invalid value "(?<detail>[^"]{0,120})" for flag (?<flag6>-{1,2}[\w-]+))/,
    weight: 0.85,
    description:
      'The program rejects a command-line flag or its value (often a flag renamed in a new version).',
    examples: [
      { line: 'flag provided but not defined: -listen-addr', extracts: { flag: '-listen-addr' } },
      { line: 'Error: unknown flag: --metrics-port' },
      { line: 'main.py: error: unrecognized arguments: --workers 4' },
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
    id: 'nginx-emerg-config',
    runtime: 'nginx',
    category: 'invalid-config',
    subcategory: 'server-config',
    keywords: ['[emerg]'],
    pattern:
      /\[emerg\] (?!.*Permission denied)(?!bind\(\))(?<detail>[^\n]{1,200}?)(?: in (?<file>\/[^\s:]+):(?<code>\d+))?$/,
    weight: 0.75,
    description: 'nginx refuses its configuration (unknown directive, host not found in upstream).',
    examples: [
      {
        line: 'nginx: [emerg] unknown directive "proxy_passs" in /etc/nginx/conf.d/default.conf:14',
        extracts: { file: '/etc/nginx/conf.d/default.conf' },
      },
      {
        line: '2026/03/01 10:00:00 [emerg] 1#1: host not found in upstream "api:8080" in /etc/nginx/conf.d/app.conf:3',
      },
    ],
  },
];
