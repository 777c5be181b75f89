// "Migrate data": the setup page (source environment, stop or keep it, target stage and its
// apps, undeploy or keep them), then the confirmation that starts the migration.

import {ApiError, explain, get, path, post} from './api.js';
import {append, badge, callout, h, replace} from './dom.js';
import {formatBytes, formatNumber} from './format.js';

const SHOWN_OFFENDERS = 20;
const REWRITES = {
  NULL_VALUE: 'NULL',
  NUL_CHARACTER: 'holding U+0000',
  DELETED_STATIC_RECORD: 'deleted static record',
  USER_OF_OTHER_TENANT: 'user of another tenant',
  USER_MISSING: 'no such user',
};

export function setupView(main) {
  let disposed = false;
  let appsRequest = 0;
  let usersRequest = 0;
  let checkRequest = 0;
  const state = {
    environments: [],
    stages: [],
    environment: '',
    stage: '',
    stopEnvironment: null,
    undeployApps: null,
    skipInvalidUsers: false,
    incremental: false,
    apps: null,
    appsError: null,
    users: null,
    usersError: null,
    check: null,
    checkError: null,
    checkDetailsOpen: false,
  };

  // ------------------------------------------------------------------ the page's fixed parts

  const steps = h('ol', {class: 'steps', 'aria-label': 'Steps'},
      h('li', {id: 'step-setup'}, 'Setup'),
      h('li', {id: 'step-confirm'}, 'Confirm'),
      h('li', {id: 'step-migrate'}, 'Migrate'));
  const panel = h('div', {class: 'panel'});
  replace(main,
      h('div', {class: 'page-head'},
          h('div', {},
              h('p', {class: 'crumbs'}, h('a', {href: '#/'}, 'Data migrations')),
              h('h1', {tabindex: '-1'}, 'Migrate data'),
              h('p', {class: 'subtitle'}, 'Copy the data and end users of an O11 environment into the apps of an ODC'
                  + ' stage that were converted from it.'))),
      steps,
      panel);
  append(panel, h('p', {class: 'hint'}, 'Loading…'));

  function markStep(current) {
    for (const id of ['step-setup', 'step-confirm', 'step-migrate']) {
      const item = document.getElementById(id);
      item.className = id === current ? 'current' : (id === 'step-setup' && current === 'step-confirm' ? 'done' : '');
      if (id === current) {
        item.setAttribute('aria-current', 'step');
      } else {
        item.removeAttribute('aria-current');
      }
    }
  }

  // ------------------------------------------------------------------ setup

  const environmentSelect = h('select', {id: 'source-environment', name: 'source-environment',
    'aria-describedby': 'source-info', onchange: () => {
      state.environment = environmentSelect.value;
      checkUsers();
      checkApps();
      render();
    }});
  const stageSelect = h('select', {id: 'target-stage', name: 'target-stage', onchange: () => {
    state.stage = stageSelect.value;
    checkApps();
    render();
  }});
  const sourceInfo = h('p', {id: 'source-info', class: 'hint'});
  const usersBox = h('div', {id: 'users-check', 'aria-live': 'polite'});
  const environmentWarning = h('div', {id: 'environment-warning', 'aria-live': 'polite'});
  const appsBox = h('div', {id: 'stage-apps', 'aria-live': 'polite'});
  const appsWarning = h('div', {id: 'apps-warning', 'aria-live': 'polite'});
  const checkBox = h('div', {id: 'check-findings', 'aria-live': 'polite'});
  const blockers = h('div', {id: 'setup-blockers', 'aria-live': 'polite'});
  const continueButton = h('button', {type: 'submit', class: 'primary', id: 'continue',
    'aria-describedby': 'setup-blockers'}, 'Continue');

  const setupForm = h('form', {id: 'setup', novalidate: true, onsubmit: (event) => {
    event.preventDefault();
    if (blockersNow().length === 0) {
      showConfirm();
    }
  }},
      h('section', {class: 'card', 'aria-labelledby': 'source-title'},
          h('h2', {id: 'source-title'}, 'Source'),
          h('div', {class: 'field'},
              h('label', {for: 'source-environment'}, 'O11 environment'),
              environmentSelect,
              sourceInfo),
          usersBox,
          choice('environment-mode', 'During the migration, the O11 environment', [
            {id: 'stop-environment', value: 'stop', title: 'Stop environment',
              text: 'Its apps are unavailable to end users, so no data changes while it is copied.'},
            {id: 'keep-running', value: 'keep', title: 'Keep running',
              text: 'End users keep using its apps; what they change during the migration is not migrated.'},
          ], (value) => {
            state.stopEnvironment = value === 'stop';
            render();
          }),
          environmentWarning),
      h('section', {class: 'card', 'aria-labelledby': 'target-title'},
          h('h2', {id: 'target-title'}, 'Target'),
          h('div', {class: 'field'},
              h('label', {for: 'target-stage'}, 'ODC stage'),
              stageSelect),
          appsBox,
          checkBox,
          choice('apps-mode', 'During the migration, the stage\'s apps', [
            {id: 'undeploy-apps', value: 'undeploy', title: 'Undeploy apps',
              text: 'End users cannot use them while their data is replaced; they are deployed again at the end.'},
            {id: 'keep-deployed', value: 'keep', title: 'Keep deployed',
              text: 'End users keep using them and see partial data while it is copied.'},
          ], (value) => {
            state.undeployApps = value === 'undeploy';
            render();
          }),
          appsWarning,
          choice('copy-mode', 'What the migration copies', [
            {id: 'copy-everything', value: 'full', title: 'Everything', checked: true,
              text: 'Every entity is emptied and copied whole.'},
            {id: 'copy-changed', value: 'incremental',
              title: 'Only what changed since the last completed migration from this environment',
              text: 'Key ranges whose rows are unchanged in O11 and in the stage are kept; the rest is copied'
                  + ' again. For the final run of a cut-over.'},
          ], (value) => {
            state.incremental = value === 'incremental';
            render();
          })),
      h('div', {class: 'actions-bar'},
          blockers,
          h('div', {class: 'actions'},
              h('a', {class: 'button secondary', href: '#/'}, 'Cancel'),
              continueButton)));

  /** A radio group as the portal shows it: two cards, each with a title and what it means. */
  function choice(name, legend, options, onChoose) {
    return h('fieldset', {class: 'choice', id: name},
        h('legend', {}, legend),
        h('div', {class: 'choice-options'}, options.map((o) =>
          h('label', {class: 'option', for: o.id},
              h('input', {type: 'radio', name, id: o.id, value: o.value, checked: !!o.checked,
                onchange: (event) => onChoose(event.target.value)}),
              h('span', {class: 'option-text'},
                  h('span', {class: 'option-title'}, o.title),
                  h('span', {class: 'option-hint'}, o.text))))));
  }

  function options(select, placeholder, items, selected) {
    replace(select,
        h('option', {value: '', disabled: true, selected: !selected}, placeholder),
        items.map((item) => h('option', {value: item.name, selected: item.name === selected}, item.name)));
  }

  async function loadChoices() {
    let environments;
    let stages;
    try {
      [environments, stages] = await Promise.all([get('api/environments'), get('api/stages')]);
    } catch (error) {
      if (!disposed) {
        replace(panel, callout('error', 'The configuration cannot be read', explain(error)),
            h('a', {class: 'button secondary', href: '#/'}, 'Back to the migrations'));
      }
      return;
    }
    if (disposed) {
      return;
    }
    state.environments = environments;
    state.stages = stages;
    // One environment or stage configured: nothing to choose.
    state.environment = environments.length === 1 ? environments[0].name : '';
    state.stage = stages.length === 1 ? stages[0].name : '';
    options(environmentSelect, 'Choose an environment', environments, state.environment);
    options(stageSelect, 'Choose a stage', stages, state.stage);
    showSetup();
    checkUsers();
    checkApps();
  }

  async function checkUsers() {
    const asked = ++usersRequest;
    state.users = null;
    state.usersError = null;
    state.skipInvalidUsers = false;
    if (!state.environment) {
      return;
    }
    render();
    try {
      const users = await get(path('api/environments', state.environment, 'users', 'validation'));
      if (asked === usersRequest) {
        state.users = users;
      }
    } catch (error) {
      if (asked === usersRequest) {
        state.usersError = error;
      }
    }
    if (!disposed && asked === usersRequest) {
      render();
    }
  }

  async function checkApps() {
    runCheck();
    const asked = ++appsRequest;
    state.apps = null;
    state.appsError = null;
    if (!state.environment || !state.stage) {
      return;
    }
    render();
    try {
      const apps = await get(`${path('api/stages', state.stage, 'apps')}?source=${encodeURIComponent(state.environment)}`);
      if (asked === appsRequest) {
        state.apps = apps;
      }
    } catch (error) {
      if (asked === appsRequest) {
        state.appsError = error;
      }
    }
    if (!disposed && asked === appsRequest) {
      render();
    }
  }

  /** The assessment (GET .../check): what a migration's preparation finds, shown before anything starts. */
  async function runCheck() {
    const asked = ++checkRequest;
    state.check = null;
    state.checkError = null;
    if (!state.environment || !state.stage) {
      return;
    }
    try {
      const check = await get(`${path('api/environments', state.environment, 'check')}?stage=${encodeURIComponent(state.stage)}`);
      if (asked === checkRequest) {
        state.check = check;
      }
    } catch (error) {
      if (asked === checkRequest) {
        state.checkError = error;
      }
    }
    if (!disposed && asked === checkRequest) {
      render();
    }
  }

  function renderCheck() {
    if (!state.environment || !state.stage) {
      replace(checkBox);
    } else if (state.checkError) {
      replace(checkBox, callout('warning', 'The migration\'s preparation could not be checked',
          `${explain(state.checkError)} The migration runs the same checks before it copies anything.`));
    } else if (!state.check) {
      replace(checkBox, h('p', {class: 'hint'}, 'Checking what the migration will find…'));
    } else {
      const c = state.check;
      const problems = [...c.blockers, ...c.modelDifferences];
      replace(checkBox,
          h('h3', {}, 'What the migration will find'),
          h('p', {id: 'check-summary'}, `${formatNumber(c.totalRows)} rows in ${formatNumber(c.entities.length)}`
              + ` entities, about ${formatNumber(c.estimatedSeconds)} s at ${formatNumber(c.rowsPerSecond)} rows/s.`),
          checkDetails(c, state.checkDetailsOpen, (open) => {
            state.checkDetailsOpen = open;
          }),
          c.derived.length > 0
            ? callout('info', 'Derived, not read (the platform tables here do not hold it)',
                h('ul', {id: 'check-derived'}, c.derived.map((d) => h('li', {}, d))))
            : null,
          problems.length > 0
            ? callout('error', 'A migration cannot start',
                h('ul', {id: 'check-blockers'}, problems.map((b) => h('li', {}, b))))
            : null,
          c.rewrites.length > 0
            ? h('table', {class: 'grid', id: 'check-rewrites'},
                h('thead', {}, h('tr', {},
                    h('th', {scope: 'col'}, 'Attribute'),
                    h('th', {scope: 'col'}, 'Values'),
                    h('th', {scope: 'col', class: 'num'}, 'Count'),
                    h('th', {scope: 'col'}, 'Become'))),
                h('tbody', {}, c.rewrites.map((w) => h('tr', {dataset: {kind: w.kind}},
                    h('th', {scope: 'row'}, `${w.app}.${w.entity}.${w.attribute}`),
                    h('td', {}, REWRITES[w.kind] || w.kind),
                    h('td', {class: 'num'}, formatNumber(w.count)),
                    h('td', {}, w.becomes)))))
            : h('p', {class: 'hint'}, 'No value will be rewritten.'));
    }
  }

  function offenders() {
    return state.users ? state.users.offenders : [];
  }

  /** Every reason the Continue button is disabled, worded as what to do. */
  function blockersNow() {
    const list = [];
    if (!state.environment) {
      list.push('Choose the O11 environment to migrate from.');
    }
    if (state.stopEnvironment === null) {
      list.push('Choose whether to stop the O11 environment or keep it running.');
    }
    if (!state.stage) {
      list.push('Choose the ODC stage to migrate into.');
    }
    if (state.environment && state.stage) {
      if (state.appsError) {
        list.push('The stage\'s apps could not be checked: check them again.');
      } else if (state.apps === null) {
        list.push('Wait until the stage\'s apps are checked.');
      } else if (state.apps.length === 0) {
        list.push(`No app of stage ${state.stage} was converted from environment ${state.environment}: convert its`
            + ' modules first.');
      } else {
        for (const app of state.apps.filter((a) => !a.migratable)) {
          list.push(`App ${app.name}: ${app.reason}.`);
        }
      }
    }
    // What the check found stops the migration's preparation too: fix it before continuing.
    const found = state.check ? state.check.blockers.length + state.check.modelDifferences.length : 0;
    if (found > 0) {
      list.push(found === 1
        ? 'Fix the problem the check found (under "A migration cannot start"), then check again.'
        : `Fix the ${found} problems the check found (under "A migration cannot start"), then check again.`);
    }
    if (state.undeployApps === null) {
      list.push('Choose whether to undeploy the stage\'s apps or keep them deployed.');
    }
    if (offenders().length > 0 && !state.skipInvalidUsers) {
      list.push(offenders().length === 1
        ? 'Fix the email of 1 end user in O11, or choose to leave that user out.'
        : `Fix the emails of ${offenders().length} end users in O11, or choose to leave those users out.`);
    }
    return list;
  }

  function renderSource() {
    const environment = state.environments.find((e) => e.name === state.environment);
    replace(sourceInfo, environment
      ? `Time zone ${environment.timeZone} · database ${describeDatabase(environment.database)}`
      : 'The O11 environment whose data and end users are copied.');

    if (!state.environment) {
      replace(usersBox);
    } else if (state.usersError) {
      replace(usersBox, callout('warning', 'The end users could not be checked',
          `${explain(state.usersError)} The migration checks them again before it copies anything.`));
    } else if (!state.users) {
      replace(usersBox, h('p', {class: 'hint'}, 'Checking the end users\' emails…'));
    } else if (offenders().length === 0) {
      replace(usersBox, callout('success', null, `All ${formatNumber(state.users.usersChecked)} end users have an email`
          + ' that can be their ODC login.'));
    } else {
      const list = offenders();
      replace(usersBox, callout('warning',
          `${formatNumber(list.length)} of ${formatNumber(state.users.usersChecked)} end users cannot log in to ODC`
              + ' with their email',
          h('ul', {class: 'offenders'}, list.slice(0, SHOWN_OFFENDERS).map((o) => h('li', {}, describeOffender(o)))),
          list.length > SHOWN_OFFENDERS ? h('p', {}, `and ${formatNumber(list.length - SHOWN_OFFENDERS)} more.`) : null,
          h('p', {}, 'Fix them in O11 and check again, or leave them out: references to them in the apps\' data'
              + ' are then set to NULL.'),
          h('div', {class: 'inline-actions'},
              h('label', {class: 'check', for: 'skip-invalid-users'},
                  h('input', {type: 'checkbox', id: 'skip-invalid-users', checked: state.skipInvalidUsers,
                    onchange: (event) => {
                      state.skipInvalidUsers = event.target.checked;
                      render();
                    }}),
                  list.length === 1 ? 'Leave this user out' : `Leave these ${formatNumber(list.length)} users out`),
              h('button', {type: 'button', class: 'secondary small', onclick: () => {
                checkUsers();
              }}, 'Check again'))));
    }

    if (state.stopEnvironment === true) {
      replace(environmentWarning, callout('warning', 'Downtime in O11',
          `The apps of ${state.environment || 'the environment'} are unavailable to their end users from the start of`
              + ' the migration. The environment stays stopped when the migration ends: start it again yourself.',
          h('p', {class: 'hint'}, 'Stopping needs a control configured for the environment; without one the'
              + ' migration stops in its preparation and says so.')));
    } else if (state.stopEnvironment === false) {
      replace(environmentWarning, callout('info', null, 'Changes end users make in O11 during the migration are not'
          + ' migrated: run the migration again afterwards to pick them up.'));
    } else {
      replace(environmentWarning);
    }
  }

  function renderTarget() {
    if (!state.stage) {
      replace(appsBox, h('p', {class: 'hint'}, 'The stage whose apps receive the data.'));
    } else if (!state.environment) {
      replace(appsBox, h('p', {class: 'hint'}, 'Choose the O11 environment to see which apps are migrated.'));
    } else if (state.appsError) {
      replace(appsBox, callout('error', 'The stage\'s apps cannot be checked', explain(state.appsError)), refresh());
    } else if (state.apps === null) {
      replace(appsBox, h('p', {class: 'hint'}, 'Checking the stage\'s apps…'));
    } else if (state.apps.length === 0) {
      replace(appsBox, callout('error', 'Nothing to migrate into this stage',
          `No app of stage ${state.stage} was converted from environment ${state.environment}. Convert the O11 modules`
              + ' into the stage, publish the apps, then check again.'), refresh());
    } else {
      const blocked = state.apps.filter((a) => !a.migratable);
      replace(appsBox,
          h('div', {class: 'table-head'},
              h('h3', {}, `Apps in ${state.stage} converted from ${state.environment}`),
              refresh()),
          h('table', {class: 'grid', id: 'apps'},
              h('thead', {}, h('tr', {},
                  h('th', {scope: 'col'}, 'App'),
                  h('th', {scope: 'col', class: 'num'}, 'Entities'),
                  h('th', {scope: 'col'}, 'Status'),
                  h('th', {scope: 'col'}, 'Deployed'),
                  h('th', {scope: 'col'}, 'Migration'))),
              h('tbody', {}, state.apps.map(appRow))),
          blocked.length > 0
            ? callout('error', `${blocked.length} of ${state.apps.length} apps cannot receive data yet`,
                'Every app converted from the environment must be published and deployed in the stage. Fix them in'
                    + ' the stage, then check again.')
            : null);
    }

    if (state.undeployApps === true) {
      replace(appsWarning, callout('warning', 'Downtime in ODC',
          `The apps of ${state.stage || 'the stage'} are unavailable to their end users until the migration ends. They`
              + ' are deployed again at the end, whatever the outcome.'));
    } else if (state.undeployApps === false) {
      replace(appsWarning, callout('info', null, 'End users may see partial data while it is copied, and changes they'
          + ' make in these apps during the migration may be lost.'));
    } else {
      replace(appsWarning);
    }
  }

  function refresh() {
    return h('button', {type: 'button', class: 'secondary small', id: 'refresh-apps', onclick: () => checkApps()},
        'Check again');
  }

  function appRow(app) {
    const migrated = app.entities.filter((e) => !e.isStatic).length;
    const fixed = app.entities.length - migrated;
    return h('tr', {dataset: {app: app.name}, class: app.migratable ? null : 'blocked'},
        h('th', {scope: 'row'}, app.name),
        h('td', {class: 'num'}, formatNumber(migrated),
            fixed > 0 ? h('span', {class: 'hint'}, ` (+${fixed} static)`) : null),
        h('td', {}, app.status === 'PUBLISHED' ? badge('completed', 'Published') : badge('failed', 'Not published')),
        h('td', {}, app.deployed ? 'Yes' : 'No'),
        h('td', {class: app.migratable ? 'ready' : 'reason'}, app.migratable ? 'Ready' : app.reason));
  }

  function render() {
    if (disposed) {
      return;
    }
    renderSource();
    renderTarget();
    renderCheck();
    const list = blockersNow();
    continueButton.disabled = list.length > 0;
    replace(blockers, list.length === 0
      ? h('p', {class: 'ready-note'}, 'Ready: continue to confirm the migration.')
      : [h('p', {class: 'blockers-title'}, 'Before you continue:'), h('ul', {}, list.map((b) => h('li', {}, b)))]);
  }

  function showSetup() {
    markStep('step-setup');
    replace(panel, setupForm);
    render();
  }

  // ------------------------------------------------------------------ confirmation

  function showConfirm() {
    markStep('step-confirm');
    const apps = state.apps;
    const entities = apps.reduce((n, a) => n + a.entities.filter((e) => !e.isStatic).length, 0);
    const left = state.skipInvalidUsers ? offenders().length : 0;
    const users = state.users
      ? (left > 0
          ? `${formatNumber(state.users.usersChecked - left)} of ${formatNumber(state.users.usersChecked)} are`
              + ` transferred; ${formatNumber(left)} whose email cannot be a login ${left === 1 ? 'is' : 'are'} left out`
          : `All ${formatNumber(state.users.usersChecked)} are transferred`)
      : 'Transferred; their emails are checked first';
    const error = h('div', {id: 'start-error', 'aria-live': 'assertive'});
    const back = h('button', {type: 'button', class: 'secondary', id: 'back', onclick: showSetup}, 'Back');
    const start = h('button', {type: 'button', class: 'primary', id: 'start-migration'}, 'Start migration');
    const startAt = h('input', {id: 'start-at', type: 'datetime-local', 'aria-describedby': 'start-at-hint'});
    start.addEventListener('click', async () => {
      start.disabled = true;
      back.disabled = true;
      replace(start, 'Starting…');
      replace(error);
      try {
        const body = {
          sourceEnvironment: state.environment,
          targetStage: state.stage,
          stopEnvironment: state.stopEnvironment,
          undeployApps: state.undeployApps,
          skipInvalidUsers: state.skipInvalidUsers,
          incremental: state.incremental,
        };
        if (startAt.value) {
          // The field is in this computer's time zone; the API takes an instant.
          body.startAt = new Date(startAt.value).toISOString();
        }
        const started = await post('api/migrations', body);
        if (!disposed) {
          location.hash = `#/migrations/${encodeURIComponent(started.id)}`;
        }
      } catch (failure) {
        if (disposed) {
          return;
        }
        const running = failure instanceof ApiError && failure.status === 409 && failure.problem.migrationId;
        replace(error, callout('error', 'The migration was not started', explain(failure),
            running ? h('p', {}, h('a', {href: `#/migrations/${encodeURIComponent(running)}`},
                'Open the migration running in this stage')) : null));
        start.disabled = false;
        back.disabled = false;
        replace(start, 'Start migration');
      }
    });

    replace(panel, h('section', {class: 'card', id: 'confirm', 'aria-labelledby': 'confirm-title'},
        h('h2', {id: 'confirm-title', tabindex: '-1'}, 'Confirm the data migration'),
        h('dl', {class: 'summary'},
            term('Source environment', state.environment),
            term('O11 environment during the migration', state.stopEnvironment
              ? 'Stopped (it stays stopped afterwards)' : 'Kept running'),
            term('Target stage', state.stage),
            term('Apps', `${apps.map((a) => a.name).join(', ')} (${formatNumber(entities)} entities)`),
            term('Apps during the migration', state.undeployApps
              ? 'Undeployed, then deployed again at the end' : 'Kept deployed'),
            term('End users', users),
            term('Copied', state.incremental
              ? 'Only what changed since the last completed migration from this environment' : 'Everything')),
        state.incremental
          ? callout('warning', 'The apps\' changed data is replaced',
              `Key ranges of these ${apps.length} apps in ${state.stage} whose rows changed in ${state.environment}`
                  + ' or in the stage are emptied and copied again. Data created in the stage there is lost.')
          : callout('warning', 'The apps\' data is replaced',
              `Every entity of these ${apps.length} apps in ${state.stage} is emptied, then filled with the data of`
                  + ` ${state.environment}. Data created in the stage is lost.`),
        state.stopEnvironment ? callout('warning', 'Downtime in O11', `The apps of ${state.environment} become`
            + ' unavailable to their end users now, and stay so until you start the environment again.') : null,
        state.undeployApps ? callout('warning', 'Downtime in ODC', `The apps of ${state.stage} are unavailable to their`
            + ' end users until the migration ends.') : null,
        h('div', {class: 'field'}, h('label', {for: 'start-at'}, 'Start at (optional)'), startAt,
            h('span', {class: 'hint', id: 'start-at-hint'}, 'Your local time. Empty: the migration starts now;'
                + ' until then it counts as the stage\'s migration and can be cancelled.')),
        error,
        h('div', {class: 'actions'}, back, start)));
    document.getElementById('confirm-title').focus();
  }

  function term(name, value) {
    return [h('dt', {}, name), h('dd', {}, value)];
  }

  loadChoices();
  return {
    dispose() {
      disposed = true;
    },
  };
}

