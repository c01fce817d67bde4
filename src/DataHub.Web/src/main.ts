import '@utrecht/component-library-css';
import '@utrecht/design-tokens/dist/index.css';
import './style.css';
import type Feature from 'ol/Feature';
import { api, ApiError, setSession, signedIn, VIA_KEY } from './api';
import { type AreaLoad, CONDITIONS, type Condition, headroomOf, mw } from './headroom';
import { createMap, DECISION_MARKS, readFeatures, readGeometry, SECTOR_COLOURS, STATUS_LABELS, type Status } from './map';
import { type Layer, readState, type Scenario, type View, type ViewState, writeState } from './state';
import FeatureClass from 'ol/Feature';
import { type EnergyArea, showDevelopment, showPassport } from './passport';
import { showBottlenecks } from './bottlenecks';
import type { Project } from './programme';
import { bindTabs } from './tabs';
import { completeEntraSignIn, type EntraSettings, signOutEntra, startEntraSignIn } from './entra';
import Point from 'ol/geom/Point';
import type { MultiPolygon, Polygon } from 'ol/geom';
import { intersects } from 'ol/extent';
import { CERTAINTIES, options, PLAN_TYPES, SECTORS } from './codes';

interface Station { id: string; operator: string; code: string; name: string; energyAreaShortCode?: string; geometry?: object }
interface DemoIdentity { organisation: string; name: string; type: string; roles: string[]; description: string }
interface SignInOptions { local?: { identities: DemoIdentity[] } | null; entraId?: EntraSettings | null }
interface Collection { type: 'FeatureCollection'; features: unknown[]; numberMatched?: number }

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const state: ViewState = readState(location.hash);
const linkedView = state.center !== undefined; // a link names the extent; otherwise the map fits the data once it is in
const { map, layers } = createMap($('kaart'), () => state.area);
/** Area loads per scenario: every year 2025–2050 for a province; at national scale only the years asked for. */
const loads = new Map<Scenario, AreaLoad[]>();
const loadedYears = new Map<Scenario, Set<number>>();
/** Above this many energy areas the map asks for one year at a time (3,000 areas × 26 years is 20 MB of JSON). */
const PER_YEAR_ABOVE = 300;
/** When more developments match than this, they are drawn only for the part of the map in view, once zoomed in. */
const DEVELOPMENTS_AT_ONCE = 1000;
/** The widest view (metres) in which developments are drawn at national scale. */
const DEVELOPMENTS_VIEW_WIDTH = 60_000;
let developmentsByView = false;
/** Set while the map is too wide for the developments themselves: they are drawn as the hub's vector tiles instead. */
let developmentsAsTiles = false;
/** The tile layer, made (and its code loaded) the first time it is needed. */
let developmentTileLayer: import('ol/layer/VectorTile').default | undefined;
let developmentsMatched = 0;
let areas: EnergyArea[] = [];
let stations: Station[] = [];
let fitted = false;
const SCENARIO_LABELS: Record<Scenario, string> = { committed: 'vastgesteld', expected: 'verwacht', ambition: 'ambitie' };

function status(text: string) { $('status').textContent = text; }

function saveState() {
  const view = map.getView();
  const center = view.getCenter();
  state.center = center ? [center[0], center[1]] : undefined;
  state.zoom = view.getZoom();
  history.replaceState(null, '', writeState(state));
}

