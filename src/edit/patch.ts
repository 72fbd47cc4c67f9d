import { createTwoFilesPatch } from 'diff';

/** A unified diff `git apply` accepts: `a/`/`b/` prefixes, `/dev/null` for created files. */
export function unifiedDiff(path: string, before: string | undefined, after: string): string {
  const from = before === undefined ? '/dev/null' : `a/${path}`;
  const patch = createTwoFilesPatch(from, `b/${path}`, before ?? '', after, undefined, undefined, { context: 3 });
  const body = patch.replace(/^Index:.*\n/, '').replace(/^=+\n/, '');
  const header = before === undefined ? `diff --git a/${path} b/${path}\nnew file mode 100644\n` : `diff --git a/${path} b/${path}\n`;
  return header + body.replace(/^--- .*\t?\n/m, `--- ${from}\n`).replace(/^\+\+\+ .*\t?\n/m, `+++ b/${path}\n`);
}
