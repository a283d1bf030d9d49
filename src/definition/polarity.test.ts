import { describe, expect, it } from 'vitest';
import { definitionOf } from '../../test/support/definitions.js';
import { figurePolarity } from './polarity.js';
import type { ChoiceQuestion } from './schema.js';

const agreement = (better: 'first' | 'last' | undefined, type = 'scale') =>
  definitionOf([
    {
      id: 'q',
      type,
      text: 'Agree?',
      ...(better ? { better } : {}),
      options: ['strongly-agree', 'agree', 'neither', 'disagree', 'strongly-disagree'].map((code) => ({ code, label: code })).concat([{ code: 'dont-know', label: "Don't know", nonSubstantive: true } as never]),
      nets: [
        { code: 'agree-net', label: 'Agree', options: ['strongly-agree', 'agree'] },
        { code: 'disagree-net', label: 'Disagree', options: ['disagree', 'strongly-disagree'] },
        { code: 'not-disagree', label: 'Not disagree', options: ['agree', 'neither'] },
      ],
    },
  ]).questions[0] as ChoiceQuestion;
const polarities = (q: ChoiceQuestion) => [...q.options.map((o) => figurePolarity(q, { code: o.code, kind: 'option' })), ...q.nets.map((n) => figurePolarity(q, { code: n.code, kind: 'net' }))];

describe('which way a figure points', () => {
  it('with better: first, the first half of the substantive options and their nets point up, the last half down, the middle and Don’t know nowhere', () => {
    expect(polarities(agreement('first'))).toEqual(['higher', 'higher', null, 'lower', 'lower', null, 'higher', 'lower', null]);
  });

  it('with better: last, the mirror', () => {
    expect(polarities(agreement('last'))).toEqual(['lower', 'lower', null, 'higher', 'higher', null, 'lower', 'higher', null]);
  });

  it('on a single-choice question with an even number of options, every substantive option points one way', () => {
    const q = definitionOf([{ id: 'ready', type: 'single', text: 'Ready?', better: 'first', options: [{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }, { code: 'dk', label: "Don't know", nonSubstantive: true }] }]).questions[0] as ChoiceQuestion;
    expect(polarities(q)).toEqual(['higher', 'lower', null]);
  });

  it('without better, nowhere', () => {
    expect(new Set(polarities(agreement(undefined)))).toEqual(new Set([null]));
  });

  it('is not a property of multiple-choice questions: the definition refuses it there', () => {
    expect(() => agreement('first', 'multiple')).toThrow(/better/);
  });
});
