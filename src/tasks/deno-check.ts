/**
 * Checks generated Deno code: syntax errors and type errors against DENO_GLOBALS and the ES2022 library. Every
 * function keptn-migrate emits must pass; one that does not is a keptn-migrate bug and is never written.
 */
import type * as TsMorph from 'ts-morph';
import { DENO_GLOBALS } from './deno-globals.js';
import { tsMorph } from './ts-morph.js';

/**
 * A generated function cut where its prelude (the helpers every function of a kind shares) ends. The prelude is
 * checked once, as a module exporting all it declares, and each function's steps in a module importing all of it:
 * the same declarations in scope as in the whole file, so the same verdicts, at a fraction of the cost (the prelude
 * is most of each function). A step that redeclares a helper is still an error (the import conflicts with it).
 */
export interface DenoParts {
  prelude: string;
  steps: string;
  /** lines of the whole code before the prelude (its header comment) */
  preludeLine: number;
  /** lines of the whole code before the steps */
  stepsLine: number;
}

/** the whole code of a function, or its parts when it is a known prelude after a plain header comment */
export type DenoCheckInput = string | DenoParts;

// comment lines only, none of which TypeScript could read as a directive (`// @ts-nocheck`, `/// <reference>`) and
// none holding another line terminator (`\r`, U+2028, U+2029 end a comment: the rest of the line would be code)
const PLAIN_HEADER = /^(?:\/\/(?![ \t]*[@/])[^\n\r\u2028\u2029]*\n)*$/;
const OTHER_LINE_BREAKS = /[\r\u2028\u2029]/;

export function splitAtPrelude(code: string, preludes: Iterable<string>): DenoCheckInput {
  for (const prelude of preludes) {
    const at = code.indexOf(prelude);
    const after = at + prelude.length;
    if (at === -1 || code.charCodeAt(after) !== 10 || !PLAIN_HEADER.test(code.slice(0, at)) || OTHER_LINE_BREAKS.test(prelude)) continue;
    const preludeLine = lineCount(code, 0, at);
    return { prelude, steps: code.slice(after + 1), preludeLine, stepsLine: preludeLine + lineCount(prelude, 0, prelude.length) + 1 };
  }
  return code;
}

/** Problems of a generated function; empty when it parses and type-checks. */
export function checkDeno(code: string): string[] {
  return checkDenoAll([code])[0] ?? [];
}

let checker: TsMorph.Project | undefined;

/**
 * checkDeno for many functions at once: one program holds them all (each is a module), so the type checker and the
 * library it loads are set up once instead of once per function. Identical code is checked once, a shared prelude too.
 */
export function checkDenoAll(inputs: readonly DenoCheckInput[]): string[][] {
  const { ts } = tsMorph();
  const project = checkerProject();
  const files = new Map<string, string>();
  const fileFor = (key: string, prefix: string, text: () => string): string => {
    let name = files.get(key);
    if (name === undefined) {
      name = `/${prefix}-${files.size}.ts`;
      files.set(key, name);
      project.createSourceFile(name, text(), { overwrite: true });
    }
    return name;
  };
  const preludeFile = (prelude: string) => fileFor(`p\0${prelude}`, 'prelude', () => `${prelude}\nexport { ${topLevelNames(prelude).join(', ')} };\n`);
  const named = inputs.map((input) => {
    if (typeof input === 'string') return { whole: fileFor(`w\0${input}`, 'function', () => input) };
    const prelude = preludeFile(input.prelude);
    const steps = fileFor(`s\0${input.prelude}\0${input.steps}`, 'steps', () => `import { ${topLevelNames(input.prelude).join(', ')} } from ".${prelude.slice(0, -3)}";\n${input.steps}`);
    return { prelude, steps, parts: input };
  });
  try {
    const program = project.getProgram().compilerObject;
    const problems = new Map<string, { line: number | undefined; text: string }[]>();
    const problemsOf = (name: string) => {
      let found = problems.get(name);
      if (!found) {
        const file = program.getSourceFile(name);
        found = file
          ? [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map((d) => {
              const pos = d.start !== undefined ? file.getLineAndCharacterOfPosition(d.start) : undefined;
              const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
              return { line: pos?.line, text: pos ? `${pos.character + 1} ${text}` : text };
            })
          : [{ line: undefined, text: 'the generated function was not read' }];
        problems.set(name, found);
      }
      return found;
    };
    const show = (p: { line: number | undefined; text: string }, line: (l: number) => number) => (p.line === undefined ? p.text : `${line(p.line) + 1}:${p.text}`);
    return named.map((n) => {
      if (n.whole !== undefined) return problemsOf(n.whole).map((p) => show(p, (l) => l));
      const { preludeLine, stepsLine } = n.parts;
      return [
        ...problemsOf(n.prelude).map((p) => show(p, (l) => preludeLine + l)),
        // line 0 is the import of the prelude: a conflict with it belongs to the prelude's names
        ...problemsOf(n.steps).map((p) => show(p, (l) => (l === 0 ? preludeLine : stepsLine + l - 1))),
      ];
    });
  } finally {
    for (const name of files.values()) {
      const sf = project.getSourceFile(name);
      if (sf) project.removeSourceFile(sf);
    }
  }
}

function checkerProject(): TsMorph.Project {
  if (checker) return checker;
  const { Project, ts } = tsMorph();
  checker = new Project({
    useInMemoryFileSystem: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, lib: ['lib.es2022.d.ts'], strict: true, noEmit: true, types: [] },
  });
  checker.createSourceFile('/deno-globals.d.ts', DENO_GLOBALS, { overwrite: true });
  return checker;
}

const namesOf = new Map<string, string[]>();

/** the names a prelude declares at its top level (types, constants, functions) */
function topLevelNames(prelude: string): string[] {
  let names = namesOf.get(prelude);
  if (names) return names;
  const { ts } = tsMorph();
  const file = ts.createSourceFile('/prelude.ts', prelude, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  names = [];
  for (const s of file.statements) {
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
    } else if ((ts.isFunctionDeclaration(s) || ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s) || ts.isClassDeclaration(s) || ts.isEnumDeclaration(s)) && s.name) {
      names.push(s.name.text);
    }
  }
  names = [...new Set(names)];
  namesOf.set(prelude, names);
  return names;
}

function lineCount(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
