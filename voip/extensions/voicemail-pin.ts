// Voicemail PINs: what Asterisk accepts and what srw generates. A PIN is dialled on a keypad,
// so it is digits only; app_voicemail compares it as a string (leading zeros count).
import { randomInt } from 'node:crypto';

export const PIN_MIN_DIGITS = 4;
export const PIN_MAX_DIGITS = 10;
/** Length of a generated PIN: 10^6 combinations against maxlogins=3 tries per call. */
export const GENERATED_PIN_DIGITS = 6;

/**
 * What is wrong with a PIN, or undefined when Asterisk and the keypad accept it. The message
 * never contains the value: it is printed, and the value is a secret.
 */
export function pinProblem(pin: string, mailbox: string): string | undefined {
  if (!/^\d+$/.test(pin)) return `expected ${PIN_MIN_DIGITS} to ${PIN_MAX_DIGITS} digits, found ${pin.length} characters with something other than digits 0-9`;
  if (pin.length < PIN_MIN_DIGITS || pin.length > PIN_MAX_DIGITS) return `expected ${PIN_MIN_DIGITS} to ${PIN_MAX_DIGITS} digits, found ${pin.length}`;
  // app_voicemail treats PIN == mailbox number as "new user, not set up yet", and it is the
  // first thing anyone would try.
  if (pin === mailbox) return 'the PIN equals the mailbox number, the first guess anyone would try';
  return undefined;
}

/** Weak values a random draw may still produce: one repeated digit, a straight run, the mailbox. */
function weak(pin: string, mailbox: string): boolean {
  if (/^(\d)\1+$/.test(pin) || pin === mailbox) return true;
  const up = '01234567890123456789';
  const down = '98765432109876543210';
  return up.includes(pin) || down.includes(pin);
}

/** A uniformly random 6-digit PIN from the OS CSPRNG (randomInt has no modulo bias). */
export function generateVoicemailPin(mailbox: string): string {
  for (;;) {
    const pin = String(randomInt(0, 10 ** GENERATED_PIN_DIGITS)).padStart(GENERATED_PIN_DIGITS, '0');
    if (!weak(pin, mailbox)) return pin;
  }
}
