import { api, type ApiError, type ApiReply } from '../shared/api.ts';
import { byId, fill, h } from '../shared/dom.ts';
import { onLocaleChange, toggleLocale, tr } from '../shared/i18n.ts';
import type { ConsolePage, Me, PageContext } from './console-page.ts';
import { ROLE_NAMES, T } from './console-texts.ts';
import { LiveEvents } from './live-events.ts';
import { auditPage } from './pages/audit.page.ts';
import { dashboardPage } from './pages/dashboard.page.ts';
import { devicesPage } from './pages/devices.page.ts';
import { membersPage } from './pages/members.page.ts';
import { productsPage } from './pages/products.page.ts';
import { promotionsPage } from './pages/promotions.page.ts';
import { reconciliationPage } from './pages/reconciliation.page.ts';
import { replenishmentPage } from './pages/replenishment.page.ts';
import { reportsPage } from './pages/reports.page.ts';
import { salesPage } from './pages/sales.page.ts';
import { settingsPage } from './pages/settings.page.ts';
import { staffPage } from './pages/staff.page.ts';
import { stockPage } from './pages/stock.page.ts';

/** The console's pages, in menu order (the first is the home page); the URL hash names the open one (#sales). Add a page: one entry here. */
const PAGES: readonly ConsolePage[] = [
  dashboardPage,
  reportsPage,
  salesPage,
  reconciliationPage,
  replenishmentPage,
  promotionsPage,
  productsPage,
  stockPage,
  membersPage,
  devicesPage,
  staffPage,
  auditPage,
  settingsPage,
];

const events = new LiveEvents();
let me: Me | undefined;
/** undone when the page is left: event listeners and polling timers */
let cleanups: Array<() => void> = [];

function showPageError(error: ApiError): void {
  const el = byId('page-error');
  el.hidden = false;
  el.textContent = error.message;
}

function clearPageError(): void {
  const el = byId('page-error');
  el.hidden = true;
  el.textContent = '';
}

function currentPage(): ConsolePage {
  const id = location.hash.replace(/^#/, '');
  return PAGES.find((p) => p.id === id) ?? PAGES[0];
}

async function openPage(): Promise<void> {
  if (!me) return;
  for (const undo of cleanups) undo();
  cleanups = [];
  const page = currentPage();
  for (const link of document.querySelectorAll<HTMLAnchorElement>('#nav a'))
    link.classList.toggle('current', link.dataset.page === page.id);
  byId('page-title').textContent = tr(page.title);
  clearPageError();
  const root = byId('page');
  fill(root);
  const ctx: PageContext = {
    root,
    me,
    showError: showPageError,
    clearError: clearPageError,
    data<T>(reply: ApiReply<T>): T | undefined {
      if (reply.ok) return reply.data;
      // the session ended (expired, logged out elsewhere): back to the login
      if (reply.error.code === 'AUTH_REQUIRED' || reply.error.code === 'AUTH_TOKEN_INVALID')
        showLogin(reply.error.message);
      else showPageError(reply.error);
      return undefined;
    },
    onEvent(topic, listener) {
      cleanups.push(events.listen((t, payload) => t === topic && listener(payload)));
    },
    every(ms, fn) {
      const timer = setInterval(fn, ms);
      cleanups.push(() => clearInterval(timer));
    },
    reload: () => void openPage(),
  };
  await page.render(ctx);
}

function renderFrame(): void {
  document.title = `Storebox · ${tr(T.title)}`;
  for (const el of document.querySelectorAll<HTMLElement>('[data-t]')) {
    const key = el.dataset.t as keyof typeof T;
    if (T[key]) el.textContent = tr(T[key]);
  }
  fill(byId('nav'), ...PAGES.map((p) => h('a', { href: `#${p.id}`, 'data-page': p.id }, tr(p.title))));
  if (me) byId('who').textContent = `${me.username} · ${tr(ROLE_NAMES[me.role] ?? { zh: me.role, en: me.role })}`;
}

function showLogin(error?: string): void {
  me = undefined;
  events.stop();
  for (const undo of cleanups) undo();
  cleanups = [];
  byId('app').hidden = true;
  byId('login').hidden = false;
  byId('login-error').textContent = error ?? '';
  byId<HTMLInputElement>('login-username').focus();
}

async function showApp(who: Me): Promise<void> {
  me = who;
  byId('login').hidden = true;
  byId('app').hidden = false;
  renderFrame();
  const store = await api<{ id: string; nameZh: string; nameEn: string | null }>('/api/v1/store');
  if (store.ok) byId('store').textContent = `${store.data.id} ${store.data.nameZh}`;
  events.start();
  await openPage();
}

byId<HTMLFormElement>('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = e.currentTarget as HTMLFormElement;
  const data = new FormData(form);
  const r = await api<{ username: string; role: string; laneId: string | null }>('/api/v1/auth/login', {
    body: { username: String(data.get('username')).trim(), password: String(data.get('password')) },
  });
  if (!r.ok) {
    byId('login-error').textContent = r.error.message;
    return;
  }
  form.reset();
  await showApp({ username: r.data.username, role: r.data.role, laneId: r.data.laneId });
});

byId('logout').addEventListener('click', async () => {
  await api('/api/v1/auth/logout', { method: 'POST', body: {} });
  showLogin();
});
byId('language').addEventListener('click', () => toggleLocale());
window.addEventListener('hashchange', () => void openPage());
onLocaleChange(() => {
  renderFrame();
  void openPage();
});

// the session cookie is HttpOnly: ask the box who we are
renderFrame();
const who = await api<Me>('/api/v1/auth/me');
if (who.ok) await showApp(who.data);
else showLogin();
