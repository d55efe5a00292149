/**
 * What each CLI command takes, printed by `cli COMMAND --help` (and all of them by `cli --help`).
 * The command table in main.ts is keyed by these names, so a command cannot ship without its usage.
 */
export const USAGE = {
  seed: 'seed --db FILE --leads N [--seed N] [--direct]',
  train: 'train --db FILE  (learns the lead score from closed leads; prints held-out AUC and Brier against the rule)',
  leads: 'leads --db FILE [--status CODE] [--type CODE] [--limit N]',
  search: 'search --db FILE "words" [--semantic]',
  ask: 'ask --db FILE [--lead ID | --client ID] "QUESTION" (OPENAI_MODEL for the answer, OPENAI_EMBEDDING_MODEL)',
  embed: 'embed --db FILE [--model M] (OPENAI_BASE_URL, OPENAI_API_KEY, OPENAI_EMBEDDING_MODEL)',
  show: 'show --db FILE --lead ID',
  'add-lead': 'add-lead --db FILE --first NAME --last NAME [--email E] [--phone P] [--type CODE] [--status CODE]',
  'add-note': 'add-note --db FILE --lead ID --body TEXT',
  convert: 'convert --db FILE --lead ID [--carrier NAME] [--policy-number NO] [--effective YYYY-MM-DD]',
  policies:
    'policies --db FILE [--client ID] [--status active|pending|cancelled|expired|non_renewed|renewed] [--limit N]',
  'add-policy':
    'add-policy --db FILE --client ID --carrier NAME --line NAME --number NO --effective YYYY-MM-DD ' +
    '--expires YYYY-MM-DD --premium N [--commission PCT]',
  renew: 'renew --db FILE --policy ID --premium N',
  renewals: 'renewals --db FILE [--days N] [--limit N]',
  xdates: 'xdates --db FILE [--days N] [--limit N]',
  ai: 'ai --db FILE --task summary|next-action|... --lead ID | --communication ID | --ticket ID | --policy ID (retention) [--model M] [--channel email|sms]',
  sync: 'sync --db FILE --server URL [--email E (the password is asked for, or read from stdin)] [--once] [--timeout SECONDS]',
  'replica:recover': 'replica:recover --db FILE',
  import:
    'import --db FILE --kind clients|leads|contacts|notes|policies --file PATH.csv|PATH.xlsx [--mapping NAME_OR_JSON] ' +
    '[--save-mapping NAME] [--on-duplicate create|update|skip] [--date-order MDY|DMY|YMD] [--dry-run] ' +
    '[--report OUT.csv] [--resume ID] [--batch-rows N]',
  'undo-import': 'undo-import --db FILE --import ID',
  export:
    'export --db FILE --kind leads|clients|contacts|notes|policies|renewals|tickets|book ' +
    '--out PATH.csv|PATH.xlsx (book: PATH.xlsx|PATH.zip) [--status CODE] [--type CODE] [--days N (renewals)] ' +
    '[--xdate-from YYYY-MM-DD] [--xdate-to YYYY-MM-DD] (leads)',
  duplicates: 'duplicates --db FILE --kind leads|clients|contacts [--limit N] [--full]',
  merge: 'merge --db FILE --kind clients|leads|contacts --survivor ID --merged ID [--fields JSON]',
  'server:migrate': 'server:migrate (DATABASE_URL)',
  'server:user':
    'server:user --email E --role agent|staff|manager|admin --team NAME [--name FULL_NAME] (password asked for; DATABASE_URL)',
  'server:password': 'server:password --email E (new password asked for; DATABASE_URL)',
  'server:audit-verify': 'server:audit-verify (DATABASE_URL)',
} as const;

export type CommandName = keyof typeof USAGE;
