/**
 * The bench's loopback embedder in a process of its own (as a real model server is): its work
 * (making 512 vectors, writing them as JSON) is then not counted as the replica's indexing time
 * or as a pause of the process that indexes. Prints its base URL on stdout, then serves until
 * its parent closes stdin.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startFakeOpenAI } from '../test/ai/fake-openai';

export async function startEmbedderProcess(): Promise<{ url: string; close: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'embedder-process.ts'), '--child'],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (c: string) => {
      out += c;
      if (out.includes('\n')) resolve(out.trim());
    });
    child.once('exit', (code) => reject(new Error(`the bench embedder exited (${code}) before serving`)));
  });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}

if (process.argv.includes('--child')) {
  const fake = await startFakeOpenAI();
  // The bench sends 150k+ texts: keep none of them.
  fake.requests.push = () => 0;
  process.stdout.write(`${fake.url}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void fake.close().then(() => process.exit(0)));
}
