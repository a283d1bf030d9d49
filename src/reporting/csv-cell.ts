/** A character that makes a spreadsheet read the cell it starts as a formula (OWASP "CSV Injection"). */
const trigger = '[=+\\-@\\t\\r]';
/** A trigger at the start of a cell, after any quotes the text itself starts with. */
const leadingTrigger = new RegExp(`^'*${trigger}`);
/**
 * A trigger just after a `;` or `,` (and any quotes): a spreadsheet that splits lines at that
 * separator (Excel in locales whose list separator is `;`) starts a new cell there.
 */
const triggerAfterSeparator = new RegExp(`([;,])(?=['"]*${trigger})`, 'g');

/**
 * Neutralises a text cell against formula injection, as OWASP's "CSV Injection" recommends: a
 * cell starting with =, +, -, @, tab or carriage return, or holding one after a `;` or `,`
 * separator, is prefixed with a single quote (and written between double quotes: see
 * {@link csvQuoting}), so a spreadsheet shows it as text instead of running it. Each such
 * separator gets a single quote after it too, so that a spreadsheet that splits the line there
 * starts the new cell with a quote rather than with a formula: `;=1+1` becomes `';'=1+1`.
 * Numbers are written as numbers and left alone. Quotes a text already has where a quote goes
 * get one more, so that importing the file (`textType.fromCell` takes one off) gives back exactly
 * the text that was answered.
 */
export function neutraliseCell(value: string): string {
  // Most cells (codes, ids, times) hold no separator: only their start can need the quote. A
  // raw export of 500,000 responses neutralises 30 million cells, and this skips the replace.
  if (!value.includes(';') && !value.includes(',')) return leadingTrigger.test(value) ? `'${value}` : value;
  const separated = value.replace(triggerAfterSeparator, "$1'");
  return leadingTrigger.test(separated) || separated !== value ? `'${separated}` : separated;
}

/**
 * csv-stringify options that put a neutralised cell between double quotes, the other half of
 * OWASP's advice: a spreadsheet that reads the file with its own separator keeps it one cell.
 */
export const csvQuoting = { quoted_match: /^'/ };
