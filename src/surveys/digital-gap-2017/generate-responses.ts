import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { Answers } from '../../definition/schema.js';

/**
 * The published 2017 counts (../shared/reference/digital-gap-2017.md), completed with
 * plausible counts for what the article does not give. Order: from the most to the least
 * "digitally mature" answer, so the latent score below correlates answers as a real survey's are.
 */
export const targetCounts = {
  role: { 'senior-leader': 38, 'head-of-service': 71, 'digital-it': 64, operations: 48, other: 14 },
  approach: { 'fully-embracing': 31, 'major-barriers': 106, 'missing-opportunities': 89, 'dont-know': 9 },
  strategy: { yes: 143, no: 80, 'dont-know': 12 },
  strategy_stage: { 'largely-complete': 14, 'under-way': 52, 'just-started': 73, 'dont-know': 4 },
  barriers: { culture: 136, 'legacy-data': 132, skills: 129, cost: 125, 'data-privacy': 94, leadership: 47, procurement: 61, other: 12 },
  automation_status: { implemented: 80, strategy: 42, 'weighing-up': 26, 'not-considered': 72, 'dont-know': 15 },
  gap_confidence: { 'very-confident': 22, 'fairly-confident': 63, neutral: 78, 'not-very-confident': 57, 'not-at-all-confident': 5, 'dont-know': 10 },
  gap_barriers: { 'skills-gap': 45, 'cultural-resilience': 40, 'lack-of-budget': 39, 'other-priorities': 37, 'lack-of-guidance': 25, other: 6 },
  strategy_achievable: { 'strongly-agree': 17, agree: 72, neither: 82, disagree: 31, 'strongly-disagree': 9, 'dont-know': 24 },
  automation_uses: { 'customer-services': 143, 'back-office': 129, 'data-analysis': 78 },
} as const;

/** Respondents per organisation: 140 organisations with one, 30 with two, 5 with three, 5 with four. */
export const respondentsPerOrganisation = [...Array(5).fill(4), ...Array(5).fill(3), ...Array(30).fill(2), ...Array(140).fill(1)] as number[];

const comments = [
  'Our biggest challenge is joining up systems that were never designed to talk to each other.',
  'We need more support from central government to share platforms rather than each council buying its own.',
  'Staff are keen but we do not have the capacity to redesign services while running them.',
  'Digital by default must not leave behind residents who cannot or will not go online.',
  'Procurement frameworks make it hard to work with small suppliers.',
  'Leadership understands the need but budgets are committed years ahead.',
  'We have made good progress with online forms; the back office is where the real work remains.',
  'Data sharing between partners is still held back by uncertainty about what is allowed.',
];

export interface GeneratedResponse {
  id: string;
  org: string;
  answers: Answers;
  submittedAt: string;
}

type Random = () => number;

/**
 * Generates the 235 synthetic responses, deterministically from `seed`, so that every published
 * figure comes out exactly: categories are dealt in order of a latent "digital maturity" score
 * plus noise (so answers correlate: those missing opportunities cite more barriers, those with
 * automation implemented are more often confident), and each multi-select option goes to
 * exactly its count of respondents by weighted sampling without replacement.
 */
