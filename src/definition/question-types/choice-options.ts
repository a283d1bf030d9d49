import type { Problem } from '../../errors/catalogue.js';
import { checkFindingTemplate } from '../finding-template.js';
import type { ChoiceQuestion, GridQuestion } from '../schema.js';

/** A question with options and nets: a choice question or a grid. */
type OptionsQuestion = ChoiceQuestion | GridQuestion;

export function listCodes(question: OptionsQuestion): string {
  return question.options.map((o) => o.code).join(', ');
}

/** Definition checks shared by every choice type: unique codes, nets naming real options, finding templates and the headline. */
export function checkChoiceDefinition(question: OptionsQuestion, where: string): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  question.options.forEach((option, i) => {
    if (seen.has(option.code)) {
      problems.push({ where: `${where}.options[${i}]`, code: 'duplicate-code', message: `option code '${option.code}' is used twice in '${question.id}'`, expected: 'unique option codes' });
    }
    seen.add(option.code);
    if (option.finding !== undefined) problems.push(...checkFindingTemplate(option.finding, `${where}.options[${i}] (${option.code}).finding`));
  });
  const netCodes = new Set<string>();
  question.nets.forEach((net, i) => {
    if (seen.has(net.code) || netCodes.has(net.code)) {
      problems.push({ where: `${where}.nets[${i}]`, code: 'duplicate-code', message: `net code '${net.code}' is already used by an option or another net of '${question.id}'`, expected: 'a code of its own' });
    }
    netCodes.add(net.code);
    for (const code of net.options) {
      if (!seen.has(code)) {
        problems.push({ where: `${where}.nets[${i}] (${net.code})`, code: 'unknown-code', message: `net '${net.code}' names '${code}', which is not an option of '${question.id}'`, expected: listCodes(question) });
      }
    }
    if (net.finding !== undefined) problems.push(...checkFindingTemplate(net.finding, `${where}.nets[${i}] (${net.code}).finding`));
  });
  if (question.finding !== undefined) problems.push(...checkFindingTemplate(question.finding, `${where}.finding`));
  if (question.headline !== undefined && !seen.has(question.headline) && !netCodes.has(question.headline)) {
    problems.push({ where: `${where}.headline`, code: 'unknown-code', message: `the headline '${question.headline}' is not an option or net of '${question.id}'`, expected: [...seen, ...netCodes].join(', ') });
  }
  return problems;
}
