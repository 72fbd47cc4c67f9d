/** POSIX shell helpers: quoting for generated scripts, and a tokenizer that splits a command line as sh would. */

/** `it's` → `'it'\''s'`: a word sh reads back unchanged */
export function shQuote(s: string): string {
  if (s !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export interface ShellWords {
  words: string[];
  /** constructs that a shell would expand or that cannot be read statically (`$VAR`, `$(...)`, backquotes, globs, `|`, `;`) */
  unsupported: string[];
}

/**
 * Splits a command line the way a POSIX shell does, without expanding anything: single quotes keep everything,
 * double quotes keep everything but `\"`, `\\`, `\$`, `` \` `` and backslash-newline, a backslash outside quotes
 * escapes the next character and backslash-newline joins lines. Operators (`|`, `;`, `&&`, `>`, ...) and expansions
 * (`$x`, `$(...)`, backquotes) are reported in `unsupported` and kept as text.
 */
export function splitShellWords(line: string): ShellWords {
  const words: string[] = [];
  const unsupported: string[] = [];
  let cur = '';
  let inWord = false;
  let i = 0;
  const n = line.length;
  const note = (s: string) => {
    if (!unsupported.includes(s)) unsupported.push(s);
  };
  while (i < n) {
    const c = line[i] as string;
    if (c === '\\') {
      const next = line[i + 1];
      if (next === undefined) {
        i++;
        continue;
      }
      if (next === '\n') {
        i += 2;
        continue;
      }
      cur += next;
      inWord = true;
      i += 2;
      continue;
    }
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      const stop = end === -1 ? n : end;
      if (end === -1) note('unterminated single quote');
      cur += line.slice(i + 1, stop);
      inWord = true;
      i = stop + 1;
      continue;
    }
    if (c === '"') {
      i++;
      inWord = true;
      let closed = false;
      while (i < n) {
        const d = line[i] as string;
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\') {
          const next = line[i + 1];
          if (next === '\n') {
            i += 2;
            continue;
          }
          if (next !== undefined && '"\\$`'.includes(next)) {
            cur += next;
            i += 2;
            continue;
          }
          cur += d;
          i++;
          continue;
        }
        if (d === '$' && /[A-Za-z_{(]/.test(line[i + 1] ?? '')) note(expansionAt(line, i));
        if (d === '`') note('`...`');
        cur += d;
        i++;
      }
      if (!closed) note('unterminated double quote');
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
      i++;
      continue;
    }
    if (c === '$' && /[A-Za-z_{(]/.test(line[i + 1] ?? '')) note(expansionAt(line, i));
    if (c === '`') note('`...`');
    if ('|;&<>'.includes(c)) {
      const double = c === '&' && line[i + 1] === '&';
      note(double ? '&&' : c);
      if (double) {
        cur += '&&';
        inWord = true;
        i += 2;
        continue;
      }
    }
    if (c === '#' && !inWord) {
      // a comment runs to the end of the line
      const nl = line.indexOf('\n', i);
      i = nl === -1 ? n : nl;
      continue;
    }
    cur += c;
    inWord = true;
    i++;
  }
  if (inWord) words.push(cur);
  return { words, unsupported };
}

function expansionAt(line: string, i: number): string {
  const m = /^\$(\{[^}]*\}|\([^)]*\)|[A-Za-z_][A-Za-z0-9_]*)/.exec(line.slice(i));
  return m ? m[0] : '$';
}
