/**
 * tickets — the ticket rush (抢票): a JSON file `{"count": N}` is the ticket
 * database, and `clients` processes each search (read and print the count),
 * then buy: read, network delay, if count > 0 decrement, delay, write back,
 * print success; otherwise print that it is sold out. The lock wraps the buy,
 * as in the tutorials. With the lock off, several clients read the same count
 * before anyone writes it back, and the one ticket is sold many times.
 *
 * Sleeps: `random.uniform(0, 0.3)` before the search and `random.uniform(0.1, 0.3)`
 * twice in the buy (seeded), all at most 0.3 virtual seconds.
 *
 * Judge: sales are the console lines "client i bought a ticket, k left"; the
 * run is oversold (`violated`) when more were sold than existed or the file's
 * count is not `tickets - sold`.
 */
import { figure } from '../challenges';
import { counted, num } from '../../i18n/plural';
import { Console, SharedFile } from '../../core/data';
import { Lock } from '../../core/sync';
import type { World } from '../../core/world';
import type { Judgement, Localized, Scenario } from '../types';
import { joinEach, lockedIf, lockOption, struckWithoutLock, startEach } from '../common';

interface Params {
  tickets: number;
  clients: number;
  lock: 'on' | 'off';
  [k: string]: number | string;
}

const PATH = 'tickets.json';
const dump = (count: number) => `{"count": ${count}}`;
const countOf = (text: string): number | null => {
  const m = /"count":\s*(-?\d+)/.exec(text);
  return m ? Number(m[1]) : null;
};

/** Two lines per client (search, then buy or sold out) and the parent's last one, with room to spare. */
const consoleLines = (clients: number) => Math.max(512, 2 * clients + 16);

function setup(world: World, params: Params) {
  return { console: new Console(world, consoleLines(params.clients), consoleLines(params.clients) * 64), lock: new Lock(world, 'lock'), db: new SharedFile(world, PATH, dump(params.tickets), 64) };
}
type Objs = ReturnType<typeof setup>;

const SOURCE = (p: Params) => `from multiprocessing import Process, Lock
import json
import random
import time

TICKETS = ${p.tickets}
CLIENTS = ${p.clients}

def search(i):
    time.sleep(random.uniform(0, 0.3))  # network delay
    with open('${PATH}') as f:
        data = json.load(f)
    print(f'client {i} sees {data["count"]} left')

def buy(i):
    with open('${PATH}') as f:
        data = json.load(f)
    time.sleep(random.uniform(0.1, 0.3))  # network delay
    if data['count'] > 0:
        data['count'] -= 1
        time.sleep(random.uniform(0.1, 0.3))  # paying
        with open('${PATH}', 'w') as f:
            json.dump(data, f)
        print(f'client {i} bought a ticket, {data["count"]} left')
    else:
        print(f'client {i}: sold out')

def client(lock, i):
    search(i)
    lock.acquire()
    buy(i)
    lock.release()

if __name__ == '__main__':
    with open('${PATH}', 'w') as f:
        json.dump({'count': TICKETS}, f)
    lock = Lock()
    clients = [Process(target=client, args=(lock, i)) for i in range(1, CLIENTS + 1)]
    for p in clients:
        p.start()
    for p in clients:
        p.join()
    with open('${PATH}') as f:
        print('tickets left:', json.load(f)['count'])
`;

const LINE = {
  searchSleep: 10,
  searchRead: 12,
  searchPrint: 13,
  buyRead: 17,
  buySleep: 18,
  paySleep: 21,
  write: 23,
  bought: 24,
  soldOut: 26,
  acquire: 30,
  release: 32,
  init: 36,
  start: 40,
  join: 42,
  finalRead: 44,
} as const;

const BOUGHT = /^client \d+ bought a ticket, (-?\d+) left$/;

/** Sales so far, read off the console: how many, and the count each buyer wrote back. */
export function sales(lines: { pid: number; text: string }[]): { sold: number; written: number[] } {
  const written: number[] = [];
  for (const l of lines) {
    const m = l.pid > 0 ? BOUGHT.exec(l.text) : null;
    if (m) written.push(Number(m[1]));
  }
  return { sold: written.length, written };
}

