/** A line that starts a YAML document: `---` at the start of a line, then a space, a tab, the end of the line or of the text. */
const MARKER = /^---(?=[ \t\r\n]|$)/gm;

/**
 * The documents of an edited YAML stream that differ from the stream before, as texts that each parse on their own,
 * or undefined when the edit moved, added or removed a document marker, or the stream has directives.
 *
 * A `---` line always starts a new document in a block context (and is an error inside a quoted scalar or flow
 * collection), so when the chunks between markers pair up one to one, every unchanged chunk parses exactly as before;
 * a changed chunk that parses on its own parses the same way in place, as the text before it is unchanged and ends at
 * a marker. Directives are the one state carried across a marker, hence refused.
 */
export function changedDocuments(before: string, after: string): string[] | undefined {
  if (hasDirective(before) || hasDirective(after)) return undefined;
  const a = chunks(before);
  const b = chunks(after);
  if (a.length !== b.length) return undefined;
  return b.filter((chunk, i) => chunk !== a[i]);
}

/** a directive line (`%YAML`, `%TAG`) applies to the document after it, across the marker */
function hasDirective(text: string): boolean {
  return text.startsWith('%') || text.includes('\n%');
}

function chunks(text: string): string[] {
  const out: string[] = [];
  let last = 0;
  for (const m of text.matchAll(MARKER)) {
    if (m.index === 0) continue;
    out.push(text.slice(last, m.index));
    last = m.index;
  }
  out.push(text.slice(last));
  return out;
}
