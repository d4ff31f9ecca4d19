/** Container paths (mounts, image files, host base layer) and runc's pre-exec checks with their errors. */
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContainerFs, lookPath } from './rootfs.js';

function image(): { fs: ContainerFs; rootfs: string } {
  const root = mkdtempSync(join(tmpdir(), 'rootfs-'));
  const rootfs = join(root, 'rootfs');
  mkdirSync(join(rootfs, 'app'), { recursive: true });
  mkdirSync(join(rootfs, 'usr/local/bin'), { recursive: true });
  writeFileSync(join(rootfs, 'app/run.sh'), '#!/bin/sh\necho hi\n', { mode: 0o644 });
  writeFileSync(join(rootfs, 'usr/local/bin/tool'), '#!/bin/sh\necho tool\n', { mode: 0o755 });
  const elf = Buffer.alloc(64);
  elf.writeUInt32BE(0x7f454c46, 0);
  elf[4] = 2;
  elf[5] = 1;
  elf.writeUInt16LE(process.arch === 'arm64' ? 62 : 183, 18);
  writeFileSync(join(rootfs, 'app/agent'), elf, { mode: 0o755 });
  copyFileSync(process.execPath, join(rootfs, 'app/native'));
  chmodSync(join(rootfs, 'app/native'), 0o755);
  mkdirSync(join(root, 'cfg'));
  return {
    fs: new ContainerFs(rootfs, [
      { containerPath: '/etc/app', hostPath: join(root, 'cfg'), readOnly: true },
    ]),
    rootfs,
  };
}

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

describe('container paths', () => {
  it('maps mounts, then image files, then the host base layer', () => {
    const { fs, rootfs } = image();
    expect(fs.toHost('/etc/app/x.yaml')).toMatch(/cfg\/x\.yaml$/);
    expect(fs.toHost('/app/run.sh')).toBe(join(rootfs, 'app/run.sh'));
    expect(fs.toHost('/bin/sh')).toBe('/bin/sh');
    expect(fs.toHost('/app/new.txt', 'create')).toBe(join(rootfs, 'app/new.txt'));
  });
});

describe('lookPath (runc pre-exec checks)', () => {
  const { fs } = image();
  it.each([
    ['gunicorn', 'exec: "gunicorn": executable file not found in $PATH'],
    ['/app/missing', 'exec: "/app/missing": stat /app/missing: no such file or directory'],
    ['/app/run.sh', 'exec: "/app/run.sh": permission denied'],
    ['/app', 'exec: "/app": is a directory'],
  ])('%s fails with %s', (name, error) => {
    expect(lookPath(name, PATH, '/', fs, process.arch)).toEqual({ ok: false, error });
  });
  it('finds image and host executables and tells their format', () => {
    expect(lookPath('tool', PATH, '/', fs, process.arch)).toMatchObject({
      ok: true,
      containerPath: '/usr/local/bin/tool',
      format: 'script',
    });
    expect(lookPath('sh', PATH, '/', fs, process.arch)).toMatchObject({
      ok: true,
      format: 'native',
    });
    expect(lookPath('/app/native', PATH, '/', fs, process.arch)).toMatchObject({
      ok: true,
      format: 'native',
    });
    expect(lookPath('./agent', PATH, '/app', fs, process.arch)).toMatchObject({
      ok: true,
      format: 'foreign',
    });
  });
});
