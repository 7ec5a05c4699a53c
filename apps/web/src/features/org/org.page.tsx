import { Card, Col, Drawer, Empty, Grid, Row, Skeleton, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/errors.tsx';
import { currentLanguage } from '../../i18n/i18n.ts';
import { ownRecordOnly } from '../auth/session.ts';
import { useSession } from '../auth/use-session.ts';
import { OrgTreeView } from './org-tree-view.tsx';
import { unitName } from './org-tree.ts';
import { UnitDetail } from './unit-detail.tsx';
import { useOrgTree } from './use-org.ts';

/** /org: the organisation tree with head counts; a unit's details beside it (in a drawer on phones). */
export function OrgPage() {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const phone = !Grid.useBreakpoint().md;
  const session = useSession();
  const tree = useOrgTree();
  // the selected unit lives in the address, so a link or the back button brings it back
  const [params, setParams] = useSearchParams();
  const selected = params.get('unit');
  if (session.data?.status !== 'signed-in') return null;
  const { user } = session.data;
  const linkPeople = ownRecordOnly(user) === null;
  const select = (id: string | null) => setParams(id ? { unit: id } : {}, { replace: selected !== null && id !== null });
  const selectedNode = tree.data?.find((n) => n.id === selected);

  let treeBody;
  if (tree.isPending) treeBody = <Skeleton active paragraph={{ rows: 8 }} />;
  else if (tree.isError) treeBody = <ErrorAlert error={tree.error} onRetry={() => void tree.refetch()} />;
  else treeBody = <OrgTreeView nodes={tree.data} selected={selected} onSelect={select} />;

  const treeCard = (
    <Card title={t('org.title')} styles={{ body: { padding: phone ? 12 : 20 } }}>
      {treeBody}
    </Card>
  );

  if (phone) {
    return (
      <>
        {treeCard}
        <Drawer
          placement="bottom"
          size="88vh"
          open={selected !== null}
          onClose={() => select(null)}
          title={selectedNode ? unitName(selectedNode, lang) : t('org.title')}
          styles={{ body: { padding: 12 } }}
          data-testid="unit-drawer"
        >
          {selected && <UnitDetail id={selected} linkPeople={linkPeople} onSelect={select} bare />}
        </Drawer>
      </>
    );
  }

  return (
    <Row gutter={[16, 16]} align="top">
      <Col xs={24} md={11} xl={10}>
        {treeCard}
      </Col>
      {/* the details stay in view while a long tree scrolls, and scroll on their own when taller than the window */}
      <Col xs={24} md={13} xl={14} style={{ position: 'sticky', top: 72, maxHeight: 'calc(100vh - 88px)', overflowY: 'auto' }}>
        {selected ? (
          <UnitDetail key={selected} id={selected} linkPeople={linkPeople} onSelect={select} />
        ) : (
          <Card>
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<Typography.Text type="secondary">{t('org.selectHint')}</Typography.Text>} />
          </Card>
        )}
      </Col>
    </Row>
  );
}
