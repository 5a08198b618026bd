/**
 * pipe — `Pipe(duplex=DUPLEX)` between main (the receiver) and one child
 * (the sender). The sender sends `messages` messages with random delays and
 * closes its end; main loops on `recv()` until it raises EOFError, and prints
 * that. With `duplex=on` main answers each message with an ack on the same
 * connection; the sender picks acks up with `poll()` (never blocking) while
 * it sends, and waits for the rest with `recv()` before closing. With
 * `duplex=off` the pipe is one-way (`Pipe(duplex=False)` gives a receive-only
 * end and a send-only end) and nothing comes back.
 *
 * In Python the parent must close its own copy of the child's end, or the
 * receiver never sees EOF; the source shows that line, but the model has no
 * per-process handle count (a close anywhere closes the end for everyone), so
 * that one line is not simulated.
 */
import { agree, counted } from '../../i18n/plural';
import { Console } from '../../core/data';
import { Pipe } from '../../core/queue';
import type { World } from '../../core/world';
import { itemBalance } from '../result';
import type { Judgement, Scenario } from '../types';
import { isPy, memoLines, onOff, pyBool, queueJudging } from '../common';

interface Params {
  messages: number;
  duplex: 'on' | 'off';
  [k: string]: number | string;
}

function setup(world: World, params: Params) {
  const [parentConn, childConn] = Pipe(world, params.duplex === 'on', 'pipe');
  return { console: new Console(world, 256, 16 * 1024), parentConn, childConn };
}
type Objs = ReturnType<typeof setup>;

const SOURCE = (p: Params) => `from multiprocessing import Pipe, Process
import random
import time

MESSAGES = ${p.messages}
DUPLEX = ${pyBool(p.duplex === 'on')}

def sender(conn):
    acks = 0
    for i in range(MESSAGES):
        time.sleep(random.uniform(0.1, 0.3))  # preparing the message
        conn.send(f'message {i}')
        print(f'sender: sent message {i}')
        while DUPLEX and conn.poll():  # an ack is waiting: read it without blocking
            print('sender: got', conn.recv())  # does not block
            acks += 1
    while DUPLEX and acks < MESSAGES:  # wait for the remaining acks
        print('sender: got', conn.recv())  # blocks until an ack comes
        acks += 1
    conn.close()  # no more messages: the receiver's recv() will raise EOFError
    print('sender: closed its end')

if __name__ == '__main__':
    parent_conn, child_conn = Pipe(duplex=DUPLEX)
    proc = Process(target=sender, args=(child_conn,), name='sender')
    proc.start()
    child_conn.close()  # the parent keeps only its own end
    while True:
        try:
            msg = parent_conn.recv()
        except EOFError:
            print('main: EOFError, the sender closed the pipe')
            break
        print('main: received', msg)
        if DUPLEX:
            parent_conn.send(f'ack {msg}')
    proc.join()
    print('main: done')
`;

const lines = memoLines(SOURCE, () => '', () => ({
  prepare: 'time.sleep(random.uniform(0.1, 0.3))',
  send: "conn.send(f'message {i}')",
  sent: "print(f'sender: sent message {i}')",
  poll: 'while DUPLEX and conn.poll():',
  gotPolled: '# does not block',
  gotWaited: '# blocks until an ack comes',
  close: 'conn.close()  # no more messages',
  closed: "print('sender: closed its end')",
  start: 'proc.start()',
  recv: 'msg = parent_conn.recv()',
  eof: "print('main: EOFError",
  received: "print('main: received', msg)",
  ack: "parent_conn.send(f'ack {msg}')",
  join: 'proc.join()',
  done: "print('main: done')",
}));

