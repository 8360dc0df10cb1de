import { escapeHtml } from '../sanitize.js';

/**
 * Markup that is already safe to put in a page. Everything else interpolated into
 * `html` is text, escaped through escapeHtml: a reporter cannot forget to escape,
 * because only this module turns a string into markup.
 */
export class Html {
  constructor(readonly value: string) {}
}

export type Content = Html | string | number | null | undefined | false | readonly Content[];

function render(content: Content): string {
  if (content === null || content === undefined || content === false) return '';
  if (content instanceof Html) return content.value;
  if (Array.isArray(content)) return (content as readonly Content[]).map(render).join('');
  return escapeHtml(String(content));
}

/** A template whose interpolations are escaped text unless they are Html already. */
export function html(strings: TemplateStringsArray, ...values: Content[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** Fixed markup written in this program (a stylesheet, an entity), never user text. */
export function trusted(markup: string): Html {
  return new Html(markup);
}
