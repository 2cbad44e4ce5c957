/** 읽는 사람의 역할(cards/roleText.ts). 역할 이름은 common 영역(common.role.*)에 있습니다. */
import type { roles as english } from '../en/roles';
import type { Translation } from '../types';

export const roles: Translation<typeof english> = {
  'roles.yourRoles': '내 역할: {roles}',
  'roles.noRole': '파트너 센터 역할이 없습니다',
};
