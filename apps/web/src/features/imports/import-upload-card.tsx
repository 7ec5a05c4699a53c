import { useRef, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Progress, Row, Segmented, Skeleton, Space, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ImportType } from '@uplift/contract';
import { ErrorAlert, useErrorText } from '../../app/errors.tsx';
import { languages } from '../../i18n/i18n.ts';
import { ImportMappingForm } from './import-mapping-form.tsx';
import { importFileError, isImportFileName, lastSource, MAX_IMPORT_BYTES, rememberSource, uploadPercent, type ImportFileError } from './imports.ts';
import { importFiles, useDownload, useImportTypes, useUploadImport } from './use-imports.ts';

type Stage =
  | { kind: 'idle' }
  | { kind: 'uploading'; file: File; percent: number | null; sent: boolean }
  | { kind: 'mapping'; file: File; error: ImportFileError; tried: Record<string, string> | null }
  | { kind: 'failed'; file: File; error: ImportFileError | null; cause: unknown };

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** A problem found before sending (wrong extension, too big), worded like the server's. */
function localError(code: 'UNSUPPORTED_FORMAT' | 'TOO_LARGE', message: string): ImportFileError {
  return { code, message, headers: [], missing: [], aliases: {} };
}

/**
 * The upload panel of /imports: type (?type=), templates, source system, the file. A file whose
 * headers do not match turns into the mapping step; an accepted one opens its batch view.
 */
