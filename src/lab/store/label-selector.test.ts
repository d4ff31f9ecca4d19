import { describe, expect, it } from 'vitest';
import {
  formatLabelSelectorObject,
  formatLabels,
  fromLabelSelectorObject,
  matchesLabels,
  parseLabelSelector,
} from './label-selector.js';
import { StoreError } from './types.js';

const labels = { app: 'web', tier: 'frontend', version: '3' };

describe('label selectors', () => {
  it.each([
    ['', true],
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app!=db', true],
    ['missing!=x', true],
    ['app in (web, api)', true],
    ['app notin (web)', false],
    ['missing notin (web)', true],
    ['tier', true],
    ['!tier', false],
    ['!missing', true],
    ['app=web,tier=backend', false],
    ['app=web, tier in (frontend,backend)', true],
    ['version>2', true],
    ['version<3', false],
  ])('%s → %s', (selector, expected) => {
    expect(matchesLabels(parseLabelSelector(selector), labels)).toBe(expected);
  });

  it('rejects malformed selectors with a 400', () => {
    expect(() => parseLabelSelector('app=web,,x')).toThrow(StoreError);
    expect(() => parseLabelSelector('a b c')).toThrow(/unable to parse requirement/);
  });

  it('converts matchLabels/matchExpressions and prints them like kubectl', () => {
    const sel = {
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }],
    };
    expect(matchesLabels(fromLabelSelectorObject(sel) ?? [], { app: 'web', env: 'dev' })).toBe(
      true,
    );
    expect(formatLabelSelectorObject(sel)).toBe('app=web,env in (dev,prod)');
    expect(formatLabelSelectorObject({})).toBe('<none>');
    expect(fromLabelSelectorObject(undefined)).toBeUndefined();
    expect(formatLabels({ b: '2', a: '1' })).toBe('a=1,b=2');
    expect(formatLabels({})).toBe('<none>');
  });
});
