/** Render tests: a React root on an element of its own for each test, unmounted and removed after it. */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, vi } from 'vitest';

/** Call at the top of a file or a describe; read `root` and `host` inside the tests (each test gets new ones). */
export function rootPerTest(): { readonly root: Root; readonly host: HTMLElement } {
  const at = {} as { root: Root; host: HTMLElement };
  beforeEach(() => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    at.host = document.body.appendChild(document.createElement('div'));
    at.root = createRoot(at.host);
  });
  afterEach(async () => {
    await act(async () => at.root.unmount());
    at.host.remove();
    vi.restoreAllMocks();
  });
  return at;
}
