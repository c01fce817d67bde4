// The area passport: load against capacity per year, for offtake and feed-in, in every scenario, as a chart, a table
// and a CSV file; the first year each scenario runs short; what causes the shortage (and which developments tip it
// over), the works that add capacity and whether they come in time; the capacity map's queue figures; and what
// changed since an earlier date (the hub keeps every version and answers asOf).
import { api } from './api';
import { csvDownload, lineChart, type Series } from './chart';
import { h, table } from './dom';
import type { AreaLoad } from './headroom';
import { mw } from './headroom';
import type { Direction, Scenario } from './state';

export const SCENARIOS = [
  { id: 'committed', label: 'Vastgesteld' },
  { id: 'expected', label: 'Verwacht' },
  { id: 'ambition', label: 'Ambitie' },
] as const;

export const DIRECTIONS = [
  { id: 'offtake', label: 'Afname', load: (l: AreaLoad) => l.peakOfftakeMw, capacity: (l: AreaLoad) => l.availableOfftakeMw },
  { id: 'feedIn', label: 'Invoeding', load: (l: AreaLoad) => l.peakFeedInMw, capacity: (l: AreaLoad) => l.availableFeedInMw },
] as const;

export interface CapacityFigures { availableMw?: number; inQueueMw?: number; requestsInQueue?: number; alleviationYear?: number; constraint?: string; congestionAreaCode?: string }
export interface EnergyArea { id: string; operator: string; shortCode: string; description?: string; geometry?: object; demand?: CapacityFigures; generation?: CapacityFigures;
  works?: { project_name?: string; time_schedules?: { schedule_interval?: { year?: number } }[] }[] }
export interface Work { projectName: string; description?: string; completionYear?: number; inTime: boolean }
export interface Bottleneck { area: { id: string; operator: string; shortCode: string }; direction: Direction; scenario: Scenario; firstYear: number;
  shortfall: { year: number; shortfallMw: number }[]; causedBy: string[]; works: Work[] }
interface Contribution { development: string; share: number; peakOfftakeMw: number; peakFeedInMw: number }

export interface PassportContext {
  scenario: Scenario;
  direction: Direction;
  year: number;
  /** The name of a development the caller sees (from the map's layer, else asked of the hub). */
  nameOf: (id: string) => Promise<string>;
  openDevelopment: (id: string) => void;
}

const SCENARIO_LABEL = Object.fromEntries(SCENARIOS.map(s => [s.id, s.label.toLowerCase()])) as Record<Scenario, string>;
const DIRECTION_LABEL: Record<Direction, string> = { offtake: 'afname', feedIn: 'invoeding' };
const CONSTRAINTS: Record<string, string> = { green: 'groen (ruimte)', yellow: 'geel (beperkt)', orange: 'oranje (wachtrij)', red: 'rood (geen ruimte)' };

