import { expect, it } from 'vitest';
import { messages, pickLang } from '../../../cli/tui/i18n/index.js';

it.each([
  { flag: 'en', site: 'pl', env: { LANG: 'pl_PL.UTF-8' }, lang: 'en' }, // --lang wins
  { flag: undefined, site: 'pl', env: { LANG: 'en_US.UTF-8' }, lang: 'pl' }, // then the inventory
  { flag: undefined, site: undefined, env: { LANG: 'pl_PL.UTF-8' }, lang: 'pl' }, // then LANG
  { flag: undefined, site: undefined, env: { LC_ALL: 'pl_PL.UTF-8', LANG: 'en_GB.UTF-8' }, lang: 'pl' }, // LC_ALL before LANG
  { flag: undefined, site: undefined, env: {}, lang: 'en' },
])('pickLang($flag, $site, $env) = $lang', ({ flag, site, env, lang }) => {
  expect(pickLang(flag, site, env)).toBe(lang);
});

it.each([
  { n: 1, pl: '1 urządzenie', en: '1 device' },
  { n: 2, pl: '2 urządzenia', en: '2 devices' },
  { n: 4, pl: '4 urządzenia', en: '4 devices' },
  { n: 5, pl: '5 urządzeń', en: '5 devices' },
  { n: 12, pl: '12 urządzeń', en: '12 devices' },
  { n: 22, pl: '22 urządzenia', en: '22 devices' },
  { n: 25, pl: '25 urządzeń', en: '25 devices' },
  { n: 0, pl: '0 urządzeń', en: '0 devices' },
])('$n devices counted in Polish and English', ({ n, pl, en }) => {
  expect(messages.pl.counts(n)).toBe(pl);
  expect(messages.en.counts(n)).toBe(en);
});
