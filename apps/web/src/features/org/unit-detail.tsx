import { useState, type ReactNode } from 'react';
import { App, Breadcrumb, Button, Card, Descriptions, Popconfirm, Skeleton, Space, Tag, Typography } from 'antd';
import { ApartmentOutlined, EditOutlined, PlusOutlined, StopOutlined, SwapOutlined, TeamOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { OrgUnit } from '@uplift/contract';
import { ApiError } from '../../app/api-client.ts';
import { ErrorAlert, useErrorText } from '../../app/errors.tsx';
import { currentLanguage } from '../../i18n/i18n.ts';
import { unitName } from './org-tree.ts';
import { CreateUnitModal, EditUnitModal, MoveUnitModal } from './unit-modals.tsx';
import { UnitTypeTag } from './unit-type-tag.tsx';
import { useDeactivateUnit, useOrgUnit } from './use-org.ts';

type Person = { id: string; name: string; employeeNo: string };
type Dialog = 'create' | 'edit' | 'move' | null;

/** A 409 from deactivate carries what is still inside: worded here, so English says it too. */
function notEmptyCounts(err: unknown): { children: number; people: number } | null {
  if (!(err instanceof ApiError) || err.code !== 'CONFLICT') return null;
  const d = err.details;
  if (typeof d !== 'object' || d === null || !('activeChildren' in d) || !('people' in d)) return null;
  return typeof d.activeChildren === 'number' && typeof d.people === 'number' ? { children: d.activeChildren, people: d.people } : null;
}

/**
 * One unit: where it sits, who leads it, its HR, legal-employer data and head count; where the
 * server says the caller may change it (`canWrite`), the actions 新建下级 / 编辑单元 / 移动 / 停用.
 */
export function UnitDetail(props: { id: string; linkPeople: boolean; onSelect: (id: string) => void; bare?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const unit = useOrgUnit(props.id);
  const deactivate = useDeactivateUnit(props.id);
  const [dialog, setDialog] = useState<Dialog>(null);

  if (unit.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (unit.isError) return <ErrorAlert error={unit.error} onRetry={() => void unit.refetch()} />;
  const u = unit.data;

  const person = (p: Person | null): ReactNode => {
    if (!p) return <Typography.Text type="secondary">{t('org.detail.none')}</Typography.Text>;
    const label = t('people.nameWithNo', { name: p.name, no: p.employeeNo });
    return props.linkPeople ? <Link to={`/people/${p.id}`}>{label}</Link> : label;
  };
  const count = (n: number | null) => (n === null ? <Typography.Text type="secondary">{t('org.detail.notVisible')}</Typography.Text> : t('org.headcount', { count: n }));
  const legal = u.type === 'subsidiary' || u.legalName !== null;

  const runDeactivate = () =>
    deactivate.mutate(undefined, {
      onSuccess: () => void message.success(t('org.form.deactivated', { name: u.name })),
      onError: (err) => {
        const counts = notEmptyCounts(err);
        void message.error(counts && lang !== 'zh-CN' ? t('org.form.notEmpty', counts) : errorText(err));
      },
    });

  const items = [
    { key: 'code', label: t('org.detail.code'), children: <Typography.Text code>{u.code}</Typography.Text> },
    { key: 'type', label: t('org.detail.type'), children: <UnitTypeTag type={u.type} /> },
    { key: 'city', label: t('org.detail.city'), children: [u.region, u.city].filter(Boolean).join(' · ') || t('org.detail.none') },
    { key: 'leader', label: t('org.detail.leader'), children: person(u.leader) },
    { key: 'hrHead', label: t('org.detail.hrHead'), children: person(u.hrHead) },
    {
      key: 'hrbps',
      label: t('org.detail.hrbps'),
      children: u.hrbps.length === 0 ? person(null) : <Space size={[8, 0]} wrap>{u.hrbps.map((p) => <span key={p.id}>{person(p)}</span>)}</Space>,
    },
    { key: 'headcount', label: t('org.detail.headcount'), children: <span data-testid="unit-headcount">{count(u.subtreeHeadcount)}</span> },
    { key: 'own', label: t('org.detail.ownHeadcount'), children: count(u.headcount) },
    ...(legal
      ? [
          { key: 'legalName', label: t('org.detail.legalName'), children: u.legalName ?? t('org.detail.none') },
          { key: 'creditCode', label: t('org.detail.creditCode'), children: u.creditCode ? <Typography.Text copyable>{u.creditCode}</Typography.Text> : t('org.detail.none') },
          { key: 'unionContact', label: t('org.detail.unionContact'), children: u.unionContact ?? t('org.detail.none') },
        ]
      : []),
    ...(u.wecomDeptId !== null ? [{ key: 'wecom', label: t('org.detail.wecomDeptId'), children: u.wecomDeptId }] : []),
  ];

  const actions = u.canWrite && (
    <Space wrap size={8} data-testid="unit-actions">
      {u.active && u.type !== 'team' && (
        <Button icon={<PlusOutlined />} onClick={() => setDialog('create')} data-testid="unit-create">
          {t('org.actions.create')}
        </Button>
      )}
      <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="unit-edit">
        {t('org.actions.edit')}
      </Button>
      {u.type !== 'group' && (
        <Button icon={<SwapOutlined />} onClick={() => setDialog('move')} data-testid="unit-move">
          {t('org.actions.move')}
        </Button>
      )}
      {u.active && u.type !== 'group' && (
        <Popconfirm title={t('org.actions.confirmDeactivate', { name: u.name })} okText={t('app.confirm')} cancelText={t('app.cancel')} onConfirm={runDeactivate}>
          <Button danger icon={<StopOutlined />} loading={deactivate.isPending} data-testid="unit-deactivate">
            {t('org.actions.deactivate')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );

  const body = (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="unit-detail" data-unit={u.id}>
      <Breadcrumb
        items={u.path.map((p, i) => ({
          key: p.id,
          title: i === u.path.length - 1 ? p.name : <a onClick={() => props.onSelect(p.id)}>{p.name}</a>,
        }))}
        data-testid="unit-path"
      />
      <Descriptions column={1} size="small" styles={{ label: { width: 124 } }} items={items} />
      <Space wrap size={8}>
        <Link to={`/people?unitId=${u.id}`} data-testid="unit-people">
          <Button type="primary" icon={<TeamOutlined />}>
            {t('org.people')}
          </Button>
        </Link>
      </Space>
      {actions}
      <Dialogs unit={u} dialog={dialog} onClose={() => setDialog(null)} onCreated={props.onSelect} />
    </Space>
  );

  if (props.bare) return body;
  return (
    <Card
      title={
        <Space size={8} wrap>
          <ApartmentOutlined />
          <span data-testid="unit-title">{unitName(u, lang)}</span>
          {!u.active && <Tag>{t('org.inactive')}</Tag>}
        </Space>
      }
    >
      {body}
    </Card>
  );
}

function Dialogs(props: { unit: OrgUnit; dialog: Dialog; onClose: () => void; onCreated: (id: string) => void }) {
  const { unit, dialog, onClose } = props;
  return (
    <>
      <CreateUnitModal
        parent={unit}
        open={dialog === 'create'}
        onClose={onClose}
        onCreated={(id) => {
          onClose();
          props.onCreated(id);
        }}
      />
      <EditUnitModal unit={unit} open={dialog === 'edit'} onClose={onClose} />
      <MoveUnitModal unit={unit} open={dialog === 'move'} onClose={onClose} />
    </>
  );
}
