import type { Language } from '../core/task.ts';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Keywords that can precede `name(` on a line without declaring anything (`return f(x)`). */
const NOT_A_RETURN_TYPE = /^(?:return|new|throw|else|case|delete|goto|sizeof|typeof|await|yield|co_return|co_yield|co_await)\b/;

/**
 * Whether `code` already holds the whole top-level function `name`, rather than the body that
 * continues a prompt. Patterns are anchored at the start of a line and end at `(` (or `<`, `[`
 * for generics), so `f` does not match `def factorial(` and a call `f(x)` is not a definition.
 */
export function definesFunction(code: string, name: string, language: Language): boolean {
  if (name === '') return false;
  const text = code.replace(/\r\n?/g, '\n');
  const n = escapeRegExp(name);
  switch (language) {
    case 'python':
      // Top level only: a nested `def` of the same name does not make the module define it.
      return new RegExp(`^(?:async[ \\t]+)?def[ \\t]+${n}[ \\t]*[(\\[]`, 'm').test(text);
    case 'typescript':
    case 'javascript':
      return definesScriptFunction(text, n);
    case 'rust':
      return new RegExp(
        `^[ \\t]*(?:pub(?:\\([^)\\n]*\\))?[ \\t]+)?(?:(?:const|async|unsafe|extern[ \\t]+"[^"\\n]*")[ \\t]+)*fn[ \\t]+${n}[ \\t]*[(<]`,
        'm',
      ).test(text);
    case 'go':
      return new RegExp(`^func[ \\t]+${n}[ \\t]*[(\\[]`, 'm').test(text);
    case 'cpp':
    case 'java':
      return definesCLikeFunction(text, n);
  }
}

function definesScriptFunction(text: string, n: string): boolean {
  const declaration = new RegExp(
    `^(?:export[ \\t]+)?(?:default[ \\t]+)?(?:async[ \\t]+)?function[ \\t]*\\*?[ \\t]*${n}[ \\t]*[(<].*$`,
    'gm',
  );
  // A line ending in `;` is an overload signature or `declare`, not a body.
  for (const match of text.matchAll(declaration)) if (!withoutLineComment(match[0]).endsWith(';')) return true;
  return new RegExp(`^(?:export[ \\t]+)?(?:const|let|var)[ \\t]+${n}[ \\t]*(?::[^=;]+)?=`, 'm').test(text);
}

/**
 * Java and C++: a line holding a return type (and modifiers) followed by `name(`, that does not
 * end in `;` (a prototype, an abstract method or a call statement). Indentation is allowed because
 * Java methods live inside a class.
 */
function definesCLikeFunction(text: string, n: string): boolean {
  const signature = new RegExp(`^[ \\t]*([A-Za-z_@][\\w:<>,.\\[\\]*&@ \\t]*?)[ \\t*&>]${n}[ \\t]*\\(`);
  for (const line of text.split('\n')) {
    const match = signature.exec(line);
    if (!match) continue;
    if (NOT_A_RETURN_TYPE.test(match[1] ?? '')) continue;
    if (withoutLineComment(line).endsWith(';')) continue;
    return true;
  }
  return false;
}

function withoutLineComment(line: string): string {
  const comment = line.indexOf('//');
  return (comment === -1 ? line : line.slice(0, comment)).trimEnd();
}

/**
 * The import lines of a prompt, joined with newlines, so a completion that restates the whole
 * function can be graded with the prompt's imports kept (as EvalPlus's sanitizer does).
 * Only top-level (unindented) statements count: an import under `if TYPE_CHECKING:` or inside a
 * function belongs to that block.
 */
export function promptImports(prompt: string, language: Language): string {
  const lines = prompt.replace(/\r\n?/g, '\n').split('\n');
  switch (language) {
    case 'python':
      return pythonImports(lines).join('\n');
    case 'typescript':
    case 'javascript':
      return scriptImports(lines).join('\n');
    case 'cpp':
      return lines.filter((line) => /^[ \t]*#[ \t]*include\b|^using[ \t]+namespace\b/.test(line)).join('\n');
    case 'java':
      return lines.filter((line) => /^import[ \t]+(?:static[ \t]+)?[\w.*]+[ \t]*;/.test(line)).join('\n');
    case 'go':
      return collectStatements(lines, /^import\b/, (statement) => !/^import[ \t]*\($/.test(statement[0] ?? '') || /^\)/.test(statement.at(-1) ?? '')).join('\n');
    case 'rust':
      return collectStatements(lines, /^(?:pub[ \t]+)?use[ \t]/, (statement) => /;[ \t]*$/.test(statement.at(-1) ?? '')).join('\n');
  }
}

/** Gathers statements that start on a matching line and run until `isComplete` (at most 200 lines). */
function collectStatements(lines: string[], start: RegExp, isComplete: (statement: string[]) => boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i] ?? '';
    if (!start.test(first)) continue;
    const statement = [first];
    while (!isComplete(statement) && i + 1 < lines.length && statement.length < 200) statement.push(lines[++i] ?? '');
    out.push(statement.join('\n'));
  }
  return out;
}

function pythonImports(lines: string[]): string[] {
  const out: string[] = [];
  // Lines inside a top-level triple-quoted string (a module docstring) are prose, not imports.
  let openString: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const wasInString = openString !== undefined;
    openString = trackTripleQuotes(line, openString);
    if (wasInString || !/^(?:import[ \t]+[\w.]|from[ \t]+[\w.]+[ \t]+import\b)/.test(line)) continue;
    const statement = [line];
    const code = line.replace(/#.*$/, '');
    if (/\bimport[ \t]*\(/.test(code) && !code.includes(')')) {
      while (i + 1 < lines.length && statement.length < 200) {
        const next = lines[++i] ?? '';
        statement.push(next);
        if (next.replace(/#.*$/, '').includes(')')) break;
      }
    } else {
      while (/\\$/.test(statement.at(-1) ?? '') && i + 1 < lines.length && statement.length < 200) statement.push(lines[++i] ?? '');
    }
    out.push(statement.join('\n'));
  }
  return out;
}

function trackTripleQuotes(line: string, open: string | undefined): string | undefined {
  let state = open;
  const quotes = /"""|'''/g;
  for (const match of line.matchAll(quotes)) {
    if (state === undefined) state = match[0];
    else if (state === match[0]) state = undefined;
  }
  return state;
}

function scriptImports(lines: string[]): string[] {
  // `import(`…`)` and `import.meta` are expressions, not import statements.
  const importStart = /^import(?:[ \t]+|[ \t]*[{*'"])/;
  const importDone = (statement: string[]): boolean => /(?:;|['"])[ \t]*$/.test(withoutLineComment(statement.at(-1) ?? ''));
  const requireLine = /^(?:const|let|var)[ \t]+[^=\n]+=[ \t]*require[ \t]*\([ \t]*['"][^'"\n]*['"][ \t]*\)/;
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (requireLine.test(line)) {
      out.push(line);
      continue;
    }
    if (!importStart.test(line)) continue;
    const statement = [line];
    while (!importDone(statement) && i + 1 < lines.length && statement.length < 200) statement.push(lines[++i] ?? '');
    out.push(statement.join('\n'));
  }
  return out;
}
