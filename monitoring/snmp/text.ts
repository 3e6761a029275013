// DisplayString bytes → text. Agents send whatever the operator typed: UTF-8 on current
// firmware, but Polish port descriptions typed on older switches arrive in ISO-8859-2 or
// CP1250 ("Pokój 12" with ó = 0xF3). Decoding never fails: it picks the likeliest charset.

const utf8 = new TextDecoder('utf-8', { fatal: true });
const cp1250 = new TextDecoder('windows-1250');
const iso88592 = new TextDecoder('iso-8859-2');

// Bytes where the two Polish 8-bit charsets disagree on a Polish letter: ISO-8859-2 puts
// Ą Ś Ź ą ś ź at A1 A6 AC B1 B6 BC, CP1250 puts them at A5 8C 8F B9 9C 9F.
const isoOnlyLetters = new Set([0xa1, 0xa6, 0xac, 0xb1, 0xb6, 0xbc]);

export type TextCharset = 'utf-8' | 'windows-1250' | 'iso-8859-2';

export function detectCharset(bytes: Uint8Array): TextCharset {
  try {
    utf8.decode(bytes);
    return 'utf-8';
  } catch {
    // 0x80–0x9F are control codes in ISO-8859-2 but letters (ś, ź, Ś, Ź, Š …) in CP1250.
    if (bytes.some((b) => b >= 0x80 && b <= 0x9f)) return 'windows-1250';
    if (bytes.some((b) => isoOnlyLetters.has(b))) return 'iso-8859-2';
    return 'windows-1250';
  }
}

export function decodeText(bytes: Uint8Array): string {
  const cs = detectCharset(bytes);
  if (cs === 'utf-8') return utf8.decode(bytes);
  return cs === 'windows-1250' ? cp1250.decode(bytes) : iso88592.decode(bytes);
}

/** ifPhysAddress as snmp_exporter's PhysAddress48 shows it: six upper-case hex octets. */
export function physAddress48(bytes: Uint8Array): string {
  return Array.from({ length: 6 }, (_, i) => (bytes[i] ?? 0).toString(16).toUpperCase().padStart(2, '0')).join(':');
}

/**
 * A DisplayString without its trailing NULs: agents written in C send the terminator along
 * (an LLDP port id "1/25\0"); Net-SNMP's tools and LibreNMS drop it too. NULs inside stay.
 */
export function displayText(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0) end--;
  return end === s.length ? s : s.slice(0, end);
}
