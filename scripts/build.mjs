// Bundles the CLI (and the benchmark entry points) into single ESM files, so the CLI starts fast:
// one file to read, no module resolution at start-up.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Start clean: stale chunks from an earlier build must not linger next to the new ones.
rmSync('dist', { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  legalComments: 'none',
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  logLevel: 'warning',
};

const bench = process.argv.includes('--bench');
// Code splitting: each command's modules load when it runs (live mode alone pulls in the
// Kubernetes client), so `crashlens --version` reads one small file.
await build({
  ...common,
  entryPoints: { crashlens: 'src/cli/entry.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});
if (bench) {
  await build({
    ...common,
    entryPoints: { bench: 'bench/index.ts', 'bench-floor': 'bench/floor.ts' },
    outdir: 'dist',
    packages: 'external',
  });
}
