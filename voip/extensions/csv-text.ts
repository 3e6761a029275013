// What `ext import` reads from a CSV file as text. Excel on Polish Windows saves "CSV" in
// Windows-1250 with `;` between fields (the Polish list separator); "CSV UTF-8" and most other
// tools write UTF-8 with `,`. Reading Windows-1250 bytes as UTF-8 would turn "Wójcik" into
// "W\uFFFDjcik" and write that into the inventory and the phones' caller ID, so bytes that are not
// valid UTF-8 are read as Windows-1250 instead, and the user is told.
export type CsvEncoding = 'utf-8' | 'windows-1250';

export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1250').decode(bytes), encoding: 'windows-1250' };
  }
}

/** `;` when the header line uses it and no comma (Excel with a Polish list separator), else `,`. */
export function csvDelimiter(text: string): ',' | ';' {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return header.includes(';') && !header.includes(',') ? ';' : ',';
}
