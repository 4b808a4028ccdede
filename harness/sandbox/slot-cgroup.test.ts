import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { detectCgroups } from './detect-cgroups.ts';
import { SlotCgroup } from './slot-cgroup.ts';

const layout = detectCgroups();
const skip = process.getuid?.() !== 0 ? 'not root' : layout.mode === 'none' ? `no usable cgroups: ${layout.reason}` : undefined;
if (skip) console.warn(`skipping slot cgroup tests: ${skip}`);

describe.skipIf(skip)(`SlotCgroup on this machine (${layout.mode})`, () => {
  const groups: SlotCgroup[] = [];
  const open = (name: string) => {
    const g = SlotCgroup.create(layout, `${process.pid}-cgtest`, name);
    groups.push(g);
    return g;
  };
  afterAll(async () => {
    for (const g of groups) await g.remove();
  });

  const joinAndRun = (g: SlotCgroup, script: string) =>
    spawnSync('/bin/sh', ['-c', `for f in "$@"; do echo $$ > "$f"; done; exec /usr/bin/python3 -c '${script}'`, 'sh', ...g.procsFiles], { env: {} });

  it('limits memory, and counts the OOM kill it caused', () => {
    const g = open('oom');
    expect(g.capabilities).toMatchObject({ memory: true, pids: true, oomDetection: true });
    g.setLimits(64 * 2 ** 20, 32);
    const before = g.counters();
    const r = joinAndRun(g, 'b = b"x" * (512 * 2 ** 20)');
    expect(r.signal).toBe('SIGKILL');
    expect(g.counters().oomKills).toBe(before.oomKills + 1);
  });

  it('limits processes', () => {
    const g = open('pids');
    g.setLimits(256 * 2 ** 20, 5);
    const r = joinAndRun(g, 'import os, time\nkids = []\ntry:\n    while len(kids) < 50:\n        pid = os.fork()\n        if pid == 0: time.sleep(5); os._exit(0)\n        kids.append(pid)\nexcept OSError as e: print("stopped", len(kids), e.errno)\nfor k in kids: os.kill(k, 9)');
    expect(r.stdout.toString()).toMatch(/stopped [0-4] 11/);
  });

  it('measures CPU time, and raises a lowered limit again in the right order', () => {
    const g = open('cpu');
    g.setLimits(64 * 2 ** 20, 8);
    g.setLimits(512 * 2 ** 20, 8);
    const before = g.counters();
    joinAndRun(g, 'x = 0\nfor i in range(3_000_000): x += i');
    const after = g.counters();
    if (g.capabilities.cpuTime) expect(after.cpuUsec! - before.cpuUsec!).toBeGreaterThan(50_000);
  });

  it('kills everything inside and sees it empty', async () => {
    const g = open('kill');
    g.setLimits(256 * 2 ** 20, 16);
    const child = spawn('/bin/sh', ['-c', 'for f in "$@"; do echo $$ > "$f"; done; (sleep 60 &); (setsid sleep 60 &); exec sleep 60', 'sh', ...g.procsFiles], { env: {}, stdio: 'ignore' });
    const exited = new Promise((r) => child.once('exit', r));
    const started = performance.now();
    while (!g.populated() && performance.now() - started < 2000) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 100));
    expect(g.populated()).toBe(true);
    g.kill();
    expect(await g.waitEmpty(2000)).toBe(true);
    await exited;
  });

  it('without cgroup.kill (plain v1), kills by a SIGKILL loop and counts CPU with cpuacct', async () => {
    if (layout.mode !== 'hybrid' || !existsSync('/sys/fs/cgroup/cpuacct/cgroup.procs')) return console.warn('not a hybrid machine: plain v1 not emulated');
    const g = SlotCgroup.create({ ...layout, mode: 'v1', unified: undefined, cpuacct: '/sys/fs/cgroup/cpuacct' }, `${process.pid}-cgtest`, 'v1');
    groups.push(g);
    expect(g.capabilities).toMatchObject({ mode: 'v1', kill: false, cpuTime: true });
    g.setLimits(256 * 2 ** 20, 16);
    const before = g.counters();
    joinAndRun(g, 'x = 0\nfor i in range(2_000_000): x += i');
    expect(g.counters().cpuUsec! - before.cpuUsec!).toBeGreaterThan(30_000);
    const child = spawn('/bin/sh', ['-c', 'for f in "$@"; do echo $$ > "$f"; done; (sleep 60 &); exec sleep 60', 'sh', ...g.procsFiles], { env: {}, stdio: 'ignore' });
    const exited = new Promise((r) => child.once('exit', r));
    while (g.members().length < 2) await new Promise((r) => setTimeout(r, 10));
    g.kill();
    expect(await g.waitEmpty(2000)).toBe(true);
    await exited;
  });

  it('removes its folders', async () => {
    const g = open('gone');
    const dirs = g.procsFiles.map((f) => f.replace(/\/cgroup\.procs$/, ''));
    await g.remove();
    for (const d of dirs) expect(existsSync(d)).toBe(false);
  });
});
