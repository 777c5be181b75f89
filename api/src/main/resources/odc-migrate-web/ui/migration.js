// One data migration: while it runs, its phase, a progress bar per app, entities migrated out of
// the total, the elapsed time and the log as it grows; at the end, every app's migrated entities
// with their row counts, or what failed and what to fix.

import {explain, get, path, post} from './api.js';
import {badge, callout, h, replace} from './dom.js';
import {limitsForm} from './limits.js';
import {PHASES, formatDateTime, formatDuration, formatNumber, formatTime, isFinal, phaseLabel, statusLabel} from './format.js';

const POLL_MS = 1000;

export function migrationView(main, id) {
  let disposed = false;
  let pollTimer = null;
  let clockTimer = null;
  let nextLine = 0;
  let view = null;
  let fetchedAt = 0;
  let finished = false;
  let cancelRequested = false;

  const title = h('h1', {tabindex: '-1'}, 'Data migration');
  const route = h('p', {class: 'subtitle', id: 'migration-route'});
  const cancelButton = h('button', {type: 'button', class: 'danger', id: 'cancel-migration', hidden: true,
    onclick: openCancel}, 'Cancel migration');
  const pauseButton = h('button', {type: 'button', class: 'secondary', id: 'pause-migration', hidden: true,
    onclick: () => control('pause', {})}, 'Pause');
  const resumeButton = h('button', {type: 'button', class: 'primary', id: 'resume-migration', hidden: true,
    onclick: () => control('resume')}, 'Resume');
  const notice = h('div', {id: 'migration-notice', role: 'status'});
  const workerNotice = h('div', {id: 'worker-notice', role: 'status'});
  const statusCard = h('section', {class: 'card', id: 'migration-status', 'aria-labelledby': 'status-title'},
      h('h2', {id: 'status-title', class: 'visually-hidden'}, 'Status'), h('p', {class: 'hint'}, 'Loading…'));
  const limits = limitsForm(id, () => poll());
  const appsCard = h('section', {class: 'card', id: 'migration-apps', 'aria-labelledby': 'apps-title', hidden: true});
  const resultCard = h('section', {class: 'card', id: 'migration-result', 'aria-labelledby': 'result-title',
    hidden: true});
  const log = h('ol', {id: 'log', class: 'log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions',
    'aria-label': 'Migration log'});
  const logBox = h('div', {class: 'log-box', tabindex: '0', 'aria-label': 'Migration log, scrollable'}, log);
  const logCard = h('section', {class: 'card', id: 'migration-log', 'aria-labelledby': 'log-title'},
      h('h2', {id: 'log-title'}, 'Log'), logBox);

  const reason = h('input', {id: 'cancel-reason', type: 'text', maxlength: '500', autocomplete: 'off'});
  const dialogError = h('div', {id: 'cancel-error', 'aria-live': 'assertive'});
  const confirmCancel = h('button', {type: 'button', class: 'danger', id: 'cancel-confirm', onclick: sendCancel},
      'Cancel migration');
  const dialogText = h('p', {id: 'cancel-text'});
  const dialog = h('dialog', {id: 'cancel-dialog', 'aria-labelledby': 'cancel-title', 'aria-describedby': 'cancel-text'},
      h('h2', {id: 'cancel-title'}, 'Cancel this data migration?'),
      dialogText,
      h('div', {class: 'field'}, h('label', {for: 'cancel-reason'}, 'Reason (optional)'), reason),
      dialogError,
      h('div', {class: 'actions'},
          h('button', {type: 'button', class: 'secondary', id: 'cancel-keep', onclick: () => dialog.close()},
              'Keep migrating'),
          confirmCancel));

  replace(main,
      h('div', {class: 'page-head'},
          h('div', {},
              h('p', {class: 'crumbs'}, h('a', {href: '#/'}, 'Data migrations')),
              title,
              route),
          h('div', {class: 'head-actions'}, pauseButton, resumeButton, cancelButton)),
      notice,
      workerNotice,
      statusCard,
      limits.element,
      appsCard,
      resultCard,
      logCard,
      dialog);

  // ------------------------------------------------------------------ polling

  async function poll() {
    clearTimeout(pollTimer);
    let current;
    try {
      current = await get(path('api/migrations', id));
    } catch (error) {
      if (disposed) {
        return;
      }
      if (view === null) {
        replace(statusCard, callout('error', 'This migration cannot be shown', explain(error)),
            h('a', {class: 'button secondary', href: '#/'}, 'Back to the migrations'));
        if (error.status !== 404) {
          pollTimer = setTimeout(poll, POLL_MS * 3);
        }
        return;
      }
      replace(notice, callout('warning', null, `The progress cannot be read right now: ${explain(error)} Trying again…`));
      pollTimer = setTimeout(poll, POLL_MS * 3);
      return;
    }
    if (disposed) {
      return;
    }
    if (!cancelRequested) {
      replace(notice);
    }
    view = current;
    fetchedAt = Date.now();
    // Without a worker the figures are the last ones kept: say so, and why, until one is back.
    if (view.live === false) {
      replace(workerNotice, callout('warning', 'No worker is running this migration',
          h('p', {id: 'not-live-reason'}, view.notLiveReason)));
    } else {
      replace(workerNotice);
    }
    await readLog();
    if (disposed) {
      return;
    }
    renderStatus();
    renderApps();
    if (isFinal(view.status)) {
      await finish();
    } else {
      pollTimer = setTimeout(poll, POLL_MS);
    }
  }

  async function readLog() {
    try {
      const answer = await get(`${path('api/migrations', id, 'logs')}?after=${nextLine}`);
      if (disposed) {
        return;
      }
      const atBottom = logBox.scrollHeight - logBox.scrollTop - logBox.clientHeight < 24;
      for (const line of answer.lines) {
        log.append(h('li', {class: `log-line level-${String(line.level).toLowerCase()}`, dataset: {line: line.number}},
            h('time', {class: 'log-time', datetime: line.time}, formatTime(line.time)),
            h('span', {class: 'log-level'}, line.level),
            h('span', {class: 'log-message'}, line.message)));
      }
      nextLine = answer.next;
      if (atBottom) {
        logBox.scrollTop = logBox.scrollHeight;
      }
    } catch {
      // the next poll reads it again; the status card says when the API cannot be reached
    }
  }

  async function finish() {
    finished = true;
    cancelButton.hidden = true;
    pauseButton.hidden = true;
    resumeButton.hidden = true;
    limits.show(null, false);
    clearInterval(clockTimer);
    renderElapsed();
    let entities = null;
    let failure = null;
    try {
      entities = await get(path('api/migrations', id, 'entities'));
    } catch (error) {
      failure = error;
    }
    if (!disposed) {
      renderResult(entities, failure);
    }
  }

  // ------------------------------------------------------------------ rendering

  function elapsedNow() {
    if (!view) {
      return 0;
    }
    return finished || isFinal(view.status)
      ? view.elapsedSeconds
      : view.elapsedSeconds + Math.floor((Date.now() - fetchedAt) / 1000);
  }

  function renderElapsed() {
    const elapsed = document.getElementById('elapsed');
    if (elapsed) {
      elapsed.textContent = formatDuration(elapsedNow());
    }
  }

  function renderStatus() {
    title.textContent = `Data migration ${view.id}`;
    replace(route, `From O11 environment ${view.sourceEnvironment} to ODC stage ${view.targetStage}`);
    document.title = `${statusLabel(view.status)} · ${view.id} · odc-migrate`;
    cancelButton.hidden = isFinal(view.status) || cancelRequested;
    pauseButton.hidden = cancelRequested || !['RUNNING', 'SCHEDULED'].includes(view.status);
    resumeButton.hidden = cancelRequested || view.status !== 'PAUSED';
    limits.show(view.control, !isFinal(view.status) && !cancelRequested);
    const total = view.entitiesTotal;
    const overall = h('progress', {id: 'overall-progress', max: String(Math.max(total, 1)),
      value: String(view.entitiesMigrated), 'aria-label': `${view.entitiesMigrated} of ${total} entities migrated`});
    replace(statusCard,
        h('h2', {id: 'status-title', class: 'visually-hidden'}, 'Status'),
        h('div', {class: 'status-line'},
            badge(view.status, statusLabel(view.status)),
            h('span', {class: 'hint'}, `Started ${formatDateTime(view.startedAt)}`),
            view.finishedAt ? h('span', {class: 'hint'}, `Ended ${formatDateTime(view.finishedAt)}`) : null),
        isFinal(view.status) ? null : phaseTracker(view.phase),
        h('dl', {class: 'tiles'},
            tile('Phase', h('span', {id: 'phase'}, phaseLabel(view.phase))),
            tile('Entities migrated', h('span', {id: 'entities-migrated'},
                total ? `${formatNumber(view.entitiesMigrated)} of ${formatNumber(total)}` : '—')),
            tile('Rows written', h('span', {id: 'rows-written'}, formatNumber(view.rowsWritten))),
            tile('End users', h('span', {id: 'users-migrated'}, formatNumber(view.usersMigrated))),
            tile('Elapsed time', h('span', {id: 'elapsed'}, formatDuration(elapsedNow())))),
        total ? overall : null,
        isFinal(view.status) ? null : liveControl(view.control),
        outcome());
    if (!isFinal(view.status) && !clockTimer) {
      clockTimer = setInterval(renderElapsed, 1000);
    }
  }

  /** The pause, the limits in force and the scheduled start, as the workflow holds them. */
  function liveControl(control) {
    if (!control) {
      return null;
    }
    const limits = control.limits || {};
    const rate = limits.maxRowsPerSecond ? `${formatNumber(limits.maxRowsPerSecond)} rows per second` : 'no row limit';
    return h('div', {class: 'live-control'},
        control.scheduledStart && view.status === 'SCHEDULED'
          ? callout('info', null, h('p', {id: 'scheduled-start'},
              `Scheduled to start at ${formatDateTime(control.scheduledStart)}.`))
          : null,
        control.paused
          ? callout('warning', null, h('p', {id: 'paused-info'}, `Paused by ${control.pausedBy || 'someone'}`
              + ` since ${formatDateTime(control.pausedSince)}${control.pauseReason ? ` (${control.pauseReason})` : ''}:`
              + ' no new work starts, and running copies hand their ranges back after their batch. Apps stay undeployed and the'
              + ' environment stays as chosen until it is resumed.'))
          : null,
        h('p', {class: 'hint', id: 'limits-in-force'}, `Limits in force: ${limits.parallelApps} apps and`
            + ` ${limits.parallelEntities} entities per app at once, ${rate}.`));
  }

  async function control(action, body) {
    pauseButton.disabled = true;
    resumeButton.disabled = true;
    try {
      await post(path('api/migrations', id, action), body);
      if (!disposed) {
        replace(notice, callout('info', null, action === 'pause'
          ? 'Pause requested: running copies finish their batch and hand their ranges back.'
          : 'Resume requested: the copy goes on from its checkpoints.'));
      }
    } catch (error) {
      if (!disposed) {
        replace(notice, callout('error', `The migration was not ${action === 'pause' ? 'paused' : 'resumed'}`,
            explain(error)));
      }
    } finally {
      pauseButton.disabled = false;
      resumeButton.disabled = false;
    }
    poll();
  }

  function tile(name, value) {
    return h('div', {class: 'tile'}, h('dt', {}, name), h('dd', {}, value));
  }

  function phaseTracker(phase) {
    const at = PHASES.findIndex(([key]) => key === phase);
    return h('ol', {class: 'phases', 'aria-label': 'Phases'}, PHASES.map(([key, label], i) =>
      h('li', {class: i < at ? 'done' : i === at ? 'current' : null, 'aria-current': i === at ? 'step' : null,
        dataset: {phase: key}}, label)));
  }

  function outcome() {
    if (view.status === 'COMPLETED') {
      return callout('success', 'Data migration completed', `${formatNumber(view.entitiesMigrated)} of`
          + ` ${formatNumber(view.entitiesTotal)} entities of ${view.apps.length} apps, ${formatNumber(view.rowsWritten)}`
          + ` rows and ${formatNumber(view.usersMigrated)} end users migrated in ${formatDuration(view.elapsedSeconds)}.`);
    }
    if (view.status === 'FAILED') {
      return callout('error', 'Data migration failed',
          h('p', {class: 'failure', id: 'failure'}, view.error || 'The migration failed; its log says why.'),
          h('p', {}, 'Fix what it says, then start the migration again. Apps it undeployed were deployed again; a'
              + ' stopped environment stays stopped.'),
          h('p', {}, h('a', {class: 'button secondary small', href: '#/new'}, 'Migrate data again')));
    }
    if (view.status === 'CANCELLED') {
      return callout('neutral', 'Data migration cancelled',
          view.error ? h('p', {class: 'failure', id: 'failure'}, view.error) : null,
          h('p', {}, 'The app data it had copied was removed from the stage and apps it undeployed were deployed'
              + ' again. End users already transferred stay.'));
    }
    return null;
  }

  function renderApps() {
    // At the end the migrated entities replace the progress bars.
    appsCard.hidden = isFinal(view.status);
    if (view.apps.length === 0) {
      replace(appsCard, h('h2', {id: 'apps-title'}, 'Apps'),
          h('p', {class: 'hint'}, isFinal(view.status)
            ? 'No app data was copied.'
            : 'The apps appear once the preparation has planned the migration.'));
      return;
    }
    replace(appsCard, h('h2', {id: 'apps-title'}, 'Apps'),
        h('table', {class: 'grid', id: 'app-progress'},
            h('thead', {}, h('tr', {},
                h('th', {scope: 'col'}, 'App'),
                h('th', {scope: 'col', class: 'progress-col'}, 'Progress'),
                h('th', {scope: 'col', class: 'num'}, 'Entities'),
                h('th', {scope: 'col', class: 'num'}, 'Rows written'),
                h('th', {scope: 'col'}, 'Status'))),
            h('tbody', {}, view.apps.map((app) => {
              const total = app.entities.length;
              const done = app.entities.filter((e) => e.status === 'COMPLETED').length;
              const rows = app.entities.reduce((n, e) => n + (e.rowsWritten || 0), 0);
              return h('tr', {dataset: {app: app.appName}},
                  h('th', {scope: 'row'}, app.appName),
                  h('td', {}, h('progress', {max: String(Math.max(total, 1)), value: String(done),
                    'aria-label': `${app.appName}: ${done} of ${total} entities migrated`})),
                  h('td', {class: 'num'}, `${formatNumber(done)} of ${formatNumber(total)}`),
                  h('td', {class: 'num'}, formatNumber(rows)),
                  h('td', {}, badge(app.status, statusLabel(app.status))));
            }))));
  }

  function renderResult(entities, failure) {
    resultCard.hidden = false;
    if (failure) {
      replace(resultCard, h('h2', {id: 'result-title'}, 'Migrated entities'),
          callout('error', 'The migrated entities cannot be listed', explain(failure)));
      return;
    }
    if (entities.apps.length === 0) {
      replace(resultCard, h('h2', {id: 'result-title'}, 'Migrated entities'),
          h('p', {class: 'hint'}, 'No entity was migrated.'));
      return;
    }
    replace(resultCard, h('h2', {id: 'result-title'}, 'Migrated entities'), entities.apps.map(resultApp));
  }

  function resultApp(app) {
    return h('div', {class: 'result-app', dataset: {app: app.appName}},
        h('div', {class: 'table-head'},
            h('h3', {}, app.appName),
            badge(app.status, statusLabel(app.status))),
        app.error ? callout('error', null, h('p', {class: 'failure'}, app.error)) : null,
        h('table', {class: 'grid entities'},
            h('caption', {class: 'visually-hidden'}, `Entities of app ${app.appName}`),
            h('thead', {}, h('tr', {},
                h('th', {scope: 'col'}, 'Entity'),
                h('th', {scope: 'col'}, 'Status'),
                h('th', {scope: 'col', class: 'num'}, 'O11 rows'),
                h('th', {scope: 'col', class: 'num'}, 'ODC rows'),
                h('th', {scope: 'col', class: 'num'}, 'Nulled references'),
                h('th', {scope: 'col'}, 'Detail'))),
            h('tbody', {}, app.entities.map((e) => entityRow(app, e)))));
  }

  function entityRow(app, e) {
    return h('tr', {dataset: {entity: `${app.appName}.${e.entityName}`}},
        h('th', {scope: 'row'}, e.entityName),
        h('td', {}, badge(e.status, statusLabel(e.status))),
        h('td', {class: 'num source-rows'}, formatNumber(e.sourceRows)),
        h('td', {class: 'num rows-written'}, formatNumber(e.rowsWritten)),
        h('td', {class: 'num'}, formatNumber(e.nulledReferences)),
        h('td', {class: 'detail'},
            e.rangesKept > 0 || e.rowsRecopied > 0
              ? h('span', {class: 'incremental'}, `${formatNumber(e.rangesKept)} key ranges kept,`
                  + ` ${formatNumber(e.rangesCopied)} copied (${formatNumber(e.rowsRecopied)} rows copied again)`)
              : null,
            e.rangesKept > 0 || e.rowsRecopied > 0 ? (e.detail ? ' · ' : '') : '',
            e.detail || ''));
  }

  // ------------------------------------------------------------------ cancel

  function openCancel() {
    replace(dialogText, `The data it already copied into the apps of ${view ? view.targetStage : 'the stage'} is`
        + ' removed, and apps it undeployed are deployed again. End users already transferred stay, and a stopped'
        + ' O11 environment stays stopped.');
    replace(dialogError);
    reason.value = '';
    confirmCancel.disabled = false;
    dialog.showModal();
    reason.focus();
  }

  async function sendCancel() {
    confirmCancel.disabled = true;
    replace(dialogError);
    const text = reason.value.trim();
    try {
      await post(path('api/migrations', id, 'cancel'), text ? {reason: text} : {});
    } catch (error) {
      if (!disposed) {
        replace(dialogError, callout('error', 'The migration was not cancelled', explain(error)));
        confirmCancel.disabled = false;
      }
      return;
    }
    if (disposed) {
      return;
    }
    cancelRequested = true;
    dialog.close();
    cancelButton.hidden = true;
    replace(notice, callout('info', null, 'Cancellation requested: the migration stops and removes the data it copied.'));
  }

  poll();
  return {
    dispose() {
      disposed = true;
      clearTimeout(pollTimer);
      clearInterval(clockTimer);
      if (dialog.open) {
        dialog.close();
      }
    },
  };
}
