/**
 * Python's `json` module writes and reads `NaN`, `Infinity` and `-Infinity`, and integers of any
 * size. EvalPlus's files use all of them (MBPP+ `Mbpp/404` has `-Infinity`, others have integers
 * beyond 2^53), so `JSON.parse` either rejects a line or silently rounds its inputs. This scanner
 * accepts Python's dialect and hands back the raw text of each top-level member, so inputs can be
 * passed to Python byte for byte.
 */
export class JsonSyntaxError extends Error {}

/** The raw text of each member of the JSON object `text`, in order. Throws `JsonSyntaxError`. */
export function scanObjectMembers(text: string): Map<string, string> {
  const scanner = new Scanner(text);
  const members = new Map<string, string>();
  scanner.skipSpace();
  scanner.expect('{');
  scanner.skipSpace();
  if (scanner.peek() === '}') scanner.pos++;
  else {
    for (;;) {
      scanner.skipSpace();
      if (scanner.peek() !== '"') throw scanner.error('expected a member name');
      const keyStart = scanner.pos;
      scanner.skipString();
      const key = JSON.parse(text.slice(keyStart, scanner.pos)) as string;
      scanner.skipSpace();
      scanner.expect(':');
      scanner.skipSpace();
      const start = scanner.pos;
      scanner.skipValue();
      members.set(key, text.slice(start, scanner.pos));
      scanner.skipSpace();
      if (scanner.peek() === ',') {
        scanner.pos++;
        continue;
      }
      scanner.expect('}');
      break;
    }
  }
  scanner.skipSpace();
  if (scanner.pos !== text.length) throw scanner.error('unexpected text after the object');
  return members;
}

/** The raw text of each element of the JSON array `text`. Throws `JsonSyntaxError`. */
export function scanArrayItems(text: string): string[] {
  return scanArraySpans(text).map(({ start, end }) => text.slice(start, end));
}

/** Where each element of the JSON array `text` starts and ends. Throws `JsonSyntaxError`. */
export function scanArraySpans(text: string): { start: number; end: number }[] {
  const scanner = new Scanner(text);
  const spans: { start: number; end: number }[] = [];
  scanner.skipSpace();
  scanner.expect('[');
  scanner.skipSpace();
  if (scanner.peek() === ']') scanner.pos++;
  else {
    for (;;) {
      scanner.skipSpace();
      const start = scanner.pos;
      scanner.skipValue();
      spans.push({ start, end: scanner.pos });
      scanner.skipSpace();
      if (scanner.peek() === ',') {
        scanner.pos++;
        continue;
      }
      scanner.expect(']');
      break;
    }
  }
  scanner.skipSpace();
  if (scanner.pos !== text.length) throw scanner.error('unexpected text after the array');
  return spans;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null|NaN|Infinity|-Infinity/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  peek(): string | undefined {
    return this.text[this.pos];
  }

  error(what: string): JsonSyntaxError {
    const near = this.pos >= this.text.length ? 'at the end' : `at position ${this.pos}`;
    return new JsonSyntaxError(`${what} ${near}`);
  }

  expect(char: string): void {
    if (this.text[this.pos] !== char) throw this.error(`expected "${char}"`);
    this.pos++;
  }

  skipSpace(): void {
    while (this.pos < this.text.length && ' \t\r\n'.includes(this.text[this.pos]!)) this.pos++;
  }

  skipString(): void {
    if (!this.match(STRING)) throw this.error('unterminated or invalid string');
  }

  skipValue(): void {
    // Iterative, so a deeply nested input cannot overflow our stack.
    const closers: string[] = [];
    for (;;) {
      this.skipSpace();
      const c = this.peek();
      if (c === '{' || c === '[') {
        this.pos++;
        this.skipSpace();
        if (this.peek() === (c === '{' ? '}' : ']')) this.pos++;
        else {
          closers.push(c === '{' ? '}' : ']');
          if (c === '{') this.memberName();
          continue;
        }
      } else if (c === '"') this.skipString();
      else if (!this.match(LITERAL) && !this.match(NUMBER)) throw this.error('expected a value');
      // After a complete value: close finished containers, or move to the next element.
      for (;;) {
        if (closers.length === 0) return;
        this.skipSpace();
        const closer = closers[closers.length - 1]!;
        if (this.peek() === ',') {
          this.pos++;
          if (closer === '}') this.memberName();
          break;
        }
        this.expect(closer);
        closers.pop();
      }
    }
  }

  private memberName(): void {
    this.skipSpace();
    if (this.peek() !== '"') throw this.error('expected a member name');
    this.skipString();
    this.skipSpace();
    this.expect(':');
  }

  private match(pattern: RegExp): boolean {
    pattern.lastIndex = this.pos;
    if (!pattern.test(this.text)) return false;
    this.pos = pattern.lastIndex;
    return true;
  }
}
