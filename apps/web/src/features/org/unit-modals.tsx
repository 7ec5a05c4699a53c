import { App, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { createOrgUnitSchema, type OrgTreeNode, type OrgUnit, type OrgUnitType } from '@uplift/contract';
import { applyFieldErrors, useErrorText, useIssueText } from '../../app/errors.tsx';
import { blankToNull, optionalSchemaRule, schemaRule } from '../../app/schema-rule.ts';
import { childTypes, subtreeIds } from './org-tree.ts';
import { PeopleMultiSelect, PersonSelect, type PersonValue } from '../people/person-select.tsx';
import { UnitTreeSelect } from './unit-tree-select.tsx';
import { useCreateUnit, useMoveUnit, useOrgTree, useUpdateUnit, type UpdateUnit } from './use-org.ts';

const shape = createOrgUnitSchema.shape;
const createFields = ['code', 'name', 'nameEn', 'type', 'parentId', 'city', 'legalName', 'creditCode', 'unionContact'] as const;

type CreateValues = { code: string; name: string; nameEn?: string; type: Exclude<OrgUnitType, 'group'>; city?: string; legalName?: string; creditCode?: string; unionContact?: string };

/** 新建下级: a unit under `parent`, of a type the parent may hold; legal-employer data for a subsidiary. */
export function CreateUnitModal(props: { parent: OrgUnit; open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const inEnglish = useIssueText();
  const [form] = Form.useForm<CreateValues>();
  const type = Form.useWatch('type', form);
  const create = useCreateUnit();
  const types = childTypes[props.parent.type];

  const submit = (v: CreateValues) => {
    const subsidiary = v.type === 'subsidiary';
    const body = {
      code: v.code.trim(),
      name: v.name.trim(),
      nameEn: blankToNull(v.nameEn),
      type: v.type,
      parentId: props.parent.id,
      city: blankToNull(v.city),
      ...(subsidiary && { legalName: blankToNull(v.legalName), creditCode: blankToNull(v.creditCode), unionContact: blankToNull(v.unionContact) }),
    };
    create.mutate(body, {
      onSuccess: (res) => {
        form.resetFields();
        void message.success(t('org.form.created', { name: body.name }));
        props.onCreated(res.id);
      },
      onError: (err) => {
        if (!applyFieldErrors(form, err, createFields)) void message.error(errorText(err));
      },
    });
  };

  return (
    <Modal
      open={props.open}
      title={t('org.form.createTitle', { parent: props.parent.name })}
      okText={t('org.actions.create')}
      cancelText={t('app.cancel')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'unit-create-submit' } as Record<string, string>}
      destroyOnHidden
    >
      <Form<CreateValues> form={form} layout="vertical" onFinish={submit} initialValues={{ type: types[0] }} requiredMark={false} clearOnDestroy>
        <Form.Item name="type" label={t('org.form.type')} rules={[{ required: true, message: t('org.form.typeRequired') }]}>
          <Select options={types.map((ty) => ({ value: ty, label: t(`org.types.${ty}`) }))} data-testid="unit-type" />
        </Form.Item>
        <Form.Item name="code" label={t('org.form.code')} extra={t('org.form.codeHelp')} validateFirst rules={[{ required: true, message: t('org.form.codeRequired') }, schemaRule(shape.code, inEnglish(t('org.form.codeHelp')))]}>
          <Input autoComplete="off" autoCapitalize="characters" data-testid="unit-code" />
        </Form.Item>
        <Form.Item name="name" label={t('org.form.name')} validateFirst rules={[{ required: true, whitespace: true, message: t('org.form.nameRequired') }, schemaRule(shape.name, inEnglish(t('org.form.nameRequired')))]}>
          <Input autoComplete="off" data-testid="unit-name" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('org.form.nameEn')} rules={[optionalSchemaRule(shape.nameEn.unwrap().unwrap(), inEnglish(t('org.form.tooLong')))]}>
          <Input autoComplete="off" data-testid="unit-name-en" />
        </Form.Item>
        <Form.Item name="city" label={t('org.form.city')} rules={[optionalSchemaRule(shape.city.unwrap().unwrap(), inEnglish(t('org.form.tooLong')))]}>
          <Input autoComplete="off" />
        </Form.Item>
        {type === 'subsidiary' && (
          <>
            <Form.Item name="legalName" label={t('org.detail.legalName')} rules={[optionalSchemaRule(shape.legalName.unwrap().unwrap(), inEnglish(t('org.form.tooLong')))]}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="creditCode" label={t('org.detail.creditCode')} rules={[optionalSchemaRule(shape.creditCode.unwrap().unwrap(), inEnglish(t('org.form.creditCodeInvalid')))]}>
              <Input autoComplete="off" autoCapitalize="characters" />
            </Form.Item>
            <Form.Item name="unionContact" label={t('org.detail.unionContact')} rules={[optionalSchemaRule(shape.unionContact.unwrap().unwrap(), inEnglish(t('org.form.tooLong')))]}>
              <Input autoComplete="off" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

type EditValues = {
  name: string;
  nameEn?: string;
  region?: string;
  city?: string;
  leaderId?: string | null;
  hrHeadId?: string | null;
  /** People with their labels; sent as their ids. */
  hrbpIds?: PersonValue[];
  legalName?: string;
  creditCode?: string;
  unionContact?: string;
};
const editFields = ['name', 'nameEn', 'region', 'city', 'leaderId', 'hrHeadId', 'hrbpIds', 'legalName', 'creditCode', 'unionContact'] as const;
/** updateOrgUnitSchema's limit on hrbpIds. */
const MAX_HRBPS = 20;

/** 编辑单元: names, region and city, leader (from the unit's people), HR head and legal-employer data of a subsidiary, HRBPs. */
export function EditUnitModal(props: { unit: OrgUnit; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const inEnglish = useIssueText();
  const [form] = Form.useForm<EditValues>();
  const update = useUpdateUnit(props.unit.id);
  const u = props.unit;
  const subsidiary = u.type === 'subsidiary';
  const tooLong = (schema: (typeof shape)['city']) => optionalSchemaRule(schema.unwrap().unwrap(), inEnglish(t('org.form.tooLong')));

  const submit = (v: EditValues) => {
    const body: UpdateUnit = {
      name: v.name.trim(),
      nameEn: blankToNull(v.nameEn),
      region: blankToNull(v.region),
      city: blankToNull(v.city),
      leaderId: v.leaderId ?? null,
      hrbpIds: (v.hrbpIds ?? []).map((p) => p.value),
      ...(subsidiary && {
        hrHeadId: v.hrHeadId ?? null,
        legalName: blankToNull(v.legalName),
        creditCode: blankToNull(v.creditCode?.toUpperCase()),
        unionContact: blankToNull(v.unionContact),
      }),
    };
    update.mutate(body, {
      onSuccess: () => {
        void message.success(t('app.saved'));
        props.onClose();
      },
      onError: (err) => {
        if (!applyFieldErrors(form, err, editFields)) void message.error(errorText(err));
      },
    });
  };

  // each opening starts from this unit as it is (clearOnDestroy on the form): not from the last one edited
  const initialValues: EditValues = {
    name: u.name,
    nameEn: u.nameEn ?? '',
    region: u.region ?? '',
    city: u.city ?? '',
    leaderId: u.leader?.id ?? null,
    hrHeadId: u.hrHead?.id ?? null,
    hrbpIds: u.hrbps.map((p) => ({ value: p.id, label: `${p.name} · ${p.employeeNo}` })),
    legalName: u.legalName ?? '',
    creditCode: u.creditCode ?? '',
    unionContact: u.unionContact ?? '',
  };

  return (
    <Modal
      open={props.open}
      title={t('org.form.editTitle', { name: u.name })}
      okText={t('org.form.save')}
      cancelText={t('app.cancel')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={update.isPending}
      okButtonProps={{ 'data-testid': 'unit-edit-submit' } as Record<string, string>}
      destroyOnHidden
    >
      <Form<EditValues> form={form} layout="vertical" onFinish={submit} initialValues={initialValues} requiredMark={false} clearOnDestroy>
        <Form.Item name="name" label={t('org.form.name')} validateFirst rules={[{ required: true, whitespace: true, message: t('org.form.nameRequired') }, schemaRule(shape.name, inEnglish(t('org.form.nameRequired')))]}>
          <Input autoComplete="off" data-testid="unit-edit-name" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('org.form.nameEn')} rules={[tooLong(shape.nameEn)]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="region" label={t('org.form.region')} rules={[tooLong(shape.region)]}>
              <Input autoComplete="off" data-testid="unit-edit-region" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="city" label={t('org.form.city')} rules={[tooLong(shape.city)]}>
              <Input autoComplete="off" data-testid="unit-edit-city" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="leaderId" label={t('org.form.leader')} extra={t('org.form.leaderHelp')}>
          <PersonSelect unitId={u.id} current={u.leader} allowClear placeholder={t('org.form.pickPerson')} testId="unit-edit-leader" />
        </Form.Item>
        {subsidiary && (
          <Form.Item name="hrHeadId" label={t('org.form.hrHead')} extra={t('org.form.hrHeadHelp')}>
            <PersonSelect current={u.hrHead} allowClear placeholder={t('org.form.pickPerson')} testId="unit-edit-hr-head" />
          </Form.Item>
        )}
        <Form.Item
          name="hrbpIds"
          label={t('org.form.hrbps')}
          extra={t('org.form.hrbpsHelp')}
          rules={[{ type: 'array', max: MAX_HRBPS, message: t('org.form.hrbpsTooMany') }]}
        >
          <PeopleMultiSelect placeholder={t('org.form.pickPerson')} maxCount={MAX_HRBPS} testId="unit-edit-hrbps" />
        </Form.Item>
        {subsidiary && (
          <>
            <Form.Item name="legalName" label={t('org.detail.legalName')} rules={[tooLong(shape.legalName)]}>
              <Input autoComplete="off" data-testid="unit-edit-legal-name" />
            </Form.Item>
            <Form.Item name="creditCode" label={t('org.detail.creditCode')} normalize={(v: string) => v.toUpperCase()} rules={[optionalSchemaRule(shape.creditCode.unwrap().unwrap(), inEnglish(t('org.form.creditCodeInvalid')))]}>
              <Input autoComplete="off" autoCapitalize="characters" maxLength={18} showCount data-testid="unit-edit-credit-code" />
            </Form.Item>
            <Form.Item name="unionContact" label={t('org.detail.unionContact')} rules={[tooLong(shape.unionContact)]}>
              <Input autoComplete="off" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

/** 移动: a new parent outside the unit's own subtree that may hold this type of unit. */
export function MoveUnitModal(props: { unit: OrgUnit; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ parentId: string }>();
  const tree = useOrgTree();
  const move = useMoveUnit(props.unit.id);
  const own = subtreeIds(tree.data ?? [], props.unit.id);
  const unitType = props.unit.type;
  const refuse = (n: OrgTreeNode) => own.has(n.id) || n.id === props.unit.parentId || unitType === 'group' || !(childTypes[n.type] as string[]).includes(unitType);

  const submit = (v: { parentId: string }) =>
    move.mutate(v.parentId, {
      onSuccess: () => {
        void message.success(t('org.form.moved'));
        props.onClose();
      },
      onError: (err) => {
        if (!applyFieldErrors(form, err, ['parentId'])) void message.error(errorText(err));
      },
    });

  return (
    <Modal
      open={props.open}
      title={t('org.form.moveTitle', { name: props.unit.name })}
      okText={t('org.actions.move')}
      cancelText={t('app.cancel')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={move.isPending}
      okButtonProps={{ 'data-testid': 'unit-move-submit' } as Record<string, string>}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} clearOnDestroy>
        <Form.Item name="parentId" label={t('org.form.parent')} extra={t('org.form.parentHelp')} rules={[{ required: true, message: t('org.form.parentRequired') }]}>
          <UnitTreeSelect hide={(n) => !n.active} disable={refuse} placeholder={t('org.form.parent')} testId="unit-move-parent" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
