import type { Position } from './types.js';

/** Maps offsets to 1-based line/column positions; lines end at `\n` (so CRLF files count right). */
export class LineIndex {
  /** the offset at which each line starts (a typed array: one is kept per file with findings, for the whole run) */
  private readonly starts: Uint32Array;

  constructor(readonly text: string) {
    let count = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
    this.starts = new Uint32Array(count);
    let line = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts[line++] = i + 1;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: clamped - (this.starts[lo] as number) + 1 };
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))] as number;
  }

  /** the text of a 1-based line without its line terminator */
  lineText(line: number): string {
    const start = this.lineStart(line);
    const next = line < this.starts.length ? (this.starts[line] as number) : this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$/, '');
  }
}
