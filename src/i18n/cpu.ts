import { defineStrings } from './define';

/** Strings of the CPU scheduling lab (src/cpu, src/ui/cpu). */
export const cpuStrings = defineStrings({
  en: {
    'cpu.title': 'CPU scheduling',
  },
  zh: {
    'cpu.title': 'CPU 调度',
  },
});
