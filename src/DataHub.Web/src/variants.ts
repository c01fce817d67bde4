// Variants (what-if): shift, scale or drop developments and add capacity to energy areas; the hub computes the
// variant beside the current data ("base") and the comparison: bottlenecks, shortfall, first congested year per area,
// developments delayed and dropped. The map can show the base or the variant: an area is short in the chosen year
// when its first congested year has come.
import { api, ApiError, signedIn } from './api';
import { csvDownload } from './chart';
import { h, present, table } from './dom';
import { mw } from './headroom';
import type { Scenario } from './state';

interface Change { development?: string; shiftYears?: number; scale?: number; drop?: boolean; area?: string; addCapacity?: { year: number; offtakeMw: number; feedInMw: number }[] }
interface StoredChange { development?: string; shiftYears?: number; scale?: number; drop?: boolean; areaShortCode?: string; addCapacity?: { year: number; offtakeMw: number; feedInMw: number }[] }
interface Variant { id: string; name: string; changes: StoredChange[]; createdAt: string }
interface Summary { bottleneckCount: number; totalShortfallMwYears: number; firstCongestedYear: Record<string, number | null>; developmentsDelayed: number; developmentsDropped: number }
interface Comparison { scenario: string; fromYear: number; toYear: number; variants: { id: string; name: string; summary: Summary }[] }

export interface VariantContext {
  scenario: Scenario;
  variant?: string;
  developments: () => { id: string; name: string }[];
  areas: () => { operator: string; shortCode: string }[];
  remember: (id: string | undefined) => void;
  /** Colours the map by the base (null) or by a variant's first congested year per area ("OPERATOR/short code"). */
  showOnMap: (firstCongested: Record<string, number | null> | null, label: string) => void;
}

let pending: Change[] = [];

