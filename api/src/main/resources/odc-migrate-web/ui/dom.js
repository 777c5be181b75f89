// Builds DOM nodes from data. Text always goes in as text nodes, never as markup: whatever the
// API returns (names, log lines, problem details) is shown, never interpreted.

/**
 * h('p', {class: 'note'}, 'text', child) creates an element. Properties starting with "on" are
 * event listeners, "dataset" sets data-* attributes, everything else is an attribute; null,
 * undefined and false leave the attribute out. Children may be nodes, strings, numbers, arrays
 * or null.
 */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

/** Appends children (nodes, text, nested arrays; null skipped) to a node. */
export function append(parent, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces every child of a node. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** A status badge: COMPLETED, RUNNING, FAILED, CANCELLED, PENDING, COPYING... */
export function badge(status, label) {
  const key = String(status || 'unknown').toLowerCase();
  return h('span', {class: `badge badge-${key}`, dataset: {status: String(status)}}, label);
}

/** A callout: kind is info, warning, error or success. */
export function callout(kind, title, ...body) {
  return h('div', {class: `callout callout-${kind}`, role: kind === 'error' ? 'alert' : null},
      title ? h('p', {class: 'callout-title'}, title) : null, body);
}