// --- controls -------------------------------------------------------------------------------------------------------
function bindControls() {
  const year = $<HTMLInputElement>('jaar');
  year.value = String(state.year);
  $('jaar-waarde').textContent = String(state.year);
  year.addEventListener('input', () => { state.year = Number(year.value); $('jaar-waarde').textContent = year.value; void loadLoads(); saveState(); });
  const scenario = $<HTMLSelectElement>('scenario');
  scenario.value = state.scenario;
  scenario.addEventListener('change', async () => { state.scenario = scenario.value as Scenario; await loadLoads(); saveState(); });
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name=richting]')) {
    radio.checked = radio.value === state.direction;
    radio.addEventListener('change', () => { state.direction = radio.value as ViewState['direction']; recolour(); saveState(); });
  }
  for (const box of document.querySelectorAll<HTMLInputElement>('input[name=laag]')) {
    box.checked = state.layers.has(box.value as Layer);
    box.addEventListener('change', () => {
      if (box.checked) state.layers.add(box.value as Layer); else state.layers.delete(box.value as Layer);
      applyLayers(); saveState();
    });
  }
  const filters: [string, keyof ViewState['filters'], Record<string, string> | null][] = [
    ['filter-plantype', 'planType', PLAN_TYPES], ['filter-sector', 'sector', SECTORS], ['filter-zekerheid', 'certainty', CERTAINTIES], ['filter-eigenaar', 'owner', null],
  ];
  for (const [id, key, codes] of filters) {
    const control = $<HTMLSelectElement | HTMLInputElement>(id);
    if (codes) control.innerHTML = options(codes, 'Alle');
    control.value = state.filters[key];
    control.addEventListener('change', async () => {
      state.filters[key] = control.value.trim();
      saveState();
      await loadDevelopments();
    });
  }
  $('zoeken').addEventListener('submit', e => { e.preventDefault(); void search($<HTMLInputElement>('zoekterm').value); });
  let moved: number | undefined;
  map.on('moveend', () => {
    saveState();
    if (state.view === 'knelpunten') void renderView();
    if (developmentsByView) { clearTimeout(moved); moved = window.setTimeout(() => void loadDevelopments(), 250); }
  });
  const activateTab = bindTabs($('tabs'), state.view, id => { state.view = id as View; saveState(); void renderView(); });
  showView = view => { activateTab(view); state.view = view; saveState(); void renderView(); };
  map.on('singleclick', e => {
    if (pickPlace) { const resolve = pickPlace; pickPlace = null; resolve([e.coordinate[0], e.coordinate[1]]); return; }
    const project = map.forEachFeatureAtPixel(e.pixel, f => f, { layerFilter: l => l === layers.projects });
    if (project) { state.project = String(project.getId()); showView('pmiek'); return; }
    const development = map.forEachFeatureAtPixel(e.pixel, f => f, { layerFilter: l => l === layers.developments || l === developmentTileLayer });
    if (development) { void openDevelopment(String(development.getId() ?? development.get('id'))); return; }
    const hit = map.forEachFeatureAtPixel(e.pixel, f => f, { layerFilter: l => l === layers.areas });
    if (hit) select(hit.get('id') as string, false);
  });
  window.addEventListener('hashchange', () => location.reload());
  // One listener for the areas' table (three thousand rows at national scale), not one per row.
  $('gebieden-rijen').addEventListener('click', e => {
    const button = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-select]');
    if (button) select(button.dataset.select!, true);
  });
  // The fragment holds the view, so the skip link moves the focus itself instead of changing the fragment.
  $('naar-overzichten').addEventListener('click', e => {
    e.preventDefault();
    document.querySelector<HTMLElement>('#tabs [aria-selected=true]')?.focus();
  });
}

let showView: (view: View) => void = () => {};
/** When set, the areas are coloured by a variant: short in the chosen year once its first congested year has come. */
let variantOverlay: { first: Record<string, number | null>; label: string } | null = null;
/** Set while the quickscan waits for a click on the map. */
let pickPlace: ((p: [number, number]) => void) | null = null;

