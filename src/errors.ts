/**
 * The one error family. Every error a user can cause or meet carries a stable `code` and a
 * `hint` (what to run next); only `src/cli/main.ts` turns them into a message and an exit code.
 */

export type ErrorCode =
  | 'E_USAGE'
  | 'E_INPUT_UNREADABLE'
  | 'E_INPUT_EMPTY'
  | 'E_INPUT_BINARY'
  | 'E_INPUT_TOO_LARGE'
  | 'E_INPUT_UNRECOGNISED'
  | 'E_UNKNOWN_DETECTOR'
  | 'E_UNKNOWN_FORMAT'
  | 'E_NOT_AVAILABLE'
  | 'E_CLUSTER_UNREACHABLE'
  | 'E_FORBIDDEN'
  | 'E_NOT_FOUND'
  | 'E_INTERNAL';

export class CrashlensError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CrashlensError';
    this.code = code;
    this.hint = options.hint;
  }
}

export function isCrashlensError(error: unknown): error is CrashlensError {
  return error instanceof CrashlensError;
}
