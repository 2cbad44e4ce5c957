/**
 * The shapes of the message catalogs. English is the source: each English area file is an object of ICU messages
 * whose keys start with the area's name; every other language translates an area as `Translation<typeof area>`,
 * so a key it lacks or adds is a compile error.
 */

/** One language's translation of an area: exactly the English area's keys, each an ICU message. */
export type Translation<Area> = { readonly [Key in keyof Area]: string };

/** An area of the English catalog: ICU messages under keys that start with `<area>.`. */
export type AreaMessages<Name extends string> = Readonly<Record<`${Name}.${string}`, string>>;
