// The map in RD New (EPSG:28992), as Dutch base maps and GIS users have it. The hub's own CBS boundaries are the base,
// so the map works offline; layers for energy areas (coloured by headroom) and developments.
import 'ol/ol.css';
import Map from 'ol/Map';
import View from 'ol/View';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import GeoJSON from 'ol/format/GeoJSON';
import Feature from 'ol/Feature';
import { Fill, Stroke, Style, Text, Circle as CircleStyle, RegularShape } from 'ol/style';
import { register } from 'ol/proj/proj4';
import { get as getProjection } from 'ol/proj';
import { defaults as defaultInteractions } from 'ol/interaction/defaults';
import { defaults as defaultControls } from 'ol/control/defaults';
import ScaleLine from 'ol/control/ScaleLine';
import TileLayer from 'ol/layer/Tile';
import XYZ from 'ol/source/XYZ';
import TileGrid from 'ol/tilegrid/TileGrid';
import type { FeatureLike } from 'ol/Feature';
import proj4 from 'proj4';
import { CONDITIONS, type Condition, type Headroom, mw } from './headroom';

proj4.defs('EPSG:28992', '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 '
  + '+ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs');
register(proj4);
export const RD = getProjection('EPSG:28992')!;
RD.setExtent([-285401.92, 22598.08, 595401.92, 903401.92]);

const geojson = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:28992' });

export function readFeatures(collection: object): Feature[] {
  return geojson.readFeatures(collection) as Feature[];
}

export function readGeometry(geometry: object) {
  return geojson.readGeometry(geometry);
}

/** A fill pattern so that a condition is never told by colour alone. */
function pattern(colour: string, kind: 'none' | 'dots' | 'hatch' | 'cross'): CanvasPattern | string {
  const fill = colour + '99';
  if (kind === 'none') return fill;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 10;
  const c = canvas.getContext('2d')!;
  c.fillStyle = fill;
  c.fillRect(0, 0, 10, 10);
  c.strokeStyle = '#000000aa';
  c.fillStyle = '#000000aa';
  c.lineWidth = 1.5;
  if (kind === 'dots') { c.beginPath(); c.arc(5, 5, 1.6, 0, 2 * Math.PI); c.fill(); }
  if (kind === 'hatch' || kind === 'cross') { c.beginPath(); c.moveTo(0, 10); c.lineTo(10, 0); c.stroke(); }
  if (kind === 'cross') { c.beginPath(); c.moveTo(0, 0); c.lineTo(10, 10); c.stroke(); }
  return c.createPattern(canvas, 'repeat')!;
}

const areaStyles = new globalThis.Map<Condition, Fill>();
function areaFill(condition: Condition): Fill {
  if (!areaStyles.has(condition)) areaStyles.set(condition, new Fill({ color: pattern(CONDITIONS[condition].colour, CONDITIONS[condition].pattern) }));
  return areaStyles.get(condition)!;
}

/** Above this many metres a pixel the areas carry no label: at national zoom three thousand labels are unreadable and
 * cost most of the drawing; the pattern still tells the condition, the table the figures. */
const LABELS_BELOW_RESOLUTION = 250;

export function areaStyle(feature: Feature, selected: boolean, resolution: number): Style {
  const headroom = feature.get('headroom') as Headroom | undefined;
  const condition = headroom?.condition ?? 'onbekend';
  return new Style({
    fill: areaFill(condition),
    stroke: new Stroke({ color: selected ? '#000' : '#333', width: selected ? 3 : 1 }),
    text: resolution > LABELS_BELOW_RESOLUTION && !selected ? undefined : new Text({
      text: `${feature.get('shortCode')}\n${headroom?.note ?? (headroom?.headroomMw === null || !headroom ? '?' : mw(headroom.headroomMw) + ' MW')}`,
      font: '12px sans-serif', fill: new Fill({ color: '#000' }), stroke: new Stroke({ color: '#fff', width: 3 }), overflow: false,
    }),
  });
}

