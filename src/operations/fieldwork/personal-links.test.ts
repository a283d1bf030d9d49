import { describe, expect, it } from 'vitest';
import { contactLinkLanguage, linkUrl } from './personal-links.js';

describe('a personal link in a contact’s language', () => {
  const bilingual = { languages: ['en', 'cy'] };

  it('opens in a language the survey is given in, other than its default, when the contact’s tag asks for it', () => {
    expect(contactLinkLanguage(bilingual, 'cy')).toBe('cy');
    expect(contactLinkLanguage(bilingual, 'cy-GB')).toBe('cy');
    expect(contactLinkLanguage(bilingual, 'CY')).toBe('cy');
    expect(linkUrl('https://survey.example.org/', 'abc', 'cy')).toBe('https://survey.example.org/i/abc?lang=cy');
  });

  it('opens in the default language for the default, another language, no tag, or a survey in one language', () => {
    expect(contactLinkLanguage(bilingual, 'en')).toBeUndefined();
    expect(contactLinkLanguage(bilingual, 'fr')).toBeUndefined();
    expect(contactLinkLanguage(bilingual, undefined)).toBeUndefined();
    expect(contactLinkLanguage({}, 'cy')).toBeUndefined();
    expect(linkUrl('https://survey.example.org', 'abc')).toBe('https://survey.example.org/i/abc');
  });
});
