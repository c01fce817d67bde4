// Submitting data: a file of developments (GeoJSON or CSV), or a grid operator's capacity map or area boundaries,
// first as a dry run (the hub validates everything and says what would change, or lists every error against its
// feature or row), then for real; and the organisation's past development imports with what each did.
import { api, ApiError, signedIn } from './api';
import { h, present, table } from './dom';

interface FieldError { pointer: string; code: string; message: string; index?: number; row?: number; column?: string }
interface Report { id?: string | null; dryRun?: boolean; featureCount?: number; created?: number; updated: number; unchanged: number; createdAt?: string; format?: string }

const KINDS = {
  developments: { label: 'Ontwikkelingen (GeoJSON of CSV)', path: '/api/v1/development-imports', accept: '.geojson,.json,.csv' },
  capacityMap: { label: 'Capaciteitskaart (JSON, im-capaciteitskaart; alleen netbeheerders)', path: '/api/v1/capacity-map-imports', accept: '.json' },
  energyAreas: { label: 'Grenzen en capaciteit per jaar van energiegebieden (GeoJSON; alleen netbeheerders)', path: '/api/v1/energy-area-imports', accept: '.geojson,.json' },
} as const;
type Kind = keyof typeof KINDS;

class UploadRefused extends Error {
  constructor(public status: number, public detail: string, public errors: FieldError[]) { super(detail); }
}

async function send(kind: Kind, file: File, crs: string, dryRun: boolean): Promise<Report> {
  const csv = file.name.toLowerCase().endsWith('.csv');
  const type = kind === 'capacityMap' ? 'application/json' : csv ? 'text/csv' : 'application/geo+json';
  const headers: Record<string, string> = { 'Content-Type': type, Accept: 'application/json, application/problem+json' };
  if (kind !== 'capacityMap') headers['Content-Crs'] = crs;
  const token = sessionStorage.getItem('datahub.token');
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(`${KINDS[kind].path}${dryRun ? '?dryRun=true' : ''}`, { method: 'POST', headers, body: file });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new UploadRefused(response.status, body.detail ?? body.title ?? `${response.status}`, body.errors ?? []);
  return body as Report;
}

/** Where an error is: the feature (GeoJSON, numbered from 1 as a person counts) or the CSV row, and the field. */
function place(e: FieldError): [string, string] {
  if (e.row !== undefined) return [`Rij ${e.row}`, e.column ?? '–'];
  const m = /^\/features\/(\d+)(?:\/(.*))?$/.exec(e.pointer);
  if (m) return [`Object ${Number(m[1]) + 1}`, m[2] ?? '(het hele object)'];
  return ['Bestand', e.pointer || '(het hele bestand)'];
}

function summary(r: Report): string {
  const parts = [r.created !== undefined ? `${r.created} nieuw` : null, `${r.updated} gewijzigd`, `${r.unchanged} ongewijzigd`].filter(Boolean);
  return `${r.featureCount !== undefined ? `${r.featureCount} objecten: ` : ''}${parts.join(', ')}`;
}

