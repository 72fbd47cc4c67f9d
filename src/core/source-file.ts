import { LineIndex } from './line-index.js';
import type { Position, Range } from './types.js';

export interface FileOrigin {
  /** absolute path on disk, when the file is in the working tree */
  absPath?: string;
  /** the git branch the file was read from with --all-branches */
  branch?: string;
  /** path relative to the scan root (or to the branch's tree), POSIX separators */
  relPath: string;
  /** the file came from standard input */
  stdin?: boolean;
}

/** A decoded text file and what it takes to turn offsets into positions. */
export class SourceFile {
  private lines: LineIndex | undefined;
  private dir: string | undefined;

  constructor(
    readonly origin: FileOrigin,
    readonly text: string,
    readonly bom = false,
    readonly eol: '\n' | '\r\n' = '\n',
  ) {}

  /** how the file is named in findings: `path`, or `branch:path` for another branch's tree */
  get displayPath(): string {
    return this.origin.branch ? `${this.origin.branch}:${this.origin.relPath}` : this.origin.relPath;
  }

  get relPath(): string {
    return this.origin.relPath;
  }

  get baseName(): string {
    const p = this.origin.relPath;
    return p.slice(p.lastIndexOf('/') + 1);
  }

  get dirName(): string {
    if (this.dir === undefined) {
      const p = this.origin.relPath;
      const i = p.lastIndexOf('/');
      this.dir = i === -1 ? '' : p.slice(0, i);
    }
    return this.dir;
  }

  get lineIndex(): LineIndex {
    this.lines ??= new LineIndex(this.text);
    return this.lines;
  }

  position(offset: number): Position {
    return this.lineIndex.position(offset);
  }

  span(range: Range): { start: Position; end: Position } {
    return { start: this.position(range.start), end: this.position(range.end) };
  }
}
