import type { WecomEvent } from './wecom.events.ts';
import { xmlList, xmlText, type XmlValue } from './wecom.xml.ts';

/** A click on a template card (template_card_event / template_card_menu_event, SPEC §3.2). */
export type TemplateCardClick = {
  userid: string;
  eventKey: string;
  taskId: string;
  cardType: string;
  /** Single use, 72 h: pass to update_template_card. */
  responseCode: string;
  selected: { questionKey: string; optionIds: string[] }[];
};

/** The click fields, or null when a field WeCom always sends is missing. Accepts both OptionIds and the documented OpitonIds. */
export function templateCardClick(e: WecomEvent): TemplateCardClick | null {
  if (e.event !== 'template_card_event' && e.event !== 'template_card_menu_event') return null;
  const eventKey = xmlText(e.fields, 'EventKey');
  const taskId = xmlText(e.fields, 'TaskId');
  const responseCode = xmlText(e.fields, 'ResponseCode');
  if (eventKey === null || taskId === null || responseCode === null) return null;
  const items = xmlList(e.fields.SelectedItems, 'SelectedItem');
  const selected = items.map((item: XmlValue) => {
    const ids = [...xmlList(item, 'OptionIds'), ...xmlList(item, 'OpitonIds')].flatMap((group) => [...xmlList(group, 'OptionId'), ...xmlList(group, 'OpitonId')]);
    return { questionKey: xmlText(item, 'QuestionKey') ?? '', optionIds: ids.filter((v): v is string => typeof v === 'string') };
  });
  return { userid: e.fromUser, eventKey, taskId, cardType: xmlText(e.fields, 'CardType') ?? '', responseCode, selected };
}

/** add_schedule / modify_schedule / delete_schedule (SPEC §5.2): which schedule changed. */
export function scheduleChange(e: WecomEvent): { kind: 'add' | 'modify' | 'delete'; scheduleId: string; calId: string | null } | null {
  const kind = e.event === 'add_schedule' ? 'add' : e.event === 'modify_schedule' ? 'modify' : e.event === 'delete_schedule' ? 'delete' : null;
  const scheduleId = xmlText(e.fields, 'ScheduleId');
  if (!kind || !scheduleId) return null;
  return { kind, scheduleId, calId: xmlText(e.fields, 'CalId') };
}
