import { describe, expect, it } from 'vitest';
import type { WecomEvent } from './wecom.events.ts';
import { scheduleChange, templateCardClick } from './wecom.event-parsers.ts';
import { parseXml, type XmlObject } from './wecom.xml.ts';

const event = (xml: string): WecomEvent => {
  const x = parseXml(xml).value as XmlObject;
  return { msgType: 'event', event: x.Event as string, changeType: null, fromUser: x.FromUserName as string, toUser: x.ToUserName as string, createTime: Number(x.CreateTime), agentId: 1, fields: x };
};

// the SPEC §3.2 sample (SKIT TemplateCardPushEvent.xml), in both option spellings
const sample = (ids: string) =>
  `<xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[FromUser]]></FromUserName><CreateTime>123456789</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[key111]]></EventKey><TaskId><![CDATA[taskid111]]></TaskId><CardType><![CDATA[text_notice]]></CardType><ResponseCode><![CDATA[ResponseCode]]></ResponseCode><AgentID>1</AgentID><SelectedItems><SelectedItem><QuestionKey><![CDATA[QuestionKey1]]></QuestionKey><${ids}s><${ids}><![CDATA[OptionId1]]></${ids}><${ids}><![CDATA[OptionId2]]></${ids}></${ids}s></SelectedItem></SelectedItems></xml>`;

describe('callback event parsers', () => {
  it('reads the SPEC template card click, whichever spelling of OptionIds', () => {
    for (const spelling of ['OptionId', 'OpitonId']) {
      expect(templateCardClick(event(sample(spelling)))).toEqual({
        userid: 'FromUser',
        eventKey: 'key111',
        taskId: 'taskid111',
        cardType: 'text_notice',
        responseCode: 'ResponseCode',
        selected: [{ questionKey: 'QuestionKey1', optionIds: ['OptionId1', 'OptionId2'] }],
      });
    }
  });

  it('returns null for other events or a click without its fields', () => {
    expect(templateCardClick(event('<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType><Event>add_schedule</Event></xml>'))).toBeNull();
    expect(templateCardClick(event('<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType><Event>template_card_event</Event><TaskId>t</TaskId></xml>'))).toBeNull();
  });

  it('reads schedule changes', () => {
    const e = event('<xml><ToUserName>a</ToUserName><FromUserName>sys</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType><Event>delete_schedule</Event><CalId>c1</CalId><ScheduleId>s1</ScheduleId></xml>');
    expect(scheduleChange(e)).toEqual({ kind: 'delete', scheduleId: 's1', calId: 'c1' });
  });
});
