import { describe, expect, it } from 'vitest';
import { questionSchema, type Question } from '../../definition/schema.js';
import { answerErrorMessage } from './answer-errors.js';

const options = [{ code: 'a', label: 'A' }, { code: 'b', label: 'B' }];
const question = (raw: Record<string, unknown>): Question =>
  questionSchema.parse({ id: 'q', ...(raw.type === 'number' || raw.type === 'text' ? {} : { options }), ...raw });

describe('answerErrorMessage', () => {
  it.each([
    [{ type: 'single', text: 'Which best describes your role?' }, 'Select which best describes your role'],
    [{ type: 'scale', text: 'How confident are you?' }, 'Select an answer'],
    [{ type: 'multiple', text: 'What are the main barriers to closing the digital gap?' }, 'Select the main barriers to closing the digital gap'],
    [{ type: 'multiple', text: 'Where will you use it?', options: [...options, { code: 'none', label: 'None of these', exclusive: true }] }, 'Select at least one answer, or select ‘None of these’'],
    [{ type: 'number', text: 'How many staff?', integer: true }, 'Enter a whole number'],
    [{ type: 'text', text: 'Anything else?' }, 'Enter your answer'],
  ])('asks for a missing answer to %j as “%s”', (raw, message) => {
    expect(answerErrorMessage(question(raw), { code: 'required' })).toBe(message);
  });

  it('keeps an acronym at the start of the question as it is', () => {
    expect(answerErrorMessage(question({ type: 'single', text: 'Which NHS trust employs you?' }), { code: 'required' })).toBe('Select which NHS trust employs you');
  });

  it('says the range a number must be in', () => {
    const staff = questionSchema.parse({ id: 'staff', type: 'number', text: 'Staff?', min: 0, max: 100, integer: true });
    expect(answerErrorMessage(staff, { code: 'out-of-range' })).toBe('Enter a whole number between 0 and 100');
    expect(answerErrorMessage(staff, { code: 'not-a-number' })).toBe('Enter a whole number, like 25');
    expect(answerErrorMessage(staff, { code: 'not-an-integer' })).toBe('Enter a whole number, like 25');
    const atLeast = questionSchema.parse({ id: 'n', type: 'number', text: 'N?', min: 1 });
    expect(answerErrorMessage(atLeast, { code: 'out-of-range' })).toBe('Enter a number that is 1 or more');
  });

  it('says how long a written answer may be', () => {
    const text = questionSchema.parse({ id: 'c', type: 'text', text: 'Comments?', maxLength: 2000 });
    expect(answerErrorMessage(text, { code: 'text-too-long' })).toBe('Your answer must be 2,000 characters or fewer');
  });

  it('names the exclusive option that cannot be combined, and the most that may be chosen', () => {
    const barriers = questionSchema.parse({ id: 'b', type: 'multiple', text: 'Barriers?', maxSelected: 2, options: [...options, { code: 'none', label: 'None of these', exclusive: true }] });
    expect(answerErrorMessage(barriers, { code: 'exclusive-combined' })).toBe('Select ‘None of these’ or one or more of the other answers, not both');
    expect(answerErrorMessage(barriers, { code: 'too-many-choices' })).toBe('Select no more than 2 answers');
  });

  it('asks to choose again when the answer is not one the page offered', () => {
    expect(answerErrorMessage(question({ type: 'single', text: 'Q?' }), { code: 'unknown-code' })).toBe('Select one of the answers shown');
  });
});
