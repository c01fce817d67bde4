// Small DOM builders: every view builds its elements with these (text through textContent, never markup from data).

type Child = Node | string | null | undefined | false;

/** An element with attributes (class, data-*, aria-*…) and children; strings become text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | number | boolean | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'text') e.textContent = String(v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

export interface Column<T> { header: string; value: (row: T) => Child | number; numeric?: boolean; rowHeader?: boolean }

/** An NL Design System table with a caption; a column with rowHeader is the row's <th scope=row>. */
export function table<T>(caption: string, columns: Column<T>[], rows: T[], options: { id?: string; rowAttrs?: (row: T) => Record<string, string | undefined> } = {}): HTMLDivElement {
  const t = h('table', { class: 'utrecht-table', id: options.id }, h('caption', { class: 'utrecht-table__caption', text: caption }));
  const head = t.createTHead();
  head.className = 'utrecht-table__header';
  const hr = head.insertRow();
  hr.className = 'utrecht-table__row';
  for (const c of columns) hr.append(h('th', { scope: 'col', class: `utrecht-table__header-cell${c.numeric ? ' utrecht-table__header-cell--numeric' : ''}`, text: c.header }));
  const body = t.createTBody();
  body.className = 'utrecht-table__body';
  for (const r of rows) {
    const tr = h('tr', { class: 'utrecht-table__row', ...(options.rowAttrs?.(r) ?? {}) });
    for (const c of columns) {
      const v = c.value(r);
      const content = typeof v === 'number' ? String(v) : v;
      tr.append(c.rowHeader
        ? h('th', { scope: 'row', class: 'utrecht-table__header-cell' }, content)
        : h('td', { class: `utrecht-table__cell${c.numeric ? ' utrecht-table__cell--numeric' : ''}` }, content));
    }
    body.append(tr);
  }
  // A region that scrolls sideways on a phone: reachable by keyboard (WCAG 2.1.1) and named by its caption.
  return h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption }, t);
}

export const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** The children that are there (for replaceChildren with optional parts). */
export const present = (...children: Child[]): (Node | string)[] => children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false);
