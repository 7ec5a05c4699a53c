import { describe, expect, it } from 'vitest';
import type { OrgTreeNode } from '@uplift/contract';
import { buildOrgTree, initiallyExpanded, matchUnits, pruneTree, subtreeIds, unitName } from './org-tree.ts';

let seq = 0;
function unit(code: string, parent: OrgTreeNode | null, extra: Partial<OrgTreeNode> = {}): OrgTreeNode {
  seq += 1;
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    code,
    name: `${code} 名称`,
    nameEn: null,
    type: parent ? 'department' : 'group',
    parentId: parent?.id ?? null,
    depth: parent ? parent.depth + 1 : 0,
    city: null,
    active: true,
    headcount: 1,
    subtreeHeadcount: 1,
    ...extra,
  };
}

const root = unit('XH', null);
const tech = unit('TECH', root, { type: 'subsidiary', nameEn: 'Xinghe Tech' });
const dev = unit('TECH-DEV', tech);
const team = unit('TECH-DEV-A', dev, { type: 'team', name: '前端小组' });
const hr = unit('HR', root);
const flat = [root, tech, hr, dev, team];

describe('buildOrgTree', () => {
  it('nests the flat list by parent, keeping the listed order of siblings', () => {
    const tree = buildOrgTree(flat);
    expect(tree.map((n) => n.code)).toEqual(['XH']);
    expect(tree[0]!.children.map((n) => n.code)).toEqual(['TECH', 'HR']);
    expect(tree[0]!.children[0]!.children[0]!.children.map((n) => n.code)).toEqual(['TECH-DEV-A']);
  });

  it('keeps a unit whose parent is not listed as a root', () => {
    expect(buildOrgTree([dev, team]).map((n) => n.code)).toEqual(['TECH-DEV']);
    expect(buildOrgTree([])).toEqual([]);
  });
});

describe('matchUnits and pruneTree', () => {
  it('finds by name, English name or code, case-insensitively, keeping the path to each match', () => {
    const m = matchUnits(flat, '  前端 ')!;
    expect([...m.matches]).toEqual([team.id]);
    expect(m.visible).toEqual(new Set([team.id, dev.id, tech.id, root.id]));
    const pruned = pruneTree(buildOrgTree(flat), m.visible);
    expect(pruned[0]!.children.map((n) => n.code)).toEqual(['TECH']);
    expect(matchUnits(flat, 'xinghe')!.matches).toEqual(new Set([tech.id]));
    expect(matchUnits(flat, 'tech-dev')!.matches).toEqual(new Set([dev.id, team.id]));
  });

  it('filters nothing for a blank query and finds nothing for an unknown one', () => {
    expect(matchUnits(flat, '   ')).toBeNull();
    expect(matchUnits(flat, 'nope')!.visible.size).toBe(0);
  });
});

describe('subtreeIds, unitName, initiallyExpanded', () => {
  it('collects a unit and everything below it', () => {
    expect(subtreeIds(flat, tech.id)).toEqual(new Set([tech.id, dev.id, team.id]));
    expect(subtreeIds(flat, hr.id)).toEqual(new Set([hr.id]));
  });

  it('names a unit in English only where it has an English name', () => {
    expect(unitName(tech, 'en-US')).toBe('Xinghe Tech');
    expect(unitName(tech, 'zh-CN')).toBe('TECH 名称');
    expect(unitName(dev, 'en-US')).toBe('TECH-DEV 名称');
  });

  it('opens the roots at first', () => {
    expect(initiallyExpanded(flat)).toEqual([root.id]);
    expect(initiallyExpanded([dev, team])).toEqual([dev.id]);
  });
});
