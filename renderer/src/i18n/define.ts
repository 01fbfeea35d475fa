/** The shape of a Vietnamese string table with every leaf a string: what its English twin must match. */
export type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };

/**
 * One domain's strings, Vietnamese (the default) beside English, so the two
 * are edited together; the type makes a missing English key a compile error.
 */
export function defineStrings<const T>(vi: T, en: Translation<T>): { vi: T; en: Translation<T> } {
  return { vi, en };
}
