import type { ScanFormat } from './formats.js';
import type { Reporter } from './types.js';

/** Loads only the reporter a run needs (the JUnit one pulls in an XML library). */
export async function loadReporter(format: ScanFormat): Promise<Reporter> {
  switch (format) {
    case 'stylish':
      return (await import('./stylish.js')).stylish;
    case 'json':
      return (await import('./json.js')).json;
    case 'sarif':
      return (await import('./sarif.js')).sarif;
    case 'junit':
      return (await import('./junit.js')).junit;
    case 'github':
      return (await import('./github.js')).github;
    case 'gitlab':
      return (await import('./gitlab.js')).gitlab;
  }
}

/** The reporter's text as pieces to write one after the other (JSON in pieces, any other format in one). */
export async function loadChunkedReporter(format: ScanFormat): Promise<(...args: Parameters<Reporter>) => Iterable<string>> {
  if (format === 'json') return (await import('./json.js')).jsonChunks;
  const reporter = await loadReporter(format);
  return (result, context) => [reporter(result, context)];
}
