// The limits of a migration that has not ended, changed from its page: parallel apps, parallel
// entities per app and rows per second. An empty field keeps the limit in force; the API checks
// the values and its answer says which field is wrong.

import {explain, path, put} from './api.js';
import {callout, h, replace} from './dom.js';
import {formatNumber} from './format.js';

const FIELDS = [
  ['parallelApps', 'limit-parallel-apps', 'Parallel apps', '1', '64'],
  ['parallelEntities', 'limit-parallel-entities', 'Parallel entities per app', '1', '64'],
  ['maxRowsPerSecond', 'limit-max-rows-per-second', 'Max rows per second (0: no limit)', '0', '100000000'],
];

/** The form of migration {@code id}; {@code changed} runs once the API took new limits. */
export function limitsForm(id, changed) {
  const inputs = FIELDS.map(([, inputId, , min, max]) =>
    h('input', {id: inputId, type: 'number', min, max, step: '1', inputmode: 'numeric', autocomplete: 'off'}));
  const answer = h('div', {id: 'limits-answer', 'aria-live': 'polite'});
  const save = h('button', {type: 'submit', class: 'secondary', id: 'limits-save'}, 'Change limits');
  // novalidate: the API's answer names the wrong field, in the same words as for the CLI.
  const form = h('form', {class: 'card limits-form', id: 'limits-form', novalidate: true, hidden: true,
    'aria-labelledby': 'limits-title', onsubmit: submit},
      h('h2', {id: 'limits-title'}, 'Limits'),
      h('p', {class: 'hint'}, 'New work uses them within seconds. Leave a field empty to keep its limit.'),
      h('div', {class: 'limits-fields'}, FIELDS.map(([, inputId, label], i) =>
        h('div', {class: 'field'}, h('label', {for: inputId}, label), inputs[i]))),
      answer,
      h('div', {class: 'actions'}, save));

  async function submit(event) {
    event.preventDefault();
    const body = {};
    for (const [i, [field, , label]] of FIELDS.entries()) {
      if (inputs[i].validity.badInput) {
        replace(answer, callout('error', 'The limits were not changed',
            h('p', {id: 'limits-error'}, `${label}: enter a whole number.`)));
        return;
      }
      if (inputs[i].value.trim() !== '') {
        body[field] = Number(inputs[i].value);
      }
    }
    if (Object.keys(body).length === 0) {
      replace(answer, callout('error', null, 'Enter at least one limit to change.'));
      return;
    }
    save.disabled = true;
    try {
      const accepted = await put(path('api/migrations', id, 'limits'), body);
      const limits = accepted.limits || {};
      replace(answer, callout('info', null, h('p', {id: 'limits-saved'}, `Limits now in force: ${limits.parallelApps}`
          + ` apps and ${limits.parallelEntities} entities per app at once, ${limits.maxRowsPerSecond
            ? `${formatNumber(limits.maxRowsPerSecond)} rows per second` : 'no row limit'}.`)));
      inputs.forEach((input) => {
        input.value = '';
      });
      changed();
    } catch (failure) {
      replace(answer, callout('error', 'The limits were not changed', h('p', {id: 'limits-error'}, explain(failure))));
    } finally {
      save.disabled = false;
    }
  }

  return {
    element: form,
    /** Shown while the migration can still take limits; the fields hint at the values in force. */
    show(control, open) {
      form.hidden = !(open && control && control.limits);
      if (!form.hidden) {
        FIELDS.forEach(([field], i) => {
          inputs[i].placeholder = String(control.limits[field] ?? '');
        });
      }
    },
  };
}
