import { useMemo } from 'react';
import { Alert, Button, Col, Form, Row, Select, Skeleton, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportTypeInfo } from '@uplift/contract';
import { currentLanguage } from '../../i18n/i18n.ts';
import { localize } from '../../i18n/format.ts';
import { mappingToSend, prefillMapping, type ColumnMapping, type ImportFileError } from './imports.ts';
import { useImportMapping } from './use-imports.ts';

/**
 * The mapping step after an upload was refused for missing columns: for each column of the type,
 * the header of the file that holds it. Prefilled from what this source used last time (and what
 * was tried just now), then by name; submitting uploads the same file again with the mapping.
 */
export function ImportMappingForm(props: {
  info: ImportTypeInfo;
  fileName: string;
  error: ImportFileError;
  source: string;
  tried: Record<string, string> | null;
  onSubmit: (mapping: Record<string, string>) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const remembered = useImportMapping(props.info.type, props.source, true);
  const { info, error, tried } = props;
  const rememberedMapping = remembered.data?.mapping;
  const initial = useMemo(
    () => prefillMapping(info.columns, error.headers, { ...(rememberedMapping ?? {}), ...(tried ?? {}) }, error.aliases),
    [info.columns, error.headers, error.aliases, rememberedMapping, tried],
  );
  const [form] = Form.useForm<ColumnMapping>();
  // the remembered mapping is asked for first so the form starts with it
  if (remembered.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;

  const missing = error.missing.map((key) => info.columns.find((c) => c.key === key)).flatMap((c) => (c ? [localize(c.label, lang)] : []));
  const usedRemembered = remembered.data && Object.keys(remembered.data.mapping).length > 0 && props.source.trim() !== '';
  const options = error.headers.filter((h) => h !== '').map((h) => ({ value: h, label: h }));

  return (
    <div data-testid="import-mapping">
      <Alert
        type="warning"
        showIcon
        title={t('imports.mapping.title')}
        description={
          <>
            <div>{t('imports.mapping.intro', { file: props.fileName })}</div>
            {missing.length > 0 && <div data-testid="import-mapping-missing">{t('imports.mapping.missing', { columns: missing.join(lang === 'zh-CN' ? '、' : ', ') })}</div>}
            {usedRemembered && <div>{t('imports.mapping.remembered', { source: props.source.trim() })}</div>}
          </>
        }
        style={{ marginBottom: 16 }}
      />
      <Form<ColumnMapping> form={form} layout="vertical" initialValues={initial} onFinish={(values) => props.onSubmit(mappingToSend(values))} requiredMark>
        <Row gutter={16}>
          {info.columns.map((column) => {
            const hint = localize(column.hint, lang);
            return (
              <Col xs={24} md={12} xl={8} key={column.key}>
                <Form.Item
                  name={column.key}
                  label={localize(column.label, lang)}
                  required={column.required}
                  extra={hint || undefined}
                  rules={[
                    { required: column.required, message: t('imports.mapping.required') },
                    ({ getFieldsValue }) => ({
                      validator: async (_, value: string | undefined) => {
                        if (!value) return;
                        const values: ColumnMapping = getFieldsValue();
                        if (Object.entries(values).some(([k, v]) => k !== column.key && v === value)) throw new Error(t('imports.mapping.duplicate', { header: value }));
                      },
                    }),
                  ]}
                >
                  <Select allowClear showSearch options={options} placeholder={column.required ? t('imports.mapping.pick') : t('imports.mapping.notInFile')} data-testid={`import-mapping-${column.key}`} />
                </Form.Item>
              </Col>
            );
          })}
        </Row>
        <Space wrap>
          <Button type="primary" htmlType="submit" data-testid="import-mapping-submit">
            {t('imports.mapping.submit')}
          </Button>
          <Button onClick={props.onCancel} data-testid="import-mapping-cancel">
            {t('imports.mapping.cancel')}
          </Button>
        </Space>
      </Form>
    </div>
  );
}
