import { Col, Row } from 'antd';
import { AuditRecordsCard } from './audit-records-card.tsx';
import { AuditVerifyCard } from './audit-verify-card.tsx';
import { BackupsCard } from './backups-card.tsx';
import { DeadLettersCard } from './dead-letters-card.tsx';

/** /admin/system: audit chain, audit records, backups and dead letters. */
export function SystemPage() {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <AuditVerifyCard />
      </Col>
      <Col xs={24} xl={12}>
        <BackupsCard />
      </Col>
      <Col xs={24}>
        <AuditRecordsCard />
      </Col>
      <Col xs={24}>
        <DeadLettersCard />
      </Col>
    </Row>
  );
}
