/**
 * KLT task code that reads the task context from `CONTEXT` (KLT ≤ 0.9) is rewritten to read `KEPTN_CONTEXT` (Keptn 0.10+:
 * the Deno runner only allows DATA, SECURE_DATA and KEPTN_CONTEXT). Deno (TypeScript/JavaScript) code is rewritten with a
 * jscodeshift transform on its syntax tree, so only real `Deno.env.get("CONTEXT")` reads change (not comments, not other
 * strings); the transform reports the exact source spans it changed, so the YAML around embedded code stays untouched.
 * Python code cannot be parsed by jscodeshift: the three ways the Python runtime docs read the variable
 * (`os.environ["CONTEXT"]`, `os.environ.get("CONTEXT")`, `os.getenv("CONTEXT")`) are matched as tokens instead.
 *
 * jscodeshift is loaded lazily with `require` the first time Deno code is rewritten, so `keptn-migrate scan` (and any
 * migrate run without such code) never loads it.
 */
import type { API, ASTNode, FileInfo, JSCodeshift, Transform } from 'jscodeshift';
import { requireDependency } from '../package-root.js';
import { applySpans, type CodeSpan } from './embedded-code.js';

export type CodeLanguage = 'deno' | 'python';

export interface ContextRewrite {
  /** changes in code coordinates (empty when the code does not read CONTEXT) */
  spans: CodeSpan[];
  /** the rewritten code */
  code: string;
  /** why the code could not be rewritten (it does not parse) */
  error?: string;
  /** the rewritten code still has a "CONTEXT" string (read some other way, e.g. through a variable): check it by hand */
  leftover?: boolean;
}

const OLD = 'CONTEXT';
const NEW = 'KEPTN_CONTEXT';

let loaded: JSCodeshift | undefined;

/** jscodeshift bound to its TypeScript parser, loaded on first use */
export function jscodeshift(): JSCodeshift {
  if (!loaded) {
    loaded = (requireDependency('jscodeshift') as JSCodeshift).withParser('ts');
  }
  return loaded;
}

type Node = ASTNode & Record<string, unknown>;

function isMember(n: unknown): n is Node {
  const t = (n as Node | undefined)?.type;
  return t === 'MemberExpression' || t === 'OptionalMemberExpression';
}

function propertyName(m: Node): string | undefined {
  const p = m.property as Node;
  if (!m.computed && p.type === 'Identifier') return p.name as string;
  if (m.computed && isStringNode(p)) return stringValue(p);
  return undefined;
}

function isIdentifier(n: unknown, name: string): boolean {
  return (n as Node | undefined)?.type === 'Identifier' && (n as Node).name === name;
}

/** `Deno.env` */
function isDenoEnv(n: unknown): boolean {
  return isMember(n) && isIdentifier(n.object, 'Deno') && propertyName(n) === 'env';
}

function isStringNode(n: unknown): boolean {
  const node = n as Node | undefined;
  if (!node) return false;
  if (node.type === 'StringLiteral' || (node.type === 'Literal' && typeof node.value === 'string')) return true;
  return node.type === 'TemplateLiteral' && (node.expressions as unknown[]).length === 0;
}

function stringValue(n: Node): string | undefined {
  if (n.type === 'TemplateLiteral') return ((n.quasis as Node[])[0]?.value as { cooked?: string } | undefined)?.cooked;
  return typeof n.value === 'string' ? n.value : undefined;
}

/** the inner text of a string node (between its quotes or backticks), in source offsets */
function innerRange(n: Node): { start: number; end: number } | undefined {
  if (n.type === 'TemplateLiteral') {
    const q = (n.quasis as Node[])[0];
    return typeof q?.start === 'number' && typeof q.end === 'number' ? { start: q.start, end: q.end } : undefined;
  }
  return typeof n.start === 'number' && typeof n.end === 'number' ? { start: n.start + 1, end: n.end - 1 } : undefined;
}

/** sets a string node's value, keeping its quote character when reprinted */
function setString(n: Node, value: string): void {
  if (n.type === 'TemplateLiteral') {
    const q = (n.quasis as Node[])[0];
    if (q) q.value = { raw: value, cooked: value };
    return;
  }
  n.value = value;
  n.extra = { rawValue: value, raw: JSON.stringify(value) };
}

