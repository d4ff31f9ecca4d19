/**
 * Lab "images": a directory holding `image.yaml` (the image config: entrypoint, cmd, workingDir,
 * env, user, architecture) and `rootfs/` (the files the image adds on top of the host, which
 * plays the base layer). A scenario's image table maps references such as
 * `registry.internal/user-auth:3.14.0` to such directories; a reference in no table cannot be
 * pulled, as from a registry that does not have it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { CrashlensError } from '../../errors.js';
import { normalizeImageRef } from './messages.js';

export const ImageConfigSchema = z
  .object({
    entrypoint: z.array(z.string()).optional(),
    cmd: z.array(z.string()).optional(),
    workingDir: z.string().optional(),
    env: z.record(z.string(), z.string()).optional(),
    user: z.union([z.string(), z.number()]).optional(),
    architecture: z.enum(['amd64', 'arm64', 'arm', '386', 'ppc64le', 's390x']).optional(),
    description: z.string().optional(),
  })
  .strict();

export type ImageConfig = z.infer<typeof ImageConfigSchema>;

export interface LabImage {
  /** The reference as the pod spec writes it. */
  ref: string;
  dir: string;
  /** `<dir>/rootfs` (may not exist: an image of host tools only). */
  rootfs: string;
  config: ImageConfig;
  /** `repo@sha256:…` as containerStatuses[].imageID shows. */
  imageId: string;
  sizeBytes: number;
}

/** The default PATH of a Linux image (Docker's). */
export const DEFAULT_IMAGE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Read and validate one image directory. Throws CrashlensError naming the file on bad input. */
export function loadImageDir(ref: string, dir: string): LabImage {
  const configPath = join(dir, 'image.yaml');
  if (!existsSync(configPath)) {
    throw new CrashlensError('E_INPUT_UNREADABLE', `Image directory ${dir} has no image.yaml.`, {
      hint: 'An image directory needs image.yaml (entrypoint, cmd, workingDir, env, user, architecture) and a rootfs/ folder with its files.',
    });
  }
  const parsed = ImageConfigSchema.safeParse(parseYaml(readFileSync(configPath, 'utf8')) ?? {});
  if (!parsed.success) {
    throw new CrashlensError(
      'E_INPUT_UNREADABLE',
      `${configPath} is not a valid image config: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}.`,
      { hint: 'Allowed keys: entrypoint, cmd, workingDir, env, user, architecture, description.' },
    );
  }
  const rootfs = join(dir, 'rootfs');
  const { digest, size } = digestTree(dir);
  const normalized = normalizeImageRef(ref);
  const repo = normalized.replace(/[:@][^/]*$/, '');
  const shortRepo = ref.includes('/') ? ref.replace(/[:@][^/]*$/, '') : repo;
  return {
    ref,
    dir,
    rootfs,
    config: parsed.data,
    imageId: `${shortRepo}@sha256:${digest}`,
    sizeBytes: size,
  };
}

function digestTree(dir: string): { digest: string; size: number } {
  const hash = createHash('sha256');
  let size = 0;
  const walk = (d: string, rel: string): void => {
    for (const name of readdirSync(d).sort()) {
      const abs = join(d, name);
      const st = statSync(abs);
      hash.update(`${rel}/${name}:${st.mode}\n`);
      if (st.isDirectory()) walk(abs, `${rel}/${name}`);
      else if (st.isFile()) {
        size += st.size;
        hash.update(readFileSync(abs));
      }
    }
  };
  walk(dir, '');
  return { digest: hash.digest('hex'), size };
}

/** Resolves pod image references through the loaded scenarios' image tables. */
export class ImageRegistry {
  private readonly byRef = new Map<string, LabImage>();

  add(image: LabImage): void {
    const key = normalizeImageRef(image.ref);
    const existing = this.byRef.get(key);
    if (existing && existing.dir !== image.dir) {
      throw new CrashlensError(
        'E_USAGE',
        `Image ${image.ref} maps to two directories: ${existing.dir} and ${image.dir}.`,
        { hint: 'Give the images different tags, or load only one of the scenarios.' },
      );
    }
    this.byRef.set(key, image);
  }

  /** The image for a pod's reference, or undefined (the registry says not found). */
  resolve(ref: string): LabImage | undefined {
    return this.byRef.get(normalizeImageRef(ref));
  }

  refs(): string[] {
    return [...this.byRef.values()].map((i) => i.ref);
  }
}
