import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgTreeNode } from '@uplift/contract';
import { currentLanguage } from '../../i18n/i18n.ts';
import { buildOrgTree, initiallyExpanded, unitName, type OrgTreeItem } from './org-tree.ts';
import { useOrgTree } from './use-org.ts';

type Option = { value: string; title: string; disabled: boolean; children: Option[] };

/** The tree as TreeSelect options in the current language, without `hide`d units. */
function useUnitOptions(nodes: OrgTreeNode[] | undefined, hide?: (n: OrgTreeNode) => boolean, disable?: (n: OrgTreeNode) => boolean): Option[] {
  const { i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  return useMemo(() => {
    const toOption = (n: OrgTreeItem): Option => ({
      value: n.id,
      title: unitName(n, lang),
      disabled: disable?.(n) ?? false,
      children: n.children.filter((c) => !hide?.(c)).map(toOption),
    });
    return buildOrgTree(nodes ?? [])
      .filter((n) => !hide?.(n))
      .map(toOption);
  }, [nodes, lang, hide, disable]);
}

/**
 * A unit picker over the organisation tree, searchable by name. `hide` leaves units (and what is
 * below them) out; `disable` shows them but refuses them as a choice.
 */
export function UnitTreeSelect(props: {
  value?: string | null;
  onChange?: (id: string | null) => void;
  placeholder?: string;
  allowClear?: boolean;
  hide?: (n: OrgTreeNode) => boolean;
  disable?: (n: OrgTreeNode) => boolean;
  testId?: string;
  id?: string;
}) {
  const tree = useOrgTree();
  const options = useUnitOptions(tree.data, props.hide, props.disable);
  const nodes = tree.data;

  return (
    <TreeSelect
      id={props.id}
      value={props.value ?? undefined}
      onChange={(v: string | undefined) => props.onChange?.(v ?? null)}
      treeData={options}
      placeholder={props.placeholder}
      allowClear={props.allowClear}
      loading={tree.isPending}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={nodes ? initiallyExpanded(nodes) : []}
      style={{ width: '100%' }}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 16px)' } } }}
      data-testid={props.testId}
    />
  );
}

/** Several units at once (a token's org subtrees): each choice covers the units below it. */
export function UnitsTreeSelect(props: { value?: string[]; onChange?: (ids: string[]) => void; placeholder?: string; testId?: string; id?: string }) {
  const tree = useOrgTree();
  const options = useUnitOptions(tree.data);
  return (
    <TreeSelect
      id={props.id}
      multiple
      value={props.value ?? []}
      onChange={(v: string[]) => props.onChange?.(v)}
      treeData={options}
      placeholder={props.placeholder}
      loading={tree.isPending}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={tree.data ? initiallyExpanded(tree.data) : []}
      maxTagCount="responsive"
      style={{ width: '100%' }}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 16px)' } } }}
      data-testid={props.testId}
    />
  );
}
