import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/use-session.ts';
import { ApprovalsSection, CandidatesSection, MinePlansSection, OverdueSection, TeamSection, TodosSection, UpcomingSection } from './workbench-sections.tsx';
import { workbenchSections, type WorkbenchSection } from './workbench.ts';

function SectionFor(props: { section: WorkbenchSection }) {
  const { key, hideWhenEmpty } = props.section;
  switch (key) {
    case 'approvals':
      return <ApprovalsSection hideWhenEmpty={hideWhenEmpty} />;
    case 'todos':
      return <TodosSection />;
    case 'mine':
      return <MinePlansSection hideWhenEmpty={hideWhenEmpty} />;
    case 'upcoming':
      return <UpcomingSection />;
    case 'team':
      return <TeamSection />;
    case 'overdue':
      return <OverdueSection />;
    case 'candidates':
      return <CandidatesSection />;
    default: {
      const never: never = key;
      return never;
    }
  }
}

/**
 * /m, 工作台: what the WeCom app menu opens (signed in through WeCom OAuth). A phone-first list
 * of what the signed-in person needs, by role: what waits on them, their plan and next meeting,
 * their team's plans with 发起面谈, and for HR the approvals, overdue work and candidates.
 */
export function WorkbenchPage() {
  const { t } = useTranslation();
  const session = useSession();
  const user = session.data?.status === 'signed-in' ? session.data.user : null;
  if (!user) return null;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%', minWidth: 0 }} data-testid="workbench">
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('mobile.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('mobile.hello', { name: user.displayName })}</Typography.Text>
      </div>
      {workbenchSections(user).map((s) => (
        <SectionFor key={s.key} section={s} />
      ))}
    </Space>
  );
}
