import type { Definition } from '../definition/schema.js';
import type { AnalystVariable } from './analyst-variables.js';

/**
 * SPSS syntax that reads an analyst data file (see analyst-variables.ts) and labels it, in the
 * form LimeSurvey's SPSS export uses: GET DATA for the CSV, then VARIABLE LABELS, VALUE LABELS,
 * MISSING VALUES and VARIABLE LEVEL. IBM SPSS Statistics and GNU PSPP both run it.
 *
 * Every text of the questionnaire goes into a quoted string literal ({@link spssString}): quotes
 * doubled, line breaks and other control characters made spaces (a literal cannot span lines,
 * and a line that ends in a full stop ends a command), shortened to SPSS's limits (255 bytes for
 * a variable label, 120 for a value label) at a character boundary. The file is UTF-8 with a
 * byte order mark, which SPSS in Unicode mode and PSPP both take as its encoding.
 */
export interface SpssSyntaxOptions {
  /** The data file's name, as GET DATA opens it (relative to the folder SPSS runs in). */
  dataFile: string;
  /** The widest value of each string variable, in UTF-8 bytes, by variable name. */
  stringWidths: ReadonlyMap<string, number>;
  /** How many responses the data file holds. */
  count: number;
}

const variableLabelBytes = 255;
const valueLabelBytes = 120;
const fileLabelBytes = 64;
/** SPSS's widest string variable. */
const maxStringWidth = 32_767;

export function spssSyntax(definition: Definition, variables: readonly AnalystVariable[], options: SpssSyntaxOptions): string {
  const lines: string[] = [];
  lines.push(`* Canvass: responses to ${oneLine(definition.id)}, ${options.count} cases.`);
  lines.push(`* Run from the folder that holds ${oneLine(options.dataFile)}, or change the path after /FILE.`);
  lines.push(`* Non-substantive answers (such as Don't know) are coded 97 on and declared missing values.`);
  lines.push('');
  lines.push('GET DATA');
  lines.push('  /TYPE=TXT');
  lines.push(`  /FILE=${spssString(options.dataFile)}`);
  lines.push("  /ENCODING='UTF8'");
  lines.push('  /ARRANGEMENT=DELIMITED');
  lines.push('  /DELCASE=LINE');
  lines.push('  /FIRSTCASE=2');
  lines.push('  /DELIMITERS=","');
  lines.push(`  /QUALIFIER='"'`);
  lines.push('  /VARIABLES=');
  for (const v of variables) lines.push(`    ${v.name} ${inputFormat(v, options.stringWidths)}`);
  lines.push('.');
  lines.push('');
  lines.push(`FILE LABEL ${spssString(definition.title, fileLabelBytes)}.`);
  lines.push('');
  lines.push('VARIABLE LABELS');
  variables.forEach((v, i) => lines.push(`  ${i === 0 ? '' : '/'}${v.name} ${spssString(v.label, variableLabelBytes)}`));
  lines.push('.');
  const coded = variables.filter((v) => v.values.length > 0);
  if (coded.length > 0) {
    lines.push('', 'VALUE LABELS');
    coded.forEach((v, i) => {
      lines.push(`  ${i === 0 ? '' : '/'}${v.name}`);
      for (const { value, label } of v.values) lines.push(`    ${value} ${spssString(label, valueLabelBytes)}`);
    });
    lines.push('.');
  }
  const withMissing = variables.filter((v) => v.missing.length > 0);
  if (withMissing.length > 0) lines.push('', 'MISSING VALUES', ...withMissing.map((v, i) => `  ${i === 0 ? '' : '/'}${v.name} (${missingList(v.missing)})`), '.');
  const measured = variables.filter((v) => v.kind === 'numeric');
  if (measured.length > 0) lines.push('', 'VARIABLE LEVEL', ...measured.map((v, i) => `  ${i === 0 ? '' : '/'}${v.name} (${v.level.toUpperCase()})`), '.');
  lines.push('', 'EXECUTE.', '');
  return `\uFEFF${lines.join('\n')}`;
}

function inputFormat(v: AnalystVariable, widths: ReadonlyMap<string, number>): string {
  if (v.kind === 'string') return `A${Math.min(maxStringWidth, Math.max(1, widths.get(v.name) ?? 1))}`;
  return v.decimals === 0 ? 'F8.0' : `F16.${v.decimals}`;
}

/** Up to three codes as a list; more as the range from the first (missing codes are consecutive, from 97 on). */
function missingList(codes: readonly number[]): string {
  return codes.length <= 3 ? codes.join(', ') : `${Math.min(...codes)} THRU HI`;
}

/** Text on one line: line breaks and other control characters as spaces. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
}

/**
 * A text as an SPSS string literal: between single quotes, a quote doubled, on one line, at most
 * `maxBytes` bytes of UTF-8 (shortened at a character, never inside one, nor between a doubled quote).
 */
export function spssString(text: string, maxBytes = Number.POSITIVE_INFINITY): string {
  let bytes = 0;
  let out = '';
  for (const char of oneLine(text).replace(/[\uD800-\uDFFF]/gu, '\uFFFD')) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > maxBytes) break;
    bytes += size;
    out += char === "'" ? "''" : char;
  }
  return `'${out}'`;
}
