/** The UI language: zh-CN first, English on request; remembered per browser. */
export type Locale = 'zh-CN' | 'en';
export type Text = { readonly zh: string; readonly en: string };

const KEY = 'storebox.locale';
const listeners = new Set<() => void>();

export function locale(): Locale {
  return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh-CN';
}

export function setLocale(next: Locale): void {
  localStorage.setItem(KEY, next);
  document.documentElement.lang = next;
  for (const listener of listeners) listener();
}

export function toggleLocale(): void {
  setLocale(locale() === 'en' ? 'zh-CN' : 'en');
}

export function onLocaleChange(listener: () => void): void {
  listeners.add(listener);
}

/** A text in the current language; `{name}` placeholders are filled from params. */
export function tr(text: Text, params: Readonly<Record<string, string | number>> = {}): string {
  const template = locale() === 'en' ? text.en : text.zh;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (params[name] === undefined ? '' : String(params[name])));
}

/**
 * The language the box answers a request in when the page cannot set Accept-Language (WebSockets):
 * the browser's first language, read the way the box reads the header (server/adapters/http/reply.ts).
 */
export function browserLocale(): Locale {
  const first = navigator.languages?.[0] ?? navigator.language ?? '';
  return /^en\b/i.test(first) ? 'en' : 'zh-CN';
}
