import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surveyReport } from '../src/operations/survey-report.js';
import { chartValues } from '../src/reporting/charts/chart-values.js';
import type { SurveyReport } from '../src/reporting/report-model.js';
import { runCapture } from './support/cli-capture.js';
import { published } from './support/published-figures.js';
import { tempStore } from './support/temp-store.js';
import { textOf } from './support/html-text.js';

const canPrint = existsSync('/usr/bin/chromium') && existsSync('/usr/bin/pdftotext');

describe('canvass report digital-gap-2017', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  let dir: string;
  let report: SurveyReport;
  let html: string;
  let pdfText = '';

  beforeAll(async () => {
    temp = await tempStore();
    dir = mkdtempSync(join(tmpdir(), 'canvass-report-'));
    expect((await runCapture(['seed', 'digital-gap-2017', '--db', temp.url])).code).toBe(0);
    const args = ['report', 'digital-gap-2017', '--out', join(dir, 'report.html'), '--db', temp.url, ...(canPrint ? ['--pdf', join(dir, 'report.pdf')] : [])];
    const run = await runCapture(args);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    html = readFileSync(join(dir, 'report.html'), 'utf8');
    report = await surveyReport(temp.store, 'digital-gap-2017');
    if (canPrint) pdfText = execFileSync('/usr/bin/pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  }, 120_000);

  afterAll(async () => {
    await temp?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens with the title, fieldwork dates, respondents and organisations, and says the data is reconstructed', () => {
    const text = textOf(html);
    expect(text).toContain('Closing the Digital Gap: Digital Transformation in Central and Local Government 2017');
    expect(text).toMatch(/Fieldwork 9 January 2017 to 24 February 2017/);
    expect(text).toMatch(/Respondents 235 Organisations 180/);
    expect(text).toMatch(/Reconstructed from the published figures; not the original responses/);
  });

  it.each(published)('states "$figure" ($question $code, $percent% of $base) as a finding sentence with its base', ({ question, code, base, percent }) => {
    const section = report.sections.find((s) => s.id === question)!;
    const finding = section.findings.find((f) => f.code === code);
    expect(finding, `no finding for ${question} ${code}`).toBeDefined();
    expect(finding!.percent).toBe(percent);
    expect(finding!.base).toBe(base);
    expect(finding!.sentence).toContain(`${percent}%`);
    expect(finding!.sentence).toMatch(new RegExp(`\\(base: [^)]*\\b${base}\\b`));
    // The sentence is on the page, in its question's section, and in the PDF's text.
    const sectionHtml = html.slice(html.indexOf(`id="question-${question}"`), html.indexOf('</section>', html.indexOf(`id="question-${question}"`)));
    expect(textOf(sectionHtml)).toContain(finding!.sentence);
    if (canPrint) expect(pdfText).toContain(finding!.sentence.replace(/\s+/g, ' '));
  });

  it('leads with one key finding per question, the headline the definition names first', () => {
    expect(report.keyFindings.map((f) => f.questionId)).toEqual(['role', 'approach', 'strategy', 'strategy_stage', 'barriers', 'gap_confidence', 'gap_barriers', 'strategy_achievable', 'automation_status', 'automation_uses']);
    expect(report.keyFindings[1]!.sentence).toBe('38% of respondents believe their organisation is missing out on key opportunities to embrace digital (base: all 235 respondents).');
    const keyList = html.slice(html.indexOf('id="key-findings"'), html.indexOf('id="questions"'));
    for (const finding of report.keyFindings) expect(textOf(keyList)).toContain(finding.sentence);
  });

  it('describes a base narrower than everyone by who was asked', () => {
    expect(report.sections.find((s) => s.id === 'strategy_stage')!.baseText).toBe('the 143 respondents asked: those who answered “Yes” to “Does your organisation have a formal digital transformation strategy?”');
  });

  it('gives the same figures in a table under each chart, with 95% intervals', () => {
    const approach = report.sections.find((s) => s.id === 'approach')!;
    expect(approach.table!.rows.map((r) => [r[0]!.text, r[1]!.text])).toEqual([
      ['We are fully embracing all opportunities to deliver services digitally', '13%'],
      ['We are embracing digital as much as we can, but major barriers prevent further progress', '45%'],
      ['We are missing out on key opportunities to embrace digital', '38%'],
      ["Don't know", '4%'],
    ]);
    expect(approach.table!.rows[2]![2]!.text).toMatch(/^\d+% to \d+%$/);
  });

  it('draws each choice question as an SVG chart (no script) whose numbers are its table\'s', () => {
    const charted = report.sections.filter((s) => s.chart);
    expect(charted.map((s) => s.id)).toEqual(['role', 'approach', 'strategy', 'strategy_stage', 'barriers', 'gap_confidence', 'gap_barriers', 'strategy_achievable', 'automation_status', 'automation_uses']);
    for (const section of charted) {
      const svg = section.chart!.svg!;
      expect(html.includes(svg), section.id).toBe(true);
      const fromChart = chartValues(svg).map((v) => [v.label, `${v.value}%`, `${v.low}% to ${v.high}%`]);
      const fromTable = section.table!.rows.map((row) => [row[0]!.text, row[1]!.text, row[2]!.text]);
      expect(fromChart, section.id).toEqual(fromTable);
    }
    expect(html).not.toMatch(/<script(?![^>]*type="module")[^>]*src=/);
  });

  it('keeps written answers out and says why the comments have no figure', () => {
    const comments = report.sections.find((s) => s.id === 'comments')!;
    expect(comments.table).toBeNull();
    expect(comments.findings[0]!.sentence).toMatch(/not shown: fewer than 10 respondents answered/);
  });

  it('explains the method: bases, interval method, weighting, unit, suppression threshold and the reconstruction', () => {
    const keys = report.methodology.map((m) => m.key);
    expect(keys).toEqual(expect.arrayContaining(['Bases', 'Unit of analysis', 'Weighting and design', 'Intervals', 'Disclosure control', 'About the data']));
    const text = textOf(html.slice(html.indexOf('id="methodology"')));
    expect(text).toMatch(/Wilson score interval on the design effective sample size/);
    expect(text).toMatch(/unweighted base is at least 10/);
    expect(text).toMatch(/Reconstructed from the published figures/);
  });

  it.runIf(canPrint)('prints a PDF whose text holds the key findings', () => {
    for (const finding of report.keyFindings) expect(pdfText).toContain(finding.sentence);
  });
});

describe('canvass report --all-orgs', () => {
  it('writes a benchmark report for every organisation with responses, an index, and the shared stylesheet', async () => {
    const temp = await tempStore();
    const dir = mkdtempSync(join(tmpdir(), 'canvass-report-'));
    try {
      expect((await runCapture(['seed', 'digital-gap-2017', '--db', temp.url])).code).toBe(0);
      const run = await runCapture(['report', 'digital-gap-2017', '--all-orgs', '--out', join(dir, 'orgs'), '--db', temp.url]);
      expect(run.err).toBe('');
      expect(run.code).toBe(0);
      expect(run.out).toMatch(/^Wrote 180 benchmark reports to /);
      const index = JSON.parse(readFileSync(join(dir, 'orgs', 'index.json'), 'utf8')) as { reports: Array<{ organisation: string; file: string }> };
      expect(index.reports).toHaveLength(180);
      const kent = readFileSync(join(dir, 'orgs', 'kent-county-council.html'), 'utf8');
      expect(kent).toContain('href="assets/report.css"');
      expect(textOf(kent)).toMatch(/Kent County Council: benchmark report/);
      expect(textOf(kent)).toMatch(/Peer group County council: \d+ organisations, \d+ respondents/);
      // Kent has fewer than 10 respondents: its own figures are suppressed, its peers' and the sector's are not.
      expect(textOf(kent)).toMatch(/Kent County Council has \d respondents?, fewer than the 10 a figure needs, so none of its own figures are shown/);
      expect(textOf(kent)).toMatch(/is not shown: fewer than 10 respondents in the organisation answered/);
      // Nothing of its own to set against the sector: no overview chart of empty marks.
      expect(kent).not.toContain('<svg');
      expect(textOf(readFileSync(join(dir, 'orgs', 'index.html'), 'utf8'))).toContain('Kent County Council County council');
      expect(readFileSync(join(dir, 'orgs', 'assets', 'report.css'), 'utf8')).toContain('.govuk-table');
    } finally {
      await temp.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('canvass report errors', () => {
  it('asks for --out, and names a survey that does not exist', async () => {
    const temp = await tempStore();
    try {
      expect((await runCapture(['seed', 'digital-gap-2017', '--db', temp.url])).code).toBe(0);
      const noOut = await runCapture(['report', 'digital-gap-2017', '--db', temp.url]);
      expect(noOut.code).toBe(1);
      expect(noOut.err).toMatch(/--out FILE\.html/);
      const unknown = await runCapture(['report', 'no-such-survey', '--out', join(tmpdir(), 'x.html'), '--db', temp.url]);
      expect(unknown.code).toBe(1);
      expect(unknown.err).toMatch(/no survey 'no-such-survey'/);
      const badFilter = await runCapture(['report', 'digital-gap-2017', '--filter', 'approach = nope', '--out', join(tmpdir(), 'x.html'), '--db', temp.url]);
      expect(badFilter.code).toBe(1);
      expect(badFilter.err).toMatch(/nope/);
    } finally {
      await temp.close();
    }
  });

  it('says which package to install when Chromium is missing for --pdf, and writes nothing', async () => {
    const temp = await tempStore();
    const dir = mkdtempSync(join(tmpdir(), 'canvass-report-'));
    try {
      expect((await runCapture(['seed', 'digital-gap-2017', '--db', temp.url])).code).toBe(0);
      const run = await runCapture(['report', 'digital-gap-2017', '--out', join(dir, 'r.html'), '--pdf', join(dir, 'r.pdf'), '--db', temp.url], { CANVASS_CHROMIUM: join(dir, 'no-chromium') });
      expect(run.code).toBe(1);
      expect(run.err).toMatch(/apt-get install chromium/);
      expect(existsSync(join(dir, 'r.html'))).toBe(false);
      expect(existsSync(join(dir, 'r.pdf'))).toBe(false);
    } finally {
      await temp.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