export async function showPassport(container: HTMLElement, area: EnergyArea, ctx: PassportContext): Promise<void> {
  const query = new URLSearchParams({ operator: area.operator, area: area.shortCode, fromYear: '2025', toYear: '2050' });
  const [answer, bottlenecks] = await Promise.all([
    api<{ items: AreaLoad[] }>(`/api/v1/area-loads?${query}`),
    api<{ items: Bottleneck[] }>(`/api/v1/bottlenecks?${new URLSearchParams({ operator: area.operator, area: area.shortCode, scenario: ctx.scenario, fromYear: '2025', toYear: '2050' })}`),
  ]);
  const years = [...new Set(answer.items.map(l => l.year))].sort((a, b) => a - b);
  const at = (scenario: string, year: number) => answer.items.find(l => l.scenario === scenario && l.year === year);
  container.replaceChildren(h('p', { text: `${area.shortCode}, netbeheerder ${area.operator}. Piekbelasting per jaar in drie scenario's tegen de beschikbare capaciteit (MW).` }));

  const bottleneck = bottlenecks.items.find(b => b.direction === ctx.direction);
  container.append(await causes(area, bottleneck, ctx));
  container.append(queueFigures(area));

  const grid = h('div', { class: 'passport-directions' });
  container.append(grid);
  for (const direction of DIRECTIONS) {
    const part = h('section', { 'aria-label': direction.label }, h('h3', { class: 'utrecht-heading-3', text: direction.label }));
    // The first year each scenario runs short, in words.
    for (const s of SCENARIOS) {
      const first = years.find(y => { const l = at(s.id, y); const c = l && direction.capacity(l); return l && c !== null && c !== undefined && direction.load(l) > c; });
      part.append(h('p', { class: 'first-shortage', text: `${s.label}: ${first ? `eerste tekort in ${first}` : 'geen tekort tot en met ' + years[years.length - 1]}` }));
    }
    const series: Series[] = [
      { name: 'Capaciteit', className: 'line--capacity', points: years.map(y => { const l = at('committed', y); return [y, l ? direction.capacity(l) ?? null : null]; }) },
      ...SCENARIOS.map(s => ({ name: `Belasting ${s.label.toLowerCase()}`, className: `line--${s.id}`,
        points: years.map(y => { const l = at(s.id, y); return [y, l ? direction.load(l) : null] as [number, number | null]; }) })),
    ];
    part.append(lineChart(`${direction.label} in ${area.shortCode}: belasting per scenario en capaciteit, ${years[0]}–${years[years.length - 1]}`, series, 'MW'));
    part.append(chartKey(series));
    const header = ['Jaar', 'Capaciteit (MW)', ...SCENARIOS.map(s => `Belasting ${s.label.toLowerCase()} (MW)`)];
    const rows = years.map(y => [y, series[0].points.find(p => p[0] === y)![1], ...SCENARIOS.map(s => { const l = at(s.id, y); return l ? Math.round(direction.load(l) * 100) / 100 : null; })]);
    part.append(table(`${direction.label} in ${area.shortCode} per jaar`, header.map((c, i) => ({
      header: c, numeric: i > 0, rowHeader: i === 0, value: (r: (number | null)[]) => i === 0 ? String(r[0]) : mw(r[i]),
    })), rows));
    part.append(csvDownload(`${area.shortCode.replace(/\W+/g, '-')}-${direction.id}.csv`, header, rows));
    grid.append(part);
  }
  container.append(changes(area, ctx));
}

export function chartKey(series: Series[]): HTMLUListElement {
  const key = h('ul', { class: 'chart-key' });
  for (const s of series) {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 32 10');
    svg.setAttribute('aria-hidden', 'true');
    const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('d', 'M0,5L32,5');
    path.setAttribute('class', `chart-line ${s.className}`);
    svg.append(path);
    key.append(h('li', {}, svg, ' ' + s.name));
  }
  return key;
}

/**
 * Why the area runs short in the chosen scenario and direction: the developments that load it in its first short
 * year, largest first, with the ones that tip it over (new or grown since the year before) marked; and the works
 * that add capacity, with whether they come in time.
 */