/** Draws the open tab's content: bottlenecks and the pMIEK are built on demand (the areas and developments always are). */
async function renderView() {
  if (state.view !== 'varianten' && variantOverlay) { variantOverlay = null; recolour(); } // the variant's map belongs to its tab
  try {
    if (state.view === 'knelpunten') await showBottlenecks($('knelpunten-inhoud'), {
      scenario: state.scenario, direction: state.direction, year: state.year,
      inView: () => {
        const extent = map.getView().calculateExtent(map.getSize());
        return new Set((layers.areas.getSource()!.getFeatures() as Feature[]).filter(f => intersects(f.getGeometry()!.getExtent(), extent)).map(f => f.get('id') as string));
      },
      areaFeatures: () => layers.areas.getSource()!.getFeatures() as Feature[],
      adminAreas: () => [
        ...(layers.provinces.getSource()!.getFeatures() as Feature[]).map(feature => ({ kind: 'provincie' as const, feature })),
        ...(layers.municipalities.getSource()!.getFeatures() as Feature[]).map(feature => ({ kind: 'gemeente' as const, feature })),
      ],
      loads: async () => { await loadLoads(false, true); return loads.get(state.scenario) ?? []; },
      select: id => select(id, true, true),
    });
    // The tools behind the other tabs load when their tab opens (the first view carries the map and the bottlenecks only).
    if (state.view === 'quickscan') await (await import('./quickscan')).showQuickscanForm($('quickscan-inhoud'), {
      year: state.year, quickscan: state.quickscan,
      pickOnMap: () => { status('Klik op de kaart om de plek voor de quickscan te kiezen.'); return new Promise(resolve => { pickPlace = resolve; }); },
      mapCentre: () => { const c = map.getView().getCenter()!; return [c[0], c[1]]; },
      draw: drawQuickscan,
      remember: id => { state.quickscan = id; saveState(); },
      openArea: id => select(id, true, true),
    });
    if (state.view === 'aanleveren') await (await import('./upload')).showUpload($('aanleveren-inhoud'));
    if (state.view === 'varianten') await (await import('./variants')).showVariants($('varianten-inhoud'), {
      scenario: state.scenario, variant: state.variant,
      developments: () => (layers.developments.getSource()!.getFeatures() as Feature[]).map(f => ({ id: String(f.getId()), name: String(f.get('name') ?? f.getId()) })),
      areas: () => areas.map(a => ({ operator: a.operator, shortCode: a.shortCode })),
      remember: id => { state.variant = id; saveState(); },
      showOnMap: (first, label) => { variantOverlay = first ? { first, label } : null; recolour(); },
    });
    if (state.view === 'pmiek') await (await import('./programme')).showProgramme($('pmiek-inhoud'), {
      project: state.project,
      showOnMap: showProjects,
      selectProject: p => {
        state.project = p?.id;
        const f = p && layers.projects.getSource()!.getFeatureById(p.id);
        const point = f?.getGeometry()?.getExtent();
        if (point) map.getView().setCenter([(point[0] + point[2]) / 2, (point[1] + point[3]) / 2]); // where it is, at the zoom the user chose
        saveState();
      },
      openArea: id => select(id, true, true),
      areaName: id => areas.find(a => a.id === id)?.shortCode,
    });
  } catch (e) {
    const target = $(`${state.view}-inhoud`);
    const p = document.createElement('p');
    p.className = 'error';
    p.setAttribute('role', 'alert');
    p.textContent = e instanceof ApiError ? `De hub antwoordde: ${e.detail}` : `Er ging iets mis: ${String(e)}`;
    target?.replaceChildren(p);
  }
}

function drawQuickscan(place: [number, number] | null, alternatives: { areaId: string }[]): number {
  const source = layers.quickscan.getSource()!;
  source.clear();
  if (place) source.addFeature(new FeatureClass({ geometry: new Point(place), role: 'place' }));
  alternatives.forEach((a, i) => {
    const area = layers.areas.getSource()!.getFeatures().find(f => f.get('id') === a.areaId);
    if (area) source.addFeature(new FeatureClass({ geometry: area.getGeometry()!.clone(), role: 'alternative', rank: i + 1 }));
  });
  return source.getFeatures().length;
}

/** The grid operators' works, at their energy area's interior point (the capacity map gives them no place of their own). */
function drawWorks() {
  const source = layers.works.getSource()!;
  source.clear();
  for (const a of areas) {
    if (!a.works?.length) continue;
    const g = readGeometry(a.geometry!) as Polygon | MultiPolygon;
    const point = g.getType() === 'Polygon' ? (g as Polygon).getInteriorPoint().getCoordinates() : (g as MultiPolygon).getInteriorPoints().getCoordinates()[0];
    const years = a.works.map(w => w.time_schedules?.map(t => t.schedule_interval?.year).filter((y): y is number => !!y).at(-1)).filter((y): y is number => !!y);
    source.addFeature(new FeatureClass({ geometry: new Point([point[0], point[1] + 600]), year: years.length ? Math.min(...years) : undefined, area: a.id }));
  }
}

function showProjects(projects: Project[]) {
  const source = layers.projects.getSource()!;
  source.clear();
  source.addFeatures(projects.filter(p => p.geometry).map(p => {
    const f = new FeatureClass({ geometry: readGeometry(p.geometry!) });
    f.setId(p.id);
    f.setProperties({ name: p.name, decision: p.decision });
    return f;
  }));
  return source.getFeatures().length;
}

/** PDOK unreachable (offline, or down): the base map goes, once, and the hub's own boundaries remain the base. */
function watchBaseMap() {
  let failed = 0;
  layers.baseMap.getSource()!.on('tileloaderror', () => {
    if (++failed !== 3) return;
    layers.baseMap.setVisible(false);
    layers.baseMap.getSource()!.setTileLoadFunction(() => {});
    $('achtergrond-melding').textContent = 'De achtergrondkaart van PDOK is niet bereikbaar; de kaart toont de grenzen uit de hub zelf.';
  });
}

