// The pMIEK: a round's projects with their decisions, the projects not included and why, each project's scores per
// criterion with rationale and author, its printable fiche, and the projects on the map. The ministry (which reads
// every province's rounds) gets every province on one national overview.
import { api, ApiError, signedIn } from './api';
import { h, present, table } from './dom';

export interface Cycle { id: string; code: string; name: string; status: string; year: number; scope: string }
export interface Project {
  id: string; owner: string; cycle: string; code: string; name: string; geometry?: object; infrastructureType: string; carrier: string;
  projectType: string; status: string; decision?: string; decisionReason?: string; narrative?: string; reasonForInclusion?: string;
  finance?: { investmentEurMillions?: number; coverage?: string }; planning?: { indicativeDelivery?: number }; energyAreas: string[]; developments: string[];
}
interface Score { criterion: string; value: string; rationale?: string; authorOrganisation: string; author: string; at: string; version: number }
interface Assessment { framework: string; scores: { criterion: string; current?: Score; history: Score[] }[] }
interface Framework { code: string; name: string; criteria: { code: string; name: string }[] }
interface Tally { key: string; projects: number; prioritised: number; included: number; notIncluded: number; undecided: number; investmentEurMillions: number; capacityMw: number }
interface Overview { total: Tally; byProvince: Tally[]; byCarrier: Tally[] }

export interface ProgrammeContext {
  project?: string;
  /** Shows the projects on the map (an empty list clears the layer); answers how many it drew. */
  showOnMap: (projects: Project[]) => number;
  /** Zooms to a project and remembers it in the URL. */
  selectProject: (project: Project | undefined) => void;
  /** Opens an energy area's passport. */
  openArea: (areaId: string) => void;
  areaName: (areaId: string) => string | undefined;
}

const NL: Record<string, string> = {
  prioritised: 'Geprioriteerd', included: 'Opgenomen', notIncluded: 'Niet opgenomen', proposed: 'Voorgesteld', candidate: 'Kandidaat',
  pmiekStatus: 'pMIEK-status', withdrawn: 'Ingetrokken', research: 'Onderzoek', exploration: 'Verkenning', concrete: 'Concreet project',
  electricity: 'Elektriciteit', hydrogen: 'Waterstof', heat: 'Warmte', methane: 'Methaan', co2: 'CO2', multiple: 'Meerdere',
  high: 'hoog', medium: 'gemiddeld', low: 'laag', good: 'goed', sufficient: 'voldoende', poor: 'onvoldoende', much: 'veel', little: 'weinig',
  mostlyPositive: 'overwegend positief', negative: 'negatief', littleEffort: 'weinig inspanning', mediumEffort: 'gemiddelde inspanning', muchEffort: 'veel inspanning',
  acceleration: 'versnelling', prioritisation: 'prioritering', confirmationOfNeed: 'bevestiging van de behoefte',
};
const nl = (code: string | undefined) => (code ? NL[code] ?? code : '–');
const euro = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });

let cycles: Cycle[] | null = null;
let cyclesOf: string | null = null;
let chosenCycle = '';