export const tickets: Scenario<Objs, Params> = {
  id: 'tickets',
  title: { en: 'Ticket rush: one file, many buyers', zh: '抢票：一个文件，很多买家' },
  summary: {
    en: 'A JSON file holds the ticket count; every client checks it, then buys: read, wait for the network, write back one less. Switch the lock off and several clients buy the same last ticket.',
    zh: '一个 JSON 文件记录余票数；每个客户先查票，再购票：读文件、等网络、写回减一后的数。关掉锁，好几个客户会买到同一张最后的票。',
  },
  topic: 'locks',
  hook: {
    en: 'One ticket left and ten buyers: can you make two of them buy it?',
    zh: '只剩一张票，却有十个买家：你能让两个人都买到它吗？',
  },
  challenges: [
    {
      id: 'double-sale',
      goal: { en: 'Make two clients buy the last ticket.', zh: '让两个客户都买到最后一张票。' },
      hint: { en: 'Lock off, one ticket: let a second client read the file before the first writes it back.', zh: '关掉锁、只有一张票：在第一个客户写回之前，让第二个客户读文件。' },
      met: (r) => r.params.tickets === 1 && figure(r, 'Tickets sold') >= 2,
    },
    {
      id: 'everyone',
      goal: { en: 'Sell one ticket to at least five clients.', zh: '把一张票卖给至少五个客户。' },
      met: (r) => r.params.tickets === 1 && figure(r, 'Tickets sold') >= 5,
    },
  ],
  params: [
    { name: 'tickets', default: 1, min: 0, max: 1000, label: { en: 'Tickets', zh: '票数' } },
    { name: 'clients', default: 10, min: 1, max: 1000, label: { en: 'Clients', zh: '客户数' } },
  ],
  options: [lockOption],
  defaultMode: 'step',
  pace: 4, // 155 ops in step mode: Run at 1× lasts about 14 s
  maxProcesses: (p) => p.clients + 1,
  python: SOURCE,
  struckLines: struckWithoutLock(LINE),
  // The judge counts the sales lines, in any order (and the console has room for all of them).
  printsCommute: true,
  setup,
  // One client buying the one ticket, under the lock: the paths every client of a 1,000-client run takes.
  rehearsal: { program: 'client', params: { tickets: 1, clients: 1, lock: 'on' }, args: [1] },
  main: 'main',
  programs: {
    main: (p) => {
      const { db } = p.objs;
      p.at(LINE.init);
      db.write(dump(p.params.tickets));
      const clients = Array.from({ length: p.params.clients }, (_, k) => p.Process({ target: 'client', args: [k + 1] }));
      startEach(p, clients, LINE.start);
      joinEach(p, clients, LINE.join);
      p.at(LINE.finalRead);
      const left = countOf(db.read());
      p.print('tickets left:', left);
    },
    client: (p) => {
      const { db, lock } = p.objs;
      const i = p.args[0] as number;
      // search(i)
      p.at(LINE.searchSleep).sleep(p.uniform(0, 0.3));
      p.at(LINE.searchRead);
      const seen = countOf(db.read());
      p.at(LINE.searchPrint).print(`client ${i} sees ${seen} left`);
      lockedIf(p, lock, p.params.lock === 'on', LINE, () => {
        // buy(i)
        p.at(LINE.buyRead);
        let count = countOf(db.read()) ?? 0;
        p.at(LINE.buySleep).sleep(p.uniform(0.1, 0.3));
        if (count > 0) {
          count -= 1;
          p.at(LINE.paySleep).sleep(p.uniform(0.1, 0.3));
          p.at(LINE.write);
          db.write(dump(count));
          p.at(LINE.bought).print(`client ${i} bought a ticket, ${count} left`);
        } else {
          p.at(LINE.soldOut).print(`client ${i}: sold out`);
        }
      });
    },
  },
  judge(result, params): Judgement {
    const { sold, written } = sales(result.console);
    const left = countOf(result.objs.db.peek());
    const figures = [
      { key: 'Tickets sold', label: { en: 'Tickets sold', zh: '已售出' }, value: sold },
      { key: 'Tickets left', label: { en: 'Tickets left', zh: '余票' }, value: left ?? '—' },
    ];
    const say = (explanation: Localized, verdict: Judgement['verdict']): Judgement => ({ verdict, figures, explanation });
    const T = params.tickets;
    const { en, zh } = num;
    if (result.status === 'deadlock') return say({ en: `Nobody can move after ${counted(sold, 'sale')}: every remaining client waits for the lock.`, zh: `卖出 ${zh(sold)} 张后没有进程能继续：剩下的客户都在等锁。` }, 'deadlock');
    if (result.status === 'running') return say({ en: `Running: ${counted(sold, 'ticket')} sold so far, the file says ${left === null ? '?' : en(left)} left.`, zh: `运行中：目前售出 ${zh(sold)} 张，文件里显示余票 ${left === null ? '?' : zh(left)} 张。` }, 'running');
    const oversold = sold > T || left !== T - sold;
    if (!oversold)
      return say(
        {
          en: `${en(sold)} of ${counted(T, 'ticket')} sold and the file says ${en(left)} left: each buyer read the count only after the previous buyer had written it back.`,
          zh: `${zh(T)} 张票卖出 ${zh(sold)} 张，文件显示余 ${zh(left)} 张：每个买家都是在上一个买家写回之后才读到余票数。`,
        },
        'ok',
      );
    // Buyers who wrote back the same count read the same count: all but one of each such group was a lost sale.
    const stale = sold - new Set(written).size;
    if (T === 1 && sold > 1)
      return say(
        { en: `${en(sold)} clients bought the only ticket: each read count=1 before anyone wrote 0.`, zh: `${zh(sold)} 个客户都买到了唯一的一张票：他们都在有人写回 0 之前读到了 count=1。` },
        'violated',
      );
    return say(
      {
        en: `${counted(sold, 'ticket')} sold out of ${en(T)}, yet the file says ${left === null ? '?' : en(left)} left (it should say ${en(T - sold)}): ${counted(stale, 'buyer')} read a count another buyer had read too, before either wrote it back.`,
        zh: `${zh(T)} 张票卖出了 ${zh(sold)} 张，文件却显示余 ${left === null ? '?' : zh(left)} 张（应为 ${zh(T - sold)}）：有 ${zh(stale)} 个买家和别人读到了同一个余票数，在任何一方写回之前。`,
      },
      'violated',
    );
  },
};
