/** The output formats `-o` accepts: a tiny module so the CLI can validate `-o` before loading renderers. */

/** An output format accepted by `-o`. */
export type OutputFormat = 'text' | 'json' | 'markdown' | 'html';

/** Every output format, in the order help text lists them. */
export const FORMATS: readonly OutputFormat[] = ['text', 'json', 'markdown', 'html'];

/** True when `value` names an output format (for validating `-o`). */
export function isOutputFormat(value: string): value is OutputFormat {
  return (FORMATS as readonly string[]).includes(value);
}
