import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/** Centered spinner while the first data of a page loads. */
export function FullPageSpin() {
  const { t } = useTranslation();
  return (
    <div style={{ minHeight: '40vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }} data-testid="loading">
      <Spin size="large" description={t('app.loading')} />
    </div>
  );
}
