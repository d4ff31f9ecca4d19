/**
 * The floor for the offline benchmark: read every file of a snapshot directory and JSON.parse the
 * JSON ones. Nothing can diagnose the bundle faster than it can read it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const dir = process.argv[2];
if (!dir) throw new Error('usage: floor DIR');
let objects = 0;
let bytes = 0;
for (const file of walk(dir).sort()) {
  const text = readFileSync(file, 'utf8');
  bytes += text.length;
  if (file.endsWith('.json')) {
    const parsed = JSON.parse(text) as { items?: unknown[] };
    objects += parsed.items?.length ?? 1;
  }
}
process.stdout.write(`${objects} objects, ${bytes} bytes\n`);