/** Development status groups: huidig (realised, under construction), pijplijn (permitted to planned), ambitie. */
export type Status = 'huidig' | 'pijplijn' | 'ambitie';
export function statusOf(certainty: string): Status {
  if (certainty === 'realised' || certainty === 'underConstruction') return 'huidig';
  if (certainty === 'ambition') return 'ambitie';
  return 'pijplijn';
}
export const STATUS_LABELS: Record<Status, string> = {
  huidig: 'Huidig (gerealiseerd of in aanbouw): gevulde cirkel',
  pijplijn: 'Pijplijn (vergund, in procedure, gepland): vierkant',
  ambitie: 'Ambitie (verkennend): driehoek',
};
// Okabe–Ito, by sector group.
export const SECTOR_COLOURS: Record<string, string> = {
  housing: '#009E73', industry: '#CC79A7', mobility: '#56B4E9', renewableGeneration: '#F0E442',
  utilityBuildings: '#0072B2', businessPark: '#E69F00', heat: '#D55E00', agriculture: '#999999',
};
const developmentStyles = new globalThis.Map<string, Style>();
export function developmentStyle(feature: FeatureLike): Style {
  const status = statusOf(feature.get('certainty'));
  const colour = SECTOR_COLOURS[feature.get('sector')] ?? '#666666';
  const key = status + colour;
  if (!developmentStyles.has(key)) {
    const fill = new Fill({ color: status === 'ambitie' ? '#ffffff' : colour });
    const stroke = new Stroke({ color: status === 'ambitie' ? colour : '#000', width: status === 'ambitie' ? 2.5 : 1 });
    const image = status === 'huidig' ? new CircleStyle({ radius: 6, fill, stroke })
      : new RegularShape({ points: status === 'pijplijn' ? 4 : 3, radius: status === 'pijplijn' ? 7 : 8, angle: status === 'pijplijn' ? Math.PI / 4 : 0, fill, stroke });
    developmentStyles.set(key, new Style({ image, fill: new Fill({ color: colour + '55' }), stroke: new Stroke({ color: colour, width: 2 }) }));
  }
  return developmentStyles.get(key)!;
}

/** A substation: a black star with its code beside it (not colour: the shape tells it apart). */
export function stationStyle(feature: Feature): Style {
  return new Style({
    image: new RegularShape({ points: 5, radius: 9, radius2: 4, fill: new Fill({ color: '#000' }), stroke: new Stroke({ color: '#fff', width: 1.5 }) }),
    text: new Text({ text: String(feature.get('code') ?? ''), offsetY: -16, font: '11px sans-serif', fill: new Fill({ color: '#000' }), stroke: new Stroke({ color: '#fff', width: 3 }) }),
  });
}

/** A pMIEK project: a diamond with a letter for its decision (P geprioriteerd, O opgenomen, N niet opgenomen). */
export const DECISION_MARKS: Record<string, { letter: string; fill: string; label: string }> = {
  prioritised: { letter: 'P', fill: '#000000', label: 'pMIEK-project, geprioriteerd: zwarte ruit met P' },
  included: { letter: 'O', fill: '#555555', label: 'pMIEK-project, opgenomen: grijze ruit met O' },
  notIncluded: { letter: 'N', fill: '#ffffff', label: 'pMIEK-project, niet opgenomen: witte ruit met N' },
};
export function projectStyle(feature: Feature): Style {
  const mark = DECISION_MARKS[feature.get('decision')] ?? { letter: '?', fill: '#ffffff' };
  const dark = mark.fill !== '#ffffff';
  return new Style({
    image: new RegularShape({ points: 4, radius: 11, angle: 0, fill: new Fill({ color: mark.fill }), stroke: new Stroke({ color: dark ? '#fff' : '#000', width: 2 }) }),
    text: new Text({ text: mark.letter, font: 'bold 11px sans-serif', fill: new Fill({ color: dark ? '#fff' : '#000' }) }),
  });
}

/** The quickscan's place (a black cross) and its alternatives (a thick dashed outline with their rank). */
export function quickscanStyle(feature: Feature): Style {
  if (feature.get('role') === 'place')
    return new Style({ image: new RegularShape({ points: 4, radius: 12, radius2: 0, angle: Math.PI / 4, stroke: new Stroke({ color: '#000', width: 4 }) }) });
  return new Style({
    stroke: new Stroke({ color: '#000', width: 4, lineDash: [10, 6] }),
    text: new Text({ text: `Alternatief ${feature.get('rank')}`, font: 'bold 13px sans-serif', fill: new Fill({ color: '#000' }), stroke: new Stroke({ color: '#fff', width: 4 }), overflow: true }),
  });
}

