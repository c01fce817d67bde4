// The view in the URL's fragment (#jaar=2031&scenario=expected&…), so a link opens the same view.

export type Scenario = 'committed' | 'expected' | 'ambition';
export type Direction = 'offtake' | 'feedIn';
export type Layer = 'achtergrond' | 'gebieden' | 'ontwikkelingen' | 'stations' | 'werken' | 'provincies' | 'resregios' | 'gemeenten' | 'pmiek';
export type View = 'knelpunten' | 'gebieden' | 'ontwikkelingen' | 'quickscan' | 'varianten' | 'pmiek' | 'aanleveren';

export interface ViewState {
  year: number;
  scenario: Scenario;
  direction: Direction;
  layers: Set<Layer>;
  center?: [number, number];
  zoom?: number;
  area?: string;
  view: View;
  /** The selected pMIEK project. */
  project?: string;
  /** The quickscan shown (the organisation's own). */
  quickscan?: string;
  /** The variant compared (the organisation's own). */
  variant?: string;
  filters: Record<'planType' | 'sector' | 'certainty' | 'owner', string>;
}

export const MIN_YEAR = 2025;
export const MAX_YEAR = 2050;
const SCENARIOS: Scenario[] = ['committed', 'expected', 'ambition'];
const LAYERS: Layer[] = ['achtergrond', 'gebieden', 'ontwikkelingen', 'stations', 'werken', 'pmiek', 'provincies', 'resregios', 'gemeenten'];
const VIEWS: View[] = ['knelpunten', 'gebieden', 'ontwikkelingen', 'quickscan', 'varianten', 'pmiek', 'aanleveren'];
const FILTERS = ['planType', 'sector', 'certainty', 'owner'] as const;

export function defaults(): ViewState {
  return { year: 2030, scenario: 'committed', direction: 'offtake', layers: new Set<Layer>(['achtergrond', 'gebieden', 'ontwikkelingen', 'stations', 'werken', 'pmiek', 'provincies']), view: 'knelpunten',
    filters: { planType: '', sector: '', certainty: '', owner: '' } };
}

export function readState(hash: string): ViewState {
  const s = defaults();
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const year = Number(p.get('jaar'));
  if (Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR) s.year = year;
  const scenario = p.get('scenario') as Scenario;
  if (SCENARIOS.includes(scenario)) s.scenario = scenario;
  if (p.get('richting') === 'invoeding') s.direction = 'feedIn';
  if (p.has('lagen')) s.layers = new Set(p.get('lagen')!.split(',').filter((l): l is Layer => LAYERS.includes(l as Layer)));
  const center = (p.get('midden') ?? '').split(',').map(Number);
  if (center.length === 2 && center.every(Number.isFinite)) s.center = [center[0], center[1]];
  const zoom = Number(p.get('zoom'));
  if (p.has('zoom') && Number.isFinite(zoom)) s.zoom = zoom;
  if (p.get('gebied')) s.area = p.get('gebied')!;
  if (VIEWS.includes(p.get('weergave') as View)) s.view = p.get('weergave') as View;
  if (p.get('project')) s.project = p.get('project')!;
  if (p.get('quickscan')) s.quickscan = p.get('quickscan')!;
  if (p.get('variant')) s.variant = p.get('variant')!;
  for (const key of FILTERS) s.filters[key] = (p.get(key) ?? '').slice(0, 64);
  return s;
}

export function writeState(s: ViewState): string {
  const p = new URLSearchParams();
  p.set('jaar', String(s.year));
  p.set('scenario', s.scenario);
  p.set('richting', s.direction === 'feedIn' ? 'invoeding' : 'afname');
  p.set('lagen', LAYERS.filter(l => s.layers.has(l)).join(','));
  if (s.center) p.set('midden', s.center.map(c => Math.round(c)).join(','));
  if (s.zoom !== undefined) p.set('zoom', s.zoom.toFixed(2));
  if (s.area) p.set('gebied', s.area);
  p.set('weergave', s.view);
  if (s.project) p.set('project', s.project);
  if (s.quickscan) p.set('quickscan', s.quickscan);
  if (s.variant) p.set('variant', s.variant);
  for (const key of FILTERS) if (s.filters[key]) p.set(key, s.filters[key]);
  return '#' + p.toString();
}
