/**
 * Reads what `-f` names: files, directories (every regular file inside, sorted, recursively) and
 * `-` for standard input. The only place offline mode touches the filesystem.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CrashlensError } from '../errors.js';
import type { OfflineInput } from '../evidence/offline/collect.js';
import { MAX_INPUT_BYTES } from '../evidence/offline/collect.js';

export function readInputs(paths: readonly string[], stdin: () => string): OfflineInput[] {
  const out: OfflineInput[] = [];
  for (const p of paths) {
    if (p === '-') {
      out.push({ name: 'stdin', text: stdin() });
      continue;
    }
    let stat;
    try {
      stat = statSync(p);
    } catch (error) {
      throw new CrashlensError(
        'E_INPUT_UNREADABLE',
        `Cannot read ${p}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : String(error)}.`,
        {
          hint: 'Check the path, or pipe the text in with `-f -`.',
          cause: error,
        },
      );
    }
    if (stat.isDirectory()) out.push(...readDir(p));
    else out.push(readOne(p, stat.size));
  }
  return out;
}

function readDir(dir: string): OfflineInput[] {
  const out: OfflineInput[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (error) {
    throw new CrashlensError(
      'E_INPUT_UNREADABLE',
      `Cannot list ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`,
      {
        hint: 'Check the directory permissions, or pass the files with -f.',
        cause: error,
      },
    );
  }
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const p = join(dir, name);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue; // a dangling link or a file removed while reading: nothing to read there
    }
    if (st.isDirectory()) out.push(...readDir(p));
    else if (st.isFile()) out.push(readOne(p, st.size));
  }
  return out;
}

function readOne(path: string, size: number): OfflineInput {
  if (size > MAX_INPUT_BYTES) {
    throw new CrashlensError(
      'E_INPUT_TOO_LARGE',
      `${path} is ${Math.round(size / 1024 / 1024)} MiB, more than the 256 MiB crashlens reads.`,
      {
        hint: 'Cut it to the failing pods: `kubectl describe pod POD`, `kubectl logs POD --previous --tail=500`, `kubectl get events`.',
      },
    );
  }
  try {
    return { name: path, text: readFileSync(path, 'utf8') };
  } catch (error) {
    throw new CrashlensError('E_INPUT_UNREADABLE', `Cannot read ${path}: ${String(error)}.`, {
      hint: 'Check the file permissions.',
      cause: error,
    });
  }
}
