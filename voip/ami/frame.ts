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

export function messageOf(headers: AmiHeader[]): AmiMessage {
  const fields: Record<string, string> = {};
  for (const [n, v] of headers) {
    const k = n.toLowerCase();
    if (!(k in fields)) fields[k] = v;
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

/** One message's text (without the final CRLF CRLF). Single pass over the string: this is the
 *  hot path of the whole pipeline (test/bench/ami.ts). */
export function parseMessage(text: string): AmiMessage {
  const headers: AmiHeader[] = [];
  const fields: Record<string, string> = {};
  const len = text.length;
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
      const value = vs < ve ? text.slice(vs, ve) : '';
      headers.push([name, value]);
      const k = lower(name);
      if (fields[k] === undefined && k !== '__proto__') fields[k] = value;
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
};

/**
 * Incremental framer: push() any chunk, get back every frame completed by it. Stateful, so it
 * is a closure over its buffer rather than a class with a lifecycle. A StringDecoder keeps a
 * UTF-8 sequence split across chunks ("Wiśniewska") whole; framing then works on the string.
 */
export function createFrameReader(opts: FrameReaderOptions = {}): { push(chunk: Buffer | string): Frame[]; pending(): number } {
  const decoder = new StringDecoder('utf8');
  let buf = '';
  let wantBanner = opts.expectBanner ?? true;
  return {
    pending: () => buf.length,
    push(chunk) {
      buf += typeof chunk === 'string' ? chunk : decoder.write(chunk);
      const frames: Frame[] = [];
      let pos = 0;
      const len = buf.length;
      for (;;) {
        if (wantBanner) {
          const eol = buf.indexOf('\r\n', pos);
          if (eol < 0) break;
          frames.push({ type: 'banner', text: buf.slice(pos, eol) });
          pos = eol + 2;
          wantBanner = false;
          continue;
        }
        // Tolerate stray empty lines between messages.
        while (len - pos >= 2 && buf.charCodeAt(pos) === 13 && buf.charCodeAt(pos + 1) === 10) pos += 2;
        if (pos >= len) break;
        if (buf.startsWith(FOLLOWS, pos)) {
          const mark = buf.indexOf(END_COMMAND, pos);
          if (mark < 0) break;
          const end = buf.indexOf(END, mark);
          if (end < 0) break;
          frames.push({ type: 'message', message: parseFollows(buf.slice(pos, end)) });
          pos = end + 4;
          continue;
        }
        // A partial "Response: Fol…" may still become the old Command format: wait.
        if (len - pos < FOLLOWS.length && FOLLOWS.startsWith(buf.slice(pos))) break;
        const end = buf.indexOf(END, pos);
        if (end < 0) break;
        frames.push({ type: 'message', message: parseMessage(buf.slice(pos, end)) });
        pos = end + 4;
      }
      buf = pos >= len ? '' : buf.slice(pos);
      return frames;
    },
  };
}

/** Parse a whole recording at once (tests, the bench). */
export function parseAll(bytes: Buffer | string, opts: FrameReaderOptions = {}): Frame[] {
  return createFrameReader(opts).push(bytes);
}
