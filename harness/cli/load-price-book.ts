import { readFileSync } from 'node:fs';
import { InputError } from '../core/errors.ts';
import { importLitellmPrices } from '../pricing/import-litellm-prices.ts';
import type { PriceBook } from '../pricing/model-price.ts';
import { PRICE_BOOK } from '../pricing/price-book.ts';

/**
 * Our dated price book, with litellm-format files layered on top in order (the config file's
 * `prices:`, then `--prices`): a later file's entry replaces an earlier one.
 */
export function loadPriceBook(files: readonly { path: string; origin: string }[], warn: (line: string) => void): PriceBook {
  let book: PriceBook = { ...PRICE_BOOK };
  for (const { path, origin } of files) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not valid JSON: ${(error as Error).message}`;
      throw new InputError(`${origin} ${path}: ${why}`, { cause: error });
    }
    try {
      const imported = importLitellmPrices(json, path);
      for (const w of imported.warnings) warn(`codebench: ${w}\n`);
      book = { ...book, ...imported.book };
    } catch (error) {
      throw new InputError(`${origin} ${path}: expected litellm's model_prices_and_context_window.json format (a JSON object of model entries)`, { cause: error });
    }
  }
  return book;
}