export function generateResponses(orgIds: readonly string[], seed = 2017): GeneratedResponse[] {
  if (orgIds.length !== respondentsPerOrganisation.length) {
    throw new Error(`the built-in survey needs ${respondentsPerOrganisation.length} organisations, got ${orgIds.length}`);
  }
  const rng = xoroshiro128plus(seed);
  const random: Random = () => uniformFloat64(rng);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

  const orgOrder = shuffle([...orgIds], random);
  const orgEffect = new Map(orgOrder.map((id) => [id, normal()]));
  const people = shuffle(
    orgOrder.flatMap((id, i) => Array<string>(respondentsPerOrganisation[i]!).fill(id)),
    random,
  );
  const maturity = people.map((org) => 0.6 * orgEffect.get(org)! + 0.8 * normal());
  const everyone = people.map((_, i) => i);
  const answers: Answers[] = people.map(() => ({}));
  const set = (question: string) => (i: number, value: Answers[string]) => {
    answers[i]![question] = value;
  };

  dealOrdered(everyone, () => random(), targetCounts.role, random, set('role'));
  dealOrdered(everyone, (i) => maturity[i]! + 0.5 * normal(), targetCounts.approach, random, set('approach'));
  dealOrdered(everyone, (i) => maturity[i]! + 0.7 * normal(), targetCounts.strategy, random, set('strategy'));
  const withStrategy = everyone.filter((i) => answers[i]!.strategy === 'yes');
  dealOrdered(withStrategy, (i) => maturity[i]! + 0.8 * normal(), targetCounts.strategy_stage, random, set('strategy_stage'));

  // The most mature few see no barriers at all; everyone else's barriers are drawn by need.
  const noBarriers = new Set([...everyone].sort((a, b) => maturity[b]! - maturity[a]!).slice(0, 4));
  const barrierPool = everyone.filter((i) => !noBarriers.has(i));
  const barriers = dealMulti(barrierPool, (i) => Math.exp(-0.8 * maturity[i]!), targetCounts.barriers, random, false);
  for (const i of everyone) answers[i]!.barriers = barriers.get(i)?.length ? barriers.get(i)! : ['none'];

  dealOrdered(everyone, (i) => maturity[i]! + 0.6 * normal(), targetCounts.automation_status, random, set('automation_status'));
  const automationLift = (i: number) => (answers[i]!.automation_status === 'implemented' ? 0.8 : 0);
  dealOrdered(everyone, (i) => maturity[i]! + automationLift(i) + 0.7 * normal(), targetCounts.gap_confidence, random, set('gap_confidence'));
  const notConfident = everyone.filter((i) => answers[i]!.gap_confidence === 'not-very-confident' || answers[i]!.gap_confidence === 'not-at-all-confident');
  const gapBarriers = dealMulti(notConfident, (i) => Math.exp(-0.5 * maturity[i]!), targetCounts.gap_barriers, random, true);
  for (const i of notConfident) answers[i]!.gap_barriers = gapBarriers.get(i)!;
  dealOrdered(everyone, (i) => maturity[i]! + 0.9 * normal(), targetCounts.strategy_achievable, random, set('strategy_achievable'));

  // Automation next year: a few say none or don't know; the rest choose among the three uses.
  const byAutomation = [...everyone].sort((a, b) => automationRank(answers[a]!) - automationRank(answers[b]!) || maturity[a]! - maturity[b]!);
  const usesNone = byAutomation.filter((i) => answers[i]!.automation_status === 'not-considered').slice(0, 8);
  const usesDontKnow = byAutomation.filter((i) => answers[i]!.automation_status === 'dont-know').slice(0, 6);
  const usesPool = everyone.filter((i) => !usesNone.includes(i) && !usesDontKnow.includes(i));
  const uses = dealMulti(usesPool, (i) => Math.exp(0.35 * automationRank(answers[i]!) + 0.3 * maturity[i]!), targetCounts.automation_uses, random, true);
  for (const i of usesNone) answers[i]!.automation_uses = ['none'];
  for (const i of usesDontKnow) answers[i]!.automation_uses = ['dont-know'];
  for (const i of usesPool) answers[i]!.automation_uses = uses.get(i)!;

  const commenters = shuffle([...everyone], random).slice(0, comments.length);
  commenters.forEach((i, k) => (answers[i]!.comments = comments[k]!));

  const start = Date.UTC(2017, 0, 9, 8);
  const span = Date.UTC(2017, 1, 24, 18) - start;
  const times = everyone.map(() => start + Math.floor(random() * span)).sort((a, b) => a - b);
  return everyone.map((i) => ({
    id: `digital-gap-2017-${String(i + 1).padStart(4, '0')}`,
    org: people[i]!,
    answers: answers[i]!,
    submittedAt: new Date(times[i]!).toISOString(),
  }));
}

function automationRank(answers: Answers): number {
  return { implemented: 4, strategy: 3, 'weighing-up': 2, 'not-considered': 0, 'dont-know': 1 }[answers.automation_status as string] ?? 0;
}

function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * Deals exact counts of categories to `pool`: "dont-know" to random members, the rest in order
 * of score, highest score getting the first category.
 */
function dealOrdered(pool: readonly number[], score: (i: number) => number, counts: Readonly<Record<string, number>>, random: Random, assign: (i: number, code: string) => void): void {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total !== pool.length) throw new Error(`counts add up to ${total} but there are ${pool.length} respondents`);
  const remaining = shuffle([...pool], random);
  const dontKnow = counts['dont-know'] ?? 0;
  remaining.splice(0, dontKnow).forEach((i) => assign(i, 'dont-know'));
  const scores = new Map(remaining.map((i) => [i, score(i)]));
  remaining.sort((a, b) => scores.get(b)! - scores.get(a)!);
  let at = 0;
  for (const [code, count] of Object.entries(counts)) {
    if (code === 'dont-know') continue;
    remaining.slice(at, at + count).forEach((i) => assign(i, code));
    at += count;
  }
}

/**
 * Gives each option to exactly its count of respondents, drawn without replacement with
 * probability proportional to `weight` (Efraimidis–Spirakis keys u^(1/w)). With `atLeastOne`,
 * anyone left with nothing takes an option from someone who has several, keeping every count.
 */
function dealMulti(pool: readonly number[], weight: (i: number) => number, counts: Readonly<Record<string, number>>, random: Random, atLeastOne: boolean): Map<number, string[]> {
  const chosen = new Map<number, string[]>(pool.map((i) => [i, []]));
  const weights = new Map(pool.map((i) => [i, weight(i)]));
  for (const [code, count] of Object.entries(counts)) {
    const keyed = pool.map((i) => ({ i, key: Math.log(1 - random()) / weights.get(i)! }));
    keyed.sort((a, b) => b.key - a.key);
    keyed.slice(0, count).forEach(({ i }) => chosen.get(i)!.push(code));
  }
  if (atLeastOne) {
    for (const i of pool) {
      if (chosen.get(i)!.length > 0) continue;
      const donor = pool.filter((d) => chosen.get(d)!.length > 1).sort((a, b) => chosen.get(b)!.length - chosen.get(a)!.length || a - b)[0];
      if (donor === undefined) throw new Error('not enough choices to give everyone at least one');
      const code = chosen.get(donor)!.pop()!;
      chosen.get(i)!.push(code);
    }
  }
  const order = Object.keys(counts);
  for (const list of chosen.values()) list.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return chosen;
}
