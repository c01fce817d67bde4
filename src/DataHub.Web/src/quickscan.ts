// The quickscan: a place (clicked on the map, or the map's centre for keyboard use), a kind and size (or MW) and a
// year; the hub's verdict, the headroom per year and scenario of the areas it lands in, and the alternatives nearby,
// drawn on the map. A quickscan is kept for the organisation and opens again from the link.
import { api, ApiError, signedIn } from './api';
import { csvDownload } from './chart';
import { KINDS, UNITS } from './codes';
import { h, present, table } from './dom';
import { mw } from './headroom';

interface HeadroomYear { year: number; scenario: string; availableMw: number | null; loadMw: number; headroomMw: number | null }
interface QuickscanArea { areaId: string; operator: string; shortCode: string; share: number; addedMw: number; headroom: HeadroomYear[]; verdict: string }
interface Alternative { areaId: string; operator: string; shortCode: string; distanceKm: number; headroomMw: number }
export interface Quickscan {
  id: string; createdAt: string; kind: string; year: number; peakOfftakeMw: number; peakFeedInMw: number;
  outcome: { direction: 'offtake' | 'feedIn'; addedPeakMw: number; areas: QuickscanArea[]; verdict: string; alternatives: Alternative[] };
}

export interface QuickscanContext {
  year: number;
  quickscan?: string;
  /** Asks for a point: a click on the map (resolves with RD New coordinates). */
  pickOnMap: () => Promise<[number, number]>;
  mapCentre: () => [number, number];
  /** Draws the place and the alternatives on the map (null clears it); answers how many shapes it drew. */
  draw: (place: [number, number] | null, alternatives: Alternative[]) => number;
  remember: (id: string | undefined) => void;
  openArea: (areaId: string) => void;
}

const VERDICTS: Record<string, string> = {
  fits: 'Past: er is ruimte op het net',
  tight: 'Krap: het past, maar er blijft minder dan 10 % over',
  doesNotFit: 'Past niet: het net heeft hier te weinig ruimte',
  outsideKnownAreas: 'Onbekend: deze plek ligt buiten de energiegebieden die de hub kent',
};
const SCENARIOS = [['committed', 'vastgesteld'], ['expected', 'verwacht'], ['ambition', 'ambitie']] as const;

let place: [number, number] | null = null;

