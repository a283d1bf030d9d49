/**
 * How the caller of an operation names its options in error messages: the API and the web by
 * their request parameters (`compareWave`), the command line by its flags (`--compare-wave`).
 * Options are identified by their key in the query object, which is the parameter's name.
 */
export type OptionNames = (option: string) => string;

/** The default: the query's own keys, which are the API's request parameters. */
export const parameterNames: OptionNames = (option) => option;

/** The command line's flags: `compareWave` is `--compare-wave`. */
export const flagNames: OptionNames = (option) => `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
