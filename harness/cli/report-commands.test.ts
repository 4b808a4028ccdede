import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scriptedRun, type ScriptedModel, tempStore } from '../compare/test-scripted-run.ts';
import { DEMO_MODELS } from '../report/test-analysis.ts';
import { validateLeaderboard } from '../report/validate-leaderboard.ts';
import { main } from './main.ts';

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

let db: string;
const out = mkdtempSync(join(tmpdir(), 'codebench-report-cli-'));
beforeAll(async () => {
  const { store, path } = tempStore('codebench-report-cli-db-');
  await scriptedRun(store, DEMO_MODELS, { name: 'night-1' });
  store.close();
  db = path;
});

describe('codebench report', () => {
  it('prints the tables, verdicts and recommendation for the latest run', async () => {
    const r = await cli('report', '--db', db, '--baseline', 'scripted:base');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Quality\n/);
    expect(r.stdout).toMatch(/Against scripted:base \(margin 5\.0 points\)/);
    expect(r.stdout).toContain('- Switch to scripted:cheap: non-inferior to scripted:base within 5.0 points');
  });

  it('writes each format to --out', async () => {
    for (const format of ['md', 'csv', 'json', 'html']) {
      const file = join(out, `report.${format}`);
      const r = await cli('report', '--db', db, '--baseline', 'cfg-scripted-base', '--margin', '0.03', '--format', format, '--out', file);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe('');
      expect(readFileSync(file, 'utf8').length).toBeGreaterThan(500);
    }
    expect(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).settings).toMatchObject({ baseline: 'cfg-scripted-base', margin: 0.03 });
  });

  it('names a bad run, baseline, margin or format in one line, exit 2', async () => {
    for (const [argv, message] of [
      [['report', '--db', db, '--run', 'nope'], /--run nope: no such run/],
      [['report', '--db', db, '--baseline', 'nope'], /--baseline "nope": no such model in the run\(s\) \(models: scripted:base, scripted:cheap, scripted:mid, scripted:worse\)/],
      [['report', '--db', db, '--margin', '5'], /--margin: expected a number from 0 to below 1/],
      [['report', '--db', db, '--format', 'xml'], /format/],
      [['compare', '--db', db], /missing required flag --baseline/],
      [['report', '--db', join(out, 'missing.db')], /missing\.db: no such file/],
    ] as const) {
      const r = await cli(...argv);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('codebench compare', () => {
  it('compares chosen candidates and prints JSON on request', async () => {
    const r = await cli('compare', '--db', db, '--baseline', 'scripted:base', '--candidates', 'scripted:worse', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.comparisons.map((c: { name: string; vsBaseline: { verdict: string } }) => [c.name, c.vsBaseline.verdict])).toEqual([['scripted:worse', 'worse']]);
    expect(json.recommendation.lines[0]).toMatch(/^Keep scripted:base/);
  });
});

describe('codebench leaderboard', () => {
  it('writes schema-valid JSON, byte-identical on a second run', async () => {
    const a = join(out, 'a.json');
    const b = join(out, 'b.json');
    expect((await cli('leaderboard', '--db', db, '--out', a, '--baseline', 'scripted:base')).code).toBe(0);
    expect((await cli('leaderboard', '--db', db, '--out', b, '--baseline', 'scripted:base')).code).toBe(0);
    expect(readFileSync(b)).toEqual(readFileSync(a));
    expect(validateLeaderboard(JSON.parse(readFileSync(a, 'utf8')))).toEqual([]);
  });
});

describe('codebench drift', () => {
  it('exits 1 when the latest run of a config drops significantly, and 0 for the others', async () => {
    const { store, path } = tempStore('codebench-drift-');
    const steady: ScriptedModel = { name: 'scripted:steady', cost: 0.001, solves: (i) => i % 4 !== 0 };
    const fading = (drop: boolean): ScriptedModel => ({ name: 'scripted:fading', cost: 0.001, solves: (i) => i % 4 !== 0 && !(drop && i % 4 === 1 && i < 100) });
    // Each night has its own seed, so it is asked again rather than served from the generation cache.
    await scriptedRun(store, [steady, fading(false)], { name: 'night-1', seed: 1 });
    await scriptedRun(store, [steady, fading(false)], { name: 'night-2', seed: 2 });
    await scriptedRun(store, [steady, fading(true)], { name: 'night-3', seed: 3 });
    store.close();
    const r = await cli('drift', '--db', path);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/scripted:fading .* −12\.5 .* DROP/);
    expect(r.stdout).toMatch(/scripted:steady .* ok/);
    const one = await cli('drift', '--db', path, '--model', 'scripted:steady', '--json');
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject([{ name: 'scripted:steady', drop: false, pairedTasks: 200 }]);
    const since = await cli('drift', '--db', path, '--since', '2999-01-01');
    expect(since).toMatchObject({ code: 0, stdout: 'No model config has an earlier run to compare with.\n' });
    expect((await cli('drift', '--db', path, '--since', 'yesterday')).stderr).toMatch(/--since yesterday: expected a date/);
  });
});

const EXAMPLE = resolve(import.meta.dirname, '../../../shared/datasets/humaneval/example_problem.jsonl');
describe.skipIf(!existsSync(EXAMPLE))('codebench run --baseline', () => {
  it('refuses an unknown baseline before running anything', async () => {
    const r = await cli('run', '--model', 'reference', '--suite', EXAMPLE, '--sandbox', 'none', '--db', join(out, 'run.db'), '--baseline', 'nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--baseline "nope": no such model/);
  });

  it('ends the summary with the comparison', async () => {
    const r = await cli('run', '--model', 'reference', '--suite', EXAMPLE, '--sandbox', 'none', '--db', join(out, 'run.db'), '--baseline', 'reference');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Against reference \(margin 5\.0 points\)/);
    expect(r.stdout).toContain('- Keep reference: no candidate was shown to be non-inferior');
  });
});
