/**
 * The log-signature library: every signature, and the shared scanner built from them.
 * Add signatures to a file in `library/`; the library test runs their examples.
 */
import { configSignatures } from './library/config.js';
import { crashSignatures } from './library/crash.js';
import { dependencySignatures } from './library/dependency.js';
import { platformSignatures } from './library/platform.js';
import { runtimeSignatures } from './library/runtime.js';
import { SignatureScanner } from './scan.js';
import type { Signature } from './types.js';

export const SIGNATURES: readonly Signature[] = [
  ...dependencySignatures,
  ...crashSignatures,
  ...configSignatures,
  ...runtimeSignatures,
  ...platformSignatures,
];

let shared: SignatureScanner | undefined;

/** The scanner over the whole library, built on first use. */
export function defaultScanner(): SignatureScanner {
  shared ??= new SignatureScanner(SIGNATURES);
  return shared;
}

export { SignatureScanner };
export type { Signature, SignatureMatch, Extract } from './types.js';
