import { type RefObject, useEffect, useRef } from 'react';

/** How a popover was dismissed: Escape, or a press outside it. */
export type Dismissal = 'escape' | 'outside';

/**
 * While `open`, calls `dismiss` on Escape or on a mouse press outside `ref`: the one way the app's
 * popovers close (Dropdown, the sync status), so they cannot drift apart. `dismiss` may change
 * between renders without the listeners being added again.
 */
export function useDismiss(open: boolean, ref: RefObject<HTMLElement | null>, dismiss: (how: Dismissal) => void) {
  const latest = useRef(dismiss);
  latest.current = dismiss;
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) latest.current('outside');
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && latest.current('escape');
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, ref]);
}
