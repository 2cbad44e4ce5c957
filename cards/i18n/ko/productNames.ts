/** 제품 이름(cards/productNames.ts): 이름도 부품 번호도 없는 제품을 카드에서 부르는 말. */
import type { productNames as english } from '../en/productNames';
import type { Translation } from '../types';

export const productNames: Translation<typeof english> = {
  'productNames.unknown': '알 수 없는 제품',
};
