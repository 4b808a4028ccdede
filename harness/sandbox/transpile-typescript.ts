import { createRequire } from 'node:module';

type TypeScriptModule = typeof import('typescript');
let ts: TypeScriptModule | undefined;

function typescript(): TypeScriptModule {
  // Loaded on first use: it is large, and runs without TypeScript tasks never need it.
  ts ??= createRequire(import.meta.url)('typescript') as TypeScriptModule;
  return ts;
}

export interface TranspileResult {
  js: string;
  /** Syntax errors, as `line:col message`; empty when the source parsed. */
  errors: string[];
}

/**
 * Strips types from untrusted TypeScript in our own process. This only parses and prints; nothing
 * of the source runs here. Type checking happens inside the sandbox.
 */
export function transpileTypeScript(source: string, fileName = 'main.ts'): TranspileResult {
  const t = typescript();
  const out = t.transpileModule(source, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: {
      module: t.ModuleKind.CommonJS,
      target: t.ScriptTarget.ES2022,
      esModuleInterop: true,
      sourceMap: false,
    },
  });
  const errors = (out.diagnostics ?? []).map((d) => {
    const text = t.flattenDiagnosticMessageText(d.messageText, ' ');
    if (!d.file || d.start === undefined) return text;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${line + 1}:${character + 1} ${text}`;
  });
  return { js: out.outputText, errors };
}
