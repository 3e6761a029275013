// Counted nouns. Polish has three forms that depend on the number's last digits (1 urządzenie,
// 2–4 urządzenia, 5–21 urządzeń, 22–24 urządzenia, …) and a fourth for fractions; Intl.PluralRules
// knows the CLDR rules, so the strings only list the forms.
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** `count(2)` → "2 urządzenia" with the forms of `locale`. */
export function counted(locale: string, forms: PluralForms): (n: number) => string {
  const rules = new Intl.PluralRules(locale);
  return (n) => `${n} ${forms[rules.select(n)] ?? forms.other}`;
}
