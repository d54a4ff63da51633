import { describe, expect, test } from 'vitest';
import { expectedSkip } from '@/lib/capture/skips';

describe('expected skips (rejected rows shown neutrally)', () => {
  test('a 生意参谋 visitor who was not logged in is a normal skip', () => {
    expect(expectedSkip('没有访客 (visitor not logged in: "-" / 未登录)')).toBe('anonymousVisitor');
    // The same row reason twice (joined by the background) is still one normal skip.
    expect(expectedSkip('没有访客 (visitor not logged in: "-" / 未登录); 没有访客 (visitor not logged in: "-" / 未登录)')).toBe('anonymousVisitor');
  });

  test('reading errors stay errors, also when joined with a normal reason', () => {
    expect(expectedSkip('missing 访问时间')).toBeNull();
    expect(expectedSkip('实付金额无法读取')).toBeNull();
    expect(expectedSkip('订单编号 6919487795067412060 shown twice (first at row 3)')).toBeNull();
    expect(expectedSkip('没有访客 (visitor not logged in: "-" / 未登录); contact: at: invalid')).toBeNull();
    expect(expectedSkip('')).toBeNull();
    // A reason that merely mentions 未登录 is not the adapter's skip reason.
    expect(expectedSkip('访问时间: 未登录')).toBeNull();
  });
});
