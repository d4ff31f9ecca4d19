/**
 * The log-signature library's data shape. A signature is data, not code: the runtime or server
 * that prints the line, the root-cause category it points to, a pattern with named groups for
 * what it extracts (host, port, env var, file, key, frame), and real example lines that are its
 * tests. Detectors ask the scanner for matches by category or id; they never grep logs themselves.
 */
import type { Category } from '../engine/report.js';

/** Named groups a pattern may capture. */
export type Extract =
  | 'host'
  | 'port'
  | 'env'
  | 'file'
  | 'key'
  | 'frame'
  | 'path'
  | 'detail'
  | 'code'
  | 'user'
  | 'url'
  | 'flag';

export interface Signature {
  /** Kebab-case, unique: `node-econnrefused`. */
  id: string;
  /** Who prints it: `node`, `python`, `go`, `java`, `dotnet`, `ruby`, `php`, `rust`, `postgres`, `nginx`, `spring`, `shell`, `generic`... */
  runtime: string;
  category: Category;
  /** Finer kind inside the category: `refused`, `dns`, `timeout`, `tls`, `auth`, `missing-env`... */
  subcategory?: string;
  /**
   * Literal substrings, at least one of which every matching line contains. Lines without any are
   * never tested against `pattern`; this keeps scanning close to linear in the log size.
   */
  keywords: string[];
  /** Tested only on lines containing a keyword. No nested quantifiers (linear-time). */
  pattern: RegExp;
  /**
   * The env var that provides the setting when the message names it otherwise (Laravel's
   * "application encryption key" is APP_KEY), so fixes can name the variable to set.
   */
  env?: string;
  /** How strongly one such line points at the category (0..1). */
  weight: number;
  description: string;
  /** Real-looking lines that must match, with what must be extracted. */
  examples: { line: string; extracts?: Partial<Record<Extract, string>> }[];
  /** Lines that must not match. */
  counterExamples?: string[];
}

/** One signature matched on one physical log line. */
export interface SignatureMatch {
  signature: Signature;
  /** Index of the entry in the scanned list. */
  entryIndex: number;
  /** Offset of the physical line inside the entry (0 = first line). */
  lineOffset: number;
  /** The physical line that matched. */
  text: string;
  groups: Partial<Record<Extract, string>>;
}
