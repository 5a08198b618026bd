// @vitest-environment happy-dom
/**
 * The Files panel's alert about a file name is about the name the learner tried to add: once the field is edited
 * it says nothing about what is typed there (it stayed up while a good name was typed, until the next Add).
 */
import { act } from 'react';
import { expect, it } from 'vitest';
import { FilesPanel } from './FilesPanel';
import { rootPerTest } from '../testing/reactRoot';

const at = rootPerTest();

/** Type `text` into the new file's name, as a key press would (React hears the input event). */
async function typeName(text: string): Promise<void> {
  const input = at.host.querySelector<HTMLInputElement>('.file-add input')!;
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

it('a bad file name is said at Add, and the alert goes once the name is edited', async () => {
  const added: [string, string][][] = [];
  await act(async () => at.root.render(<FilesPanel editable draft={[]} live={[]} onChange={(f) => added.push(f)} />));
  const alert = () => at.host.querySelector('[role="alert"]');
  await typeName('no spaces allowed');
  await act(async () => at.host.querySelector<HTMLButtonElement>('.file-add button[type="submit"]')!.click());
  expect(alert()).not.toBeNull();
  expect(added).toEqual([]);
  await typeName('data.json');
  expect(alert()).toBeNull();
  expect(at.host.querySelector('.file-add input')!.getAttribute('aria-invalid')).toBe('false');
});

it('during a run the panel keeps every control, disabled, and the content read-only (removing them moved the page)', async () => {
  await act(async () => at.root.render(<FilesPanel editable={false} draft={[['data.json', 'x']]} live={[{ name: 'data.json', content: 'y' }]} onChange={() => undefined} />));
  expect(at.host.querySelector<HTMLInputElement>('.file-add input')?.disabled).toBe(true);
  expect(at.host.querySelector<HTMLButtonElement>('.file-add button[type="submit"]')?.disabled).toBe(true);
  expect(at.host.querySelector<HTMLButtonElement>('.file-head button')?.disabled).toBe(true);
  const content = at.host.querySelector<HTMLTextAreaElement>('textarea')!;
  expect([content.readOnly, content.value]).toEqual([true, 'y']);
});
