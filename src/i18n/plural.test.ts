import { describe, expect, it } from 'vitest';
import { agree, counted, formatNumber, num, pluralCategory } from './plural';
import { translate } from './i18n';

describe('plurals and numbers', () => {
  it('num: each language groups big numbers its own way (scenario texts written in both at once)', () => {
    expect(num.en(1_000_000)).toBe('1,000,000');
    expect(num.zh(1_000_000)).toBe(formatNumber(1_000_000, 'zh'));
    expect(num.en(-12_345)).toBe('-12,345');
  });

  it('English counts agree with their noun', () => {
    expect(counted(1, 'task')).toBe('1 task');
    expect(counted(0, 'task')).toBe('0 tasks');
    expect(counted(2, 'None', 'Nones')).toBe('2 Nones');
    expect(counted(1_000_000, 'update')).toBe('1,000,000 updates');
  });

  it('English verbs agree with their count ("1 item were consumed" was the texts\' word)', () => {
    expect(`${counted(1, 'item')} ${agree(1, 'was', 'were')}`).toBe('1 item was');
    expect(`${counted(0, 'item')} ${agree(0, 'was', 'were')}`).toBe('0 items were');
    expect(`${counted(2, 'consumer')} never ${agree(2, 'gets', 'get')}`).toBe('2 consumers never get');
  });

  it('numbers get the separators of the language; Chinese has one plural form', () => {
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(1234567, 'zh')).toBe('1,234,567');
    expect(formatNumber(0.25)).toBe('0.25');
    expect(pluralCategory(1, 'zh')).toBe('other');
  });

  it('dictionary templates choose a plural form and format numbers', () => {
    expect(translate('en', 'lab.events', { n: 1 })).toBe('1 event');
    expect(translate('en', 'lab.events', { n: 12345 })).toBe('12,345 events');
    expect(translate('zh', 'lab.events', { n: 1 })).toBe('1 个事件');
  });
});
