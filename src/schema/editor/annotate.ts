/**
 * Adds what editors show to a JSON Schema generated from the zod schemas:
 * a description of every key, of every enum value, and the effective catalog's
 * ids as completions. The structure (what validates) never changes: an id
 * becomes `anyOf: [{ enum: ids }, <the schema as it was>]`, so ids that a
 * later catalog layer adds stay valid.
 */

/** Keywords these schemas carry beyond draft-07, for yaml-language-server and VS Code; strict validators must be told of them. */
export const EDITOR_KEYWORDS = ['markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions', 'patternErrorMessage'] as const;

export type IdKind = 'dimension' | 'category' | 'population' | 'safeguard' | 'capability';

/**
 * The texts of one kind of document, by the path of a key: `feature.stage`,
 * `harms[].factors` (`[]`: an item of a list), `safeguards[].raises.*.scale`
 * (`*`: any key of a map).
 */
export interface DocumentTexts {
  /** A Markdown sentence or two for every key. */
  keys: Readonly<Record<string, string>>;
  /** The keys whose values name catalog ids (a value, or a list of them), with the kind of id. */
  ids: Readonly<Record<string, IdKind>>;
}

export interface Choice {
  value: string;
  /** Markdown. */
  text: string;
}

/** What the effective catalog offers for values. */
export interface EditorValues {
  /** Texts for the values of an enum, found by its values joined with `|` (`planned|in_progress|…`). */
  enums: ReadonlyMap<string, Readonly<Record<string, string>>>;
  ids: Readonly<Record<IdKind, readonly Choice[]>>;
}

type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The text without Markdown, for the `description` that plain-text clients show. */
function plainText(markdown: string): string {
  return markdown.replace(/\*\*|`/g, '');
}

export const enumKey = (values: readonly unknown[]) => values.join('|');

/**
 * Calls `visit` on every schema node under `node` with its path (see
 * DocumentTexts), parents first. `key` is the property name for the node of a
 * property itself, undefined for list items and for the branches of a union.
 */
export function walkSchema(node: unknown, visit: (node: Node, path: string, key: string | undefined) => void, path = '', key?: string): void {
  if (!isNode(node)) return;
  visit(node, path, key);
  if (isNode(node.properties)) {
    for (const [name, child] of Object.entries(node.properties)) walkSchema(child, visit, path ? `${path}.${name}` : name, name);
  }
  walkSchema(node.items, visit, `${path}[]`);
  walkSchema(node.additionalProperties, visit, `${path}.*`);
  for (const branches of [node.anyOf, node.oneOf, node.allOf]) {
    if (Array.isArray(branches)) for (const branch of branches) walkSchema(branch, visit, path);
  }
}

function describe(node: Node, markdown: string): void {
  node.description = plainText(markdown);
  node.markdownDescription = markdown;
}

function describeValues(node: Node, values: readonly string[], texts: Readonly<Record<string, string>>): void {
  const markdown = values.map((v) => texts[v] ?? '');
  node.markdownEnumDescriptions = markdown;
  node.enumDescriptions = markdown.map(plainText);
}

/** The ids of one kind, once per schema: `#/definitions/categoryId`. */
function idDefinition(choices: readonly Choice[]): Node {
  const values = choices.map((c) => c.value);
  const node: Node = { type: 'string', enum: values };
  describeValues(node, values, Object.fromEntries(choices.map((c) => [c.value, c.text])));
  return node;
}

/** The offered ids beside the schema as it was, which still decides what is valid. */
function offerIds(node: Node, ref: string): void {
  const { description, markdownDescription, ...original } = node;
  for (const key of Object.keys(node)) delete node[key];
  Object.assign(node, description === undefined ? {} : { description, markdownDescription });
  node.anyOf = [{ $ref: ref }, original];
}

/** Annotates `schema` in place. */
export function annotateForEditors(schema: Node, texts: DocumentTexts, values: EditorValues): void {
  const idLeaves: [Node, IdKind][] = [];
  walkSchema(schema, (node, path, key) => {
    const text = texts.keys[path];
    if (text !== undefined && key !== undefined) describe(node, text);
    if (Array.isArray(node.enum) && node.enum.every((v) => typeof v === 'string')) {
      const valueTexts = values.enums.get(enumKey(node.enum));
      if (valueTexts) describeValues(node, node.enum as string[], valueTexts);
    }
    // Both forms of "a value or a list": `category: x` and `category: [x, y]`.
    const kind = texts.ids[path] ?? texts.ids[path.replace(/\[\]$/, '')];
    if (kind && node.type === 'string' && node.enum === undefined && values.ids[kind].length > 0) idLeaves.push([node, kind]);
  });
  // After the walk, so that the walk does not visit the offered ids again.
  const definitions = (schema.definitions ??= {}) as Node;
  for (const [node, kind] of idLeaves) {
    definitions[`${kind}Id`] ??= idDefinition(values.ids[kind]);
    offerIds(node, `#/definitions/${kind}Id`);
  }
  if (Object.keys(definitions).length === 0) delete schema.definitions;
}

/** The same texts under another path: `under('harms[].safeguards[]', { id: … })`; `''` is the prefix itself. */
export function under<T>(prefix: string, texts: Readonly<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(Object.entries(texts).map(([path, text]) => [path ? `${prefix}.${path}` : prefix, text]));
}