export async function showVariants(container: HTMLElement, ctx: VariantContext): Promise<void> {
  if (!signedIn()) {
    ctx.showOnMap(null, '');
    container.replaceChildren(h('p', { class: 'notice', text: 'Varianten worden voor uw organisatie bewaard. Kies bovenaan een organisatie om in te loggen.' }));
    return;
  }
  const developments = ctx.developments();
  const devList = h('datalist', { id: 'var-ontwikkelingen' }, ...developments.map(d => h('option', { value: d.name })));
  const dev = h('input', { id: 'var-ontwikkeling', list: 'var-ontwikkelingen', class: 'utrecht-textbox utrecht-textbox--html-input', autocomplete: 'off' });
  const action = h('select', { id: 'var-actie', class: 'utrecht-select utrecht-select--html-select' },
    h('option', { value: 'shift', text: 'Verschuiven (jaren later; negatief is eerder)' }), h('option', { value: 'scale', text: 'Schalen (factor, 0,5 is de helft)' }),
    h('option', { value: 'drop', text: 'Schrappen' }));
  const amount = h('input', { id: 'var-waarde', type: 'number', step: 'any', value: 2, class: 'utrecht-textbox utrecht-textbox--html-input' });
  const addDev = h('button', { type: 'button', class: 'utrecht-button utrecht-button--secondary-action', id: 'var-voeg-ontwikkeling', text: 'Voeg wijziging toe' });
  const area = h('select', { id: 'var-gebied', class: 'utrecht-select utrecht-select--html-select' },
    ...ctx.areas().map(a => h('option', { value: a.shortCode, text: `${a.shortCode} (${a.operator})` })));
  const year = h('input', { id: 'var-jaar', type: 'number', min: 2025, max: 2050, value: 2028, class: 'utrecht-textbox utrecht-textbox--html-input' });
  const offtake = h('input', { id: 'var-afname', type: 'number', min: 0, step: 'any', value: 10, class: 'utrecht-textbox utrecht-textbox--html-input' });
  const feedIn = h('input', { id: 'var-invoeding', type: 'number', min: 0, step: 'any', value: 0, class: 'utrecht-textbox utrecht-textbox--html-input' });
  const addArea = h('button', { type: 'button', class: 'utrecht-button utrecht-button--secondary-action', id: 'var-voeg-capaciteit', text: 'Voeg capaciteit toe' });
  const name = h('input', { id: 'var-naam', type: 'text', required: true, value: 'Mijn variant', class: 'utrecht-textbox utrecht-textbox--html-input' });
  const list = h('div', { id: 'var-wijzigingen' });
  const message = h('p', { role: 'status' });
  const result = h('div', { id: 'var-uitkomst', tabindex: -1 });
  const nameOf = (id?: string) => developments.find(d => d.id === id)?.name ?? id ?? '';

  const drawPending = () => {
    list.replaceChildren(pending.length === 0 ? h('p', { text: 'Nog geen wijzigingen.' }) : table('Wijzigingen in deze variant', [
      { header: 'Wat', rowHeader: true, value: (c: Change) => c.development ? nameOf(c.development) : `Gebied ${c.area}` },
      { header: 'Wijziging', value: c => describe(c) },
      { header: 'Verwijderen', value: c => {
        const b = h('button', { type: 'button', class: 'linkish', text: 'Verwijder' });
        b.addEventListener('click', () => { pending = pending.filter(x => x !== c); drawPending(); });
        return b;
      } },
    ], pending, { id: 'var-lijst' }));
  };
  addDev.addEventListener('click', () => {
    const chosen = developments.find(d => d.name === dev.value.trim());
    if (!chosen) { message.textContent = 'Kies een ontwikkeling uit de lijst (op naam).'; return; }
    const value = Number(amount.value);
    pending.push(action.value === 'drop' ? { development: chosen.id, drop: true }
      : action.value === 'scale' ? { development: chosen.id, scale: value } : { development: chosen.id, shiftYears: Math.round(value) });
    message.textContent = `${chosen.name} toegevoegd.`;
    drawPending();
  });
  addArea.addEventListener('click', () => {
    pending.push({ area: area.value, addCapacity: [{ year: Number(year.value), offtakeMw: Number(offtake.value), feedInMw: Number(feedIn.value) }] });
    message.textContent = `Capaciteit voor ${area.value} toegevoegd.`;
    drawPending();
  });
  const form = h('form', { id: 'var-formulier', novalidate: true },
    h('fieldset', { class: 'utrecht-form-fieldset field' }, h('legend', { class: 'utrecht-form-fieldset__legend', text: 'Een ontwikkeling verschuiven, schalen of schrappen' }),
      devList, h('label', { class: 'utrecht-form-label', for: 'var-ontwikkeling', text: 'Ontwikkeling (typ een deel van de naam)' }), dev,
      h('label', { class: 'utrecht-form-label', for: 'var-actie', text: 'Wijziging' }), action,
      h('label', { class: 'utrecht-form-label', for: 'var-waarde', text: 'Jaren of factor' }), amount, addDev),
    h('fieldset', { class: 'utrecht-form-fieldset field' }, h('legend', { class: 'utrecht-form-fieldset__legend', text: 'Capaciteit toevoegen (een werk)' }),
      h('label', { class: 'utrecht-form-label', for: 'var-gebied', text: 'Energiegebied' }), area,
      h('label', { class: 'utrecht-form-label', for: 'var-jaar', text: 'Vanaf jaar' }), year,
      h('label', { class: 'utrecht-form-label', for: 'var-afname', text: 'Extra afname (MW)' }), offtake,
      h('label', { class: 'utrecht-form-label', for: 'var-invoeding', text: 'Extra invoeding (MW)' }), feedIn, addArea),
    message, list,
    h('div', { class: 'field' }, h('label', { class: 'utrecht-form-label', for: 'var-naam', text: 'Naam van de variant' }), name),
    h('button', { type: 'submit', class: 'utrecht-button utrecht-button--primary-action', text: 'Maak de variant en vergelijk' }));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      const variant = await api<Variant>('/api/v1/variants', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: name.value, changes: pending }) });
      pending = [];
      drawPending();
      ctx.remember(variant.id);
      await compare(result, variant, ctx, nameOf);
      result.focus();
    } catch (err) {
      result.replaceChildren(h('p', { role: 'alert', class: 'error', text: err instanceof ApiError ? `De hub antwoordde: ${err.detail}` : String(err) }));
    }
  });
  drawPending();
  const earlier = (await api<{ items: Variant[] }>('/api/v1/variants')).items;
  const reopen = h('select', { id: 'var-eerder', class: 'utrecht-select utrecht-select--html-select' },
    h('option', { value: '', text: earlier.length ? 'Kies een eerdere variant' : 'Nog geen eerdere varianten' }),
    ...earlier.map(v => h('option', { value: v.id, text: `${v.name} (${new Date(v.createdAt).toLocaleDateString('nl-NL')})` })));
  reopen.addEventListener('change', async () => {
    const v = earlier.find(x => x.id === reopen.value);
    if (!v) return;
    ctx.remember(v.id);
    await compare(result, v, ctx, nameOf);
  });
  container.replaceChildren(
    h('p', { text: 'Wat als een ontwikkeling later komt, kleiner wordt of niet doorgaat, of als de netbeheerder ergens capaciteit toevoegt? Een variant rekent dat door naast de huidige gegevens.' }),
    h('div', { class: 'inline-controls' }, h('label', { class: 'utrecht-form-label', for: 'var-eerder', text: 'Eerdere variant openen' }), reopen),
    form, result);
  const linked = earlier.find(v => v.id === ctx.variant);
  if (linked) { reopen.value = linked.id; await compare(result, linked, ctx, nameOf); }
}

