import type { Analysis } from '../compare/analyze-runs.ts';
import { percent, percentInterval, usd } from './format-figures.ts';
import { escapeHtml } from './html-escape.ts';

const WIDTH = 760;
const HEIGHT = 440;
const PAD = { left: 130, right: 150, top: 24, bottom: 56 };
// Models with no known price are drawn in their own band left of the axis, never at $0.
const UNKNOWN_BAND = 60;

const fixed = (x: number) => x.toFixed(1);

interface Scale {
  x: (cost: number) => number;
  ticks: { value: number; label: string }[];
  log: boolean;
}

function xScale(costs: readonly number[]): Scale {
  const left = PAD.left;
  const right = WIDTH - PAD.right;
  const min = Math.min(...costs);
  const max = Math.max(...costs, 0);
  // A log axis when prices span a decade or more, so a 10× cheaper model is not squashed onto 0.
  if (min > 0 && costs.length > 1 && max / min >= 10) {
    const pad = Math.max(0.15, (Math.log10(max) - Math.log10(min)) * 0.08);
    const lo = Math.log10(min) - pad;
    const hi = Math.log10(max) + pad;
    const decades = Array.from({ length: Math.floor(hi) - Math.ceil(lo) + 1 }, (_, i) => Math.ceil(lo) + i);
    const values = decades.flatMap((d) => (hi - lo <= 3 ? [1, 2, 5] : [1]).map((m) => m * 10 ** d)).filter((v) => Math.log10(v) >= lo && Math.log10(v) <= hi);
    return { x: (c) => left + ((Math.log10(c) - lo) / (hi - lo)) * (right - left), ticks: values.map((value) => ({ value, label: tickUsd(value) })), log: true };
  }
  const top = max > 0 ? niceCeiling(max * 1.1) : 1;
  const start = -top * 0.04;
  const ticks = Array.from({ length: 5 }, (_, i) => ({ value: (top * i) / 4, label: tickUsd((top * i) / 4) }));
  return { x: (c) => left + ((c - start) / (top - start)) * (right - left), ticks, log: false };
}

/** `$0.001`, `$0.25`, `$2`: axis labels need no trailing zeros. */
function tickUsd(value: number): string {
  return `$${Number(value.toPrecision(3))}`;
}

function niceCeiling(x: number): number {
  const power = 10 ** Math.floor(Math.log10(x));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * power >= x)!;
  return step * power;
}

