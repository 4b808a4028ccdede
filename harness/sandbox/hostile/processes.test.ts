import { describe, expect, it } from 'vitest';
import { isRunning, skipReason, slotProcesses, spawnCanary, useHostile } from './test-hostile.ts';

if (skipReason) console.warn(`skipping hostile-code suite: ${skipReason}`);

describe.skipIf(skipReason)('hostile code: processes', () => {
  const h = useHostile();

  it('a fork bomb is capped and leaves nothing behind', async () => {
    let done = false;
    let peak = 0;
    const graded = h.both(
      'import os\ndef add(a, b):\n    while True:\n        try: os.fork()\n        except OSError: pass\n',
      "const { spawn } = require('node:child_process');\nfunction add(a, b) {\n  for (;;) {\n    try { spawn('/bin/sleep', ['1000'], { stdio: 'ignore' }); } catch {}\n  }\n}\n",
    ).finally(() => (done = true));
    while (!done) {
      const perUid = new Map<string, number>();
      // Lines are "pid ppid uid stat args".
      for (const uid of (await slotProcesses(h.sandbox)).map((l) => l.split(/\s+/)[2]!)) perUid.set(uid, (perUid.get(uid) ?? 0) + 1);
      peak = Math.max(peak, ...perUid.values());
      await new Promise((r) => setTimeout(r, 100));
    }
    const { py, js } = await graded;
    // The grader's 64 processes per run, plus the chain's own three.
    expect(peak).toBeLessThanOrEqual(64 + 3);
    if (h.sandbox.isolation.uids.length > 0) expect(peak).toBeGreaterThan(10);
    // Out of CPU or wall time, or killed at the memory limit: never a pass, never a survivor.
    for (const r of [py, js]) expect(['timeout', 'error']).toContain(r.verdict);
  });

  it('a thread bomb hits the process limit', async () => {
    const { py, js } = await h.both(
      'import threading, time\ndef add(a, b):\n    while True: threading.Thread(target=time.sleep, args=(1000,), daemon=True).start()\n',
      "const { Worker } = require('node:worker_threads');\nfunction add(a, b) {\n  for (;;) new Worker('setInterval(() => {}, 1000)', { eval: true });\n}\n",
    );
    expect(py).toMatchObject({ verdict: 'error', detail: expect.stringMatching(/can't start new thread|MemoryError|memory limit/) });
    expect(['error', 'timeout']).toContain(js.verdict);
  });

  it('a double-forked daemon does not outlive the run', async () => {
    const { py, js } = await h.both(
      'import os, time\ndef add(a, b):\n    if os.fork() == 0:\n        os.setsid()\n        if os.fork() == 0:\n            while True: time.sleep(0.05)\n        os._exit(0)\n    return a - b\n',
      "const { spawn } = require('node:child_process');\nfunction add(a, b) {\n  spawn('/bin/sh', ['-c', 'while :; do sleep 0.05; done'], { detached: true, stdio: 'ignore' }).unref();\n  return a - b;\n}\n",
    );
    // The wrong answer fails; the daemon must be gone, which the shared check asserts.
    for (const r of [py, js]) expect(r.verdict).toBe('fail');
  });

  it('kill -9 -1 reaches nothing outside, not even a process of the same uid', async () => {
    const root = spawnCanary();
    const sameUid = h.sandbox.isolation.uids.map((uid) => spawnCanary(uid));
    try {
      await new Promise((r) => setTimeout(r, 100));
      const { py, js } = await h.both(
        "import os\ndef add(a, b):\n    try: os.kill(-1, 9)\n    except OSError as e: print('kill -1:', e)\n    return a - b\n",
        "function add(a, b) {\n  try { process.kill(-1, 'SIGKILL'); } catch (e) { console.log('kill -1:', e.code); }\n  return a - b;\n}\n",
      );
      for (const r of [py, js]) expect(r.verdict).toBe('fail');
      expect(isRunning(root)).toBe(true);
      for (const c of sameUid) expect(isRunning(c)).toBe(true);
    } finally {
      for (const c of [root, ...sameUid]) c.kill('SIGKILL');
    }
  }, 30_000);
});
