/** 한국어 카탈로그: 영역별 파일을 모읍니다. 영어(en/index.ts)와 같은 영역이 있어야 하며, 빠진 영역이나 키는 컴파일 오류입니다. */
import type { Messages, TranslatedAreas } from '../en';
import { common } from './common';
import { help } from './help';

export const KO_AREAS: TranslatedAreas = Object.freeze({ common, help });

export const ko: Messages = Object.freeze({ ...common, ...help });
