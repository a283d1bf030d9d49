/** z for a two-sided 95% interval: qnorm(0.975) in R. */
export const z95 = 1.959963984540054;
