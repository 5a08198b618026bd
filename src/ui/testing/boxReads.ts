/**
 * Render tests of virtual lists: happy-dom lays nothing out, so every element is given a box (`width` × `height`),
 * and the reads of the one element `watch` names are counted (each a forced layout in a browser).
 * Call `restore` after the test.
 */
export function boxReads(width: number, height: number): { watch(el: Element | null): void; readonly reads: number; restore(): void } {
  let watched: Element | null = null;
  let reads = 0;
  const saved = (['clientWidth', 'clientHeight'] as const).map((key) => [key, Object.getOwnPropertyDescriptor(HTMLElement.prototype, key)] as const);
  for (const [key] of saved)
    Object.defineProperty(HTMLElement.prototype, key, {
      configurable: true,
      get(this: HTMLElement) {
        if (watched && this === watched) reads++;
        return key === 'clientWidth' ? width : height;
      },
    });
  return {
    watch: (el) => void (watched = el),
    get reads() {
      return reads;
    },
    restore() {
      for (const [key, d] of saved) if (d) Object.defineProperty(HTMLElement.prototype, key, d);
      else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[key];
    },
  };
}