export async function showQuickscanForm(container: HTMLElement, ctx: QuickscanContext): Promise<void> {
  if (!signedIn()) {
    ctx.draw(null, []);
    container.replaceChildren(h('p', { class: 'notice', text: 'Een quickscan wordt voor uw organisatie bewaard. Kies bovenaan een organisatie om in te loggen.' }));
    return;
  }
  const kind = h('select', { id: 'qs-soort', class: 'utrecht-select utrecht-select--html-select', required: true },
    ...Object.entries(KINDS).map(([code, k]) => h('option', { value: code, text: k.label })));
  kind.value = 'chargingHub';
  const size = h('input', { id: 'qs-omvang', type: 'number', min: 0, step: 'any', value: 40, class: 'utrecht-textbox utrecht-textbox--html-input', 'aria-describedby': 'qs-eenheid' });
  const unit = h('span', { id: 'qs-eenheid', text: UNITS[KINDS[kind.value].unit] });
  kind.addEventListener('change', () => { unit.textContent = UNITS[KINDS[kind.value].unit]; });
  const byMw = h('input', { id: 'qs-vermogen', type: 'checkbox' });
  const offtake = h('input', { id: 'qs-afname', type: 'number', min: 0, step: 'any', class: 'utrecht-textbox utrecht-textbox--html-input', disabled: true });
  const feedIn = h('input', { id: 'qs-invoeding', type: 'number', min: 0, step: 'any', class: 'utrecht-textbox utrecht-textbox--html-input', disabled: true });
  byMw.addEventListener('change', () => { offtake.disabled = feedIn.disabled = !byMw.checked; size.disabled = byMw.checked; });
  const year = h('select', { id: 'qs-jaar', class: 'utrecht-select utrecht-select--html-select' },
    ...Array.from({ length: 26 }, (_, i) => h('option', { value: 2025 + i, text: String(2025 + i) })));
  year.value = String(ctx.year);
  const where = h('p', { id: 'qs-plek', 'aria-live': 'polite', text: place ? placeText(place) : 'Nog geen plek gekozen.' });
  const pick = h('button', { type: 'button', class: 'utrecht-button utrecht-button--secondary-action', id: 'qs-kies', text: 'Kies een plek op de kaart' });
  const centre = h('button', { type: 'button', class: 'utrecht-button utrecht-button--secondary-action', id: 'qs-midden', text: 'Gebruik het midden van de kaart' });
  pick.addEventListener('click', async () => {
    where.textContent = 'Klik op de kaart om een plek te kiezen…';
    place = await ctx.pickOnMap();
    where.textContent = placeText(place);
    ctx.draw(place, []);
  });
  centre.addEventListener('click', () => { place = ctx.mapCentre(); where.textContent = placeText(place); ctx.draw(place, []); });
  const result = h('div', { id: 'qs-uitkomst', tabindex: -1 });
  const form = h('form', { id: 'qs-formulier', class: 'quickscan-form', novalidate: true },
    h('fieldset', { class: 'utrecht-form-fieldset field' }, h('legend', { class: 'utrecht-form-fieldset__legend', text: 'Plek' }),
      where, h('div', { class: 'inline-controls' }, pick, centre)),
    h('div', { class: 'field' }, h('label', { class: 'utrecht-form-label', for: 'qs-soort', text: 'Soort ontwikkeling' }), kind),
    h('div', { class: 'field' }, h('label', { class: 'utrecht-form-label', for: 'qs-omvang', text: 'Omvang' }), h('div', { class: 'inline-controls' }, size, unit)),
    h('div', { class: 'field' }, h('label', { class: 'check' }, byMw, ' Geef het vermogen zelf op (MW) in plaats van de omvang'),
      h('label', { class: 'utrecht-form-label', for: 'qs-afname', text: 'Piek afname (MW)' }), offtake,
      h('label', { class: 'utrecht-form-label', for: 'qs-invoeding', text: 'Piek invoeding (MW)' }), feedIn),
    h('div', { class: 'field' }, h('label', { class: 'utrecht-form-label', for: 'qs-jaar', text: 'Jaar' }), year),
    h('button', { type: 'submit', class: 'utrecht-button utrecht-button--primary-action', text: 'Doe de quickscan' }));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    if (!place) { result.replaceChildren(h('p', { role: 'alert', class: 'error', text: 'Kies eerst een plek: klik op de kaart of gebruik het midden van de kaart.' })); return; }
    const body: Record<string, unknown> = { geometry: { type: 'Point', coordinates: place }, kind: kind.value, year: Number(year.value) };
    if (byMw.checked) {
      if (offtake.value) body.peakOfftakeMw = Number(offtake.value);
      if (feedIn.value) body.peakFeedInMw = Number(feedIn.value);
    } else body.quantity = { value: Number(size.value), unit: KINDS[kind.value].unit };
    try {
      const scan = await api<Quickscan>('/api/v1/quickscans', {
        method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Crs': 'EPSG:28992' }, body: JSON.stringify(body),
      });
      ctx.remember(scan.id);
      showOutcome(result, scan, ctx);
      result.focus();
    } catch (err) {
      result.replaceChildren(h('p', { role: 'alert', class: 'error', text: err instanceof ApiError ? `De hub antwoordde: ${err.detail}` : String(err) }));
    }
  });
  container.replaceChildren(h('p', { text: 'Past een nieuwe ontwikkeling hier op het net? De hub telt haar piek op bij de belasting van het energiegebied waar zij ligt en zoekt anders een plek in de buurt waar zij wel past.' }), form, result);
  if (ctx.quickscan) {
    try { const scan = await api<Quickscan>(`/api/v1/quickscans/${ctx.quickscan}`); showOutcome(result, scan, ctx); }
    catch { ctx.remember(undefined); }
  }
}

