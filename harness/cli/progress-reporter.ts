import cliProgress from 'cli-progress';
import type { ProgressSnapshot, RunEvent } from '../runner/run-benchmark.ts';
import type { CliIO } from './main.ts';

/**
 * A real progress bar on a terminal, and plain lines (at most one every few seconds) in cron and
 * CI logs: done/total, pass so far, $ spent, unscored, 429s, ETA.
 */
export function progressReporter(io: CliIO, isTTY: boolean): { onEvent: (e: RunEvent) => void; stop: () => void } {
  let bar: cliProgress.SingleBar | undefined;
  let lastLine = 0;
  let latest: ProgressSnapshot | undefined;
  const fields = (p: ProgressSnapshot) => ({
    passed: p.passed,
    spent: spent(p),
    unscored: p.unscored,
    limited: p.rateLimited,
  });
  const onEvent = (e: RunEvent) => {
    switch (e.type) {
      case 'start':
        if (e.alreadyDone > 0) io.stderr(`codebench: resuming run ${e.runId}: ${e.alreadyDone} of ${e.total} samples already done\n`);
        if (isTTY) {
          bar = new cliProgress.SingleBar(
            { format: '  {bar} {value}/{total} | pass {passed} | {spent} | unscored {unscored} | 429s {limited} | ETA {eta_formatted}', hideCursor: true, stream: process.stderr },
            cliProgress.Presets.shades_classic,
          );
          bar.start(e.total, e.alreadyDone, { passed: 0, spent: '$0.0000', unscored: 0, limited: 0 });
        }
        return;
      case 'sample': {
        latest = e.progress;
        if (bar) return bar.update(e.progress.done, fields(e.progress));
        const now = performance.now();
        if (e.progress.done !== e.progress.total && now - lastLine < 5000) return;
        lastLine = now;
        const p = e.progress;
        const rate = p.done / Math.max(p.elapsedMs / 1000, 0.001);
        const eta = rate > 0 ? Math.round((p.total - p.done) / rate) : 0;
        io.stderr(`  ${p.done}/${p.total} done | pass ${p.passed} | ${spent(p)} | unscored ${p.unscored} | 429s ${p.rateLimited} | ETA ${eta}s\n`);
        return;
      }
      case 'retry':
        if (!bar) io.stderr(`  retrying ${e.model} in ${(e.delayMs / 1000).toFixed(1)}s: ${e.message}\n`);
        return;
      case 'stopping':
        bar?.stop();
        bar = undefined;
        io.stderr(
          e.reason === 'budget'
            ? `codebench: budget reached (${latest ? spent(latest) : '$0'}); finishing the samples in flight\n`
            : 'codebench: stopping; finishing the samples in flight (Ctrl-C again to quit at once)\n',
        );
    }
  };
  return { onEvent, stop: () => bar?.stop() };
}

/** Dollars spent so far; never a bare $0 when some answers have no price. */
function spent(p: ProgressSnapshot): string {
  if (p.unpriced > 0 && p.spentUsd === 0) return '$?';
  return `$${p.spentUsd.toFixed(4)}${p.unpriced > 0 ? ` + ? (${p.unpriced} unpriced)` : ''}`;
}
