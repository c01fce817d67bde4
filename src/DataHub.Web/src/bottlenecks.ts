// Bottlenecks: every energy area that runs short in the chosen scenario, for the part of the map in view, sortable by
// first year and by shortfall, each row jumping to its area; and load against capacity over the years summed per
// municipality or province (the energy areas whose interior point lies in it), as a chart, a table and a CSV.
import type Feature from 'ol/Feature';
import type { Polygon, MultiPolygon } from 'ol/geom';
import { api, signedIn } from './api';
import { csvDownload, lineChart } from './chart';
import { h, table } from './dom';
import { type AreaLoad, mw } from './headroom';
import { type Bottleneck, chartKey, DIRECTIONS } from './passport';
import type { Direction, Scenario } from './state';

export interface BottleneckContext {
  scenario: Scenario;
  direction: Direction;
  year: number;
  /** Ids of the energy areas in view on the map. */
  inView: () => Set<string>;
  areaFeatures: () => Feature[];
  adminAreas: () => { kind: 'gemeente' | 'provincie'; feature: Feature }[];
  loads: () => Promise<AreaLoad[]>;
  select: (areaId: string) => void;
}

type Sort = 'firstYear' | 'shortfall';
/** Rows drawn in the table; a national list (twelve thousand) is in the CSV whole. */
const MAX_ROWS = 200;
/** Per organisation and scenario (what a caller sees of the causes depends on who it is); the promise, so that two
 * draws at once (the first view and a re-colour) ask once. */
const cache = new Map<string, Promise<Bottleneck[]>>();
let sort: Sort = 'firstYear';
let onlyInView = true;

const DIRECTION_LABEL: Record<Direction, string> = { offtake: 'Afname', feedIn: 'Invoeding' };

function shortfallIn(b: Bottleneck, year: number): number {
  return b.shortfall.find(s => s.year === year)?.shortfallMw ?? 0;
}
function worst(b: Bottleneck): number {
  return Math.max(...b.shortfall.map(s => s.shortfallMw));
}

export async function showBottlenecks(container: HTMLElement, ctx: BottleneckContext): Promise<void> {
  const key = `${signedIn()?.organisation ?? ''}|${ctx.scenario}`;
  if (!cache.has(key)) {
    const asked = api<{ items: Bottleneck[] }>(`/api/v1/bottlenecks?scenario=${ctx.scenario}&fromYear=2025&toYear=2050`).then(a => a.items);
    cache.set(key, asked);
    asked.catch(() => cache.delete(key)); // a failure is not kept
  }
  const all = await cache.get(key)!;
  const inView = ctx.inView();
  const rows = all.filter(b => !onlyInView || inView.has(b.area.id))
    .sort((a, b) => sort === 'firstYear' ? a.firstYear - b.firstYear || worst(b) - worst(a) : worst(b) - worst(a) || a.firstYear - b.firstYear);

  const toggle = h('input', { id: 'knelpunten-in-beeld', type: 'checkbox', checked: onlyInView });
  toggle.addEventListener('change', () => { onlyInView = toggle.checked; void showBottlenecks(container, ctx); });
  const sortSelect = h('select', { id: 'knelpunten-sortering', class: 'utrecht-select utrecht-select--html-select' },
    h('option', { value: 'firstYear', text: 'Eerste tekortjaar (vroegste eerst)' }), h('option', { value: 'shortfall', text: 'Grootste tekort (grootste eerst)' }));
  sortSelect.value = sort;
  sortSelect.addEventListener('change', () => { sort = sortSelect.value as Sort; void showBottlenecks(container, ctx); });

  const caption = `Knelpunten in scenario ${ctx.scenario === 'committed' ? 'vastgesteld' : ctx.scenario === 'expected' ? 'verwacht' : 'ambitie'}`
    + `${onlyInView ? ', gebieden in beeld' : ''}; gesorteerd op ${sort === 'firstYear' ? 'eerste tekortjaar' : 'grootste tekort'}`;
  const header = ['Gebied', 'Netbeheerder', 'Richting', 'Eerste tekortjaar', `Tekort in ${ctx.year} (MW)`, 'Grootste tekort (MW)', 'Werken'];
  const worksText = (b: Bottleneck) => b.works.length === 0 ? 'geen bekend'
    : b.works.map(w => `${w.projectName} (${w.completionYear ?? '?'}, ${w.inTime ? 'op tijd' : 'te laat'})`).join('; ');
  const list = table(caption, [
    { header: header[0], rowHeader: true, value: (b: Bottleneck) => {
      const button = h('button', { type: 'button', class: 'linkish', 'data-bottleneck': b.area.id, text: b.area.shortCode });
      button.addEventListener('click', () => ctx.select(b.area.id));
      return button;
    } },
    { header: header[1], value: b => b.area.operator },
    { header: header[2], value: b => DIRECTION_LABEL[b.direction] },
    { header: header[3], numeric: true, value: b => String(b.firstYear) },
    { header: header[4], numeric: true, value: b => mw(shortfallIn(b, ctx.year)) },
    { header: header[5], numeric: true, value: b => mw(worst(b)) },
    { header: header[6], value: worksText },
  ], rows.slice(0, MAX_ROWS), { id: 'knelpunten-tabel' });
  const csvRows = rows.map(b => [b.area.shortCode, b.area.operator, DIRECTION_LABEL[b.direction], b.firstYear, round(shortfallIn(b, ctx.year)), round(worst(b)), worksText(b)]);

  container.replaceChildren(
    h('p', { id: 'knelpunten-aantal', text: `${rows.length} knelpunten${onlyInView ? ` in beeld (van ${all.length})` : ''}`
      + `${rows.length > MAX_ROWS ? `; de eerste ${MAX_ROWS} staan hieronder, alle in het CSV-bestand` : ''}. Kies een gebied om zijn paspoort te openen: oorzaken, werken en tijdlijn.` }),
    h('div', { class: 'inline-controls' },
      h('label', { class: 'check' }, toggle, ' Alleen gebieden die op de kaart in beeld zijn'),
      h('label', { class: 'utrecht-form-label', for: 'knelpunten-sortering', text: 'Sorteer op' }), sortSelect),
    list,
    csvDownload('knelpunten.csv', header, csvRows),
    adminOverview(ctx));
}

