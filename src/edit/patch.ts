import { createTwoFilesPatch } from 'diff';

/** A unified diff `git apply` accepts: `a/`/`b/` prefixes, `/dev/null` for created files, unusual paths quoted as git quotes them. */
export function unifiedDiff(path: string, before: string | undefined, after: string): string {
  const from = before === undefined ? '/dev/null' : gitPath(`a/${path}`);
  const to = gitPath(`b/${path}`);
  const patch = createTwoFilesPatch('a', 'b', before ?? '', after, undefined, undefined, { context: 3 });
  const body = patch.replace(/^Index:.*\n/, '').replace(/^=+\n/, '');
  const header = `diff --git ${gitPath(`a/${path}`)} ${to}\n${before === undefined ? 'new file mode 100644\n' : ''}`;
  return header + body.replace(/^--- .*\n/m, `--- ${from}\n`).replace(/^\+\+\+ .*\n/m, `+++ ${to}\n`);
}

// eslint-disable-next-line no-control-regex -- control characters are what git quotes
const NEEDS_QUOTES = /["\\\x00-\x1F\x7F-\x9F\u061C\u200B\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]/;
const C_ESCAPES: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 34: '\\"', 92: '\\\\' };

/**
 * A path as git writes it in a patch (quote_c_style with core.quotePath): in double quotes with C escapes, and every
 * byte outside printable ASCII in octal, when it holds a quote, a backslash, a control character or a character
 * HIDDEN from a reader (see core/visible-text.ts); as it is otherwise. A file name holding a line break can then
 * neither break the patch nor add lines of its own to it (a `diff --git` header for another file), and `git apply`
 * reads it back to the same name.
 */
export function gitPath(path: string): string {
  if (!NEEDS_QUOTES.test(path)) return path;
  let out = '"';
  for (const byte of Buffer.from(path, 'utf8')) {
    out += C_ESCAPES[byte] ?? (byte < 0x20 || byte >= 0x7f ? `\\${byte.toString(8).padStart(3, '0')}` : String.fromCharCode(byte));
  }
  return `${out}"`;
}
