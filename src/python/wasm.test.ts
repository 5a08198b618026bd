import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gunzipped } from './wasm';

describe('the snapshot file (gzipped by the build)', () => {
  const snapshot = new Uint8Array(200_000).map((_, i) => (i % 7 === 0 ? i & 0xff : 0));
  snapshot.set([0x00, 0x73, 0x6e, 0x70]); // Pyodide's snapshots start like this, never with gzip's 1f 8b

  it('is inflated by the page', async () => {
    const file = new Uint8Array(gzipSync(snapshot));
    expect(file.length).toBeLessThan(snapshot.length / 4);
    expect(await gunzipped(file)).toEqual(snapshot);
  });

  it('is taken as it is when the host already inflated it (Content-Encoding: gzip for .gz)', async () => {
    const bytes = snapshot.slice();
    expect(await gunzipped(bytes)).toBe(bytes);
  });
});
