// The access token dialog: entered by the user, kept in this tab's session storage only.

import {currentToken, storeToken} from './api.js';
import {replace} from './dom.js';

const dialog = () => document.getElementById('token-dialog');

// Everybody waiting for the dialog: API calls refused with 401, the header button.
let waiting = [];

function finish(saved) {
  const resolvers = waiting;
  waiting = [];
  if (dialog().open) {
    dialog().close();
  }
  resolvers.forEach((resolve) => resolve(saved));
}

/**
 * Opens the dialog; resolves true when a token was entered, false when the user closed it.
 * refused: the API turned down the token that was sent.
 */
export function askForToken({detail, refused} = {}) {
  const message = document.getElementById('token-message');
  if (refused) {
    replace(message, 'The API did not accept this token. Check it and enter it again.');
    message.className = 'callout callout-error';
  } else if (detail) {
    replace(message, 'The API needs an access token: enter a token configured under auth.tokens.');
    message.className = 'callout callout-info';
  } else {
    replace(message, 'Enter a token configured under auth.tokens: a viewer token reads, an operator token also'
        + ' starts and cancels migrations.');
    message.className = 'callout callout-info';
  }
  const input = document.getElementById('token-input');
  input.value = '';
  document.getElementById('token-forget').hidden = !currentToken();
  if (!dialog().open) {
    dialog().showModal();
  }
  input.focus();
  return new Promise((resolve) => waiting.push(resolve));
}

/** Wires the dialog's buttons; onChange runs after a token was entered or forgotten through the header button. */
export function setUpTokenDialog(onChange) {
  const form = document.getElementById('token-form');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = document.getElementById('token-input').value.trim();
    if (!value) {
      return;
    }
    storeToken(value);
    finish(true);
  });
  document.getElementById('token-cancel').addEventListener('click', () => finish(false));
  dialog().addEventListener('cancel', (event) => {
    event.preventDefault();
    finish(false);
  });
  document.getElementById('token-forget').addEventListener('click', () => {
    storeToken(null);
    finish(false);
    onChange();
  });
  document.getElementById('token-button').addEventListener('click', async () => {
    if (await askForToken({})) {
      onChange();
    }
  });
}
