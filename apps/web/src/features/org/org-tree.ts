import type { OrgTreeNode, OrgUnitType } from '@uplift/contract';
import type { Language } from '../../i18n/i18n.ts';

/** A unit with its children, in the order the server listed them. */
export type OrgTreeItem = OrgTreeNode & { children: OrgTreeItem[] };

/**
 * Nests the flat listing by parentId. Siblings keep the server's order; a unit whose parent is
 * not in the listing becomes a root rather than disappearing.
 */
export function buildOrgTree(nodes: readonly OrgTreeNode[]): OrgTreeItem[] {
  const items = new Map<string, OrgTreeItem>();
  for (const n of nodes) items.set(n.id, { ...n, children: [] });
  const roots: OrgTreeItem[] = [];
  for (const n of nodes) {
    const item = items.get(n.id);
    if (!item) continue;
    const parent = n.parentId === null ? undefined : items.get(n.parentId);
    if (parent && parent !== item) parent.children.push(item);
    else roots.push(item);
  }
  return roots;
}

/** The unit's name in the UI language (the English name where there is one). */
export function unitName(node: Pick<OrgTreeNode, 'name' | 'nameEn'>, lang: Language): string {
  return lang === 'en-US' && node.nameEn ? node.nameEn : node.name;
}

/**
 * Units whose name, English name or code contains `query` (any case), and their ancestors so the
 * path to each match stays visible. Null when the query is blank (nothing filtered).
 */
export function matchUnits(nodes: readonly OrgTreeNode[], query: string): { matches: Set<string>; visible: Set<string> } | null {
  const q = query.trim().toLowerCase();
  if (!q) return null;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const matches = new Set<string>();
  const visible = new Set<string>();
  for (const n of nodes) {
    if (![n.name, n.nameEn ?? '', n.code].some((s) => s.toLowerCase().includes(q))) continue;
    matches.add(n.id);
    // walk up until an ancestor already marked (its own ancestors are then marked too)
    for (let cur: OrgTreeNode | undefined = n; cur && !visible.has(cur.id); cur = cur.parentId ? byId.get(cur.parentId) : undefined) visible.add(cur.id);
  }
  return { matches, visible };
}

/** The tree without the units outside `keep`. */
export function pruneTree(items: readonly OrgTreeItem[], keep: ReadonlySet<string>): OrgTreeItem[] {
  return items.filter((i) => keep.has(i.id)).map((i) => ({ ...i, children: pruneTree(i.children, keep) }));
}

/** The id of a unit and of every unit below it (a move target must lie outside this set). */
export function subtreeIds(nodes: readonly OrgTreeNode[], id: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const n of nodes) if (n.parentId) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.id]);
  const out = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    const cur = stack.pop()!;
    if (out.has(cur)) continue;
    out.add(cur);
    stack.push(...(children.get(cur) ?? []));
  }
  return out;
}

/** Which unit types may sit under which (the server enforces the same shape). */
export const childTypes: Record<OrgUnitType, Exclude<OrgUnitType, 'group'>[]> = {
  group: ['subsidiary', 'business_unit', 'department'],
  subsidiary: ['business_unit', 'department'],
  business_unit: ['department', 'team'],
  department: ['department', 'team'],
  team: ['team'],
};

/** Ids of the units open at first: the roots, so the top level shows and the page stays short on phones. */
export function initiallyExpanded(nodes: readonly OrgTreeNode[]): string[] {
  const ids = new Set(nodes.map((n) => n.id));
  return nodes.filter((n) => n.parentId === null || !ids.has(n.parentId)).map((n) => n.id);
}
