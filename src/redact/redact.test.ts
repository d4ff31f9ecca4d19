/**
 * Tests for secret redaction: a table of (input, expected) pairs for every masking rule and every
 * "must stay readable" case, idempotence and robustness properties, adversarial input sizes,
 * and redactDeep's copy semantics.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED, redactDeep, redactText, secretKeyStrength } from './redact.js';

const R = REDACTED;

const MASKED: [string, string][] = [
  // Passwords in URLs and DSNs.
  ['postgres://user:secret@db:5432/app', `postgres://user:${R}@db:5432/app`],
  [
    'DATABASE_URL=postgresql://app:S3cr3t!@pg.prod.svc:5432/orders?sslmode=require',
    `DATABASE_URL=postgresql://app:${R}@pg.prod.svc:5432/orders?sslmode=require`,
  ],
  ['redis://:secret@host:6379', `redis://:${R}@host:6379`],
  [
    'rediss://default:p%40ss@cache.example.com:6380/0',
    `rediss://default:${R}@cache.example.com:6380/0`,
  ],
  ['amqp://guest:guest@rabbitmq:5672/', `amqp://guest:${R}@rabbitmq:5672/`],
  [
    'mongodb+srv://admin:p4ss@cluster0.x.mongodb.net/db?retryWrites=true',
    `mongodb+srv://admin:${R}@cluster0.x.mongodb.net/db?retryWrites=true`,
  ],
  ['mysql://root:toor@mysql:3306/shop', `mysql://root:${R}@mysql:3306/shop`],
  [
    'fetching https://bot:ghs_token@github.com/org/repo.git',
    `fetching https://bot:${R}@github.com/org/repo.git`,
  ],
  ['dial "postgres://u:pw@10.0.0.5/db": refused', `dial "postgres://u:${R}@10.0.0.5/db": refused`],
  // Authorization headers and tokens.
  ['Authorization: Bearer abc.def-123456', `Authorization: Bearer ${R}`],
  [
    'curl -H "Authorization: Basic dXNlcjpwYXNz" http://x',
    `curl -H "Authorization: Basic ${R}" http://x`,
  ],
  ['request failed: bearer 9f8e7d6c5b4a39281706 rejected', `request failed: bearer ${R} rejected`],
  [
    '"headers":{"authorization":"Bearer eyJraWQiOiJrMSJ9"}',
    `"headers":{"authorization":"Bearer ${R}"}`,
  ],
  ['GET /api?access_token=abc123XYZ&page=2', `GET /api?access_token=${R}&page=2`],
  ['token=abcdef', `token=${R}`],
  ['X-Api-Key: 8f7e6d5c4b3a', `X-Api-Key: ${R}`],
  ['sending x-api-key: 8f7e6d5c4b3a upstream', `sending x-api-key: ${R} upstream`],
  // JWTs.
  [
    'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U done',
    `jwt ${R} done`,
  ],
  // Cloud and vendor keys.
  ['key AKIAIOSFODNN7EXAMPLE here', `key AKIA${R} here`],
  ['ASIAY34FZKBOKMUTVV7A', `ASIA${R}`],
  ['AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE', `AWS_ACCESS_KEY_ID=${R}`],
  [
    'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    `aws_secret_access_key = ${R}`,
  ],
  [
    'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=abc+def/ghi==;EndpointSuffix=core.windows.net',
    `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${R};EndpointSuffix=core.windows.net`,
  ],
  [
    'Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=abcdEFGH123=',
    `Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=${R}`,
  ],
  [
    'BlobEndpoint=https://x.blob.core.windows.net/;SharedAccessSignature=sv=2021-06-08&ss=b&sig=abcDEF%3D',
    `BlobEndpoint=https://x.blob.core.windows.net/;SharedAccessSignature=${R}`,
  ],
  [
    'GET https://x.blob.core.windows.net/c/b?sv=2021-06-08&se=2026-01-01&sig=abcDEF%3D',
    `GET https://x.blob.core.windows.net/c/b?sv=2021-06-08&se=2026-01-01&sig=${R}`,
  ],
  ['ghp_abcdefghijklmnopqrstuvwxyz0123456789', `ghp_${R}`],
  ['clone with gho_16C7e42F292c6912E7710c838347Ae178B4a', `clone with gho_${R}`],
  ['github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz', `github_pat_${R}`],
  ['slack xoxb-123456789012-abcdefghij', `slack xoxb-${R}`],
  ['sk_live_abcdefghijklmnop1234', `sk_live_${R}`],
  ['key=rk_live_abcdefghijklmnop1234', `key=rk_live_${R}`],
  ['maps key AIzaSyA1234567890abcdefghijklmnopqrstuv', `maps key AIza${R}`],
  // PEM private keys.
  [
    '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA1234567890abcdef\nabcdefABCDEF0123456789+/==\n-----END RSA PRIVATE KEY-----',
    `-----BEGIN RSA PRIVATE KEY-----\n${R}\n-----END RSA PRIVATE KEY-----`,
  ],
  [
    'key: -----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAA -----END OPENSSH PRIVATE KEY----- loaded',
    `key: -----BEGIN OPENSSH PRIVATE KEY----- ${R} -----END OPENSSH PRIVATE KEY----- loaded`,
  ],
  [
    'cut: -----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIIrYSSNQFaA2Hwf1duRSxKtLYX5CB04fSeQ6tF1aY/PuoAoGCCqGSM49\nAwEHoUQDQgAEPR3tU2',
    `cut: -----BEGIN EC PRIVATE KEY-----\n${R}\n`,
  ],
  [
    '{"type":"service_account","private_key_id":"abc123","private_key":"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----\\n","client_email":"x@y.iam.gserviceaccount.com"}',
    `{"type":"service_account","private_key_id":"${R}","private_key":"${R}","client_email":"x@y.iam.gserviceaccount.com"}`,
  ],
  [
    '  tls.key: LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCk1JSUV2UUlCQURBTkJna3Foa2lHOXcwQkFRRUZBQVND',
    `  tls.key: ${R}`,
  ],
  // KEY=value, KEY: value, "key": "value", flags.
  ['DB_PASSWORD=hunter2', `DB_PASSWORD=${R}`],
  ['export DB_PASS_WORD=x PGPASSWORD=y', `export DB_PASS_WORD=${R} PGPASSWORD=${R}`],
  ['API_KEYS=[{"k":"v]"}] next', `API_KEYS=${R} next`],
  ['dbPassword: hunter2', `dbPassword: ${R}`],
  ['Broker__ApiKey=abc123', `Broker__ApiKey=${R}`],
  ['Broker:ApiKey=abc123', `Broker:ApiKey=${R}`],
  ['spring.datasource.password=Pa55', `spring.datasource.password=${R}`],
  ['client-secret: 0a1b2c3d', `client-secret: ${R}`],
  ['CLIENT_SECRET="two words"', `CLIENT_SECRET="${R}"`],
  ["secret_key_base='abc'", `secret_key_base='${R}'`],
  ['SESSION_KEY=deadbeef', `SESSION_KEY=${R}`],
  ['GOOGLE_APPLICATION_CREDENTIALS_JSON={"a":1}', `GOOGLE_APPLICATION_CREDENTIALS_JSON=${R}`],
  ['SENTRY_DSN=abc123', `SENTRY_DSN=${R}`],
  ['AUTH=basic-creds', `AUTH=${R}`],
  ['MYSQL_PWD=root', `MYSQL_PWD=${R}`],
  ['--password=s3cr3t --user=bob', `--password=${R} --user=bob`],
  ['--db-password s3cr3t --user bob', `--db-password ${R} --user bob`],
  ['{"password": "hunter2", "user": "bob"}', `{"password": "${R}", "user": "bob"}`],
  ['{"apiKey":"k-123","pin":1234}', `{"apiKey":"${R}","pin":1234}`],
  ['{"token": 123456}', `{"token": ${R}}`],
  ['{"password":"with \\"quote\\" inside"}', `{"password":"${R}"}`],
  ["{'password': 'hunter2'}", `{'password': '${R}'}`],
  ['TOKEN_TTL=3600', `TOKEN_TTL=${R}`],
  [
    'ConnectionStrings__Default=Server=db;Database=app;User Id=sa;Password=Pa55w0rd;',
    `ConnectionStrings__Default=Server=db;Database=app;User Id=sa;Password=${R};`,
  ],
  ['Server=db;Uid=sa;Pwd=Pa55w0rd;', `Server=db;Uid=sa;Pwd=${R};`],
  ['DB_PASSWORD=***', 'DB_PASSWORD=***'],
  // describe / YAML / JSON shapes.
  [
    '    Environment:\n      DB_PASSWORD:  hunter2 with spaces\n      LOG_LEVEL:    info',
    `    Environment:\n      DB_PASSWORD:  ${R}\n      LOG_LEVEL:    info`,
  ],
  ['Authorization: xyz-raw-token', `Authorization: ${R}`],
  [
    'data:\n  api-key: YWJjMTIz\n  password: aHVudGVyMg==',
    `data:\n  api-key: ${R}\n  password: ${R}`,
  ],
  [
    '- name: DB_PASSWORD\n  value: hunter2\n- name: LOG_LEVEL\n  value: info',
    `- name: DB_PASSWORD\n  value: ${R}\n- name: LOG_LEVEL\n  value: info`,
  ],
  ["- name: API_TOKEN\n  value: 'tok 1'", `- name: API_TOKEN\n  value: '${R}'`],
  [
    '{ "name": "DB_PASSWORD", "value": "hunter2" }, { "name": "X", "value": "y" }',
    `{ "name": "DB_PASSWORD", "value": "${R}" }, { "name": "X", "value": "y" }`,
  ],
  [
    '{\n  "name": "STRIPE_SECRET",\n  "value": "abc"\n}',
    `{\n  "name": "STRIPE_SECRET",\n  "value": "${R}"\n}`,
  ],
];

const UNCHANGED: string[] = [
  'REDIS_URL=redis://user-auth-redis:6379/0',
  'ssh://git@github.com:22/org/repo.git',
  'https://example.com:8443/path?email=a@b.com',
  'Liveness:   http-get http://:8080/healthz delay=10s timeout=1s',
  'http://[::]:8080',
  "      SESSION_SECRET:  <set to the key 'session-secret' in secret 'user-auth-secrets'>  Optional: false",
  "      Broker__ApiKey:   <set to the key 'api-key' in secret 'broker-credentials'>  Optional: false",
  'DB_PASSWORD=<none>',
  'DB_PASSWORD: <unset>',
  'DB_PASSWORD=',
  'DB_PASSWORD: ""',
  '"password": ""',
  'DB_PASSWORD=${DB_PASSWORD}',
  'DB_PASSWORD=$(DB_PASSWORD)',
  'password: "{{ .Values.db.password }}"',
  'Unhandled exception. System.InvalidOperationException: Broker:ApiKey is not configured',
  'missing env var DB_PASSWORD',
  'environment variable "DB_PASSWORD" not set',
  'DB_PASSWORD: must be set',
  'error: API_TOKEN: is required',
  'invalid token: signature is invalid',
  'password: required field',
  'Bearer token missing',
  'Basic authentication failed',
  'upstream user-auth: connection refused',
  'dial tcp user-auth-redis:6379: connect: connection refused',
  '  Normal   Pulled     14m   kubelet  Successfully pulled image "registry.internal/user-auth:3.14.0" in 2.1s',
  'Image:          registry.internal/user-auth:3.14.0',
  'Image ID:       registry.internal/user-auth@sha256:9d2c4e6f8a0b1c3d5e7f9a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1d',
  'Container ID:   containerd://4c1f0e9a7d2b6c8e3f5a1b9d0e7c2a4f6b8d1e3c5a7f9b2d4e6c8a0f1b3d5e7a',
  'redis-mirror-envoy-6c8e0a2b4    177        354c95fd2dd2ca9de2a8801ef7b07b1fe3444826',
  'pod=user-auth-6f8d9b-q2m4x_auth(3f0c2a9e-5b1d-4e7a-9c3f-1d2e4b6a8c0e)',
  'Node: ip-10-0-3-17.ec2.internal/10.0.3.17',
  'Labels:           app=user-auth',
  'SecretName:  user-auth-secrets',
  'secretName: user-auth-secrets',
  '{ "name": "Broker__ApiKey", "valueFrom": { "secretKeyRef": { "name": "broker-credentials", "key": "api-key", "optional": true } } }',
  '"broker-api-key"',
  'api-key:  32 bytes',
  'DB_PASSWORD_FILE=/run/secrets/db',
  '    TokenExpirationSeconds:  3607',
  'AUTH_HOST=auth.svc.cluster.local',
  'PWD=/app',
  'author: Jane Doe',
  'authority=cluster.local',
  "Changes detected in 'redis-mirror-envoy-secret' of type 'SECRET' in namespace 'infra'",
  'MountVolume.SetUp failed for volume "api-token" : secret "api-token" not found',
  'Warning  Failed  kubelet  Error: secret "db-credentials" not found',
  '{"passwordRequired": false, "token": null}',
  'at 2026-03-11T14:33:02.114Z uuid 123e4567-e89b-12d3-a456-426614174000 from 192.168.1.10',
  'eyJhbGciOiJIUzI1NiJ9 alone is not a JWT',
  'DB_PASSWORD=••••',
  `Authorization: Bearer ${R}`,
  'line with ••• dots',
  '',
];

describe('redactText', () => {
  it.each(MASKED)('masks %j', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it.each(UNCHANGED.map((s) => [s]))('leaves %j readable', (input) => {
    expect(redactText(input)).toBe(input);
  });

  it('is idempotent on every table input', () => {
    for (const [input] of MASKED) {
      const once = redactText(input);
      expect(redactText(once)).toBe(once);
    }
  });

  it('masks secrets inside a realistic describe + logs paste', () => {
    const paste = [
      '    Environment:',
      '      REDIS_URL:       redis://:Zx9!pq@cache:6379/0',
      '      JWT_SECRET:      s3cr3t-value',
      "      SESSION_SECRET:  <set to the key 'session-secret' in secret 'user-auth-secrets'>  Optional: false",
      '2026-03-11T14:33:02.117Z info  config loaded token=tok_9f8e7d6c user=svc',
    ].join('\n');
    expect(redactText(paste)).toBe(
      [
        '    Environment:',
        `      REDIS_URL:       redis://:${R}@cache:6379/0`,
        `      JWT_SECRET:      ${R}`,
        "      SESSION_SECRET:  <set to the key 'session-secret' in secret 'user-auth-secrets'>  Optional: false",
        `2026-03-11T14:33:02.117Z info  config loaded token=${R} user=svc`,
      ].join('\n'),
    );
  });

  it('never throws and is idempotent on arbitrary text', () => {
    const fragment = fc.constantFrom(
      'password',
      'PASSWORD',
      'token',
      'Api-Key',
      'auth',
      '=',
      ': ',
      ':',
      '"',
      "'",
      ' ',
      '\n',
      '<',
      '>',
      '${',
      '://',
      '@',
      'Bearer ',
      'Basic ',
      'eyJ',
      '.',
      'AKIA',
      'ghp_',
      '-----BEGIN PRIVATE KEY-----',
      '-----END PRIVATE KEY-----',
      'LS0tLS1CRUdJTi',
      'sig=',
      ';',
      '&',
      '?',
      'name: ',
      'value: ',
      '"name":"',
      '"value":"',
      R,
      '*',
      'abc123',
      'ABCDEFGHIJKLMNOP0123',
    );
    const text = fc.oneof(
      fc.string(),
      fc.array(fragment, { maxLength: 30 }).map((a) => a.join('')),
      fc
        .array(fc.oneof(fragment, fc.string({ maxLength: 4 })), { maxLength: 20 })
        .map((a) => a.join('')),
    );
    fc.assert(
      fc.property(text, (t) => {
        const once = redactText(t);
        expect(typeof once).toBe('string');
        expect(redactText(once)).toBe(once);
      }),
      { numRuns: 3000 },
    );
  });

  it('completes on 1 MB adversarial lines', () => {
    const size = 1024 * 1024;
    const inputs = [
      'a'.repeat(size),
      'a-'.repeat(size / 2),
      'password='.repeat(size / 9),
      'password: '.repeat(size / 10),
      '"password":"'.repeat(size / 12),
      '--token '.repeat(size / 8),
      'eyJ'.repeat(size / 3),
      'eyJaaaaa.'.repeat(size / 9),
      'x://'.repeat(size / 4),
      'a://b:' + 'c'.repeat(size),
      'redis://:'.repeat(size / 9),
      '-----BEGIN PRIVATE KEY-----'.repeat(size / 27),
      '-----BEGIN PRIVATE KEY-----\n' + 'QUJD\n'.repeat(size / 5),
      'LS0tLS1CRUdJTi'.repeat(size / 14),
      'Bearer '.repeat(size / 7),
      'AKIA'.repeat(size / 4),
      'ghp_'.repeat(size / 4),
      'name: DB_PASSWORD\n  value: '.repeat(size / 28),
      '"name":"DB_PASSWORD","value":"'.repeat(size / 30),
      'DB_PASSWORD: <'.repeat(size / 14),
      'k=v;'.repeat(size / 4),
      ' '.repeat(size) + 'password=x',
      '\n'.repeat(size) + 'password: x',
      'sig='.repeat(size / 4),
    ];
    for (const input of inputs) {
      const out = redactText(input);
      expect(typeof out).toBe('string');
    }
  });
});

describe('secretKeyStrength', () => {
  it.each([
    ['DB_PASSWORD', 'strong'],
    ['dbPassword', 'strong'],
    ['Broker__ApiKey', 'strong'],
    ['x-api-key', 'strong'],
    ['aws.secret.access.key', 'strong'],
    ['private_key', 'strong'],
    ['CREDENTIALS', 'strong'],
    ['client_secret', 'strong'],
    ['ConnectionStrings__Default', 'strong'],
    ['SENTRY_DSN', 'weak'],
    ['Authorization', 'weak'],
    ['basic-auth', 'weak'],
    ['PWD', 'weak'],
    ['author', undefined],
    ['authority', undefined],
    ['secretName', undefined],
    ['DB_PASSWORD_FILE', undefined],
    ['LOG_LEVEL', undefined],
    ['REDIS_URL', undefined],
  ])('%s → %s', (key, strength) => {
    expect(secretKeyStrength(key)).toBe(strength);
  });
});

describe('redactDeep', () => {
  it('returns a deep copy with strings redacted and keys untouched', () => {
    const input = {
      kind: 'Log',
      entries: [
        {
          text: 'conn postgres://u:pw@db/app',
          line: 3,
          fields: { password: 'hunter2', level: 'error' },
        },
      ],
      env: [
        { name: 'DB_PASSWORD', value: 'hunter2' },
        { name: 'LOG_LEVEL', value: 'info' },
        { name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'creds', key: 'api-key' } } },
      ],
      data: {
        DB_PASSWORD: '${DB_PASSWORD}',
        token: '',
        SESSION_SECRET: "<set to the key 'x' in secret 'y'>",
      },
      count: 2,
      flag: true,
      none: null,
      when: new Date('2026-03-11T14:33:02Z'),
    };
    const out = redactDeep(input);
    expect(out).toEqual({
      kind: 'Log',
      entries: [
        { text: `conn postgres://u:${R}@db/app`, line: 3, fields: { password: R, level: 'error' } },
      ],
      env: [
        { name: 'DB_PASSWORD', value: R },
        { name: 'LOG_LEVEL', value: 'info' },
        { name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'creds', key: 'api-key' } } },
      ],
      data: {
        DB_PASSWORD: '${DB_PASSWORD}',
        token: '',
        SESSION_SECRET: "<set to the key 'x' in secret 'y'>",
      },
      count: 2,
      flag: true,
      none: null,
      when: new Date('2026-03-11T14:33:02Z'),
    });
    expect(out).not.toBe(input);
    expect(out.entries).not.toBe(input.entries);
    expect(out.when).not.toBe(input.when);
    expect(input.entries[0]?.fields.password).toBe('hunter2');
  });

  it('handles primitives, cycles and __proto__ keys', () => {
    expect(redactDeep('token=abc')).toBe(`token=${R}`);
    expect(redactDeep(42)).toBe(42);
    expect(redactDeep(undefined)).toBeUndefined();
    const cyclic: { self?: unknown; password: string } = { password: 'x' };
    cyclic.self = cyclic;
    const out = redactDeep(cyclic);
    expect(out.password).toBe(R);
    expect(out.self).toBe(out);
    const proto = JSON.parse('{"__proto__": {"password": "x"}}') as Record<string, unknown>;
    const copy = redactDeep(proto);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(copy['__proto__']).toEqual({ password: R });
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const once = redactDeep(v);
        expect(redactDeep(once)).toEqual(once);
      }),
      { numRuns: 300 },
    );
  });
});