function applyLayers() {
  layers.baseMap.setVisible(state.layers.has('achtergrond') && !$('achtergrond-melding').textContent);
  layers.areas.setVisible(state.layers.has('gebieden'));
  layers.developments.setVisible(state.layers.has('ontwikkelingen') && !developmentsAsTiles);
  developmentTileLayer?.setVisible(state.layers.has('ontwikkelingen') && developmentsAsTiles);
  layers.stations.setVisible(state.layers.has('stations'));
  layers.provinces.setVisible(state.layers.has('provincies'));
  layers.municipalities.setVisible(state.layers.has('gemeenten'));
  layers.resRegions.setVisible(state.layers.has('resregios'));
  layers.works.setVisible(state.layers.has('werken'));
  layers.projects.setVisible(state.layers.has('pmiek'));
}

function legend() {
  const items: string[] = [];
  for (const [condition, c] of Object.entries(CONDITIONS))
    items.push(`<li><span class="swatch swatch--${condition}" aria-hidden="true"></span>${c.label}</li>`);
  for (const [status, label] of Object.entries(STATUS_LABELS) as [Status, string][])
    items.push(`<li><span class="symbol symbol--${status}" aria-hidden="true"></span>${label}</li>`);
  items.push('<li><span class="symbol symbol--station" aria-hidden="true"></span>Station (onderstation), met zijn code</li>');
  items.push('<li><span class="symbol symbol--work" aria-hidden="true"></span>Werk van de netbeheerder in het energiegebied, met het jaar waarin het klaar is</li>');
  items.push('<li><span class="symbol symbol--resregio" aria-hidden="true"></span>Grens van een RES-regio (paarse stippellijn)</li>');
  for (const [decision, mark] of Object.entries(DECISION_MARKS))
    items.push(`<li><span class="symbol symbol--project symbol--${decision}" aria-hidden="true"></span>${mark.label}</li>`);
  items.push(`<li>Kleur van een ontwikkeling: sector (${Object.keys(SECTOR_COLOURS).length} sectoren); de sector staat ook in de gegevens bij een klik</li>`);
  $('legenda').innerHTML = items.join('');
}

// --- sign-in --------------------------------------------------------------------------------------------------------
/** Entra ID (production): a sign-in button; back from Entra ID, the token is kept and the saved view restored. */
async function bindEntra(settings: EntraSettings) {
  const button = $<HTMLButtonElement>('entra-inloggen');
  const out = $<HTMLButtonElement>('entra-uitloggen');
  $('entra').hidden = false;
  if (await completeEntraSignIn(settings)) {
    const view = sessionStorage.getItem('datahub.view');
    sessionStorage.removeItem('datahub.view');
    if (view) { location.hash = view; return; } // the hashchange reloads the page on the saved view, signed in
  }
  const who = sessionStorage.getItem(VIA_KEY) === 'entra' ? signedIn() : null;
  button.hidden = !!who;
  out.hidden = !who;
  if (who) $('wie').textContent = `Ingelogd als ${who.organisation} (${who.roles.join(', ')})`;
  button.addEventListener('click', () => void startEntraSignIn(settings));
  out.addEventListener('click', async () => { await signOutEntra(settings); location.reload(); });
}

async function bindSignIn() {
  const select = $<HTMLSelectElement>('identiteit');
  const options = await api<SignInOptions>('/api/v1/sign-in');
  const identities = options.local?.identities ?? [];
  select.innerHTML = '<option value="">Niet ingelogd (openbare gegevens)</option>'
    + identities.map(i => `<option value="${escapeHtml(i.organisation)}">${escapeHtml(i.name)} (${escapeHtml(i.roles.join(', '))})</option>`).join('');
  if (identities.length === 0) $('lokaal').hidden = true;
  if (options.entraId) await bindEntra(options.entraId);
  const who = signedIn();
  select.value = who?.organisation ?? '';
  $('wie').textContent = who ? identities.find(i => i.organisation === who.organisation)?.description ?? '' : '';
  select.addEventListener('change', async () => {
    const identity = identities.find(i => i.organisation === select.value);
    if (!identity) setSession(null, null);
    else {
      const token = await api<{ accessToken: string; organisation: string; roles: string[] }>('/api/v1/sign-in/local-token', {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ organisation: identity.organisation, roles: identity.roles }),
      });
      setSession(token.accessToken, { organisation: token.organisation, roles: token.roles });
    }
    $('wie').textContent = identity?.description ?? '';
    await loadData();
    await renderView();
  });
}