function describe(c: Change | StoredChange): string {
  if (c.drop) return 'geschrapt';
  if (c.shiftYears !== undefined && c.shiftYears !== null) return `${Math.abs(c.shiftYears)} jaar ${c.shiftYears >= 0 ? 'later' : 'eerder'}`;
  if (c.scale !== undefined && c.scale !== null) return `geschaald met factor ${c.scale.toLocaleString('nl-NL')}`;
  return (c.addCapacity ?? []).map(x => `vanaf ${x.year} +${mw(x.offtakeMw)} MW afname, +${mw(x.feedInMw)} MW invoeding`).join('; ');
}

async function compare(result: HTMLElement, variant: Variant, ctx: VariantContext, nameOf: (id?: string) => string) {
  const comparison = await api<Comparison>(`/api/v1/variants/${variant.id}/comparison?with=base&scenario=${ctx.scenario}&fromYear=2025&toYear=2040`);
  const v = comparison.variants.find(x => x.id === variant.id)!.summary;
  const b = comparison.variants.find(x => x.id === 'base')!.summary;
  const rows: [string, number, number][] = [
    ['Knelpunten (gebied × richting)', b.bottleneckCount, v.bottleneckCount],
    ['Tekort opgeteld over de jaren (MW·jaar)', b.totalShortfallMwYears, v.totalShortfallMwYears],
    ['Ontwikkelingen later', b.developmentsDelayed, v.developmentsDelayed],
    ['Ontwikkelingen geschrapt', b.developmentsDropped, v.developmentsDropped],
  ];
  const fmt = (n: number) => Number.isInteger(n) ? String(n) : mw(n);
  const areas = Object.keys({ ...b.firstCongestedYear, ...v.firstCongestedYear }).sort((x, y) => x.localeCompare(y, 'nl'));
  const yearRows = areas.map(a => [a, b.firstCongestedYear[a] ?? null, v.firstCongestedYear[a] ?? null] as [string, number | null, number | null]);
  const changed = yearRows.filter(r => r[1] !== r[2]);
  const toggle = h('fieldset', { class: 'utrecht-form-fieldset field', id: 'var-kaart' },
    h('legend', { class: 'utrecht-form-fieldset__legend', text: 'De kaart toont' }),
    ...(['base', 'variant'] as const).map(which => {
      const input = h('input', { type: 'radio', name: 'var-kaart', value: which, checked: which === 'base' });
      input.addEventListener('change', () => ctx.showOnMap(which === 'base' ? null : v.firstCongestedYear, variant.name));
      return h('label', { class: 'check' }, input, which === 'base' ? ' de huidige gegevens' : ` variant ${variant.name} (tekort of niet, in het gekozen jaar)`);
    }));
  ctx.showOnMap(null, '');
  result.replaceChildren(...present(
    h('h3', { class: 'utrecht-heading-3', id: 'var-kop', text: `Variant ${variant.name} tegen de huidige gegevens (scenario ${comparison.scenario}, ${comparison.fromYear}–${comparison.toYear})` }),
    h('p', { text: `Wijzigingen: ${variant.changes.map(c => `${c.development ? nameOf(c.development) : `gebied ${c.areaShortCode}`} ${describe(c)}`).join('; ') || 'geen'}.` }),
    table('Vergelijking', [
      { header: 'Grootheid', rowHeader: true, value: (r: [string, number, number]) => r[0] },
      { header: 'Huidig', numeric: true, value: r => fmt(r[1]) },
      { header: 'Variant', numeric: true, value: r => fmt(r[2]) },
      { header: 'Verschil', numeric: true, value: r => (r[2] - r[1] > 0 ? '+' : '') + fmt(r[2] - r[1]) },
    ], rows, { id: 'var-vergelijking' }),
    toggle,
    table(`Eerste jaar met tekort per gebied${changed.length ? ` (${changed.length} anders in de variant)` : ' (geen verschil)'}`, [
      { header: 'Gebied', rowHeader: true, value: (r: [string, number | null, number | null]) => r[0].split('/').slice(1).join('/') },
      { header: 'Huidig', numeric: true, value: r => r[1] === null ? 'geen' : String(r[1]) },
      { header: 'Variant', numeric: true, value: r => r[2] === null ? 'geen' : String(r[2]) },
      { header: 'Anders', value: r => r[1] !== r[2] ? 'ja' : '' },
    ], yearRows, { id: 'var-jaren' }),
    csvDownload(`variant-${variant.id.slice(0, 8)}.csv`, ['Gebied', 'Eerste tekort huidig', 'Eerste tekort variant'], yearRows)));
}