/** A grid operator's work (capacity added): a white square with a black border and the year it is done. */
export function workStyle(feature: Feature): Style {
  return new Style({
    image: new RegularShape({ points: 4, radius: 8, angle: Math.PI / 4, fill: new Fill({ color: '#fff' }), stroke: new Stroke({ color: '#000', width: 2.5 }) }),
    text: new Text({ text: `werk ${feature.get('year') ?? '?'}`, offsetY: 16, font: 'bold 11px sans-serif', fill: new Fill({ color: '#000' }), stroke: new Stroke({ color: '#fff', width: 3 }) }),
  });
}

/**
 * PDOK's BRT-Achtergrondkaart (grey, so that the map's own colours read on it) in the Dutch RD tile grid, when it can
 * be reached; the hub's own CBS boundaries are the base without it (offline, or when PDOK is down).
 */
/** The Dutch tile grid (NetherlandsRDNewQuad): PDOK's base map and the hub's own vector tiles share it. */
export function rdTileGrid(levels: number): TileGrid {
  const resolutions = Array.from({ length: levels }, (_, z) => 3440.64 / 2 ** z);
  return new TileGrid({ extent: RD.getExtent()!, origin: [-285401.92, 903401.92], resolutions, tileSize: 256 });
}

export function pdokBaseMap(): TileLayer<XYZ> {
  return new TileLayer({
    properties: { title: 'Achtergrondkaart (PDOK)' },
    source: new XYZ({
      projection: RD,
      url: 'https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/grijs/EPSG:28992/{z}/{x}/{y}.png',
      tileGrid: rdTileGrid(15),
      attributions: 'Achtergrond: BRT-Achtergrondkaart, Kadaster / PDOK (CC-BY 4.0)',
    }),
  });
}

export interface Layers {
  baseMap: TileLayer<XYZ>;
  quickscan: VectorLayer<VectorSource>;
  works: VectorLayer<VectorSource>;
  resRegions: VectorLayer<VectorSource>;
  projects: VectorLayer<VectorSource>;
  stations: VectorLayer<VectorSource>;
  provinces: VectorLayer<VectorSource>;
  municipalities: VectorLayer<VectorSource>;
  areas: VectorLayer<VectorSource>;
  developments: VectorLayer<VectorSource>;
}

export function createMap(target: HTMLElement, selectedArea: () => string | undefined): { map: Map; layers: Layers } {
  const boundary = (width: number, colour: string) => new Style({ stroke: new Stroke({ color: colour, width }), fill: new Fill({ color: 'rgba(255,255,255,0.01)' }) });
  const layers: Layers = {
    baseMap: pdokBaseMap(),
    municipalities: new VectorLayer({ source: new VectorSource(), style: boundary(0.6, '#8a8a8a'), properties: { title: 'Gemeentegrenzen' } }),
    provinces: new VectorLayer({ source: new VectorSource(), style: boundary(1.6, '#444'), properties: { title: 'Provinciegrenzen' } }),
    resRegions: new VectorLayer({ source: new VectorSource(), style: new Style({ stroke: new Stroke({ color: '#6b3fa0', width: 2, lineDash: [8, 4] }) }), properties: { title: 'RES-regio’s' } }),
    works: new VectorLayer({ source: new VectorSource(), style: f => workStyle(f as Feature), properties: { title: 'Werken' }, declutter: true }),
    areas: new VectorLayer({ source: new VectorSource(), style: (f, resolution) => areaStyle(f as Feature, f.get('id') === selectedArea(), resolution), properties: { title: 'Energiegebieden' } }),
    developments: new VectorLayer({ source: new VectorSource(), style: f => developmentStyle(f as Feature), properties: { title: 'Ontwikkelingen' } }),
    stations: new VectorLayer({ source: new VectorSource(), style: f => stationStyle(f as Feature), properties: { title: 'Stations' }, declutter: true }),
    projects: new VectorLayer({ source: new VectorSource(), style: f => projectStyle(f as Feature), properties: { title: 'pMIEK-projecten' } }),
    quickscan: new VectorLayer({ source: new VectorSource(), style: f => quickscanStyle(f as Feature), properties: { title: 'Quickscan' } }),
  };
  const map = new Map({
    target,
    layers: [layers.baseMap, layers.municipalities, layers.resRegions, layers.provinces, layers.areas, layers.developments, layers.stations, layers.works, layers.projects, layers.quickscan],
    view: new View({ projection: RD, center: [155000, 463000], zoom: 8, minZoom: 0, maxZoom: 18 }),
    interactions: defaultInteractions({ keyboard: true }),
    controls: defaultControls().extend([new ScaleLine()]),
    keyboardEventTarget: target,
  });
  return { map, layers };
}
