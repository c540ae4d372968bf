import { v7 as uuidv7 } from 'uuid';
import type { LaneSendArgs, LaneTopic } from '../../../server/contracts/lane/lane-messages.schema.ts';
import type { CartView } from '../../../server/contracts/lane/lane-replies.ts';
import { displayEventFor } from '../../../server/core/devices/customer-display.ts';
import { parseMemberCode } from '../../../server/core/members/member-code.ts';
import { formatYuan, parseYuan } from '../../../server/core/money/index.ts';
import type { ApiError } from '../shared/api.ts';
import { dialogOpen, promptDialog, type DialogField } from '../shared/dialog.ts';
import { displayChannel, type DisplayMessage } from '../shared/display-channel.ts';
import { byId, fill, h } from '../shared/dom.ts';
import { errorText } from '../shared/error-text.ts';
import { locale, onLocaleChange, toggleLocale, tr, type Text } from '../shared/i18n.ts';
import { CartTable, quantityText } from './cart-table.ts';
import { renderSummary, type MemberShown } from './cart-summary.ts';
import type { LaneContext } from './lane-context.ts';
import { MemberPanel } from './member-panel.ts';
import { TenderPanel, hasUnknownPayment, looksLikePaymentCode } from './tender-panel.ts';
import { LaneSocket, type ConnectionStatus, type LaneReply } from './lane-socket.ts';
import { forgetSession, laneLogin, laneLogout, laneSocketUrl, savedSession, type LaneSession } from './lane-session.ts';
import { SHORTCUTS, T } from './lane-texts.ts';

/** A sale sent with `cart.complete` and not yet answered: resent with the same id after a reconnect. */
type PendingComplete = { saleId: string; expectedDueFen: number };
const PENDING_KEY = 'storebox.lane.pendingComplete';

const scan = byId<HTMLInputElement>('scan');
const message = byId('message');
const table = new CartTable(byId<HTMLTableElement>('lines'));
const summary = byId('summary');

let session: LaneSession | undefined;
let socket: LaneSocket | undefined;
let display: BroadcastChannel | undefined;
let cart: CartView | null = null;
let member: MemberShown | undefined;
let weightGrams: number | undefined;
let pending: PendingComplete | undefined = loadPending();
let completing = false;
let connection: ConnectionStatus = 'connecting';
let lastSale: { receiptNo: string; change: string } | undefined;