function placeText(p: [number, number]): string {
  return `Gekozen plek: x ${Math.round(p[0]).toLocaleString('nl-NL')}, y ${Math.round(p[1]).toLocaleString('nl-NL')} (RD).`;
}

function showOutcome(result: HTMLElement, scan: Quickscan, ctx: QuickscanContext) {
  const o = scan.outcome;
  const direction = o.direction === 'offtake' ? 'afname' : 'invoeding';
  result.dataset.opKaart = String(ctx.draw(place, o.alternatives));
  const areaButton = (id: string, name: string) => {
    const b = h('button', { type: 'button', class: 'linkish', text: name });
    b.addEventListener('click', () => ctx.openArea(id));
    return b;
  };
  const main = o.areas[0];
  const years = main ? [...new Set(main.headroom.map(x => x.year))].sort((a, b) => a - b) : [];
  const cell = (year: number, scenario: string) => main?.headroom.find(x => x.year === year && x.scenario === scenario)?.headroomMw ?? null;
  const header = ['Jaar', ...SCENARIOS.map(([, label]) => `Ruimte ${label} (MW)`)];
  const rows = years.map(y => [y, ...SCENARIOS.map(([id]) => { const v = cell(y, id); return v === null ? null : Math.round(v * 100) / 100; })]);
  result.replaceChildren(...present(
    h('h3', { class: 'utrecht-heading-3', text: 'Uitkomst' }),
    h('p', { class: `verdict verdict--${o.verdict}`, id: 'qs-oordeel', text: `${VERDICTS[o.verdict] ?? o.verdict} in ${scan.year} (scenario verwacht).` }),
    h('p', { text: `${KINDS[scan.kind]?.label ?? scan.kind}: ${mw(o.addedPeakMw)} MW gelijktijdige piek ${direction} (${mw(scan.peakOfftakeMw)} MW afname en ${mw(scan.peakFeedInMw)} MW invoeding vóór gelijktijdigheid).` }),
    o.areas.length ? table('Energiegebieden waar de plek in ligt', [
      { header: 'Gebied', rowHeader: true, value: (a: QuickscanArea) => areaButton(a.areaId, a.shortCode) },
      { header: 'Aandeel', numeric: true, value: a => `${Math.round(a.share * 100)} %` },
      { header: 'Erbij (MW)', numeric: true, value: a => mw(a.addedMw) },
      { header: 'Oordeel', value: a => VERDICTS[a.verdict]?.split(':')[0] ?? a.verdict },
    ], o.areas, { id: 'qs-gebieden' }) : null,
    main ? table(`Ruimte in ${main.shortCode} met deze ontwikkeling erbij, per jaar en scenario (${direction})`,
      header.map((c, i) => ({ header: c, numeric: i > 0, rowHeader: i === 0, value: (r: (number | null)[]) => (i === 0 ? String(r[0]) : mw(r[i])) })), rows, { id: 'qs-ruimte' }) : null,
    main ? csvDownload(`quickscan-${scan.id.slice(0, 8)}.csv`, header, rows) : null,
    o.alternatives.length ? table('Alternatieven in de buurt waar het wel past (op de kaart met een stippellijn)', [
      { header: 'Gebied', rowHeader: true, value: (a: Alternative) => areaButton(a.areaId, a.shortCode) },
      { header: 'Afstand (km)', numeric: true, value: a => a.distanceKm.toLocaleString('nl-NL', { maximumFractionDigits: 1 }) },
      { header: `Ruimte in ${scan.year} erna (MW)`, numeric: true, value: a => mw(a.headroomMw) },
    ], o.alternatives, { id: 'qs-alternatieven' })
      : o.verdict !== 'fits' ? h('p', { text: 'Binnen 50 km is geen energiegebied gevonden waar deze ontwikkeling wel past.' }) : null));
}
