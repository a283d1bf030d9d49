import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateExpression } from '../../definition/expression/evaluate.js';
import { parseExpression } from '../../definition/expression/parse.js';
import { loadDefinitionText } from '../../definition/load-definition.js';
import { parseRegisterCsv } from '../../register/parse-register-csv.js';
import { respondentContext } from '../../responses/validate-response.js';
import { generateResponses } from '../../surveys/digital-gap-2017/generate-responses.js';
import { filterMask } from './filter-mask.js';
import { buildSnapshot } from './survey-snapshot.js';

const loaded = loadDefinitionText(readFileSync(new URL('../../surveys/digital-gap-2017/definition.yaml', import.meta.url), 'utf8'));
if (!loaded.ok) throw new Error('built-in definition invalid');
const register = parseRegisterCsv(readFileSync(new URL('../../surveys/digital-gap-2017/organisations.csv', import.meta.url), 'utf8'));
if (!register.ok) throw new Error('built-in register invalid');
const orgs = new Map(register.organisations.map((o) => [o.id, o]));
const records = generateResponses(register.organisations.map((o) => o.id)).map((r) => ({ org: orgs.get(r.org)!, answers: r.answers }));
const snapshot = buildSnapshot(loaded.definition, records);

const expressions = [
  'approach = missing-opportunities',
  'approach != dont-know',
  'not (strategy_stage = just-started)',
  'strategy_stage != just-started',
  'strategy_stage not in (just-started, under-way)',
  'org.region not in (London, Wales)',
  'gap_confidence in (not-very-confident, not-at-all-confident)',
  'barriers includes culture and not barriers includes cost',
  'org.type = london-borough or org.nation = Wales',
  'org.region != London',
  'org.parent = department-for-transport',
  '(approach = fully-embracing or automation_status = implemented) and not org.type in (district-council, county-council)',
];

describe('filter masks over the snapshot', () => {
  it.each(expressions)('select exactly the respondents the expression holds for: %s', (source) => {
    const expression = parseExpression(source);
    const mask = filterMask(snapshot, expression);
    const expected = records.map((r) => (evaluateExpression(expression, respondentContext(r.answers, r.org)) ? 1 : 0));
    expect(Array.from(mask)).toEqual(expected);
    expect(expected.some((v) => v === 1)).toBe(true);
  });

  it('selects everyone without a filter', () => {
    expect(filterMask(snapshot, undefined).every((v) => v === 1)).toBe(true);
  });
});
