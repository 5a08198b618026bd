/**
 * semaphore — a guest house with `rooms` rooms: `Semaphore(rooms)` lets at most
 * that many of `guests` processes in at once (限制同时进入的人数). Each guest
 * arrives after a random delay, checks in (acquire + print), stays a while,
 * checks out (print + release).
 *
 * Options: `semaphore=off` takes the acquire/release out (no limit at all);
 * `bounded=on` uses a `BoundedSemaphore` and the main process releases once more
 * after every guest has left → `ValueError` in MainProcess, as Python raises it.
 *
 * Judge: "inside" is counted along the console — +1 at "checks in", −1 at
 * "checks out". Both prints sit inside the acquire/release, so the console's
 * count never exceeds how many really were inside; more than `rooms` is a
 * violation (it cannot happen with the semaphore).
 */
import { Console } from '../../core/data';
import { BoundedSemaphore, Semaphore } from '../../core/sync';
import type { World } from '../../core/world';
import { counted } from '../../i18n/plural';
import type { Figure, Judgement, Scenario } from '../types';
import { joinEach, lineMap, onOff, pyBool, sayWith, startEach } from '../common';

interface Params {
  rooms: number;
  guests: number;
  semaphore: 'on' | 'off';
  bounded: 'on' | 'off';
  [k: string]: number | string;
}

function setup(world: World, params: Params) {
  return {
    console: new Console(world, 256, 16 * 1024),
    sem: params.bounded === 'on' ? new BoundedSemaphore(world, params.rooms, 'rooms') : new Semaphore(world, params.rooms, 'rooms'),
  };
}
type Objs = ReturnType<typeof setup>;

const SOURCE = (p: Params) => {
  const kind = p.bounded === 'on' ? 'BoundedSemaphore' : 'Semaphore';
  return `from multiprocessing import Process, ${kind}
import random
import time

ROOMS = ${p.rooms}
GUESTS = ${p.guests}
USE_SEMAPHORE = ${pyBool(p.semaphore === 'on')}

def guest(rooms, i):
    time.sleep(random.uniform(0, 0.5))  # on the way
    if USE_SEMAPHORE:
        rooms.acquire()  # wait for a free room
    print(f'guest {i} checks in')
    time.sleep(random.uniform(0.5, 1.5))  # the stay
    print(f'guest {i} checks out')
    if USE_SEMAPHORE:
        rooms.release()  # the room is free again

if __name__ == '__main__':
    rooms = ${kind}(ROOMS)
    guests = [Process(target=guest, args=(rooms, i)) for i in range(1, GUESTS + 1)]
    for p in guests:
        p.start()
    for p in guests:
        p.join()
    print('every guest has left')
${p.bounded === 'on' ? '    rooms.release()  # one release too many: BoundedSemaphore raises ValueError\n' : ''}`;
};

// Only the extra release (bounded) adds a line, at the end: one map serves every option.
const PLAIN: Params = { rooms: 3, guests: 8, semaphore: 'on', bounded: 'off' };
const LINE = {
  ...lineMap(SOURCE(PLAIN), {
    arrive: 'on the way',
    acquire: 'wait for a free room',
    checkIn: 'checks in',
    stay: 'the stay',
    checkOut: 'checks out',
    release: 'the room is free again',
    start: 'p.start()',
    join: 'p.join()',
    left: 'every guest has left',
  }),
  ...lineMap(SOURCE({ ...PLAIN, bounded: 'on' }), { extra: 'one release too many' }),
};

const IN = /^guest \d+ checks in$/;
const OUT = /^guest \d+ checks out$/;

/** The most guests inside at once, counted along the console (check-ins minus check-outs). */
export function mostInside(console: readonly { text: string }[]): number {
  let inside = 0;
  let most = 0;
  for (const l of console) {
    if (IN.test(l.text)) most = Math.max(most, ++inside);
    else if (OUT.test(l.text)) inside--;
  }
  return most;
}

