/**
 * The paste splitter: cuts one normalized input into blocks, each the output of one command or
 * one recognisable piece (a describe, a table, a JSON/YAML object, a log).
 *
 * Real pastes mix everything: `$ kubectl ...` prompt lines, Markdown fences, outputs pasted with
 * no command, quoted text. Boundaries are, in order of trust: prompt lines, code fences, then
 * recognisable headers (`Name:` of a describe, a table header, `{`/`apiVersion:`). A block with a
 * command takes its kind from the command; otherwise from its content. The output of a node's log
 * reader (`$ ssh node -- sudo dmesg -T`, `# journalctl -k`) is a log block with no pod.
 */
import type { Block, BlockKind, KubectlCommand } from './block.js';
import { isCommandLine, parseCommand } from './command.js';

const FENCE = /^\s*(```|~~~)/;
/** A shell prompt running something other than kubectl (`$ docker ...`, `user@host:~$ helm ...`). */
const OTHER_PROMPT = /^\s*(?:[\w.@~:/-]*\s*)?\$ +[a-z][\w.-]*(?:\s|$)/;
/** A prompt (`$ `, `user@node:~# `, `(venv) $ `) and the command after it, Markdown stripped. */
const ANY_PROMPT =
  /^\s*(?:\*\*|`{1,3})?\s*(?:\([^)]{0,40}\)\s*)?(?:[^\s$#%`]{0,80}\s*)?[$#%]\s+(.*)$/;
/** A node log reader in command position: bare, under sudo, or on a node through `ssh host --`. */
const HOST_LOG_TOOL =
  /^(?:sudo\s+(?:-\S+\s+)*)?(?:ssh\s+(?:\S+\s+){1,8}?(?:--\s+)?["']?(?:sudo\s+(?:-\S+\s+)*)?)?(?:dmesg|journalctl)(?:\s|$|["'`*])/;
const DESCRIBE_START = /^Name:\s+\S/;
const TABLE_HEADER =
  /^(?:NAMESPACE\s{2,})?(?:NAME|LAST SEEN|LASTSEEN|FIRST SEEN|REVISION)(?:\s{2,}|\t+)[A-Z][A-Z0-9 ()_./-]*$/;
const YAML_START = /^(apiVersion|kind|items|metadata):(\s|$)/;
/**
 * A fragment of an object cut at a well-known key (`spec:`, `template:`, `containers:`, `env:`):
 * read as YAML only where YAML is expected (a fence with no language or `yaml`), and only as the
 * first line of that fence.
 */
const PARTIAL_YAML_START = /^(spec|template|containers|env):\s*$/;
const YAML_FENCE_INFO = /^(ya?ml)?$/i;
const JSON_START = /^\s{0,3}[{[]\s*$|^\s{0,3}\{\s*"/;
const ROLLOUT_TITLE = /^[a-z]+(\.[a-z]+)*[/ ]"?[\w.-]+"?( with revision #\d+)?$/;
const DESCRIBE_KEY = /^[A-Z][A-Za-z0-9 ()/-]*:(\s|$)/;
const LOG_HINT =
  /^\s*(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}|\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}|[IWEF]\d{4} \d{2}:|\[?(INFO|WARN|WARNING|ERROR|DEBUG|FATAL|TRACE)\b|\{"|Traceback|panic:|goroutine \d+|Exception|Error\b|error:|\s+at |[A-Za-z_.]+(Error|Exception):|npm ERR!|standard_init_linux|exec \S+: )|\b(?:level|lvl)=\w|\bts=\d|\[(?:emerg|alert|crit|error|warn|notice)\]|\b(?:ECONNREFUSED|ENOTFOUND|connection refused|no such file or directory|permission denied|exec format error|Killed|Segmentation fault|Traceback)\b/i;

interface Segment {
  from: number; // index into lines (0-based, inclusive)
  to: number; // exclusive
  command?: KubectlCommand;
  /** The output of `dmesg`/`journalctl` on a node: a log whatever its lines look like. */
  hostLog?: true;
  /** Inside a Markdown fence: its info string (`yaml`, `console`, or '' for a bare fence). */
  fence?: string;
}

/** Split the lines of one source into blocks (line numbers 1-based in the result). */
export function splitBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  for (const seg of segments(lines)) {
    const body = trimBlank(lines, seg.from, seg.to);
    if (!body) continue;
    if (seg.hostLog) {
      blocks.push(makeBlock(lines, body.from, body.to, 'logs'));
    } else if (seg.command && commandKind(seg.command) !== 'unknown') {
      pushCommandBlocks(blocks, lines, body.from, body.to, seg.command);
    } else {
      const yamlish = seg.fence !== undefined && YAML_FENCE_INFO.test(seg.fence);
      for (const sub of splitByContent(lines, body.from, body.to, yamlish)) {
        blocks.push(makeBlock(lines, sub.from, sub.to, sub.kind, seg.command));
      }
    }
  }
  return blocks;
}

/** Cut at prompt lines and code fences. */
function segments(lines: string[]): Segment[] {
  const out: Segment[] = [];
  let start = 0;
  let command: KubectlCommand | undefined;
  let hostLog = false;
  let fence: string | undefined; // the open fence's info string
  const close = (end: number): void => {
    if (end > start || command || hostLog)
      out.push({
        from: start,
        to: end,
        ...(command ? { command } : {}),
        ...(hostLog ? { hostLog: true as const } : {}),
        ...(fence !== undefined ? { fence } : {}),
      });
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (FENCE.test(line)) {
      close(i);
      start = i + 1;
      fence = fence === undefined ? line.replace(FENCE, '').trim() : undefined;
      // A fence closes the output of the command before it, but an opening fence right after a
      // prompt line (or after a short caption like `**Output:**`) belongs to that command.
      const captionOnly =
        (command || hostLog) && out.length > 0 && onlyCaption(lines, out[out.length - 1]!);
      if (!((command || hostLog) && i > 0 && captionOnly)) {
        command = undefined;
        hostLog = false;
      } else out.pop();
      continue;
    }
    if (line.length < 2000 && isCommandLine(line)) {
      close(i);
      start = i + 1;
      command = parseCommand(line);
      hostLog = false;
    } else if (isHostLogCommand(line)) {
      // `$ ssh node -- sudo dmesg -T`, `# journalctl -u kubelet`: the node's own log.
      close(i);
      start = i + 1;
      command = undefined;
      hostLog = true;
    } else if (line.includes('$ ') && OTHER_PROMPT.test(line)) {
      // `$ docker ...`, `$ helm ...`: not ours to read, but it ends the output above it.
      close(i);
      start = i + 1;
      command = undefined;
      hostLog = false;
    }
  }
  close(lines.length);
  return out;
}

/**
 * A prompt running a node's kernel or system log reader (`$ dmesg -T`, `# journalctl -k`,
 * `$ ssh node -- sudo dmesg -T | grep -i oom`): its output is a node log, whatever its lines look
 * like. Only the words before the first pipe count, so `| grep dmesg` names no reader.
 */
export function isHostLogCommand(line: string): boolean {
  if (line.length > 2000 || !/dmesg|journalctl/.test(line)) return false;
  const command = ANY_PROMPT.exec(line)?.[1] ?? '';
  return HOST_LOG_TOOL.test(command.split('|')[0] ?? '');
}

/** A segment holding nothing but blank lines and at most two short captions (`Output:`). */
function onlyCaption(lines: string[], seg: Segment): boolean {
  const text = lines.slice(seg.from, seg.to).filter((l) => l.trim() !== '');
  return (
    text.length <= 2 && text.every((l) => l.length <= 60 && /(:|\*\*|^#+ .*)\s*$/.test(l.trim()))
  );
}

function trimBlank(
  lines: string[],
  from: number,
  to: number,
): { from: number; to: number } | undefined {
  let a = from;
  let b = to;
  while (a < b && (lines[a] ?? '').trim() === '') a++;
  while (b > a && (lines[b - 1] ?? '').trim() === '') b--;
  return a < b ? { from: a, to: b } : undefined;
}

/** The kind of output a command prints, or 'unknown' when content must decide. */
export function commandKind(cmd: KubectlCommand): BlockKind {
  const out = cmd.output ?? '';
  switch (cmd.verb) {
    case 'describe':
      return 'describe';
    case 'logs':
      return 'logs';
    case 'rollout':
      return cmd.subverb === 'history' ? 'rollout-history' : 'unknown';
    case 'get':
    case 'events':
      if (/^json/.test(out) || cmd.pipe?.startsWith('jq')) return 'json';
      if (/^ya?ml/.test(out)) return 'yaml';
      if (/^(jsonpath|go-template|template|name)/.test(out)) return 'unknown';
      return 'table';
    default:
      return 'unknown';
  }
}

function pushCommandBlocks(
  blocks: Block[],
  lines: string[],
  from: number,
  to: number,
  cmd: KubectlCommand,
): void {
  const kind = commandKind(cmd);
  if (kind === 'describe') {
    // `kubectl describe pods` prints several objects, each starting at `Name:`.
    let start = from;
    for (let i = from + 1; i < to; i++) {
      if (DESCRIBE_START.test(lines[i] ?? '') && (lines[i - 1] ?? '').trim() === '') {
        const body = trimBlank(lines, start, i);
        if (body) blocks.push(makeBlock(lines, body.from, body.to, 'describe', cmd));
        start = i;
      }
    }
    const body = trimBlank(lines, start, to);
    if (body) blocks.push(makeBlock(lines, body.from, body.to, 'describe', cmd));
    return;
  }
  blocks.push(makeBlock(lines, from, to, kind, cmd));
}

/** Split a region with no usable command by recognisable starts. */
function splitByContent(
  lines: string[],
  from: number,
  to: number,
  yamlish = false,
): { from: number; to: number; kind: BlockKind }[] {
  const out: { from: number; to: number; kind: BlockKind }[] = [];
  let i = from;
  let pending = from; // start of an unclassified run (logs or prose)
  const flushPending = (end: number): void => {
    const body = trimBlank(lines, pending, end);
    if (!body) return;
    const kind = onlyEventRows(lines, body.from, body.to)
      ? 'describe'
      : looksLikeLogs(lines, body.from, body.to)
        ? 'logs'
        : 'unknown';
    out.push({ ...body, kind });
  };
  while (i < to) {
    const line = lines[i] ?? '';
    const prevBlank = i === from || (lines[i - 1] ?? '').trim() === '';
    let end: number | undefined;
    let kind: BlockKind | undefined;
    if (DESCRIBE_START.test(line) && prevBlank) {
      kind = 'describe';
      end = describeEnd(lines, i, to);
    } else if (
      /^Events:\s*$/.test(line) &&
      /^\s+Type\s+Reason\s+Age\s+From\s+Message/.test(lines[i + 1] ?? '')
    ) {
      // The Events section of a describe, pasted (or cut with grep/tail) without its header.
      kind = 'describe';
      end = describeEnd(lines, i, to);
    } else if (
      TABLE_HEADER.test(line.trimEnd()) ||
      (ROLLOUT_TITLE.test(line.trim()) && /^REVISION\s/.test(lines[i + 1] ?? ''))
    ) {
      kind =
        /REVISION/.test(line) || /^REVISION\s/.test(lines[i + 1] ?? '')
          ? 'rollout-history'
          : 'table';
      end = tableEnd(lines, i, to);
    } else if (JSON_START.test(line) && prevBlank) {
      kind = 'json';
      end = jsonEnd(lines, i, to);
    } else if (
      (YAML_START.test(line) && prevBlank) ||
      (yamlish && i === from && PARTIAL_YAML_START.test(line) && nestedNext(lines, i, to))
    ) {
      kind = 'yaml';
      end = yamlEnd(lines, i, to);
    }
    if (kind && end !== undefined) {
      flushPending(i);
      out.push({ from: i, to: end, kind });
      i = end;
      pending = end;
    } else {
      i++;
    }
  }
  flushPending(to);
  return out;
}

function describeEnd(lines: string[], start: number, to: number): number {
  let sawBlank = false;
  for (let i = start + 1; i < to; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      sawBlank = true;
      continue;
    }
    if (DESCRIBE_START.test(line) && sawBlank) return i;
    if (/^\s/.test(line) || DESCRIBE_KEY.test(line) || line.startsWith('---')) {
      sawBlank = false;
      continue;
    }
    if (sawBlank) return i;
  }
  return to;
}

function tableEnd(lines: string[], start: number, to: number): number {
  for (let i = start + 1; i < to; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') return i;
    if (DESCRIBE_START.test(line) || YAML_START.test(line) || JSON_START.test(line)) return i;
  }
  return to;
}

function jsonEnd(lines: string[], start: number, to: number): number {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let opened = false;
  for (let i = start; i < to; i++) {
    const line = lines[i] ?? '';
    for (let j = 0; j < line.length; j++) {
      const ch = line[j];
      if (inString) {
        if (escaped) escaped = false;
        else if (ch === '\\') escaped = true;
        else if (ch === '"') inString = false;
        continue;
      }
      if (ch === '"') inString = true;
      else if (ch === '{' || ch === '[') {
        depth++;
        opened = true;
      } else if (ch === '}' || ch === ']') depth--;
    }
    inString = false;
    if (opened && depth <= 0) return i + 1;
  }
  return to;
}

function yamlEnd(lines: string[], start: number, to: number): number {
  for (let i = start + 1; i < to; i++) {
    const line = lines[i] ?? '';
    if (
      line.trim() === '' ||
      /^\s/.test(line) ||
      /^- /.test(line) ||
      line === '-' ||
      /^---/.test(line) ||
      /^\.\.\.$/.test(line)
    )
      continue;
    if (/^[\w./"'-]+:(\s|$)/.test(line)) continue;
    return i;
  }
  return to;
}

/** The next non-blank line is nested under this one (indented, or a `- ` item). */
function nestedNext(lines: string[], i: number, to: number): boolean {
  for (let j = i + 1; j < to; j++) {
    const line = lines[j] ?? '';
    if (line.trim() === '') continue;
    return /^(\s+\S|- )/.test(line);
  }
  return false;
}

/** A describe Events row without its header: `Warning  FailedScheduling  12s  default-scheduler  0/3…`. */
const EVENT_ROW =
  /^\s*(?:Normal|Warning)\s+[A-Z][A-Za-z]+\s+(?:<[a-z]+>|\d[\w.]*)(?:\s+\(x\d+\s+over\s+[^)]*\))?\s+\S/;

/** Event rows cut out of a describe (copied alone, or grepped): read as that describe's Events. */
function onlyEventRows(lines: string[], from: number, to: number): boolean {
  let rows = 0;
  for (let i = from; i < to; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    if (!EVENT_ROW.test(line)) return false;
    rows++;
  }
  return rows > 0;
}

function looksLikeLogs(lines: string[], from: number, to: number): boolean {
  let hits = 0;
  let total = 0;
  for (let i = from; i < to && total < 200; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    total++;
    if (LOG_HINT.test(line.slice(0, 400))) hits++;
  }
  return total > 0 && hits > 0;
}

function makeBlock(
  lines: string[],
  from: number,
  to: number,
  kind: BlockKind,
  command?: KubectlCommand,
): Block {
  return {
    kind,
    from: from + 1,
    to,
    lines: lines.slice(from, to),
    ...(command ? { command } : {}),
  };
}
