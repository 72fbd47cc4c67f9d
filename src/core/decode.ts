export interface DecodedText {
  ok: true;
  text: string;
  bom: boolean;
  eol: '\n' | '\r\n';
}

export interface UndecodableText {
  ok: false;
  reason: string;
  /** 1-based line of the first offending byte, where known */
  line?: number;
}

const BINARY_SNIFF_BYTES = 8000;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes a file's bytes as strict UTF-8; binary files and invalid UTF-8 are refused, never silently repaired. */
export function decodeText(bytes: Uint8Array): DecodedText | UndecodableText {
  const sniff = bytes.subarray(0, BINARY_SNIFF_BYTES);
  const nul = sniff.indexOf(0);
  if (nul !== -1) {
    return { ok: false, reason: 'binary file (NUL byte found), not analysed', line: lineOfByte(bytes, nul) };
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8Byte(bytes);
    return {
      ok: false,
      reason: `invalid UTF-8 at byte ${bad}; the file is not analysed and will never be rewritten`,
      line: lineOfByte(bytes, bad),
    };
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);
  const firstNewline = text.indexOf('\n');
  const eol = firstNewline > 0 && text.charCodeAt(firstNewline - 1) === 13 ? '\r\n' : '\n';
  return { ok: true, text, bom, eol };
}

function lineOfByte(bytes: Uint8Array, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < bytes.length; i++) if (bytes[i] === 10) line++;
  return line;
}

function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}
