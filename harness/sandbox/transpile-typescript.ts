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

export interface TopLevelDeclaration {
  /** Offsets of the statement, its leading comments included. */
  start: number;
  end: number;
  names: string[];
}

/** The top-level statements of a TypeScript or JavaScript source and the names each declares; parse only. */
export function topLevelDeclarations(source: string): TopLevelDeclaration[] {
  const t = typescript();
  const file = t.createSourceFile('main.ts', source, t.ScriptTarget.ES2022, false, t.ScriptKind.TS);
  return file.statements.map((statement) => {
    const names: string[] = [];
    if (t.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) if (t.isIdentifier(d.name)) names.push(d.name.text);
    } else if (
      (t.isFunctionDeclaration(statement) || t.isClassDeclaration(statement) || t.isInterfaceDeclaration(statement) ||
        t.isTypeAliasDeclaration(statement) || t.isEnumDeclaration(statement)) && statement.name
    ) {
      names.push(statement.name.text);
    }
    return { start: statement.pos, end: statement.end, names };
  });
}