export const pipe: Scenario<Objs, Params> = {
  id: 'pipe',
  title: { en: 'Pipe: send, recv, poll and EOFError', zh: 'Pipe：send、recv、poll 与 EOFError' },
  summary: {
    en: 'A child sends messages through a Pipe and then closes its end; the parent receives in a loop until recv() raises EOFError. With duplex on, the parent answers each message and the sender picks the answers up with poll() and recv().',
    zh: '子进程通过 Pipe 发送消息，然后关闭自己的一端；父进程循环接收，直到 recv() 抛出 EOFError。打开双工（duplex），父进程会回复每条消息，发送方用 poll() 和 recv() 取回这些回复。',
  },
  topic: 'queues',
  hook: {
    en: 'Two ends, one pipe: send until the other side hangs up with EOFError.',
    zh: '一根管道两个端口：一直发送，直到对方挂断、抛出 EOFError。',
  },
  challenges: [
    {
      id: 'all-delivered',
      goal: { en: 'Deliver ten messages both ways, each exactly once.', zh: '双向传递十条消息，每条恰好一次。' },
      met: (r) => r.verdict === 'ok' && r.params.duplex === 'on' && Number(r.params.messages) >= 10,
    },
  ],
  params: [{ name: 'messages', default: 5, min: 1, max: 20, label: { en: 'Messages', zh: '消息数' } }],
  options: [{ name: 'duplex', values: ['on', 'off'], default: 'on', label: { en: 'Duplex (two-way)', zh: '双工（双向）' }, valueLabels: onOff }],
  defaultMode: 'step',
  pace: 1.5, // 62 ops in step mode: Run at 1× lasts about 14 s
  maxProcesses: () => 2,
  python: SOURCE,
  setup,
  main: 'main',
  programs: {
    main: (p) => {
      const L = lines(p.params);
      const conn = p.objs.parentConn;
      const duplex = p.params.duplex === 'on';
      const proc = p.Process({ target: 'sender', name: 'sender' });
      p.at(L.start);
      proc.start();
      // child_conn.close() in the parent: not simulated (see the module comment).
      for (;;) {
        let msg: unknown;
        try {
          p.at(L.recv);
          msg = conn.recv();
        } catch (e) {
          if (!isPy(e, 'EOFError')) throw e;
          p.at(L.eof).print('main: EOFError, the sender closed the pipe');
          break;
        }
        p.at(L.received).print('main: received', msg);
        if (duplex) {
          p.at(L.ack);
          conn.send(`ack ${String(msg)}`);
        }
      }
      p.at(L.join);
      proc.join();
      p.at(L.done).print('main: done');
    },
    sender: (p) => {
      const L = lines(p.params);
      const conn = p.objs.childConn;
      const duplex = p.params.duplex === 'on';
      let acks = 0;
      for (let i = 0; i < p.params.messages; i++) {
        p.at(L.prepare).sleep(p.uniform(0.1, 0.3));
        p.at(L.send);
        conn.send(`message ${i}`);
        p.at(L.sent).print(`sender: sent message ${i}`);
        while (duplex) {
          p.at(L.poll);
          if (!conn.poll()) break;
          p.at(L.gotPolled);
          const ack = conn.recv();
          p.print('sender: got', ack);
          acks++;
        }
      }
      while (duplex && acks < p.params.messages) {
        p.at(L.gotWaited);
        const ack = conn.recv();
        p.print('sender: got', ack);
        acks++;
      }
      p.at(L.close);
      conn.close();
      p.at(L.closed).print('sender: closed its end');
    },
  },
  judge(result, params): Judgement {
    const { b, say, deadlock } = queueJudging(result, itemBalance(result), true);
    if (result.status === 'deadlock') return deadlock({ en: 'Both ends wait for a message that nobody will send.', zh: '两端都在等一条没人会发的消息。' });
    if (result.status === 'running') return say('running', `Running: ${counted(b.produced, 'message')} sent, ${b.consumed} received so far.`, `运行中：已发送 ${b.produced} 条消息，已接收 ${b.consumed} 条。`);
    if (b.lost > 0 || b.duplicated > 0) return say('violated', `${counted(b.lost, 'message')} ${agree(b.lost, 'was', 'were')} never received and ${b.duplicated} ${agree(b.duplicated, 'was', 'were')} received twice.`, `有 ${b.lost} 条消息没被接收，${b.duplicated} 条被接收了两次。`);
    const sawEof = result.console.some((l) => l.pid === 0 && l.text.startsWith('main: EOFError'));
    const acks = params.duplex === 'on' ? ` (and ${params.messages} acks came back)` : '';
    const acksZh = params.duplex === 'on' ? `（另有 ${params.messages} 条回复传回）` : '';
    return say(
      'ok',
      `All ${counted(params.messages, 'message')} arrived exactly once${acks}; ${sawEof ? 'after the sender closed its end, recv() raised EOFError and the loop ended' : 'the receiver stopped'}.`,
      `${params.messages} 条消息都恰好到达一次${acksZh}；${sawEof ? '发送方关闭它那一端后，recv() 抛出 EOFError，循环结束' : '接收方停止了'}。`,
    );
  },
};
