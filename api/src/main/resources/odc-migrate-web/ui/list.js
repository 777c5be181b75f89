// The list of data migrations, newest first, with the "Migrate data" button.

import {explain, get} from './api.js';
import {badge, callout, h, replace} from './dom.js';
import {formatDateTime, formatDuration, formatNumber, isFinal, phaseLabel, statusLabel} from './format.js';

const PAGE = 50;
const REFRESH_RUNNING_MS = 2000;
const REFRESH_IDLE_MS = 10000;

export function listView(main) {
  let disposed = false;
  let timer = null;
  let limit = PAGE;

  const table = h('tbody');
  const body = h('div', {class: 'card', id: 'migration-list', 'aria-busy': 'true'}, h('p', {class: 'empty'}, 'Loading…'));
  const more = h('button', {type: 'button', class: 'secondary', id: 'show-more', hidden: true,
    onclick: () => {
      limit = Math.min(500, limit + PAGE);
      load();
    }}, 'Show older migrations');

  replace(main,
      h('div', {class: 'page-head'},
          h('div', {},
              h('h1', {tabindex: '-1'}, 'Data migrations'),
              h('p', {class: 'subtitle'}, 'Move the data and end users of O11 apps into the ODC apps converted from'
                  + ' them, one target stage at a time.')),
          h('a', {class: 'button primary', href: '#/new', id: 'migrate-data'}, 'Migrate data')),
      body,
      h('div', {class: 'list-foot'}, more));

  function row(m) {
    const link = h('a', {href: `#/migrations/${encodeURIComponent(m.id)}`}, m.id);
    const running = !isFinal(m.status);
    return h('tr', {dataset: {migration: m.id}},
        h('td', {}, badge(m.status, statusLabel(m.status)),
            running && m.phase ? h('span', {class: 'phase-note'}, phaseLabel(m.phase)) : null),
        h('td', {}, link),
        h('td', {}, m.sourceEnvironment),
        h('td', {}, m.targetStage),
        h('td', {}, formatDateTime(m.startedAt)),
        h('td', {class: 'num'}, formatDuration(m.elapsedSeconds)),
        h('td', {class: 'num'}, m.entitiesTotal ? `${formatNumber(m.entitiesMigrated)} of ${formatNumber(m.entitiesTotal)}` : '—'),
        h('td', {class: 'num'}, formatNumber(m.rowsWritten)));
  }

  async function load() {
    clearTimeout(timer);
    let migrations;
    try {
      migrations = await get(`api/migrations?limit=${limit}`);
    } catch (error) {
      if (!disposed) {
        body.setAttribute('aria-busy', 'false');
        replace(body, callout('error', 'The migrations cannot be listed', explain(error)));
        timer = setTimeout(load, REFRESH_IDLE_MS);
      }
      return;
    }
    if (disposed) {
      return;
    }
    body.setAttribute('aria-busy', 'false');
    if (migrations.length === 0) {
      replace(body, h('div', {class: 'empty'},
          h('p', {class: 'empty-title'}, 'No data migrations yet'),
          h('p', {}, 'Choose "Migrate data" to copy the data of an O11 environment into an ODC stage.')));
    } else {
      replace(table, migrations.map(row));
      replace(body, h('table', {class: 'grid', id: 'migrations'},
          h('caption', {class: 'visually-hidden'}, 'Data migrations, newest first'),
          h('thead', {}, h('tr', {},
              ['Status', 'Migration', 'Source environment', 'Target stage', 'Started', 'Duration', 'Entities', 'Rows']
                  .map((title, i) => h('th', {scope: 'col', class: i >= 5 ? 'num' : null}, title)))),
          table));
    }
    more.hidden = migrations.length < limit || limit >= 500;
    const anyRunning = migrations.some((m) => !isFinal(m.status));
    timer = setTimeout(load, anyRunning ? REFRESH_RUNNING_MS : REFRESH_IDLE_MS);
  }

  load();
  return {
    dispose() {
      disposed = true;
      clearTimeout(timer);
    },
  };
}
