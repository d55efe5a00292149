import { create } from 'zustand';
import { loadJson, saveJson } from './persisted';

export type ThemePref = 'system' | 'light' | 'dark';

function applyTheme(theme: ThemePref) {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

/** Device preferences that are not data: theme, AI provider choice (the key itself stays in main). */
interface Prefs {
  theme: ThemePref;
  aiProvider: string;
  aiModel: string;
  setTheme(theme: ThemePref): void;
  setAi(provider: string, model: string): void;
}

const initial = loadJson<{ theme?: ThemePref; aiProvider?: string; aiModel?: string }>('prefs', {});
applyTheme(initial.theme ?? 'system');

export const usePrefs = create<Prefs>((set, get) => {
  const save = () => saveJson('prefs', { theme: get().theme, aiProvider: get().aiProvider, aiModel: get().aiModel });
  return {
    theme: initial.theme ?? 'system',
    aiProvider: initial.aiProvider ?? 'none',
    aiModel: initial.aiModel ?? '',
    setTheme(theme) {
      applyTheme(theme);
      set({ theme });
      save();
    },
    setAi(aiProvider, aiModel) {
      set({ aiProvider, aiModel });
      save();
    },
  };
});