/**
 * What the check read, folded: what the reader found, the module -> app map, and the rows and bytes
 * of every entity to copy. It stays open or closed across the page's re-renders.
 */
function checkDetails(c, open, onToggle) {
  return h('details', {id: 'check-details', open, ontoggle: (event) => onToggle(event.target.open)},
      h('summary', {}, `What was read: ${formatNumber(c.modules.length)} modules, ${formatNumber(c.entities.length)}`
          + ` entities, ${formatBytes(c.totalBytes)}`),
      h('ul', {id: 'check-found'}, c.found.map((f) => h('li', {}, f))),
      h('table', {class: 'grid', id: 'check-modules'},
          h('thead', {}, h('tr', {},
              h('th', {scope: 'col'}, 'O11 module'),
              h('th', {scope: 'col'}, 'ODC app'))),
          h('tbody', {}, c.modules.map((m) => h('tr', {dataset: {module: m.module}},
              h('th', {scope: 'row'}, m.module),
              h('td', {class: m.app ? null : 'reason'},
                  m.app ? `${m.app} (schema ${m.schema})` : 'not converted into this stage'))))),
      h('table', {class: 'grid', id: 'check-entities'},
          h('thead', {}, h('tr', {},
              h('th', {scope: 'col'}, 'Entity'),
              h('th', {scope: 'col'}, 'O11 table'),
              h('th', {scope: 'col', class: 'num'}, 'Rows'),
              h('th', {scope: 'col', class: 'num'}, 'Size'))),
          h('tbody', {}, c.entities.map((e) => h('tr', {dataset: {entity: `${e.app}.${e.entity}`}},
              h('th', {scope: 'row'}, `${e.app}.${e.entity}`),
              h('td', {}, e.sourceTable),
              h('td', {class: 'num'}, formatNumber(e.rows)),
              h('td', {class: 'num'}, formatBytes(e.bytes)))))));
}

function describeDatabase(database) {
  if (!database) {
    return 'unknown';
  }
  const where = [database.host, database.port].filter((p) => p !== null && p !== undefined && p !== '').join(':');
  return [database.kind, where, database.database].filter(Boolean).join(' · ');
}

function describeOffender(o) {
  const who = `User ${o.userId} (${o.username})`;
  switch (o.reason) {
    case 'EMPTY':
      return `${who} has no email.`;
    case 'MALFORMED':
      return `${who} has a malformed email: ${o.email}`;
    case 'DUPLICATE':
      return `${who} shares the email ${o.email} with user ${o.duplicateOf}.`;
    default:
      return `${who}: ${o.reason} ${o.email || ''}`;
  }
}
