import type { Range } from './types.js';

export interface TemplateAction extends Range {
  /** the action's text, `{{` to `}}` */
  text: string;
}

/**
 * Every `{{ … }}` action of a Go (Helm, webhook) template, left to right, each from a `{{` to the first `}}` after
 * it: what `/\{\{[\s\S]*?\}\}/g` matches, in linear time. That regular expression, where no `}}` follows a `{{`,
 * tries every later `{{` again up to the end of the text: a template of 200 KB of `{{` took 12 s to scan, 10 MB
 * would take hours. Here the search ends at the first `{{` without a `}}` after it, as none can follow a later one.
 */
export function templateActions(text: string): TemplateAction[] {
  const out: TemplateAction[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('{{', from);
    if (start === -1) break;
    const close = text.indexOf('}}', start + 2);
    if (close === -1) break;
    out.push({ start, end: close + 2, text: text.slice(start, close + 2) });
    from = close + 2;
  }
  return out;
}

/** `text` with every action replaced by what `by` returns for it (`text.replace(/\{\{[\s\S]*?\}\}/g, by)`); `actions`: templateActions(text), when known */
export function replaceActions(text: string, by: (action: TemplateAction) => string, actions = templateActions(text)): string {
  if (actions.length === 0) return text;
  let out = '';
  let last = 0;
  for (const a of actions) {
    out += text.slice(last, a.start) + by(a);
    last = a.end;
  }
  return out + text.slice(last);
}

/** what `/\{\{-?([\s\S]*?)-?\}\}/` captures of an action: its text inside the delimiters and their trim markers */
export function actionBody(action: TemplateAction): string {
  const t = action.text;
  const from = t[2] === '-' ? 3 : 2;
  const to = t.length - 3 >= from && t[t.length - 3] === '-' ? t.length - 3 : t.length - 2;
  return t.slice(from, to);
}