// --- data -----------------------------------------------------------------------------------------------------------
async function loadBoundaries() {
  const [provinces, municipalities] = await Promise.all([
    api<Collection>('/api/v1/areas?kind=province&withGeometry=true'),
    api<Collection>('/api/v1/areas?kind=municipality&withGeometry=true'),
  ]);
  layers.provinces.getSource()!.addFeatures(readFeatures(provinces));
  layers.municipalities.getSource()!.addFeatures(readFeatures(municipalities));
  layers.resRegions.getSource()!.addFeatures(readFeatures(await api<Collection>('/api/v1/areas?kind=resRegion&withGeometry=true')));
}

async function loadData() {
  status('Gegevens laden…');
  loads.clear();
  loadedYears.clear();
  developmentsByView = false;
  const [areaList, stationList] = await Promise.all([
    api<{ items: EnergyArea[] }>('/api/v1/energy-areas'),
    api<{ items: Station[] }>('/api/v1/stations'),
  ]);
  stations = stationList.items;
  const stationSource = layers.stations.getSource()!;
  stationSource.clear();
  stationSource.addFeatures(stations.filter(st => st.geometry).map(st => {
    const f = new FeatureClass({ geometry: readGeometry(st.geometry!) });
    f.setProperties({ id: st.id, code: st.code, name: st.name });
    return f;
  }));
  areas = areaList.items.filter(a => a.geometry);
  drawWorks();
  const source = layers.areas.getSource()!;
  source.clear();
  source.addFeatures(areas.map(a => {
    const f = new FeatureClass({ geometry: readGeometry(a.geometry!) });
    f.setProperties({ id: a.id, shortCode: a.shortCode, operator: a.operator });
    return f;
  }));
  if (!linkedView && !fitted && source.getFeatures().length > 0) {
    fitted = true;
    // After layout: the map's size is known only once the page has its final layout (on a phone the map comes first).
    await new Promise(requestAnimationFrame);
    map.updateSize();
    map.getView().fit(source.getExtent()!, { padding: [30, 30, 30, 30], size: map.getSize() });
  }
  await loadDevelopments(); // after the fit: at national scale they are asked for the view
  await loadLoads();
}

/** The developments the filters select (up to 1,000 on the map, the first 100 in the list). */
async function loadDevelopments() {
  const query = new URLSearchParams({ limit: String(DEVELOPMENTS_AT_ONCE) });
  for (const [key, value] of Object.entries(state.filters)) if (value) query.set(key, value);
  const source = layers.developments.getSource()!;
  if (developmentsByView) {
    // National scale: only what is in view, and only once zoomed in far enough for a thousand to tell something.
    const extent = map.getView().calculateExtent(map.getSize());
    if (extent[2] - extent[0] > DEVELOPMENTS_VIEW_WIDTH) {
      source.clear();
      await showDevelopmentTiles(true);
      $('ontwikkelingen-aantal').textContent = `${developmentsMatched} ontwikkelingen, op deze schaal als tegels op de kaart. Zoom in tot een gebied van hooguit 60 km breed voor de lijst.`;
      $('ontwikkelingen-rijen').replaceChildren();
      return;
    }
    query.set('bbox', extent.map(v => Math.round(v)).join(','));
    query.set('bboxCrs', 'EPSG:28992');
  }
  let collection: Collection;
  try {
    collection = await api<Collection>(`/api/v1/developments?${query}`);
  } catch (e) {
    status(e instanceof ApiError ? `Het filter werkt niet: ${e.detail}` : String(e));
    return;
  }
  const features = readFeatures(collection);
  if (!developmentsByView && (collection.numberMatched ?? 0) > DEVELOPMENTS_AT_ONCE) {
    developmentsByView = true;
    developmentsMatched = collection.numberMatched ?? 0;
    await loadDevelopments();
    return;
  }
  await showDevelopmentTiles(false);
  source.clear();
  source.addFeatures(features);
  const matched = collection.numberMatched ?? features.length;
  $('ontwikkelingen-aantal').textContent = `${matched} ontwikkelingen${matched > features.length ? `, waarvan ${features.length} op de kaart` : ''}.`;
  $('ontwikkelingen-rijen').innerHTML = features.slice(0, 100).map(f => `
    <tr class="utrecht-table__row">
      <th scope="row" class="utrecht-table__header-cell"><button type="button" class="linkish" data-development="${escapeHtml(String(f.getId()))}">${escapeHtml(String(f.get('name') ?? f.getId()))}</button></th>
      <td class="utrecht-table__cell">${escapeHtml(String(f.get('owner') ?? ''))}</td>
      <td class="utrecht-table__cell">${escapeHtml(PLAN_TYPES[f.get('planType')] ?? String(f.get('planType')))}</td>
      <td class="utrecht-table__cell">${escapeHtml(SECTORS[f.get('sector')] ?? String(f.get('sector')))}</td>
      <td class="utrecht-table__cell">${escapeHtml(CERTAINTIES[f.get('certainty')] ?? String(f.get('certainty')))}</td>
      <td class="utrecht-table__cell">${escapeHtml(String(f.get('firstYear') ?? ''))}</td>
    </tr>`).join('');
  for (const b of document.querySelectorAll<HTMLButtonElement>('button[data-development]')) b.addEventListener('click', () => void openDevelopment(b.dataset.development!));
}

