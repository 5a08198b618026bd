/**
 * queue-tickets — the tickets are items in a Queue (`tickets` of them, put by
 * main before the buyers start) and `buyers` processes each try to take one.
 *
 * Unsafe form (`safe=off`): a buyer checks `q.qsize() > 0`, fills in a form
 * (0.1 s), then calls the blocking `q.get()`. Between the check and the get
 * another buyer can take the last ticket, and the late buyer then waits in
 * get() forever: the run deadlocks (main waits to join it).
 *
 * Safe form (`safe=on`): check and take are one step, `q.get_nowait()`, and
 * `queue.Empty` means sold out.
 *
 * Judge: tickets still in the queue at the end are unsold, not lost, so Lost
 * counts only tickets that left the queue without a buyer (never, here).
 */
import { agree, counted } from '../../i18n/plural';
import { Console } from '../../core/data';
import { Queue } from '../../core/queue';
import type { World } from '../../core/world';
import { itemBalance } from '../result';
import type { Judgement, Scenario } from '../types';
import { isPy, joinEach, memoLines, queueJudging, startEach } from '../common';

interface Params {
  tickets: number;
  buyers: number;
  safe: 'on' | 'off';
  [k: string]: number | string;
}

function setup(world: World) {
  return { console: new Console(world, 256, 16 * 1024), q: new Queue(world, 0, 'q') };
}
type Objs = ReturnType<typeof setup>;

const BUYER_UNSAFE = `def buyer(q, i):
    time.sleep(random.uniform(0, 0.2))  # arrives at the counter
    if q.qsize() > 0:  # a ticket seems to be left...
        time.sleep(0.1)  # ...fills in the form
        ticket = q.get()  # blocks if someone took the last one meanwhile
        print(f'buyer {i} got ticket {ticket}')
    else:
        print(f'buyer {i}: sold out')`;

const BUYER_SAFE = `def buyer(q, i):
    time.sleep(random.uniform(0, 0.2))  # arrives at the counter
    time.sleep(0.1)  # fills in the form
    try:
        ticket = q.get_nowait()  # check and take in one step
    except queue.Empty:
        print(f'buyer {i}: sold out')
    else:
        print(f'buyer {i} got ticket {ticket}')`;

const SOURCE = (p: Params) => `from multiprocessing import Process, Queue
import queue
import random
import time

TICKETS = ${p.tickets}
BUYERS = ${p.buyers}

${p.safe === 'on' ? BUYER_SAFE : BUYER_UNSAFE}

if __name__ == '__main__':
    q = Queue()
    for t in range(1, TICKETS + 1):
        q.put(t)
    buyers = [Process(target=buyer, args=(q, i), name=f'buyer-{i}') for i in range(1, BUYERS + 1)]
    for b in buyers:
        b.start()
    for b in buyers:
        b.join()
    print('tickets left:', q.qsize())
`;

const lines = memoLines(
  SOURCE,
  (p) => p.safe,
  (p) => ({
    arrive: 'time.sleep(random.uniform(0, 0.2))',
    form: p.safe === 'on' ? 'time.sleep(0.1)  # fills' : 'time.sleep(0.1)  # ...fills',
    check: p.safe === 'on' ? 'q.get_nowait()' : 'if q.qsize() > 0:',
    take: p.safe === 'on' ? 'q.get_nowait()' : 'ticket = q.get()',
    got: "print(f'buyer {i} got ticket {ticket}')",
    soldOut: "print(f'buyer {i}: sold out')",
    put: 'q.put(t)',
    start: 'b.start()',
    join: 'b.join()',
    left: "print('tickets left:'",
  }),
);

