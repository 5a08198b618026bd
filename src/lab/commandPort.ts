/**
 * The page's side of a scenario's commands (`Scenario.commands`): post a
 * command to a process, and know which object it waits on for the next one.
 * The controller hands its port to the scenario's panel.
 */
import { Mailbox } from '../core/mailbox';
import type { Memory } from '../core/layout';

export interface CommandPort<C> {
  /** Hand `command` to process number `to` through its mailbox (never blocks); false when there is no run, the mailbox is full or the command too long. */
  post(to: number, command: C): boolean;
  /** The object id of process `to`'s mailbox (-1 when none): a lane blocked on it is waiting for the learner, not busy. */
  inbox(to: number): number;
}

/** A port onto the mailboxes of the run that `current()` returns (the run changes on every Reset; the port does not). */
export function commandPort<C>(current: () => { mem: Memory; inboxes: readonly Mailbox[] } | null, onPost: () => void): CommandPort<C> {
  return {
    post(to, command) {
      const run = current();
      const box = run?.inboxes[to];
      if (!run || !box) return false;
      onPost();
      return Mailbox.post(run.mem, box.info, command);
    },
    inbox: (to) => current()?.inboxes[to]?.id ?? -1,
  };
}
