// What a caller meets, in order, if nobody answers: the common language of `srw voip route`
// (from the inventory) and of the rendered dialplan (its test interpreter), so the two can be
// compared call by call.

export type Hop =
  /** A prompt during which the caller may press keys (Background). */
  | { kind: 'prompt'; sounds: string[] }
  /** A sound played to the end (Playback). */
  | { kind: 'play'; sound: string }
  /** Phones ringing together (Dial). */
  | { kind: 'ring'; numbers: string[]; seconds: number }
  | { kind: 'queue'; queue: string; members: string[]; maxWaitSeconds: number }
  | { kind: 'voicemail'; box: string; greeting: 'unavailable' | 'busy' }
  | { kind: 'hangup'; cause?: number };

export function describeHop(h: Hop): string {
  switch (h.kind) {
    case 'prompt':
      return `plays ${h.sounds.join(' + ')} (keys accepted)`;
    case 'play':
      return `plays ${h.sound}`;
    case 'ring':
      return `rings ${h.numbers.join(', ')} for ${h.seconds} s`;
    case 'queue':
      return `queue ${h.queue} (members ${h.members.join(', ')}), at most about ${h.maxWaitSeconds} s`;
    case 'voicemail':
      return `voicemail of ${h.box} (${h.greeting} greeting)`;
    case 'hangup':
      return h.cause === 21 ? 'refuses the call (cause 21)' : 'hangs up';
  }
}
