import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { renderHtmlReport } from './render-html-report.ts';
import { demoStore } from './test-analysis.ts';

// Debian's chromium (scripts/setup.sh installs it); Playwright's own browser download is not used.
const CHROMIUM = '/usr/bin/chromium';
const missing = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is absent (apt-get install chromium)`;
if (missing) console.warn(`skipping the HTML report browser test: ${missing}`);

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const RESULTS = resolve(import.meta.dirname, '../../results');

describe.skipIf(missing)('HTML report in a real browser', () => {
  it('shows the scatter with one point per model and the recommendation, offline', async () => {
    const { analyze } = await demoStore();
    const dir = mkdtempSync(join(tmpdir(), 'codebench-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtmlReport(analyze()));
    // launchPersistentContext is how Playwright takes a fresh --user-data-dir.
    const profile = mkdtempSync(join(tmpdir(), 'codebench-chromium-'));
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 } });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const outside: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith('file:')) outside.push(request.url());
      });
      await page.goto(pathToFileURL(file).href);
      const points = page.locator('svg#scatter circle.point');
      await expect.poll(() => points.count()).toBe(4);
      expect(await points.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-model')))).toEqual(['scripted:base', 'scripted:cheap', 'scripted:mid', 'scripted:worse']);
      // Every point is drawn inside the plot, not at NaN or off the canvas.
      const boxes = await points.evaluateAll((nodes) =>
        nodes.map((n) => {
          const { x, y, width } = (n as SVGGraphicsElement).getBBox();
          const svg = (n as SVGGraphicsElement).ownerSVGElement!.viewBox.baseVal;
          return { x, y, width, inside: x > 0 && y > 0 && x < svg.width && y < svg.height };
        }),
      );
      for (const box of boxes) expect(box).toMatchObject({ width: 12, inside: true });
      await expect.poll(() => page.locator('#recommendation').innerText()).toMatch(/Switch to scripted:cheap: non-inferior to scripted:base/);
      expect(await page.locator('#task-grid tbody tr').count()).toBe(200);
      expect(outside).toEqual([]);
      mkdirSync(RESULTS, { recursive: true });
      await page.screenshot({ path: join(RESULTS, 'html-report.png'), fullPage: false });
      await page.locator('svg#scatter').screenshot({ path: join(RESULTS, 'html-report-scatter.png') });
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
