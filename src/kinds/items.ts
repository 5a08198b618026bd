/**
 * Items in flight through a ring (a Queue, one direction of a Pipe), as the
 * view folds them: shared by the queue and pipe kinds.
 */

export interface ItemFold {
  serial: number;
  json: string;
  /** Who put (sent) it. */
  by: number;
}

export interface TakenItem extends ItemFold {
  takenBy: number;
}

/** How many taken items a ring remembers for the view. */
export const TAKEN_KEPT = 6;

/** A put/send: the item joins the end. */
export function pushItem(items: ItemFold[], pid: number, serial: number, json: string): void {
  items.push({ serial, json, by: pid });
}

/** A get/recv of item `serial` (normally the first); remembered in `taken` (newest last). */
export function takeItem(items: ItemFold[], taken: TakenItem[], pid: number, serial: number): void {
  let item: ItemFold | undefined;
  if (items.length > 0 && items[0]!.serial === serial) item = items.shift();
  else {
    const i = items.findIndex((it) => it.serial === serial);
    if (i >= 0) item = items.splice(i, 1)[0];
  }
  if (!item) return;
  // A literal, not a spread: this runs for every get the view folds (a spread measured ~13% of a queue run's drain).
  taken.push({ serial: item.serial, json: item.json, by: item.by, takenBy: pid });
  if (taken.length > TAKEN_KEPT) taken.shift();
}

/** `None` for Python's null, the JSON text otherwise. */
export function itemText(json: string): string {
  return json === 'null' ? 'None' : json;
}
