import type { ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import enUSLocale from 'antd/locale/en_US';
import zhCNLocale from 'antd/locale/zh_CN';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { i18n } from 'i18next';
import { currentLanguage } from '../i18n/i18n.ts';
import type { Api } from './api-client.ts';
import { ApiProvider } from './api-context.tsx';

const antdLocales = { 'zh-CN': zhCNLocale, 'en-US': enUSLocale };

function ThemedAnt(props: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={antdLocales[currentLanguage(i18n)]} theme={{ token: { colorPrimary: '#1677ff', borderRadius: 8 } }} button={{ autoInsertSpace: false }}>
      <AntApp>{props.children}</AntApp>
    </ConfigProvider>
  );
}

/** Everything the pages rely on: i18n, the API client, the query cache, antd's theme and locale. */
export function Providers(props: { i18n: i18n; api: Api; queryClient: QueryClient; children: ReactNode }) {
  return (
    <I18nextProvider i18n={props.i18n}>
      <ApiProvider api={props.api}>
        <QueryClientProvider client={props.queryClient}>
          <ThemedAnt>{props.children}</ThemedAnt>
        </QueryClientProvider>
      </ApiProvider>
    </I18nextProvider>
  );
}
