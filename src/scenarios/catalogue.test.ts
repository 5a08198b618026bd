/**
 * The catalogue of loaders the process workers import from (src/scenarios/catalogue.ts): it names every
 * scenario the registry does, each loader gives its own scenario, and a worker given it loads only the
 * scenario it is attached to.
 */
import { describe, expect, it, vi } from 'vitest';
import { Memory } from '../core/layout';
import { World, heapWordsFor } from '../core/world';
import { AttachBoard, attachEach, isAttachFailure, type AttachTarget } from '../kernel/attach';
import { LoadedScenarios, type AnyScenario } from '../kernel/loadedScenarios';
import { nodeWorkerReady, startNodeWorker } from '../kernel/testing/nodeMachine';
import { scenarioLoaders } from './catalogue';
import { scenarioById } from './registry';
import { runScenario, withDefaults } from './testing/run';
import { useScenarioMachine } from './testing/expectations';

const workerModule = new URL('./catalogue.ts', import.meta.url).href;

describe('the catalogue of loaders', () => {
  it('names exactly the scenarios the registry runs, and each loader gives its own', async () => {
    expect(Object.keys(scenarioLoaders).sort()).toEqual([...scenarioById.keys()].sort());
    for (const [id, load] of Object.entries(scenarioLoaders)) {
      const s = await load();
      expect(s.id).toBe(id);
      expect(s.programs).toBe(scenarioById.get(id)!.programs);
    }
  });
});

describe('LoadedScenarios', () => {
  const fake = (id: string) => ({ id }) as AnyScenario;

  it('imports a scenario once, on first need, and only that one', async () => {
    const a = vi.fn(() => Promise.resolve(fake('a')));
    const b = vi.fn(() => Promise.resolve(fake('b')));
    const loaded: string[] = [];
    const shelf = new LoadedScenarios({ a, b }, (s) => loaded.push(s.id));
    await Promise.all([shelf.load('a'), shelf.load('a')]);
    await shelf.load('a');
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).not.toHaveBeenCalled();
    expect(loaded).toEqual(['a']);
    expect(Object.keys(shelf.byId)).toEqual(['a']);
    expect(shelf.ids).toEqual(['a']);
  });

  it('an unknown id fails with the name, and a failed import is tried again', async () => {
    let fail = true;
    const shelf = new LoadedScenarios({ a: () => (fail ? Promise.reject(new Error('offline')) : Promise.resolve(fake('a'))), constructor: () => Promise.resolve(fake('x')) });
    await expect(shelf.load('nope')).rejects.toThrow('Unknown scenario "nope"');
    await expect(shelf.load('toString')).rejects.toThrow('Unknown scenario "toString"');
    await expect(shelf.load('a')).rejects.toThrow('offline');
    fail = false;
    await expect(shelf.load('a')).resolves.toMatchObject({ id: 'a' });
    await expect(shelf.load('constructor')).rejects.toThrow('the loader of "constructor" gave scenario "x"');
  });
});

describe('a worker thread given the catalogue (real threads)', () => {
  const machine = useScenarioMachine(3);

  it('attached to tickets, runs tickets and has loaded nothing else', async () => {
    const { result, judgement } = await runScenario(machine(), 'tickets', { clients: 2, lock: 'on' }, { mode: 'step', seed: 1 });
    expect(result.status).toBe('finished');
    expect(judgement.verdict).toBe('ok');
    expect(result.console.at(-1)?.text).toBe('tickets left: 0');
    for (let pid = 0; pid < 3; pid++) expect(await machine().loaded(pid)).toEqual(['tickets']);
  });

  it('attached to an id the catalogue lacks, fails the attach with the name', async () => {
    const w = await nodeWorkerReady(startNodeWorker(workerModule));
    try {
      const board = new AttachBoard(1);
      w.on('message', (m: unknown) => isAttachFailure(m) && board.fail(m));
      const target: AttachTarget = { post: (_i, order) => w.postMessage(order), replace: () => {} };
      const tickets = scenarioById.get('tickets')!;
      const params = withDefaults('tickets', {});
      const heapWords = heapWordsFor((world) => tickets.setup(world, params), (words) => Memory.create({ maxProcs: 1, ringEvents: 2, heapWords: words }));
      const mem = Memory.create({ maxProcs: 1, heapWords });
      tickets.setup(new World(mem, true), params);
      await expect(attachEach(board, 1, () => board.order(0, mem.sab, 'no-such-scenario', params), target, { first: 20_000, retry: 20_000 })).rejects.toThrow(
        /worker 0 could not attach: Unknown scenario "no-such-scenario"/,
      );
    } finally {
      await w.terminate();
    }
  });
});