export const semaphore: Scenario<Objs, Params> = {
  id: 'semaphore',
  topic: 'locks',
  title: { en: 'Semaphore: a limited number of rooms', zh: '信号量：限制同时进入的人数' },
  summary: {
    en: 'A guest house has a few rooms and many guests: Semaphore(rooms) lets only that many in at once, the rest wait at the door. Switch the semaphore off and watch more guests crowd in than there are rooms; try BoundedSemaphore to catch a release too many.',
    zh: '旅馆只有几间房，客人却很多：Semaphore(rooms) 同一时间只放这么多人进去，其余的在门口等。关掉信号量，看看同时挤进去的人比房间还多；试试 BoundedSemaphore，它会抓住多出来的一次 release。',
  },
  params: [
    { name: 'rooms', default: 3, min: 1, max: 10, label: { en: 'Rooms', zh: '房间数' } },
    { name: 'guests', default: 8, min: 1, max: 30, label: { en: 'Guests', zh: '客人数' } },
  ],
  options: [
    {
      name: 'semaphore',
      values: ['on', 'off'],
      default: 'on',
      label: { en: 'Semaphore', zh: '信号量' },
      valueLabels: onOff,
      switch: {
        on: { en: 'The semaphore lets at most “rooms” guests in', zh: '信号量最多放“房间数”个客人进去' },
        off: { en: 'No semaphore: everyone walks straight in', zh: '没有信号量：谁来都直接进去' },
      },
    },
    { name: 'bounded', values: ['off', 'on'], default: 'off', label: { en: 'BoundedSemaphore', zh: '有界信号量' }, valueLabels: onOff },
  ],
  defaultMode: 'clock',
  maxProcesses: (p) => p.guests + 1,
  python: SOURCE,
  struckLines: (p) => {
    if (p.semaphore === 'on') return [];
    return [LINE.acquire - 1, LINE.acquire, LINE.release - 1, LINE.release];
  },
  setup,
  main: 'main',
  programs: {
    main: (p) => {
      const at = LINE;
      const guests = Array.from({ length: p.params.guests }, (_, k) => p.Process({ target: 'guest', args: [k + 1] }));
      startEach(p, guests, at.start);
      joinEach(p, guests, at.join);
      p.at(at.left).print('every guest has left');
      if (p.params.bounded === 'on') {
        p.at(at.extra);
        p.objs.sem.release();
      }
    },
    guest: (p) => {
      const at = LINE;
      const { sem } = p.objs;
      const i = p.args[0] as number;
      const use = p.params.semaphore === 'on';
      p.at(at.arrive).sleep(p.uniform(0, 0.5));
      if (use) {
        p.at(at.acquire);
        sem.acquire();
      }
      p.at(at.checkIn).print(`guest ${i} checks in`);
      p.at(at.stay).sleep(p.uniform(0.5, 1.5));
      p.at(at.checkOut).print(`guest ${i} checks out`);
      if (use) {
        p.at(at.release);
        sem.release();
      }
    },
  },
  judge(result, params): Judgement {
    const most = mostInside(result.console);
    const figures: Figure[] = [
      { key: 'Most inside at once', label: { en: 'Most inside at once', zh: '同时在里面最多' }, value: most },
      { key: 'Limit', label: { en: 'Limit', zh: '上限' }, value: params.rooms },
    ];
    const say = sayWith(figures);
    const R = params.rooms;
    if (result.status === 'deadlock') return say('deadlock', 'Nobody can move: every remaining guest waits for a room.', '没有进程能继续：剩下的客人都在等房间。');
    if (result.status === 'running') return say('running', `Running: at most ${counted(most, 'guest')} inside at once so far (limit ${R}).`, `运行中：到目前为止同时在里面的最多 ${most} 人（上限 ${R}）。`);
    if (most > R)
      return say(
        'violated',
        `${most} guests were inside at once, but there are only ${counted(R, 'room')}: nothing held the others back at the door.`,
        `同时有 ${most} 个客人在里面，可房间只有 ${R} 间：没有任何东西把其余的人挡在门外。`,
      );
    const main = result.procs[0];
    if (main?.error === 'ValueError')
      return say(
        'ok',
        `Never more than ${R} inside (at most ${most}). Then the extra release() raised ValueError in ${main.name}: a BoundedSemaphore refuses to count above ${R}, where a plain Semaphore would silently make room for one more.`,
        `同时在里面的从未超过 ${R} 人（最多 ${most} 人）。随后多出来的 release() 在 ${main.name} 里抛出 ValueError：BoundedSemaphore 拒绝把计数加到 ${R} 以上，普通的 Semaphore 则会悄悄多放一个人进去。`,
      );
    if (params.semaphore === 'off')
      return say(
        'ok',
        `At most ${most} inside at once, within ${counted(R, 'room')} — by luck: nothing enforced the limit this time.`,
        `同时在里面最多 ${most} 人，没有超过 ${R} 间——纯属运气：这次没有任何东西在限制人数。`,
      );
    return say('ok', `Never more than ${counted(R, 'guest')} inside at once (at most ${most}): the others waited at the door for a room.`, `同时在里面的客人从未超过 ${R} 人（最多 ${most} 人）：其余的在门口等空房。`);
  },
};

