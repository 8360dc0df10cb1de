import type { Feature, SafeguardDeclaration } from '../schema/assessment.js';
import type { Catalog } from '../schema/catalog.js';
import { CATALOG_ID_PATTERN, STAGES, type Stage } from '../schema/common.js';
import { compact, keepOrder, optionalList, optionalText, requireText, slugify, splitList, validateSlug } from './answers.js';
import type { Choice } from './ask.js';
import { askDeclaration, titleOf } from './safeguard-questions.js';
import type { Walk } from './walk.js';

/*
 * The feature: name, id, owner, stage, capabilities, and the safeguards that
 * cover it as a whole. Questions: feature.name  feature.id  feature.description
 * feature.owner  feature.stage  feature.capabilities (checkbox)
 * feature.capabilities.other  feature.safeguards.any (confirm)
 * feature.safeguards (checkbox)  feature.safeguard.<safeguard>  feature.safeguard.<safeguard>.note
 */

/** The capabilities catalog conditions are written against; a feature may name others. */
const CAPABILITIES: readonly (readonly [string, string])[] = [
  ['computer_use', 'Operates a desktop or browser through screenshots and input events.'],
  ['tool_use', 'Calls external tools or APIs.'],
  ['web_browsing', 'Fetches and reads web pages.'],
  ['code_execution', 'Runs code it writes.'],
  ['messaging', 'Sends email, chat or other messages to people.'],
  ['payments', 'Moves money or makes purchases.'],
  ['image_generation', 'Creates or edits images.'],
  ['voice', 'Speaks or listens: audio in or out.'],
  ['memory', 'Remembers information across conversations.'],
  ['file_access', "Reads or writes the user's files."],
];

const STAGE_DESCRIPTIONS: Record<Stage, string> = {
  concept: 'An idea being explored; nothing is built yet.',
  development: 'Being built; not yet used outside the team.',
  beta: 'Some real users have it (the gate checks residual risk from here on).',
  ga: 'Generally available.',
  retired: 'Switched off; kept for the record and never gated.',
};

export async function askFeature(walk: Walk, prev: Feature | undefined): Promise<Feature> {
  const { ask } = walk;
  walk.section('Feature');
  const name = await ask.input({ name: 'feature.name', message: 'Feature name:', default: prev?.name, validate: requireText });
  const id = await ask.input({
    name: 'feature.id',
    message: 'Feature id (lower-case, digits, hyphens; names the file):',
    default: prev?.id ?? slugify(name, 'feature'),
    validate: validateSlug,
  });
  const description = await ask.input({ name: 'feature.description', message: 'What does it do, in one line? (optional):', default: prev?.description });
  const owner = await ask.input({ name: 'feature.owner', message: 'Owner (the team or person accountable):', default: prev?.owner, validate: requireText });
  const stage = await ask.select<Stage>({
    name: 'feature.stage',
    message: 'Stage:',
    choices: STAGES.map((s) => ({ value: s, name: s, description: STAGE_DESCRIPTIONS[s] })),
    default: prev?.stage ?? 'development',
  });
  const capabilities = await askCapabilities(walk, prev?.capabilities);
  const safeguards = await askFeatureSafeguards(walk, prev?.safeguards);
  return compact({
    ...prev,
    id,
    name,
    description: optionalText(prev?.description, description),
    owner,
    stage,
    capabilities: optionalList(prev?.capabilities, capabilities),
    safeguards: optionalList(prev?.safeguards, safeguards),
  }) as Feature;
}

async function askCapabilities(walk: Walk, prev: readonly string[] | undefined): Promise<string[]> {
  const known = new Map<string, string>(CAPABILITIES);
  for (const id of catalogCapabilities(walk.catalog)) if (!known.has(id)) known.set(id, 'Named by a catalog condition.');
  const ticked = await walk.ask.checkbox<string>({
    name: 'feature.capabilities',
    message: 'Capabilities (tick all that apply):',
    choices: [...known].map(([id, description]) => ({ value: id, name: id, description, checked: prev?.includes(id) ?? false })),
  });
  const others = (prev ?? []).filter((c) => !known.has(c));
  const more = await walk.ask.input({
    name: 'feature.capabilities.other',
    message: 'Other capabilities, comma-separated (optional):',
    default: others.join(', '),
    validate: (v) => {
      // Ids already in the file are kept as they are, even when written differently.
      const bad = splitList(v).find((c) => !CATALOG_ID_PATTERN.test(c) && !others.includes(c));
      return bad === undefined ? true : `"${bad}" is not an id: use lower-case letters, digits, "_" and "-"`;
    },
  });
  return keepOrder(prev ?? [], [...ticked, ...splitList(more)]);
}

async function askFeatureSafeguards(walk: Walk, prev: readonly SafeguardDeclaration[] | undefined): Promise<SafeguardDeclaration[]> {
  const any = await walk.ask.confirm({
    name: 'feature.safeguards.any',
    message: 'Are there safeguards that cover the whole feature (e.g. a usage policy)?',
    default: (prev?.length ?? 0) > 0,
  });
  if (!any) return [];
  const byId = new Map((prev ?? []).map((d) => [d.id, d]));
  const choices: Choice<string>[] = walk.catalog.safeguards.map((s) => ({
    value: s.id,
    name: s.title,
    description: `${s.id}: ${s.description}`,
    checked: byId.has(s.id),
  }));
  // Declarations the catalog does not know stay choosable, so editing does not drop them.
  for (const d of prev ?? []) if (!choices.some((c) => c.value === d.id)) choices.push({ value: d.id, name: d.id, checked: true });
  const ids = await walk.ask.checkbox<string>({ name: 'feature.safeguards', message: 'Which safeguards?', choices });
  const out: SafeguardDeclaration[] = [];
  for (const id of keepOrder(
    (prev ?? []).map((d) => d.id),
    ids,
  )) {
    const declaration = await askDeclaration(walk, `feature.safeguard.${id}`, id, titleOf(walk, id), byId.get(id), { skip: false, required: false });
    if (declaration) out.push(declaration);
  }
  return out;
}

/** Capability ids the catalog's conditions mention, in catalog order. */
function catalogCapabilities(catalog: Catalog): string[] {
  const found: string[] = [];
  for (const s of catalog.safeguards) {
    for (const condition of [...(s.recommend_when ?? []), ...(s.require_when ?? [])]) {
      const c = condition.capability;
      for (const id of c === undefined ? [] : Array.isArray(c) ? c : [c]) if (!found.includes(id)) found.push(id);
    }
  }
  return found;
}
