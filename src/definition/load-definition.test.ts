import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import type { Problem } from '../errors/catalogue.js';
import { loadDefinitionText, validateDefinition, type LoadOptions } from './load-definition.js';

type Raw = Record<string, unknown>;

function single(id: string, more: Raw = {}): Raw {
  return { id, type: 'single', text: `Question ${id}?`, options: [{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }], ...more };
}

function multiple(id: string, more: Raw = {}): Raw {
  return {
    id,
    type: 'multiple',
    text: `Question ${id}?`,
    options: [{ code: 'red', label: 'Red' }, { code: 'blue', label: 'Blue' }, { code: 'none', label: 'None of these', exclusive: true }],
    ...more,
  };
}

function scale(id: string, more: Raw = {}): Raw {
  return { id, type: 'scale', text: `Question ${id}?`, options: [{ code: 'agree', label: 'Agree' }, { code: 'disagree', label: 'Disagree' }], ...more };
}

function number(id: string, more: Raw = {}): Raw {
  return { id, type: 'number', text: `Question ${id}?`, ...more };
}

function text(id: string, more: Raw = {}): Raw {
  return { id, type: 'text', text: `Question ${id}?`, ...more };
}

function definition(questions: unknown[], more: Raw = {}): Raw {
  return { format: 1, id: 'demo', title: 'Demo survey', questions, ...more };
}

/** Loads the definition as JSON text (JSON is YAML), expecting it to be refused. */
function problemsOf(input: Raw, options: LoadOptions = {}): Problem[] {
  const result = loadDefinitionText(JSON.stringify(input), options);
  if (result.ok) throw new Error('expected the definition to be refused');
  return result.problems;
}

function summary(problems: Problem[]): Array<{ where: string; code: string }> {
  return problems.map(({ where, code }) => ({ where, code }));
}

describe('loadDefinitionText: the built-in survey', () => {
  const source = readFileSync(new URL('../surveys/digital-gap-2017/definition.yaml', import.meta.url), 'utf8');

  it('loads the digital-gap-2017 definition without problems', () => {
    const result = loadDefinitionText(source);
    if (!result.ok) throw new Error(`unexpected problems: ${JSON.stringify(result.problems)}`);
    expect(result.definition.id).toBe('digital-gap-2017');
    expect(result.definition.format).toBe(1);
    expect(result.definition.questions.map((q) => q.id)).toEqual([
      'role',
      'approach',
      'strategy',
      'strategy_stage',
      'barriers',
      'gap_confidence',
      'gap_barriers',
      'strategy_achievable',
      'automation_status',
      'automation_uses',
      'comments',
    ]);
    expect(result.definition.questions.find((q) => q.id === 'strategy_stage')?.showIf).toBe('strategy = yes');
  });
});

