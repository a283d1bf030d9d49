import { analysisDefinition } from '../definition/analysis-questions.js';
import { isChoiceQuestion, type Definition } from '../definition/schema.js';
import type { Table, TableColumn, TableRow } from './table-columns.js';

/**
 * The code list of a questionnaire: one row per option (and, when asked, per net) of every
 * choice question, with its label. Codes are only unique within a question, so a code is
 * identified by question_id and code together. Number and text questions have no codes.
 */
export function codebookTable(definition: Definition, options: { nets: boolean }): Table {
  // A grid's statements each have the grid's codes, as GRID.STATEMENT (the question ids of the aggregates).
  const choiceQuestions = analysisDefinition(definition).questions.filter(isChoiceQuestion);
  const columns: TableColumn[] = [
    { name: 'question_id', type: 'string', title: 'Question id', description: 'The id of the question the code belongs to.', enum: choiceQuestions.map((q) => q.id), required: true, width: 22 },
    { name: 'question_type', type: 'string', title: 'Question type', description: 'single (one answer), multiple (any number of answers) or scale (one answer on an ordered scale).', enum: ['single', 'multiple', 'scale'], required: true, width: 14 },
    { name: 'question_text', type: 'string', title: 'Question', description: 'The question as respondents saw it.', required: true, width: 60 },
    {
      name: 'kind',
      type: 'string',
      title: 'Kind of code',
      description: options.nets ? 'option: an answer respondents could give; net: a combination of options reported as one figure (such as "agree" = strongly agree + agree).' : 'option: an answer respondents could give.',
      enum: options.nets ? ['option', 'net'] : ['option'],
      required: true,
      width: 10,
    },
    { name: 'code', type: 'string', title: 'Code', description: 'The stable code of the option or net, as it appears in the data.', required: true, width: 24 },
    { name: 'label', type: 'string', title: 'Label', description: 'What the code means, as respondents or readers see it.', required: true, width: 50 },
    { name: 'non_substantive', type: 'boolean', title: 'Non-substantive', description: 'true for an answer such as "Don\'t know" that a question with a substantive base leaves out of its base; empty for a net.', width: 16 },
    { name: 'net_options', type: 'string', title: 'Options of the net', description: 'For a net, the codes of the options it combines, separated by ";"; empty for an option.', width: 40 },
  ];
  const rows: TableRow[] = choiceQuestions.flatMap((q) => [
    ...q.options.map((o) => ({ question_id: q.id, question_type: q.type, question_text: q.text, kind: 'option', code: o.code, label: o.label, non_substantive: o.nonSubstantive, net_options: null })),
    ...(options.nets ? q.nets.map((n) => ({ question_id: q.id, question_type: q.type, question_text: q.text, kind: 'net', code: n.code, label: n.label, non_substantive: null, net_options: n.options.join(';') })) : []),
  ]);
  return { columns, rows };
}
