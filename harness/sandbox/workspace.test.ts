import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sweepStaleWorkdirs } from './sweep-stale.ts';
import { fileNames, Workspace } from './workspace.ts';

let parent: string;
beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), 'codebench-wstest-'));
});
afterEach(() => rmSync(parent, { recursive: true, force: true }));

describe('Workspace', () => {
  it('reuses one folder per slot and turn, and drops the files of the previous run', () => {
    const ws = new Workspace(parent);
    const dir = ws.slotDir(0, 0);
    expect(ws.slotDir(0, 2)).toBe(dir);
    expect(ws.slotDir(0, 1)).not.toBe(dir);
    const first = ws.writeFiles(dir, { 'main.py': 'a', 'driver.py': 'd', 'lib/x.py': 'x' });
    expect(first.binds.map((b) => b.box).sort()).toEqual(['driver.py', 'lib/x.py', 'main.py']);
    const inode = statSync(join(dir, 'main.py')).ino;
    ws.writeFiles(dir, { 'main.py': 'again', 'driver.py': 'd', 'lib/x.py': 'x' });
    // Rewritten in place: a bind made earlier still shows the new contents.
    expect(statSync(join(dir, 'main.py')).ino).toBe(inode);
    const second = ws.writeFiles(dir, { 'main.js': 'b', lib: 'now a file' });
    expect(second.dir).toBe(first.dir);
    expect(readdirSync(second.dir).sort()).toEqual(['lib', 'main.js']);
    expect(readFileSync(join(second.dir, 'lib'), 'utf8')).toBe('now a file');
    expect(statSync(join(second.dir, 'main.js')).mode & 0o777).toBe(0o644);
    ws.writeFiles(dir, { 'lib/y.py': 'y' });
    expect(readdirSync(join(second.dir, 'lib'))).toEqual(['y.py']);
    ws.close();
    expect(existsSync(ws.root)).toBe(false);
  });

  it('refuses names that leave the workspace', () => {
    const ws = new Workspace(parent);
    expect(() => ws.writeFiles(ws.slotDir(0, 0), { '../x': '' })).toThrow(/leaves the workspace/);
    expect(() => fileNames({ 'a/../../x': '' })).toThrow(/leaves the workspace/);
    expect(fileNames({ 'b.py': '', './a.py': '' })).toEqual(['a.py', 'b.py']);
    expect(() => ws.prepare({ '/etc/x': '' })).toThrow(/leaves the workspace/);
    ws.close();
  });

  it('makes empty placeholders for files a run will write, and drops the rest', () => {
    const ws = new Workspace(parent);
    const dir = ws.slotDir(1, 1);
    ws.writeFiles(dir, { 'main.py': 'x', 'old.py': 'y' });
    const { binds } = ws.placeholders(dir, ['driver.py', 'main.py']);
    expect(binds).toEqual([{ host: join(dir, 'driver.py'), box: 'driver.py' }, { host: join(dir, 'main.py'), box: 'main.py' }]);
    expect(readdirSync(dir).sort()).toEqual(['driver.py', 'main.py']);
    expect(readFileSync(join(dir, 'main.py'), 'utf8')).toBe('x');
    ws.close();
  });

  it('is named after our pid, so a later start can sweep the folders of dead graders', () => {
    const ws = new Workspace(parent);
    expect(ws.root).toContain(`codebench-sbx-${process.pid}-`);
    // pid 2^22 + 1 is above any pid_max, so it is never alive.
    mkdirSync(join(parent, `codebench-sbx-${2 ** 22 + 1}-abc`));
    mkdirSync(join(parent, 'codebench-sbx-unrelated'));
    expect(sweepStaleWorkdirs(parent)).toBe(1);
    expect(readdirSync(parent).sort()).toEqual([ws.root.split('/').at(-1), 'codebench-sbx-unrelated'].sort());
    ws.close();
  });
});
