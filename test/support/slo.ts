import { loadText } from '../../src/core/load.js';
import { readSlo } from '../../src/formats/slo.js';
import { SourceRef } from '../../src/model/source-ref.js';
import type { Slo } from '../../src/model/types.js';

/** Reads one slo.yaml text into the model, as the scanner would. */
export function sloFromText(text: string, relPath = 'carts/slo.yaml'): Slo {
  const lf = loadText({ relPath }, text, 'yaml');
  const d = lf.docs[0];
  if (!d) throw new Error('no document');
  return readSlo(new SourceRef(lf.file, d.doc), d.doc.value, { project: '', service: 'carts' }, false);
}
