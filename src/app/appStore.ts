import { create } from 'zustand';
import type { Lang } from '../i18n/i18n';
import type { ParamNotice } from './urlParams';

/** The labs, as the `lab` URL parameter names them (`race` is the default: the process lab). */
export const LAB_IDS = ['race', 'cpu', 'python'] as const;
export type LabId = (typeof LAB_IDS)[number];
/** What the page shows: the start page (a URL with no query but `lang`) or a lab. */
export type PageId = 'home' | LabId;

/** App-wide state: language, which page is open, URL notices. */
export interface AppState {
  lang: Lang;
  lab: PageId;
  notices: ParamNotice[];
  /** Bumped when Back/Forward lands on another entry: the page remounts and re-reads the URL. */
  visit: number;
  /** The page was opened by a link on the start page (not typed or shared): offer the tour. */
  fromStart: boolean;
  setLang(lang: Lang): void;
  setLab(lab: PageId): void;
  addNotices(n: ParamNotice[]): void;
  dismissNotice(index: number): void;
}

export const useAppStore = create<AppState>((set) => ({
  lang: 'en',
  lab: 'race',
  notices: [],
  visit: 0,
  fromStart: false,
  setLang: (lang) => set({ lang }),
  setLab: (lab) => set({ lab }),
  addNotices: (n) => set((s) => ({ notices: [...s.notices, ...n] })),
  dismissNotice: (i) => set((s) => ({ notices: s.notices.filter((_, j) => j !== i) })),
}));
