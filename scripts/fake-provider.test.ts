import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPrompt } from '../harness/prompts/build-prompt.ts';
import { loadCorpus } from '../harness/tasks/load-corpus.ts';

// The standalone fake provider: started as users start it, answering a corpus prompt with the
// task's reference over the OpenAI wire format.
describe('scripts/fake-provider.ts', () => {
  it('prints its URL and answers a corpus task with its reference', async () => {
    const root = resolve(import.meta.dirname, '..');
    const task = loadCorpus(resolve(root, 'tasks/codebench')).find((t) => t.id === 'cb/py/bankers-round-cents')!;
    const child = spawn(process.execPath, [resolve(root, 'node_modules/tsx/dist/cli.mjs'), resolve(root, 'scripts/fake-provider.ts'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((done, fail) => {
        createInterface({ input: child.stdout! }).once('line', done);
        child.once('exit', (code) => fail(new Error(`fake-provider exited with ${code}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'any', messages: buildPrompt(task) }),
      });
      const body = (await response.json()) as { choices: { message: { content: string } }[] };
      expect(body.choices[0]!.message.content).toMatch(/```python\nfrom decimal import ROUND_HALF_EVEN, Decimal/);
    } finally {
      child.kill('SIGTERM');
    }
  }, 30_000);
});
