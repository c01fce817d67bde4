// A small line chart in SVG: load per scenario against capacity, per year. Written by hand rather than with a chart
// library because the map runs under a content security policy without inline styles, and the libraries that fit
// (Observable Plot, ECharts' SVG renderer) write <style> elements or style attributes; this one uses classes only.
// Every chart stands beside its table and a CSV download, which carry the same figures.

const SVG = 'http://www.w3.org/2000/svg';

export interface Series { name: string; className: string; points: [number, number | null][] }

function el(name: string, attrs: Record<string, string | number>, parent?: Element): SVGElement {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  parent?.appendChild(e);
  return e;
}

export function lineChart(title: string, series: Series[], unit: string): SVGSVGElement {
  const width = 560, height = 260, left = 48, right = 12, top = 12, bottom = 30;
  const xs = series.flatMap(s => s.points.map(p => p[0]));
  const ys = series.flatMap(s => s.points.map(p => p[1]).filter((v): v is number => v !== null));
  const x0 = Math.min(...xs), x1 = Math.max(...xs);
  const y1 = Math.max(1, ...ys) * 1.1;
  const x = (v: number) => left + ((v - x0) / Math.max(1, x1 - x0)) * (width - left - right);
  const y = (v: number) => top + (1 - v / y1) * (height - top - bottom);
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title, class: 'chart' }) as SVGSVGElement;
  el('title', {}, svg).textContent = title;
  for (let i = 0; i <= 4; i++) {
    const v = (y1 / 4) * i;
    el('line', { x1: left, x2: width - right, y1: y(v), y2: y(v), class: 'chart-grid' }, svg);
    el('text', { x: left - 6, y: y(v) + 4, class: 'chart-tick chart-tick--y' }, svg).textContent = v.toLocaleString('nl-NL', { maximumFractionDigits: 0 });
  }
  for (let year = x0; year <= x1; year += 5) el('text', { x: x(year), y: height - 10, class: 'chart-tick chart-tick--x' }, svg).textContent = String(year);
  el('text', { x: 4, y: 10, class: 'chart-tick' }, svg).textContent = unit;
  for (const s of series) {
    const d = s.points.filter(p => p[1] !== null).map((p, i) => `${i ? 'L' : 'M'}${x(p[0]).toFixed(1)},${y(p[1]!).toFixed(1)}`).join('');
    el('path', { d, class: `chart-line ${s.className}` }, svg);
  }
  return svg;
}

/** The same figures as a CSV file (semicolon-separated, decimal comma: how Dutch spreadsheets open it). */
export function csvDownload(fileName: string, header: string[], rows: (string | number | null)[][]): HTMLAnchorElement {
  const cell = (v: string | number | null) => v === null ? '' : typeof v === 'number' ? String(v).replace('.', ',') : `"${v.replace(/"/g, '""')}"`;
  const text = [header.map(cell), ...rows.map(r => r.map(cell))].map(r => r.join(';')).join('\r\n');
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob(['\ufeff' + text], { type: 'text/csv;charset=utf-8' }));
  a.download = fileName;
  a.className = 'utrecht-link csv-link';
  a.textContent = `Download als CSV (${fileName})`;
  return a;
}
