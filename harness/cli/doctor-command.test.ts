import { describe, expect, it } from 'vitest';
import type { IsolationReport } from '../sandbox/probe-isolation.ts';
import { formatDoctorReport } from './doctor-command.ts';
import { main } from './main.ts';

const report: IsolationReport = {
  bwrap: { ok: true, path: '/usr/bin/bwrap', version: 'bubblewrap 0.8.0', detail: 'bubblewrap 0.8.0 at /usr/bin/bwrap' },
  root: false,
  uidDrop: { ok: false, uids: [], detail: 'not root: runs keep your uid' },
  userNamespaces: { ok: true, detail: 'max_user_namespaces 100' },
  cgroups: { ok: false, mode: 'none', enforces: [], detail: 'not running as root' },
  seccomp: { ok: true, on: true, detail: 'x86_64 deny-list' },
  zombies: { ok: true, pid1Reaps: true, ownPidNamespace: false, detail: 'PID 1 reaps' },
  toolchains: [{ name: 'python3', path: '/usr/bin/python3.11' }],
  performance: { workParent: '/dev/shm', workParentTmpfs: true, rcuExpedited: true, detail: 'per-run files in /dev/shm (tmpfs)' },
  safe: true,
  problems: [],
  warnings: ['no cgroups'],
};

describe('codebench doctor', () => {
  it('prints one row per check, the warnings, and the verdict', () => {
    const text = formatDoctorReport(report);
    expect(text).toMatch(/^check\s+status\s+detail/);
    for (const row of ['bubblewrap', 'user', 'user namespaces', 'cgroups', 'seccomp', 'zombies', 'toolchains', 'rlimits', 'speed']) expect(text).toMatch(new RegExp(`^${row}\\s`, 'm'));
    expect(text).toMatch(/^cgroups\s+warn\s+none/m);
    expect(text).toContain('warning: no cgroups');
    expect(text.trim().split('\n').at(-1)).toBe('grading is safe here');
    const unsafe = formatDoctorReport({ ...report, safe: false, bwrap: { ok: false, detail: 'not installed' }, problems: ['bubblewrap is not installed'] });
    expect(unsafe).toMatch(/^bubblewrap\s+FAIL\s+not installed/m);
    expect(unsafe).toContain('problem: bubblewrap is not installed');
    expect(unsafe.trim().split('\n').at(-1)).toMatch(/UNSAFE/);
  });

  it('runs the probe and prints JSON with --json; exit 0 only when grading is safe', async () => {
    let stdout = '';
    const code = await main(['doctor', '--json'], { stdout: (t) => (stdout += t), stderr: () => undefined });
    const parsed = JSON.parse(stdout) as IsolationReport;
    expect(code).toBe(parsed.safe ? 0 : 3);
    expect(parsed).toHaveProperty('cgroups.mode');
    expect(parsed).toHaveProperty('seccomp.on');
    expect(Array.isArray(parsed.toolchains)).toBe(true);
  });
});
