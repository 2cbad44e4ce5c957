/** Products by name (cards/productNames.ts): what a card says when a product has neither a name nor a part number. */
import type { AreaMessages } from '../types';

export const productNames = {
  'productNames.unknown': 'Unknown product',
} as const satisfies AreaMessages<'productNames'>;