/** Draws the developments as the hub's vector tiles (national scale) or as features (zoomed in), with the filters. */
async function showDevelopmentTiles(on: boolean) {
  if (on) {
    const tiles = await import('./tiles');
    if (!developmentTileLayer) {
      developmentTileLayer = tiles.developmentTiles();
      map.getLayers().insertAt(map.getLayers().getArray().indexOf(layers.developments), developmentTileLayer);
    }
    developmentTileLayer.getSource()!.setUrl(tiles.developmentTilesUrl(state.filters));
  }
  developmentsAsTiles = on;
  applyLayers();
}

/** Offline search: a municipality, RES region or energy area by name; the map zooms to it. */
function searchables(): { name: string; feature: Feature }[] {
  return [
    ...(layers.municipalities.getSource()!.getFeatures() as Feature[]).map(f => ({ name: `Gemeente ${f.get('name')}`, feature: f })),
    ...(layers.resRegions.getSource()!.getFeatures() as Feature[]).map(f => ({ name: `RES-regio ${f.get('name')}`, feature: f })),
    ...(layers.areas.getSource()!.getFeatures() as Feature[]).map(f => ({ name: `Energiegebied ${f.get('shortCode')}`, feature: f })),
  ];
}
function fillSearchList() {
  $('zoeklijst').innerHTML = searchables().map(s => `<option value="${escapeHtml(s.name)}"></option>`).join('');
}
async function search(term: string) {
  const t = term.trim().toLowerCase();
  if (!t) return;
  const all = searchables();
  const hit = all.find(s => s.name.toLowerCase() === t) ?? all.find(s => s.name.toLowerCase().includes(t));
  if (hit) {
    map.getView().fit(hit.feature.getGeometry()!.getExtent(), { padding: [30, 30, 30, 30], duration: 0 });
    if (hit.name.startsWith('Energiegebied')) select(hit.feature.get('id'), false);
    status(`${hit.name} in beeld.`);
    return;
  }
  // Not a name the hub knows: an address, postcode or place through PDOK's Locatieserver, when it can be reached.
  const found = await locate(term.trim());
  if (found === undefined) { status(`Niets gevonden voor "${term}" (zoeken op adres of postcode via PDOK is nu niet bereikbaar).`); return; }
  if (found === null) { status(`Niets gevonden voor "${term}".`); return; }
  map.getView().setCenter(found.point);
  map.getView().setZoom(Math.max(map.getView().getZoom() ?? 0, found.type === 'adres' || found.type === 'postcode' ? 12 : 9));
  status(`${found.name} in beeld (PDOK Locatieserver).`);
}

/** PDOK's Locatieserver (free search): the best match in RD New; null when nothing matches, undefined when unreachable. */
async function locate(q: string): Promise<{ name: string; type: string; point: [number, number] } | null | undefined> {
  const query = new URLSearchParams({ q, rows: '1', fl: 'weergavenaam,type,centroide_rd' });
  let docs: { weergavenaam: string; type: string; centroide_rd: string }[];
  try {
    const response = await fetch(`https://api.pdok.nl/bzk/locatieserver/search/v3_1/free?${query}`);
    if (!response.ok) return undefined;
    docs = (await response.json()).response?.docs ?? [];
  } catch { return undefined; }
  const m = /POINT\(([\d.]+) ([\d.]+)\)/.exec(docs[0]?.centroide_rd ?? '');
  return m ? { name: docs[0].weergavenaam, type: docs[0].type, point: [Number(m[1]), Number(m[2])] } : null;
}

