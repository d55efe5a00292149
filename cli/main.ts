/**
 * Fieldline's headless CLI: the same commands the app runs, on a replica file, printing JSON.
 * A failure prints one line on stderr and exits non-zero.
 */
import { AppError } from '../shared/errors';
import { storageError } from '../db/sqlite/replica-file';
import { leadsCommand, searchCommand, showCommand } from './commands/replica';
import {
  addPolicyCommand,
  convertCommand,
  policiesCommand,
  renewalsCommand,
  renewCommand,
  xdatesCommand,
} from './commands/policies';
import { addLeadCommand, addNoteCommand } from './commands/write';
import { runSeed } from './commands/run-seed';
import { runAi } from './commands/run-ai';
import { serverAuditVerify, serverMigrate, serverPassword, serverUser } from './commands/server';
import { syncCommand } from './commands/sync';
import { recoverCommand } from './commands/recover';
import { importCommand, undoImportCommand } from './commands/import';
import { exportCommand } from './commands/export';
import { duplicatesCommand } from './commands/duplicates';
import { mergeCommand } from './commands/merge';
import { USAGE, type CommandName } from './usage';
import { trainCommand } from './commands/train';
import { askCommand, embedCommand, semanticSearchCommand } from './commands/semantic';

type Command = (argv: string[]) => Promise<unknown>;

/** Every command has its usage (cli/usage.ts): the type makes a command without one fail to compile. */
const COMMANDS: Record<CommandName, Command> = {
  seed: runSeed,
  leads: leadsCommand,
  search: (argv) => (argv.includes('--semantic') ? semanticSearchCommand(argv) : searchCommand(argv)),
  show: showCommand,
  'add-lead': addLeadCommand,
  'add-note': addNoteCommand,
  convert: convertCommand,
  policies: policiesCommand,
  'add-policy': addPolicyCommand,
  renew: renewCommand,
  renewals: renewalsCommand,
  xdates: xdatesCommand,
  ai: runAi,
  sync: syncCommand,
  'replica:recover': recoverCommand,
  import: importCommand,
  'undo-import': undoImportCommand,
  export: exportCommand,
  duplicates: duplicatesCommand,
  merge: mergeCommand,
  train: trainCommand,
  embed: embedCommand,
  ask: askCommand,
  'server:migrate': serverMigrate,
  'server:user': serverUser,
  'server:password': serverPassword,
  'server:audit-verify': serverAuditVerify,
};

async function main(argv: string[]) {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${JSON.stringify({ commands: USAGE }, null, 2)}\n`);
    return;
  }
  const known = name !== undefined && Object.hasOwn(COMMANDS, name) ? (name as CommandName) : undefined;
  const command = known ? COMMANDS[known] : undefined;
  if (known && (rest.includes('--help') || rest.includes('-h'))) {
    process.stdout.write(`${JSON.stringify({ command: known, usage: `cli ${USAGE[known]}` }, null, 2)}\n`);
    return;
  }
  if (!command) {
    throw new AppError(
      'invalid_input',
      `usage: cli <${Object.keys(COMMANDS).join('|')}> [options]${name ? ` (unknown command "${name}")` : ''}`,
    );
  }
  const value = await command(rest);
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

main(process.argv.slice(2)).then(
  // Done means done: the command closed what it opened, and a library's timer must not hold the
  // process open after the answer is printed (@electric-sql/client's up-to-date tracker sets a
  // 60 s timer, not unref'd, to save to a localStorage Node does not have: `sync --once` sat a minute).
  () => process.exit(0),
  (err: unknown) => {
    const known = err instanceof AppError ? err : storageError(err);
    const message = known ? `${known.code}: ${known.message}` : `error: ${(err as Error)?.message ?? String(err)}`;
    process.stderr.write(`${message.split('\n')[0]}\n`);
    process.exit(1);
  },
);
