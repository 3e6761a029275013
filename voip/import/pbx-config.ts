// What `srw voip import-pbx` reads from a running Asterisk, over AMI with the admin user: the
// GetConfig view of pjsip.conf and voicemail.conf (templates already expanded by Asterisk, the
// template categories themselves not listed: updateconfig-copy-include-templates.txt) and the
// endpoints res_pjsip actually runs (PJSIPShowEndpoints, write=system). Nothing is written.
import type { AmiMessage } from '../ami/frame.js';
import { parseGetConfig } from '../extensions/getconfig.js';
import type { ConfigLine } from '../extensions/config-file.js';

type Header = readonly [name: string, value: string];

export type ImportSession = {
  action(headers: Array<readonly [string, string]>, opts?: { timeoutMs?: number }): Promise<{ response: AmiMessage; events: AmiMessage[] }>;
  close(): Promise<void>;
};

/** One category as GetConfig numbers it, so a problem can say where it is. */
export type FoundCategory = {
  name: string;
  /** GetConfig's Category-NNNNNN number (0-based), in file order. */
  index: number;
  /** Templates it inherits from (`Templates-NNNNNN`); their lines come first. */
  templates: string[];
  lines: ConfigLine[];
};

export type PbxConfig = {
  pjsip: FoundCategory[];
  /** undefined: the PBX has no voicemail.conf. */
  voicemail: FoundCategory[] | undefined;
  /** Endpoint names res_pjsip runs; undefined when the user may not ask (no write=system). */
  running: Set<string> | undefined;
  /** Why `running` is unknown. */
  runningUnknown?: string;
};

/** GetConfig headers → categories with their numbers (`Category-000004`, `Templates-000004`, `Line-000004-000002`). */
export function readCategories(headers: readonly Header[]): FoundCategory[] {
  // The categories and lines as apply reads them; the importer adds where each is and what it inherits.
  const templates = new Map<number, string[]>();
  for (const [name, value] of headers) {
    const tpl = /^Templates-(\d+)$/i.exec(name);
    if (tpl) templates.set(Number(tpl[1]), value.split(',').filter(Boolean));
  }
  return parseGetConfig(headers).map((c, index) => ({ name: c.name, index, templates: templates.get(index) ?? [], lines: c.lines }));
}

async function getConfig(ami: ImportSession, file: string): Promise<FoundCategory[] | undefined> {
  try {
    return readCategories((await ami.action([['Action', 'GetConfig'], ['Filename', file]])).response.headers);
  } catch (e) {
    // getconfig-missing-file.txt
    if (e instanceof Error && /config file not found/i.test(e.message)) return undefined;
    throw e;
  }
}

export async function readPbxConfig(ami: ImportSession): Promise<PbxConfig> {
  const pjsip = await getConfig(ami, 'pjsip.conf');
  if (!pjsip) throw new Error('the PBX has no pjsip.conf (GetConfig: Config file not found)');
  const voicemail = await getConfig(ami, 'voicemail.conf');
  try {
    const r = await ami.action([['Action', 'PJSIPShowEndpoints']]);
    return { pjsip, voicemail, running: new Set(r.events.map((e) => e.fields['objectname'] ?? '').filter(Boolean)) };
  } catch (e) {
    return { pjsip, voicemail, running: undefined, runningUnknown: e instanceof Error ? e.message : String(e) };
  }
}
