// Pure builders of app-message bodies (SPEC §3.1–3.2). Text that can be too long is cut to the
// documented limit (WeCom would cut it anyway, mid-character); identifiers that would be
// rejected (task_id, button keys, URLs) throw, since that is a programming error.

export type TextMessage = { msgtype: 'text'; text: { content: string } };
export type MarkdownMessage = { msgtype: 'markdown'; markdown: { content: string } };
export type TextCardMessage = { msgtype: 'textcard'; textcard: { title: string; description: string; url: string; btntxt?: string } };
export type TemplateCardMessage = { msgtype: 'template_card'; template_card: TemplateCard };
export type MessageBody = TextMessage | MarkdownMessage | TextCardMessage | TemplateCardMessage;

export type CardAction = { type: 1; url: string } | { type: 2; appid: string; pagepath: string };
export type HorizontalItem = { keyname: string; value?: string; type?: 0 | 1 | 3; url?: string; userid?: string };
/** A card button: a callback (type 0, its key comes back as EventKey) or a link (type 1, opens `url`). */
export type CardButton = { text: string; key: string; style?: 1 | 2 | 3 | 4; type?: 0 | 1; url?: string };
type CardCommon = {
  source?: { icon_url?: string; desc?: string; desc_color?: 0 | 1 | 2 | 3 };
  main_title: { title: string; desc?: string };
  sub_title_text?: string;
  horizontal_content_list?: HorizontalItem[];
  jump_list?: { type: 1; title: string; url: string }[];
  card_action?: CardAction;
  task_id?: string;
};
export type TemplateCard =
  | (CardCommon & { card_type: 'text_notice'; emphasis_content?: { title: string; desc?: string }; card_action: CardAction })
  | (CardCommon & { card_type: 'button_interaction'; task_id: string; button_list: CardButton[]; replace_text?: string })
  | (CardCommon & {
      card_type: 'vote_interaction';
      task_id: string;
      checkbox: { question_key: string; mode: 0 | 1; option_list: { id: string; text: string; is_checked?: boolean }[] };
      submit_button: { text: string; key: string };
    })
  | (CardCommon & {
      card_type: 'multiple_interaction';
      task_id: string;
      select_list: { question_key: string; title?: string; selected_id?: string; option_list: { id: string; text: string }[] }[];
      submit_button: { text: string; key: string };
    });

export class MessageBuildError extends Error {}

const encoder = new TextEncoder();

/** Cuts `s` to at most `max` UTF-8 bytes without splitting a character, marking the cut with …. */
export function cutBytes(s: string, max: number): string {
  if (encoder.encode(s).length <= max) return s;
  const budget = max - 3; // "…" is 3 bytes
  let out = '';
  let used = 0;
  for (const ch of s) {
    const n = encoder.encode(ch).length;
    if (used + n > budget) break;
    out += ch;
    used += n;
  }
  return `${out}…`;
}

