import type { TFunction } from 'i18next';
import { passwordPolicy } from '@uplift/contract';
import type { IssueLike } from '../../app/schema-rule.ts';
import type { Language } from '../../i18n/i18n.ts';

/**
 * Words a password-policy problem: the contract's message in Chinese, ours in English (the
 * contract words its rules in Chinese only).
 */
export function passwordIssueText(lang: Language, t: TFunction): (issue: IssueLike) => string {
  return (issue) => {
    if (lang === 'zh-CN') return issue.message;
    switch (issue.code) {
      case 'too_small':
        return t('account.tooShort', { min: passwordPolicy.minLength });
      case 'too_big':
        return t('account.tooLong', { max: passwordPolicy.maxLength });
      case 'custom':
        return t('account.lettersAndDigits');
      default:
        return issue.message;
    }
  };
}
