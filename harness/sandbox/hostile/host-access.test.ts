import { describe, expect, it } from 'vitest';
import { MARKER, PROJECT, SECRET, skipReason, useHostile } from './test-hostile.ts';

if (skipReason) console.warn(`skipping hostile-code suite: ${skipReason}`);

describe.skipIf(skipReason)('hostile code: network, secrets and host files', () => {
  const h = useHostile();

  it('cannot reach a listener on the host’s 127.0.0.1', async () => {
    const { py, js } = await h.both(
      "import socket\ndef add(a, b):\n    socket.create_connection(('127.0.0.1', PORT), timeout=1).recv(5)\n    return a + b\n",
      "const net = require('node:net');\nfunction add(a, b) {\n  net.connect(PORT, '127.0.0.1').on('connect', () => { console.log('CONNECTED'); process.exit(0); });\n  return a + b;\n}\n",
    );
    for (const r of [py, js]) expect(r).toMatchObject({ verdict: 'error', detail: expect.stringMatching(/ConnectionRefused|ECONNREFUSED/) });
    expect(h.connections()).toBe(0);
  });

  it('cannot reach an outside address', async () => {
    const { py, js } = await h.both(
      "import socket\ndef add(a, b):\n    socket.create_connection(('192.0.2.1', 80), timeout=1)\n    return a + b\n",
      "const net = require('node:net');\nfunction add(a, b) {\n  net.connect(80, '192.0.2.1').on('connect', () => { console.log('CONNECTED'); process.exit(0); });\n  return a + b;\n}\n",
    );
    for (const r of [py, js]) expect(r).toMatchObject({ verdict: 'error', detail: expect.stringMatching(/unreachable|ENETUNREACH/i) });
  });

  it('finds no secret in its environment or in /proc/*/environ', async () => {
    const { py, js } = await h.both(
      "import os\ndef add(a, b):\n    found = {'env': dict(os.environ)}\n    for p in ['/proc/1/environ', '/proc/2/environ', '/proc/self/environ']:\n        try: found[p] = open(p, 'rb').read().decode('latin1')\n        except OSError as e: found[p] = str(e)\n    raise RuntimeError(repr(found))\n",
      "const fs = require('node:fs');\nfunction add(a, b) {\n  const found = { env: process.env };\n  for (const p of ['1', '2', 'self']) {\n    try { found[p] = fs.readFileSync('/proc/' + p + '/environ', 'latin1'); } catch (e) { found[p] = String(e); }\n  }\n  throw new Error(JSON.stringify(found));\n}\n",
    );
    // The loot is in the error line: it ran, and found nothing of ours.
    expect(py.detail).toMatch(/\/proc\/1\/environ/);
    expect(js.detail).toMatch(/"1":/);
    for (const r of [py, js]) {
      expect(r.verdict).toBe('error');
      expect(`${r.detail}${r.output}`).not.toContain('CODEBENCH_HOSTILE_SECRET');
      // Not even our host paths: bwrap, pid 1 inside, must have an empty environment.
      expect(`${r.detail}${r.output}`).not.toContain('codebench-sbx');
      expect(`${r.detail}${r.output}`).not.toContain(SECRET);
    }
  });

  it('cannot read /root, the canaries or the project’s own files', async () => {
    const paths = ['/root', '/home', PROJECT, `${PROJECT}/package.json`, '/root/.bashrc', '/etc/shadow', h.canaryDir];
    const { py, js } = await h.both(
      `import os\ndef add(a, b):\n    found = {}\n    for p in ${JSON.stringify(paths)}:\n        try: found[p] = os.listdir(p) if os.path.isdir(p) else open(p).read()\n        except OSError as e: found[p] = e.strerror\n    raise RuntimeError(repr(found))\n`,
      `const fs = require('node:fs');\nfunction add(a, b) {\n  const found = {};\n  for (const p of ${JSON.stringify(paths)}) {\n    try { found[p] = fs.statSync(p).isDirectory() ? fs.readdirSync(p) : fs.readFileSync(p, 'utf8'); } catch (e) { found[p] = e.code; }\n  }\n  throw new Error(JSON.stringify(found));\n}\n`,
    );
    for (const r of [py, js]) {
      expect(r.verdict).toBe('error');
      expect(r.detail).toContain(`${PROJECT}/package.json`);
      expect(r.detail).not.toMatch(/"name": "codebench"|devDependencies|root:x:0|canary\.txt/);
      expect(r.detail.match(/No such file or directory|ENOENT/g)?.length).toBe(paths.length);
    }
  });

  it('cannot write /etc, the parent folder or the project', async () => {
    const targets = [`/etc/${MARKER}`, `../${MARKER}`, `/box/../${MARKER}`, `/${MARKER}`, `${PROJECT}/${MARKER}`, `/usr/${MARKER}`, `${h.canaryDir}/canary.txt`];
    const { py, js } = await h.both(
      `def add(a, b):\n    for p in ${JSON.stringify(targets)}:\n        try:\n            open(p, 'w').write('pwned'); print('WROTE', p)\n        except OSError as e: print('denied', p, e.strerror)\n    return a - b\n`,
      `const fs = require('node:fs');\nfunction add(a, b) {\n  for (const p of ${JSON.stringify(targets)}) {\n    try { fs.writeFileSync(p, 'pwned'); console.log('WROTE', p); } catch (e) { console.log('denied', p, e.code); }\n  }\n  return a - b;\n}\n`,
    );
    for (const r of [py, js]) {
      expect(r.verdict).toBe('fail');
      expect(r.output).not.toContain('WROTE');
      expect(r.output?.match(/denied/g)?.length).toBe(targets.length);
    }
  });
});