/** Cuts `s` to at most `max` characters (code points), marking the cut with …. */
export function cutChars(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

function checkUrl(url: string, what: string): string {
  if (!/^https?:\/\//.test(url)) throw new MessageBuildError(`${what}: URL needs http:// or https://`);
  if (encoder.encode(url).length > 2048) throw new MessageBuildError(`${what}: URL longer than 2048 bytes`);
  return url;
}

function checkTaskId(taskId: string): string {
  if (!/^[0-9a-zA-Z_\-@]{1,128}$/.test(taskId)) throw new MessageBuildError(`task_id "${taskId}": only [0-9a-zA-Z_-@], at most 128`);
  return taskId;
}

/** Escapes text placed inside a textcard description (which WeCom reads as HTML). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** A plain text message (≤2048 bytes). */
export function textMessage(content: string): TextMessage {
  return { msgtype: 'text', text: { content: cutBytes(content, 2048) } };
}

/** Markdown (≤2048 bytes; shown in the WeCom client only, not the WeChat plugin). */
export function markdownMessage(content: string): MarkdownMessage {
  return { msgtype: 'markdown', markdown: { content: cutBytes(content, 2048) } };
}

/** A text card: title ≤128 chars, description lines ≤512 chars in grey/normal/highlight, a link and a ≤4-char button. */
export function textCard(o: { title: string; lines: { text: string; tone?: 'gray' | 'normal' | 'highlight' }[]; url: string; button?: string }): TextCardMessage {
  let description = '';
  for (const line of o.lines) {
    const next = `<div class="${line.tone ?? 'normal'}">${escapeHtml(line.text)}</div>`;
    if ([...description, ...next].length > 512) break; // whole lines only: a cut tag would show as text
    description += next;
  }
  return {
    msgtype: 'textcard',
    textcard: { title: cutChars(o.title, 128), description, url: checkUrl(o.url, 'textcard.url'), ...(o.button && { btntxt: cutChars(o.button, 4) }) },
  };
}

const horizontal = (items: HorizontalItem[] | undefined) => {
  if (!items) return {};
  if (items.length > 6) throw new MessageBuildError('horizontal_content_list: at most 6 rows');
  return { horizontal_content_list: items.map((i) => ({ ...i, keyname: cutChars(i.keyname, 5 * 4), ...(i.value !== undefined && { value: cutChars(i.value, 30) }) })) };
};

/** A notice card with a link (text_notice). */
export function noticeCard(o: Omit<CardCommon, 'card_action'> & { url: string; emphasis?: { title: string; desc?: string } }): TemplateCardMessage {
  const { url, emphasis, ...rest } = o;
  return {
    msgtype: 'template_card',
    template_card: {
      ...rest,
      card_type: 'text_notice',
      ...(rest.task_id && { task_id: checkTaskId(rest.task_id) }),
      main_title: { ...rest.main_title, title: cutChars(rest.main_title.title, 36) },
      ...horizontal(rest.horizontal_content_list),
      ...(emphasis && { emphasis_content: emphasis }),
      card_action: { type: 1, url: checkUrl(url, 'card_action.url') },
    },
  };
}

/** An approve/reject style card (button_interaction): ≤6 buttons, unique keys (each ≤1024 bytes) come back as EventKey. */
export function buttonCard(o: CardCommon & { task_id: string; buttons: CardButton[]; url?: string }): TemplateCardMessage {
  if (o.buttons.length === 0 || o.buttons.length > 6) throw new MessageBuildError('button_list: 1 to 6 buttons');
  const keys = new Set(o.buttons.map((b) => b.key));
  if (keys.size !== o.buttons.length) throw new MessageBuildError('button_list: keys must be unique');
  for (const b of o.buttons) if (b.key.length === 0 || encoder.encode(b.key).length > 1024) throw new MessageBuildError(`button key "${b.key.slice(0, 20)}": 1 to 1024 bytes`);
  const { buttons, url, ...rest } = o;
  return {
    msgtype: 'template_card',
    template_card: {
      ...rest,
      card_type: 'button_interaction',
      task_id: checkTaskId(o.task_id),
      main_title: { ...rest.main_title, title: cutChars(rest.main_title.title, 36) },
      ...horizontal(rest.horizontal_content_list),
      ...(url && { card_action: { type: 1, url: checkUrl(url, 'card_action.url') } }),
      button_list: buttons.map((b) => ({ text: cutChars(b.text, 10), key: b.key, style: b.style ?? 1, ...(b.type === 1 && { type: 1 as const, url: checkUrl(b.url ?? '', `button "${b.key}" url`) }) })),
    },
  };
}

/** A vote/confirm card (vote_interaction): 1–20 options, unique ids. */
export function voteCard(o: CardCommon & { task_id: string; question_key: string; multiple?: boolean; options: { id: string; text: string; checked?: boolean }[]; submit: { text: string; key: string } }): TemplateCardMessage {
  if (o.options.length === 0 || o.options.length > 20) throw new MessageBuildError('option_list: 1 to 20 options');
  if (new Set(o.options.map((x) => x.id)).size !== o.options.length) throw new MessageBuildError('option_list: ids must be unique');
  const { options, submit, question_key, multiple, ...rest } = o;
  return {
    msgtype: 'template_card',
    template_card: {
      ...rest,
      card_type: 'vote_interaction',
      task_id: checkTaskId(o.task_id),
      main_title: { ...rest.main_title, title: cutChars(rest.main_title.title, 36) },
      checkbox: { question_key, mode: multiple ? 1 : 0, option_list: options.map((x) => ({ id: x.id, text: cutChars(x.text, 11), ...(x.checked && { is_checked: true }) })) },
      submit_button: submit,
    },
  };
}

/** A card of drop-down questions (multiple_interaction), e.g. a rating per goal: 1–3 questions of 1–10 options. */
export function selectCard(o: CardCommon & { task_id: string; questions: { key: string; title?: string; selected?: string; options: { id: string; text: string }[] }[]; submit: { text: string; key: string } }): TemplateCardMessage {
  if (o.questions.length === 0 || o.questions.length > 3) throw new MessageBuildError('select_list: 1 to 3 questions');
  for (const q of o.questions) {
    if (q.options.length === 0 || q.options.length > 10) throw new MessageBuildError(`select_list ${q.key}: 1 to 10 options`);
    if (new Set(q.options.map((x) => x.id)).size !== q.options.length) throw new MessageBuildError(`select_list ${q.key}: option ids must be unique`);
  }
  const { questions, submit, ...rest } = o;
  return {
    msgtype: 'template_card',
    template_card: {
      ...rest,
      card_type: 'multiple_interaction',
      task_id: checkTaskId(o.task_id),
      main_title: { ...rest.main_title, title: cutChars(rest.main_title.title, 36) },
      select_list: questions.map((q) => ({ question_key: q.key, ...(q.title && { title: cutChars(q.title, 16) }), ...(q.selected && { selected_id: q.selected }), option_list: q.options.map((x) => ({ id: x.id, text: cutChars(x.text, 16) })) })),
      submit_button: submit,
    },
  };
}
