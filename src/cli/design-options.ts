import type { Command } from 'commander';
import { intervalMethodNames } from '../analysis/intervals/interval-methods.js';
import { flagNames, type OptionNames } from '../operations/option-names.js';

/** The survey design options that `canvass results` and `canvass benchmark` share. */
export const designOptionKeys = ['weights', 'strata', 'fpc', 'unit', 'interval'] as const;

export type DesignOptionValues = Partial<Record<(typeof designOptionKeys)[number], string>>;

export function addDesignOptions(command: Command): Command {
  return command
    .option('--weights <field>', 'weight each respondent by a number question or org.ATTRIBUTE')
    .option('--strata <field>', 'strata: a single-choice question, org.ATTRIBUTE, or none (default: org.id when there are several organisations)')
    .option('--fpc <field>', 'finite population correction: population per stratum from a number question or org.headcount, or none (default: org.headcount when every organisation has one)')
    .option('--unit <unit>', 'respondents (each respondent counts once) or organisations (each organisation counts once)', 'respondents')
    .option('--interval <method>', `95% interval method: ${intervalMethodNames.join(', ')}`, 'wilson');
}

/** The given design options, without those left out; messages about them name the flags. */
export function designOptionsOf(options: DesignOptionValues): DesignOptionValues & { optionNames: OptionNames } {
  const chosen: DesignOptionValues & { optionNames: OptionNames } = { optionNames: flagNames };
  for (const key of designOptionKeys) if (options[key] !== undefined) chosen[key] = options[key];
  return chosen;
}