/**
 * The jscodeshift transform: `Deno.env.get("CONTEXT")`, `Deno.env.has("CONTEXT")`, `Deno.env.toObject().CONTEXT` (or
 * `["CONTEXT"]`) read KEPTN_CONTEXT instead. Returns the reprinted source; when `options.spans` is an array, the exact
 * source changes are pushed to it too (the reprint may change a literal's quotes, the spans never do).
 */
export const renameContextVariable: Transform = (file: FileInfo, api: API, options) => {
  const j = api.jscodeshift;
  const root = j(file.source);
  const spans: CodeSpan[] = Array.isArray(options.spans) ? (options.spans as CodeSpan[]) : [];
  let changed = 0;
  const renameString = (n: Node) => {
    const inner = innerRange(n);
    if (inner) spans.push({ ...inner, text: NEW });
    setString(n, NEW);
    changed++;
  };
  const visitCall = (node: Node) => {
    const callee = node.callee as Node;
    if (!isMember(callee) || !isDenoEnv(callee.object)) return;
    const method = propertyName(callee);
    if (method !== 'get' && method !== 'has') return;
    const arg = (node.arguments as Node[])[0];
    if (arg && isStringNode(arg) && stringValue(arg) === OLD) renameString(arg);
  };
  root.find(j.CallExpression).forEach((p) => visitCall(p.node as unknown as Node));
  root.find(j.OptionalCallExpression).forEach((p) => visitCall(p.node as unknown as Node));
  const visitMember = (node: Node) => {
    const obj = node.object as Node;
    const call = obj.type === 'CallExpression' || obj.type === 'OptionalCallExpression' ? obj : undefined;
    if (!call || !isMember(call.callee) || !isDenoEnv((call.callee as Node).object) || propertyName(call.callee as Node) !== 'toObject') return;
    const prop = node.property as Node;
    if (!node.computed && isIdentifier(prop, OLD)) {
      if (typeof prop.start === 'number' && typeof prop.end === 'number') spans.push({ start: prop.start, end: prop.end, text: NEW });
      prop.name = NEW;
      changed++;
    } else if (node.computed && isStringNode(prop) && stringValue(prop) === OLD) {
      renameString(prop);
    }
  };
  root.find(j.MemberExpression).forEach((p) => visitMember(p.node as unknown as Node));
  root.find(j.OptionalMemberExpression).forEach((p) => visitMember(p.node as unknown as Node));
  return changed > 0 ? root.toSource() : file.source;
};

const PYTHON = /\b(os\.environ\.get\(\s*|os\.getenv\(\s*|os\.environ\[\s*|environ\.get\(\s*|environ\[\s*|getenv\(\s*)(["'])CONTEXT\2/g;

/** Finds the reads of CONTEXT in task code and the rewrite that reads KEPTN_CONTEXT instead. */
export function rewriteContextReads(code: string, language: CodeLanguage): ContextRewrite {
  if (!code.includes(OLD)) return { spans: [], code };
  if (language === 'python') {
    const spans: CodeSpan[] = [];
    for (const m of code.matchAll(PYTHON)) {
      const start = (m.index ?? 0) + (m[1] as string).length + 1;
      spans.push({ start, end: start + OLD.length, text: NEW });
    }
    let out = code;
    for (const s of [...spans].reverse()) out = out.slice(0, s.start) + s.text + out.slice(s.end);
    return { spans, code: out };
  }
  const j = jscodeshift();
  const api: API = { j, jscodeshift: j, stats: () => undefined, report: () => undefined };
  const spans: CodeSpan[] = [];
  let after: string;
  try {
    renameContextVariable({ path: 'function.ts', source: code }, api, { spans });
    if (spans.length === 0) return { spans: [], code, ...(/["'`]CONTEXT["'`]/.test(code) ? { leftover: true } : {}) };
    after = applySpans(code, spans);
    // the result must parse, and a second pass must find nothing left to change
    const again: CodeSpan[] = [];
    renameContextVariable({ path: 'function.ts', source: after }, api, { spans: again });
    if (again.length > 0) return { spans: [], code, error: 'the rewrite did not converge' };
  } catch (e) {
    return { spans: [], code, error: `the code does not parse as TypeScript (${String((e as Error).message).split('\n')[0]})` };
  }
  return { spans: spans.sort((x, y) => x.start - y.start), code: after, ...(/["'`]CONTEXT["'`]/.test(after) ? { leftover: true } : {}) };
}