/** The cost-per-task vs pass@1 scatter: 95% interval bars, the Pareto frontier, one labelled point per model. */
export function renderScatterSvg(analysis: Analysis): string {
  const models = analysis.models.filter((m) => m.passAt1 !== undefined);
  const costs = models.flatMap((m) => (m.cost.perTaskUsd === undefined ? [] : [m.cost.perTaskUsd]));
  const scale = xScale(costs.length > 0 ? costs : [0]);
  const lows = models.map((m) => m.passAt1Ci?.lower ?? m.passAt1!);
  const highs = models.map((m) => m.passAt1Ci?.upper ?? m.passAt1!);
  const yMin = models.length === 0 ? 0 : Math.max(0, Math.floor((Math.min(...lows) - 0.05) * 10) / 10);
  const yMax = models.length === 0 ? 1 : Math.min(1, Math.ceil((Math.max(...highs) + 0.05) * 10) / 10);
  const y = (q: number) => HEIGHT - PAD.bottom - ((q - yMin) / Math.max(0.1, yMax - yMin)) * (HEIGHT - PAD.top - PAD.bottom);
  const unknownX = PAD.left - UNKNOWN_BAND / 2 - 10;
  const xOf = (cost: number | undefined) => (cost === undefined ? unknownX : scale.x(cost));
  const parts: string[] = [];

  const yTicks = Array.from({ length: Math.round((yMax - yMin) * 10) + 1 }, (_, i) => yMin + i / 10);
  for (const q of yTicks) {
    parts.push(`<line class="grid" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${fixed(y(q))}" y2="${fixed(y(q))}"/>`);
    parts.push(`<text class="tick" x="${PAD.left - 6}" y="${fixed(y(q) + 4)}" text-anchor="end">${(q * 100).toFixed(0)}%</text>`);
  }
  for (const t of scale.ticks) {
    parts.push(`<line class="grid" x1="${fixed(scale.x(t.value))}" x2="${fixed(scale.x(t.value))}" y1="${PAD.top}" y2="${HEIGHT - PAD.bottom}"/>`);
    parts.push(`<text class="tick" x="${fixed(scale.x(t.value))}" y="${HEIGHT - PAD.bottom + 16}" text-anchor="middle">${escapeHtml(t.label)}</text>`);
  }
  if (models.some((m) => m.cost.perTaskUsd === undefined)) {
    parts.push(`<rect class="unknown-band" x="${unknownX - UNKNOWN_BAND / 2}" y="${PAD.top}" width="${UNKNOWN_BAND}" height="${HEIGHT - PAD.top - PAD.bottom}"/>`);
    parts.push(`<text class="tick" x="${unknownX}" y="${HEIGHT - PAD.bottom + 16}" text-anchor="middle">cost unknown</text>`);
  }
  parts.push(`<line class="axis" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${HEIGHT - PAD.bottom}" y2="${HEIGHT - PAD.bottom}"/>`);
  parts.push(`<line class="axis" x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${HEIGHT - PAD.bottom}"/>`);
  parts.push(`<text class="label" x="${(PAD.left + WIDTH - PAD.right) / 2}" y="${HEIGHT - 14}" text-anchor="middle">cost per task (USD${scale.log ? ', log scale' : ''})</text>`);
  parts.push(`<text class="label" transform="translate(${PAD.left - 48} ${(PAD.top + HEIGHT - PAD.bottom) / 2}) rotate(-90)" text-anchor="middle">pass@1 (95% CI)</text>`);

  const byId = new Map(models.map((m) => [m.configId, m]));
  const frontier = analysis.frontier.map((id) => byId.get(id)).filter((m) => m !== undefined);
  if (frontier.length > 1) {
    const steps: string[] = [];
    frontier.forEach((m, i) => {
      const px = fixed(xOf(m.cost.perTaskUsd));
      if (i > 0) steps.push(`${px},${fixed(y(frontier[i - 1]!.passAt1!))}`);
      steps.push(`${px},${fixed(y(m.passAt1!))}`);
    });
    parts.push(`<polyline class="frontier" points="${steps.join(' ')}"/>`);
  }

  const recommended = analysis.recommendation?.switchTo?.configId;
  for (const m of models) {
    const px = xOf(m.cost.perTaskUsd);
    const py = y(m.passAt1!);
    const role = m.configId === analysis.baseline?.configId ? ' baseline' : m.configId === recommended ? ' recommended' : '';
    const onFrontier = analysis.frontier.includes(m.configId) ? ' pareto' : '';
    if (m.passAt1Ci) {
      const [y1, y2] = [fixed(y(m.passAt1Ci.lower)), fixed(y(m.passAt1Ci.upper))];
      parts.push(`<g class="ci"><line x1="${fixed(px)}" x2="${fixed(px)}" y1="${y1}" y2="${y2}"/><line x1="${fixed(px - 4)}" x2="${fixed(px + 4)}" y1="${y1}" y2="${y1}"/><line x1="${fixed(px - 4)}" x2="${fixed(px + 4)}" y1="${y2}" y2="${y2}"/></g>`);
    }
    const tip = `${m.name}: pass@1 ${percent(m.passAt1)} (95% CI ${percentInterval(m.passAt1Ci)}), ${usd(m.cost.perTaskUsd)} per task`;
    parts.push(`<circle class="point${role}${onFrontier}" data-model="${escapeHtml(m.name)}" cx="${fixed(px)}" cy="${fixed(py)}" r="6"><title>${escapeHtml(tip)}</title></circle>`);
    parts.push(`<text class="point-label" x="${fixed(px + 9)}" y="${fixed(py - 8)}">${escapeHtml(m.name)}</text>`);
  }
  return [
    `<svg id="scatter" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="scatter-title">`,
    `<title id="scatter-title">Cost per task against pass@1, with 95% intervals and the Pareto frontier</title>`,
    ...parts,
    '</svg>',
  ].join('\n');
}
