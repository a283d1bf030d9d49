import type { Problem } from '../../errors/catalogue.js';
import type { Definition, Question } from '../schema.js';
import { statementQuestions } from '../analysis-questions.js';
import { isChoiceQuestion } from '../choice-question.js';
import { attributeOf, expressionAttributes, registerOf } from '../register-attributes.js';
import type { RegisterSchema } from '../schema.js';
import { fieldName, type Expression, type FieldRef, type Literal } from './ast.js';

export interface CheckContext {
  definition: Pick<Definition, 'questions'> & Partial<Pick<Definition, 'register'>>;
  /** Where the expression is, for problem messages: `questions[4] (strategy_stage).showIf`, `--filter`. */
  where: string;
  /** For a showIf: the index of the question it belongs to; references must be to earlier questions. */
  beforeQuestionIndex?: number;
  /**
   * The register whose attributes `org.X` may name, and whose categories' codes its values must
   * be (default: the definition's, else the open register); null when the definition's register
   * has problems of its own, which are reported there: `org.X` is then not checked.
   */
  register?: RegisterSchema | null;
  /** Questions whose own definition failed: they exist, but their options cannot be checked. */
  unchecked?: ReadonlySet<string>;
}

/** Checks an expression against a definition and returns every problem found (never throws). */
export function checkExpression(expression: Expression, context: CheckContext): Problem[] {
  const problems: Problem[] = [];
  const index = new Map<string, { question: Question; i: number }>(context.definition.questions.map((q, i) => [q.id, { question: q, i }] as const));
  // A grid's statements are named GRID.STATEMENT, each a scale question at the grid's place.
  context.definition.questions.forEach((q, i) => {
    if (q.type === 'grid') for (const statement of statementQuestions(q)) index.set(statement.id, { question: statement, i });
  });
  visit(expression);
  return problems;

  function problem(code: string, message: string, expected?: string): void {
    problems.push({ where: context.where, code, message, ...(expected === undefined ? {} : { expected }) });
  }

  function visit(node: Expression): void {
    switch (node.kind) {
      case 'and':
      case 'or':
        visit(node.left);
        visit(node.right);
        return;
      case 'not':
        visit(node.operand);
        return;
      case 'compare':
        checkValues(node.field, [node.value], node.operator, 'compare');
        return;
      case 'in':
        checkValues(node.field, node.values, '=', 'in');
        return;
      case 'includes':
        checkValues(node.field, [node.value], '=', 'includes');
        return;
    }
  }

  function checkValues(field: FieldRef, values: Literal[], operator: string, form: 'compare' | 'in' | 'includes'): void {
    if (field.kind === 'org') {
      checkOrgValues(field, values, operator, form);
      return;
    }
    const entry = index.get(field.id);
    if (!entry) {
      problem('unknown-question', `'${field.id}' is not a question in this survey`, 'a question id');
      return;
    }
    if (context.beforeQuestionIndex !== undefined && entry.i >= context.beforeQuestionIndex) {
      problem(
        'forward-reference',
        entry.i === context.beforeQuestionIndex ? `a question's condition cannot refer to the question itself ('${field.id}')` : `the condition refers to '${field.id}', which comes later in the questionnaire`,
        'a question asked earlier',
      );
      return;
    }
    if (context.unchecked?.has(field.id)) return;
    checkQuestionValues(entry.question, values, operator, form);
  }

  function checkOrgValues(field: FieldRef & { kind: 'org' }, values: Literal[], operator: string, form: 'compare' | 'in' | 'includes'): void {
    if (context.register === null) return;
    const register = context.register ?? registerOf(context.definition);
    const known = expressionAttributes(register);
    if (!known.includes(field.attribute)) {
      problem('unknown-org-attribute', `'${fieldName(field)}' is not an organisation attribute`, known.map((a) => `org.${a}`).join(', '));
      return;
    }
    if (form === 'includes') problem('includes-not-multiple', `'includes' applies to multiple-choice questions, not ${fieldName(field)}`, "'=' or 'in (…)'");
    const attribute = attributeOf(register, field.attribute);
    const numeric = field.attribute === 'headcount' || attribute?.type === 'number';
    if (numeric) {
      for (const value of values) {
        if (typeof value !== 'number') problem('not-a-number', `'${fieldName(field)}' is a number, so '${value}' must be a number`, 'a number');
      }
      return;
    }
    if (operator !== '=' && operator !== '!=') problem('operator-not-allowed', `'${operator}' compares numbers; ${fieldName(field)} is text`, "'=', '!=' or 'in (…)'");
    const codes = attribute?.type === 'category' ? attribute.options.map((o) => o.code) : attribute?.type === 'bands' ? attribute.bands.map((b) => b.code) : undefined;
    if (codes) {
      for (const value of values) {
        if (!codes.includes(String(value))) problem('unknown-org-code', `'${value}' is not a code of ${fieldName(field)}`, codes.join(', '));
      }
    }
  }

  function checkQuestionValues(question: Question, values: Literal[], operator: string, form: 'compare' | 'in' | 'includes'): void {
    if (question.type === 'text') {
      problem('text-in-expression', `free-text question '${question.id}' cannot be used in a condition`);
      return;
    }
    if (question.type === 'grid') {
      problem('grid-in-expression', `'${question.id}' is a grid: name one of its statements, like ${question.id}.${question.statements[0]!.id}`, question.statements.map((s) => `${question.id}.${s.id}`).join(', '));
      return;
    }
    if (question.type === 'date') {
      // Analysis counts dates by month (or year): a filter names one. A condition on the form cannot.
      if (context.beforeQuestionIndex !== undefined) problem('date-in-condition', `date question '${question.id}' cannot be used in a question's condition`);
      else if (form === 'includes' || (operator !== '=' && operator !== '!=')) problem('operator-not-allowed', `'${question.id}' is a date, counted by month: compare it with '=', '!=' or 'in (…)'`, "'=', '!=' or 'in (…)'");
      else for (const value of values) if (!/^\d{4}(?:-(?:0[1-9]|1[0-2]))?$/.test(String(value))) problem('not-a-period', `'${value}' is not a month (YYYY-MM) or year (YYYY) for the date question '${question.id}'`, 'a month like 2024-03, or a year like 2024');
      return;
    }
    if (question.type === 'number') {
      if (form === 'includes') problem('includes-not-multiple', `'includes' applies to multiple-choice questions; '${question.id}' is a number`, "'=', '<', '>' …");
      for (const value of values) {
        if (typeof value !== 'number') problem('not-a-number', `'${question.id}' is a number question, so '${value}' must be a number`, 'a number');
      }
      return;
    }
    if (question.type === 'multiple' && form !== 'includes') {
      problem('use-includes', `'${question.id}' is multiple choice: write '${question.id} includes CODE'`, "'includes'");
      return;
    }
    if (question.type !== 'multiple' && form === 'includes') {
      problem('includes-not-multiple', `'includes' applies to multiple-choice questions; '${question.id}' takes one answer`, "'=' or 'in (…)'");
      return;
    }
    if (operator !== '=' && operator !== '!=') {
      problem('operator-not-allowed', `'${operator}' compares numbers; '${question.id}' takes an option code`, "'=', '!=' or 'in (…)'");
      return;
    }
    if (isChoiceQuestion(question)) {
      const codes = question.options.map((o) => o.code);
      for (const value of values) {
        if (!codes.includes(String(value))) problem('unknown-code', `'${value}' is not an option of '${question.id}'`, codes.join(', '));
      }
    }
  }
}
