/**
 * Parser for `kubectl rollout history` output: the revision list (`REVISION  CHANGE-CAUSE`) and
 * the `--revision=N` detail. Revisions and their change-causes tell a diagnosis what changed
 * just before a workload started crash-looping (a new image, a config reload...).
 */
import type { Item, RolloutHistory } from '../types.js';
import type { Block, BlockParser, KubectlCommand, ParsedBlock } from './block.js';
import { kindFromType } from './parse-table.js';

/** `deployment.apps/user-auth`, `deployment.apps "user-auth"`, optionally `with revision #3`. */
const TITLE =
  /^\s*([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)*)(?:\/|\s+")([A-Za-z0-9][\w.-]*)"?(?:\s+with revision #(\d+))?\s*$/;
const HEADER = /^\s*REVISION(?:\s{2,}|\t+)CHANGE-CAUSE\s*$/;
const ROW = /^\s*(\d+)(?:[ \t]+(.*?))?\s*$/;
const CHANGE_CAUSE = /kubernetes\.io\/change-cause:\s*(.*?)\s*$/;

interface Section {
  history: RolloutHistory;
  from: number;
  to: number;
  /** For the `--revision=N` detail: the revision shown. */
  detailRevision?: number;
  sawHeader: boolean;
}

/** The printed workload type as a Kind (`deployment.apps` → `Deployment`). */
function workloadKind(type: string | undefined): string | undefined {
  if (!type) return undefined;
  return kindFromType(type);
}

function newSection(
  line: number,
  command: KubectlCommand | undefined,
  title?: RegExpExecArray,
): Section {
  const history: RolloutHistory = { kind: 'RolloutHistory', revisions: [] };
  const kind = workloadKind(title?.[1] ?? command?.resource);
  if (kind) history.workloadKind = kind;
  const name = title?.[2] ?? command?.names[0];
  if (name !== undefined) history.name = name;
  if (command?.namespace !== undefined) history.namespace = command.namespace;
  const section: Section = { history, from: line, to: line, sawHeader: false };
  if (title?.[3] !== undefined) section.detailRevision = Number(title[3]);
  return section;
}

/** `kubectl rollout history <workload>` (list or `--revision=N` detail) → one item per workload. */
export const parseRolloutHistory: BlockParser = (block: Block, sourceIndex: number) => {
  try {
    return parseRolloutBlock(block, sourceIndex);
  } catch {
    return undefined;
  }
};

function parseRolloutBlock(block: Block, sourceIndex: number): ParsedBlock | undefined {
  const command = block.command;
  if (command?.verb !== undefined && command.verb !== 'rollout') return undefined;
  if (command?.subverb !== undefined && command.subverb !== 'history') return undefined;
  if (block.kind === 'json' || block.kind === 'yaml' || block.kind === 'describe') return undefined;
  const sections: Section[] = [];
  let current: Section | undefined;
  let inAnnotations = false;
  for (let i = 0; i < block.lines.length; i++) {
    const text = block.lines[i] ?? '';
    const line = block.from + i;
    if (text.trim() === '') continue;
    const title = TITLE.exec(text);
    if (title && !/^\s/.test(text)) {
      current = newSection(line, command, title);
      sections.push(current);
      inAnnotations = false;
      continue;
    }
    if (HEADER.test(text)) {
      if (!current || current.sawHeader || current.detailRevision !== undefined) {
        current = newSection(line, command);
        sections.push(current);
      }
      current.sawHeader = true;
      current.to = line;
      continue;
    }
    if (!current) continue;
    if (current.sawHeader) {
      const row = ROW.exec(text);
      if (!row) continue;
      const entry: RolloutHistory['revisions'][number] = { revision: Number(row[1]) };
      const cause = row[2]?.trim();
      if (cause && cause !== '<none>') entry.changeCause = cause;
      current.history.revisions.push(entry);
      current.to = line;
      continue;
    }
    if (current.detailRevision !== undefined) {
      // The detail is describe-like: `Annotations:` may run over several indented lines.
      if (/^\s*Annotations:/.test(text)) inAnnotations = true;
      else if (/^\s*[A-Z][A-Za-z ]*:/.test(text) && !/^\s*Annotations:/.test(text)) {
        inAnnotations = false;
      }
      const cause = inAnnotations ? CHANGE_CAUSE.exec(text) : null;
      if (cause?.[1] && cause[1] !== '<none>') {
        const revision = current.history.revisions[0] ?? { revision: current.detailRevision };
        revision.changeCause = cause[1];
        current.history.revisions[0] = revision;
      }
      current.to = line;
    }
  }
  const items: Item[] = [];
  for (const s of sections) {
    if (s.detailRevision !== undefined && s.history.revisions.length === 0) {
      s.history.revisions.push({ revision: s.detailRevision });
    }
    if (!s.sawHeader && s.detailRevision === undefined) continue;
    items.push({
      object: s.history,
      origin: { source: sourceIndex, from: s.from, to: s.to },
    });
  }
  if (items.length === 0) return undefined;
  return { items, logs: [], warnings: [] };
}
