import { describe, expect, it } from 'vitest';
import {
  composeSvg,
  escapeXml,
  styleDelta,
  styleText,
  toFileName,
  unionBox,
  type ExportPart
} from '../../../src/lib/export/image';

describe('SVG export helpers', () => {
  it('escapes text and attribute values', () => {
    expect(escapeXml(`<b>"Tom" & 'Jerry'</b>`)).toBe(
      '&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/b&gt;'
    );
  });

  it('writes inherited properties only where they change, own ones only when not default', () => {
    const parent = { fill: 'rgb(0, 0, 0)', 'font-size': '12px', opacity: '1' };
    expect(styleDelta({ ...parent }, parent)).toEqual([]);
    expect(
      styleDelta({ ...parent, fill: 'rgb(255, 0, 0)', opacity: '0.5', display: 'inline' }, parent)
    ).toEqual([
      ['fill', 'rgb(255, 0, 0)'],
      ['opacity', '0.5']
    ]);
    expect(styleDelta({ fill: 'url("#ramp")', 'font-size': '12px' }, null)).toEqual([
      ['font-size', '12px']
    ]);
    expect(
      styleText([
        ['fill', 'red'],
        ['font-family', '"Noto Sans", sans-serif']
      ])
    ).toBe('fill:red;font-family:"Noto Sans", sans-serif');
  });

  it.each([
    ['Retention by cohort', 'png', 'Retention-by-cohort.png'],
    ['按群组留存 / 2024', 'svg', '按群组留存-2024.svg'],
    ['a:b*c?"d"<e>|f\\g', 'csv', 'a-b-c-d-e-f-g.csv'],
    ['  ..hidden  ', 'png', 'hidden.png'],
    ['', 'svg', 'chart.svg'],
    ['///', 'svg', 'chart.svg'],
    ['x'.repeat(200), 'png', `${'x'.repeat(80)}.png`]
  ])('toFileName(%j, %s) = %s', (title, ext, expected) => {
    expect(toFileName(title, ext)).toBe(expected);
  });

  it('bounds boxes', () => {
    expect(unionBox([])).toEqual({ x: 0, y: 0, width: 0, height: 0 });
    expect(
      unionBox([
        { x: 10, y: 5, width: 10, height: 10 },
        { x: -2, y: 12, width: 4, height: 20 }
      ])
    ).toEqual({ x: -2, y: 5, width: 22, height: 27 });
  });

  it('composes parts into one cropped, standalone document with user text escaped', () => {
    const parts: ExportPart[] = [
      {
        kind: 'text',
        text: 'A & <B>',
        style: 'font-size:16px;fill:rgb(0, 0, 0)',
        box: { x: 20, y: 10, width: 60, height: 20 }
      },
      {
        kind: 'rect',
        fill: 'rgb(0, 114, 178)',
        radius: 2,
        box: { x: 20, y: 40, width: 12, height: 12 }
      },
      {
        kind: 'image',
        href: 'data:image/png;base64,AAAA',
        box: { x: 20, y: 60, width: 100, height: 50 }
      },
      {
        kind: 'svg',
        markup:
          '<svg xmlns="http://www.w3.org/2000/svg" x="20" y="60" width="100" height="50"><rect width="10" height="10"/></svg>',
        box: { x: 20, y: 60, width: 100, height: 50 }
      }
    ];
    const { svg, width, height } = composeSvg(parts, {
      title: 'Chart "1"',
      background: 'rgb(255, 255, 255)',
      padding: 10
    });
    expect([width, height]).toEqual([120, 120]);
    expect(svg).toMatchInlineSnapshot(
      `"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="120" viewBox="0 0 120 120"><title>Chart &quot;1&quot;</title><rect width="100%" height="100%" style="fill:rgb(255, 255, 255)"/><g transform="translate(-10,0)"><text x="20" y="20" dominant-baseline="central" style="font-size:16px;fill:rgb(0, 0, 0)">A &amp; &lt;B&gt;</text><rect x="20" y="40" width="12" height="12" rx="2" style="fill:rgb(0, 114, 178)"/><image x="20" y="60" width="100" height="50" preserveAspectRatio="none" xlink:href="data:image/png;base64,AAAA"/><svg xmlns="http://www.w3.org/2000/svg" x="20" y="60" width="100" height="50"><rect width="10" height="10"/></svg></g></svg>"`
    );
  });
});