async function causes(area: EnergyArea, bottleneck: Bottleneck | undefined, ctx: PassportContext): Promise<HTMLElement> {
  const section = h('section', { class: 'causes', 'aria-labelledby': 'kop-oorzaak' },
    h('h3', { id: 'kop-oorzaak', class: 'utrecht-heading-3', text: `Oorzaak en oplossing (${DIRECTION_LABEL[ctx.direction]}, ${SCENARIO_LABEL[ctx.scenario]})` }));
  if (!bottleneck) {
    section.append(h('p', { class: 'verdict', text: `Geen tekort voor ${DIRECTION_LABEL[ctx.direction]} in scenario ${SCENARIO_LABEL[ctx.scenario]} tot en met 2050.` }));
    return section;
  }
  const worst = bottleneck.shortfall.reduce((a, b) => (b.shortfallMw > a.shortfallMw ? b : a));
  section.append(h('p', { class: 'verdict', text: `Tekort vanaf ${bottleneck.firstYear}; het grootste tekort is ${mw(worst.shortfallMw)} MW in ${worst.year}.` }));

  const first = bottleneck.firstYear;
  const query = new URLSearchParams({ operator: area.operator, area: area.shortCode, scenario: ctx.scenario, fromYear: String(Math.max(2025, first - 1)), toYear: String(first), contributions: 'true' });
  const loads = await api<{ items: (AreaLoad & { contributions?: Contribution[]; aggregateOnlyDevelopments?: number })[] }>(`/api/v1/area-loads?${query}`);
  const inYear = loads.items.find(l => l.year === first);
  const before = first > 2025 ? loads.items.find(l => l.year === first - 1) : undefined;
  const mwOf = (c: Contribution) => ctx.direction === 'offtake' ? c.peakOfftakeMw : c.peakFeedInMw;
  const earlier = new Map((before?.contributions ?? []).map(c => [c.development, mwOf(c)]));
  const list = (inYear?.contributions ?? []).filter(c => mwOf(c) > 0).sort((a, b) => mwOf(b) - mwOf(a));
  const tips = (c: Contribution) => first > 2025 && mwOf(c) > (earlier.get(c.development) ?? 0) + 1e-9;
  if (list.length === 0) section.append(h('p', { text: 'U ziet geen van de ontwikkelingen die dit gebied belasten in detail.' }));
  else {
    const names = await Promise.all(list.slice(0, 25).map(c => ctx.nameOf(c.development)));
    section.append(table(`Ontwikkelingen die ${area.shortCode} in ${first} belasten (grootste eerst)`, [
      { header: 'Ontwikkeling', rowHeader: true, value: (r: { c: Contribution; name: string }) => {
        const b = h('button', { type: 'button', class: 'linkish', 'data-development': r.c.development, text: r.name });
        b.addEventListener('click', () => ctx.openDevelopment(r.c.development));
        return b;
      } },
      { header: `Bijdrage ${first} (MW)`, numeric: true, value: r => mw(mwOf(r.c)) },
      { header: `Bijdrage ${first - 1} (MW)`, numeric: true, value: r => mw(earlier.get(r.c.development) ?? 0) },
      { header: 'Kantelt het gebied', value: r => tips(r.c) ? 'Ja: nieuw of gegroeid in het eerste tekortjaar' : 'Nee' },
    ], list.slice(0, 25).map((c, i) => ({ c, name: names[i] })), { id: 'oorzaken' }));
    if (list.length > 25) section.append(h('p', { text: `En ${list.length - 25} kleinere.` }));
  }
  if (inYear?.aggregateOnlyDevelopments) section.append(h('p', { text: `Daarnaast ${inYear.aggregateOnlyDevelopments} ontwikkelingen die u alleen opgeteld mag zien.` }));

  if (bottleneck.works.length === 0) section.append(h('p', { class: 'works', text: 'Er zijn geen werken van de netbeheerder bekend die hier capaciteit toevoegen.' }));
  else section.append(table('Werken die capaciteit toevoegen', [
    { header: 'Werk', rowHeader: true, value: (w: Work) => w.projectName },
    { header: 'Omschrijving', value: w => w.description ?? '' },
    { header: 'Gereed', value: w => w.completionYear ? String(w.completionYear) : 'onbekend' },
    { header: 'Op tijd', value: w => w.inTime ? 'Ja' : `Nee: tekort vanaf ${first}` },
  ], bottleneck.works, { id: 'werken' }));
  return section;
}

/** The queue figures from the grid operator's capacity map (when it states them). */
function queueFigures(area: EnergyArea): HTMLElement {
  const sides: [string, CapacityFigures | undefined][] = [['Afname', area.demand], ['Invoeding', area.generation]];
  return h('section', { 'aria-label': 'Capaciteitskaart' }, h('h3', { class: 'utrecht-heading-3', text: 'Volgens de capaciteitskaart' }),
    table(`Capaciteitskaart van ${area.operator} voor ${area.shortCode}`, [
      { header: 'Richting', rowHeader: true, value: (r: [string, CapacityFigures | undefined]) => r[0] },
      { header: 'Beschikbaar (MW)', numeric: true, value: r => mw(r[1]?.availableMw ?? null) },
      { header: 'Kleur', value: r => r[1]?.constraint ? CONSTRAINTS[r[1].constraint] ?? r[1].constraint : '–' },
      { header: 'Wachtrij (MW)', numeric: true, value: r => mw(r[1]?.inQueueMw ?? null) },
      { header: 'Aanvragen in wachtrij', numeric: true, value: r => r[1]?.requestsInQueue === undefined ? '–' : String(r[1].requestsInQueue) },
      { header: 'Verwacht opgelost', value: r => r[1]?.alleviationYear ? String(r[1].alleviationYear) : '–' },
    ], sides));
}

