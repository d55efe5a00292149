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
import { askCommand, embedCommand } from './commands/semantic';

type Command = (argv: string[]) => Promise<unknown>;

const COMMANDS: Record<string, Command> = {
  seed: runSeed,
  leads: leadsCommand,
  search: searchCommand,
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
  embed: embedCommand,
  ask: askCommand,
  'server:migrate': serverMigrate,
  'server:user': serverUser,
  'server:password': serverPassword,
  'server:audit-verify': serverAuditVerify,
};

/** What each command takes, printed by `--help`. */
const USAGE: Record<string, string> = {
  seed: 'seed --db FILE --leads N [--seed N] [--direct]',
  leads: 'leads --db FILE [--status CODE] [--type CODE] [--limit N]',
  search: 'search --db FILE "words" [--semantic]',
  ask: 'ask --db FILE [--lead ID | --client ID] "QUESTION" (OPENAI_MODEL for the answer, OPENAI_EMBEDDING_MODEL)',
  embed: 'embed --db FILE [--model M] (OPENAI_BASE_URL, OPENAI_API_KEY, OPENAI_EMBEDDING_MODEL)',
  show: 'show --db FILE --lead ID',
  'add-lead': 'add-lead --db FILE --first NAME --last NAME [--email E] [--phone P] [--type CODE] [--status CODE]',
  'add-note': 'add-note --db FILE --lead ID --body TEXT',
  convert: 'convert --db FILE --lead ID',
  ai: 'ai --db FILE --task summary|next-action|... --lead ID',
  sync: 'sync --db FILE --server URL --email E --password P [--once]',
  import:
    'import --db FILE --kind clients|leads|contacts|notes --file PATH.csv|PATH.xlsx [--mapping NAME_OR_JSON] [--save-mapping NAME] ' +
    '[--on-duplicate create|update|skip] [--date-order MDY|DMY|YMD] [--dry-run] [--report OUT.csv] [--resume ID]',
  'undo-import': 'undo-import --db FILE --import ID',
  export:
    'export --db FILE --kind leads|clients|contacts|notes|book --out PATH.csv|PATH.xlsx [--status CODE] [--type CODE]',
  duplicates: 'duplicates --db FILE --kind leads|clients|contacts [--limit N] [--full]',
  merge: 'merge --db FILE --kind clients|leads|contacts --survivor ID --merged ID [--fields JSON]',
  'server:migrate': 'server:migrate (DATABASE_URL)',
  'server:user': 'server:user --email E --password P --role agent|staff|manager|admin [--team NAME] (DATABASE_URL)',
  'server:password': 'server:password --email E --password P (DATABASE_URL)',
};

async function main(argv: string[]) {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${JSON.stringify({ commands: USAGE }, null, 2)}\n`);
    return;
  }
  const command = name ? COMMANDS[name] : undefined;
  if (command && (rest.includes('--help') || rest.includes('-h'))) {
    process.stdout.write(`${JSON.stringify({ command: name, usage: `cli ${USAGE[name!] ?? name}` }, null, 2)}\n`);
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
