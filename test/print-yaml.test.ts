// printYaml (src/edit/print-yaml.ts) writes common shapes itself and must print exactly what the `yaml` package prints
// (printWithYaml): the golden trees pin a few hundred real outputs, this property pins the rest, including the keys
// and values it hands over to the package (quoting, block scalars, YAML 1.1 words, numbers, nulls, undefined).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printWithYaml, printYaml } from '../src/edit/print-yaml.js';

const words = fc.constantFrom('app', 'keptn.sh/app', 'app.kubernetes.io/part-of', 'y', 'n', 'yes', 'No', 'on', 'OFF', 'null', '~', 'true', 'False', '_x', 'a-b', 'a/b.c', 'e5', 'E-2', 'e');
const tricky = fc.constantFrom('', ' ', 'a b', 'a: b', 'a #b', '#c', '- x', '0644', '1_000', '1:20', '2024-1-2', '.inf', '0x1F', '1e3', '<<', '*a', '&a', '!t', '%x', '@x', '`x', '"q"', "'q'", 'multi\nline', 'trail\n', ' lead', 'tab\there', 'ünï', 'x\u0001y', '{a}', '[a]', 'a,b', '?', ':', '-', '|', '>',
  // one-line values printed plain by printYaml itself when the package would: units, images, URLs, queries, YAML 1.1 numbers and times
  '5m', '256Mi', '0.5', '.5', '-1', '+1', '1e', '0x', '0b101', '0o17', '1_000.5', '190:20:30', '12:30:00', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43',
  'curlimages/curl:8.5.0', 'http://x:80/a?b=c#d', 'a:b', 'a :b', 'a: ', 'x#y', 'a - b', '? x', '-x', '---x', '...', '...x', '%x y', '~x', 'a\tb', 'a b ',
  'histogram_quantile(0.9, sum by(le) (rate(x[5m])))', '{{.service}}', 'avg:trace{service:x}', 'Yes please', 'NULL x', '.inf', '-.Inf', '.NaN', '0:0', '=', '<<x',
  'a\\b', '1\\2', '0"', "0'", '"1"', 'a: "b"', "a: 'b'", '- \\x', '#"', 'yes"', '1e3\\', '"x\'', 'a: "b" \'c\'', '# "a\\b"');
const key = fc.oneof(words, tricky, fc.string({ maxLength: 8 }));
// multi-line text as generated code and scripts have it (printYaml writes most of it as literal block scalars itself):
// indented, blank and whitespace-only lines, tabs, `#`, `---`, trailing spaces and newlines, CR, a non-ASCII letter
const line = fc.oneof(fc.constantFrom('', ' ', '  x', '\tx', 'a: b', '# c', '---', '...', '- y', 'z  ', 'yes', '0644', '"q"', "'q'", 'é', 'a\rb', '{x}'), fc.string({ maxLength: 6 }));
const multiline = fc.array(line, { minLength: 2, maxLength: 5 }).map((lines) => lines.join('\n'));
const scalar = fc.oneof(words, tricky, multiline, fc.string({ maxLength: 12 }), fc.integer(), fc.double({ noNaN: false }), fc.boolean(), fc.constant(null));
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('map'), tie('seq')),
  map: fc.dictionary(key, fc.oneof(tie('node'), fc.constant(undefined)), { maxKeys: 5 }),
  seq: fc.array(tie('node'), { maxLength: 4 }),
})).node;

describe('printYaml', () => {
  it('prints what the yaml package prints, for any generated value', () => {
    fc.assert(
      fc.property(fc.oneof(value, fc.dictionary(key, value, { minKeys: 1, maxKeys: 6 })), (v) => {
        expect(printYaml(v)).toBe(printWithYaml(v));
      }),
      { numRuns: 3000, seed: 20261121 },
    );
  });

  it('prints multi-line strings as the package does, at every depth', () => {
    fc.assert(
      fc.property(multiline, fc.constantFrom(0, 1, 2, 3), (text, depth) => {
        let v: unknown = { code: text, list: [text, { inner: text }] };
        for (let d = 0; d < depth; d++) v = d % 2 === 0 ? { nested: v } : [v, text];
        expect(printYaml(v)).toBe(printWithYaml(v));
      }),
      { numRuns: 3000, seed: 20261122 },
    );
  });

  it('prints a typical resource without the package, byte for byte the same', () => {
    const resource = {
      apiVersion: 'lifecycle.keptn.sh/v1',
      kind: 'KeptnTaskDefinition',
      metadata: { name: 'notify', labels: { 'app.kubernetes.io/part-of': 'shop' } },
      spec: { retries: 0, timeout: '30s', container: { name: 'c', image: 'curlimages/curl:8.5.0', args: ['-s', 'https://x.example/a?b=c'], env: [{ name: 'A', value: '0644' }] }, deno: { inline: { code: 'const a = 1;\nconsole.log(a);\n' } } },
      empty: { list: [], map: {} },
    };
    expect(printYaml(resource)).toBe(printWithYaml(resource));
  });
});
