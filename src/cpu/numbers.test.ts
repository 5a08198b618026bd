import { describe, expect, it } from 'vitest';
import { formatDec2, formatInt, formatPercent, pluralOf } from './numbers';

describe('numbers and plurals in the CPU lab', () => {
  it('group separators and two decimals per language', () => {
    expect(formatInt('en', 1234567)).toBe('1,234,567');
    expect(formatInt('zh', 1234567)).toBe('1,234,567');
    expect(formatInt('en', 999)).toBe('999');
    expect(formatDec2('en', 0.5)).toBe('0.50');
    expect(formatDec2('en', 1234.5)).toBe('1,234.50');
    expect(formatPercent('en', 0.876)).toBe('88%');
  });

  it('one tick, two ticks; Chinese has no plural', () => {
    expect(pluralOf('en', 1)).toBe('one');
    expect(pluralOf('en', 0)).toBe('other');
    expect(pluralOf('en', 2)).toBe('other');
    expect(pluralOf('zh', 1)).toBe('other');
  });
});
