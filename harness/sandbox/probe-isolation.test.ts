import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectCgroups } from './detect-cgroups.ts';
import { probeIsolation } from './probe-isolation.ts';
import { sandboxUnavailableReason } from './test-support.ts';

const skip = sandboxUnavailableReason();

describe('probeIsolation on this machine', () => {
  it('reports every field, and calls grading safe exactly when bwrap works', async () => {
    const report = await probeIsolation({ reapWaitMs: 3000 });
    const root = process.getuid?.() === 0;
    expect(report.root).toBe(root);
    expect(report.toolchains.map((t) => t.name)).toEqual(expect.arrayContaining(existsSync('/usr/bin/python3') ? ['python3'] : []));
    expect(['v2', 'v1', 'hybrid', 'none']).toContain(report.cgroups.mode);
    expect(report.performance.workParent).not.toBe('');
    if (skip) {
      console.warn(`probe without bubblewrap: ${skip}`);
      expect(report.safe).toBe(false);
      expect(report.problems.join(' ')).toMatch(/bubblewrap|Linux/);
      return;
    }
    expect(report).toMatchObject({ safe: true, problems: [], bwrap: { ok: true }, userNamespaces: { ok: true } });
    expect(report.bwrap.version).toMatch(/^bubblewrap \d+\.\d+/);
    expect(report.seccomp.on).toBe(process.arch === 'x64' || process.arch === 'arm64');
    expect(report.performance.detail).toContain(report.performance.idlePriority ? 'SCHED_IDLE' : 'nice 10 only');
    if (report.seccomp.on && existsSync('/usr/bin/python3')) expect(report.seccomp.detail).toMatch(/verified/);
    if (root) {
      // As root every slot has its own uid, and each run its own pid namespace.
      expect(report.uidDrop.ok).toBe(true);
      expect(report.uidDrop.uids.length).toBeGreaterThan(0);
      expect(report.uidDrop.detail).toContain(`host uid ${report.uidDrop.uids[0]}`);
      expect(report.zombies).toMatchObject({ ok: true, ownPidNamespace: true });
      const detected = detectCgroups();
      expect(report.cgroups.mode).toBe(detected.mode);
      if (detected.mode !== 'none') expect(report.cgroups.enforces).toEqual(expect.arrayContaining([expect.stringMatching(/^memory limit/), 'pids.max', 'OOM-kill detection']));
      // Every cgroup tree here (v2, or hybrid with its cgroup2 part) reports CPU pressure.
      if (detected.unified && existsSync(`${detected.unified}/cpu.pressure`)) expect(report.performance.idlePriority).toBe(true);
    } else {
      expect(report.warnings.join(' ')).toMatch(/not root/);
    }
  });
});
