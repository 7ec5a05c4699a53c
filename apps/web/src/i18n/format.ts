import type { Localized } from '@uplift/contract';
import type { Language } from './i18n.ts';

/** Text from the server in `lang`, falling back to Chinese (always present). */
export function localize(text: Localized, lang: Language): string {
  return text[lang] ?? text['zh-CN'];
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/**
 * "3 分钟前" / "3 minutes ago": the largest whole unit between `iso` and `now`; under a minute
 * is `justNow` (the caller's translation).
 */
export function relativeTime(iso: string, now: Date, lang: Language, justNow: string): string {
  const seconds = Math.round((new Date(iso).getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  const fmt = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (abs >= size) return fmt.format(Math.trunc(seconds / size), unit);
  }
  return justNow;
}

/** Date and time in the user's language, for tables and tooltips. */
export function dateTime(iso: string, lang: Language): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** "1.2 MB": bytes for people. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v.toFixed(v >= 10 ? 0 : 1)} ${units[i]}`;
}
