/**
 * Secret redaction, applied to every output of the tool (reports, JSON, quoted evidence).
 *
 * Pasted kubectl output and logs routinely carry credentials: DSNs with passwords, bearer tokens,
 * cloud keys, env vars set to literal secrets. Redaction masks the secret part only and keeps
 * its context (scheme, user, host, key name, token kind) so a report stays useful. It never
 * masks kubectl references (`<set to the key ...>`), placeholders (`${DB_PASSWORD}`), key-only
 * mentions (`missing env var DB_PASSWORD`) or ordinary identifiers (hashes, digests, UUIDs, IPs).
 *
 * Every pattern is anchored on a boundary (lookbehind) or scanned by hand, and none has nested
 * quantifiers that can backtrack, so cost stays linear on adversarial input. Redaction is
 * idempotent: the marker itself is never matched as a secret.
 */

/** What a masked secret is replaced with. */
export const REDACTED = '••••';

type Rule = (text: string) => string;

// ---------------------------------------------------------------------------------------------
// Key names.

/** Key names that always denote a secret, on the flattened upper-case key (`DB_PASSWORD` → `DBPASSWORD`). */
const STRONG_KEY =
  /PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|CREDENTIAL|APIKEY|ACCESSKEY|PRIVATEKEY|CONNECTIONSTRING|SESSIONKEY|ACCOUNTKEY|SHAREDACCESSKEY|ENCRYPTIONKEY|SIGNINGKEY|MASTERKEY|DOCKERCONFIGJSON|DOCKERCFG|COOKIE/;

/**
 * Last key segments naming *where* a secret is or describing it, not the secret itself
 * (`secretName`, `DB_PASSWORD_FILE`, `AUTH_HOST`, `secretKeyRef`).
 */
const NOT_SECRET_SUFFIX = new Set([
  'NAME',
  'NAMES',
  'REF',
  'FILE',
  'PATH',
  'DIR',
  'NAMESPACE',
  'MOUNT',
  'TYPE',
  'KIND',
  'ENABLED',
  'DISABLED',
  'REQUIRED',
  'HOST',
  'HOSTNAME',
  'PORT',
  'URL',
  'URI',
  'ENDPOINT',
  'ADDR',
  'ADDRESS',
  'SERVER',
  'SERVICE',
  'ISSUER',
  // `TokenExpirationSeconds: 3607` in every describe of a projected service-account volume.
  'SECONDS',
]);

type KeyStrength = 'strong' | 'weak' | undefined;

/**
 * Does this key name hold a secret? `strong` for unambiguous names (PASSWORD, TOKEN, API_KEY...);
 * `weak` for names that are also ordinary words or service names (AUTH, PWD, DSN), which are only
 * trusted in unambiguous positions (`KEY=value`, line-start `KEY: value`, JSON keys).
 */
