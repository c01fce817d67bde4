// The hub's vector tiles of the developments (OGC API – Tiles, NetherlandsRDNewQuad), loaded on demand: only a
// national view with more developments than the map draws at once needs them, so the first view does not carry them.
import VectorTileLayer from 'ol/layer/VectorTile';
import VectorTileSource from 'ol/source/VectorTile';
import MVT from 'ol/format/MVT';
import type { FeatureLike } from 'ol/Feature';
import type VectorTile from 'ol/VectorTile';
import { authorization } from './api';
import { RD, developmentStyle, rdTileGrid } from './map';

/** The URL of the development tiles with the map's filters (OGC's queryables of the same names). */
export function developmentTilesUrl(filters: Record<string, string>): string {
  // Only what the style reads (the id always comes along): a national tile holds thousands of developments.
  const query = new URLSearchParams({ properties: 'sector,certainty' });
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
  return `/ogc/v1/collections/developments/tiles/NetherlandsRDNewQuad/{z}/{y}/{x}?${query}`;
}

/**
 * Developments as vector tiles: at national scale, where tens of thousands would not fit in one answer, the map draws
 * them tile by tile. Each tile is read with the user's token, so it holds what the user may see.
 */
export function developmentTiles(): VectorTileLayer {
  const source = new VectorTileSource({ format: new MVT({ idProperty: 'id' }), projection: RD, tileGrid: rdTileGrid(17) });
  source.setTileLoadFunction((tile, url) => {
    const vectorTile = tile as VectorTile<FeatureLike>;
    vectorTile.setLoader((extent, _resolution, projection) => {
      fetch(url, { headers: authorization() })
        .then(response => response.ok ? response.arrayBuffer() : Promise.reject(new Error(`${response.status}`)))
        .then(data => vectorTile.setFeatures(vectorTile.getFormat().readFeatures(data, { extent, featureProjection: projection }) as FeatureLike[]))
        .catch(() => vectorTile.setFeatures([])); // an empty tile, not a broken map
    });
  });
  return new VectorTileLayer({ source, style: f => developmentStyle(f), visible: false, properties: { title: 'Ontwikkelingen (tegels)' } });
}
