import { create } from 'zustand';
import type { Lang } from '../i18n/i18n';
import type { ParamNotice } from './urlParams';

export type LabId = 'race' | 'cpu' | 'python';

/** App-wide state: language, which lab is open, URL notices. */
export interface AppState {
  lang: Lang;
  lab: LabId;
  notices: ParamNotice[];
  setLang(lang: Lang): void;
  setLab(lab: LabId): void;
  addNotices(n: ParamNotice[]): void;
  dismissNotice(index: number): void;
}

export const useAppStore = create<AppState>((set) => ({
  lang: 'en',
  lab: 'race',
  notices: [],
  setLang: (lang) => set({ lang }),
  setLab: (lab) => set({ lab }),
  addNotices: (n) => set((s) => ({ notices: [...s.notices, ...n] })),
  dismissNotice: (i) => set((s) => ({ notices: s.notices.filter((_, j) => j !== i) })),
}));