export function secretKeyStrength(key: string): KeyStrength {
  if (key.length === 0 || key.length > 128) return undefined;
  // .NET strong-name assembly identities (`PublicKeyToken=b77a5c561934e089`) are public by design.
  if (/^PublicKeyToken$/i.test(key)) return undefined;
  const segments = key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((s) => s !== '');
  const last = segments[segments.length - 1];
  if (last === undefined || (segments.length > 1 && NOT_SECRET_SUFFIX.has(last))) return undefined;
  if (STRONG_KEY.test(segments.join(''))) return 'strong';
  for (const s of segments) {
    if (s === 'PWD' || s.endsWith('PWD') || s === 'DSN' || s.endsWith('DSN')) return 'weak';
    if (
      s === 'AUTHORIZATION' ||
      s.endsWith('AUTH') ||
      (s.startsWith('AUTH') && !s.startsWith('AUTHOR'))
    )
      return 'weak';
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Values.

const PLACEHOLDER = /^(?:\$\{|\$\(|\{\{|#\{|%\(|\$[A-Za-z_])/;
const AUTH_SCHEME = /^(?:Bearer|Basic|Token|Digest|Negotiate|Bot|AWS4-HMAC-SHA256)[ \t]+/i;
/** `Server=db` in `ConnectionStrings__X=Server=db;Password=...`: the inner pairs are handled one by one. */
const NESTED_PAIR = /^[A-Za-z][\w ]{0,30}=[^=]/;
/** `kubectl describe secret` prints sizes, not values. */
const BYTE_SIZE = /^\d+ bytes$/;
/** Words that follow `KEY: ` in error messages rather than being a value. */
const STOP_WORDS = new Set(
  'must is not missing required invalid empty unset none null nil undefined expired wrong incorrect mismatch rejected denied failed cannot should was has have be value the a an of for to in and or'.split(
    ' ',
  ),
);

function isMasked(v: string): boolean {
  return /^[•*]+$/.test(v) || /^\[?redacted\]?$/i.test(v);
}

/** Is this value something to hide (non-empty, not a reference, placeholder or mask)? */
function isSecretValue(v: string): boolean {
  const t = v.trim();
  if (t === '' || isMasked(t) || PLACEHOLDER.test(t)) return false;
  if (t.startsWith('<') && t.endsWith('>')) return false;
  return true;
}

/** Mask a value, keeping an auth scheme (`Bearer ••••`). Returns undefined to leave it as is. */
function maskValue(v: string): string | undefined {
  if (!isSecretValue(v)) return undefined;
  const scheme = AUTH_SCHEME.exec(v);
  if (scheme) {
    const rest = v.slice(scheme[0].length);
    return isSecretValue(rest) ? `${scheme[0]}${REDACTED}` : undefined;
  }
  return REDACTED;
}

// ---------------------------------------------------------------------------------------------
// PEM private keys (multi-line, or `\n`-escaped inside JSON).

const PEM_BEGIN = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
const PEM_END = /-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;

function isBase64Code(c: number): boolean {
  return (
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 48 && c <= 57) ||
    c === 43 ||
    c === 47 ||
    c === 61
  );
}

/** End of a key body with no END line (a truncated paste): base64 lines right after the header. */
function scanPemBody(s: string, start: number): number {
  let j = start;
  for (;;) {
    while (j < s.length) {
      const c = s.charCodeAt(j);
      if (isBase64Code(c) || c === 32 || c === 9 || c === 13) j++;
      else if (c === 92 && s[j + 1] === 'n') j += 2;
      else break;
    }
    if (s[j] !== '\n') return j;
    let k = j + 1;
    while (k < s.length && (s[k] === ' ' || s[k] === '\t')) k++;
    const lineStart = k;
    while (k < s.length && isBase64Code(s.charCodeAt(k))) k++;
    if (k - lineStart >= 16 && (k === s.length || s[k] === '\n' || s[k] === '\r')) j = k;
    else return j;
  }
}

function maskPemBody(body: string): string {
  if (body.trim() === '') return body;
  const nl = body.includes('\n') ? '\n' : body.includes('\\n') ? '\\n' : ' ';
  return `${nl}${REDACTED}${nl}`;
}

const maskPemBlocks: Rule = (s) => {
  if (!s.includes('PRIVATE KEY')) return s;
  const begins = [...s.matchAll(PEM_BEGIN)];
  if (begins.length === 0) return s;
  const ends = [...s.matchAll(PEM_END)].map((m) => m.index);
  let out = '';
  let pos = 0;
  let e = 0;
  for (const b of begins) {
    const bodyStart = b.index + b[0].length;
    if (b.index < pos) continue;
    while (e < ends.length && (ends[e] as number) < bodyStart) e++;
    let bodyEnd: number;
    if (e < ends.length) {
      bodyEnd = ends[e] as number;
      e++;
    } else {
      bodyEnd = scanPemBody(s, bodyStart);
    }
    out += s.slice(pos, bodyStart) + maskPemBody(s.slice(bodyStart, bodyEnd));
    pos = bodyEnd;
  }
  return out + s.slice(pos);
};

/** A base64-encoded PEM private key (a Secret's `tls.key` as `kubectl get secret -o yaml` shows it). */
const B64_PEM = /(?<![A-Za-z0-9+/=])LS0tLS1CRUdJTi[A-Za-z0-9+/]{20,}={0,2}/g;

const maskBase64Pem: Rule = (s) => {
  if (!s.includes('LS0tLS1CRUdJTi')) return s;
  return s.replace(B64_PEM, (m) => {
    const n = Math.min(64, m.length - (m.length % 4));
    try {
      return atob(m.slice(0, n)).includes('PRIVATE KEY') ? REDACTED : m;
    } catch {
      return m;
    }
  });
};

// ---------------------------------------------------------------------------------------------
// Tokens recognisable on their own.

const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;

const VENDOR_TOKENS: [RegExp, string][] = [
  // AWS access key ids (long-term and temporary).
  [/(?<![A-Z0-9])(AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g, `$1${REDACTED}`],
  // GitHub personal/OAuth/app tokens.
  [/(?<![A-Za-z0-9_])(gh[pousr])_[A-Za-z0-9]{20,}/g, `$1_${REDACTED}`],
  [/(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{20,}/g, `github_pat_${REDACTED}`],
  // Slack tokens and incoming webhooks.
  [/(?<![A-Za-z0-9-])(xox[baprs]|xapp)-[A-Za-z0-9-]{10,}/g, `$1-${REDACTED}`],
  [/(hooks\.slack\.com\/services\/)[A-Za-z0-9/]{10,}/g, `$1${REDACTED}`],
  // Stripe secret/restricted keys and webhook secrets.
  [/(?<![A-Za-z0-9_])((?:sk|rk)_(?:live|test))_[A-Za-z0-9]{10,}/g, `$1_${REDACTED}`],
  [/(?<![A-Za-z0-9_])whsec_[A-Za-z0-9]{10,}/g, `whsec_${REDACTED}`],
  // Google API keys, npm tokens.
  [/(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, `AIza${REDACTED}`],
  [/(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/g, `npm_${REDACTED}`],
];

const maskJwts: Rule = (s) => (s.includes('eyJ') ? s.replace(JWT, REDACTED) : s);

const maskVendorTokens: Rule = (s) => {
  let out = s;
  for (const [re, replacement] of VENDOR_TOKENS) out = out.replace(re, replacement);
  return out;
};

// ---------------------------------------------------------------------------------------------
// URLs and DSNs with a password: `postgres://user:secret@db:5432/app`, `redis://:secret@host`.

const URL_CREDENTIALS =
  /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/)([^\s:@/?#"'<>]{0,256}):([^\s@/"'<>]{1,512})@/g;

const maskUrlCredentials: Rule = (s) => {
  if (!s.includes('://')) return s;
  return s.replace(URL_CREDENTIALS, (whole, scheme: string, user: string, password: string) =>
    isSecretValue(password) ? `${scheme}${user}:${REDACTED}@` : whole,
  );
};

// ---------------------------------------------------------------------------------------------
// Azure shared access signatures (values contain `&`, so the generic pair rule would cut them).

const SAS = /(?<![A-Za-z0-9])(SharedAccessSignature[=\s]+)([^;\s"'<>]+)/g;
const SAS_SIG = /([?&;]sig=)([^&\s"';#<>]+)/g;

const maskAzureSas: Rule = (s) =>
  s
    .replace(SAS, (whole, head: string, value: string) =>
      isSecretValue(value) ? `${head}${REDACTED}` : whole,
    )
    .replace(SAS_SIG, (whole, head: string, value: string) =>
      isSecretValue(value) ? `${head}${REDACTED}` : whole,
    );

// ---------------------------------------------------------------------------------------------
// `Authorization: Bearer xxx`, `Basic base64`, wherever they appear.

const AUTH_TOKEN =
  /\b(Bearer|bearer|BEARER|Basic|BASIC|Token|Digest)([ \t]+)([A-Za-z0-9\-._~+/]+=*)/g;

/** `Authorization: `, `"Authorization": "`, `authorization=` right before the scheme. */
const AUTH_HEADER_BEFORE = /authorization["']?[ \t]*[:=][ \t]*["']?$/i;

const maskAuthSchemes: Rule = (s) =>
  s.replace(
    AUTH_TOKEN,
    (whole: string, scheme: string, space: string, token: string, offset: number) => {
      // Prose (`Bearer token missing`, `Basic authentication`) is short and plain; tokens are not.
      // After an Authorization header name anything goes.
      const header = AUTH_HEADER_BEFORE.test(s.slice(Math.max(0, offset - 32), offset));
      const tokenLike = token.length >= 8 && (/[0-9\-._~+/=]/.test(token) || token.length >= 20);
      return header || tokenLike ? `${scheme}${space}${REDACTED}` : whole;
    },
  );

// ---------------------------------------------------------------------------------------------
// Kubernetes env entries: `{"name": "DB_PASSWORD", "value": "x"}` and `- name: DB_PASSWORD\n  value: x`.

const JSON_ENV =
  /"name"[ \t]*:[ \t]*"([A-Za-z_][\w.-]{0,127})"[ \t]*,\s{0,64}"value"[ \t]*:[ \t]*(?=")/g;
const YAML_ENV = /\bname:[ \t]*(["']?)([A-Za-z_][\w.-]{0,127})\1[ \t]*\r?\n[ \t]*value:[ \t]*/g;

interface Span {
  /** Start and end of the value text to replace. */
  start: number;
  end: number;
  /** Where scanning resumes. */
  next: number;
}

/** A quoted string starting at `p` (the quote): its content span; stops at an unescaped quote or a newline. */
function quotedAt(s: string, p: number): Span {
  const q = s[p];
  let i = p + 1;
  while (i < s.length) {
    const ch = s[i];
    if (ch === '\\') i += 2;
    else if (ch === q) return { start: p + 1, end: i, next: i + 1 };
    else if (ch === '\n') return { start: p + 1, end: i, next: i };
    else i++;
  }
  return { start: p + 1, end: Math.min(i, s.length), next: s.length };
}

function lineEndAt(s: string, p: number): number {
  const nl = s.indexOf('\n', p);
  let end = nl < 0 ? s.length : nl;
  while (end > p && (s[end - 1] === ' ' || s[end - 1] === '\t' || s[end - 1] === '\r')) end--;
  return end;
}

/** Apply `spans` (sorted, non-overlapping) to `s`. */
function applySpans(s: string, spans: { start: number; end: number; text: string }[]): string {
  if (spans.length === 0) return s;
  let out = '';
  let pos = 0;
  for (const sp of spans) {
    out += s.slice(pos, sp.start) + sp.text;
    pos = sp.end;
  }
  return out + s.slice(pos);
}

const maskEnvPairs: Rule = (s) => {
  const spans: { start: number; end: number; text: string }[] = [];
  if (s.includes('"value"')) {
    JSON_ENV.lastIndex = 0;
    for (let m = JSON_ENV.exec(s); m !== null; m = JSON_ENV.exec(s)) {
      if (!secretKeyStrength(m[1] ?? '')) continue;
      const v = quotedAt(s, m.index + m[0].length);
      const masked = maskValue(s.slice(v.start, v.end));
      if (masked !== undefined) spans.push({ start: v.start, end: v.end, text: masked });
      JSON_ENV.lastIndex = Math.max(JSON_ENV.lastIndex, v.next);
    }
  }
  let out = applySpans(s, spans);
  if (!out.includes('value:')) return out;
  const yamlSpans: typeof spans = [];
  YAML_ENV.lastIndex = 0;
  for (let m = YAML_ENV.exec(out); m !== null; m = YAML_ENV.exec(out)) {
    if (!secretKeyStrength(m[2] ?? '')) continue;
    const p = m.index + m[0].length;
    const v: Span =
      out[p] === '"' || out[p] === "'"
        ? quotedAt(out, p)
        : { start: p, end: lineEndAt(out, p), next: lineEndAt(out, p) };
    const masked = maskValue(out.slice(v.start, v.end));
    if (masked !== undefined) yamlSpans.push({ start: v.start, end: v.end, text: masked });
    YAML_ENV.lastIndex = Math.max(YAML_ENV.lastIndex, v.next);
  }
  out = applySpans(out, yamlSpans);
  return out;
};

// ---------------------------------------------------------------------------------------------
// Generic pairs: `KEY=value`, `KEY: value`, `"key": "value"`, `--password=value`, `--token value`.

/**
 * A key and its separator. The lookbehind makes a key start only at the beginning of a run of
 * key characters, so each run is examined once. Groups: 1 dashes, 2 quote, 3 key, 4 `=`, 5 `:`,
 * 6 whitespace (only meaningful after `--flag`).
 */
const PAIR = /(?<![\w.-])(--?)?(["']?)([A-Za-z_][\w.-]{0,127})\2(?:([ \t]{0,8}=)|(:)|([ \t]+))/g;

/** Only whitespace, list dashes, comment or quote markers between the line start and `i`? */
function atLineStart(s: string, i: number): boolean {
  let j = i - 1;
  for (let n = 0; j >= 0 && n < 64; j--, n++) {
    const ch = s[j];
    if (ch === '\n') return true;
    if (ch !== ' ' && ch !== '\t' && ch !== '-' && ch !== '#' && ch !== '>' && ch !== '*')
      return false;
  }
  return j < 0;
}

/** End of a bracketed JSON value starting at `p` on the same line (string-aware). */
function balancedEnd(s: string, p: number): number {
  let depth = 0;
  let inString = false;
  let i = p;
  for (; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\n') break;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return i > p && s[i - 1] === '\r' ? i - 1 : i;
}

/** End of a bare value token: whitespace, quotes and pair separators end it. */
function tokenEndAt(s: string, p: number, json: boolean): number {
  let i = p;
  while (i < s.length) {
    const ch = s[i];
    if (
      ch === ' ' ||
      ch === '\t' ||
      ch === '\n' ||
      ch === '\r' ||
      ch === '"' ||
      ch === "'" ||
      ch === ';' ||
      ch === '&' ||
      ch === ','
    )
      break;
    if (json && (ch === '}' || ch === ']')) break;
    i++;
  }
  return i;
}

const maskPairs: Rule = (s) => {
  const spans: { start: number; end: number; text: string }[] = [];
  PAIR.lastIndex = 0;
  for (let m = PAIR.exec(s); m !== null; m = PAIR.exec(s)) {
    const [whole, dashes, quote, key = '', eq, colon, ws] = m;
    if (ws !== undefined && dashes !== '--') continue;
    const strength = secretKeyStrength(key);
    if (!strength) continue;
    const quoted = quote === '"' || quote === "'";
    const lineStart = !dashes && atLineStart(s, m.index);
    let p = m.index + whole.length;
    let spaced = ws !== undefined;
    while (p < s.length && (s[p] === ' ' || s[p] === '\t')) {
      p++;
      spaced = true;
    }
    if (colon !== undefined && !quoted) {
      // `host:6379`, `image:tag`, `a//user-auth:8080`: a tight colon is not a pair separator.
      if (!spaced) continue;
      // Mid-line `word: text` is usually prose; only unambiguous key names count there.
      if (!lineStart && (strength === 'weak' || /^[A-Za-z][a-z]*$/.test(key))) continue;
    }
    if (eq === undefined && colon === undefined && strength === 'weak') continue;
    if (p >= s.length || s[p] === '\n' || s[p] === '\r') continue;
    const c = s[p];
    let span: Span;
    if (c === '"' || c === "'") {
      span = quotedAt(s, p);
    } else if (c === '<') {
      // kubectl references: `<set to the key 'x' in secret 'y'>`, `<none>`, `<unset>`.
      const window = s.slice(p, p + 1024);
      const gt = window.indexOf('>');
      const nl = window.indexOf('\n');
      if (gt > 0 && (nl < 0 || gt < nl)) {
        PAIR.lastIndex = p + gt + 1;
        continue;
      }
      const end = tokenEndAt(s, p, quoted);
      span = { start: p, end, next: end };
    } else if (eq !== undefined && !quoted && (c === '{' || c === '[')) {
      // `CREDENTIALS_JSON={"type":"service_account",...}`: the whole JSON value.
      const end = balancedEnd(s, p);
      span = { start: p, end, next: end };
    } else if (colon !== undefined && lineStart && !quoted) {
      // YAML, describe and header lines: the value is the rest of the line.
      const end = lineEndAt(s, p);
      span = { start: p, end, next: end };
    } else {
      const end = tokenEndAt(s, p, quoted);
      span = { start: p, end, next: end };
    }
    PAIR.lastIndex = Math.max(PAIR.lastIndex, span.next);
    const value = s.slice(span.start, span.end);
    if (
      !shouldMaskPairValue(s, key, value, span, {
        quoted,
        colon: colon !== undefined,
        lineStart,
        flag: ws !== undefined,
      })
    ) {
      // Let the scanner look inside values it did not mask (`{"password": ...}` flow maps).
      PAIR.lastIndex = span.start;
      continue;
    }
    const masked = maskValue(value);
    if (masked !== undefined) spans.push({ start: span.start, end: span.end, text: masked });
  }
  return applySpans(s, spans);
};

function shouldMaskPairValue(
  s: string,
  key: string,
  value: string,
  span: Span,
  form: { quoted: boolean; colon: boolean; lineStart: boolean; flag: boolean },
): boolean {
  const v = value.trim();
  if (v === '') return false;
  // URLs keep their host; a password inside is masked by the URL rule.
  if (v.includes('://')) return false;
  if (form.flag && v.startsWith('-')) return false;
  if (
    form.colon &&
    form.lineStart &&
    (/^[|>][-+]?\d?$/.test(v) || v.startsWith('{') || v.startsWith('['))
  )
    return false;
  if (BYTE_SIZE.test(v)) return false;
  if (form.quoted && s[span.start - 1] !== '"' && s[span.start - 1] !== "'") {
    // A bare JSON/dict value: objects, lists and literals are not secrets.
    if (
      v === 'null' ||
      v === 'true' ||
      v === 'false' ||
      v === 'None' ||
      v === 'True' ||
      v === 'False'
    )
      return false;
    if (v.startsWith('{') || v.startsWith('[')) return false;
  }
  // `DB_PASSWORD: must be set`, `X-Api-Key: missing`: an error message, not a value.
  if (form.colon && !form.quoted && STOP_WORDS.has((v.split(/[ \t]/, 1)[0] ?? '').toLowerCase()))
    return false;
  if (s[span.end] === ';' && NESTED_PAIR.test(v)) return false;
  const upperKey = key.toUpperCase();
  if ((upperKey === 'PWD' || upperKey === 'OLDPWD') && v.startsWith('/')) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Entry points.

const RULES: Rule[] = [
  maskPemBlocks,
  maskBase64Pem,
  maskJwts,
  maskVendorTokens,
  maskUrlCredentials,
  maskAzureSas,
  maskAuthSchemes,
  maskEnvPairs,
  maskPairs,
];

function pass(text: string): string {
  let out = text;
  for (const rule of RULES) out = rule(out);
  return out;
}

/** Mask secrets in a text. Idempotent; never throws; linear in the size of the text. */
export function redactText(text: string): string {
  if (typeof text !== 'string' || text === '') return text;
  try {
    let out = pass(text);
    // One pass is normally a fixed point; repeat (bounded) so that redaction is idempotent even
    // when one rule's output makes another rule match.
    for (let i = 0; i < 3; i++) {
      const again = pass(out);
      if (again === out) break;
      out = again;
    }
    return out;
  } catch {
    return REDACTED;
  }
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * A deep copy of `value` with every string redacted. Object keys are kept; a string under a
 * secret-looking key (`{password: "x"}`) or the `value` of a secret env entry
 * (`{name: "DB_PASSWORD", value: "x"}`) is masked whole. Non-plain objects are returned as is.
 */
export function redactDeep<T>(value: T): T {
  return deep(value, new WeakMap()) as T;
}

function deep(value: unknown, seen: WeakMap<object, unknown>): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  const known = seen.get(value);
  if (known !== undefined) return known;
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    for (const item of value) copy.push(deep(item, seen));
    return copy;
  }
  if (value instanceof Date) return new Date(value.getTime());
  if (!isPlainObject(value)) return value;
  const source = value as Record<string, unknown>;
  const copy: Record<string, unknown> =
    Object.getPrototypeOf(value) === null ? Object.create(null) : {};
  seen.set(value, copy);
  const envName =
    typeof source.name === 'string' && typeof source.value === 'string' ? source.name : undefined;
  for (const key of Object.keys(source)) {
    const v = source[key];
    let out: unknown;
    const secretValue = typeof v === 'string' && isSecretValue(v) && !v.includes('://');
    if (secretValue && secretKeyStrength(key)) out = maskValue(v) ?? redactText(v);
    else if (secretValue && key === 'value' && envName !== undefined && secretKeyStrength(envName))
      out = maskValue(v) ?? redactText(v);
    else out = deep(v, seen);
    Object.defineProperty(copy, key, {
      value: out,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}
