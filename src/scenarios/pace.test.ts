/**
 * "Run is watchable": a Run at 1× in a scenario's default mode lasts at most
 * about 20 s. Its length is estimated from a turbo run of the same program:
 * the kernel's auto-run waits 350 ms per op in step mode and 40 ms per op
 * plus the virtual time in clock mode (kernel.worker.ts, STEP_DELAY_MS), all
 * divided by the speed, which is the learner's times the scenario's `pace`.
 */
import { describe, expect, it } from 'vitest';
import { scenarios } from './registry';
import { defaultSettings, effectivePace } from '../lab/settings';
import { withDefaults } from './testing/run';
import { useScenarioMachine } from './testing/expectations';

const MS_PER_OP = { step: 350, clock: 40 } as const;
const machine = useScenarioMachine(12);

describe('default pace', () => {
  for (const sc of scenarios) {
    const s = defaultSettings(sc);
    if (s.mode === 'parallel' || sc.commands) continue;
    const mode = s.mode;
    it(`${sc.id}: Run at 1× in ${mode} mode ends within about 20 s`, async () => {
      const r = await machine().run(sc.id, withDefaults(sc.id, s.params), { mode, seed: 1, turbo: true }, { timeoutMs: 20_000 });
      const ops = r.scheduler.schedule.length;
      const seconds = (ops * MS_PER_OP[mode] + (mode === 'clock' ? r.scheduler.lastTime * 1000 : 0)) / 1000 / effectivePace(s).speed;
      expect(seconds, `${ops} ops`).toBeLessThanOrEqual(20);
    });
  }
});
