// Bytes → AMI frames. The only place that knows AMI's wire format on the way in.
// Traps handled here (all seen in ../shared/ami-transcripts, see its README):
// - the banner `Asterisk Call Manager/11.0.0\r\n` is one line NOT followed by an empty line;
// - messages end with CRLF CRLF; a value may end with a bare LF before its CRLF
//   (`Message: No Contacts found\n\r\n\r\n`, pjsipshowcontacts-none.txt), so lines are split on
//   CRLF only and a trailing LF is trimmed from the value;
// - TCP delivers arbitrary chunks (getconfigjson-pjsip.txt came in 121 recv()s), so we frame
//   on a byte buffer and decode UTF-8 only once a whole message is there;
// - Asterisk ≤ 13 answered Command with `Response: Follows`, raw LF text (which may contain
//   blank lines) and `--END COMMAND--`; 14+ sends one `Output:` header per line;
// - header order is not stable (Status items put ActionID last), so headers become a map, and
//   repeated names (Output, Line-*, Variable) stay available in wire order.

import { StringDecoder } from 'node:string_decoder';

export type AmiHeader = readonly [name: string, value: string];

export type AmiMessage = {
  /** Headers in wire order, names as sent (repeats kept). */
  headers: AmiHeader[];
  /** First value per lower-cased header name. */
  fields: Record<string, string>;
  /** Old-format (`Response: Follows`) Command output, one entry per line. */
  followsText?: string[];
};

export type Frame = { type: 'banner'; text: string } | { type: 'message'; message: AmiMessage };

const END = '\r\n\r\n';
const END_COMMAND = '--END COMMAND--';
const FOLLOWS = 'Response: Follows\r\n';

/** Case-insensitive first value of a header. */
export function field(msg: AmiMessage, name: string): string | undefined {
  return msg.fields[name.toLowerCase()];
}

/** Every value of a repeated header, in wire order (Output, Line-000001-…, Variable…). */
export function fieldsAll(msg: AmiMessage, name: string): string[] {
  const lower = name.toLowerCase();
  const out: string[] = [];
  for (const [n, v] of msg.headers) if (n.toLowerCase() === lower) out.push(v);
  return out;
}

/**
 * Header names come from the peer, so a header map must not reach Object.prototype:
 * `constructor`, `__proto__` or `toString` sent as a header name are ordinary keys (issue 12,
 * item 3). Its prototype is an empty object without a prototype, which makes `__proto__` an own
 * property like any other and leaves nothing to inherit. (Object.create(null) would do the same,
 * but V8 keeps such objects as hash tables: 20 times slower to fill, on the hot path.)
 */
function HeaderFields(): void {}
HeaderFields.prototype = Object.create(null) as object;
export const fieldMap = (): Record<string, string> => new (HeaderFields as unknown as new () => Record<string, string>)();

export function messageOf(headers: AmiHeader[]): AmiMessage {
  const fields = fieldMap();
  for (const [n, v] of headers) {
    const k = n.toLowerCase();
    if (fields[k] === undefined) fields[k] = v;
  }
  return { headers, fields };
}

/** One "Name: value" line; Asterisk writes ": " but a bare ":" is accepted. */
function parseLine(line: string): AmiHeader {
  const colon = line.indexOf(':');
  if (colon < 0) return [line.replace(/\n+$/, ''), ''];
  let value = line.slice(colon + 1);
  if (value.charCodeAt(0) === 32) value = value.slice(1);
  // Bare LF before the CRLF (pjsipshowcontacts-none.txt): part of no value anyone wants.
  if (value.endsWith('\n')) value = value.replace(/\n+$/, '');
  return [line.slice(0, colon), value];
}

// Header names repeat endlessly (Channel, Uniqueid…): lower-case each spelling once.
const lowerCache = new Map<string, string>();
function lower(name: string): string {
  let l = lowerCache.get(name);
  if (l === undefined) {
    l = name.toLowerCase();
    if (lowerCache.size < 4096) lowerCache.set(name, l);
  }
  return l;
}

