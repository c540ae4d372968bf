import { describe, expect, it } from 'vitest';
import { mayPublish, maySubscribe, type Principal } from './topic-acl.ts';

const dev: Principal = { kind: 'device', deviceId: 'd1' };
const staff: Principal = { kind: 'staff', username: 'admin', role: 'admin' };

describe('topic ACL', () => {
  it('lets a device publish and subscribe only in its own subtree', () => {
    expect(mayPublish(dev, 'S1', 'sb/S1/dev/d1/state')).toBe(true);
    expect(mayPublish(dev, 'S1', 'sb/S1/dev/d2/state')).toBe(false);
    expect(mayPublish(dev, 'S1', 'sb/S1/sales')).toBe(false);
    expect(maySubscribe(dev, 'S1', 'sb/S1/dev/d1/cmd/#')).toBe(true);
    expect(maySubscribe(dev, 'S1', '#')).toBe(false);
    expect(maySubscribe(dev, 'S1', 'sb/S1/dev/+/state')).toBe(false);
    expect(maySubscribe(dev, 'S1', 'sb/S1/#')).toBe(false);
    expect(maySubscribe(dev, 'S1', 'sb/S1/dev/d10/#')).toBe(false);
  });
  it('refuses wildcards in published topics and $SYS', () => {
    expect(mayPublish(staff, 'S1', 'sb/S1/#')).toBe(false);
    expect(mayPublish(staff, 'S1', '$SYS/x')).toBe(false);
    expect(maySubscribe(staff, 'S1', '$SYS/#')).toBe(false);
  });
  it('keeps staff tools inside the store tree', () => {
    expect(maySubscribe(staff, 'S1', 'sb/S1/#')).toBe(true);
    expect(maySubscribe(staff, 'S1', 'sb/S2/#')).toBe(false);
    expect(mayPublish(staff, 'S1', 'sb/S1/dev/d1/cmd/print')).toBe(true);
  });
});

describe('topic ACL for device commands', () => {
  it('lets only the box side publish a device command', () => {
    expect(mayPublish(dev, 'S1', 'sb/S1/dev/d1/cmd/print')).toBe(false);
    expect(mayPublish(dev, 'S1', 'sb/S1/dev/d1/ack/c1')).toBe(true);
    expect(mayPublish(dev, 'S1', 'sb/S1/dev/d1/')).toBe(false);
    expect(maySubscribe(dev, 'S1', 'sb/S1/dev/d1/cmd/#')).toBe(true);
  });
});
