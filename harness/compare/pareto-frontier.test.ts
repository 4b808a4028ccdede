import { describe, expect, it } from 'vitest';
import { paretoFrontier } from './pareto-frontier.ts';

describe('paretoFrontier', () => {
  it('keeps the points nothing cheaper-and-better dominates, cheapest first', () => {
    const points = [
      { id: 'expensive-best', cost: 10, quality: 0.9 },
      { id: 'cheap-ok', cost: 1, quality: 0.7 },
      { id: 'dominated', cost: 5, quality: 0.65 },
      { id: 'middle', cost: 4, quality: 0.8 },
      { id: 'unpriced', quality: 0.99 },
      { id: 'unscored', cost: 0.1 },
    ];
    expect(paretoFrontier(points)).toEqual(['cheap-ok', 'middle', 'expensive-best']);
  });

  it('keeps identical points both, and is empty for no points', () => {
    expect(paretoFrontier([{ id: 'b', cost: 1, quality: 0.5 }, { id: 'a', cost: 1, quality: 0.5 }])).toEqual(['a', 'b']);
    expect(paretoFrontier([])).toEqual([]);
  });
});
