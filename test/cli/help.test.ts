/**
 * Every CLI command answers `--help` with its usage (exit 0, JSON on stdout, nothing on stderr),
 * run as a real process; and `cli --help` lists them all.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { USAGE, type CommandName } from '../../cli/usage';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ENTRY = join(ROOT, 'cli/main.ts');

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', ENTRY, ...args],
      { cwd: ROOT, timeout: 60_000, env: { ...process.env, NODE_NO_WARNINGS: '1' } },
      (err, stdout, stderr) => done({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
    );
  });
}

const NAMES = Object.keys(USAGE) as CommandName[];

describe('cli --help', () => {
  it('lists every command with its usage', async () => {
    const r = await cli('--help');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(Object.keys((JSON.parse(r.stdout) as { commands: object }).commands).sort()).toEqual([...NAMES].sort());
  });

  it('answers --help for each command, before reading any other option', async () => {
    // A few at a time: each is a Node process loading the whole CLI.
    const answers: Array<{ name: CommandName; code: number; stdout: string; stderr: string }> = [];
    for (let i = 0; i < NAMES.length; i += 4) {
      const batch = NAMES.slice(i, i + 4);
      answers.push(...(await Promise.all(batch.map(async (name) => ({ name, ...(await cli(name, '--help')) })))));
    }
    for (const a of answers) {
      expect({ name: a.name, code: a.code, stderr: a.stderr }).toEqual({ name: a.name, code: 0, stderr: '' });
      const out = JSON.parse(a.stdout) as { command: string; usage: string };
      expect(out.command).toBe(a.name);
      expect(out.usage).toBe(`cli ${USAGE[a.name]}`);
      expect(out.usage.startsWith(`cli ${a.name}`)).toBe(true);
    }
    expect(answers).toHaveLength(NAMES.length);
  }, 300_000);
});
