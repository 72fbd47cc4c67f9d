import type { Range } from './types.js';
import { replaceActions, templateActions } from './template-actions.js';

export interface MaskedTemplate {
  /** the text with every `{{ }}` action blanked out, same length and same line breaks as the input */
  text: string;
  /** where the actions were, in input offsets */
  actions: Range[];
}

/**
 * Makes a Helm/Go template readable as YAML without rendering it: a line that holds only actions
 * (`{{- if … }}`, `{{ end }}`, `{{ include … | nindent 4 }}`) becomes a comment, an action inside a value
 * becomes a run of `_`. Offsets and line numbers stay those of the template.
 */
export function maskTemplate(text: string): MaskedTemplate {
  const actions: Range[] = templateActions(text).map(({ start, end }) => ({ start, end }));
  if (actions.length === 0) return { text, actions };

  const out = text.split('');
  for (const a of actions) {
    const lineStart = text.lastIndexOf('\n', a.start - 1) + 1;
    let lineEnd = text.indexOf('\n', a.end);
    if (lineEnd === -1) lineEnd = text.length;
    const before = text.slice(lineStart, a.start);
    const after = text.slice(a.end, lineEnd);
    const standalone = before.trim() === '' && isOnlyActions(after);
    for (let i = a.start; i < a.end; i++) {
      if (out[i] === '\n' || out[i] === '\r') continue;
      out[i] = standalone ? ' ' : '_';
    }
    if (standalone) out[a.start] = '#';
  }
  return { text: out.join(''), actions };
}

function isOnlyActions(rest: string): boolean {
  return replaceActions(rest, () => '').trim() === '';
}

export function overlapsAny(range: Range, spans: readonly Range[]): boolean {
  for (const s of spans) if (s.start < range.end && range.start < s.end) return true;
  return false;
}
