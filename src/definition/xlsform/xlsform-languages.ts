/**
 * XLSForm names a column's language in its header, `label::Welsh (cy)`: a name for people and,
 * in parentheses, the ISO 639 code (https://xlsform.org, "Multiple language support"). Canvass
 * keys translations by the code. A header without a code is read through a small table of common
 * names (in English and in the language itself); any other is refused by its column, since
 * Canvass cannot tell which language it is.
 */
const names: Record<string, string> = {
  en: 'English',
  cy: 'Welsh',
  ga: 'Irish',
  gd: 'Scottish Gaelic',
  kw: 'Cornish',
  fr: 'French',
  es: 'Spanish',
  de: 'German',
  it: 'Italian',
  pt: 'Portuguese',
  nl: 'Dutch',
  pl: 'Polish',
  ar: 'Arabic',
  ur: 'Urdu',
  pa: 'Punjabi',
  bn: 'Bengali',
  zh: 'Chinese',
};

/** Names (lower case) a header may use without a code: the English names above and a few languages' own. */
const codeByName: Record<string, string> = {
  ...Object.fromEntries(Object.entries(names).map(([code, name]) => [name.toLowerCase(), code])),
  cymraeg: 'cy',
  gaeilge: 'ga',
  gàidhlig: 'gd',
  gaelic: 'gd',
  kernewek: 'kw',
  français: 'fr',
  francais: 'fr',
  español: 'es',
  espanol: 'es',
  deutsch: 'de',
  italiano: 'it',
  português: 'pt',
  nederlands: 'nl',
  polski: 'pl',
};

/** The header's language part for a code: `Welsh (cy)`, or `xx (xx)` for a code not in the table. */
export function languageColumnName(code: string): string {
  return `${names[code] ?? code} (${code})`;
}

/**
 * The ISO 639 code of a header's language part: the code in parentheses (`Welsh (cy)`, `Cymraeg
 * (cy-GB)` → cy, a region dropped), else the name from the table (`Français` → fr), else undefined.
 */
export function languageCodeOf(language: string): string | undefined {
  const inParentheses = /\(\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*\)\s*$/.exec(language);
  if (inParentheses) return inParentheses[1]!.toLowerCase();
  const name = language.trim().toLowerCase();
  return codeByName[name] ?? (/^[a-z]{2,3}$/.test(name) && names[name] ? name : undefined);
}
