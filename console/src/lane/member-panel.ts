import type { CartView, LaneMember } from '../../../server/contracts/lane/lane-replies.ts';
import { formatYuan } from '../../../server/core/money/index.ts';
import { api } from '../shared/api.ts';
import { promptDialog } from '../shared/dialog.ts';
import { byId, fill, h } from '../shared/dom.ts';
import { reasonText } from '../shared/error-text.ts';
import { locale, tr } from '../shared/i18n.ts';
import type { LaneContext } from './lane-context.ts';
import { T } from './lane-texts.ts';

/** One of the member's coupons as GET /api/v1/coupons?memberId= lists it (the instance id is its code). */
type WalletCoupon = { id: string; templateId: string; status: string; validTo: string; faceValueFen?: number };
/** The last sale when it had no member: the cashier may register the customer and earn its points. */
export type SaleWithoutMember = { saleId: string; receiptNo: string };

const pick = (label: { zh: string; en: string }) => (locale() === 'en' ? label.en : label.zh);

/**
 * The member panel (left, under the lines): identify by phone, member code or a scanned member QR;
 * register a new member (also right after a sale without one, which earns that sale's points);
 * clear the member; the tier, points and stored-value balance; the coupons in the cart (removable)
 * and the member's other available coupons (tap to use).
 */
export class MemberPanel {
  private readonly ctx: LaneContext;
  private wallet: WalletCoupon[] = [];
  private walletOf: string | undefined;
  /** coupon template id → its name (the programme's templates, read once) */
  private templates: Map<string, string> | undefined;
  /** set after a sale without a member (main.ts), cleared by the next scan or a registration */
  afterSale: SaleWithoutMember | undefined;

  constructor(ctx: LaneContext) {
    this.ctx = ctx;
  }

