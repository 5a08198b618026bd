/**
 * CodeMirror's styles (layout, gutters, highlighting) go through style-mod,
 * which writes them into a <style> element when the root is a document. The
 * page's Content-Security-Policy (style-src without 'unsafe-inline', see
 * docs/DEPLOY.md) rightly refuses inline style text: the editor showed its
 * gutters over unstyled code, with a CSP error in the console. style-mod uses
 * a constructed, adopted stylesheet instead (CSSOM, which the policy allows)
 * for a root without a <head>, and keeps whichever style set a root got
 * first: so the document's set is created once, before any editor, while
 * `head` reads as null.
 */
import { StyleModule } from 'style-mod';

let adopted = false;

/** Make style-mod keep this document's styles in an adopted sheet (call before the first editor; idempotent). */
export function adoptEditorStyles(doc: Document = document): void {
  if (adopted || !('adoptedStyleSheets' in doc)) return;
  adopted = true;
  Object.defineProperty(doc, 'head', { configurable: true, get: () => null });
  try {
    StyleModule.mount(doc, new StyleModule({}));
  } finally {
    // The own property shadowed Document.prototype's getter: removing it gives `head` back.
    delete (doc as { head?: unknown }).head;
  }
}
