import { expect, it } from 'vitest';
import { pickLang } from '../../../cli/tui/i18n/index.js';

it.each([
  { flag: 'en', site: 'pl', env: { LANG: 'pl_PL.UTF-8' }, lang: 'en' }, // --lang wins
  { flag: undefined, site: 'pl', env: { LANG: 'en_US.UTF-8' }, lang: 'pl' }, // then the inventory
  { flag: undefined, site: undefined, env: { LANG: 'pl_PL.UTF-8' }, lang: 'pl' }, // then LANG
  { flag: undefined, site: undefined, env: { LC_ALL: 'pl_PL.UTF-8', LANG: 'en_GB.UTF-8' }, lang: 'pl' }, // LC_ALL before LANG
  { flag: undefined, site: undefined, env: {}, lang: 'en' },
])('pickLang($flag, $site, $env) = $lang', ({ flag, site, env, lang }) => {
  expect(pickLang(flag, site, env)).toBe(lang);
});