export async function showUpload(container: HTMLElement): Promise<void> {
  const who = signedIn();
  if (!who) { container.replaceChildren(h('p', { class: 'notice', text: 'Aanleveren kan na inloggen. Kies bovenaan een organisatie met de rol Submitter.' })); return; }
  if (!who.roles.includes('Submitter')) {
    container.replaceChildren(h('p', { class: 'notice', text: `${who.organisation} is ingelogd zonder de rol Submitter en kan daarom niet aanleveren.` }));
    return;
  }
  const kind = h('select', { id: 'upload-soort', class: 'utrecht-select utrecht-select--html-select' },
    ...Object.entries(KINDS).map(([id, k]) => h('option', { value: id, text: k.label })));
  const file = h('input', { id: 'upload-bestand', type: 'file', accept: KINDS.developments.accept, class: 'utrecht-textbox' });
  const crs = h('select', { id: 'upload-crs', class: 'utrecht-select utrecht-select--html-select' },
    h('option', { value: 'CRS84', text: 'WGS 84 lengte/breedte (CRS84, de GeoJSON-standaard)' }),
    h('option', { value: 'EPSG:28992', text: 'RD New (EPSG:28992)' }), h('option', { value: 'EPSG:4258', text: 'ETRS89 (EPSG:4258)' }));
  kind.addEventListener('change', () => { file.accept = KINDS[kind.value as Kind].accept; crs.disabled = kind.value === 'capacityMap'; reset(); });
  const check = h('button', { type: 'submit', class: 'utrecht-button utrecht-button--primary-action', text: 'Controleer (proefimport)' });
  const commit = h('button', { type: 'button', id: 'upload-definitief', class: 'utrecht-button utrecht-button--secondary-action', disabled: true, text: 'Importeer definitief' });
  const outcome = h('div', { id: 'upload-uitkomst', tabindex: -1, 'aria-live': 'polite' });
  const past = h('div', { id: 'upload-eerder' });
  let checked: File | null = null;
  const reset = () => { checked = null; commit.disabled = true; };
  file.addEventListener('change', reset);

  const form = h('form', { id: 'upload-formulier', novalidate: true },
    h('div', { class: 'field' }, h('label', { class: 'utrecht-form-label', for: 'upload-soort', text: 'Wat levert u aan?' }), kind),
    h('div', { class: 'field' }, h('label', { class: 'utrecht-form-label', for: 'upload-bestand', text: 'Bestand' }), file),
    h('div', { class: 'field' }, h('label', { class: 'utrecht-form-label', for: 'upload-crs', text: 'Coördinatenstelsel van het bestand' }), crs),
    h('div', { class: 'inline-controls' }, check, commit));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    reset();
    const chosen = file.files?.[0];
    if (!chosen) { outcome.replaceChildren(h('p', { role: 'alert', class: 'error', text: 'Kies eerst een bestand.' })); return; }
    try {
      const report = await send(kind.value as Kind, chosen, crs.value, true);
      checked = chosen;
      commit.disabled = false;
      outcome.replaceChildren(h('p', { class: 'verdict', id: 'upload-proef', text: `Proefimport zonder fouten: ${summary(report)}. Er is nog niets opgeslagen.` }));
    } catch (err) { refused(outcome, err); }
    outcome.focus();
  });
  commit.addEventListener('click', async () => {
    if (!checked) return;
    try {
      const report = await send(kind.value as Kind, checked, crs.value, false);
      outcome.replaceChildren(h('p', { class: 'verdict', id: 'upload-klaar', text: `Geïmporteerd: ${summary(report)}.` }));
      reset();
      await pastImports(past);
    } catch (err) { refused(outcome, err); }
    outcome.focus();
  });
  container.replaceChildren(
    h('p', { text: 'Een import is alles of niets: bevat het bestand één fout, dan wordt niets opgeslagen. Controleer het daarom eerst; de hub noemt elke fout bij het object of de rij waar zij zit.' }),
    form, outcome, past);
  await pastImports(past);
}

function refused(outcome: HTMLElement, err: unknown) {
  if (!(err instanceof UploadRefused)) { outcome.replaceChildren(h('p', { role: 'alert', class: 'error', text: err instanceof ApiError ? err.detail : String(err) })); return; }
  const errors = [...err.errors].sort((a, b) => (a.row ?? a.index ?? -1) - (b.row ?? b.index ?? -1));
  outcome.replaceChildren(...present(
    h('p', { role: 'alert', class: 'error', id: 'upload-geweigerd', text: `Niet geïmporteerd, er is niets opgeslagen: ${err.detail}` }),
    errors.length ? table(`${errors.length} ${errors.length === 1 ? 'fout' : 'fouten'} in het bestand`, [
      { header: 'Waar', rowHeader: true, value: (e: FieldError) => place(e)[0] },
      { header: 'Veld', value: e => place(e)[1] },
      { header: 'Fout', value: e => e.message },
      { header: 'Code', value: e => e.code },
    ], errors, { id: 'upload-fouten' }) : null));
}

async function pastImports(container: HTMLElement) {
  const list = await api<{ items: Report[] }>('/api/v1/development-imports');
  container.replaceChildren(h('h3', { class: 'utrecht-heading-3', text: 'Eerdere imports van ontwikkelingen' }),
    list.items.length === 0 ? h('p', { text: 'Uw organisatie heeft nog geen ontwikkelingen geïmporteerd.' })
      : table('Eerdere imports van uw organisatie, nieuwste eerst', [
        { header: 'Moment', rowHeader: true, value: (r: Report) => new Date(r.createdAt!).toLocaleString('nl-NL', { dateStyle: 'medium', timeStyle: 'short' }) },
        { header: 'Formaat', value: r => (r.format ?? '').toUpperCase() },
        { header: 'Objecten', numeric: true, value: r => String(r.featureCount ?? '') },
        { header: 'Nieuw', numeric: true, value: r => String(r.created ?? '') },
        { header: 'Gewijzigd', numeric: true, value: r => String(r.updated) },
        { header: 'Ongewijzigd', numeric: true, value: r => String(r.unchanged) },
      ], list.items, { id: 'upload-lijst' }));
}
