import { statfsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { skipReason, useHostile } from './test-hostile.ts';

if (skipReason) console.warn(`skipping hostile-code suite: ${skipReason}`);

describe.skipIf(skipReason)('hostile code: memory, disk and output', () => {
  const h = useHostile();

  it('allocating 20 GB stops at the memory limit', async () => {
    const { py, js } = await h.both(
      "def add(a, b):\n    keep = []\n    for _ in range(200):\n        keep.append(b'x' * 10 ** 8)\n",
      'function add(a, b) {\n  const keep = [];\n  for (let i = 0; i < 200; i++) keep.push(Buffer.alloc(10 ** 8, 1));\n}\n',
    );
    for (const r of [py, js]) expect(r, JSON.stringify([py, js])).toMatchObject({ verdict: "error", detail: expect.stringMatching(/memory limit/) });
    // The Buffers live outside V8's heap: only the cgroup can stop them, and says so.
    if (h.sandbox.isolation.cgroups.mode !== 'none') expect(js.detail).toMatch(/OOM-killed/);
  });

  it('growing the JavaScript heap stops at the V8 limit', async () => {
    const js = await h.attack('node', 'function add(a, b) {\n  const keep = [];\n  for (;;) keep.push(new Array(10 ** 6).fill(a));\n}\n');
    expect(js).toMatchObject({ verdict: 'error', detail: expect.stringMatching(/memory limit/) });
  });

  it('writing a 5 GB file stops at the file-size limit, in a tmpfs, never on the host disk', async () => {
    const free = statfsSync(h.sandbox.workRoot);
    const before = free.bavail * free.bsize;
    const { py, js } = await h.both(
      "def add(a, b):\n    with open('big.bin', 'wb') as f:\n        for _ in range(5 * 1024): f.write(b'\\0' * 2 ** 20)\n",
      "const fs = require('node:fs');\nfunction add(a, b) {\n  const fd = fs.openSync('big.bin', 'w');\n  const mb = Buffer.alloc(2 ** 20);\n  for (let i = 0; i < 5 * 1024; i++) fs.writeSync(fd, mb);\n}\n",
    );
    for (const r of [py, js]) expect(r).toMatchObject({ verdict: 'error', detail: expect.stringMatching(/File too large|EFBIG|SIGXFSZ|No space left|ENOSPC/) });
    const after = statfsSync(h.sandbox.workRoot);
    // Other work on this machine writes too; 5 GB, or even 64 MB, would show.
    expect(before - after.bavail * after.bsize).toBeLessThan(32 * 2 ** 20);
  });

  it('many small files fill the sized /tmp and stop', async () => {
    const { py, js } = await h.both(
      "import os\ndef add(a, b):\n    os.makedirs('/tmp/many', exist_ok=True)\n    for i in range(10 ** 6):\n        with open(f'/tmp/many/{i}', 'w') as f: f.write('x')\n",
      "const fs = require('node:fs');\nfunction add(a, b) {\n  fs.mkdirSync('/tmp/many', { recursive: true });\n  for (let i = 0; i < 10 ** 6; i++) fs.writeFileSync('/tmp/many/' + i, 'x');\n}\n",
    );
    for (const r of [py, js]) {
      expect(['error', 'timeout']).toContain(r.verdict);
      if (r.verdict === 'error') expect(r.detail).toMatch(/No space left|ENOSPC|memory limit/);
    }
  });

  it('printing 1 GB is cut off at the output cap', async () => {
    const { py, js } = await h.both(
      "import sys\ndef add(a, b):\n    for _ in range(1024): sys.stdout.write('x' * 2 ** 20)\n",
      // process.stdout queues writes to a pipe; writeSync really blocks on the full pipe.
      "function add(a, b) {\n  const mb = 'x'.repeat(2 ** 20);\n  for (let i = 0; i < 1024; i++) require('node:fs').writeSync(1, mb);\n}\n",
    );
    for (const r of [py, js]) {
      expect(r).toMatchObject({ verdict: 'error', detail: 'output limit exceeded' });
      expect((r.output ?? '').length).toBeLessThan(10_000);
    }
  });
});
