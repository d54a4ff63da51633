// @vitest-environment happy-dom
/** The shop prompt (SPEC §10 shop-prompt): pick a stored shop of this platform or type its name. */
import { act } from 'react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ShopPrompt } from '@/components/overlay/CaptureOverlay';
import { derivedShopId, type Shop } from '@/lib/model';
import { renderApp, unmountApp } from '../capture/render-taobao';

afterEach(() => unmountApp());

const known: Shop[] = [
  { shopId: '57012345', platform: 'taobao', name: '小鹿优选' },
  { shopId: 'name-00000001', platform: 'taobao', name: '山野茶舍' },
];

async function setValue(el: HTMLInputElement | HTMLSelectElement, value: string, event: 'input' | 'change') {
  const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  await act(async () => {
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event(event, { bubbles: true }));
  });
}
const q = <T extends Element>(id: string) => document.querySelector<T>(`[data-testid="${id}"]`)!;

describe('ShopPrompt', () => {
  test('the hooks are there; OK is disabled until a shop is named', async () => {
    await renderApp(<ShopPrompt platform="taobao" known={[]} onAnswer={() => undefined} />);
    expect(q('shop-prompt').tagName).toBe('FORM');
    expect(q<HTMLInputElement>('shop-prompt-name').tagName).toBe('INPUT');
    expect(q<HTMLButtonElement>('shop-prompt-ok').disabled).toBe(true);
    expect(document.querySelector('[data-testid="shop-prompt-pick"]')).toBeNull(); // nothing stored yet: type only
  });

  test('a typed name → the id the page would give for that name', async () => {
    const onAnswer = vi.fn();
    await renderApp(<ShopPrompt platform="taobao" known={known} onAnswer={onAnswer} />);
    await setValue(q<HTMLInputElement>('shop-prompt-name'), ' 新开的店 ', 'input');
    await act(async () => q<HTMLButtonElement>('shop-prompt-ok').click());
    expect(onAnswer).toHaveBeenCalledWith({ shopId: derivedShopId('taobao', '新开的店'), platform: 'taobao', name: '新开的店' });
  });

  test('a picked shop keeps its own id (a console id, not one derived from the name)', async () => {
    const onAnswer = vi.fn();
    await renderApp(<ShopPrompt platform="taobao" known={known} onAnswer={onAnswer} />);
    await setValue(q<HTMLSelectElement>('shop-prompt-pick'), '57012345', 'change');
    expect(q<HTMLInputElement>('shop-prompt-name').value).toBe('小鹿优选');
    await act(async () => q<HTMLButtonElement>('shop-prompt-ok').click());
    expect(onAnswer).toHaveBeenCalledWith(known[0]);
  });
});
