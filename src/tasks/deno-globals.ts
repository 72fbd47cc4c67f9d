/**
 * The Deno APIs the generated task functions use, declared for the type check in deno.ts. It is a string (not a
 * .d.ts in the project) so it never leaks Deno's globals into keptn-migrate's own type checking. Everything here
 * matches the real Deno declarations in shape; it is deliberately the smallest surface the generator needs.
 */
export const DENO_GLOBALS = `declare namespace Deno {
  export const env: { get(key: string): string | undefined };
}
interface RequestInit {
  method?: string;
  headers?: [string, string][];
  body?: string;
  signal?: AbortSignal;
}
interface Response {
  readonly ok: boolean;
  readonly status: number;
  text(): Promise<string>;
}
interface AbortSignal {
  readonly aborted: boolean;
}
declare const AbortSignal: { timeout(milliseconds: number): AbortSignal };
declare function fetch(input: string, init?: RequestInit): Promise<Response>;
declare function btoa(data: string): string;
declare const crypto: { randomUUID(): string };
declare const console: { log(...data: unknown[]): void; error(...data: unknown[]): void };
`;
