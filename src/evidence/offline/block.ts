/**
 * The unit every offline parser works on: one block of a paste (the output of one command, or one
 * recognisable piece of text), with the command that produced it when the paste showed it.
 *
 * The splitter (`split.ts`) cuts a normalized input into blocks; each parser turns a block into
 * evidence items. Keeping line numbers relative to the whole source lets evidence point at the
 * exact input lines.
 */
import type { ContainerLog, Item, SourceDoc } from '../types.js';

/** What the splitter believes a block holds. Parsers may still decline it. */
export type BlockKind =
  'describe' | 'table' | 'rollout-history' | 'json' | 'yaml' | 'logs' | 'unknown';

/** A parsed `kubectl ...` command line (from a `$ kubectl ...` prompt). */
export interface KubectlCommand {
  /** The full command text after the prompt. */
  text: string;
  /** `get`, `describe`, `logs`, `rollout`... */
  verb?: string;
  /** For `rollout history`: `history`. */
  subverb?: string;
  /** The resource type as typed, normalized to lower-case plural (`pods`, `deployments`, `secrets`). */
  resource?: string;
  /** Object names given (`pod/x` gives resource pods + name x). */
  names: string[];
  namespace?: string;
  allNamespaces?: boolean;
  container?: string;
  previous?: boolean;
  output?: string;
  /** The rest of the flags, `--tail=5` → `{tail: '5'}`. */
  flags: Record<string, string | true>;
  /** Text after a `|` pipe (`jq 'keys'`), which changes how the output must be read. */
  pipe?: string;
}

export interface Block {
  kind: BlockKind;
  /** 1-based first and last line (inclusive) inside the source. */
  from: number;
  to: number;
  /** The block's lines (same as `source.lines.slice(from - 1, to)`). */
  lines: string[];
  command?: KubectlCommand;
}

/** What a parser returns for a block it accepted. */
export interface ParsedBlock {
  items: Item[];
  logs: ContainerLog[];
  warnings: string[];
}

/** A parser reads one block of one source; it never throws on bad input (returns undefined). */
export type BlockParser = (
  block: Block,
  sourceIndex: number,
  source: SourceDoc,
) => ParsedBlock | undefined;
