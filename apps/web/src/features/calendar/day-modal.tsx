import { useEffect } from 'react';
import { App, Button, Form, Input, Modal, Popconfirm, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CalendarDayKind } from '@uplift/contract';
import { useErrorText } from '../../app/errors.tsx';
import { weekdayName, weekdayOf, type DayMark } from './calendar.ts';
import { useDeleteCalendarDay, usePutCalendarDay } from './use-calendar.ts';

type Values = { date: string; kind: CalendarDayKind; name: string };

/** Sets one day of the national calendar or a city's: a statutory holiday or a make-up working day. */
export function DayModal(props: { open: boolean; date: string | null; city: string | null; current: DayMark | undefined; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const put = usePutCalendarDay();
  const remove = useDeleteCalendarDay();
  // the entry this calendar (national or the city) has of its own on the date, which can be deleted
  const own = props.current && props.current.city === props.city ? props.current : undefined;
  const [form] = Form.useForm<Values>();
  const date = Form.useWatch('date', form);

  useEffect(() => {
    if (!props.open) return;
    const weekend = props.date ? [0, 6].includes(weekdayOf(props.date)) : false;
    form.setFieldsValue({ date: props.date ?? '', kind: own?.kind ?? (weekend ? 'workday' : 'holiday'), name: own?.name ?? '' });
  }, [props.open, props.date, own, form]);

  const submit = async () => {
    const v = await form.validateFields();
    try {
      await put.mutateAsync({ date: v.date, city: props.city, kind: v.kind, name: v.name.trim() });
      void message.success(t('calendar.saved', { date: v.date }));
      props.onClose();
    } catch (err) {
      void message.error(errorText(err));
    }
  };

  const removeEntry = async () => {
    if (!props.date) return;
    try {
      await remove.mutateAsync({ date: props.date, city: props.city });
      void message.success(t('calendar.removed', { date: props.date }));
      props.onClose();
    } catch (err) {
      void message.error(errorText(err));
    }
  };

  return (
    <Modal
      open={props.open}
      title={props.date ? t('calendar.dayTitle', { date: props.date, weekday: weekdayName(i18n.language, props.date) }) : t('calendar.newDayTitle')}
      okText={t('calendar.save')}
      cancelText={t('app.cancel')}
      onOk={() => void submit()}
      confirmLoading={put.isPending}
      onCancel={props.onClose}
      destroyOnHidden
      data-testid="calendar-day-modal"
    >
      <Typography.Paragraph type="secondary">{props.city ? t('calendar.forCity', { city: props.city }) : t('calendar.forNational')}</Typography.Paragraph>
      {props.current && !own && (
        <Typography.Paragraph type="secondary" data-testid="calendar-day-national">
          {t('calendar.nationalEntry', { name: props.current.name, kind: t(`calendar.kindShort.${props.current.kind}`) })}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" requiredMark={false} clearOnDestroy>
        <Form.Item name="date" label={t('calendar.date')} rules={[{ required: true, message: t('calendar.dateRequired') }]} hidden={props.date !== null}>
          <Input type="date" data-testid="calendar-day-date" />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('calendar.kind')}
          rules={[
            {
              validator: (_, kind: CalendarDayKind) =>
                kind === 'workday' && date && ![0, 6].includes(weekdayOf(date)) ? Promise.reject(new Error(t('calendar.workdayOnWeekday', { date }))) : Promise.resolve(),
            },
          ]}
        >
          <Radio.Group
            options={(['holiday', 'workday'] as const).map((k) => ({ value: k, label: <span data-testid={`calendar-kind-${k}`}>{t(`calendar.kinds.${k}`)}</span> }))}
            data-testid="calendar-day-kind"
          />
        </Form.Item>
        <Form.Item name="name" label={t('calendar.name')} rules={[{ required: true, whitespace: true, message: t('calendar.nameRequired') }, { max: 50 }]}>
          <Input placeholder={t('calendar.namePlaceholder')} maxLength={50} data-testid="calendar-day-name" />
        </Form.Item>
      </Form>
      {own && props.date && (
        <Popconfirm
          title={t('calendar.removeConfirm', { date: props.date, fallback: props.city ? t('calendar.fallbackNational') : t('calendar.fallbackWeek') })}
          okText={t('calendar.remove')}
          cancelText={t('app.cancel')}
          onConfirm={() => void removeEntry()}
        >
          <Button danger size="small" loading={remove.isPending} data-testid="calendar-day-remove">
            {t('calendar.remove')}
          </Button>
        </Popconfirm>
      )}
    </Modal>
  );
}
