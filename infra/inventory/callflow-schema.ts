// pbx.callFlows: where outside calls go. Schedules (office hours, Polish public holidays, the
// city's own days off and shortened days), IVR menus, ring groups and queues, and per trunk the
// inbound routes; every "where next" is one destination. Field shapes only: references, loops and
// hours that overlap are checked in callflow-rules.ts, because zod checks one value at a time.
import { z } from 'zod';
import { calendarDate, daysInMonth, parseClock } from './office-hours.js';

// The same shapes as `name` and the extension number in schema.ts (which imports this file, so
// they cannot be imported from there without a cycle).
const name = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'expected a lower-case name of letters, digits and "-" starting with a letter');
const extensionNumber = z.union([z.string(), z.number().int()]).transform(String).pipe(z.string().regex(/^\d{2,6}$/, 'expected 2 to 6 digits'));

/** A sound file as Asterisk names it: no extension, relative to the sounds directory. */
const sound = z
  .string()
  .regex(/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/, 'expected a sound file name without extension, such as custom/um-powitanie');

const DESTINATION_KINDS = ['extension', 'ringGroup', 'queue', 'menu', 'voicemail', 'schedule', 'hangup'] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

/**
 * Exactly one of: `{ extension: 201 }` (rings it as a phone call would, then its mailbox),
 * `{ ringGroup: name }`, `{ queue: name }`, `{ menu: name }`, `{ voicemail: 201 }` (straight to
 * the mailbox), `{ schedule: name }` (its open/closed/holiday branch), `{ hangup: true }`.
 */
export const destinationSchema = z
  .strictObject({
    extension: extensionNumber.optional(),
    ringGroup: name.optional(),
    queue: name.optional(),
    menu: name.optional(),
    voicemail: extensionNumber.optional(),
    schedule: name.optional(),
    hangup: z.literal(true).optional(),
  })
  .superRefine((d, ctx) => {
    const given = DESTINATION_KINDS.filter((k) => d[k] !== undefined);
    if (given.length !== 1)
      ctx.addIssue({
        code: 'custom',
        message: `a destination names exactly one of ${DESTINATION_KINDS.join(', ')}; found ${given.length ? given.join(' and ') : 'none'}`,
      });
  });

const date = z.string().superRefine((s, ctx) => {
  if (calendarDate(s)) return;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return void ctx.addIssue({ code: 'custom', message: 'expected a date such as 2026-05-02' });
  const [y, mo] = [Number(m[1]), Number(m[2])];
  const why = mo < 1 || mo > 12 ? 'months go from 01 to 12' : `${new Date(Date.UTC(2000, mo - 1, 1)).toLocaleString('en', { month: 'long', timeZone: 'UTC' })} ${y} has ${daysInMonth(y, mo)} days`;
  ctx.addIssue({ code: 'custom', message: `${s} is not a date (${why})` });
});

const clock = z.string().superRefine((s, ctx) => {
  const c = parseClock(s);
  if (!c.ok) ctx.addIssue({ code: 'custom', message: c.message });
});

export const calendarSchema = z.strictObject({
  /** pl: the Polish statutory public holidays, computed for every year (Easter-based ones included, 24 Dec from 2025). */
  publicHolidays: z.enum(['pl', 'none']).default('pl'),
  /** The city's own days off (e.g. a bridging day, a day given back for a holiday on Saturday). */
  daysOff: z.array(z.strictObject({ date, name: z.string().min(1).max(80).optional() })).default([]),
  /** Days the office closes early; every schedule that observes the calendar closes at `closeAt` that day. */
  shortDays: z.array(z.strictObject({ date, closeAt: clock, name: z.string().min(1).max(80).optional() })).default([]),
});

const range = z.string();

export const scheduleSchema = z.strictObject({
  name,
  /** Weekday (mon…sun) or a run of weekdays (tue-thu) → one range `07:30-15:30` or a list of them. Days not named are closed. */
  hours: z.record(z.string(), z.union([range, z.array(range).min(1)])),
  /** Close on the calendar's public holidays and days off, and close early on its short days. */
  observeCalendar: z.boolean().default(true),
  open: destinationSchema,
  closed: destinationSchema,
  /** Where calls go on a public holiday or day off; omitted: `closed`. */
  holiday: destinationSchema.optional(),
});