/** A string of its own (not a slice that keeps a larger parent alive). */
export function flat(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** Frames longer than this have each value copied, so a kept value never pins a huge frame. */
const SHARED_TEXT_LIMIT = 4096;

/** One message's text (without the final CRLF CRLF). Single pass over the string: this is the
 *  hot path of the whole pipeline (test/bench/ami.ts). */
export function parseMessage(text: string): AmiMessage {
  const headers: AmiHeader[] = [];
  const fields = fieldMap();
  const len = text.length;
  // Names are sliced from a lower-cased copy made in one native pass, unless lower-casing
  // changed the length (a value with "İ"), where positions would no longer line up.
  const low = text.toLowerCase();
  const sameLength = low.length === len;
  let start = 0;
  while (start < len) {
    let eol = text.indexOf('\r\n', start);
    if (eol < 0) eol = len;
    if (eol > start) {
      const colon = text.indexOf(':', start);
      let name: string;
      let vs: number;
      if (colon < 0 || colon > eol) {
        name = text.slice(start, eol);
        vs = eol;
      } else {
        name = text.slice(start, colon);
        vs = colon + 1;
        if (text.charCodeAt(vs) === 32) vs++;
      }
      // Bare LF before the CRLF (pjsipshowcontacts-none.txt): part of no value anyone wants.
      let ve = eol;
      while (ve > vs && text.charCodeAt(ve - 1) === 10) ve--;
      if (vs === eol) name = name.replace(/\n+$/, '');
      const value = vs >= ve ? '' : len > SHARED_TEXT_LIMIT ? flat(text.slice(vs, ve)) : text.slice(vs, ve);
      headers.push([name, value]);
      const k = sameLength && vs !== eol ? low.slice(start, colon) : lower(name);
      if (fields[k] === undefined) fields[k] = value;
    }
    start = eol + 2;
  }
  return { headers, fields };
}

/** Old Command format: CRLF headers, then raw text up to `--END COMMAND--`. */
function parseFollows(text: string): AmiMessage {
  const headers: AmiHeader[] = [];
  let pos = 0;
  for (;;) {
    const i = text.indexOf('\r\n', pos);
    if (i < 0) break;
    const line = text.slice(pos, i);
    // Header lines are CRLF-terminated `Name: value`; CLI output lines end with a bare LF.
    if (line.includes('\n') || !/^[A-Za-z0-9_-]+:/.test(line)) break;
    headers.push(parseLine(line));
    pos = i + 2;
  }
  const endAt = text.lastIndexOf('--END COMMAND--');
  let body = text.slice(pos, endAt < pos ? text.length : endAt);
  if (body.endsWith('\n')) body = body.slice(0, -1);
  const msg = messageOf(headers);
  msg.followsText = body.length ? body.split(/\r?\n/) : [];
  return msg;
}

export type FrameReaderOptions = {
  /** The server's side of the connection sends a banner first; a server reading clients does not. */
  expectBanner?: boolean;
  /**
   * Longest frame accepted, in characters (UTF-8 decoded). A peer that never ends a frame would
   * otherwise make the reader buffer without limit. The largest recorded answer is one GetConfig
   * of 106 KB (getconfig-large.txt, 150 extensions); 2000 extensions are about 1.4 MB.
   * @default 8 MiB
   */
  maxFrameLength?: number;
};

export const DEFAULT_MAX_FRAME_LENGTH = 8 * 1024 * 1024;

/** The peer sent a frame longer than the reader accepts; the connection cannot be trusted after it. */
export class AmiFrameError extends Error {
  constructor(readonly limit: number) {
    super(`AMI peer sent a frame longer than ${limit} characters without ending it`);
    this.name = 'AmiFrameError';
  }
}

const FOLLOWS_END = END_COMMAND + '\r\n\r\n';

export type FrameReader = {
  /** Frames completed by this chunk. Throws AmiFrameError (and keeps throwing) once a frame is too long. */
  push(chunk: Buffer | string): Frame[];
  /** Characters held for an unfinished frame. */
  pending(): number;
};

/** A frame's text before parsing: the banner line, a message without its CRLF CRLF, or an old
 *  `Response: Follows` Command answer up to and including `--END COMMAND--`. */
export type RawFrame = { type: 'banner' | 'message' | 'follows'; text: string };
export type Framer = { push(chunk: Buffer | string): RawFrame[]; pending(): number };

/**
 * Incremental reader: push() any chunk, get back every frame completed by it, parsed. Framing
 * (where frames end, the only part that depends on how TCP chunked the bytes) is createFramer;
 * parsing a complete frame's text is a pure function of that text.
 */
export function createFrameReader(opts: FrameReaderOptions = {}): FrameReader {
  const framer = createFramer(opts);
  return {
    pending: framer.pending,
    push(chunk) {
      return framer.push(chunk).map((f): Frame =>
        f.type === 'banner' ? { type: 'banner', text: f.text } : { type: 'message', message: f.type === 'follows' ? parseFollows(f.text) : parseMessage(f.text) },
      );
    },
  };
}

/**
 * Incremental framer: push() any chunk, get back the text of every frame completed by it.
 * Stateful, so it is a closure over its buffer rather than a class with a lifecycle. A
 * StringDecoder keeps a UTF-8 sequence split across chunks ("Wiśniewska") whole; framing then
 * works on the string.
 *
 * Linear in the input however it is chunked: the unfinished frame is kept as a list of pieces
 * (never re-concatenated per chunk), only the newly arrived text is searched for the frame's end
 * (plus the few characters before it, for an end marker split across chunks), and the pieces are
 * joined once, when the frame is complete. Appending to one string and searching it from the
 * frame's start on every chunk is quadratic: 2 MB in 1 KB chunks took 2 s (issue 12, item 14).
 */
export function createFramer(opts: FrameReaderOptions = {}): Framer {
  const decoder = new StringDecoder('utf8');
  const limit = opts.maxFrameLength ?? DEFAULT_MAX_FRAME_LENGTH;
  let wantBanner = opts.expectBanner ?? true;
  /** What is known about the frame being read: undefined until its first characters decide. */
  let kind: 'banner' | 'message' | 'follows' | undefined;
  let parts: string[] = [];
  let size = 0;
  /** The last (marker length - 1) characters of `parts`: an end marker may start there. */
  let carry = '';
  let failed: AmiFrameError | undefined;

  const marker = () => (kind === 'banner' ? '\r\n' : kind === 'follows' ? FOLLOWS_END : END);
  const hold = (text: string) => {
    if (!text) return;
    parts.push(text);
    size += text.length;
    const m = marker().length - 1;
    carry = text.length >= m ? text.slice(text.length - m) : (carry + text).slice(-m);
    if (size > limit) throw (failed = new AmiFrameError(limit));
  };
  const take = (): string => {
    const text = parts.length === 1 ? parts[0]! : parts.join('');
    parts = [];
    size = 0;
    carry = '';
    return text;
  };

  return {
    pending: () => size,
    push(chunk) {
      if (failed) throw failed;
      const s = typeof chunk === 'string' ? chunk : decoder.write(chunk);
      const frames: RawFrame[] = [];
      let pos = 0;
      while (pos < s.length) {
        if (kind === undefined) {
          if (wantBanner) kind = 'banner';
          else {
            // Between messages: skip stray empty lines, also a CRLF split across two chunks.
            if (size === 0) {
              while (s.charCodeAt(pos) === 13 && s.charCodeAt(pos + 1) === 10) pos += 2;
              if (pos >= s.length) break;
            } else if (parts[0] === '\r' && size === 1 && s.charCodeAt(pos) === 10) {
              take();
              pos += 1;
              continue;
            }
            // `Response: Follows` (Asterisk <= 13 Command) ends differently: decide once the
            // frame's first characters show which it is. Until then what is held is a proper
            // prefix of that header, which cannot contain an end marker.
            const held = parts.join('');
            const head = held + s.slice(pos, pos + FOLLOWS.length);
            if (head.length < FOLLOWS.length && FOLLOWS.startsWith(head) || head === '\r') {
              take();
              hold(head);
              pos += head.length - held.length;
              continue;
            }
            kind = head.startsWith(FOLLOWS) ? 'follows' : 'message';
            take();
            if (held) hold(held);
          }
        }
        const m = marker();
        // Where the end marker finishes in `s`: first one that starts in the carry, else in `s`.
        let end = -1;
        if (carry) {
          const joint = carry + s.slice(pos, pos + m.length - 1);
          const i = joint.indexOf(m);
          if (i >= 0) end = pos + i + m.length - carry.length;
        }
        if (end < 0) {
          const j = s.indexOf(m, pos);
          if (j >= 0) end = j + m.length;
        }
        if (end < 0) {
          hold(s.slice(pos));
          break;
        }
        // The frame's text without its end marker (which may begin in the held pieces).
        if (end - pos > limit + m.length - size) throw (failed = new AmiFrameError(limit));
        const whole = size ? take() + s.slice(pos, end) : s.slice(pos, end);
        // A copy of the frame's own text: V8 keeps the whole chunk alive for a slice of it, and
        // values sliced from this text may be kept (a channel name) long after the chunk.
        const text = flat(whole.slice(0, whole.length - m.length));
        if (kind === 'banner') {
          frames.push({ type: 'banner', text });
          wantBanner = false;
        } else if (kind === 'follows') frames.push({ type: 'follows', text: text + END_COMMAND });
        else if (text.length) frames.push({ type: 'message', text });
        kind = undefined;
        carry = '';
        pos = end;
      }
      return frames;
    },
  };
}

/** Parse a whole recording at once (tests, the bench). */
export function parseAll(bytes: Buffer | string, opts: FrameReaderOptions = {}): Frame[] {
  return createFrameReader(opts).push(bytes);
}
