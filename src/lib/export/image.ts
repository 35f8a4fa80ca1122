// Chart figures as SVG and PNG files: computed styles inlined, canvases composited, all in the browser.
import { downloadBlob } from './download';

/** A rectangle in CSS pixels, relative to the exported element. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One measured piece of a figure, in document (painting) order. */
export type ExportPart =
  /** A serialized `<svg>` (styles inlined), placed by its own x/y/width/height attributes. */
  | { kind: 'svg'; markup: string; box: Box }
  /** A raster (a canvas layer) as a data: URL. */
  | { kind: 'image'; href: string; box: Box }
  /** A coloured box (legend swatch). */
  | { kind: 'rect'; fill: string; radius: number; box: Box }
  /** One line of text (title, description, legend label). */
  | { kind: 'text'; text: string; style: string; box: Box };

/** Inherited SVG properties: written on the root, then only where an element differs from its parent. */
export const INHERITED_PROPERTIES = [
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'paint-order',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'font-variant-numeric',
  'letter-spacing',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'shape-rendering'
] as const;

/** Properties that do not inherit, with the value that need not be written. */
export const OWN_PROPERTIES: Record<string, string> = {
  opacity: '1',
  display: 'inline',
  'stop-color': 'rgb(0, 0, 0)',
  'stop-opacity': '1'
};

export type StyleMap = Record<string, string>;

/** Escapes text for XML element content and double-quoted attribute values. */
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!
  );
}

/** `prop:value;…` for a style attribute (escape it with `escapeXml` when writing markup). */
export function styleText(entries: Iterable<readonly [string, string]>): string {
  return [...entries].map(([k, v]) => `${k}:${v}`).join(';');
}

/**
 * The declarations an element needs so that it looks the same without the page's stylesheets:
 * inherited properties that differ from the parent's (all of them on the root) and non-default
 * own properties. Paint servers (`url(#…)`) are left to the element's attributes.
 */
export function styleDelta(own: StyleMap, parent: StyleMap | null): [string, string][] {
  const out: [string, string][] = [];
  for (const p of INHERITED_PROPERTIES) {
    const v = own[p];
    if (!v || v.includes('url(')) continue;
    if (!parent || parent[p] !== v) out.push([p, v]);
  }
  for (const [p, initial] of Object.entries(OWN_PROPERTIES)) {
    const v = own[p];
    if (v && v !== initial && !v.includes('url(')) out.push([p, v]);
  }
  return out;
}

/** A file name from a chart title: no path or reserved characters, spaces as dashes, ≤ 80 chars. */
export function toFileName(title: string, extension: string): string {
  const base = title
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, ' ')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80);
  return `${base || 'chart'}.${extension}`;
}

/** The smallest box around all boxes (a zero box when there are none). */
export function unionBox(boxes: readonly Box[]): Box {
  if (boxes.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.width));
  const y1 = Math.max(...boxes.map((b) => b.y + b.height));
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

const round = (v: number) => Math.round(v * 100) / 100;

/** Assembles measured parts into one standalone SVG document, cropped to them plus `padding`. */
export function composeSvg(
  parts: readonly ExportPart[],
  options: { title?: string; background?: string; padding?: number } = {}
): { svg: string; width: number; height: number } {
  const pad = options.padding ?? 12;
  const bounds = unionBox(parts.map((p) => p.box));
  const width = Math.ceil(bounds.width + 2 * pad);
  const height = Math.ceil(bounds.height + 2 * pad);
  const body = parts.map((p) => {
    const { x, y, width: w, height: h } = p.box;
    switch (p.kind) {
      case 'svg':
        return p.markup;
      case 'image':
        return `<image x="${round(x)}" y="${round(y)}" width="${round(w)}" height="${round(h)}" preserveAspectRatio="none" xlink:href="${escapeXml(p.href)}"/>`;
      case 'rect':
        return `<rect x="${round(x)}" y="${round(y)}" width="${round(w)}" height="${round(h)}" rx="${round(p.radius)}" style="${escapeXml(`fill:${p.fill}`)}"/>`;
      case 'text':
        return `<text x="${round(x)}" y="${round(y + h / 2)}" dominant-baseline="central" style="${escapeXml(p.style)}">${escapeXml(p.text)}</text>`;
    }
  });
  const title = options.title ? `<title>${escapeXml(options.title)}</title>` : '';
  const background = options.background
    ? `<rect width="100%" height="100%" style="${escapeXml(`fill:${options.background}`)}"/>`
    : '';
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `${title}${background}<g transform="translate(${round(pad - bounds.x)},${round(pad - bounds.y)})">${body.join('')}</g></svg>`;
  return { svg, width, height };
}

/* ---- Browser-only from here: measuring and serializing the live figure. ---- */

function readStyle(el: Element): StyleMap {
  const cs = getComputedStyle(el);
  const out: StyleMap = {};
  for (const p of [...INHERITED_PROPERTIES, ...Object.keys(OWN_PROPERTIES)]) {
    out[p] = cs.getPropertyValue(p);
  }
  return out;
}

function boxOf(el: Element, origin: DOMRect): Box {
  const r = el.getBoundingClientRect();
  return { x: r.left - origin.left, y: r.top - origin.top, width: r.width, height: r.height };
}

