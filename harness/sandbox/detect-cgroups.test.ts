import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { detectCgroups } from './detect-cgroups.ts';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A fake cgroup mount: file path → contents. */
function tree(files: Record<string, string>): string {
  root = mkdtempSync(join(tmpdir(), 'codebench-cgtest-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('detectCgroups', () => {
  it('finds hybrid: v1 memory and pids, plus the unified tree for kill and events', () => {
    const r = tree({ 'memory/cgroup.procs': '', 'pids/cgroup.procs': '', 'cpuacct/cgroup.procs': '', 'unified/cgroup.controllers': 'hugetlb\n' });
    const layout = detectCgroups({ root: r, selfCgroup: '' });
    expect(layout).toMatchObject({ mode: 'hybrid', memory: join(r, 'memory'), pids: join(r, 'pids'), unified: join(r, 'unified') });
    expect(layout.cpuacct).toBeUndefined();
  });

  it('finds plain v1, with cpuacct for CPU time', () => {
    const r = tree({ 'memory/cgroup.procs': '', 'pids/cgroup.procs': '', 'cpuacct/cgroup.procs': '' });
    const layout = detectCgroups({ root: r, selfCgroup: '' });
    expect(layout).toMatchObject({ mode: 'v1', cpuacct: join(r, 'cpuacct') });
    expect(layout.unified).toBeUndefined();
  });

  it('says which v1 hierarchy is missing', () => {
    const r = tree({ 'memory/cgroup.procs': '' });
    expect(detectCgroups({ root: r, selfCgroup: '' })).toMatchObject({ mode: 'none', reason: expect.stringContaining('pids') });
  });

  it('uses a delegated v2 unit when we sit in a leaf below it', () => {
    const r = tree({
      'cgroup.controllers': 'cpu io memory pids\n',
      'cgroup.subtree_control': 'cpu memory pids\n',
      'grader.service/cgroup.subtree_control': 'memory pids\n',
      'grader.service/supervisor/cgroup.procs': '42\n',
    });
    const layout = detectCgroups({ root: r, selfCgroup: '0::/grader.service/supervisor\n' });
    expect(layout).toMatchObject({ mode: 'v2', memory: join(r, 'grader.service') });
    expect(layout.enableControllers).toBeFalsy();
  });

  it('falls back to the v2 root, enabling controllers there when needed', () => {
    const r = tree({ 'cgroup.controllers': 'cpu io memory pids\n', 'cgroup.subtree_control': 'cpu\n', 'cgroup.procs': '1\n' });
    expect(detectCgroups({ root: r, selfCgroup: '0::/user.slice/session-1.scope\n' })).toMatchObject({ mode: 'v2', memory: r, unified: r, enableControllers: true });
  });

  it('refuses a container root that holds processes and has nothing delegated', () => {
    const r = tree({ 'cgroup.controllers': 'memory pids\n', 'cgroup.subtree_control': '', 'cgroup.procs': '1\n7\n', 'cgroup.events': 'populated 1\n', 'cgroup.kill': '' });
    expect(detectCgroups({ root: r, selfCgroup: '0::/\n' })).toMatchObject({ mode: 'none', reason: expect.stringContaining('Delegate=yes') });
  });

  it('names a missing v2 controller', () => {
    const r = tree({ 'cgroup.controllers': 'cpu io\n' });
    expect(detectCgroups({ root: r, selfCgroup: '0::/x\n' })).toMatchObject({ mode: 'none', reason: expect.stringContaining('memory and pids') });
  });

  it('reports a machine without cgroups', () => {
    root = mkdtempSync(join(tmpdir(), 'codebench-cgtest-'));
    expect(detectCgroups({ root: join(root, 'absent'), selfCgroup: '' })).toMatchObject({ mode: 'none', reason: expect.stringContaining('does not exist') });
  });

  it('reads this machine without writing anything', () => {
    root = mkdtempSync(join(tmpdir(), 'codebench-cgtest-'));
    const layout = detectCgroups();
    expect(['v2', 'v1', 'hybrid', 'none']).toContain(layout.mode);
    expect(layout.reason).not.toBe('');
  });
});