const round = (v: number) => Math.round(v * 100) / 100;

let adminChoice = '';

/** Load against capacity per year for a municipality or the province: the sum over its energy areas. */
function adminOverview(ctx: BottleneckContext): HTMLElement {
  const admin = ctx.adminAreas().filter(a => containedAreas(a.feature, ctx.areaFeatures()).length > 0)
    .sort((a, b) => (a.kind === b.kind ? String(a.feature.get('name')).localeCompare(String(b.feature.get('name')), 'nl') : a.kind === 'provincie' ? -1 : 1));
  const select = h('select', { id: 'overzicht-gebied', class: 'utrecht-select utrecht-select--html-select' },
    h('option', { value: '', text: 'Kies een gemeente of provincie' }),
    ...admin.map(a => h('option', { value: String(a.feature.get('code')), text: `${a.kind === 'provincie' ? 'Provincie' : 'Gemeente'} ${a.feature.get('name')}` })));
  select.value = adminChoice;
  const out = h('div', { id: 'overzicht-inhoud' });
  const draw = async () => {
    adminChoice = select.value;
    out.replaceChildren();
    const chosen = admin.find(a => a.feature.get('code') === select.value);
    if (!chosen) return;
    const inside = new Set(containedAreas(chosen.feature, ctx.areaFeatures()).map(f => f.get('id') as string));
    const loads = (await ctx.loads()).filter(l => inside.has(l.area.id));
    const direction = DIRECTIONS.find(d => d.id === ctx.direction)!;
    const years = [...new Set(loads.map(l => l.year))].sort((a, b) => a - b);
    const sum = (year: number, f: (l: AreaLoad) => number | null | undefined) => loads.filter(l => l.year === year).reduce((s, l) => s + (f(l) ?? 0), 0);
    const rows = years.map(y => [y, round(sum(y, direction.capacity)), round(sum(y, direction.load)),
      loads.filter(l => l.year === y && (direction.capacity(l) ?? Infinity) < direction.load(l)).length]);
    const name = `${chosen.kind === 'provincie' ? 'provincie' : 'gemeente'} ${chosen.feature.get('name')}`;
    const series = [
      { name: 'Capaciteit', className: 'line--capacity', points: rows.map(r => [r[0], r[1]] as [number, number]) },
      { name: 'Belasting', className: `line--${ctx.scenario}`, points: rows.map(r => [r[0], r[2]] as [number, number]) },
    ];
    const header = ['Jaar', 'Capaciteit (MW)', 'Belasting (MW)', 'Gebieden met tekort'];
    out.append(
      h('p', { text: `${inside.size} energiegebieden met hun middelpunt in ${name}; ${direction.label.toLowerCase()}, scenario ${ctx.scenario}. Opgeteld: een tekort in het ene gebied wordt niet gedekt door ruimte in een ander.` }),
      lineChart(`${direction.label} in ${name}: belasting en capaciteit per jaar`, series, 'MW'), chartKey(series),
      table(`${direction.label} in ${name} per jaar`, header.map((c, i) => ({ header: c, numeric: i > 0, rowHeader: i === 0,
        value: (r: number[]) => i === 0 || i === 3 ? String(r[i]) : mw(r[i]) })), rows),
      csvDownload(`${String(chosen.feature.get('name')).replace(/\W+/g, '-')}-${ctx.direction}.csv`, header, rows));
  };
  select.addEventListener('change', () => void draw());
  if (adminChoice) void draw();
  return h('section', { class: 'admin-overview', 'aria-labelledby': 'kop-overzicht' },
    h('h3', { id: 'kop-overzicht', class: 'utrecht-heading-3', text: 'Per gemeente of provincie' }),
    h('label', { class: 'utrecht-form-label', for: 'overzicht-gebied', text: 'Gemeente of provincie' }), select, out);
}

function containedAreas(admin: Feature, areas: Feature[]): Feature[] {
  const geometry = admin.getGeometry() as Polygon | MultiPolygon | undefined;
  if (!geometry) return [];
  return areas.filter(a => {
    const g = a.getGeometry() as Polygon | MultiPolygon | undefined;
    if (!g) return false;
    const point = g.getType() === 'Polygon' ? (g as Polygon).getInteriorPoint().getCoordinates() : (g as MultiPolygon).getInteriorPoints().getCoordinates()[0];
    return geometry.intersectsCoordinate([point[0], point[1]]);
  });
}