/** A copy of a live `<svg>` that renders the same on its own, placed at `box`. */
function serializeSvg(svg: SVGSVGElement, box: Box): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const source = [svg, ...svg.querySelectorAll('*')];
  const target = [clone, ...clone.querySelectorAll('*')];
  const styles = new Map<Element, StyleMap>();
  source.forEach((el, i) => {
    const style = readStyle(el);
    styles.set(el, style);
    const parent = el === svg ? null : (styles.get(el.parentElement!) ?? null);
    const copy = target[i];
    for (const name of [...copy.getAttributeNames()]) {
      if (name === 'class' || name === 'role' || name === 'tabindex' || name.startsWith('aria-')) {
        copy.removeAttribute(name);
      }
    }
    const text = styleText(styleDelta(style, parent));
    if (text) copy.setAttribute('style', text);
    else copy.removeAttribute('style');
  });
  clone.setAttribute('x', String(round(box.x)));
  clone.setAttribute('y', String(round(box.y)));
  clone.setAttribute('width', String(round(box.width)));
  clone.setAttribute('height', String(round(box.height)));
  clone.setAttribute('overflow', 'visible');
  return new XMLSerializer().serializeToString(clone);
}

/** The lines an element's text is laid out in, measured character by character. */
function textLines(el: Element, origin: DOMRect): { text: string; box: Box }[] {
  const lines: { text: string; box: Box }[] = [];
  const range = document.createRange();
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const value = node.nodeValue ?? '';
    for (let i = 0; i < value.length; i++) {
      const size = value.codePointAt(i)! > 0xffff ? 2 : 1;
      range.setStart(node, i);
      range.setEnd(node, i + size);
      const r = range.getClientRects()[0];
      const ch = value.slice(i, i + size);
      i += size - 1;
      const line = lines.at(-1);
      if (!r || r.width === 0) {
        if (line) line.text += ch;
        continue;
      }
      const top = r.top - origin.top;
      if (!line || Math.abs(top - line.box.y) > r.height / 2) {
        lines.push({
          text: ch,
          box: { x: r.left - origin.left, y: top, width: r.width, height: r.height }
        });
      } else {
        line.text += ch;
        line.box.width = r.right - origin.left - line.box.x;
      }
    }
  }
  return lines
    .map((l) => ({ ...l, text: l.text.replace(/\s+/g, ' ').trim() }))
    .filter((l) => l.text);
}

/** Shown at all (checkVisibility is Safari 17.4+; older browsers fall back to having boxes). */
function isVisible(el: Element): boolean {
  return typeof el.checkVisibility === 'function'
    ? el.checkVisibility({ visibilityProperty: true })
    : el.getClientRects().length > 0;
}

/**
 * Measures what a figure shows, in painting order: every top-level `<svg>` and `<canvas>`, and
 * elements marked `data-export="text"` or `data-export="swatch"`. Subtrees marked
 * `data-export="skip"` (toolbars, tooltips) and hidden ones are left out.
 */
export function collectParts(root: HTMLElement): ExportPart[] {
  const origin = root.getBoundingClientRect();
  const parts: ExportPart[] = [];
  const visit = (el: Element) => {
    const mark = el instanceof HTMLElement ? el.dataset.export : undefined;
    if (mark === 'skip' || !isVisible(el)) return;
    const box = boxOf(el, origin);
    if (el instanceof SVGSVGElement) {
      parts.push({ kind: 'svg', markup: serializeSvg(el, box), box });
    } else if (el instanceof HTMLCanvasElement) {
      if (el.width > 0 && el.height > 0) {
        parts.push({ kind: 'image', href: el.toDataURL('image/png'), box });
      }
    } else if (mark === 'swatch') {
      const cs = getComputedStyle(el);
      const radius = parseFloat(cs.borderTopLeftRadius) || 0;
      parts.push({ kind: 'rect', fill: cs.backgroundColor, radius, box });
    } else if (mark === 'text') {
      const cs = getComputedStyle(el);
      const style = styleText([
        ['font-family', cs.fontFamily],
        ['font-size', cs.fontSize],
        ['font-weight', cs.fontWeight],
        ['font-style', cs.fontStyle],
        ['fill', cs.color]
      ]);
      for (const line of textLines(el, origin)) parts.push({ kind: 'text', ...line, style });
    } else {
      for (const child of el.children) visit(child);
    }
  };
  for (const child of root.children) visit(child);
  return parts;
}

/** The first non-transparent background at or above `el` (white when there is none). */
function backgroundOf(el: Element | null): string {
  for (let e = el; e; e = e.parentElement) {
    const bg = getComputedStyle(e).backgroundColor;
    if (bg && bg !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(bg)) return bg;
  }
  return '#ffffff';
}

/** A figure (or any element holding a chart) as a standalone SVG document. */
export function figureToSvg(root: HTMLElement, title?: string) {
  return composeSvg(collectParts(root), { title, background: backgroundOf(root) });
}

/** Rasterises an SVG document at `scale`× on an offscreen canvas. */
export async function svgToPng(
  svg: string,
  width: number,
  height: number,
  scale = 2
): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const [w, h] = [Math.round(width * scale), Math.round(height * scale)];
    if (typeof OffscreenCanvas !== 'undefined') {
      const canvas = new OffscreenCanvas(w, h);
      canvas.getContext('2d')!.drawImage(img, 0, 0, w, h);
      return await canvas.convertToBlob({ type: 'image/png' });
    }
    const canvas = Object.assign(document.createElement('canvas'), { width: w, height: h });
    canvas.getContext('2d')!.drawImage(img, 0, 0, w, h);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png')
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Downloads the figure as `<fileName>.svg`. */
export function downloadSvg(root: HTMLElement, fileName: string, title?: string) {
  const { svg } = figureToSvg(root, title);
  downloadBlob(
    new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }),
    toFileName(fileName, 'svg')
  );
}

/** Downloads the figure as `<fileName>.png` at `scale`× (2 by default). */
export async function downloadPng(root: HTMLElement, fileName: string, title?: string, scale = 2) {
  const { svg, width, height } = figureToSvg(root, title);
  downloadBlob(await svgToPng(svg, width, height, scale), toFileName(fileName, 'png'));
}