async function loadLoads(draw = true, allYears = false) {
  const perYear = areas.length > PER_YEAR_ABOVE && !allYears;
  const years = loadedYears.get(state.scenario) ?? new Set<number>();
  if (perYear && !years.has(state.year) && years.size < 26) {
    status(`Belasting in ${state.year} berekenen…`);
    const answer = await api<{ items: AreaLoad[] }>(`/api/v1/area-loads?scenario=${state.scenario}&fromYear=${state.year}&toYear=${state.year}`);
    loads.set(state.scenario, [...(loads.get(state.scenario) ?? []), ...answer.items]);
    loadedYears.set(state.scenario, years.add(state.year));
  } else if (!perYear && years.size < 26) {
    status('Belasting per jaar berekenen…');
    const answer = await api<{ items: AreaLoad[] }>(`/api/v1/area-loads?scenario=${state.scenario}&fromYear=2025&toYear=2050`);
    loads.set(state.scenario, answer.items);
    loadedYears.set(state.scenario, new Set(Array.from({ length: 26 }, (_, i) => 2025 + i)));
  }
  if (draw) recolour();
}

/** Re-colours the energy areas and rewrites their table for the chosen year, scenario and direction: no request. */
function recolour() {
  const byArea = new Map<string, AreaLoad>();
  for (const l of loads.get(state.scenario) ?? []) if (l.year === state.year) byArea.set(l.area.id, l);
  const counts: Record<Condition, number> = { ruimte: 0, krap: 0, tekort: 0, onbekend: 0 };
  const rows: { area: EnergyArea; h: ReturnType<typeof headroomOf> | null }[] = [];
  const areaById = new Map(areas.map(a => [a.id, a])); // not a search per feature: 3,000 × 3,000 at national scale
  for (const f of layers.areas.getSource()!.getFeatures() as Feature[]) {
    const load = byArea.get(f.get('id'));
    let h = load ? headroomOf(load, state.direction) : null;
    if (variantOverlay && h) {
      const first = variantOverlay.first[`${f.get('operator')}/${f.get('shortCode')}`] ?? null;
      const short = first !== null && first <= state.year;
      h = { ...h, condition: short ? 'tekort' : 'ruimte', note: short ? `variant: tekort vanaf ${first}` : 'variant: geen tekort' };
    }
    f.set('headroom', h ?? undefined);
    counts[h?.condition ?? 'onbekend']++;
    rows.push({ area: areaById.get(f.get('id'))!, h });
  }
  rows.sort((a, b) => (a.h?.headroomMw ?? Infinity) - (b.h?.headroomMw ?? Infinity));
  const direction = state.direction === 'offtake' ? 'afname' : 'invoeding';
  $('gebieden-bijschrift').textContent = `Ruimte op het net voor ${direction} in ${state.year}, scenario ${SCENARIO_LABELS[state.scenario]}; krapste gebied eerst`;
  $('gebieden-rijen').innerHTML = rows.map(({ area, h }) => `
    <tr class="utrecht-table__row${area.id === state.area ? ' is-selected' : ''}" data-area="${area.id}">
      <th scope="row" class="utrecht-table__header-cell"><button type="button" class="linkish" data-select="${area.id}">${escapeHtml(area.shortCode)}</button></th>
      <td class="utrecht-table__cell">${escapeHtml(area.operator)}</td>
      <td class="utrecht-table__cell">${escapeHtml(stations.filter(st => st.operator === area.operator && st.energyAreaShortCode === area.shortCode).map(st => st.name).join(', ') || '–')}</td>
      <td class="utrecht-table__cell utrecht-table__cell--numeric">${mw(h?.capacityMw ?? null)}</td>
      <td class="utrecht-table__cell utrecht-table__cell--numeric">${h ? mw(h.loadMw) : '–'}</td>
      <td class="utrecht-table__cell utrecht-table__cell--numeric">${mw(h?.headroomMw ?? null)}</td>
      <td class="utrecht-table__cell"><span class="swatch swatch--${h?.condition ?? 'onbekend'}" aria-hidden="true"></span>${CONDITIONS[h?.condition ?? 'onbekend'].label.split(' (')[0]}</td>
    </tr>`).join('');

  layers.areas.changed();
  if (state.view === 'knelpunten') void renderView();
  status(`${variantOverlay ? `Variant ${variantOverlay.label}, tekort in welke richting dan ook: ` : ''}${rows.length} energiegebieden in ${state.year} (${SCENARIO_LABELS[state.scenario]}, ${direction}): ${counts.tekort} met tekort, ${counts.krap} krap, ${counts.ruimte} met ruimte`
    + (counts.onbekend ? `, ${counts.onbekend} onbekend` : '') + '.');
  firstShortage(direction);
}

