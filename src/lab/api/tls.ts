/**
 * A self-signed certificate for the lab API server, made with node:crypto alone (no openssl
 * binary): an ECDSA P-256 key and an X.509 v3 certificate, DER-encoded by hand, that is its
 * own CA (`basicConstraints CA:TRUE`) and names `localhost`, `127.0.0.1` and `::1`. HTTPS
 * matters because kubectl/client-go only send credentials (bearer tokens, impersonation)
 * over TLS: without it every kubectl request is anonymous and RBAC cannot be exercised.
 */
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';

export interface LabCertificate {
  certPem: string;
  keyPem: string;
}

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, value: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), len(value.length), value]);
}

const seq = (...parts: Buffer[]): Buffer => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]): Buffer => tlv(0x31, Buffer.concat(parts));
const octets = (b: Buffer): Buffer => tlv(0x04, b);
const bits = (b: Buffer, unused = 0): Buffer =>
  tlv(0x03, Buffer.concat([Buffer.from([unused]), b]));
const bool = (v: boolean): Buffer => tlv(0x01, Buffer.from([v ? 0xff : 0]));
const explicit = (n: number, inner: Buffer): Buffer => tlv(0xa0 | n, inner);

function int(b: Buffer): Buffer {
  let v = b;
  while (v.length > 1 && v[0] === 0 && ((v[1] ?? 0) & 0x80) === 0) v = v.subarray(1);
  if (((v[0] ?? 0) & 0x80) !== 0) v = Buffer.concat([Buffer.from([0]), v]);
  return tlv(0x02, v);
}

function oid(text: string): Buffer {
  const parts = text.split('.').map(Number);
  const out: number[] = [(parts[0] ?? 0) * 40 + (parts[1] ?? 0)];
  for (const p of parts.slice(2)) {
    const stack: number[] = [];
    let v = p;
    do {
      stack.unshift(v & 0x7f);
      v = Math.floor(v / 128);
    } while (v > 0);
    for (let i = 0; i < stack.length - 1; i++) stack[i] = (stack[i] ?? 0) | 0x80;
    out.push(...stack);
  }
  return tlv(0x06, Buffer.from(out));
}

function time(d: Date): Buffer {
  const iso = d.toISOString();
  const compact = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return d.getUTCFullYear() < 2050
    ? tlv(0x17, Buffer.from(compact.slice(2), 'ascii'))
    : tlv(0x18, Buffer.from(compact, 'ascii'));
}

function name(cn: string): Buffer {
  return seq(
    set(seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(cn, 'utf8')))),
    set(seq(oid('2.5.4.10'), tlv(0x0c, Buffer.from('crashlens', 'utf8')))),
  );
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));
}

function pem(label: string, der: Buffer): string {
  const b64 = der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/** Generates a key and a self-signed CA+server certificate valid for `days` (default 365). */
export function generateLabCertificate(
  options: {
    commonName?: string;
    hosts?: string[];
    ips?: string[];
    days?: number;
    now?: Date;
  } = {},
): LabCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const now = options.now ?? new Date();
  const notBefore = new Date(now.getTime() - 60 * 60 * 1000);
  const notAfter = new Date(now.getTime() + (options.days ?? 365) * 86_400_000);
  const ecdsaSha256 = seq(oid('1.2.840.10045.4.3.2'));
  const subject = name(options.commonName ?? 'crashlens-lab');
  const sans: Buffer[] = [];
  for (const h of options.hosts ?? ['localhost']) sans.push(tlv(0x82, Buffer.from(h, 'ascii')));
  for (const ip of options.ips ?? ['127.0.0.1', '::1']) {
    if (ip.includes(':')) {
      const full = ip === '::1' ? [...new Array<number>(15).fill(0), 1] : [];
      if (full.length === 16) sans.push(tlv(0x87, Buffer.from(full)));
    } else {
      sans.push(tlv(0x87, Buffer.from(ip.split('.').map(Number))));
    }
  }
  // The public key bits inside the SPKI: skip the algorithm sequence, take the BIT STRING payload.
  const keyId = createHash('sha1')
    .update(spki.subarray(spki.length - 65))
    .digest();
  const extensions = seq(
    extension('2.5.29.19', true, seq(bool(true))),
    extension('2.5.29.15', true, bits(Buffer.from([0x84]), 2)),
    extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))),
    extension('2.5.29.14', false, octets(keyId)),
    extension('2.5.29.17', false, seq(...sans)),
  );
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  const tbs = seq(
    explicit(0, int(Buffer.from([2]))),
    int(serial),
    ecdsaSha256,
    subject,
    seq(time(notBefore), time(notAfter)),
    subject,
    spki,
    explicit(3, extensions),
  );
  const signature = sign('sha256', tbs, privateKey);
  const cert = seq(tbs, ecdsaSha256, bits(signature));
  return {
    certPem: pem('CERTIFICATE', cert),
    keyPem: String(privateKey.export({ type: 'pkcs8', format: 'pem' })),
  };
}
