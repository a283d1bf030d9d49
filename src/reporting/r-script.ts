import type { Definition } from '../definition/schema.js';
import type { AnalystVariable } from './analyst-variables.js';

/**
 * An R script that reads an analyst data file (see analyst-variables.ts) into a data frame
 * `responses`: coded variables become factors with their labels (ordered for a scale), each
 * variable keeps its label in attr(, "label") as haven and Hmisc do, and the codes of
 * non-substantive answers are listed in attr(, "missing_codes"). Base R only.
 *
 * Every text is written as an R string literal by {@link rString}: backslashes, quotes and control
 * characters escaped, and every character outside ASCII as a \u escape, so that the script means
 * the same in any locale R runs in.
 */
export function rScript(definition: Definition, variables: readonly AnalystVariable[], options: { dataFile: string; count: number }): string {
  const lines: string[] = [];
  lines.push(`# Canvass: responses to ${rComment(definition.title)} (${rComment(definition.id)}), ${options.count} responses.`);
  lines.push(`# Run from the folder that holds ${rComment(options.dataFile)}, or change the path below.`);
  lines.push('');
  const classes = variables.map((v) => `${rString(v.name)} = ${rString(v.kind === 'string' ? 'character' : 'numeric')}`);
  lines.push(`responses <- read.csv(${rString(options.dataFile)}, fileEncoding = "UTF-8", encoding = "UTF-8", na.strings = "", check.names = FALSE,`);
  lines.push(`  colClasses = c(${classes.join(', ')}))`);
  for (const v of variables) {
    const column = `responses[[${rString(v.name)}]]`;
    lines.push('');
    if (v.values.length > 0) {
      lines.push(`${column} <- factor(${column},`);
      lines.push(`  levels = c(${v.values.map((x) => String(x.value)).join(', ')}),`);
      lines.push(`  labels = c(${v.values.map((x) => rString(x.label)).join(', ')})${v.level === 'ordinal' ? ',\n  ordered = TRUE' : ''})`);
    }
    lines.push(`attr(${column}, "label") <- ${rString(v.label)}`);
    if (v.missing.length > 0) lines.push(`attr(${column}, "missing_codes") <- c(${v.missing.join(', ')})`);
  }
  lines.push('');
  return lines.join('\n');
}

/** A text as an R string literal, in ASCII: escapes for \, ", control characters and everything outside ASCII. */
export function rString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '\\') out += '\\\\';
    else if (char === '"') out += '\\"';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    // R refuses \u escapes of surrogates and of NUL: a lone surrogate becomes U+FFFD, NUL a space.
    else if (code === 0) out += ' ';
    else if (code >= 0xd800 && code <= 0xdfff) out += '\\ufffd';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code < 0x80) out += char;
    else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U{${code.toString(16)}}`;
  }
  return `${out}"`;
}

/** Text for a comment: one line (a comment runs to the end of its line), in ASCII like the rest of the script (others as ?). */
function rComment(text: string): string {
  return text.replace(/[^\x20-\x7e]/gu, (char) => (/\s/u.test(char) ? ' ' : '?'));
}
