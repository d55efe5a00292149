import { readFileSync, writeFileSync, renameSync } from 'node:fs';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 800 };
const MIN = { width: 960, height: 600 };

function isRect(v: unknown): v is Rect {
  const r = v as Rect;
  return !!r && [r.x, r.y, r.width, r.height].every((n) => typeof n === 'number' && Number.isFinite(n));
}

export function loadWindowState(file: string): WindowState | null {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<WindowState>;
    return isRect(raw.bounds) ? { bounds: raw.bounds, maximized: raw.maximized === true } : null;
  } catch {
    return null;
  }
}

export function saveWindowState(file: string, state: WindowState) {
  // Write-then-rename, so a crash mid-write never leaves a half file.
  writeFileSync(`${file}.tmp`, JSON.stringify(state));
  renameSync(`${file}.tmp`, file);
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Where to open the window: the saved place if enough of it is still on a display (a monitor
 * may have been unplugged), else centred on the primary display's work area.
 */
export function placeWindow(saved: WindowState | null, workAreas: Rect[]): WindowState {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  const centred = (w: number, h: number): Rect => ({
    width: Math.min(w, primary.width),
    height: Math.min(h, primary.height),
    x: primary.x + Math.max(0, Math.round((primary.width - Math.min(w, primary.width)) / 2)),
    y: primary.y + Math.max(0, Math.round((primary.height - Math.min(h, primary.height)) / 2)),
  });
  if (!saved) return { bounds: centred(DEFAULT_SIZE.width, DEFAULT_SIZE.height), maximized: false };
  const b = {
    ...saved.bounds,
    width: Math.max(MIN.width, saved.bounds.width),
    height: Math.max(MIN.height, saved.bounds.height),
  };
  const visible = workAreas.some(
    (area) => overlap(b, area) >= 0.5 * Math.min(b.width * b.height, area.width * area.height),
  );
  return { bounds: visible ? b : centred(b.width, b.height), maximized: saved.maximized };
}