function loadPending(): PendingComplete | undefined {
  try {
    return JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
}

function setPending(next: PendingComplete | undefined): void {
  pending = next;
  if (next) sessionStorage.setItem(PENDING_KEY, JSON.stringify(next));
  else sessionStorage.removeItem(PENDING_KEY);
}

// ---- messages -------------------------------------------------------------------------------

function showError(text: string): void {
  message.className = 'message error';
  message.textContent = text;
}

function showInfo(text: string): void {
  message.className = 'message info';
  message.textContent = text;
}

function clearMessage(): void {
  message.className = 'message';
  message.textContent = '';
}

const offlineError = (): ApiError => ({ code: 'LANE_OFFLINE', message: tr(T.offline) });

// ---- rendering ------------------------------------------------------------------------------

function render(): void {
  const lines = cart?.lines ?? [];
  table.render(lines);
  byId('empty').hidden = lines.length > 0;
  renderSummary(summary, cart);
  tender.render(cart);
  memberPanel.render(cart);
  byId<HTMLButtonElement>('complete').disabled = !readyToComplete();
  const last = byId('last-sale');
  last.hidden = !lastSale;
  if (lastSale)
    fill(
      last,
      h('span', {}, tr(T.completed, { receiptNo: lastSale.receiptNo })),
      h('span', {}, tr(T.lastChange)),
      h('strong', { id: 'last-change', class: 'num' }, lastSale.change),
    );
  byId('weight-pending').textContent = weightGrams === undefined ? '' : tr(T.weightPending, { grams: weightGrams });
}

/** Paid in full, and no QR payment whose result is unknown (the box refuses to complete until it is decided). */
function readyToComplete(): boolean {
  if (!cart || cart.lines.length === 0 || cart.tenders.length === 0 || cart.remainingFen !== 0) return false;
  return !hasUnknownPayment(cart);
}

function applyCart(next: CartView | null | undefined): void {
  if (next === undefined) return;
  cart = next;
  if (!cart?.memberId) member = undefined;
  render();
}

/** Any tender shows the customer the amount due (and, after cash, the change at complete). */
const TENDER_TOPICS: ReadonlySet<LaneTopic> = new Set([
  'cart.tenderCash',
  'cart.tenderCard',
  'cart.tenderQr',
  'cart.tenderStoredValue',
  'cart.cancelPayment',
]);

function publishDisplay(topic: LaneTopic, reply: LaneReply): void {
  if (!display || !reply.ok) return;
  const c = reply.data.cart;
  const last = c?.lines.at(-1);
  const sale = 'sale' in reply.data ? reply.data.sale : undefined;
  const event =
    topic === 'cart.scan' || topic === 'cart.setQuantity'
      ? displayEventFor({
          topic,
          lastLine: last ? { name: locale() === 'en' ? last.name.en : last.name.zh, netFen: last.netFen } : undefined,
        })
      : topic === 'cart.total' || TENDER_TOPICS.has(topic)
        ? displayEventFor({ topic: 'cart.total', dueFen: c?.totals.dueFen ?? 0 })
        : topic === 'cart.complete' && sale
          ? displayEventFor({ topic, tenderedFen: sale.tenderedFen, changeFen: sale.changeFen })
          : topic === 'cart.void' || topic === 'cart.park'
            ? displayEventFor({ topic })
            : undefined;
  if (event) display.postMessage({ event, dueFen: c?.totals.dueFen, lines: c?.lines.length } satisfies DisplayMessage);
}

// ---- talking to the box ---------------------------------------------------------------------

/** What the panels (tender-panel.ts, member-panel.ts, …) use of this page. */
const ctx: LaneContext = {
  send: (topic, ...payload) => send(topic, ...payload),
  cart: () => cart,
  member: () => member,
  setMember(next) {
    member = next;
  },
  token: () => session?.token,
  showError,
  showInfo,
  focusScan: () => focusScan(),
  render: () => render(),
};
const tender = new TenderPanel(ctx);
const memberPanel = new MemberPanel(ctx);

/** Sends one lane message; the reply's cart (sent even on refusal) replaces the screen's. */
async function send<T extends LaneTopic>(topic: T, ...payload: LaneSendArgs<T>): Promise<LaneReply<T>> {
  if (!socket) return { ok: false, topic, error: offlineError(), offline: true };
  const reply = await socket.request(topic, ...payload);
  applyCart(reply.data?.cart);
  if (reply.ok) {
    clearMessage();
    publishDisplay(topic, reply);
  } else showError(reply.offline ? reply.error.message : errorText(reply.error));
  return reply;
}

/** Asks for a supervisor's credential (void after total, void a cart); undefined when the cashier cancels. */
async function askSupervisor(title: Text): Promise<{ username: string; password: string } | undefined> {
  const values = await promptDialog(
    title,
    [
      { name: 'username', label: T.supervisorUser },
      { name: 'password', label: T.supervisorPassword, type: 'password' },
    ],
    tr(T.supervisorTitle),
  );
  focusScan();
  return values && { username: values.username, password: values.password };
}

async function scanCode(raw: string): Promise<void> {
  const text = raw.trim();
  if (text === '') {
    if (readyToComplete()) await complete();
    return;
  }
  // the member's QR (or member card) carries the member code (M + 11 digits, Luhn-checked): identifies
  if (parseMemberCode(text).ok) return memberPanel.identifyBy(text);
  // a 付款码 (16–24 digits) scanned while the cart has items pays the rest by its prefix
  if (looksLikePaymentCode(text) && cart && cart.lines.length > 0) return tender.payCode(text);
  // "3*6901234567892": three of the item (the multiply key before the scan)
  const m = /^(\d{1,4})\*(.+)$/.exec(text);
  const payload: { code: string; quantity?: number; weightGrams?: number } = { code: m ? m[2] : text };
  if (m) payload.quantity = Number(m[1]);
  if (weightGrams !== undefined) payload.weightGrams = weightGrams;
  weightGrams = undefined;
  lastSale = undefined;
  memberPanel.afterSale = undefined;
  await send('cart.scan', payload);
}

async function complete(): Promise<void> {
  if (completing || !cart) return;
  // the sale id is made here, once: a retry after a dropped connection sends the same id
  if (!pending) setPending({ saleId: uuidv7(), expectedDueFen: cart.totals.dueFen });
  await sendComplete();
}

async function sendComplete(): Promise<void> {
  const sale = pending;
  if (!sale || completing) return;
  completing = true;
  showInfo(tr(T.completing));
  try {
    const reply = await send('cart.complete', sale);
    if (!reply.ok && reply.offline) return showError(tr(T.retrying));
    setPending(undefined);
    if (reply.ok) {
      const done = reply.data.sale;
      lastSale = { receiptNo: done.receiptNo, change: formatYuan(done.changeFen) };
      // a sale without a member: the customer may still join and earn its points (member.register with saleId)
      memberPanel.afterSale = member ? undefined : { saleId: done.saleId, receiptNo: done.receiptNo };
      member = undefined;
      render();
    }
  } finally {
    completing = false;
  }
}

// ---- the cashier's verbs --------------------------------------------------------------------

function positiveInt(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+$/.test(text) && Number(text) > 0 ? Number(text) : undefined;
}

async function ask(title: Text, field: DialogField): Promise<string | undefined> {
  const values = await promptDialog(title, [field]);
  focusScan();
  return values?.[field.name];
}

const actions: Record<string, () => Promise<unknown>> = {
  member: () => memberPanel.identify(),
  coupon: () => memberPanel.addCode(),
  points: () => tender.points(),
  cash: () => tender.cash(),
  card: () => tender.card(),
  qr: async () => tender.qr(),
  storedValue: () => tender.storedValue(),
  decidePayment: () => tender.decide(),
  async weight() {
    const grams = positiveInt(await ask(T.weightGrams, { name: 'grams', label: T.weightGrams, inputmode: 'numeric' }));
    if (grams === undefined) return;
    weightGrams = grams;
    render();
  },
  async quantity() {
    const lineId = table.selectedLineId;
    if (!lineId) return showError(tr(T.selectLine));
    const text = await ask(T.quantity, { name: 'quantity', label: T.newQuantity, inputmode: 'numeric' });
    if (text === undefined || text === '') return;
    const quantity = positiveInt(text);
    if (quantity === undefined) return showError(tr(T.badNumber));
    await send('cart.setQuantity', { lineId, quantity });
  },
  async parkOrResume() {
    if (cart && cart.lines.length > 0) {
      const reply = await send('cart.park');
      if (reply.ok) showInfo(tr(T.parkedDone));
      return;
    }
    const reply = await send('cart.listParked');
    if (!reply.ok) return;
    const parked = reply.data.parked;
    if (parked.length === 0) return showInfo(tr(T.noParked));
    const note = parked.map((p, i) => `${i + 1}. ${p.parkedAt.slice(11, 19)} ${p.cashier} ×${p.lines}`).join('\n');
    const choice = positiveInt(
      await (async () =>
        (
          await promptDialog(
            T.parked,
            [{ name: 'n', label: { zh: '序号', en: 'Number' }, value: '1', inputmode: 'numeric' }],
            note,
          )
        )?.n)(),
    );
    focusScan();
    const chosen = choice === undefined ? undefined : parked[choice - 1];
    if (chosen) await send('cart.resume', { parkedId: chosen.id });
  },
  async total() {
    await send('cart.total');
  },
  async removeLine() {
    const lineId = table.selectedLineId;
    if (!lineId) return showError(tr(T.selectLine));
    const reply = await send('cart.removeLine', { lineId });
    if (reply.ok || reply.error.code !== 'LANE_SUPERVISOR_REQUIRED') return;
    const supervisor = await askSupervisor(T.removeLine);
    if (supervisor) await send('cart.removeLine', { lineId, supervisor });
  },
  async overridePrice() {
    const lineId = table.selectedLineId;
    if (!lineId) return showError(tr(T.selectLine));
    const values = await promptDialog(T.overridePrice, [
      { name: 'price', label: T.newPrice, inputmode: 'decimal' },
      { name: 'reason', label: T.reason },
      { name: 'username', label: T.supervisorUser },
      { name: 'password', label: T.supervisorPassword, type: 'password' },
    ]);
    focusScan();
    if (!values) return;
    const unitPriceFen = parseYuan(values.price);
    if (unitPriceFen === undefined) return showError(tr(T.badAmount));
    await send('cart.overridePrice', {
      lineId,
      unitPriceFen,
      reason: values.reason,
      supervisor: { username: values.username, password: values.password },
    });
  },
  async voidCart() {
    const supervisor = await askSupervisor(T.voidCart);
    const reply = supervisor && (await send('cart.void', { supervisor }));
    if (reply?.ok) member = undefined;
    render();
  },
};

const KEYS: Record<string, keyof typeof actions> = {
  F2: 'member',
  F3: 'coupon',
  F4: 'points',
  F6: 'weight',
  F7: 'quantity',
  F8: 'parkOrResume',
  F9: 'total',
  F10: 'cash',
  F11: 'card',
  F12: 'storedValue',
  Delete: 'removeLine',
  'Alt+o': 'overridePrice',
  'Alt+v': 'voidCart',
};

function keyName(e: KeyboardEvent): string {
  return e.altKey ? `Alt+${e.key.toLowerCase()}` : e.key;
}

// ---- focus: the scan box always has it, so a keyboard-wedge scanner types into it --------------

function focusScan(): void {
  if (!dialogOpen() && document.activeElement !== scan && !byId('checkout').hidden) scan.focus();
}

function startCheckout(s: LaneSession): void {
  session = s;
  byId('login').hidden = true;
  byId('checkout').hidden = false;
  byId('who').textContent = `${s.laneId} · ${s.username}`;
  display?.close();
  display = displayChannel(s.laneId);
  socket = new LaneSocket(
    laneSocketUrl(s.token, locale()),
    {
      status(status) {
        connection = status;
        showConnection();
        if (status === 'closed') showError(tr(T.offline));
      },
      opened() {
        clearMessage();
        // a sale sent before the drop is resent with its id (the box answers the first result); else refresh
        if (pending) void sendComplete();
        else void send('cart.open');
      },
      authLost(error) {
        showLogin(error ? errorText(error) : undefined);
      },
      push(m) {
        // lane.event from the lane's devices (app/devices/device-hub.ts): serial scanner, scale, alerts
        const payload = m.payload as
          { kind?: string; message?: string; grams?: number; stable?: boolean; code?: string } | undefined;
        if (payload?.kind === 'scan' && payload.code) return void scanCode(payload.code);
        if (payload?.kind === 'weight') {
          byId('scale').textContent =
            typeof payload.grams === 'number'
              ? `${quantityText({ unit: 'kg', quantity: payload.grams })}${payload.stable ? '' : ' …'}`
              : '';
          return;
        }
        if (payload?.message) showError(payload.message);
      },
    },
    offlineError,
  );
  socket.start();
  render();
  focusScan();
}

function showLogin(error?: string): void {
  socket?.stop();
  socket = undefined;
  session = undefined;
  cart = null;
  forgetSession();
  byId('checkout').hidden = true;
  byId('login').hidden = false;
  const lane = new URLSearchParams(location.search).get('lane');
  if (lane) byId<HTMLInputElement>('login-lane').value = lane;
  byId('login-error').textContent = error ?? '';
  byId<HTMLInputElement>('login-username').focus();
}

/** The connection dot and its word, in the page's language (redrawn when the language changes). */
function showConnection(): void {
  const dot = byId('connection');
  dot.className = `connection ${connection}`;
  dot.textContent = tr(
    connection === 'open' ? T.connected : connection === 'connecting' ? T.connecting : T.disconnected,
  );
}

function translateStatic(): void {
  showConnection();
  document.title = `Storebox · ${tr(T.title)}`;
  for (const el of document.querySelectorAll<HTMLElement>('[data-t]')) {
    const key = el.dataset.t as keyof typeof T;
    if (T[key]) el.textContent = tr(T[key]);
  }
  byId<HTMLInputElement>('scan').placeholder = tr(T.scanPlaceholder);
  fill(byId('shortcuts'), ...SHORTCUTS.map((s) => h('li', {}, h('kbd', {}, s.key), ' ', tr(s.label))));
  document.documentElement.lang = locale();
}

// ---- wiring ---------------------------------------------------------------------------------

byId<HTMLFormElement>('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = e.currentTarget as HTMLFormElement;
  const data = new FormData(form);
  const r = await laneLogin(
    String(data.get('username')).trim(),
    String(data.get('password')),
    String(data.get('laneId')).trim(),
  );
  if (!r.ok) {
    byId('login-error').textContent = r.error.message;
    return;
  }
  form.reset();
  startCheckout(r.data);
});

