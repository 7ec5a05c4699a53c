import { useState } from 'react';
import { App, Button, Card, DatePicker, Empty, Form, Input, List, Modal, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { protectedSituationKinds, protectedSituationLabels, retirementCategories, type ProtectedSituationKind, type RetirementCategory } from '@uplift/contract';
import { ErrorAlert, useErrorText } from '../../app/errors.tsx';
import { currentLanguage } from '../../i18n/i18n.ts';
import { useAddProtected, useEndProtected, useProtectedRecord, useSetRetirement } from './use-compliance.ts';

const ymd = (d: Dayjs) => d.format('YYYY-MM-DD');

/** 第四十二条 situations and the statutory retirement date of one employee: HR in scope only, encrypted at rest, every view audited. */
export function ProtectedCard(props: { employeeId: string }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const { message } = App.useApp();
  const errorText = useErrorText();
  // every read is audited: loaded only when HR opens it
  const [shown, setShown] = useState(false);
  const record = useProtectedRecord(props.employeeId, shown);
  const add = useAddProtected(props.employeeId);
  const end = useEndProtected(props.employeeId);
  const setRetirement = useSetRetirement(props.employeeId);
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<string | null>(null);
  const [endOn, setEndOn] = useState<Dayjs | null>(null);
  const [form] = Form.useForm<{ kind: ProtectedSituationKind; from: Dayjs; to?: Dayjs; note?: string }>();
  const [retire] = Form.useForm<{ date?: Dayjs; category?: RetirementCategory }>();
  const fail = (err: unknown) => void message.error(errorText(err));
  return (
    <Card size="small" title={t('compliance.protected')} data-testid="protected-card">
      <Typography.Paragraph type="secondary">{t('compliance.protectedHint')}</Typography.Paragraph>
      {!shown ? (
        <Button onClick={() => setShown(true)} data-testid="protected-show">
          {t('compliance.show')}
        </Button>
      ) : record.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : record.isError ? (
        <ErrorAlert error={record.error} onRetry={() => void record.refetch()} />
      ) : (
        <>
          {record.data.situations.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('compliance.noProtected')} />
          ) : (
            <List
              size="small"
              dataSource={record.data.situations}
              renderItem={(s) => (
                <List.Item data-testid="protected-situation" style={{ display: 'block' }}>
                  <Space size={6} wrap>
                    <Tag color={s.to ? 'default' : 'red'}>{s.to ? t('compliance.ended') : t('compliance.ongoing')}</Tag>
                    <Typography.Text strong style={{ wordBreak: 'break-word' }}>
                      {s.label[lang]}
                    </Typography.Text>
                  </Space>
                  <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', wordBreak: 'break-word' }}>
                    {s.from} – {s.to ?? t('compliance.ongoing')}
                    {s.note ? ` · ${s.note}` : ''}
                  </Typography.Paragraph>
                  {!s.to && (
                    <Button size="small" onClick={() => setEnding(s.id)}>
                      {t('compliance.end')}
                    </Button>
                  )}
                </List.Item>
              )}
            />
          )}
          <Button style={{ marginTop: 8 }} onClick={() => setAdding(true)} data-testid="protected-add">
            {t('compliance.add')}
          </Button>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('compliance.retirement')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
            {t('compliance.serviceStart', { date: record.data.serviceStartDate })}
          </Typography.Paragraph>
          {record.data.retirement ? (
            <Typography.Paragraph data-testid="retirement-date">
              <Typography.Text strong>{record.data.retirement.date}</Typography.Text> · {t(`compliance.retirementSource.${record.data.retirement.source}`)}
              {record.data.retirement.basis && (
                <Typography.Text type="secondary" style={{ display: 'block' }}>
                  {t('compliance.retirementBasis', { birth: record.data.retirement.basis.birthDate, age: record.data.retirement.basis.originalAge, delay: record.data.retirement.basis.delayMonths, years: record.data.retirement.basis.ageYears, months: record.data.retirement.basis.ageMonths })}
                </Typography.Text>
              )}
            </Typography.Paragraph>
          ) : (
            <Typography.Paragraph type="secondary">{t('compliance.retirementNone')}</Typography.Paragraph>
          )}
          <Form form={retire} layout="vertical" clearOnDestroy>
            <Space wrap align="end">
              <Form.Item name="category" label={t('compliance.category')} style={{ marginBottom: 0, minWidth: 200 }}>
                <Select allowClear options={retirementCategories.map((c) => ({ value: c, label: t(`compliance.categories.${c}`) }))} />
              </Form.Item>
              <Button loading={setRetirement.isPending} onClick={() => setRetirement.mutate({ source: 'computed', note: '', ...(retire.getFieldValue('category') && { category: retire.getFieldValue('category') as RetirementCategory }) }, { onSuccess: () => void message.success(t('compliance.saved')), onError: fail })} data-testid="retirement-compute">
                {t('compliance.compute')}
              </Button>
              <Form.Item name="date" label={t('compliance.enterDate')} style={{ marginBottom: 0 }}>
                <DatePicker />
              </Form.Item>
              <Button loading={setRetirement.isPending} onClick={() => {
                const d = retire.getFieldValue('date') as Dayjs | undefined;
                if (d) setRetirement.mutate({ source: 'entered', date: ymd(d), note: '' }, { onSuccess: () => void message.success(t('compliance.saved')), onError: fail });
              }}>
                {t('compliance.enterDate')}
              </Button>
            </Space>
          </Form>
        </>
      )}
      <Modal open={adding} title={t('compliance.add')} onCancel={() => setAdding(false)} confirmLoading={add.isPending} onOk={() => form.submit()} destroyOnHidden>
        <Form
          clearOnDestroy
          form={form}
          layout="vertical"
          onFinish={(v) => add.mutate({ kind: v.kind, from: ymd(v.from), to: v.to ? ymd(v.to) : null, note: v.note ?? '' }, { onSuccess: () => (void message.success(t('compliance.added')), setAdding(false)), onError: fail })}
        >
          <Form.Item name="kind" label={t('compliance.kind')} rules={[{ required: true }]}>
            <Select options={protectedSituationKinds.map((k) => ({ value: k, label: protectedSituationLabels[k][lang] }))} data-testid="protected-kind" />
          </Form.Item>
          <Form.Item name="from" label={t('compliance.from')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="to" label={t('compliance.to')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="note" label={t('compliance.note')}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={ending !== null} title={t('compliance.end')} onCancel={() => setEnding(null)} confirmLoading={end.isPending} okButtonProps={{ disabled: !endOn }} onOk={() => ending && endOn && end.mutate({ id: ending, to: ymd(endOn) }, { onSuccess: () => setEnding(null), onError: fail })}>
        <DatePicker value={endOn} onChange={setEndOn} placeholder={t('compliance.endOn')} style={{ width: '100%' }} />
      </Modal>
    </Card>
  );
}
