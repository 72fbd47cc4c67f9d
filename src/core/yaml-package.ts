import type * as Yaml from 'yaml';
import { requireDependency } from '../package-root.js';

let loaded: typeof Yaml | undefined;

/**
 * The `yaml` package, required on first use: a scan only needs it for a configuration file or a stream js-yaml
 * cannot read, and loading it costs about a tenth of a small scan's start-up. Same module instance as a static
 * `import 'yaml'` (its Node entry is CommonJS), so its node classes and `isMap()` & co. agree.
 */
export function yamlPackage(): typeof Yaml {
  loaded ??= requireDependency('yaml') as typeof Yaml;
  return loaded;
}
