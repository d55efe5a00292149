/**
 * Passwords for the CLI come from a prompt (a terminal: typed without echo) or from standard
 * input (a pipe: its first line), never from the command line, where every user of the machine
 * sees them in the process list and the shell keeps them in its history.
 */
import { AppError } from '../shared/errors';

export type ReadSecret = (prompt: string) => Promise<string>;

/** Refuses `--password` (and `--password=…`) with a message saying what to do instead. */
export function refusePasswordOption(argv: string[]) {
  if (argv.some((a) => a === '--password' || a.startsWith('--password='))) {
    throw new AppError(
      'invalid_input',
      '--password is not accepted: a password on the command line shows in the process list. Type it at the prompt, or pipe it on standard input (e.g. `printf "%s\\n" "$PW" | npm run cli -- …`)',
    );
  }
}

async function firstLineOfStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if ((chunk as Buffer).includes(0x0a)) break;
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

function typedWithoutEcho(prompt: string): Promise<string> {
  const stdin = process.stdin;
  // Echo goes off before the prompt shows: keys typed as soon as it appears are never echoed.
  stdin.setRawMode(true);
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (data: Buffer) => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new AppError('invalid_input', 'cancelled'));
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += ch;
      }
    };
    stdin.resume();
    stdin.on('data', onData);
  });
}

/** Reads a password from the terminal without echo, or the first line of piped standard input. */
export const readSecret: ReadSecret = async (prompt) => {
  const value = process.stdin.isTTY ? await typedWithoutEcho(prompt) : await firstLineOfStdin();
  if (!value)
    throw new AppError(
      'invalid_input',
      'no password given: type it at the prompt or pipe it on standard input',
      'password',
    );
  return value;
};