export async function showProgramme(container: HTMLElement, ctx: ProgrammeContext): Promise<void> {
  if (!signedIn()) {
    ctx.showOnMap([]);
    container.replaceChildren(h('p', { class: 'notice', text: 'Het pMIEK is zichtbaar voor provincies, gemeenten en RES-regio’s in de provincie, netbeheerders en het Rijk. Kies bovenaan een organisatie om in te loggen.' }));
    return;
  }
  if (cyclesOf !== signedIn()!.organisation) {
    cycles = (await api<{ items: Cycle[] }>('/api/v1/programme-cycles')).items;
    cyclesOf = signedIn()!.organisation;
    chosenCycle = '';
  }
  if (!cycles) return;
  const national = signedIn()!.roles.includes('NationalIngest');
  const provincial = cycles.filter(c => c.scope !== 'national').sort((a, b) => b.year - a.year || b.code.localeCompare(a.code));
  if (!chosenCycle && !national && provincial.length > 0) chosenCycle = provincial[0].id;
  const select = h('select', { id: 'pmiek-ronde', class: 'utrecht-select utrecht-select--html-select' },
    h('option', { value: '', text: 'Alle rondes van alle provincies (landelijk)' }),
    ...provincial.map(c => h('option', { value: c.id, text: `${c.name} (${c.year}, ${c.status === 'published' ? 'gepubliceerd' : c.status})` })));
  select.value = chosenCycle;
  select.addEventListener('change', () => { chosenCycle = select.value; void showProgramme(container, ctx); });

  const query = chosenCycle ? `?cycle=${chosenCycle}` : '';
  const [projects, overview] = await Promise.all([
    api<{ items: Project[] }>(`/api/v1/miek-projects?f=json${chosenCycle ? `&cycle=${chosenCycle}` : ''}`),
    api<Overview>(`/api/v1/miek-overview${query}`),
  ]);
  const items = projects.items;
  const onMap = ctx.showOnMap(items);
  const taken = items.filter(p => p.decision === 'included' || p.decision === 'prioritised')
    .sort((a, b) => (a.decision === b.decision ? a.name.localeCompare(b.name, 'nl') : a.decision === 'prioritised' ? -1 : 1));
  const left = items.filter(p => p.decision === 'notIncluded');
  const open = items.filter(p => !p.decision);
  const detail = h('section', { id: 'pmiek-project', class: 'project-detail', tabindex: '-1', 'aria-live': 'polite' });
  const nameButton = (p: Project) => {
    const b = h('button', { type: 'button', class: 'linkish', 'data-project': p.id, text: p.name });
    b.addEventListener('click', () => void openProject(detail, p, ctx));
    return b;
  };
  const t = overview.total;
  container.replaceChildren(...present(
    h('div', { class: 'inline-controls' }, h('label', { class: 'utrecht-form-label', for: 'pmiek-ronde', text: 'Ronde' }), select),
    h('p', { id: 'pmiek-samenvatting', text: `${t.projects} projecten: ${t.prioritised} geprioriteerd, ${t.included} opgenomen, ${t.notIncluded} niet opgenomen`
      + `${t.undecided ? `, ${t.undecided} nog zonder besluit` : ''}; samen ${euro.format(t.investmentEurMillions)} miljoen euro en ${euro.format(t.capacityMw)} MW. ${onMap} ervan staan als ruit op de kaart.` }),
    national || overview.byProvince.length > 1 ? table('Per provincie', [
      { header: 'Provincie', rowHeader: true, value: (r: Tally) => r.key },
      { header: 'Projecten', numeric: true, value: r => String(r.projects) },
      { header: 'Geprioriteerd', numeric: true, value: r => String(r.prioritised) },
      { header: 'Opgenomen', numeric: true, value: r => String(r.included) },
      { header: 'Niet opgenomen', numeric: true, value: r => String(r.notIncluded) },
      { header: 'Investering (mln euro)', numeric: true, value: r => euro.format(r.investmentEurMillions) },
    ], overview.byProvince, { id: 'pmiek-provincies' }) : null,
    table('Opgenomen in het pMIEK', [
      { header: 'Project', rowHeader: true, value: nameButton },
      { header: 'Provincie', value: (p: Project) => p.owner },
      { header: 'Besluit', value: p => nl(p.decision) },
      { header: 'Energiedrager', value: p => nl(p.carrier) },
      { header: 'Soort', value: p => nl(p.projectType) },
      { header: 'Gereed (indicatief)', numeric: true, value: p => p.planning?.indicativeDelivery ? String(p.planning.indicativeDelivery) : '–' },
      { header: 'Investering (mln euro)', numeric: true, value: p => p.finance?.investmentEurMillions === undefined ? '–' : euro.format(p.finance.investmentEurMillions) },
    ], taken, { id: 'pmiek-opgenomen' }),
    table('Niet opgenomen, en waarom', [
      { header: 'Project', rowHeader: true, value: nameButton },
      { header: 'Provincie', value: (p: Project) => p.owner },
      { header: 'Reden', value: p => p.decisionReason ?? 'geen reden opgegeven' },
    ], left, { id: 'pmiek-niet-opgenomen' }),
    open.length ? table('Nog zonder besluit', [
      { header: 'Project', rowHeader: true, value: nameButton },
      { header: 'Status', value: (p: Project) => nl(p.status) },
    ], open, { id: 'pmiek-open' }) : null,
    detail));
  const selected = items.find(p => p.id === ctx.project);
  if (selected) await openProject(detail, selected, ctx, false);
}

