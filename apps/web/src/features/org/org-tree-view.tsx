import { useEffect, useMemo, useState } from 'react';
import { Badge, Empty, Input, Tag, Tree, Typography, theme } from 'antd';
import type { TreeDataNode } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { OrgTreeNode } from '@uplift/contract';
import { currentLanguage, type Language, type Translate } from '../../i18n/i18n.ts';
import { buildOrgTree, initiallyExpanded, matchUnits, pruneTree, unitName, type OrgTreeItem } from './org-tree.ts';
import { UnitTypeTag } from './unit-type-tag.tsx';


/** The ids of `id`'s ancestors, so a unit opened by link shows where it sits. */
function ancestorsOf(nodes: readonly OrgTreeNode[], id: string | null): string[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out: string[] = [];
  for (let cur = id ? byId.get(id) : undefined; cur?.parentId; cur = byId.get(cur.parentId)) out.push(cur.parentId);
  return out;
}

function UnitTitle(props: { node: OrgTreeNode; lang: Language; hit: boolean; t: Translate; accent: string }) {
  const { node, t } = props;
  const count = node.subtreeHeadcount;
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', alignItems: 'center', columnGap: 6, rowGap: 2, opacity: node.active ? 1 : 0.55 }} data-testid="org-node" data-code={node.code}>
      <Typography.Text strong={props.hit} style={{ wordBreak: 'break-word' }}>
        {unitName(node, props.lang)}
      </Typography.Text>
      <UnitTypeTag type={node.type} />
      {node.city && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {node.city}
        </Typography.Text>
      )}
      {!node.active && <Tag style={{ marginInlineEnd: 0 }}>{t('org.inactive')}</Tag>}
      {count !== null && (
        <span title={t('org.headcountTitle', { count })}>
          <Badge count={count} showZero overflowCount={99_999} color={count === 0 ? '#bfbfbf' : props.accent} data-testid="org-headcount" data-count={count} />
        </span>
      )}
    </span>
  );
}

/** The organisation as a collapsible tree with a name/code search; the path to each match stays open. */
export function OrgTreeView(props: { nodes: readonly OrgTreeNode[]; selected: string | null; onSelect: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const { token } = theme.useToken();
  const { nodes, selected } = props;
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<string[]>(() => initiallyExpanded(nodes));
  // the selected unit is open and its path visible, however it was selected (click, link, a new unit)
  useEffect(() => {
    if (!selected) return;
    setExpanded((prev) => {
      const add = [selected, ...ancestorsOf(nodes, selected)].filter((id) => !prev.includes(id));
      return add.length === 0 ? prev : [...prev, ...add];
    });
  }, [selected, nodes]);
  const match = useMemo(() => matchUnits(nodes, query), [nodes, query]);
  const full = useMemo(() => buildOrgTree(nodes), [nodes]);

  const treeData = useMemo(() => {
    const toData = (n: OrgTreeItem): TreeDataNode => ({
      key: n.id,
      title: <UnitTitle node={n} lang={lang} hit={match?.matches.has(n.id) ?? false} t={t} accent={token.colorPrimary} />,
      children: n.children.map(toData),
    });
    return (match ? pruneTree(full, match.visible) : full).map(toData);
  }, [full, match, lang, t, token.colorPrimary]);

  return (
    <div>
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('org.search')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        style={{ marginBottom: 12 }}
        data-testid="org-search"
      />
      {treeData.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={match ? t('org.noMatch') : t('org.empty')} data-testid="org-empty" />
      ) : (
        <Tree
          blockNode
          showLine={{ showLeafIcon: false }}
          treeData={treeData}
          // while searching every path to a match is open; otherwise what the user opened
          expandedKeys={match ? [...match.visible] : expanded}
          onExpand={(keys) => {
            if (!match) setExpanded(keys.map(String));
          }}
          selectedKeys={selected ? [selected] : []}
          onSelect={(keys) => {
            const key = keys[0];
            if (key !== undefined) props.onSelect(String(key));
          }}
          data-testid="org-tree"
        />
      )}
    </div>
  );
}
