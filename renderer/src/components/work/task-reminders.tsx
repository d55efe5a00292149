import { useEffect } from 'react';
import { call } from '../../api/client';
import { useUi } from '../../stores/ui';
import { subjectHref } from './task-list';

/** How often reminders are looked for: a task's reminder shows within this of its time. */
const CHECK_MS = 30_000;

/**
 * Task reminders: one timer (the only one tasks add) asks the replica for the signed-in user's
 * reminders that fell due since the last look, and shows each once: in the app as a toast, and
 * on the desktop as a notification when the system allows (Electron grants our pages that).
 */
export function TaskReminders() {
  useEffect(() => {
    let since = new Date().toISOString();
    if (typeof Notification !== 'undefined' && Notification.permission === 'default') {
      void Notification.requestPermission().catch(() => undefined);
    }
    const check = async () => {
      const until = new Date().toISOString();
      const res = await call('tasks.reminders', { since });
      if (!res.ok) return;
      since = until;
      for (const t of res.value) {
        const text = `Reminder: ${t.title}${t.subject_name ? ` (${t.subject_name})` : ''}`;
        useUi.getState().toast('ok', text, { label: 'Open', run: () => (location.hash = subjectHref(t)) });
        if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
          new Notification('Fieldline', { body: text, tag: t.id });
        }
      }
    };
    const timer = setInterval(() => void check(), CHECK_MS);
    return () => clearInterval(timer);
  }, []);
  return null;
}
