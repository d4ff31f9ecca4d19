/**
 * Label selectors as the API accepts them in `?labelSelector=` (`a=b`, `a==b`, `a!=b`,
 * `a in (x,y)`, `a notin (x)`, `a`, `!a`, `a>1`, `a<2`) and as objects carry them
 * (`{matchLabels, matchExpressions}`), plus the string forms kubectl's printers show.
 */
import { StoreError } from './types.js';
import { isPlainObject } from './object-utils.js';

export type LabelOperator = '=' | '!=' | 'in' | 'notin' | 'exists' | '!' | '>' | '<';

export interface LabelRequirement {
  key: string;
  op: LabelOperator;
  values: string[];
}

export type LabelSelector = LabelRequirement[];

const KEY_RE =
  /^([a-z0-9A-Z]([-a-zA-Z0-9.]*[a-zA-Z0-9])?\/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$/;

function bad(message: string): StoreError {
  return new StoreError('BadRequest', 400, `unable to parse requirement: ${message}`);
}

function splitTopLevel(input: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of input) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  parts.push(cur);
  return parts;
}

function checkKey(key: string): string {
  if (!KEY_RE.test(key) || key.length > 317) throw bad(`invalid label key "${key}"`);
  return key;
}

/** Parses `?labelSelector=`; an empty string selects everything. Throws BadRequest. */
export function parseLabelSelector(input: string | undefined): LabelSelector {
  const text = (input ?? '').trim();
  if (text === '') return [];
  const out: LabelRequirement[] = [];
  for (const raw of splitTopLevel(text)) {
    const part = raw.trim();
    if (part === '') throw bad(`found '', expected: identifier`);
    let m = /^!\s*(\S+)$/.exec(part);
    if (m) {
      out.push({ key: checkKey(m[1] ?? ''), op: '!', values: [] });
      continue;
    }
    m = /^(\S+?)\s+(in|notin)\s*\((.*)\)$/.exec(part);
    if (m) {
      const values = (m[3] ?? '')
        .split(',')
        .map((v) => v.trim())
        .filter((v, i, all) => v !== '' || all.length > 1);
      out.push({ key: checkKey(m[1] ?? ''), op: m[2] === 'in' ? 'in' : 'notin', values });
      continue;
    }
    m = /^([^=!<>\s]+)\s*(==|=|!=|>|<)\s*(\S*)$/.exec(part);
    if (m) {
      const opText = m[2] ?? '=';
      const op: LabelOperator =
        opText === '!=' ? '!=' : opText === '>' ? '>' : opText === '<' ? '<' : '=';
      const value = m[3] ?? '';
      if ((op === '>' || op === '<') && !/^-?\d+$/.test(value)) {
        throw bad(`for 'Gt', 'Lt' operators, the value must be an integer`);
      }
      out.push({ key: checkKey(m[1] ?? ''), op, values: [value] });
      continue;
    }
    if (/^\S+$/.test(part)) {
      out.push({ key: checkKey(part), op: 'exists', values: [] });
      continue;
    }
    throw bad(`found '${part}', expected: in, notin, =, ==, !=, gt, lt`);
  }
  return out;
}

export function matchesLabels(
  selector: LabelSelector,
  labels: Record<string, string> | undefined,
): boolean {
  for (const req of selector) {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, req.key);
    const value = has ? labels[req.key] : undefined;
    switch (req.op) {
      case '=':
        if (!has || value !== req.values[0]) return false;
        break;
      case '!=':
        if (has && value === req.values[0]) return false;
        break;
      case 'in':
        if (!has || !req.values.includes(value ?? '')) return false;
        break;
      case 'notin':
        if (has && req.values.includes(value ?? '')) return false;
        break;
      case 'exists':
        if (!has) return false;
        break;
      case '!':
        if (has) return false;
        break;
      case '>':
      case '<': {
        if (!has || !/^-?\d+$/.test(value ?? '')) return false;
        const n = Number(value);
        const limit = Number(req.values[0]);
        if (req.op === '>' ? !(n > limit) : !(n < limit)) return false;
        break;
      }
    }
  }
  return true;
}

/**
 * A metav1.LabelSelector object (`{matchLabels, matchExpressions}`) as requirements. An
 * absent selector selects nothing (returns undefined); an empty one selects everything.
 */
export function fromLabelSelectorObject(selector: unknown): LabelSelector | undefined {
  if (!isPlainObject(selector)) return undefined;
  const out: LabelRequirement[] = [];
  const matchLabels = selector['matchLabels'];
  if (isPlainObject(matchLabels)) {
    for (const [key, value] of Object.entries(matchLabels)) {
      out.push({ key, op: '=', values: [String(value)] });
    }
  }
  const exprs = selector['matchExpressions'];
  if (Array.isArray(exprs)) {
    for (const e of exprs) {
      if (!isPlainObject(e) || typeof e['key'] !== 'string') continue;
      const values = Array.isArray(e['values']) ? e['values'].map(String) : [];
      const op = e['operator'];
      if (op === 'In') out.push({ key: e['key'], op: 'in', values });
      else if (op === 'NotIn') out.push({ key: e['key'], op: 'notin', values });
      else if (op === 'Exists') out.push({ key: e['key'], op: 'exists', values: [] });
      else if (op === 'DoesNotExist') out.push({ key: e['key'], op: '!', values: [] });
    }
  }
  return out;
}

/** A `{key: value}` map (Service selector, nodeSelector) as equality requirements. */
export function fromLabelMap(map: Record<string, string>): LabelSelector {
  return Object.entries(map).map(([key, value]) => ({ key, op: '=' as const, values: [value] }));
}

/** The canonical string form (`labels.Selector.String()`): requirements sorted by key. */
export function formatSelector(selector: LabelSelector): string {
  return [...selector]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((r) => {
      switch (r.op) {
        case '=':
          return `${r.key}=${r.values[0] ?? ''}`;
        case '!=':
          return `${r.key}!=${r.values[0] ?? ''}`;
        case 'in':
        case 'notin':
          return `${r.key} ${r.op} (${[...r.values].sort().join(',')})`;
        case 'exists':
          return r.key;
        case '!':
          return `!${r.key}`;
        default:
          return `${r.key}${r.op}${r.values[0] ?? ''}`;
      }
    })
    .join(',');
}

/** `metav1.FormatLabelSelector`: `<none>` when empty. */
export function formatLabelSelectorObject(selector: unknown): string {
  const parsed = fromLabelSelectorObject(selector);
  const text = parsed ? formatSelector(parsed) : '';
  return text === '' ? '<none>' : text;
}

/** `labels.FormatLabels`: sorted `k=v` pairs, `<none>` when empty. */
export function formatLabels(map: Record<string, string> | undefined): string {
  const entries = Object.entries(map ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length === 0 ? '<none>' : entries.map(([k, v]) => `${k}=${v}`).join(',');
}
