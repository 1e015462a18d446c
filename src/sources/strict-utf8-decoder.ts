import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import { UserError } from '../errors/user-error.js';

const LF = 0x0a;

/**
 * Decodes UTF-8 and fails on the first invalid byte with `file:LINE: not valid UTF-8`.
 * Why not TextDecoder({fatal: true})? It says *that* a chunk is bad, not *where*; a user
 * with a 100,000-row export needs the line. We keep our own carry of an incomplete
 * trailing character so chunk boundaries never split a character, validate each complete
 * run natively (buffer.isUtf8), and only on failure look for the offending byte.
 */
export class StrictUtf8Decoder extends Transform {
  private carry: Buffer = Buffer.alloc(0);
  private lines = 1; // physical line of the first byte not yet decoded
  private started = false;

  constructor(private readonly file: string) {
    super({ readableObjectMode: false, decodeStrings: true, encoding: 'utf8' });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    let buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    if (!this.started && buf.length < 3) {
      this.carry = Buffer.from(buf); // wait until a whole BOM could be seen
      return done();
    }
    if (!this.started) {
      this.started = true;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3); // strip here so no later stage sees it
    }
    const cut = completeLength(buf);
    this.carry = Buffer.from(buf.subarray(cut));
    this.emitValid(buf.subarray(0, cut), done);
  }

  override _flush(done: TransformCallback): void {
    // Whatever is left is a short file or a character cut off by the end of the file;
    // validation reports the latter.
    this.emitValid(this.carry, done);
  }

  private emitValid(part: Buffer, done: TransformCallback): void {
    if (!isUtf8(part)) return done(this.fail(part, firstInvalid(part)));
    this.lines += count(part, LF, part.length);
    done(null, part.toString('utf8'));
  }

  private fail(part: Buffer, at: number): UserError {
    const line = this.lines + count(part, LF, at);
    return new UserError('not valid UTF-8', {
      where: `${this.file}:${line}`,
      hint: 're-save the file as "CSV UTF-8" (Excel: Save As > CSV UTF-8), or pass --encoding latin1 if it is Latin-1 / Windows-1252',
    });
  }
}

/** Length of `buf` without a trailing character whose continuation bytes are still to come. */
function completeLength(buf: Buffer): number {
  // Look back at most 3 bytes for the lead byte of the last character.
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const b = buf[buf.length - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? buf.length - back : buf.length;
  }
  return buf.length; // only continuation bytes at the end: let validation report them
}

/**
 * Index of the first invalid byte. A valid sequence survives a decode/encode round trip
 * unchanged, and an invalid byte becomes U+FFFD (EF BF BD), so the first differing byte
 * is the first bad one. Only runs on failure, so its cost does not matter.
 */
function firstInvalid(buf: Buffer): number {
  const again = Buffer.from(buf.toString('utf8'), 'utf8');
  let i = 0;
  while (i < buf.length && buf[i] === again[i]) i++;
  return i;
}

function count(buf: Buffer, byte: number, end: number): number {
  let n = 0;
  for (let i = buf.indexOf(byte); i !== -1 && i < end; i = buf.indexOf(byte, i + 1)) n++;
  return n;
}