describe('loadDefinitionText: reading the file', () => {
  it('reports a YAML syntax error with its line and column', () => {
    const result = loadDefinitionText('format: 1\nid: demo\nid: again\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ where: 'line 3, column 1', code: 'syntax' });
    expect(result.problems[0]?.message).toMatch(/unique/i);
  });

  it('reports only the first line of the YAML error message', () => {
    const result = loadDefinitionText('title: [unclosed\n');
    if (result.ok) throw new Error('expected a syntax problem');
    expect(result.problems[0]?.code).toBe('syntax');
    expect(result.problems[0]?.where).toMatch(/^line \d+, column \d+$/);
    expect(result.problems[0]?.message).not.toContain('\n');
  });

  it.each([
    ['a plain string', 'just some words'],
    ['a list', '- format: 1\n- id: demo\n'],
    ['an empty file', ''],
    ['a number', '42'],
  ])('refuses %s, which is not a mapping', (_label, source) => {
    const result = loadDefinitionText(source);
    if (result.ok) throw new Error('expected the file to be refused');
    expect(summary(result.problems)).toEqual([{ where: 'file', code: 'not-an-object' }]);
  });

  it('reads JSON as well as YAML', () => {
    expect(loadDefinitionText(JSON.stringify(definition([single('q1')]))).ok).toBe(true);
  });

  it('refuses a YAML alias bomb ("billion laughs") as a problem naming the limit, not an internal error', () => {
    const lines = ['format: 1', 'id: demo', 'title: Demo', 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i <= 9; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]`);
    lines.push('questions: *a9');
    const result = loadDefinitionText(lines.join('\n'));
    if (result.ok) throw new Error('expected the alias bomb to be refused');
    expect(result.problems).toEqual([expect.objectContaining({ where: 'file', code: 'too-many-aliases', message: 'the YAML aliases (*name) repeat their anchors more than 100 times in all' })]);
  });

  it('reads a few YAML aliases', () => {
    const yaml = ['format: 1', 'id: demo', 'title: Demo', 'questions:', '  - id: q1', '    type: single', '    text: One?', '    options: &yes-no [{ code: yes, label: Yes }, { code: no, label: No }]', '  - id: q2', '    type: single', '    text: Two?', '    options: *yes-no'].join('\n');
    expect(loadDefinitionText(yaml).ok).toBe(true);
  });

  it('refuses an alias before its anchor as a syntax problem, not an internal error', () => {
    const result = loadDefinitionText('format: 1\nid: demo\ntitle: *later\n');
    if (result.ok) throw new Error('expected the alias to be refused');
    expect(summary(result.problems)).toEqual([{ where: 'file', code: 'syntax' }]);
  });

  it.each([
    ['the title', { title: 'Demo\u0000survey' }, 'title'],
    ['a question text', { questions: [single('q1', { text: 'Which\u0000one?' })] }, 'questions[0].text'],
    ['an option label', { questions: [single('q1', { options: [{ code: 'yes', label: 'Y\u0000es' }, { code: 'no', label: 'No' }] })] }, 'questions[0].options[0].label'],
  ])('refuses a NUL character in %s, naming where it is', (_label, more, where) => {
    const problems = problemsOf({ ...definition([single('q1')]), ...more });
    expect(problems).toEqual([expect.objectContaining({ where, code: 'nul-character' })]);
  });

  it('reads a definition written in YAML', () => {
    const yaml = ['format: 1', 'id: demo', 'title: Demo', 'questions:', '  - id: q1', '    type: text', '    text: Anything else?'].join('\n');
    const result = loadDefinitionText(yaml);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.definition.questions[0]).toMatchObject({ id: 'q1', type: 'text', text: 'Anything else?' });
  });
});

describe('validateDefinition: the format version', () => {
  it('refuses a definition that does not say its format', () => {
    const { format: _format, ...rest } = definition([single('q1')]);
    expect(summary(problemsOf(rest))).toEqual([{ where: 'format', code: 'format-missing' }]);
  });

  it.each([
    ['a string', '1'],
    ['a fraction', 1.5],
    ['zero', 0],
    ['a negative number', -1],
  ])('refuses a format that is %s', (_label, format) => {
    expect(summary(problemsOf(definition([single('q1')], { format })))).toEqual([{ where: 'format', code: 'format-invalid' }]);
  });

  it('refuses a format newer than this version understands, saying to upgrade', () => {
    const problems = problemsOf(definition([single('q1')], { format: 2 }));
    expect(summary(problems)).toEqual([{ where: 'format', code: 'format-too-new' }]);
    expect(problems[0]?.expected).toMatch(/upgrade/);
  });

  it('stops at a format problem rather than guessing at the rest of the file', () => {
    expect(summary(problemsOf({ format: 99, questions: 'not even a list' }))).toEqual([{ where: 'format', code: 'format-too-new' }]);
  });
});

describe('validateDefinition: the shape of each question', () => {
  it('refuses an unknown question type, naming the known types', () => {
    const problems = problemsOf(definition([single('q1'), { ...single('q2'), type: 'ranking' }]));
    expect(summary(problems)).toEqual([{ where: 'questions[1] (q2).type', code: 'unknown-question-type' }]);
    expect(problems[0]?.message).toContain("'ranking'");
    expect(problems[0]?.expected).toBe('single, multiple, scale, number, text, grid, date');
  });

  it('refuses a question without a type', () => {
    const { type: _type, ...untyped } = single('q1');
    expect(summary(problemsOf(definition([untyped])))).toEqual([{ where: 'questions[0] (q1).type', code: 'unknown-question-type' }]);
  });

  it('refuses a question that is not a mapping, pointing at it by position', () => {
    expect(summary(problemsOf(definition([single('q1'), 'q2'])))).toEqual([{ where: 'questions[1].type', code: 'unknown-question-type' }]);
  });

  it('refuses a question without its text', () => {
    const { text: _text, ...textless } = single('q1');
    const problems = problemsOf(definition([textless]));
    expect(summary(problems)).toEqual([{ where: 'questions[0] (q1).text', code: 'missing-field' }]);
    expect(problems[0]?.message).toBe("'text' is required");
  });

  it('refuses a question whose text is only spaces', () => {
    expect(summary(problemsOf(definition([single('q1', { text: '   ' })])))).toEqual([{ where: 'questions[0] (q1).text', code: 'too_small' }]);
  });

  it('refuses a misspelt field such as showif, naming it', () => {
    const problems = problemsOf(definition([single('q1'), single('q2', { showif: 'q1 = yes' })]));
    expect(summary(problems)).toEqual([{ where: 'questions[1] (q2)', code: 'unknown-field' }]);
    expect(problems[0]?.message).toContain("'showif'");
  });

  it('refuses a field that belongs to another question type (maxLength on a number)', () => {
    expect(summary(problemsOf(definition([number('q1', { maxLength: 10 })])))).toEqual([{ where: 'questions[0] (q1)', code: 'unknown-field' }]);
  });

  it.each(['Q1', '1st', 'has-hyphen', '_q', 'has space'])('refuses the question id %j', (id) => {
    expect(summary(problemsOf(definition([single(id)])))).toEqual([{ where: `questions[0] (${id}).id`, code: 'invalid_format' }]);
  });

  it.each(['Yes', 'not_ok', 'double--hyphen', '-leading', 'trailing-', 'two words'])('refuses the option code %j', (code) => {
    const question = single('q1', { options: [{ code: 'fine', label: 'Fine' }, { code, label: 'Bad' }] });
    expect(summary(problemsOf(definition([question])))).toEqual([{ where: 'questions[0] (q1).options[1].code', code: 'invalid_format' }]);
  });

  it('refuses a net code that breaks the code pattern', () => {
    const question = scale('q1', { nets: [{ code: 'Agree_Net', label: 'Agree', options: ['agree'] }] });
    expect(summary(problemsOf(definition([question])))).toEqual([{ where: 'questions[0] (q1).nets[0].code', code: 'invalid_format' }]);
  });

  it.each([
    ['single', single],
    ['multiple', multiple],
    ['scale', scale],
  ])('refuses a %s question with fewer than two options', (_type, make) => {
    const problems = problemsOf(definition([make('q1', { options: [{ code: 'only', label: 'Only' }] })]));
    expect(summary(problems)).toEqual([{ where: 'questions[0] (q1).options', code: 'too_small' }]);
    expect(problems[0]?.message).toBe('a choice question needs at least two options');
  });

  it('refuses an option without a label', () => {
    const question = single('q1', { options: [{ code: 'yes', label: 'Yes' }, { code: 'no' }] });
    expect(summary(problemsOf(definition([question])))).toEqual([{ where: 'questions[0] (q1).options[1].label', code: 'missing-field' }]);
  });

  it('refuses a maxSelected that is not a positive whole number', () => {
    expect(summary(problemsOf(definition([multiple('q1', { maxSelected: 0 })])))).toEqual([{ where: 'questions[0] (q1).maxSelected', code: 'too_small' }]);
  });

  it('refuses a base other than answered or substantive', () => {
    expect(summary(problemsOf(definition([single('q1', { base: 'everyone' })])))).toEqual([{ where: 'questions[0] (q1).base', code: 'invalid_value' }]);
  });

  it('does not claim the questionnaire is empty when its only question is invalid', () => {
    const { text: _text, ...textless } = single('q1');
    const codes = problemsOf(definition([textless])).map((p) => p.where);
    expect(codes).not.toContain('questions');
  });
});

describe('validateDefinition: the whole definition', () => {
  it('refuses a definition without questions', () => {
    const { questions: _questions, ...rest } = definition([]);
    expect(summary(problemsOf(rest))).toEqual([{ where: 'questions', code: 'missing-field' }]);
  });

  it('refuses an empty list of questions', () => {
    const problems = problemsOf(definition([]));
    expect(summary(problems)).toEqual([{ where: 'questions', code: 'too_small' }]);
    expect(problems[0]?.message).toBe('a questionnaire needs at least one question');
  });

  it('refuses questions that are not a list, saying so', () => {
    expect(summary(problemsOf(definition([], { questions: 'q1, q2' })))).toEqual([{ where: 'questions', code: 'invalid_type' }]);
  });

  it('refuses a survey id that is not a code', () => {
    expect(summary(problemsOf(definition([single('q1')], { id: 'Digital Gap' })))).toEqual([{ where: 'id', code: 'invalid_format' }]);
  });

  it('refuses a definition without a title', () => {
    const { title: _title, ...rest } = definition([single('q1')]);
    expect(summary(problemsOf(rest))).toEqual([{ where: 'title', code: 'missing-field' }]);
  });

  it('refuses an unknown top-level field', () => {
    const problems = problemsOf(definition([single('q1')], { tilte: 'Typo' }));
    expect(summary(problems)).toEqual([{ where: 'file', code: 'unknown-field' }]);
    expect(problems[0]?.message).toContain("'tilte'");
  });

  it('refuses a fieldwork date not written YYYY-MM-DD', () => {
    const problems = problemsOf(definition([single('q1')], { fieldwork: { start: '2017-01-09', end: '24/02/2017' } }));
    expect(summary(problems)).toEqual([{ where: 'fieldwork.end', code: 'invalid_format' }]);
  });

  it('refuses a disclosure minimum base below 1', () => {
    expect(summary(problemsOf(definition([single('q1')], { disclosure: { minBase: 0 } })))).toEqual([{ where: 'disclosure.minBase', code: 'too_small' }]);
  });

  it('refuses two questions with the same id, pointing at the second', () => {
    const problems = problemsOf(definition([single('q1'), single('q2'), text('q1')]));
    expect(summary(problems)).toEqual([{ where: 'questions[2] (q1)', code: 'duplicate-id' }]);
    expect(problems[0]?.message).toContain('questions[0]');
  });
});

describe('validateDefinition: options and nets', () => {
  it('refuses two options with the same code, pointing at the second', () => {
    const question = single('q1', { options: [{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }, { code: 'yes', label: 'Yes again' }] });
    expect(summary(problemsOf(definition([question])))).toEqual([{ where: 'questions[0] (q1).options[2]', code: 'duplicate-code' }]);
  });

  it('refuses a net whose code is already an option code', () => {
    const question = scale('q1', { nets: [{ code: 'agree', label: 'Agree', options: ['agree'] }] });
    expect(summary(problemsOf(definition([question])))).toEqual([{ where: 'questions[0] (q1).nets[0]', code: 'duplicate-code' }]);
  });

  it('refuses two nets with the same code', () => {
    const question = scale('q1', {
      nets: [
        { code: 'any', label: 'Any', options: ['agree', 'disagree'] },
        { code: 'any', label: 'Any again', options: ['agree'] },
      ],
    });
    expect(summary(problemsOf(definition([question])))).toEqual([{ where: 'questions[0] (q1).nets[1]', code: 'duplicate-code' }]);
  });

  it('refuses a net that names an option the question does not have', () => {
    const question = scale('q1', { nets: [{ code: 'agree-net', label: 'Agree', options: ['agree', 'strongly-agree'] }] });
    const problems = problemsOf(definition([question]));
    expect(summary(problems)).toEqual([{ where: 'questions[0] (q1).nets[0] (agree-net)', code: 'unknown-code' }]);
    expect(problems[0]?.message).toContain("'strongly-agree'");
    expect(problems[0]?.expected).toBe('agree, disagree');
  });

  it('refuses a net that combines no options', () => {
    const question = scale('q1', { nets: [{ code: 'empty', label: 'Empty', options: [] }] });
    expect(summary(problemsOf(definition([question])))).toEqual([{ where: 'questions[0] (q1).nets[0].options', code: 'too_small' }]);
  });

  it('refuses an exclusive option in a single-choice question', () => {
    const question = single('q1', { options: [{ code: 'yes', label: 'Yes' }, { code: 'none', label: 'None', exclusive: true }] });
    expect(summary(problemsOf(definition([question])))).toEqual([{ where: 'questions[0] (q1).options[1] (none)', code: 'exclusive-in-single' }]);
  });

  it('refuses an exclusive option in a rating scale', () => {
    const question = scale('q1', { options: [{ code: 'agree', label: 'Agree', exclusive: true }, { code: 'disagree', label: 'Disagree' }] });
    const problems = problemsOf(definition([question]));
    expect(summary(problems)).toEqual([{ where: 'questions[0] (q1).options[0] (agree)', code: 'exclusive-in-single' }]);
    expect(problems[0]?.message).toContain('rating scale');
  });

  it('accepts an exclusive option in a multiple-choice question', () => {
    expect(validateDefinition(definition([multiple('q1')])).ok).toBe(true);
  });
});

describe('validateDefinition: number questions', () => {
  it('refuses a minimum greater than the maximum', () => {
    const problems = problemsOf(definition([number('q1', { min: 10, max: 1 })]));
    expect(summary(problems)).toEqual([{ where: 'questions[0] (q1)', code: 'empty-range' }]);
  });

  it('accepts a minimum equal to the maximum', () => {
    expect(validateDefinition(definition([number('q1', { min: 5, max: 5 })])).ok).toBe(true);
  });
});

describe('validateDefinition: showIf conditions', () => {
  const where = 'questions[1] (q2).showIf';

  it('accepts a condition on an earlier question', () => {
    expect(validateDefinition(definition([single('q1'), single('q2', { showIf: 'q1 = yes' })])).ok).toBe(true);
  });

  it('refuses a condition with a syntax error, giving the column', () => {
    const problems = problemsOf(definition([single('q1'), single('q2', { showIf: 'q1 = yes and' })]));
    expect(summary(problems)).toEqual([{ where, code: 'expression-syntax' }]);
    expect(problems[0]?.message).toMatch(/column 13/);
  });

  it('refuses a condition that names an unknown question', () => {
    const problems = problemsOf(definition([single('q1'), single('q2', { showIf: 'q9 = yes' })]));
    expect(summary(problems)).toEqual([{ where, code: 'unknown-question' }]);
    expect(problems[0]?.message).toContain("'q9'");
  });

  it('refuses a condition that refers to a later question', () => {
    const problems = problemsOf(definition([single('q1'), single('q2', { showIf: 'q3 = yes' }), single('q3')]));
    expect(summary(problems)).toEqual([{ where, code: 'forward-reference' }]);
    expect(problems[0]?.message).toContain('later');
  });

  it('refuses a condition that refers to the question itself', () => {
    const problems = problemsOf(definition([single('q1'), single('q2', { showIf: 'q2 = yes' })]));
    expect(summary(problems)).toEqual([{ where, code: 'forward-reference' }]);
    expect(problems[0]?.message).toContain('itself');
  });

  it('refuses a condition with a code that is not an option of the question', () => {
    const problems = problemsOf(definition([single('q1'), single('q2', { showIf: 'q1 in (yes, maybe)' })]));
    expect(summary(problems)).toEqual([{ where, code: 'unknown-code' }]);
    expect(problems[0]?.message).toContain("'maybe'");
    expect(problems[0]?.expected).toBe('yes, no');
  });

  it("refuses 'includes' on a single-choice question", () => {
    expect(summary(problemsOf(definition([single('q1'), single('q2', { showIf: 'q1 includes yes' })])))).toEqual([{ where, code: 'includes-not-multiple' }]);
  });

  it("refuses '=' on a multiple-choice question, suggesting 'includes'", () => {
    const problems = problemsOf(definition([multiple('q1'), single('q2', { showIf: 'q1 = red' })]));
    expect(summary(problems)).toEqual([{ where, code: 'use-includes' }]);
    expect(problems[0]?.message).toContain('q1 includes CODE');
  });

  it("accepts 'includes' on a multiple-choice question", () => {
    expect(validateDefinition(definition([multiple('q1'), single('q2', { showIf: 'q1 includes red' })])).ok).toBe(true);
  });

  it("refuses '<' on a choice question", () => {
    expect(summary(problemsOf(definition([scale('q1'), single('q2', { showIf: 'q1 < agree' })])))).toEqual([{ where, code: 'operator-not-allowed' }]);
  });

  it('accepts comparing a number question with a number', () => {
    expect(validateDefinition(definition([number('q1'), single('q2', { showIf: 'q1 >= 18 and q1 < 65' })])).ok).toBe(true);
  });

  it('refuses comparing a number question with a code', () => {
    expect(summary(problemsOf(definition([number('q1'), single('q2', { showIf: 'q1 > lots' })])))).toEqual([{ where, code: 'not-a-number' }]);
  });

  it('refuses a free-text question in a condition', () => {
    expect(summary(problemsOf(definition([text('q1'), single('q2', { showIf: "q1 = 'hello'" })])))).toEqual([{ where, code: 'text-in-expression' }]);
  });

  it('refuses an unknown organisation attribute', () => {
    const problems = problemsOf(definition([single('q1'), single('q2', { showIf: 'org.size = large' })]));
    expect(summary(problems)).toEqual([{ where, code: 'unknown-org-attribute' }]);
    expect(problems[0]?.message).toContain("'org.size'");
  });

  it('refuses an organisation type the register does not know', () => {
    const register = { attributes: [{ id: 'type', label: 'Type', type: 'category', options: [{ code: 'council', label: 'Council' }, { code: 'department', label: 'Department' }] }] };
    const problems = problemsOf({ ...definition([single('q1'), single('q2', { showIf: 'org.type in (council, counsil)' })]), register });
    expect(summary(problems)).toEqual([{ where, code: 'unknown-org-code' }]);
    expect(problems[0]?.message).toContain("'counsil'");
    expect(problems[0]?.expected).toBe('council, department');
  });

  it('accepts any organisation type when no register types are given', () => {
    expect(validateDefinition(definition([single('q1'), single('q2', { showIf: 'org.type = counsil' })])).ok).toBe(true);
  });

  it('lists every problem in one condition', () => {
    const problems = problemsOf(definition([single('q1'), single('q2', { showIf: 'q1 = maybe or q9 = yes or q2 = no' })]));
    expect(problems.map((p) => p.code)).toEqual(['unknown-code', 'unknown-question', 'forward-reference']);
    expect(problems.every((p) => p.where === where)).toBe(true);
  });

  it.each([
    ['10,000 nested parentheses', `${'('.repeat(10_000)}q1 = yes${')'.repeat(10_000)}`],
    ["10,000 'not's", `${'not '.repeat(10_000)}q1 = yes`],
  ])('refuses a condition of %s as a problem naming the limit, not a stack overflow', (_label, showIf) => {
    const problems = problemsOf(definition([single('q1'), single('q2', { showIf })]));
    expect(summary(problems)).toEqual([{ where, code: 'expression-syntax' }]);
    expect(problems[0]?.message).toMatch(/more than 64 levels deep \(level 65 opens at column \d+\)/);
  });

  it('checks the conditions of later questions against positions that include invalid questions', () => {
    // q1 is broken, so q3's condition on q2 must still count q2 as earlier than q3.
    const problems = problemsOf(definition([single('q1', { type: 'ranking' }), single('q2'), single('q3', { showIf: 'q2 = yes' })]));
    expect(summary(problems)).toEqual([{ where: 'questions[0] (q1).type', code: 'unknown-question-type' }]);
  });
});

describe('validateDefinition: several problems at once', () => {
  it('reports every problem in every question, not just the first', () => {
    const { text: _text, ...textless } = single('q1');
    const problems = problemsOf(
      definition(
        [
          textless,
          { ...single('q2'), type: 'ranking' },
          single('q3', { options: [{ code: 'a', label: 'A' }, { code: 'a', label: 'A again' }] }),
          number('q3'),
          number('q5', { min: 5, max: 1 }),
          single('q6', { showIf: 'q7 = yes' }),
          single('q7', { showIf: 'q6 < yes' }),
          text('q8', { showif: 'q6 = yes' }),
        ],
        { title: '' },
      ),
    );
    expect(summary(problems)).toEqual([
      { where: 'questions[0] (q1).text', code: 'missing-field' },
      { where: 'questions[1] (q2).type', code: 'unknown-question-type' },
      { where: 'questions[7] (q8)', code: 'unknown-field' },
      { where: 'title', code: 'too_small' },
      { where: 'questions[2] (q3).options[1]', code: 'duplicate-code' },
      { where: 'questions[3] (q3)', code: 'duplicate-id' },
      { where: 'questions[4] (q5)', code: 'empty-range' },
      { where: 'questions[5] (q6).showIf', code: 'forward-reference' },
      { where: 'questions[6] (q7).showIf', code: 'operator-not-allowed' },
    ]);
  });

  it('reports several problems within one question', () => {
    const question = single('q1', {
      hint: 42,
      options: [{ code: 'Bad Code', label: 'A' }, { code: 'b', label: '' }],
      colour: 'blue',
    });
    expect(summary(problemsOf(definition([question])))).toEqual(
      expect.arrayContaining([
        { where: 'questions[0] (q1).hint', code: 'invalid_type' },
        { where: 'questions[0] (q1).options[0].code', code: 'invalid_format' },
        { where: 'questions[0] (q1).options[1].label', code: 'too_small' },
        { where: 'questions[0] (q1)', code: 'unknown-field' },
      ]),
    );
  });
});

describe('validateDefinition: defaults', () => {
  function loaded(input: Raw) {
    const result = validateDefinition(input);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return result.definition;
  }

  it('makes a question required unless it says otherwise', () => {
    const d = loaded(definition([single('q1'), single('q2', { required: false })]));
    expect(d.questions.map((q) => q.required)).toEqual([true, false]);
  });

  it("takes 'answered' as the base unless the question says otherwise", () => {
    const d = loaded(definition([single('q1'), single('q2', { base: 'substantive' })]));
    expect(d.questions.map((q) => q.base)).toEqual(['answered', 'substantive']);
  });

  it('limits text answers to 2000 characters unless the question says otherwise', () => {
    const d = loaded(definition([text('q1'), text('q2', { maxLength: 50 })]));
    expect(d.questions.map((q) => (q.type === 'text' ? q.maxLength : undefined))).toEqual([2000, 50]);
  });

  it('sets the disclosure minimum base to 10 when the definition has no disclosure section', () => {
    expect(loaded(definition([single('q1')])).disclosure.minBase).toBe(10);
  });

  it('sets the disclosure minimum base to 10 when the disclosure section leaves it out', () => {
    expect(loaded(definition([single('q1')], { disclosure: {} })).disclosure.minBase).toBe(10);
  });

  it('keeps a disclosure minimum base the definition gives', () => {
    expect(loaded(definition([single('q1')], { disclosure: { minBase: 25 } })).disclosure.minBase).toBe(25);
  });

  it('opens submissions, gives choice questions no nets and marks options neither exclusive nor non-substantive by default', () => {
    const d = loaded(definition([single('q1')]));
    expect(d.submissions.open).toBe(true);
    const q = d.questions[0];
    if (q?.type !== 'single') throw new Error('expected a single-choice question');
    expect(q.nets).toEqual([]);
    expect(q.options[0]).toEqual({ code: 'yes', label: 'Yes', nonSubstantive: false, exclusive: false });
  });

  it('makes a number question accept fractions by default', () => {
    const q = loaded(definition([number('q1')])).questions[0];
    expect(q?.type === 'number' && q.integer).toBe(false);
  });
});

describe('conditions on a question that is itself invalid', () => {
  it('report only the question’s own problem, not the condition naming it', () => {
    const problems = problemsOf(definition([single('q1', { options: [{ code: 'yes', label: 'Yes' }] }), single('q2', { showIf: 'q1 = yes' })]));
    expect(problems.map((p) => p.where)).toEqual(['questions[0] (q1).options']);
  });

  it('still report a condition naming a question that does not exist at all', () => {
    const problems = problemsOf(definition([single('q1', { options: [] }), single('q2', { showIf: 'q9 = yes' })]));
    expect(problems.map((p) => p.code)).toContain('unknown-question');
  });
});
