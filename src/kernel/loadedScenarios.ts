/**
 * The scenarios a process worker has loaded. A worker is given a loader per
 * scenario id (a dynamic import each, src/scenarios/catalogue.ts) and imports a
 * scenario's module only when it is warmed for it or attached to it: the
 * worker's own chunk no longer carries every scenario's program (measured in
 * docs/ARCHITECTURE.md, "A worker imports only the scenario it runs").
 */
import type { RunnableScenario } from '../core/process';

export type AnyScenario = RunnableScenario<unknown, unknown>;
/** Scenario id → its module's import. */
export type ScenarioLoaders = Readonly<Record<string, () => Promise<AnyScenario>>>;

/** Loaders that hand out scenarios already in memory (a catalogue given as a list: the test catalogues). */
export function loadersOf(scenarios: readonly AnyScenario[]): ScenarioLoaders {
  return Object.fromEntries(scenarios.map((s) => [s.id, () => Promise.resolve(s)]));
}

/** The error an attach to an id no loader knows fails with (ProcessHost says the same of an id it was not given). */
export const unknownScenario = (id: string) => new Error(`Unknown scenario "${id}"`);

export class LoadedScenarios {
  /** What ProcessHost serves from: filled in as scenarios load. */
  readonly byId: Record<string, AnyScenario> = {};
  private readonly loading = new Map<string, Promise<AnyScenario>>();

  constructor(
    private readonly loaders: ScenarioLoaders,
    /** Once per scenario, after it loaded and before `load` resolves (the worker rehearses it here). */
    private readonly loaded: (scenario: AnyScenario) => void = () => {},
  ) {}

  /** Ids of the scenarios loaded or loading. */
  get ids(): string[] {
    return [...this.loading.keys()];
  }

  /** The scenario `id`, imported once (a failed import is tried again on the next call). */
  load(id: string): Promise<AnyScenario> {
    const known = this.loading.get(id);
    if (known) return known;
    if (!Object.hasOwn(this.loaders, id)) return Promise.reject(unknownScenario(id));
    const p = this.loaders[id]!().then((s) => {
      if (s.id !== id) throw new Error(`the loader of "${id}" gave scenario "${s.id}"`);
      this.byId[id] = s;
      this.loaded(s);
      return s;
    });
    this.loading.set(id, p);
    p.catch(() => this.loading.delete(id));
    return p;
  }
}
