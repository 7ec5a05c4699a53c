import { Space } from 'antd';
import { ImportHistory } from './import-history.tsx';
import { ImportUploadCard } from './import-upload-card.tsx';

/** /imports: upload a file (with its template and, when needed, a header mapping), and the history. */
export function ImportsPage() {
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="imports-page">
      <ImportUploadCard />
      <ImportHistory />
    </Space>
  );
}
