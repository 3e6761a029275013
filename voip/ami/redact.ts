// Asterisk returns secrets in clear text: GetConfig/GetConfigJSON `password=…` lines,
// PJSIPShowEndpoint/PJSIPShowAuths `Password:` (../shared/ami-transcripts/pjsipshowauths.txt),
// and our own Login carries `Secret:`/`Key:`. Anything that leaves the client for a log, a trace
// or an error message goes through here first.
import { messageOf, type AmiMessage } from './frame.js';

const SECRET_HEADERS = new Set(['secret', 'key', 'password', 'md5cred', 'passworddigest', 'oauthsecret', 'refreshtoken', 'challenge']);
const SECRET_ASSIGN = /^(\s*(?:password|secret|md5_cred|oauth_secret|refresh_token)\s*[=:]\s*).*/i;

const SECRET_JSON = /("(?:password|secret|md5_cred|oauth_secret|refresh_token)"\s*:\s*")(?:[^"\\]|\\.)*"/gi;

export const REDACTED = '<redacted>';

export function redactValue(name: string, value: string): string {
  if (SECRET_HEADERS.has(name.toLowerCase())) return value === '' ? '' : REDACTED;
  // Line-000003-000003: password=pass201 (GetConfig); GetConfigJSON packs the file into one
  // `JSON:` value with "password":"pass201" members (getconfigjson-pjsip.txt).
  return value.replace(SECRET_ASSIGN, `$1${REDACTED}`).replace(SECRET_JSON, `$1${REDACTED}"`);
}

export function redactMessage(msg: AmiMessage): AmiMessage {
  const headers = msg.headers.map(([n, v]) => [n, redactValue(n, v)] as const);
  // UpdateConfig sends the password as the Value-NNNNNN that follows Var-NNNNNN: password.
  const secretVars = new Set(headers.filter(([n, v]) => /^Var-\d+$/i.test(n) && /^(password|secret)$/i.test(v)).map(([n]) => n.slice(4)));
  const out = headers.map(([n, v]) => (/^Value-\d+$/i.test(n) && secretVars.has(n.slice(6)) ? ([n, REDACTED] as const) : ([n, v] as const)));
  const m = messageOf(out);
  if (msg.followsText) m.followsText = msg.followsText.map((l) => redactValue('', l));
  return m;
}

/** Redact a wire text (trace lines). */
export function redactWire(text: string): string {
  return text
    .split('\r\n')
    .map((line) => {
      const i = line.indexOf(':');
      if (i < 0) return line;
      const name = line.slice(0, i);
      return `${name}:${line.charAt(i + 1) === ' ' ? ' ' : ''}${redactValue(name, line.slice(i + (line.charAt(i + 1) === ' ' ? 2 : 1)))}`;
    })
    .join('\r\n');
}
