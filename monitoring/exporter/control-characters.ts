// Control characters in label values. The text format escapes only backslash, double quote and
// line feed (prom-client does exactly that); anything else goes out raw, Prometheus stores it
// raw (checked with Prometheus 2.42: NUL, TAB, U+0010 and U+0083 reach the TSDB), and there is no
// escape for them (`\x00` is a parse error). A port description or an LLDP name set by whoever
// plugs into a port would otherwise put NULs or terminal escape sequences into every dashboard
// legend and every `curl` of the exporter. So they are removed, and tab, CR, vertical tab and
// form feed become a space. prom-client's `\n` escapes stay: they are two printable characters.

// C0 except LF (the lines of the exposition), DEL, C1.
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;
const CONTROL_ALL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/g;
const SPACE_LIKE = /[\t\v\f\r]/g;

/** The exposition text with control characters out of every label value (and help text). */
export function withoutControlCharacters(text: string): string {
  if (!CONTROL.test(text)) return text;
  return text.replace(SPACE_LIKE, ' ').replace(CONTROL_ALL, '');
}
