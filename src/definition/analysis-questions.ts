import type { Definition, GridQuestion, Question, ScaleQuestion, Statement } from './schema.js';

/** The grid and statement a statement's scale question (`GRID.STATEMENT`) stands for. */
export interface GridStatement {
  grid: GridQuestion;
  statement: Statement;
}

const statementsOf = new WeakMap<Question, GridStatement>();
const analysed = new WeakMap<Definition, Definition>();

/** The id analysis gives a grid's statement: `GRID.STATEMENT` (question ids have no dots, so it is never another question's). */
export function statementQuestionId(grid: Pick<GridQuestion, 'id'>, statement: Pick<Statement, 'id'>): string {
  return `${grid.id}.${statement.id}`;
}

/**
 * Each statement of a grid as the scale question analysis treats it as: id `GRID.STATEMENT`, the
 * statement's text after the grid's, the grid's options, nets, base, condition and polarity.
 */
export function statementQuestions(grid: GridQuestion): ScaleQuestion[] {
  return grid.statements.map((statement) => {
    const question: ScaleQuestion = {
      id: statementQuestionId(grid, statement),
      type: 'scale',
      text: `${grid.text.trim().replace(/[?:.]$/, '')}: ${statement.text}`,
      required: grid.required,
      base: grid.base,
      options: grid.options,
      nets: grid.nets,
      ...(grid.showIf === undefined ? {} : { showIf: grid.showIf }),
      ...(grid.better === undefined ? {} : { better: grid.better }),
      ...(grid.headline === undefined ? {} : { headline: grid.headline }),
      ...(grid.finding === undefined ? {} : { finding: grid.finding }),
    };
    statementsOf.set(question, { grid, statement });
    return question;
  });
}

/**
 * The definition as analysis sees it: every grid replaced by its statements' scale questions, in
 * place; other questions as they are. The same object for a definition without grids, and one
 * object per definition (kept while the definition is), so it can key caches as definitions do.
 */
export function analysisDefinition(definition: Definition): Definition {
  if (!definition.questions.some((q) => q.type === 'grid')) return definition;
  let expanded = analysed.get(definition);
  if (!expanded) {
    expanded = { ...definition, questions: definition.questions.flatMap((q) => (q.type === 'grid' ? statementQuestions(q) : [q])) };
    analysed.set(definition, expanded);
    analysed.set(expanded, expanded);
  }
  return expanded;
}

/** The grid statement a question of {@link analysisDefinition} stands for; undefined for any other question. */
export function gridStatementOf(question: Question): GridStatement | undefined {
  return statementsOf.get(question);
}

/**
 * A question of the definition or of its analysis (`GRID.STATEMENT`) by id: what results, reports
 * and exports look a figure's question up with.
 */
export function findAnalysedQuestion(definition: Definition, id: string): Question | undefined {
  return analysisDefinition(definition).questions.find((q) => q.id === id) ?? definition.questions.find((q) => q.id === id);
}