/** Where the grid runs out first in this scenario and direction, in words, with a button to that area's passport. */
function firstShortage(direction: string) {
  if ((loadedYears.get(state.scenario)?.size ?? 0) < 26) {
    // National scale: the years are asked for one at a time; the bottlenecks tab has the first shortages.
    $('eerste-tekort').textContent = 'Waar het net het eerst vol raakt, staat in het tabblad Knelpunten (gesorteerd op eerste tekortjaar).';
    return;
  }
  let first: AreaLoad | undefined;
  for (const l of loads.get(state.scenario) ?? []) {
    const h = headroomOf(l, state.direction);
    if (h.headroomMw !== null && h.headroomMw < 0 && (!first || l.year < first.year || (l.year === first.year && h.headroomMw < headroomOf(first, state.direction).headroomMw!))) first = l;
  }
  const box = $('eerste-tekort');
  if (!first) { box.textContent = `Geen energiegebied komt tot en met 2050 ${direction}capaciteit tekort in scenario ${SCENARIO_LABELS[state.scenario]}.`; return; }
  const area = first.area;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'linkish';
  button.textContent = `Bekijk ${area.shortCode}: oorzaak en werken`;
  button.addEventListener('click', () => select(area.id, true, true));
  box.replaceChildren(`Het net raakt het eerst vol in ${area.shortCode} (${area.operator}): ${direction} in ${first.year}, scenario ${SCENARIO_LABELS[state.scenario]}, ${mw(-headroomOf(first, state.direction).headroomMw!)} MW tekort. `, button);
}

async function openDevelopment(id: string) {
  const section = $('detail');
  section.hidden = false;
  try {
    await showDevelopment($('detail-inhoud'), id);
  } catch (e) {
    $('detail-inhoud').textContent = e instanceof ApiError ? `De hub antwoordde: ${e.detail}` : String(e);
  }
  section.focus();
}

async function openPassport(id: string) {
  const area = areas.find(a => a.id === id);
  if (!area) return;
  const section = $('paspoort');
  section.hidden = false;
  $('kop-paspoort').textContent = `Gebiedspaspoort ${area.shortCode}`;
  try {
    await showPassport($('paspoort-inhoud'), area, {
      scenario: state.scenario, direction: state.direction, year: state.year,
      nameOf: async id => {
        const known = layers.developments.getSource()!.getFeatureById(id);
        if (known) return String(known.get('name') ?? id);
        try { return String((await api<{ properties: { name?: string } }>(`/api/v1/developments/${id}`)).properties.name ?? id); } catch { return id; }
      },
      openDevelopment: id => void openDevelopment(id),
    });
  } catch (e) {
    $('paspoort-inhoud').textContent = e instanceof ApiError ? `De hub antwoordde: ${e.detail}` : String(e);
  }
}

function select(id: string, zoom: boolean, focus = false) {
  state.area = id;
  void openPassport(id).then(() => { if (focus) $('paspoort').focus(); });
  const f = layers.areas.getSource()!.getFeatures().find(x => x.get('id') === id);
  if (f && zoom) map.getView().fit(f.getGeometry()!.getExtent(), { padding: [40, 40, 40, 40], duration: 0 });
  recolour();
  document.querySelector(`tr[data-area="${id}"]`)?.scrollIntoView({ block: 'nearest' });
  saveState();
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

async function start() {
  legend();
  watchBaseMap();
  bindControls();
  applyLayers();
  if (state.center) map.getView().setCenter(state.center);
  if (state.zoom !== undefined) map.getView().setZoom(state.zoom);
  try {
    await bindSignIn();
    await Promise.all([loadBoundaries(), loadData()]);
    fillSearchList();
    await renderView();
    if (state.area) await openPassport(state.area);
    document.body.dataset.readyAt = String(Math.round(performance.now())); // the browser benchmark reads it
    document.body.dataset.ready = 'true';
  } catch (e) {
    status(e instanceof ApiError ? `De hub antwoordde: ${e.detail}` : `Er ging iets mis: ${String(e)}`);
    document.body.dataset.ready = 'error';
  }
}

void start();
