/**
 * Finds and loads scenarios: `lab/scenarios/<name>/scenario.yaml` plus the manifest files and
 * image directories it names (images are looked up in the scenario's `images/` folder, then in
 * the shared `lab/scenarios/_images/`). Everything is validated up front, and a bad file is reported with
 * its path and the field at fault.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { CrashlensError } from '../../errors.js';
import { loadImageDir, type LabImage } from '../kubelet/images.js';
import type { LabObject } from '../store/types.js';
import { ScenarioFile, type ScenarioSpec } from './schema.js';

export interface Scenario {
  spec: ScenarioSpec;
  dir: string;
  /** Manifests in file order, inline ones parsed. */
  manifests: LabObject[];
  images: LabImage[];
}

/** The repository's `lab/` folder, found by walking up from this module (works from src and dist). */
export function defaultLabDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'lab', 'scenarios');
    if (existsSync(candidate) && existsSync(join(dir, 'package.json'))) return join(dir, 'lab');
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new CrashlensError(
    'E_NOT_FOUND',
    'The lab scenarios folder (lab/scenarios) was not found.',
    {
      hint: 'Run crashlens lab from a checkout or an install of the crashlens package (its lab/ folder holds the scenarios).',
    },
  );
}

/** Names of the scenarios in a lab folder, sorted. */
export function listScenarioNames(labDir = defaultLabDir()): string[] {
  const root = join(labDir, 'scenarios');
  return readdirSync(root)
    .filter((n) => existsSync(join(root, n, 'scenario.yaml')))
    .sort();
}

export function loadScenario(name: string, labDir = defaultLabDir()): Scenario {
  const dir = join(labDir, 'scenarios', name);
  const file = join(dir, 'scenario.yaml');
  if (!existsSync(file)) {
    const known = existsSync(join(labDir, 'scenarios')) ? listScenarioNames(labDir) : [];
    throw new CrashlensError('E_NOT_FOUND', `There is no lab scenario named "${name}".`, {
      hint:
        known.length > 0
          ? `Known scenarios: ${known.join(', ')}. Run \`crashlens lab scenarios\`.`
          : 'Run `crashlens lab scenarios` to list them.',
    });
  }
  const raw = readYaml(file);
  const parsed = ScenarioFile.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new CrashlensError('E_INPUT_UNREADABLE', `${file} is not a valid scenario: ${issues}.`, {
      hint: 'See lab/scenarios/README.md for the scenario format.',
    });
  }
  const spec = parsed.data;
  if (spec.name !== name) {
    throw new CrashlensError(
      'E_INPUT_UNREADABLE',
      `${file} says its name is "${spec.name}" but its folder is "${name}".`,
      {
        hint: 'Make the folder name and the `name:` field the same.',
      },
    );
  }
  const manifests = spec.manifests.flatMap((m) => manifestObjects(m, dir));
  for (const action of spec.actions) {
    if (action.apply === undefined) continue;
    for (const m of Array.isArray(action.apply) ? action.apply : [action.apply])
      manifestObjects(m, dir);
  }
  const images = Object.entries(spec.images).map(([ref, dirName]) =>
    loadImageDir(ref, resolveImageDir(dirName, dir, labDir, file)),
  );
  return { spec, dir, manifests, images };
}

function resolveImageDir(
  dirName: string,
  scenarioDir: string,
  labDir: string,
  file: string,
): string {
  const candidates = [
    join(scenarioDir, 'images', dirName),
    join(labDir, 'scenarios', '_images', dirName),
  ];
  const found = candidates.find((c) => existsSync(c) && statSync(c).isDirectory());
  if (!found) {
    throw new CrashlensError(
      'E_INPUT_UNREADABLE',
      `${file} maps an image to "${dirName}", which is in neither ${candidates.map((c) => resolve(c)).join(' nor ')}.`,
      {
        hint: 'An image directory holds image.yaml and rootfs/.',
      },
    );
  }
  return found;
}

/** The objects a manifest entry stands for: a file (multi-document YAML) or an inline object. */
export function manifestObjects(
  entry: string | Record<string, unknown>,
  scenarioDir: string,
): LabObject[] {
  if (typeof entry !== 'string') return [checkObject(entry, `inline manifest in ${scenarioDir}`)];
  const file = join(scenarioDir, entry);
  if (!existsSync(file)) {
    throw new CrashlensError('E_INPUT_UNREADABLE', `Manifest file ${file} does not exist.`, {
      hint: 'Manifest paths in scenario.yaml are relative to the scenario folder.',
    });
  }
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  const out: LabObject[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      throw new CrashlensError(
        'E_INPUT_UNREADABLE',
        `${file} is not valid YAML: ${doc.errors[0]?.message ?? ''}.`,
      );
    }
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    if (typeof value === 'object' && (value as { kind?: string }).kind === 'List') {
      for (const item of (value as { items?: unknown[] }).items ?? [])
        out.push(checkObject(item, file));
    } else out.push(checkObject(value, file));
  }
  return out;
}

function checkObject(value: unknown, where: string): LabObject {
  const o = value as Partial<LabObject> | null;
  if (
    !o ||
    typeof o !== 'object' ||
    typeof o.apiVersion !== 'string' ||
    typeof o.kind !== 'string' ||
    typeof o.metadata !== 'object' ||
    o.metadata === null
  ) {
    throw new CrashlensError(
      'E_INPUT_UNREADABLE',
      `A manifest in ${where} is not a Kubernetes object (it needs apiVersion, kind and metadata).`,
    );
  }
  return structuredClone(o) as LabObject;
}

function readYaml(file: string): unknown {
  try {
    return parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CrashlensError(
      'E_INPUT_UNREADABLE',
      `${file} is not valid YAML: ${err instanceof Error ? err.message : String(err)}.`,
    );
  }
}