const menuKey = z.string().regex(/^[0-9*#]{1,6}$/, 'expected the keys a caller presses: 1 to 6 of 0-9, * and #');

export const menuSchema = z.strictObject({
  name,
  /** Played while the caller may already press a key (Background); several files play in turn. */
  prompt: z.union([sound, z.array(sound).min(1)]),
  options: z.record(menuKey, destinationSchema).default({}),
  /** Callers may also dial any extension of the PBX by its number. */
  directDial: z.boolean().default(false),
  /** Seconds to wait for a key after the prompt (WaitExten). */
  timeoutSeconds: z.number().int().min(1).max(60).default(5),
  /** How many times the menu is offered again after a timeout or a wrong key, before onTimeout/onInvalid. */
  retries: z.number().int().min(0).max(5).default(2),
  /** Played after a key that leads nowhere. */
  invalidPrompt: sound.default('option-is-invalid'),
  onTimeout: destinationSchema.default({ hangup: true }),
  onInvalid: destinationSchema.default({ hangup: true }),
});

export const ringGroupSchema = z.strictObject({
  name,
  members: z.array(extensionNumber).min(1),
  /** ringall: every member at once; hunt: one after another, in the order listed. */
  strategy: z.enum(['ringall', 'hunt']).default('ringall'),
  /** How long the phones ring (ringall), or each phone rings (hunt). */
  ringSeconds: z.number().int().min(5).max(300).default(20),
  fallback: destinationSchema,
});

export const QUEUE_STRATEGIES = ['ringall', 'leastrecent', 'fewestcalls', 'random', 'rrmemory', 'rrordered', 'linear', 'wrandom'] as const;

export const queueSchema = z.strictObject({
  name,
  members: z.array(extensionNumber).min(1),
  strategy: z.enum(QUEUE_STRATEGIES).default('rrmemory'),
  /** How long one member's phone rings before the queue tries the next (queues.conf timeout). */
  memberRingSeconds: z.number().int().min(5).max(120).default(15),
  /** Pause between rounds (queues.conf retry). */
  retrySeconds: z.number().int().min(0).max(60).default(5),
  /** The longest a caller waits before the fallback (Queue()'s timeout, checked between rounds). */
  maxWaitSeconds: z.number().int().min(10).max(3600).default(300),
  announcePosition: z.boolean().default(true),
  /** Seconds between position announcements (0: none). */
  announceFrequencySeconds: z.number().int().min(0).max(600).default(60),
  announceHoldtime: z.boolean().default(false),
  musicClass: z.string().regex(/^[A-Za-z0-9_-]+$/).default('default'),
  /** Seconds after a call before a member gets the next one. */
  wrapupSeconds: z.number().int().min(0).max(600).default(0),
  /** Where a caller goes after maxWaitSeconds, or at once when no member can take calls (all paused or unregistered). */
  fallback: destinationSchema,
});

export const inboundRouteSchema = z.strictObject({
  trunk: name,
  /** The number the operator sends (as it sends it); omitted: every other call on the trunk. */
  did: z.union([z.string(), z.number().int()]).transform(String).pipe(z.string().regex(/^\+?\d{3,20}$/, 'expected the dialled number as the operator sends it: digits, optionally after +')).optional(),
  to: destinationSchema,
});

export const callFlowsSchema = z.strictObject({
  /**
   * The city's own recordings, relative to the inventory file: a menu prompt `custom/um-menu` is
   * `<promptsDir>/custom/um-menu.wav` (or .gsm, .ulaw, .alaw, .g722, .sln, .sln16). The PBX host's
   * cloud-init carries what it finds there into Asterisk's sounds directory.
   */
  promptsDir: z.string().min(1).max(255).default('prompts'),
  calendar: calendarSchema.prefault({}),
  schedules: z.array(scheduleSchema).default([]),
  menus: z.array(menuSchema).default([]),
  ringGroups: z.array(ringGroupSchema).default([]),
  queues: z.array(queueSchema).default([]),
  inbound: z.array(inboundRouteSchema).default([]),
});

export type Destination = z.infer<typeof destinationSchema>;
export type CallFlows = z.infer<typeof callFlowsSchema>;
export type CallCalendar = z.infer<typeof calendarSchema>;
export type Schedule = z.infer<typeof scheduleSchema>;
export type Menu = z.infer<typeof menuSchema>;
export type RingGroup = z.infer<typeof ringGroupSchema>;
export type Queue = z.infer<typeof queueSchema>;
export type InboundRoute = z.infer<typeof inboundRouteSchema>;
export { DESTINATION_KINDS };
