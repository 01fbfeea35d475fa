import type { TFunction } from 'i18next';
import type { PollRule } from '#protocol/voting.ts';

/** The pass rule as a person says it: "Quá 1/2 tổng số đại biểu", "Ít nhất 2/3 số đại biểu có mặt". */
export function ruleText(t: TFunction, rule: PollRule): string {
  return t(`voting.ruleText.${rule.comparison}`, { fraction: `${rule.numerator}/${rule.denominator}`, base: t(`voting.base.${rule.base}`) });
}

/** A percentage the way the reader writes numbers: 66,67% in Vietnamese, 66.67% in English. */
export function formatPercent(percent: number, language: string): string {
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(percent)}%`;
}