export function ImportUploadCard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const types = useImportTypes();
  const upload = useUploadImport();
  const download = useDownload();
  const [source, setSource] = useState(() => lastSource(browserStorage()));
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);

  if (types.isPending) return <Card><Skeleton active paragraph={{ rows: 4 }} /></Card>;
  if (types.isError) return <ErrorAlert error={types.error} onRetry={() => void types.refetch()} />;
  const allowed = types.data.items.filter((i) => i.allowed);
  if (allowed.length === 0) return <Alert type="info" showIcon title={t('imports.upload.notAllowed')} data-testid="import-not-allowed" />;
  const wanted = params.get('type');
  const info = allowed.find((i) => i.type === wanted) ?? allowed[0];
  if (!info) return null;
  const type = info.type;
  const busy = stage.kind === 'uploading';

  const chooseType = (next: ImportType) => {
    setStage({ kind: 'idle' });
    setParams(next === allowed[0]?.type ? {} : { type: next }, { replace: true });
  };

  const start = (file: File, mapping: Record<string, string> | null) => {
    if (!isImportFileName(file.name)) {
      setStage({ kind: 'failed', file, error: localError('UNSUPPORTED_FORMAT', t('imports.upload.badExtension')), cause: null });
      return;
    }
    if (file.size > MAX_IMPORT_BYTES) {
      setStage({ kind: 'failed', file, error: localError('TOO_LARGE', t('imports.upload.tooLarge')), cause: null });
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    setStage({ kind: 'uploading', file, percent: 0, sent: false });
    upload.mutate(
      {
        type,
        source,
        file,
        mapping,
        signal: controller.signal,
        onProgress: (p) =>
          setStage((s) => (s.kind === 'uploading' && s.file === file ? { ...s, percent: uploadPercent(p.loaded, p.total), sent: p.total !== null && p.loaded >= p.total } : s)),
      },
      {
        onSuccess: (batch) => {
          rememberSource(browserStorage(), source);
          void navigate(`/imports/${batch.id}`);
        },
        onError: (err) => {
          if (err instanceof DOMException && err.name === 'AbortError') {
            setStage({ kind: 'idle' });
            void message.info(t('imports.upload.cancelled'));
            return;
          }
          const fileError = importFileError(err);
          if (fileError?.code === 'MISSING_COLUMNS') setStage({ kind: 'mapping', file, error: fileError, tried: mapping });
          else setStage({ kind: 'failed', file, error: fileError, cause: err });
        },
        onSettled: () => {
          abort.current = null;
        },
      },
    );
  };

  const fetchTemplate = (l: (typeof languages)[number]) =>
    download.mutate(
      { ...importFiles.template(type, l), fallback: `${t(`imports.types.${type}`)}.xlsx` },
      { onError: (err) => void message.error(errorText(err)) },
    );

  return (
    <Card title={t('imports.title')} styles={{ body: { padding: 16 } }} data-testid="import-upload" data-type={type}>
      <Form layout="vertical" requiredMark={false}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label={t('imports.upload.type')}>
              {/* five types are wider than a phone: they scroll inside the form, not the page */}
              <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
                <Segmented<ImportType>
                  value={type}
                  onChange={chooseType}
                  disabled={busy}
                  options={allowed.map((i) => ({ value: i.type, label: <span data-testid={`import-type-${i.type}`}>{t(`imports.types.${i.type}`)}</span> }))}
                />
              </div>
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('imports.upload.template')} extra={t('imports.upload.templateHint')}>
              <Space wrap size={8}>
                {languages.map((l) => (
                  <Button key={l} icon={<DownloadOutlined />} onClick={() => fetchTemplate(l)} loading={download.isPending && download.variables.query.lang === l} data-testid={`import-template-${l}`}>
                    {l === 'zh-CN' ? t('imports.upload.templateZh') : t('imports.upload.templateEn')}
                  </Button>
                ))}
              </Space>
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('imports.upload.source')} extra={t('imports.upload.sourceHelp')}>
              <Input value={source} onChange={(e) => setSource(e.target.value)} maxLength={100} allowClear disabled={busy} placeholder={t('imports.upload.sourcePlaceholder')} data-testid="import-source" />
            </Form.Item>
          </Col>
        </Row>
      </Form>

      {stage.kind === 'mapping' ? (
        <ImportMappingForm
          key={`${stage.file.name}:${stage.error.headers.join('\u0001')}`}
          info={info}
          fileName={stage.file.name}
          error={stage.error}
          source={source}
          tried={stage.tried}
          onSubmit={(mapping) => start(stage.file, mapping)}
          onCancel={() => setStage({ kind: 'idle' })}
        />
      ) : (
        <div data-testid="import-dropzone">
          <Upload.Dragger
            accept=".xlsx,.csv"
            multiple={false}
            showUploadList={false}
            disabled={busy}
            beforeUpload={(file) => {
              start(file, null);
              return Upload.LIST_IGNORE;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('imports.upload.drop')}</p>
            <p className="ant-upload-hint" style={{ paddingInline: 8 }}>
              {t('imports.upload.dropHint')}
            </p>
          </Upload.Dragger>
        </div>
      )}

      {stage.kind === 'uploading' && (
        <div style={{ marginTop: 12 }} data-testid="import-upload-progress">
          <Typography.Text style={{ display: 'block', wordBreak: 'break-all' }}>
            {stage.sent ? t('imports.upload.reading') : t('imports.upload.uploading', { file: stage.file.name })}
          </Typography.Text>
          <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
            <Progress percent={stage.percent ?? 0} status="active" style={{ flex: 1, marginBottom: 0 }} />
            <Button size="small" onClick={() => abort.current?.abort()} data-testid="import-upload-cancel">
              {t('imports.upload.cancel')}
            </Button>
          </div>
        </div>
      )}

      {stage.kind === 'failed' && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={stage.error ? t(`imports.fileErrors.${stage.error.code}`) : t('imports.upload.failed', { file: stage.file.name })}
          description={
            <div style={{ wordBreak: 'break-word' }}>
              {stage.error ? (
                <>
                  <div>{t('imports.upload.failed', { file: stage.file.name })}</div>
                  <div data-testid="import-file-error-message">{stage.error.message}</div>
                  <div>{t('imports.upload.fixAndRetry')}</div>
                </>
              ) : (
                errorText(stage.cause)
              )}
            </div>
          }
          closable={{ onClose: () => setStage({ kind: 'idle' }) }}
          data-testid="import-file-error"
          data-code={stage.error?.code ?? ''}
        />
      )}
    </Card>
  );
}
