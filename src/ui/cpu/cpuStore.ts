import { create } from 'zustand';
import { defaultConfig, type LabConfig, type ViewMode } from '../../cpu/params';
import type { Job, SimOptions } from '../../cpu/types';

/**
 * The CPU lab's state: the workload and options (mirrored in the URL) and
 * where the learner is in the precomputed run. The run itself is derived
 * (memoised in the component), never stored.
 */
export interface CpuLabState {
  config: LabConfig;
  /** The tick shown: 0 … length (length = "all done"). */
  cursor: number;
  playing: boolean;
  /** Ticks per second while playing. */
  speed: number;
  /** Seed of the next random workload. */
  seed: number;
  setJobs(jobs: Job[]): void;
  setOptions(patch: Partial<SimOptions>): void;
  setConfig(config: LabConfig): void;
  setView(view: ViewMode): void;
  setCursor(c: number): void;
  setPlaying(p: boolean): void;
  setSpeed(s: number): void;
  setSeed(s: number): void;
}

export const useCpuStore = create<CpuLabState>((set) => ({
  config: defaultConfig(),
  cursor: 0,
  playing: false,
  speed: 2,
  seed: 1,
  setJobs: (jobs) => set((s) => ({ config: { ...s.config, jobs } })),
  setOptions: (patch) => set((s) => ({ config: { ...s.config, options: { ...s.config.options, ...patch } } })),
  setConfig: (config) => set({ config }),
  setView: (view) => set((s) => ({ config: { ...s.config, view } })),
  setCursor: (cursor) => set({ cursor: Math.max(0, cursor) }),
  setPlaying: (playing) => set({ playing }),
  setSpeed: (speed) => set({ speed }),
  setSeed: (seed) => set({ seed }),
}));
