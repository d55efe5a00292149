/** Small JSON values in localStorage (view settings, drafts); never secrets. */
export function loadJson<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(`fieldline:${key}`);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

export function saveJson(key: string, value: unknown) {
  try {
    if (value === undefined) localStorage.removeItem(`fieldline:${key}`);
    else localStorage.setItem(`fieldline:${key}`, JSON.stringify(value));
  } catch {
    // A full or disabled storage only loses view preferences, never data.
  }
}