  render(cart: CartView | null): void {
    const member = this.ctx.member();
    const panel = byId('member-panel');
    if (member && this.walletOf !== member.id) void this.loadWallet(member.id);
    if (!member) {
      this.wallet = [];
      this.walletOf = undefined;
    }
    const applied = cart?.coupons.applied ?? [];
    const rejected = cart?.coupons.rejected ?? [];
    const inCart = new Set(cart?.coupons.codes ?? []);
    const usable = this.wallet.filter((c) => (c.status === 'issued' || c.status === 'restored') && !inCart.has(c.id));
    fill(
      panel,
      h(
        'div',
        { class: 'member-head' },
        h('h3', {}, tr(T.member)),
        member ? memberFacts(member) : h('span', { class: 'muted', id: 'member-none' }, tr(T.noMember)),
      ),
      h(
        'div',
        { class: 'member-buttons' },
        h(
          'button',
          { type: 'button', id: 'member-identify', onclick: () => void this.identify() },
          tr(T.memberIdentify),
        ),
        h(
          'button',
          { type: 'button', id: 'member-register', onclick: () => void this.register() },
          tr(T.memberRegister),
        ),
        member
          ? h('button', { type: 'button', id: 'member-clear', onclick: () => void this.clear() }, tr(T.memberClear))
          : null,
        h('button', { type: 'button', id: 'coupon-add', onclick: () => void this.addCode() }, tr(T.couponAdd)),
        this.afterSale && !member
          ? h(
              'button',
              {
                type: 'button',
                id: 'member-register-after',
                class: 'primary',
                onclick: () => void this.registerAfter(),
              },
              tr(T.memberRegisterAfter),
            )
          : null,
      ),
      applied.length + rejected.length + usable.length > 0
        ? h(
            'ul',
            { class: 'member-coupons', id: 'member-coupons' },
            ...applied.map((c) => this.couponInCart('applied', c.code, pick(c.explanation))),
            ...rejected.map((c) =>
              this.couponInCart('rejected', c.code, `${c.code}: ${reasonText(c.reason, c.params)}`),
            ),
            ...usable.map((c) =>
              h(
                'li',
                { class: 'coupon usable', 'data-code': c.id },
                h(
                  'span',
                  {},
                  `${this.templates?.get(c.templateId) ?? c.templateId} `,
                  c.faceValueFen ? `${formatYuan(c.faceValueFen)} ` : '',
                  tr(T.couponValidTo, { date: c.validTo }),
                ),
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'coupon-use',
                    onclick: () => void this.ctx.send('cart.addCoupon', { code: c.id }),
                  },
                  tr(T.couponUse),
                ),
              ),
            ),
          )
        : null,
    );
  }

  /** A coupon the cart holds (applied, or rejected with the box's reason), with its 移除 button. */
  private couponInCart(state: 'applied' | 'rejected', code: string, text: string): HTMLElement {
    const remove = () => void this.ctx.send('cart.removeCoupon', { code });
    return h(
      'li',
      { class: `coupon ${state}`, 'data-code': code },
      h('span', {}, text),
      h('button', { type: 'button', class: 'coupon-remove', onclick: remove }, tr(T.couponRemove)),
    );
  }

  /** F2 / 识别会员: the phone, member code or member QR (a scanner types it into the dialog). */
  async identify(): Promise<void> {
    const values = await promptDialog(T.memberIdentifyTitle, [
      { name: 'query', label: T.memberQuery, inputmode: 'numeric' },
    ]);
    this.ctx.focusScan();
    if (values?.query) await this.identifyBy(values.query);
  }

  /** A member code typed, or the member's QR / barcode scanned (into the dialog or the scan box). */
  async identifyBy(query: string): Promise<void> {
    const reply = await this.ctx.send('cart.identifyMember', { query });
    if (reply.ok) this.show(reply.data.member);
  }

  async clear(): Promise<void> {
    const reply = await this.ctx.send('cart.clearMember');
    if (reply.ok) this.show(undefined);
  }

  async register(): Promise<void> {
    const values = await this.askNew();
    if (!values) return;
    const reply = await this.ctx.send('member.register', values);
    if (reply.ok) this.registered(reply.data.member, reply.data.pointsEarned);
  }

  /** After a sale without a member: the new member gets that sale (and its points). */
  async registerAfter(): Promise<void> {
    const sale = this.afterSale;
    if (!sale) return;
    const values = await this.askNew();
    if (!values) return;
    const reply = await this.ctx.send('member.register', { ...values, saleId: sale.saleId });
    if (!reply.ok) return;
    this.afterSale = undefined;
    this.registered(reply.data.member, reply.data.pointsEarned);
    // the sale is done: the new member is not the next customer's
    if (this.ctx.cart()?.memberId !== reply.data.member?.id) this.ctx.setMember(undefined);
    this.ctx.render();
  }

  async addCode(): Promise<void> {
    const values = await promptDialog(T.coupons, [{ name: 'code', label: T.couponCode }]);
    this.ctx.focusScan();
    if (values?.code) await this.ctx.send('cart.addCoupon', { code: values.code });
  }

  private async askNew(): Promise<{ phone: string; name?: string } | undefined> {
    const values = await promptDialog(T.memberRegisterTitle, [
      { name: 'phone', label: T.memberPhone, inputmode: 'numeric' },
      { name: 'name', label: T.memberName },
    ]);
    this.ctx.focusScan();
    if (!values?.phone) return undefined;
    return values.name ? { phone: values.phone, name: values.name } : { phone: values.phone };
  }

  private registered(member: LaneMember | undefined, points: number): void {
    if (member && this.ctx.cart()?.memberId === member.id) this.show(member);
    this.ctx.showInfo(tr(T.memberRegistered, { code: member?.code ?? '', points }));
  }

  private show(member: LaneMember | undefined): void {
    this.ctx.setMember(member);
    this.ctx.render();
  }

  private async loadWallet(memberId: string): Promise<void> {
    this.walletOf = memberId;
    const token = this.ctx.token();
    if (!this.templates) {
      const t = await api<Array<{ id: string; name: string }>>('/api/v1/coupons/templates', { token });
      if (t.ok) this.templates = new Map(t.data.map((x) => [x.id, x.name]));
    }
    const r = await api<WalletCoupon[]>(`/api/v1/coupons?memberId=${encodeURIComponent(memberId)}`, { token });
    if (!r.ok || this.walletOf !== memberId) return;
    this.wallet = r.data;
    this.ctx.render();
  }
}

function memberFacts(member: LaneMember): HTMLElement {
  return h(
    'dl',
    { class: 'member-facts', id: 'member-info' },
    h('dt', {}, member.name || member.code),
    h('dd', { id: 'member-phone' }, member.phone),
    h('dt', {}, tr(T.memberTier)),
    h('dd', { id: 'member-tier' }, member.tier.name),
    h('dt', {}, tr(T.points)),
    h('dd', { id: 'member-points', class: 'num' }, String(member.pointsBalance)),
    h('dt', {}, tr(T.memberBalance)),
    h(
      'dd',
      { id: 'member-balance', class: 'num' },
      member.storedValueFen === null ? tr(T.memberNoAccount) : formatYuan(member.storedValueFen),
    ),
  );
}
