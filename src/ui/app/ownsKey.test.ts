// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { ownsKey } from './ownsKey';

function input(type: string): HTMLInputElement {
  const el = document.createElement('input');
  el.type = type;
  return el;
}

describe('ownsKey', () => {
  it('an open dialog takes every key, for whatever in it has the focus (the page behind is inert)', () => {
    const dialog = document.body.appendChild(document.createElement('dialog'));
    const close = dialog.appendChild(document.createElement('button'));
    dialog.setAttribute('open', '');
    for (const el of [dialog, close]) for (const key of ['n', 'r', 'u', '1', 's']) expect(ownsKey(el, key), `${el.tagName} ${key}`).toBe(true);
    dialog.removeAttribute('open');
    expect(ownsKey(close, 'n')).toBe(false);
    dialog.remove();
  });

  it('a text field, a number field, a select and a text area take every key', () => {
    for (const el of [input('text'), input('number'), document.createElement('select'), document.createElement('textarea')]) {
      for (const key of ['r', '?', ' ', 'u', '1']) expect(ownsKey(el, key), `${el.tagName} ${key}`).toBe(true);
    }
  });

  it('a slider takes only the keys that move it: R, ? and Space still reach the page', () => {
    const slider = input('range');
    for (const key of ['ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp']) expect(ownsKey(slider, key)).toBe(true);
    for (const key of ['r', '?', 'u', 'n', ' ', '3']) expect(ownsKey(slider, key)).toBe(false);
  });

  it('a checkbox, a switch button and a link take Space and Enter only', () => {
    const sw = document.createElement('button');
    sw.setAttribute('role', 'switch');
    for (const el of [input('checkbox'), sw, document.createElement('a')]) {
      expect(ownsKey(el, ' ')).toBe(true);
      expect(ownsKey(el, 'Enter')).toBe(true);
      expect(ownsKey(el, 'r')).toBe(false);
      expect(ownsKey(el, '?')).toBe(false);
    }
  });

  it('a region that scrolls sideways takes ← and → (they scroll it); one that fits, or other keys, reach the page', () => {
    const region = document.createElement('div');
    region.style.overflowX = 'auto';
    document.body.append(region);
    const size = (scroll: number) => {
      Object.defineProperty(region, 'scrollWidth', { value: scroll, configurable: true });
      Object.defineProperty(region, 'clientWidth', { value: 300, configurable: true });
    };
    size(600);
    expect(ownsKey(region, 'ArrowRight')).toBe(true);
    expect(ownsKey(region, 'ArrowLeft')).toBe(true);
    for (const key of ['n', 'End', ' ']) expect(ownsKey(region, key)).toBe(false);
    size(300);
    expect(ownsKey(region, 'ArrowRight')).toBe(false);
    region.remove();
  });

  it('an editable region (the code editor) takes every key; the page body none', () => {
    const div = document.createElement('div');
    div.contentEditable = 'true';
    document.body.append(div);
    expect(ownsKey(div, 'r')).toBe(true);
    expect(ownsKey(document.body, 'r')).toBe(false);
    expect(ownsKey(null, 'r')).toBe(false);
  });
});
