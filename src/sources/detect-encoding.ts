/** Encodings a contacts CSV may be read with. utf16be is only ever chosen from a BOM. */
export type CsvEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'latin1';

/**
 * Picks the encoding from the first bytes of the file.
 * A byte order mark is unambiguous, so it wins over a forced encoding (Excel's
 * "Unicode text" export is UTF-16LE with a BOM; "CSV UTF-8" is UTF-8 with a BOM).
 * Without a BOM we cannot tell Latin-1 from UTF-8 reliably, so we assume UTF-8 and let
 * the strict decoder say where it is wrong, unless the user forced an encoding.
 */
export function detectEncoding(head: Uint8Array, forced?: 'utf8' | 'utf16le' | 'latin1'): CsvEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf16be';
  return forced ?? 'utf8';
}
