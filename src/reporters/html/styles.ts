import { LEVELS } from '../../schema/common.js';
import { DARK, LEVEL_COLOURS, LIGHT, type Theme } from './palette.js';

const variables = (theme: Theme) =>
  Object.entries(theme)
    .map(([name, value]) => `--${name}:${value};`)
    .join('');

const levelRules = LEVELS.map((level) => `.lv-${level}{background:${LEVEL_COLOURS[level].background};color:${LEVEL_COLOURS[level].text}}`).join('\n');

/**
 * The one stylesheet of both HTML reports, inline (the page's CSP allows no other):
 * light and dark by the reader's preference, and a print layout for A4 and Letter
 * (the narrower A4 width, light colours, level colours kept, rows never cut;
 * `.print-open` prints the contents of every `<details>`).
 */
export const STYLESHEET = `
:root{color-scheme:light dark;${variables(LIGHT)}}
@media (prefers-color-scheme:dark){:root{${variables(DARK)}}
.lv-none{background:var(--panel);color:var(--text)}}
${levelRules}
*{box-sizing:border-box}
body{margin:0;background:var(--background);color:var(--text);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:75rem;margin:0 auto;padding:1.5rem 1.5rem 3rem}
a{color:var(--link)}
h1{font-size:1.75rem;margin:0 0 .25rem}
h2{font-size:1.3rem;margin:2rem 0 .5rem;padding-bottom:.25rem;border-bottom:1px solid var(--border)}
h3{font-size:1.05rem;margin:1.25rem 0 .5rem}
p{margin:.4rem 0}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88em;overflow-wrap:anywhere}
pre{background:var(--panel);border:1px solid var(--border);padding:.75rem;overflow-x:auto;font-size:.85rem;white-space:pre-wrap}
.meta{color:var(--muted)}
.meta span+span::before{content:" · "}
nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;list-style:none;padding:0;margin:.75rem 0}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.9rem}
caption{text-align:left;color:var(--muted);padding:.25rem 0;caption-side:bottom;font-size:.85rem}
th,td{border:1px solid var(--border);padding:.35rem .5rem;text-align:left;vertical-align:top}
thead th{background:var(--panel)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.lv{font-variant-numeric:tabular-nums;white-space:nowrap}
.lv b{font-weight:700}
table.heat td.lv{text-align:center;min-width:6.5rem}
table.heat th[scope=row]{font-weight:600}
td.ids code{white-space:nowrap}
.badges{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0;padding:0;list-style:none}
.badges li{padding:.2rem .6rem;border-radius:4px;border:1px solid var(--border)}
.level-error{color:var(--error);font-weight:600}
.level-warning{color:var(--warning);font-weight:600}
.level-info{color:var(--info)}
details{border:1px solid var(--border);border-radius:6px;margin:.5rem 0;padding:.25rem .75rem}
details[open]{padding-bottom:.5rem}
summary{cursor:pointer;font-weight:600;padding:.25rem 0}
summary .meta{font-weight:400;margin-left:.5rem}
summary .lv{font-weight:400;padding:0 .35rem;border-radius:3px}
section.feature{margin-top:2.5rem}
.empty{color:var(--muted);font-style:italic}
@media print{
@page{margin:12mm}
:root{color-scheme:light;${variables(LIGHT)}}
*{print-color-adjust:exact;-webkit-print-color-adjust:exact}
body{font-size:9.5pt}
main{max-width:none;padding:0 1px}
nav{display:none}
a{color:inherit;text-decoration:none}
h2,h3,summary{break-after:avoid}
tr,li,details summary,.badges{break-inside:avoid}
thead{display:table-header-group}
details{border:0;padding:0}
.print-open details::details-content{content-visibility:visible;display:block}
table{font-size:8pt}
th,td{padding:.2rem .3rem}
.lv{white-space:normal}
table.heat td.lv{min-width:0}
.lv-none{background:${LEVEL_COLOURS.none.background};color:${LEVEL_COLOURS.none.text}}
}
`.trim();
