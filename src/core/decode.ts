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

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes a file's bytes as strict UTF-8; binary files and invalid UTF-8 are refused, never silently repaired. A NUL
 * byte anywhere refuses the file (go-yaml rejects control characters; a NUL past any sniffing window would otherwise
 * reach the parsers), found with one native scan of the whole buffer.
 */
export function decodeText(bytes: Uint8Array): DecodedText | UndecodableText {
  const nul = bytes.indexOf(0);
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

/**
 * The offset of the first byte that starts an ill-formed UTF-8 sequence (Unicode Table 3-7, as the fatal decoder
 * reads it): a stray continuation byte, an overlong form (C0, C1, E0 80-9F, F0 80-8F), an encoded surrogate (ED A0-BF),
 * a code point above U+10FFFF (F4 90-BF, F5-FF) or a truncated sequence.
 */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    // the allowed range of the second byte; later continuation bytes are always 80-BF
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return i;
    const second = bytes[i + 1];
    if (second === undefined || second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return n;
}
