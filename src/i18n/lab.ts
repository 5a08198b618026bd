import { defineStrings } from './define';

/** Strings of the process lab (scenarios, lanes, lock, queue, verdict). */
export const labStrings = defineStrings({
  en: {
    'lab.title': 'Processes',
  },
  zh: {
    'lab.title': '进程',
  },
});
