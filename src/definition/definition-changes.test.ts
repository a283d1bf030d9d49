import { describe, expect, it } from 'vitest';
import { compareDefinitions, describeChanges, firstIntroductions, introductionsAfter, summariseChanges } from './definition-changes.js';
import { validateDefinition } from './load-definition.js';
import type { Definition } from './schema.js';

function definition(questions: unknown[], title = 'Pulse'): Definition {
  const loaded = validateDefinition({ format: 1, id: 'pulse', title, questions });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return loaded.definition;
}

const options = (...codes: string[]) => codes.map((code) => ({ code, label: code.toUpperCase() }));
const v1 = definition([
  { id: 'mood', type: 'single', text: 'How are you?', options: options('good', 'bad') },
  { id: 'tools', type: 'multiple', text: 'Which tools?', options: options('email', 'chat') },
  { id: 'staff', type: 'number', text: 'How many staff?' },
]);

describe('definition changes', () => {
  it('finds added, removed and reworded questions and options, a changed code being a removal and an addition', () => {
    const v2 = definition([
      { id: 'mood', type: 'single', text: 'How are you today?', hint: 'Pick one', options: [{ code: 'good', label: 'Fine' }, { code: 'awful', label: 'Awful' }] },
      { id: 'tools', type: 'multiple', text: 'Which tools?', options: options('email', 'chat', 'video') },
      { id: 'team', type: 'number', text: 'How big is your team?' },
    ]);
    const changes = compareDefinitions(v1, v2);
    expect(changes).toMatchObject({
      addedQuestions: ['team'],
      removedQuestions: ['staff'],
      rewordedQuestions: [{ question: 'mood', fields: ['text', 'hint'] }],
      addedOptions: [{ question: 'mood', code: 'awful' }, { question: 'tools', code: 'video' }],
      removedOptions: [{ question: 'mood', code: 'bad' }],
      rewordedOptions: [{ question: 'mood', code: 'good' }],
      retypedQuestions: [],
      otherChanges: false,
    });
    expect(describeChanges(changes)).toEqual([
      'added questions: team',
      'removed questions (their stored answers are kept): staff',
      'reworded questions: mood (text and hint)',
      'added options: mood: awful, tools: video',
      'removed options (their stored answers are kept): mood: bad',
      'reworded options: mood: good',
    ]);
    expect(summariseChanges(changes)).toBe('1 question added, 1 question removed, 1 question reworded, 2 options added, 1 option removed, 1 option reworded');
  });

  it('says when only other parts changed, or nothing', () => {
    expect(describeChanges(compareDefinitions(v1, definition(v1.questions, 'Pulse 2')))).toEqual(['no question or option changed (other parts of the definition did)']);
    expect(describeChanges(compareDefinitions(v1, v1))).toEqual(['nothing changed']);
    expect(summariseChanges(null)).toBe('first version');
  });

  it('keeps the version that introduced what stays, gives new questions, options and retyped questions the new version', () => {
    const first = firstIntroductions(v1);
    expect(first).toEqual({ questions: { mood: 1, tools: 1, staff: 1 }, options: { mood: { good: 1, bad: 1 }, tools: { email: 1, chat: 1 } } });
    const v2 = definition([...v1.questions.slice(0, 2).map((q) => (q.id === 'tools' ? { ...q, options: [...options('email', 'chat', 'video')] } : q)), { id: 'staff', type: 'single', text: 'Staff?', options: options('few', 'many') }, { id: 'new_q', type: 'text', text: 'Anything else?' }]);
    const second = introductionsAfter({ definition: v1, introductions: first }, v2, 2);
    expect(second).toEqual({
      questions: { mood: 1, tools: 1, staff: 2, new_q: 2 },
      options: { mood: { good: 1, bad: 1 }, tools: { email: 1, chat: 1, video: 2 }, staff: { few: 2, many: 2 } },
    });
    // Removed in version 3 and added again in 4: offered again only from 4.
    const v3 = definition(v2.questions.map((q) => (q.id === 'tools' ? { ...q, options: options('email', 'video') } : q)));
    const third = introductionsAfter({ definition: v2, introductions: second }, v3, 3);
    const fourth = introductionsAfter({ definition: v3, introductions: third }, v2, 4);
    expect(fourth.options.tools).toEqual({ email: 1, chat: 4, video: 2 });
  });
});
