import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

/** Unknown client routes (e.g. an old deep link from a notification). */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      subTitle={t('notFound.subtitle')}
      data-testid="not-found"
      extra={
        <Link to="/inbox">
          <Button type="primary">{t('notFound.back')}</Button>
        </Link>
      }
    />
  );
}
