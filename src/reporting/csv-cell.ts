/**
 * Neutralises a text cell against formula injection (OWASP "CSV Injection"): a cell starting
 * with =, +, -, @, tab or carriage return is prefixed with a single quote, so a spreadsheet
 * shows it as text instead of running it. Numbers are written as numbers and left alone. A text
 * that already starts with quotes before such a character gets one more, so that importing the
 * file (which takes one quote off) gives back exactly the text that was answered.
 */
export function neutraliseCell(value: string): string {
  return /^'*[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
