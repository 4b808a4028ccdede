import type { ModelPrice, PriceBook } from './model-price.ts';

/**
 * The price of `model` in a namespace (`anthropic`, `openrouter`, `local`, …): exact key first,
 * then case-insensitively, then without a date suffix (`claude-sonnet-4-5-20250929`,
 * `gpt-5-2025-08-07`), then the namespace wildcard `<ns>/*`. `undefined` when unknown.
 */
export function lookupPrice(book: PriceBook, namespace: string | undefined, model: string): ModelPrice | undefined {
  if (namespace === undefined) return undefined;
  const undated = model.replace(/-(\d{8}|\d{4}-\d{2}-\d{2})$/, '');
  for (const name of [model, undated]) {
    const key = `${namespace}/${name}`;
    if (book[key]) return book[key];
    const folded = Object.keys(book).find((k) => k.toLowerCase() === key.toLowerCase());
    if (folded) return book[folded];
  }
  return book[`${namespace}/*`];
}
