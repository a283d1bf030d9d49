/* global document, window */
// Progressive enhancement only: every page works without this script.
import { initAll } from '/assets/govuk/govuk-frontend.min.js';

initAll();

/** Text as HTML that shows it literally: accessible-autocomplete puts suggestions in as HTML. */
function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// The organisation list is a <select> that works on its own; with JavaScript it becomes a
// type-ahead (accessible-autocomplete), which still posts the select's value.
const select = document.querySelector('select[data-canvass-autocomplete]');
if (select && window.accessibleAutocomplete) {
  window.accessibleAutocomplete.enhanceSelectElement({
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
