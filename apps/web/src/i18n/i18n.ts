import i18next, { type i18n, type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { zhCN, type Messages } from './zh-cn.ts';
import { enUS } from './en-us.ts';

export const languages = ['zh-CN', 'en-US'] as const;
export type Language = (typeof languages)[number];

const STORAGE_KEY = 'uplift.lang';

declare module 'i18next' {
  // module augmentation needs an interface
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

/**
 * The t of useTranslation(), for helpers that take it. Not ReturnType<typeof useTranslation>['t']:
 * that widens the key prefix to every prefix, past TypeScript's instantiation limit (TS2589).
 */
export type Translate = TFunction<'translation', undefined>;

export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (languages as readonly string[]).includes(v);
}

/** The language the user picked before, else Chinese. */
export function storedLanguage(storage: Pick<Storage, 'getItem'> | null): Language {
  const v = storage?.getItem(STORAGE_KEY) ?? null;
  return isLanguage(v) ? v : 'zh-CN';
}

/** Creates the i18next instance for the app (one per page load). */
export function createI18n(initial: Language): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
    lng: initial,
    fallbackLng: 'zh-CN',
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = initial;
  return instance;
}

/** Switches the UI language and remembers the choice on this device. */
export async function switchLanguage(instance: i18n, lang: Language): Promise<void> {
  await instance.changeLanguage(lang);
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode or storage disabled: the choice lasts for this page only
  }
}

/** The current language of `instance`, narrowed to the ones the UI speaks. */
export function currentLanguage(instance: i18n): Language {
  const lang = instance.resolvedLanguage ?? instance.language;
  return isLanguage(lang) ? lang : 'zh-CN';
}
