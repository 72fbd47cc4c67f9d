/**
 * Generates the Deno code of webhook tasks with ts-morph (deno-check.ts checks it). ts-morph is loaded on first use
 * (ts-morph.ts): `keptn-migrate scan` never loads it, and migrate loads it once, when a webhook is converted.
 */
import type * as TsMorph from 'ts-morph';
import type { StatementStructures } from 'ts-morph';
import { tsMorph } from './ts-morph.js';
import type { HttpRequest, Part } from './webhook.js';

export interface DenoUnit {
  /** what the step is called in logs and errors */
  title: string;
  requests: (HttpRequest & { label: string })[];
}

export interface DenoProgram {
  /** the comment at the top */
  header: string[];
  contextVariable: 'KEPTN_CONTEXT' | 'CONTEXT';
  units: DenoUnit[];
}

const preludes = new Map<string, string>();

/** the helper sections printed so far: every generated function starts with one of them, after its header comment */
export function generatedPreludes(): Iterable<string> {
  return preludes.values();
}

const bodies = new Map<string, string>();

/**
 * generateDeno, with each distinct body generated once: repositories repeat the same webhooks per service and stage,
 * and only the header comment tells them apart.
 */
export function denoFunction(program: DenoProgram): string {
  const key = JSON.stringify([program.contextVariable, program.units]);
  let body = bodies.get(key);
  if (body === undefined) {
    body = generateDeno({ ...program, header: [] });
    bodies.set(key, body);
  }
  return headerComment(program.header) + body;
}

function headerComment(lines: readonly string[]): string {
  // every line terminator JavaScript knows ends a comment: none may reach the code from a name in the source
  return lines.map((line) => `// ${line.replace(/\r\n|[\n\r\u2028\u2029]/g, ' ')}\n`).join('');
}