/** What changed: capacity, load and contributing developments in the chosen year, now against an earlier date. */
function changes(area: EnergyArea, ctx: PassportContext): HTMLElement {
  // In the browser's own time (a datetime-local control), to the second: a change made this morning can be compared too.
  const local = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
  const input = h('input', { id: 'vergelijk-datum', type: 'datetime-local', step: 1, class: 'utrecht-textbox utrecht-textbox--html-input',
    value: local(new Date(Date.now() - 30 * 86400_000)), max: local(new Date()) });
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'compare-form' },
    h('label', { class: 'utrecht-form-label', for: 'vergelijk-datum', text: 'Vergelijk met de stand op (datum en tijd)' }), input,
    h('button', { type: 'submit', class: 'utrecht-button utrecht-button--secondary-action', text: 'Vergelijk' }));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const asOf = new Date(input.value);
    if (Number.isNaN(asOf.getTime())) { result.textContent = 'Kies een datum en tijd.'; return; }
    if (asOf.getTime() > Date.now()) { result.textContent = 'Kies een moment in het verleden.'; return; }
    const when = asOf.toLocaleString('nl-NL', { dateStyle: 'long', timeStyle: 'short' });
    const base = { operator: area.operator, area: area.shortCode, scenario: ctx.scenario, fromYear: String(ctx.year), toYear: String(ctx.year), contributions: 'true' };
    const [now, then] = await Promise.all([
      api<{ items: (AreaLoad & { contributions?: Contribution[] })[] }>(`/api/v1/area-loads?${new URLSearchParams(base)}`),
      api<{ items: (AreaLoad & { contributions?: Contribution[] })[] }>(`/api/v1/area-loads?${new URLSearchParams({ ...base, asOf: asOf.toISOString() })}`),
    ]);
    const n = now.items[0], t = then.items[0];
    result.replaceChildren();
    if (!t) { result.append(h('p', { class: 'compare-empty', text: `Op ${when} had de hub nog geen gegevens over ${area.shortCode}.` })); return; }
    const rows: [string, number | null, number | null][] = [
      ['Capaciteit afname (MW)', t.availableOfftakeMw, n?.availableOfftakeMw ?? null],
      ['Belasting afname (MW)', t.peakOfftakeMw, n?.peakOfftakeMw ?? null],
      ['Capaciteit invoeding (MW)', t.availableFeedInMw, n?.availableFeedInMw ?? null],
      ['Belasting invoeding (MW)', t.peakFeedInMw, n?.peakFeedInMw ?? null],
      ['Ontwikkelingen die bijdragen', t.contributions?.length ?? null, n?.contributions?.length ?? null],
    ];
    result.append(table(`${area.shortCode} in ${ctx.year} (${SCENARIO_LABEL[ctx.scenario]}): stand op ${when} en nu`, [
      { header: 'Grootheid', rowHeader: true, value: (r: [string, number | null, number | null]) => r[0] },
      { header: `Op ${when}`, numeric: true, value: r => r[0].startsWith('Ontw') ? String(r[1] ?? '–') : mw(r[1]) },
      { header: 'Nu', numeric: true, value: r => r[0].startsWith('Ontw') ? String(r[2] ?? '–') : mw(r[2]) },
      { header: 'Verschil', numeric: true, value: r => r[1] === null || r[2] === null ? '–' : (r[2] - r[1] > 0 ? '+' : '') + (r[0].startsWith('Ontw') ? String(r[2] - r[1]) : mw(r[2] - r[1])) },
    ], rows, { id: 'veranderd' }));
  });
  return h('section', { class: 'changes', 'aria-labelledby': 'kop-veranderd' },
    h('h3', { id: 'kop-veranderd', class: 'utrecht-heading-3', text: 'Wat is er veranderd?' }),
    h('p', { text: `De hub bewaart elke versie. Kies een moment om capaciteit en belasting in ${ctx.year} van toen met nu te vergelijken.` }), form, result);
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
  const dl = h('dl', { class: 'properties' });
  for (const [key, value] of Object.entries(feature.properties)) {
    if (value === null || value === undefined) continue;
    dl.append(h('dt', { text: LABELS[key] ?? key }), h('dd', { text: typeof value === 'object' ? JSON.stringify(value) : String(value) }));
  }
  const list = h('ol');
  for (const v of versions.features) list.append(h('li', { text: `Versie ${v.properties.version}: ${v.properties.updatedAt ?? ''}${v.properties.isRetired ? ' (ingetrokken)' : ''}` }));
  container.replaceChildren(dl, h('h3', { class: 'utrecht-heading-3', text: 'Versiegeschiedenis' }), list);
}
