// The one-file report: the report's markup as the page shows it, wrapped in a document of its own
// with the report's style sheet inline — no script, no external reference, opens offline.
import { REPORT_CSS } from './report-css';

/** Markup the file must never carry: comments (framework anchors) and any script. */
function cleanMarkup(html: string): string {
  return html.replace(/<!--[\s\S]*?-->/g, '').replace(/<script[\s\S]*?<\/script>/gi, '');
}

const escapeText = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The report file's text: `<!doctype html>`, the language, a title, the style sheet inline and the
 * report's markup (the `outerHTML` of the rendered report).
 */
export function reportDocument(options: { markup: string; title: string; lang: string }): string {
  const lang = options.lang === 'zh-CN' ? 'zh-CN' : 'en';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeText(options.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${cleanMarkup(options.markup)}
</body>
</html>
`;
}

/** The file name: `<title> <as-of>.html`, without characters file systems refuse. */
export function reportFileName(title: string, asOf: string): string {
  return `${title} ${asOf}.html`.replace(/[\\/:*?"<>|]+/g, '-');
}
