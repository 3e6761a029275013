// `srw voip render --out DIR` over files that already exist (e.g. DIR = /etc/asterisk): srw
// writes what it owns and keeps, byte for byte, every category it does not own, with the comment
// lines above it. The same ownership as `srw voip apply`: in pjsip.conf the object types srw
// renders (an existing [global] stays the admin's), in extensions.conf [internal] and
// [from-trunk-*] (hand-written contexts that pbx.dialplanInclude names, [general], [globals]
// stay), in voicemail.conf [default] ([general], [zonemessages] and other contexts stay), in
// manager.conf [general] and srw's two users (other AMI users stay). Before this, a render over
// /etc/asterisk dropped the contexts [internal] includes and so broke them (issue 10, item 10).
import { ownsDialplan, ownsVoicemail, MANAGED_TYPES } from './apply.js';

/** One category of a file as text: its `[name]` line, its lines, and the comments just above it. */
type Block = { name: string; type: string; text: string };

const KEPT_MARK = '; ---- kept from the existing file: not managed by srw ----';

/**
 * A file cut into its leading text and one block per category: the comment lines directly above a
 * `[name]` line (no blank line between) belong to that category, anything above them to what
 * came before. srw's own separator line is dropped, so rendering twice gives the same file.
 */
export function categoryBlocks(text: string): { head: string; blocks: Block[] } {
  const blocks: Array<{ name: string; lines: string[] }> = [];
  const head: string[] = [];
  let pending: string[] = [];
  const flush = (into: string[]) => {
    into.push(...pending);
    pending = [];
  };
  for (const line of text.split('\n')) {
    if (line.trim() === KEPT_MARK) continue;
    const header = /^\s*\[([^\]]+)\]/.exec(line);
    const cur = blocks.at(-1);
    if (header) {
      const lastBlank = pending.findLastIndex((l) => l.trim() === '');
      const before = pending.slice(0, lastBlank + 1);
      const above = pending.slice(lastBlank + 1);
      (cur ? cur.lines : head).push(...before);
      pending = [];
      blocks.push({ name: header[1]!, lines: [...above, line] });
      continue;
    }
    if (/^\s*(;.*)?$/.test(line)) pending.push(line);
    else flush(cur ? cur.lines : head), (cur ? cur.lines : head).push(line);
  }
  flush(blocks.at(-1)?.lines ?? head);
  return {
    head: head.join('\n'),
    blocks: blocks.map((b) => {
      const body = b.lines.join('\n');
      return { name: b.name, type: /^\s*type\s*=>?\s*([^\s;]+)/m.exec(body)?.[1] ?? '', text: body };
    }),
  };
}

type Owner = { srw: (b: Block) => boolean };

const OWNERS: Record<string, Owner> = {
  'pjsip.conf': { srw: (b) => MANAGED_TYPES.has(b.type) },
  'extensions.conf': { srw: (b) => ownsDialplan({ name: b.name, lines: [] }) },
  'voicemail.conf': { srw: (b) => ownsVoicemail({ name: b.name, lines: [] }) },
  'manager.conf': { srw: () => false },
};

export type Merged = { text: string; kept: string[]; dropped: string[] };

/**
 * `rendered` written over `existing`: srw's categories as rendered, except those an existing file
 * keeps as the admin's ([general] of extensions.conf and voicemail.conf, pjsip.conf's [global]),
 * then every category of `existing` srw does not own, verbatim. `kept` names them.
 */
export function mergeWithExisting(file: string, rendered: string, existing: string): Merged {
  const owner = OWNERS[file];
  if (!owner) return { text: rendered, kept: [], dropped: [] };
  const mine = categoryBlocks(rendered);
  const theirs = categoryBlocks(existing);
  const renderedNames = new Set(mine.blocks.map((b) => `${b.name}/${b.type}`));
  // manager.conf: srw owns [general] and the users it renders; everything else is someone else's.
  const srwOwns = (b: Block) => (file === 'manager.conf' ? renderedNames.has(`${b.name}/${b.type}`) : owner.srw(b));
  const foreign = theirs.blocks.filter((b) => !srwOwns(b));
  const foreignNames = new Set(foreign.map((b) => b.name));
  // A category srw renders but does not own in an existing file (e.g. [general]) is the admin's there.
  const dropped = mine.blocks.filter((b) => !srwOwns(b) && foreignNames.has(b.name)).map((b) => `[${b.name}]`);
  const keep = mine.blocks.filter((b) => srwOwns(b) || !foreignNames.has(b.name));
  const parts = [mine.head.trimEnd(), ...keep.map((b) => b.text.trim())];
  if (foreign.length) parts.push(KEPT_MARK, ...foreign.map((b) => b.text.trim()));
  return { text: parts.join('\n\n') + '\n', kept: foreign.map((b) => `[${b.name}]`), dropped };
}
