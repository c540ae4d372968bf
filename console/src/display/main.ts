import type { DisplayEvent } from '../../../server/core/devices/display-event.ts';
import { formatYuan } from '../../../server/core/money/index.ts';
import { displayChannel, type DisplayMessage } from '../shared/display-channel.ts';
import { byId } from '../shared/dom.ts';
import { tr, type Text } from '../shared/i18n.ts';

/**
 * The customer display as a web page on the lane PC's second screen (`display.html?lane=L01`): it
 * follows the lane screen open in the same browser, showing the same events as a serial VFD.
 */
const T = {
  welcome: { zh: '欢迎光临', en: 'Welcome' },
  total: { zh: '应付金额', en: 'Total' },
  paid: { zh: '实收 {paid}', en: 'Paid {paid}' },
  change: { zh: '找零', en: 'Change' },
  thanks: { zh: '谢谢惠顾，欢迎再来', en: 'Thank you' },
} as const satisfies Record<string, Text>;

function show(event: DisplayEvent): void {
  const [headline, amount, detail] = ((): [string, string, string] => {
    switch (event.kind) {
      case 'item':
        return [event.name, formatYuan(event.priceFen), ''];
      case 'total':
        return [tr(T.total), formatYuan(event.totalFen), ''];
      case 'change':
        return [tr(T.change), formatYuan(event.changeFen), tr(T.paid, { paid: formatYuan(event.paidFen) })];
      case 'thanks':
        return [tr(T.thanks), '', ''];
      case 'idle':
        return [event.welcome ?? tr(T.welcome), '', ''];
    }
  })();
  byId('headline').textContent = headline;
  byId('amount').textContent = amount;
  byId('detail').textContent = detail;
}

const laneId = new URLSearchParams(location.search).get('lane') ?? 'L01';
document.title = `Storebox · ${laneId}`;
displayChannel(laneId).onmessage = (e: MessageEvent<DisplayMessage>) => show(e.data.event);
show({ kind: 'idle' });