let framework: Framework | null = null;

async function openProject(detail: HTMLElement, p: Project, ctx: ProgrammeContext, focus = true): Promise<void> {
  ctx.selectProject(p);
  detail.replaceChildren(h('p', { text: 'Laden…' }));
  let assessment: Assessment;
  try {
    [assessment, framework] = await Promise.all([
      api<Assessment>(`/api/v1/miek-projects/${p.id}/assessment`),
      framework ? Promise.resolve(framework) : api<Framework>('/api/v1/weighing-frameworks/default'),
    ]);
  } catch (e) {
    detail.replaceChildren(h('p', { text: e instanceof ApiError ? `De hub antwoordde: ${e.detail}` : String(e) }));
    return;
  }
  const criterion = (code: string) => framework?.criteria.find(c => c.code === code)?.name ?? code;
  const fiche = h('button', { type: 'button', class: 'utrecht-button utrecht-button--secondary-action', id: 'pmiek-fiche', text: 'Open de afdrukbare fiche' });
  fiche.addEventListener('click', () => void openFiche(p.id, fiche));
  const areas = p.energyAreas.map(id => {
    const b = h('button', { type: 'button', class: 'linkish', text: ctx.areaName(id) ?? id });
    b.addEventListener('click', () => ctx.openArea(id));
    return h('li', {}, b);
  });
  detail.replaceChildren(...present(
    h('h3', { class: 'utrecht-heading-3', id: 'kop-project', text: p.name }),
    h('p', { class: 'decision', text: `Besluit: ${nl(p.decision)}${p.decisionReason ? ` — ${p.decisionReason}` : ''}` }),
    p.narrative && p.narrative !== p.decisionReason ? h('p', { text: p.narrative }) : null,
    table(`Afweging per criterium (${framework?.name ?? assessment.framework})`, [
      { header: 'Criterium', rowHeader: true, value: (s: Assessment['scores'][number]) => `${s.criterion}. ${criterion(s.criterion)}` },
      { header: 'Score', value: s => nl(s.current?.value) },
      { header: 'Onderbouwing', value: s => s.current?.rationale ?? '–' },
      { header: 'Door', value: s => s.current ? `${s.current.authorOrganisation} (${s.current.author}), ${s.current.at.slice(0, 10)}` : '–' },
      { header: 'Versies', numeric: true, value: s => String(s.history.length) },
    ], assessment.scores.filter(s => s.criterion !== 'decision'), { id: 'pmiek-scores' }),
    areas.length ? h('div', {}, h('p', { text: 'Energiegebieden waar dit project ruimte maakt:' }), h('ul', {}, ...areas)) : null,
    fiche));
  if (focus) detail.focus();
}

/** The fiche is an HTML page behind the caller's token: fetched with it and opened as a page of its own. */
async function openFiche(id: string, button: HTMLButtonElement): Promise<void> {
  const opened = window.open('', '_blank');
  try {
    const response = await fetch(`/api/v1/miek-projects/${id}/fiche?f=html`, { headers: { Authorization: `Bearer ${sessionStorage.getItem('datahub.token')}`, Accept: 'text/html' } });
    if (!response.ok) throw new Error(`${response.status}`);
    const url = URL.createObjectURL(new Blob([await response.text()], { type: 'text/html' }));
    if (opened) opened.location.href = url; else location.assign(url);
  } catch (e) {
    opened?.close();
    button.after(h('p', { role: 'alert', text: `De fiche kon niet worden geopend: ${String(e)}` }));
  }
}
