// The area passport: load against capacity per year, for offtake and feed-in, in every scenario, as a chart, a table
// and a CSV file; and the first year each scenario runs short.
import { api } from './api';
import { csvDownload, lineChart, type Series } from './chart';
import type { AreaLoad } from './headroom';
import { mw } from './headroom';

const SCENARIOS = [
  { id: 'committed', label: 'Vastgesteld' },
  { id: 'expected', label: 'Verwacht' },
  { id: 'ambition', label: 'Ambitie' },
] as const;

const DIRECTIONS = [
  { id: 'offtake', label: 'Afname', load: (l: AreaLoad) => l.peakOfftakeMw, capacity: (l: AreaLoad) => l.availableOfftakeMw },
  { id: 'feedIn', label: 'Invoeding', load: (l: AreaLoad) => l.peakFeedInMw, capacity: (l: AreaLoad) => l.availableFeedInMw },
] as const;

function h(tag: string, text?: string, className?: string): HTMLElement {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

export async function showPassport(container: HTMLElement, area: { operator: string; shortCode: string }): Promise<void> {
  const query = new URLSearchParams({ operator: area.operator, area: area.shortCode, fromYear: '2025', toYear: '2050' });
  const answer = await api<{ items: AreaLoad[] }>(`/api/v1/area-loads?${query}`);
  const years = [...new Set(answer.items.map(l => l.year))].sort((a, b) => a - b);
  const at = (scenario: string, year: number) => answer.items.find(l => l.scenario === scenario && l.year === year);
  container.replaceChildren();
  container.appendChild(h('p', `${area.shortCode}, netbeheerder ${area.operator}. Piekbelasting per jaar in drie scenario's tegen de beschikbare capaciteit (MW).`));
  const grid = h('div', undefined, 'passport-directions');
  container.appendChild(grid);
  for (const direction of DIRECTIONS) {
    const part = h('section');
    part.setAttribute('aria-label', direction.label);
    part.appendChild(h('h3', direction.label, 'utrecht-heading-3'));
    // The first year each scenario runs short, in words.
    for (const s of SCENARIOS) {
      const first = years.find(y => { const l = at(s.id, y); const c = l && direction.capacity(l); return l && c !== null && c !== undefined && direction.load(l) > c; });
      part.appendChild(h('p', `${s.label}: ${first ? `eerste tekort in ${first}` : 'geen tekort tot en met ' + years[years.length - 1]}`, 'first-shortage'));
    }
    const series: Series[] = [
      { name: 'Capaciteit', className: 'line--capacity', points: years.map(y => { const l = at('committed', y); return [y, l ? direction.capacity(l) ?? null : null]; }) },
      ...SCENARIOS.map(s => ({ name: `Belasting ${s.label.toLowerCase()}`, className: `line--${s.id}`,
        points: years.map(y => { const l = at(s.id, y); return [y, l ? direction.load(l) : null] as [number, number | null]; }) })),
    ];
    part.appendChild(lineChart(`${direction.label} in ${area.shortCode}: belasting per scenario en capaciteit, ${years[0]}–${years[years.length - 1]}`, series, 'MW'));
    const key = h('ul', undefined, 'chart-key');
    for (const s of series) {
      const li = h('li');
      li.innerHTML = `<svg viewBox="0 0 32 10" aria-hidden="true"><path d="M0,5L32,5" class="chart-line ${s.className}"></path></svg>`;
      li.append(' ' + s.name);
      key.appendChild(li);
    }
    part.appendChild(key);
    const header = ['Jaar', 'Capaciteit (MW)', ...SCENARIOS.map(s => `Belasting ${s.label.toLowerCase()} (MW)`)];
    const rows = years.map(y => [y, series[0].points.find(p => p[0] === y)![1], ...SCENARIOS.map(s => { const l = at(s.id, y); return l ? Math.round(direction.load(l) * 100) / 100 : null; })]);
    const wrap = h('div', undefined, 'table-wrap');
    const table = h('table', undefined, 'utrecht-table') as HTMLTableElement;
    table.appendChild(h('caption', `${direction.label} in ${area.shortCode} per jaar`, 'utrecht-table__caption'));
    const thead = table.createTHead();
    const hr = thead.insertRow();
    for (const c of header) { const th = h('th', c, 'utrecht-table__header-cell'); th.setAttribute('scope', 'col'); hr.appendChild(th); }
    const tbody = table.createTBody();
    for (const r of rows) {
      const tr = tbody.insertRow();
      r.forEach((v, i) => {
        const cell = i === 0 ? h('th', String(v), 'utrecht-table__header-cell') : h('td', mw(v as number | null), 'utrecht-table__cell utrecht-table__cell--numeric');
        if (i === 0) cell.setAttribute('scope', 'row');
        tr.appendChild(cell);
      });
    }
    wrap.appendChild(table);
    part.appendChild(wrap);
    part.appendChild(csvDownload(`${area.shortCode.replace(/\W+/g, '-')}-${direction.id}.csv`, header, rows));
    grid.appendChild(part);
  }
}

const LABELS: Record<string, string> = {
  name: 'Naam', owner: 'Eigenaar', visibility: 'Zichtbaarheid', planType: 'Plantype', sector: 'Sector', kind: 'Soort',
  certainty: 'Zekerheid', firstYear: 'Vanaf', lastYear: 'Tot en met', municipalityCode: 'Gemeente', provinceCode: 'Provincie',
  resRegionCode: 'RES-regio', externalId: 'Kenmerk eigenaar', version: 'Versie', updatedAt: 'Bijgewerkt',
};

export async function showDevelopment(container: HTMLElement, id: string): Promise<void> {
  const [feature, versions] = await Promise.all([
    api<{ properties: Record<string, unknown> }>(`/api/v1/developments/${id}`),
    api<{ features: { properties: Record<string, unknown> }[] }>(`/api/v1/developments/${id}/versions`),
  ]);
  container.replaceChildren();
  const dl = h('dl', undefined, 'properties');
  for (const [key, value] of Object.entries(feature.properties)) {
    if (value === null || value === undefined || typeof value === 'object') continue;
    dl.appendChild(h('dt', LABELS[key] ?? key));
    dl.appendChild(h('dd', String(value)));
  }
  container.appendChild(dl);
  container.appendChild(h('h3', 'Versiegeschiedenis', 'utrecht-heading-3'));
  const list = h('ol');
  for (const v of versions.features) list.appendChild(h('li', `Versie ${v.properties.version}: ${v.properties.updatedAt ?? ''}${v.properties.isRetired ? ' (ingetrokken)' : ''}`));
  container.appendChild(list);
}
