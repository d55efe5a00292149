/**
 * What the desktop app does with a replica that is empty or damaged: says so in a dialog and
 * offers to recover it (recover.ts: the file kept aside, unsent changes kept, the rest synced
 * again from the agency server) instead of failing to start or working on a broken file.
 */
import { app, dialog } from 'electron';
import { recoverReplica } from '../../../db/sqlite/recover';
import { AppError, type AppErrorShape } from '../../../shared/errors';

/** Opens the replica; when it is refused as damaged, asks whether to recover it (null: quit). */
export async function openOrRecover<T>(dbPath: string, open: () => T): Promise<T | null> {
  try {
    return open();
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'replica_damaged') throw err;
    const { response } = await dialog.showMessageBox({
      type: 'error',
      message: 'Fieldline cannot open its data file',
      detail: err.message,
      buttons: ['Recover', 'Quit'],
      defaultId: 0,
      cancelId: 1,
    });
    if (response !== 0) return null;
    recoverReplica(dbPath);
    return open();
  }
}

/** The background check found damage while the app runs: offers to recover now (a restart). */
export async function offerRecovery(dbPath: string, damage: AppErrorShape, close: () => void) {
  const { response } = await dialog.showMessageBox({
    type: 'warning',
    message: 'Fieldline found damage in its data file',
    detail: damage.message,
    buttons: ['Recover and restart', 'Later'],
    defaultId: 0,
    cancelId: 1,
  });
  if (response !== 0) return;
  close();
  recoverReplica(dbPath);
  app.relaunch();
  app.exit(0);
}
