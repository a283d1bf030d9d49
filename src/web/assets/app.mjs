/* global document, window */
// Progressive enhancement only: every page works without this script.
import { initAll } from '/assets/govuk/govuk-frontend.min.js';

initAll();

/** Text as HTML that shows it literally: accessible-autocomplete puts suggestions in as HTML. */
function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The type-ahead's own texts (its results and what screen readers hear) in the page's language,
 * where Canvass has them; the library's English otherwise. Welsh written for Canvass, to be
 * reviewed by a translator (see the README).
 */
const autocompleteTexts = {
  cy: {
    tNoResults: () => 'Dim canlyniadau wedi’u canfod',
    tStatusQueryTooShort: (minQueryLength) => `Teipiwch ${minQueryLength} neu fwy o nodau i gael canlyniadau`,
    tStatusNoResults: () => 'Dim canlyniadau chwilio',
    tStatusSelectedOption: (selectedOption, length, index) => `${selectedOption} ${index + 1} o ${length} wedi’i ddewis`,
    tStatusResults: (length, contentSelectedOption) => `${length} ${length === 1 ? 'canlyniad ar gael' : 'o ganlyniadau ar gael'}. ${contentSelectedOption}`,
    tAssistiveHint: () => 'Pan fydd canlyniadau ar gael, defnyddiwch y saethau i fyny ac i lawr i’w hadolygu a phwyswch Enter i ddewis. Gall defnyddwyr dyfeisiau cyffwrdd archwilio drwy gyffwrdd neu drwy droi.',
  },
};

// The organisation list is a <select> that works on its own; with JavaScript it becomes a
// type-ahead (accessible-autocomplete), which still posts the select's value.
const select = document.querySelector('select[data-canvass-autocomplete]');
if (select && window.accessibleAutocomplete) {
  window.accessibleAutocomplete.enhanceSelectElement({
    ...(autocompleteTexts[document.documentElement.lang] ?? {}),
    selectElement: select,
    defaultValue: '',
    // Names come from the register: never markup. Without this template the library inserts
    // each suggestion as HTML (the input's value is set as text, so needs no template).
    templates: { suggestion: escapeHtml },
  });
  // Clearing the box or typing a name that is not in the list must not post the organisation
  // chosen before: the server then asks again, with an error message.
  select.form?.addEventListener('submit', () => {
    const input = document.getElementById(select.id.replace(/-select$/, ''));
    const chosen = select.options[select.selectedIndex];
    if (input && chosen && input.value.trim() !== chosen.textContent.trim()) select.value = '';
  });
}
