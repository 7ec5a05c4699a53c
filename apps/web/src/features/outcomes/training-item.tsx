import { App, Button, List, Space, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { PipGoal } from '@uplift/contract';
import { useErrorText } from '../../app/errors.tsx';
import { dateTime } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { StoredFileList } from '../files/stored-file-list.tsx';
import { useUploadTrainingFile, type PipTraining } from './use-outcomes.ts';

const attendanceColor = { attended: 'green', partial: 'gold', absent: 'red' } as const;

/** A training's materials (sign-in sheets, slides, tests) with their SHA-256; the manager, HRBP or HR add them during the follow-up. */
function TrainingFiles(props: { training: PipTraining; writable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const upload = useUploadTrainingFile();
  const tr = props.training;
  return (
    <div style={{ marginTop: 8 }}>
      <StoredFileList
        files={tr.materials}
        title={t('outcomes.followUp.materials')}
        emptyText={t('outcomes.followUp.noMaterials')}
        testId="training-file"
        {...(props.writable && {
          upload: { run: (file) => upload.mutate({ trainingId: tr.id, file }, { onSuccess: () => void message.success(t('outcomes.followUp.uploaded')), onError: (err) => void message.error(errorText(err)) }), pending: upload.isPending, label: t('outcomes.followUp.upload'), testId: 'training-upload' },
        })}
      />
    </div>
  );
}

/** One training: topic, the gap and goals it aims at, dates, trainer, attendance and materials. */
export function TrainingItem(props: { training: PipTraining; goals: readonly PipGoal[]; writable: boolean; onEdit: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const tr = props.training;
  const goal = (id: string) => props.goals.find((g) => g.id === id)?.title ?? '—';
  return (
    <List.Item style={{ display: 'block', paddingInline: 0 }}>
      <div data-testid="training" data-id={tr.id} data-attendance={tr.attendance ?? ''} style={{ minWidth: 0, wordBreak: 'break-word' }}>
        <Space size={[6, 4]} wrap>
          <Typography.Text strong data-testid="training-topic-value">
            {tr.topic}
          </Typography.Text>
          <Tag>{t('outcomes.followUp.training.dates', { from: tr.startsOn, to: tr.endsOn })}</Tag>
          <Tag color={tr.attendance ? attendanceColor[tr.attendance] : 'default'} data-testid="training-attendance">
            {tr.attendance ? t(`outcomes.followUp.training.attendances.${tr.attendance}`) : t('outcomes.followUp.training.noAttendance')}
          </Tag>
        </Space>
        <Typography.Text style={{ display: 'block' }}>
          {t('outcomes.followUp.training.gap')}{t('outcomes.sep')}{tr.gap}
        </Typography.Text>
        <Typography.Text style={{ display: 'block' }}>
          {t('outcomes.followUp.training.goals')}{t('outcomes.sep')}{tr.goalIds.map(goal).join(t('outcomes.listSep'))}
        </Typography.Text>
        <Typography.Text style={{ display: 'block' }}>{t('outcomes.followUp.training.by', { trainer: tr.trainer })}</Typography.Text>
        {tr.attendanceNote && (
          <Typography.Text style={{ display: 'block' }}>
            {t('outcomes.followUp.training.attendanceNote')}{t('outcomes.sep')}{tr.attendanceNote}
          </Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {t('outcomes.followUp.training.created', { name: tr.created.name, at: dateTime(tr.created.at, lang) })}
        </Typography.Text>
        {props.writable && (
          <Button size="small" icon={<EditOutlined />} style={{ marginTop: 8 }} onClick={props.onEdit} data-testid="training-edit">
            {t('outcomes.followUp.editTraining')}
          </Button>
        )}
        {(props.writable || tr.materials.length > 0) && <TrainingFiles training={tr} writable={props.writable} />}
      </div>
    </List.Item>
  );
}
