// Headroom of an energy area in a year, scenario and direction, from GET /api/v1/area-loads, and how it is shown:
// a colour-blind-safe colour (Okabe–Ito), a pattern and a word, never colour alone.

export interface AreaLoad {
  area: { id: string; operator: string; shortCode: string };
  year: number;
  scenario: string;
  peakOfftakeMw: number;
  peakFeedInMw: number;
  availableOfftakeMw: number | null;
  availableFeedInMw: number | null;
}

export type Condition = 'ruimte' | 'krap' | 'tekort' | 'onbekend';

export interface Headroom { capacityMw: number | null; loadMw: number; headroomMw: number | null; condition: Condition; /** The map's label instead of the MW (a variant). */ note?: string }

export function headroomOf(load: AreaLoad, direction: 'offtake' | 'feedIn'): Headroom {
  const capacity = direction === 'offtake' ? load.availableOfftakeMw : load.availableFeedInMw;
  const peak = direction === 'offtake' ? load.peakOfftakeMw : load.peakFeedInMw;
  if (capacity === null || capacity === undefined) return { capacityMw: null, loadMw: peak, headroomMw: null, condition: 'onbekend' };
  const headroom = capacity - peak;
  const condition: Condition = headroom < 0 ? 'tekort' : headroom < 0.2 * capacity ? 'krap' : 'ruimte';
  return { capacityMw: capacity, loadMw: peak, headroomMw: headroom, condition };
}

export const CONDITIONS: Record<Condition, { label: string; colour: string; pattern: 'none' | 'dots' | 'hatch' | 'cross' }> = {
  ruimte: { label: 'Ruimte (meer dan 20 % over)', colour: '#0072B2', pattern: 'none' },
  krap: { label: 'Krap (minder dan 20 % over)', colour: '#E69F00', pattern: 'dots' },
  tekort: { label: 'Tekort (belasting boven capaciteit)', colour: '#D55E00', pattern: 'hatch' },
  onbekend: { label: 'Capaciteit onbekend', colour: '#999999', pattern: 'cross' },
};

const nl = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
export const mw = (v: number | null): string => (v === null ? '–' : nl.format(v));
