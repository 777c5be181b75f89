// The page's router: #/ lists the migrations, #/new sets one up, #/migrations/{id} follows one.

import {onTokenNeeded} from './api.js';
import {listView} from './list.js';
import {migrationView} from './migration.js';
import {setupView} from './setup.js';
import {askForToken, setUpTokenDialog} from './token.js';

const main = document.getElementById('main');
let current = null;

function route() {
  const hash = location.hash || '#/';
  if (!hash.startsWith('#/')) {
    return; // an in-page anchor, not a route
  }
  if (current) {
    current.dispose();
  }
  const migration = /^#\/migrations\/([^/]+)$/.exec(hash);
  if (migration) {
    current = migrationView(main, decodeURIComponent(migration[1]));
  } else if (hash === '#/new') {
    current = setupView(main);
  } else {
    current = listView(main);
  }
  document.title = hash === '#/new' ? 'Migrate data · odc-migrate' : 'Data migrations · odc-migrate';
  const heading = main.querySelector('h1');
  if (heading && document.activeElement && document.activeElement !== document.body) {
    heading.focus(); // after a navigation, screen readers start at the new page's title
  }
}

onTokenNeeded(askForToken);
setUpTokenDialog(route);
document.querySelector('.skip').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});
window.addEventListener('hashchange', route);
route();
