// Which extension numbers the PBX can take without shadowing something people dial. Asterisk
// matches the digits a phone sends against every extension and pattern of the context, so an
// extension 0240 takes the outside call "0 + 240", an extension 112 takes the emergency number,
// and of 24 and 240 one is always a prefix of the other: a phone with a digit map (or overlap
// dialling) sends 24 before the caller finishes 240.

/** Dialled before an outside number; voip/extensions/dialplan.ts routes `_0X.` to the trunk. */
export const OUTSIDE_PREFIX = '0';

/** Polish emergency numbers (112 everywhere in the EU; 997 police, 998 fire, 999 ambulance). */
export const EMERGENCY_NUMBERS: readonly string[] = ['112', '997', '998', '999'];

/** Why `number` cannot be an extension whatever the other extensions are; undefined when it can. */
export function reservedNumberConflict(number: string): string | undefined {
  if (number.startsWith(OUTSIDE_PREFIX))
    return `extension ${number} starts with ${OUTSIDE_PREFIX}, the outside-line prefix: it would take the outside call ${OUTSIDE_PREFIX} + ${number.slice(OUTSIDE_PREFIX.length)}`;
  for (const e of EMERGENCY_NUMBERS) {
    if (number === e) return `extension ${number} is the emergency number ${e}`;
    if (e.startsWith(number)) return `extension ${number} is the start of the emergency number ${e}: a phone dialling ${e} could ring it instead`;
    if (number.startsWith(e)) return `extension ${number} starts with the emergency number ${e}: a phone dialling ${e} could wait for more digits`;
  }
  return undefined;
}

/** The other extension that `number` overlaps (one is a prefix of the other), if any. */
export function overlappingExtension(number: string, others: Iterable<string>): string | undefined {
  for (const other of others) if (other !== number && (other.startsWith(number) || number.startsWith(other))) return other;
  return undefined;
}

export function overlapMessage(number: string, other: string): string {
  const [short, long] = number.length <= other.length ? [number, other] : [other, number];
  return `extension ${number} overlaps extension ${other}: ${short} is the start of ${long}, so a phone dialling ${long} could ring ${short} first`;
}

/**
 * Emergency numbers inside a range of same-length numbers (100–299 holds 112). A range across
 * lengths (200–2999, for 3- and 4-digit extensions) holds 997–999 only on paper: refusing it would
 * forbid every such numbering plan, and each number in it is checked on its own anyway.
 */
export function emergencyInRange(from: number, to: number): string[] {
  if (String(from).length !== String(to).length) return [];
  return EMERGENCY_NUMBERS.filter((e) => from <= Number(e) && Number(e) <= to);
}