export const queueTickets: Scenario<Objs, Params> = {
  id: 'queue-tickets',
  title: { en: 'Tickets in a queue: check, then take', zh: '队列里的票：先检查，再拿' },
  summary: {
    en: 'The tickets are items in a queue. Each buyer checks qsize() > 0 and then calls get(): between the two, another buyer can take the last ticket, and the late buyer waits in get() forever. Switch “safe” on to take with get_nowait() and catch queue.Empty instead.',
    zh: '票是队列里的物品。每个买家先检查 qsize() > 0，再调用 get()：两步之间，别的买家可能拿走最后一张票，晚到的买家就永远卡在 get() 里。打开“安全写法”，改用 get_nowait() 并捕获 queue.Empty。',
  },
  topic: 'queues',
  hook: {
    en: 'qsize() said there was a ticket; by the time you called get(), it was gone.',
    zh: 'qsize() 说还有票，等你调用 get() 时，票已经没了。',
  },
  challenges: [
    {
      id: 'qsize-lies',
      goal: { en: 'Drain the queue so that qsize() lies to a buyer.', zh: '把队列取空，让 qsize() 骗过一个买家。' },
      hint: { en: 'Safe form off: let two buyers see qsize() > 0 when only one ticket is left.', zh: '关掉安全写法：只剩一张票时，让两个买家都看到 qsize() > 0。' },
      met: (r) => r.params.safe === 'off' && r.verdict === 'deadlock',
    },
  ],
  params: [
    { name: 'tickets', default: 3, min: 0, max: 20, label: { en: 'Tickets', zh: '票数' } },
    { name: 'buyers', default: 5, min: 1, max: 20, label: { en: 'Buyers', zh: '买家数' } },
  ],
  options: [
    {
      name: 'safe',
      values: ['off', 'on'],
      default: 'off',
      label: { en: 'Safe form (get_nowait)', zh: '安全写法（get_nowait）' },
      valueLabels: {
        off: { en: 'off: qsize() then get()', zh: '关：先 qsize() 再 get()' },
        on: { en: 'on: get_nowait() + except queue.Empty', zh: '开：get_nowait() + except queue.Empty' },
      },
    },
  ],
  defaultMode: 'step',
  maxProcesses: (p) => p.buyers + 1,
  python: SOURCE,
  setup,
  main: 'main',
  programs: {
    main: (p) => {
      const L = lines(p.params);
      const { q } = p.objs;
      for (let t = 1; t <= p.params.tickets; t++) {
        p.at(L.put);
        q.put(t);
      }
      const buyers = Array.from({ length: p.params.buyers }, (_, k) => p.Process({ target: 'buyer', args: [k + 1], name: `buyer-${k + 1}` }));
      startEach(p, buyers, L.start);
      joinEach(p, buyers, L.join);
      p.at(L.left);
      const left = q.qsize();
      p.print('tickets left:', left);
    },
    buyer: (p) => {
      const L = lines(p.params);
      const { q } = p.objs;
      const i = p.args[0] as number;
      p.at(L.arrive).sleep(p.uniform(0, 0.2));
      if (p.params.safe === 'on') {
        p.at(L.form).sleep(0.1);
        let ticket: unknown;
        try {
          p.at(L.take);
          ticket = q.get_nowait();
        } catch (e) {
          if (!isPy(e, 'queue.Empty')) throw e;
          p.at(L.soldOut).print(`buyer ${i}: sold out`);
          return;
        }
        p.at(L.got).print(`buyer ${i} got ticket ${String(ticket)}`);
        return;
      }
      p.at(L.check);
      if (q.qsize() > 0) {
        p.at(L.form).sleep(0.1);
        p.at(L.take);
        const ticket = q.get();
        p.at(L.got).print(`buyer ${i} got ticket ${String(ticket)}`);
      } else {
        p.at(L.soldOut).print(`buyer ${i}: sold out`);
      }
    },
  },
  judge(result, params): Judgement {
    const raw = itemBalance(result);
    const unsold = result.objs.q.size;
    const { b, stuck, say, deadlock } = queueJudging(result, { ...raw, lost: Math.max(0, raw.lost - unsold) }, true);
    if (result.status === 'deadlock') {
      const late = stuck.filter((s) => s.call === 'q.get()').map((s) => s.name);
      return deadlock({
        en: `${late.join(' and ') || 'A buyer'} saw qsize() > 0, but the tickets were gone by the time get() ran, and a blocking get() on an empty queue never returns.`,
        zh: `${late.join('、') || '有买家'} 检查时看到 qsize() > 0，可等到调用 get() 时票已被拿光，而对空队列的阻塞 get() 永远不会返回。`,
      });
    }
    if (result.status === 'running') return say('running', `Running: ${b.consumed} of ${counted(b.produced, 'ticket')} taken so far.`, `运行中：${b.produced} 张票已被拿走 ${b.consumed} 张。`);
    if (b.duplicated > 0 || b.lost > 0)
      return say('violated', `${counted(b.duplicated, 'ticket')} ${agree(b.duplicated, 'was', 'were')} taken twice and ${b.lost} vanished.`, `有 ${b.duplicated} 张票被拿了两次，${b.lost} 张不见了。`);
    const soldOut = Math.min(params.buyers, params.buyers - b.consumed);
    return say(
      'ok',
      `${b.consumed} of ${counted(params.tickets, 'ticket')} went to ${counted(b.consumed, 'buyer')}, each exactly once, and ${counted(soldOut, 'buyer')} ${agree(soldOut, 'was', 'were')} told it was sold out${params.safe === 'on' ? ' (queue.Empty from get_nowait())' : ' (this time nobody was caught between qsize() and get())'}.`,
      `${params.tickets} 张票中的 ${b.consumed} 张分给了 ${b.consumed} 个买家，每张恰好一次，另有 ${soldOut} 个买家被告知已售罄${params.safe === 'on' ? '（get_nowait() 抛出 queue.Empty）' : '（这次没人卡在 qsize() 和 get() 之间）'}。`,
    );
  },
};
