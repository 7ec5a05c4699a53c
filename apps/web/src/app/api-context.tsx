import { createContext, useContext, type ReactNode } from 'react';
import type { Api } from './api-client.ts';

const ApiContext = createContext<Api | null>(null);

/** Makes the API client available to the hooks below it. */
export function ApiProvider(props: { api: Api; children: ReactNode }) {
  return <ApiContext.Provider value={props.api}>{props.children}</ApiContext.Provider>;
}

/** The API client given to ApiProvider. */
export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() outside <ApiProvider>');
  return api;
}