scan.addEventListener('keydown', (e) => {
  if (e.key !== 'Enter') return;
  e.preventDefault();
  const code = scan.value;
  // cleared at once: the scanner's next code goes into an empty box while this one is priced
  scan.value = '';
  void scanCode(code);
});

document.addEventListener('keydown', (e) => {
  if (dialogOpen() || byId('checkout').hidden) return;
  if (keyName(e) === 'Alt+l') {
    e.preventDefault();
    return toggleLocale();
  }
  if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
    e.preventDefault();
    return table.move(e.key === 'ArrowUp' ? -1 : 1);
  }
  const action = KEYS[keyName(e)];
  if (action) {
    e.preventDefault();
    void actions[action]();
    return;
  }
  // a printable key typed anywhere goes to the scan box
  if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) focusScan();
});

document.addEventListener('click', (e) => {
  const target = e.target as HTMLElement;
  if (!target.closest('input, button, select, textarea, .backdrop')) focusScan();
});

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-action]')) {
  button.addEventListener('click', () => {
    const name = button.dataset.action!;
    if (name === 'complete') void complete();
    else if (name in actions) void actions[name]();
    focusScan();
  });
}

byId('logout').addEventListener('click', async () => {
  if (session) await laneLogout(session);
  showLogin();
});
byId('language').addEventListener('click', () => toggleLocale());

onLocaleChange(() => {
  translateStatic();
  render();
});

translateStatic();
const saved = savedSession();
if (saved) startCheckout(saved);
else showLogin();
