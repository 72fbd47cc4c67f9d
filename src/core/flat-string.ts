/**
 * `s`, stored flat. A string built by `+` or a template literal is a tree of its parts (a rope) in V8, kept whole for
 * as long as the string lives: a 200-character finding message made of a dozen parts takes over a kilobyte. Reading a
 * character makes V8 flatten the rope in place (one run of characters, the parts released). For strings that live
 * for the whole run, tens of thousands of them.
 */
export function flat(s: string): string {
  s.charCodeAt(0);
  return s;
}
