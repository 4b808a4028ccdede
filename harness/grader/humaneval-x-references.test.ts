import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../core/task.ts';
import { BwrapSandbox } from '../sandbox/bwrap-sandbox.ts';
import { sandboxUnavailableReason } from '../sandbox/test-support.ts';
import { Toolchains } from '../sandbox/toolchains.ts';
import { HUMANEVAL_X_KNOWN_FAILURES, loadHumanEvalX } from '../tasks/load-humaneval-x.ts';
import { Grader } from './grader.ts';

/**
 * A sample of HumanEval-X canonical solutions per language must pass through the real grader:
 * every 16th task, plus the ones that need Boost (CPP/22), OpenSSL (CPP/162) and Go's import
 * repair (Go/65). scripts/check-references.ts runs all 164 of each.
 */
const datasets = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/datasets/humaneval-x');
const EXTRA: Record<string, number[]> = { cpp: [22, 162], go: [27, 65] };
const KEYS = ['python', 'js', 'cpp', 'java', 'go', 'rust'] as const;

const skip = sandboxUnavailableReason() ?? (existsSync(path.join(datasets, 'humaneval_cpp.jsonl.gz')) ? undefined : `${datasets} is absent`);
if (skip) console.warn(`skipping the HumanEval-X reference sample: ${skip}`);

function sample(key: string): Task[] {
  const tasks = loadHumanEvalX(path.join(datasets, `humaneval_${key}.jsonl.gz`));
  const picked = new Set([...Array.from({ length: 10 }, (_, i) => i * 16), ...(EXTRA[key] ?? [])]);
  return tasks.filter((_, i) => picked.has(i)).filter((t) => !HUMANEVAL_X_KNOWN_FAILURES[t.id]);
}

describe.skipIf(skip)('HumanEval-X canonical solutions (sample)', () => {
  let sandbox: BwrapSandbox;
  let grader: Grader;
  const toolchains = new Toolchains();
  const missing = new Map<string, string>();

  beforeAll(async () => {
    sandbox = await BwrapSandbox.create({ slots: 2 });
    grader = new Grader(sandbox, { timeoutSeconds: 10, toolchains });
    const checks: Record<string, { ok: boolean; reason?: string }> = {
      cpp: await toolchains.cpp(), java: await toolchains.java(), rust: await toolchains.rust(), go: await toolchains.go(),
    };
    for (const [key, check] of Object.entries(checks)) if (!check.ok) missing.set(key, check.reason ?? '');
  }, 20 * 60_000);
  afterAll(async () => {
    await sandbox?.close();
  });

  it.for(KEYS)('%s', { timeout: 180_000 }, async (key, { skip: skipTest }) => {
    if (missing.has(key)) {
      console.warn(`humaneval-x-references.test: ${key} not checked: ${missing.get(key)}`);
      skipTest();
    }
    const tasks = sample(key);
    const failures: string[] = [];
    let next = 0;
    await Promise.all([0, 1].map(async () => {
      while (next < tasks.length) {
        const task = tasks[next++]!;
        const r = await grader.grade(task, task.reference);
        if (r.verdict !== 'pass') failures.push(`${task.id} ${r.verdict}: ${r.detail}`);
      }
    }));
    expect(failures).toEqual([]);
  });
});
