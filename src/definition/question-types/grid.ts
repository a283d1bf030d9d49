import type { Problem } from '../../errors/catalogue.js';
import type { GridAnswer, GridQuestion } from '../schema.js';
import { checkChoiceDefinition, listCodes } from './choice-options.js';
import { invalid, isBlank, unanswered, type ParsedAnswer, type QuestionTypeModule } from './question-type.js';

/** A CSV cell holds a grid's answer as `statement=code` pairs joined by ';', in the grid's order. */
const pairSeparator = ';';

/**
 * A grid: statements answered on one scale. Its answer is an object of statement id → option
 * code. A grid that is required asks for every statement once any is answered (a wholly blank
 * grid is unanswered, for validation to call it required); an optional one takes any of them.
 */
export const gridType: QuestionTypeModule<GridQuestion> = {
  parseAnswer(question, raw, where) {
    if (isBlank(raw)) return unanswered();
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      return invalid(where, 'wrong-type', `'${question.id}' is a grid: its answer is an object of statement id → option code, not ${Array.isArray(raw) ? 'a list' : typeof raw}`, expectedGrid(question));
    }
    const given = raw as Record<string, unknown>;
    const problems: Problem[] = [];
    const statements = new Set(question.statements.map((s) => s.id));
    for (const key of Object.keys(given)) {
      if (!statements.has(key)) problems.push({ where: `${where}.${key}`, code: 'unknown-statement', message: `'${key}' is not a statement of '${question.id}'`, expected: `one of ${question.statements.map((s) => s.id).join(', ')}` });
    }
    const answer: GridAnswer = {};
    const missing: string[] = [];
    for (const statement of question.statements) {
      const value = Object.hasOwn(given, statement.id) ? given[statement.id] : undefined;
      if (isBlank(value)) {
        missing.push(statement.id);
        continue;
      }
      if (typeof value !== 'string') {
        problems.push({ where: `${where}.${statement.id}`, code: 'wrong-type', message: `'${question.id}.${statement.id}' takes one option code, not ${Array.isArray(value) ? 'a list' : typeof value}`, expected: `one of ${listCodes(question)}` });
        continue;
      }
      const code = value.trim();
      if (!question.options.some((o) => o.code === code)) {
        problems.push({ where: `${where}.${statement.id}`, code: 'unknown-code', message: `'${code}' is not an option of '${question.id}'`, expected: `one of ${listCodes(question)}` });
        continue;
      }
      answer[statement.id] = code;
    }
    if (problems.length > 0) return { value: undefined, problems };
    if (missing.length === question.statements.length) return unanswered();
    if (question.required && missing.length > 0) {
      return { value: undefined, problems: missing.map((id) => ({ where: `${where}.${id}`, code: 'required', message: `'${question.id}.${id}' must be answered`, expected: `one of ${listCodes(question)}` })) };
    }
    return { value: answer, problems: [] } satisfies ParsedAnswer;
  },
  fromCell(_question, cell) {
    if (cell.trim() === '') return '';
    // Entries, not assignment: a cell naming __proto__ must be an unknown statement, not a prototype.
    const pairs: Array<[string, string]> = [];
    for (const pair of cell.split(pairSeparator)) {
      if (pair.trim() === '') continue;
      const at = pair.indexOf('=');
      // A pair without '=' is kept under its own text, which then fails as an unknown statement.
      pairs.push(at < 0 ? [pair.trim(), ''] : [pair.slice(0, at).trim(), pair.slice(at + 1).trim()]);
    }
    return Object.fromEntries(pairs);
  },
  toCell(question, answer) {
    const codes = answer as GridAnswer;
    return question.statements.flatMap((s) => (Object.hasOwn(codes, s.id) ? [`${s.id}=${codes[s.id]}`] : [])).join(pairSeparator);
  },
  expected: expectedGrid,
  checkDefinition(question, where) {
    const problems: Problem[] = checkChoiceDefinition(question, where);
    const seen = new Set<string>();
    question.statements.forEach((statement, i) => {
      if (seen.has(statement.id)) {
        problems.push({ where: `${where}.statements[${i}]`, code: 'duplicate-statement', message: `statement id '${statement.id}' is used twice in grid '${question.id}'`, expected: 'a different id for each statement' });
      }
      seen.add(statement.id);
    });
    question.options.forEach((option, i) => {
      if (option.exclusive) {
        problems.push({ where: `${where}.options[${i}] (${option.code})`, code: 'exclusive-in-single', message: `'exclusive' only makes sense in a multiple-choice question; '${question.id}' is a grid, one answer per statement`, expected: 'no exclusive flag' });
      }
    });
    return problems;
  },
};

function expectedGrid(question: GridQuestion): string {
  return `for each of ${question.statements.map((s) => s.id).join(', ')}: one of ${listCodes(question)}`;
}
