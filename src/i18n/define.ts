/** A dictionary is a pair of records with identical keys (checked by the type system). */
export interface Dictionary<K extends string> {
  en: Record<K, string>;
  zh: Record<K, string>;
}

export function defineStrings<K extends string>(d: Dictionary<K>): Dictionary<K> {
  return d;
}
