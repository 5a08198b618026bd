/**
 * event — a traffic light (红绿灯): a daemon process turns an `Event` on
 * (green, `set()`) and off (red, `clear()`) every two seconds; `cars` processes
 * drive up at random times and `wait(timeout=1)` at the line — a False return
 * (still red after a second) is printed — then pass, each car once. The main
 * process joins the cars; the light, a daemon, is terminated when main ends.
 *
 * Judge: each car prints the light's colour as it passes (`is_set()` at that
 * moment); a car passing on red is a violation.
 */
import { Console } from '../../core/data';
import { Event } from '../../core/sync';
import type { World } from '../../core/world';
import { counted } from '../../i18n/plural';
import type { Figure, Judgement, Scenario } from '../types';
import { joinEach, lineMap, sayWith, startEach } from '../common';

interface Params {
  cars: number;
  [k: string]: number | string;
}

function setup(world: World) {
  return { console: new Console(world, 1024, 32 * 1024), light: new Event(world, 'light') };
}
type Objs = ReturnType<typeof setup>;

const SOURCE = (p: Params) => `from multiprocessing import Process, Event
import random
import time

CARS = ${p.cars}

def traffic_light(light):
    while True:
        time.sleep(2)  # red for two seconds
        light.set()
        print('light: green')
        time.sleep(2)  # green for two seconds
        light.clear()
        print('light: red')

def car(light, i):
    time.sleep(random.uniform(0, 5))  # driving up to the crossing
    print(f'car {i} arrives')
    while not light.wait(timeout=1):
        print(f'car {i}: still red after a second')
    colour = 'green' if light.is_set() else 'red'
    print(f'car {i} passes on {colour}')

if __name__ == '__main__':
    light = Event()  # starts cleared: red
    Process(target=traffic_light, args=(light,), daemon=True).start()
    cars = [Process(target=car, args=(light, i)) for i in range(1, CARS + 1)]
    for p in cars:
        p.start()
    for p in cars:
        p.join()
    print('every car has passed')
`;

const LINE = lineMap(SOURCE({ cars: 1 }), {
  redFor: 'red for two seconds',
  set: 'light.set()',
  green: "print('light: green')",
  greenFor: 'green for two seconds',
  clear: 'light.clear()',
  red: "print('light: red')",
  drive: 'driving up',
  arrives: 'arrives',
  wait: 'light.wait(timeout=1)',
  still: 'still red after a second',
  passes: 'passes on',
  light: 'daemon=True',
  start: 'p.start()',
  join: 'p.join()',
  done: 'every car has passed',
});

const PASSED = /^car \d+ passes on (green|red)$/;

/** Cars that passed, by the colour they saw as they crossed. */
export function passes(console: readonly { text: string }[]): { green: number; red: number } {
  let green = 0;
  let red = 0;
  for (const l of console) {
    const m = PASSED.exec(l.text);
    if (m?.[1] === 'green') green++;
    else if (m) red++;
  }
  return { green, red };
}

export const event: Scenario<Objs, Params> = {
  id: 'event',
  topic: 'locks',
  title: { en: 'Event: a traffic light', zh: 'Event：红绿灯' },
  summary: {
    en: 'A light process set()s the Event for green and clear()s it for red; cars wait() at the line and pass when it is set. A wait(timeout=1) that returns False is a car still waiting at red.',
    zh: '红绿灯进程用 set() 把 Event 变成绿灯，用 clear() 变回红灯；车辆在停车线前 wait()，灯一绿就通过。wait(timeout=1) 返回 False，就是还在等红灯的车。',
  },
  params: [{ name: 'cars', default: 5, min: 1, max: 20, label: { en: 'Cars', zh: '车辆数' } }],
  options: [],
  defaultMode: 'clock',
  maxProcesses: (p) => p.cars + 2,
  python: SOURCE,
  setup,
  main: 'main',
  programs: {
    main: (p) => {
      const light = p.Process({ target: 'trafficLight', daemon: true });
      p.at(LINE.light);
      light.start();
      const cars = Array.from({ length: p.params.cars }, (_, k) => p.Process({ target: 'car', args: [k + 1] }));
      startEach(p, cars, LINE.start);
      joinEach(p, cars, LINE.join);
      p.at(LINE.done).print('every car has passed');
    },
    trafficLight: (p) => {
      const { light } = p.objs;
      for (;;) {
        p.at(LINE.redFor).sleep(2);
        p.at(LINE.set);
        light.set();
        p.at(LINE.green).print('light: green');
        p.at(LINE.greenFor).sleep(2);
        p.at(LINE.clear);
        light.clear();
        p.at(LINE.red).print('light: red');
      }
    },
    car: (p) => {
      const { light } = p.objs;
      const i = p.args[0] as number;
      p.at(LINE.drive).sleep(p.uniform(0, 5));
      p.at(LINE.arrives).print(`car ${i} arrives`);
      for (;;) {
        p.at(LINE.wait);
        if (light.wait(1)) break;
        p.at(LINE.still).print(`car ${i}: still red after a second`);
      }
      const colour = light.is_set() ? 'green' : 'red';
      p.at(LINE.passes).print(`car ${i} passes on ${colour}`);
    },
  },
  judge(result, params): Judgement {
    const { green, red } = passes(result.console);
    const figures: Figure[] = [
      { key: 'Passed on green', label: { en: 'Passed on green', zh: '绿灯通过' }, value: green },
      { key: 'Passed on red', label: { en: 'Passed on red', zh: '红灯通过' }, value: red },
    ];
    const say = sayWith(figures);
    const waits = result.console.filter((l) => l.text.endsWith('still red after a second')).length;
    if (red > 0)
      return say(
        'violated',
        `${counted(red, 'car')} passed on red: the light turned red between the car's wait() returning and the car crossing.`,
        `有 ${red} 辆车闯了红灯：在 wait() 返回和车辆通过之间，灯变红了。`,
      );
    if (result.status === 'deadlock') return say('deadlock', 'Nobody can move: the cars wait for a green that never comes.', '没有进程能继续：车辆在等一个永远不会来的绿灯。');
    if (result.status === 'running') return say('running', `Running: ${green} of ${counted(params.cars, 'car')} passed on green so far.`, `运行中：${params.cars} 辆车中已有 ${green} 辆在绿灯时通过。`);
    return say(
      'ok',
      `All ${counted(green, 'car')} passed on green; ${counted(waits, 'wait(timeout=1) call')} returned False while the light was red.`,
      `全部 ${green} 辆车都在绿灯时通过；红灯期间有 ${waits} 次 wait(timeout=1) 返回了 False。`,
    );
  },
};
