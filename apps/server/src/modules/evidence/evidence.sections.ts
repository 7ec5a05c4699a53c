import type { EvidenceSection } from './evidence.section.ts';
import { outcomesSection, roleAdjustmentsSection, trainingsSection } from './evidence.sections.follow-up.ts';
import { appealsSection, checkinsSection, evaluationsSection } from './evidence.sections.meetings.ts';
import { acknowledgmentsSection, approvalsSection, commentsSection, goalsSection, planSection } from './evidence.sections.plan.ts';

/** The package's sections in reading order; plugged-in ones (termination review) follow. */
export const builtInSections: readonly EvidenceSection[] = [
  planSection,
  goalsSection,
  approvalsSection,
  acknowledgmentsSection,
  checkinsSection,
  evaluationsSection,
  commentsSection,
  appealsSection,
  outcomesSection,
  trainingsSection,
  roleAdjustmentsSection,
];