/** the TypeScript source of a task function that sends every request of every unit in order */
export function generateDeno(program: DenoProgram): string {
  const { ts, VariableDeclarationKind, StructureKind, printStructure } = tsMorph();
  // printed as a source file of a project would print them, without parsing the result into one
  const printStatements = (statements: StatementStructures[]) => printStructure({ kind: StructureKind.SourceFile, statements }, { indentNumberOfSpaces: 2 });
  const f = ts.factory;
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });
  // the printer indents by four spaces; the file is indented by two (as formatText would make it, at a fraction of the cost)
  const print = (node: TsMorph.ts.Node) =>
    printer.printNode(ts.EmitHint.Unspecified, node, ts.createSourceFile('x.ts', '', ts.ScriptTarget.ES2022)).replace(/^((?: {4})+)/gm, (m) => m.slice(m.length / 2));
  const used = { secret: false, context: false, metadata: false };

  const str = (s: string) => f.createStringLiteral(s);
  const call = (name: string, args: TsMorph.ts.Expression[]) => f.createCallExpression(f.createIdentifier(name), undefined, args);
  const partExpr = (p: Part): TsMorph.ts.Expression => {
    switch (p.kind) {
      case 'text':
        return str(p.text);
      case 'secret':
        used.secret = true;
        return call('secret', [str(p.name)]);
      case 'context':
        used.context = true;
        return call('fromContext', [str(p.field), str(p.fallback ?? p.field)]);
      case 'metadata':
        used.metadata = true;
        return call('metadata', [str(p.key)]);
      case 'uuid':
        return f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier('crypto'), 'randomUUID'), undefined, []);
      case 'now':
        return f.createCallExpression(
          f.createPropertyAccessExpression(f.createNewExpression(f.createIdentifier('Date'), undefined, []), 'toISOString'),
          undefined,
          [],
        );
    }
  };
  const stringExpr = (parts: Part[]): TsMorph.ts.Expression => {
    if (parts.length === 0) return str('');
    if (parts.every((p) => p.kind === 'text')) return str(parts.map((p) => (p as { text: string }).text).join(''));
    const head: string[] = [''];
    const exprs: TsMorph.ts.Expression[] = [];
    for (const p of parts) {
      if (p.kind === 'text') head[head.length - 1] += p.text;
      else {
        exprs.push(partExpr(p));
        head.push('');
      }
    }
    const spans = exprs.map((e, i) =>
      f.createTemplateSpan(e, i === exprs.length - 1 ? f.createTemplateTail(head[i + 1] ?? '') : f.createTemplateMiddle(head[i + 1] ?? '')),
    );
    return f.createTemplateExpression(f.createTemplateHead(head[0] ?? ''), spans);
  };
  const requestInit = (r: HttpRequest): TsMorph.ts.Expression => {
    const props: TsMorph.ts.ObjectLiteralElementLike[] = [f.createPropertyAssignment('method', str(r.method))];
    const headers: TsMorph.ts.Expression[] = r.headers.map((h) => f.createArrayLiteralExpression([stringExpr(h.name), stringExpr(h.value)]));
    if (r.basicAuth) {
      const basic = f.createTemplateExpression(f.createTemplateHead('Basic '), [f.createTemplateSpan(call('btoa', [stringExpr(r.basicAuth)]), f.createTemplateTail(''))]);
      headers.push(f.createArrayLiteralExpression([str('Authorization'), basic]));
    }
    if (headers.length > 0) props.push(f.createPropertyAssignment('headers', f.createArrayLiteralExpression(headers, headers.length > 1)));
    if (r.body !== undefined) props.push(f.createPropertyAssignment('body', stringExpr(r.body)));
    if (r.timeoutSeconds !== undefined) {
      props.push(
        f.createPropertyAssignment(
          'signal',
          f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier('AbortSignal'), 'timeout'), undefined, [f.createNumericLiteral(Math.round(r.timeoutSeconds * 1000))]),
        ),
      );
    }
    return f.createObjectLiteralExpression(props, true);
  };

  // the step functions first (they decide which helpers are needed)
  const taken = new Set<string>();
  const steps = program.units.map((u, i) => {
    let name = identifier(u.title) || `step${i + 1}`;
    for (let n = 2; taken.has(name); n++) name = `${identifier(u.title)}${n}`;
    taken.add(name);
    const statements = u.requests.map((r) => print(f.createExpressionStatement(f.createAwaitExpression(call('send', [str(r.label), stringExpr(r.url), requestInit(r)])))));
    if (statements.length === 0) statements.push(print(f.createExpressionStatement(call('console.log', [str(`${u.title}: nothing to send`)]))));
    return { name, title: u.title, statements };
  });

  // the helpers before the steps depend only on which of them the steps use: printed once per combination
  const preludeKey = `${program.contextVariable}|${used.secret}|${used.context}|${used.metadata}`;
  let prelude = preludes.get(preludeKey);
  if (prelude === undefined) {
    prelude = printStatements(preludeStatements());
    preludes.set(preludeKey, prelude);
  }
  const stepFunctions: StatementStructures[] = steps.map((s) => ({ kind: StructureKind.Function, name: s.name, isAsync: true, returnType: 'Promise<void>', docs: [s.title.replace(/\*\//g, '* /')], statements: s.statements }));
  // one structure, printed in one pass (adding the statements one by one re-parses the file after each)
  const stepsText = printStatements(stepFunctions);
  // the steps run in order; top-level await needs a module: Deno treats every file as one, TypeScript only a file with an export
  return `${headerComment(program.header)}${prelude}\n${stepsText}${steps.map((s) => `await ${s.name}();\n`).join('')}\nexport { };\n`;

  function preludeStatements(): StatementStructures[] {
    const statements: StatementStructures[] = [];
    statements.push(
      { kind: StructureKind.TypeAlias, name: 'ContextField', type: '"appName" | "appVersion" | "workloadName" | "workloadVersion" | "taskType" | "objectType"' },
      {
        kind: StructureKind.Interface,
        name: 'KeptnContext',
        properties: [
          ...['appName', 'appVersion', 'workloadName', 'workloadVersion', 'taskType', 'objectType'].map((n) => ({ name: n, type: 'string', hasQuestionToken: true })),
          { name: 'metadata', type: 'Record<string, string>', hasQuestionToken: true },
        ],
      },
      {
        kind: StructureKind.VariableStatement,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name: 'context', type: 'KeptnContext', initializer: print(parseEnvJson(f, program.contextVariable)) }],
      },
    );
    if (used.secret) {
      statements.push(
        {
          kind: StructureKind.VariableStatement,
          declarationKind: VariableDeclarationKind.Const,
          declarations: [{ name: 'secrets', type: 'Record<string, string>', initializer: print(parseEnvJson(f, 'SECURE_DATA')) }],
        },
        {
          kind: StructureKind.Function,
          name: 'secret',
          parameters: [{ name: 'name', type: 'string' }],
          returnType: 'string',
          docs: ['A value of the SECURE_DATA secret (the former {{.env.<name>}}).'],
          statements: ['const value = secrets[name];', 'if (value === undefined) throw new Error(`SECURE_DATA has no key "${name}"`);', 'return value;'],
        },
      );
    }
    if (used.context) {
      statements.push({
        kind: StructureKind.Function,
        name: 'fromContext',
        parameters: [
          { name: 'field', type: 'ContextField' },
          { name: 'fallback', type: 'ContextField' },
        ],
        returnType: 'string',
        statements: ['return context[field] || context[fallback] || "";'],
      });
    }
    if (used.metadata) {
      statements.push({
        kind: StructureKind.Function,
        name: 'metadata',
        parameters: [{ name: 'key', type: 'string' }],
        returnType: 'string',
        docs: ['A key of the context metadata (keptn.sh/metadata on the workload); empty when it is not set.'],
        statements: ['return context.metadata?.[key] ?? "";'],
      });
    }
    statements.push({
      kind: StructureKind.Function,
      name: 'send',
      isAsync: true,
      parameters: [
        { name: 'step', type: 'string' },
        { name: 'url', type: 'string' },
        { name: 'init', type: 'RequestInit' },
      ],
      returnType: 'Promise<void>',
      docs: ['Sends one request; a response outside 2xx fails the task (the URL is not logged: it may hold a secret).'],
      statements: [
        'const response = await fetch(url, init);',
        'const text = await response.text();',
        'if (!response.ok) throw new Error(`${step}: ${init.method ?? "GET"} answered HTTP ${response.status}: ${text.slice(0, 500)}`);',
        'console.log(`${step}: HTTP ${response.status}`);',
      ],
    });
    return statements;
  }
}

function parseEnvJson(f: TsMorph.ts.NodeFactory, variable: string): TsMorph.ts.Expression {
  const get = f.createCallExpression(
    f.createPropertyAccessExpression(f.createPropertyAccessExpression(f.createIdentifier('Deno'), 'env'), 'get'),
    undefined,
    [f.createStringLiteral(variable)],
  );
  return f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier('JSON'), 'parse'), undefined, [
    f.createBinaryExpression(get, f.createToken(tsMorph().ts.SyntaxKind.QuestionQuestionToken), f.createStringLiteral('{}')),
  ]);
}

/** `Notify Slack (test)` → `notifySlackTest` */
export function identifier(title: string): string {
  const words = title.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  const id = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  const safe = /^[0-9]/.test(id) ? `step${id}` : id;
  return RESERVED.has(safe) ? `${safe}Step` : safe.slice(0, 60);
}

const RESERVED = new Set([
  'send', 'secret', 'secrets', 'context', 'fromContext', 'metadata', 'fetch', 'console', 'crypto', 'btoa', 'Deno', 'JSON', 'Date', 'Error', 'AbortSignal',
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export', 'extends', 'false',
  'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try',
  'typeof', 'var', 'void', 'while', 'with', 'let', 'static', 'yield', 'await', 'implements', 'interface', 'package', 'private', 'protected', 'public',
]);
