import type { Loyalty } from '../loyalty/loyalty.ts';
import type { StoreContext } from '../store-context.ts';
import { seedDemoStore } from './demo-store.ts';

export type FirstStartReport = { created: boolean; generatedAdminPassword?: string };

/**
 * On the very first start: the store row (with a new box id), the first admin, and, in demo mode,
 * the demo store. STOREBOX_ADMIN_PASSWORD sets the admin's password; without it a random one is
 * generated and returned so the caller prints it once. `loyalty` builds the loyalty stores that seed the
 * demo members and their programme.
 */
export async function firstStart(ctx: StoreContext, loyalty: () => Loyalty): Promise<FirstStartReport> {
  if (ctx.repos.store.get()) return { created: false };
  const generated = ctx.config.adminPassword === undefined ? ctx.secrets.randomPassword() : undefined;
  const adminHash = await ctx.passwords.hash(ctx.config.adminPassword ?? generated!);
  const demoStaff = ctx.config.demo ? await demoStaffHashes(ctx) : [];
  const at = ctx.clock.now().toISOString();
  ctx.tx.run(() => {
    const { store } = ctx.config;
    ctx.repos.store.insert(
      {
        id: store.id,
        boxId: ctx.ids.uuid(),
        nameZh: store.nameZh,
        nameEn: store.nameEn,
        address: '',
        timezone: 'Asia/Shanghai',
      },
      at,
    );
    ctx.repos.staff.insert({ username: 'admin', displayName: '管理员', role: 'admin', passwordHash: adminHash }, at);
    ctx.repos.audit.append({
      at,
      actor: 'system',
      action: 'store.created',
      subject: store.id,
      detail: { demo: ctx.config.demo },
    });
    for (const s of demoStaff) ctx.repos.staff.insert(s, at);
    if (ctx.config.demo) seedDemoStore(ctx, loyalty(), at);
  });
  return { created: true, generatedAdminPassword: generated };
}

/** Demo staff with documented demo passwords (README); only in demo mode. */
export const DEMO_STAFF = [
  { username: 'cashier1', displayName: '收银员小王', role: 'cashier', password: 'cashier1pass' },
  { username: 'cashier2', displayName: '收银员小李', role: 'cashier', password: 'cashier2pass' },
  { username: 'super1', displayName: '值班主管', role: 'supervisor', password: 'super1pass' },
  { username: 'manager1', displayName: '店长', role: 'manager', password: 'manager1pass' },
] as const;

async function demoStaffHashes(ctx: StoreContext) {
  return Promise.all(
    DEMO_STAFF.map(async (s) => ({
      username: s.username,
      displayName: s.displayName,
      role: s.role,
      passwordHash: await ctx.passwords.hash(s.password),
    })),
  );
}
