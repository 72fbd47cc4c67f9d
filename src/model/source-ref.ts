import type { SourceFile } from '../core/source-file.js';
import type { Range } from '../core/types.js';
import type { DataPath, LocateTarget, YamlDoc } from '../core/yaml-doc.js';

/** Where a model node came from: a document of a file and the data path inside it. */
export class SourceRef {
  constructor(
    readonly file: SourceFile,
    readonly doc: YamlDoc,
    readonly path: DataPath = [],
  ) {}

  /** a reference to a node below this one */
  at(...sub: DataPath): SourceRef {
    // concat allocates the exact size (a spread into a literal keeps room to grow; tens of thousands of refs live long)
    return new SourceRef(this.file, this.doc, this.path.concat(sub));
  }

  range(target: LocateTarget = 'value'): Range {
    return this.doc.locate(this.path, target);
  }

  exists(): boolean {
    return this.doc.has(this.path);
  }

  /** `path.to.key[2]`, used in fingerprints and messages; never contains line numbers */
  get pointer(): string {
    let out = '';
    for (const seg of this.path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
    return out;
  }
}

export type Located<T> = T & { src: SourceRef };
