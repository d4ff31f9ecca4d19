/**
 * The signature scanner: one pass over a log's lines, testing each line only against the
 * signatures whose keywords it contains. Keywords are found with one combined literal regex per
 * line, so the cost stays linear in the log size however large the library grows.
 */
import type { LogEntry } from '../evidence/types.js';
import { escapeRegExp } from '../regexp.js';
import type { Extract, Signature, SignatureMatch } from './types.js';

/** Lines longer than this are scanned only in their first part (pathological pastes). */
const MAX_SCAN_LINE = 16 * 1024;

export class SignatureScanner {
  private readonly keywordRe: RegExp;
  private readonly byKeyword = new Map<string, Signature[]>();
  readonly signatures: readonly Signature[];

  constructor(signatures: readonly Signature[]) {
    this.signatures = signatures;
    for (const sig of signatures) {
      for (const kw of sig.keywords) {
        const list = this.byKeyword.get(kw) ?? [];
        list.push(sig);
        this.byKeyword.set(kw, list);
      }
    }
    // The alternation reports the longest keyword at a position; a shorter keyword that is a
    // prefix of it (`Error` in `ErrorCode`) starts there too, so it carries their signatures.
    const keywords = [...this.byKeyword.keys()];
    for (const kw of keywords) {
      const extra = keywords
        .filter((k) => k !== kw && kw.startsWith(k))
        .flatMap((k) => this.byKeyword.get(k) ?? []);
      if (extra.length > 0)
        this.byKeyword.set(kw, [...new Set([...(this.byKeyword.get(kw) ?? []), ...extra])]);
    }
    // Longest first so a longer keyword wins at the same position.
    const alternation = [...this.byKeyword.keys()]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|');
    this.keywordRe = new RegExp(alternation || '(?!)', 'g');
  }

  /** Match every signature against one physical line. */
  matchLine(line: string): { signature: Signature; groups: Partial<Record<Extract, string>> }[] {
    const text = line.length > MAX_SCAN_LINE ? line.slice(0, MAX_SCAN_LINE) : line;
    const candidates = new Set<Signature>();
    this.keywordRe.lastIndex = 0;
    for (let m = this.keywordRe.exec(text); m; m = this.keywordRe.exec(text)) {
      for (const sig of this.byKeyword.get(m[0]) ?? []) candidates.add(sig);
      // Keywords overlap (`KeyError` holds `Error`): resume one past the match start.
      this.keywordRe.lastIndex = m.index + 1;
    }
    const out: { signature: Signature; groups: Partial<Record<Extract, string>> }[] = [];
    for (const sig of candidates) {
      const m = sig.pattern.exec(text);
      if (!m) continue;
      const groups: Partial<Record<Extract, string>> = {};
      // Alternatives name their groups `host`, `host2`...: JS forbids duplicate group names.
      for (const [k, v] of Object.entries(m.groups ?? {})) {
        if (v !== undefined) groups[k.replace(/\d+$/, '') as Extract] ??= v;
      }
      out.push({ signature: sig, groups });
    }
    return out;
  }

  /** Scan log entries (each physical line of each entry). */
  scan(entries: readonly LogEntry[]): SignatureMatch[] {
    const out: SignatureMatch[] = [];
    entries.forEach((entry, entryIndex) => {
      const physical = entry.text.split('\n');
      physical.forEach((raw, lineOffset) => {
        // `kubectl logs --timestamps` / `--prefix` put text before the app's own line; anchored
        // signatures must see the line as the app printed it.
        const text = raw.replace(KUBECTL_PREFIX, '');
        for (const { signature, groups } of this.matchLine(text)) {
          out.push({ signature, entryIndex, lineOffset, text, groups });
        }
      });
    });
    return out;
  }
}

const KUBECTL_PREFIX =
  /^(?:\[pod\/[^\]\s]{1,253}\] )?(?:\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z )?/;
