/**
 * The English catalog, the source every other language translates: one file per area, assembled here. A new area
 * is a new file (keys prefixed with its name) added to EN_AREAS — and to every other language's index.
 */
import { common } from './common';
import { help } from './help';

export const EN_AREAS = Object.freeze({ common, help });

export const en = Object.freeze({ ...common, ...help });

/** Every message key the bot has. */
export type MessageKey = keyof typeof en;

/** A complete catalog: every key, each an ICU message. */
export type Messages = { readonly [Key in MessageKey]: string };

/** The areas of a complete translation, the same as English's. */
export type TranslatedAreas = { readonly [Area in keyof typeof EN_AREAS]: { readonly [Key in keyof (typeof EN_AREAS)[Area]]: string } };
