import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTabularDataPackage } from '../../../test/support/frictionless-check.js';
import { signInAsAdmin, testApp, WebClient } from '../../../test/support/web-client.js';
import { exportAggregates } from '../../operations/export-aggregates.js';
import { exportResponses } from '../../operations/export-responses.js';
import type { Store } from '../../storage/store.js';

let app: FastifyInstance;
let store: Store;
let close: () => Promise<void>;
let admin: WebClient;

const base = '/admin/surveys/digital-gap-2017';
const every = [
  `${base}/downloads`,
  `${base}/downloads/aggregates.csv`,
  `${base}/downloads/aggregates.xlsx`,
  `${base}/downloads/responses.csv`,
  `${base}/downloads/responses.json`,
  `${base}/downloads/responses.xlsx`,
  `${base}/open-data/datapackage.json`,
  `${base}/open-data/aggregates.csv`,
  `${base}/open-data/codebook.csv`,
];

beforeAll(async () => {
  ({ app, store, close } = await testApp());
  admin = new WebClient(app);
  await signInAsAdmin(admin);
});
afterAll(() => close());

const workbookOf = async (payload: Buffer) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as never);
  return workbook;
};

describe('downloads in the admin', () => {
  it('sends anyone not signed in to sign in, and gives them none of the files', async () => {
    const stranger = new WebClient(app);
    for (const url of every) {
      const response = await stranger.get(url);
      expect(response.statusCode, url).toBe(303);
      expect(response.headers.location, url).toMatch(/^\/admin\/sign-in/);
      expect(response.body, url).not.toMatch(/response_id|digital-gap-2017,/);
    }
  });

  it('links to the downloads page from the surveys list, and from there to every file', async () => {
    expect((await admin.get('/admin')).body).toContain(`href="${base}/downloads"`);
    const page = await admin.get(`${base}/downloads`);
    expect(page.statusCode).toBe(200);
    for (const url of every.slice(1)) expect(page.body, url).toContain(`href="${url}"`);
    expect(page.body).toMatch(/for admins only/);
    expect(page.body).toMatch(/Reconstructed from the published figures/);
  });

  it('gives the raw responses as the CLI does: CSV, JSON and an XLSX workbook, as attachments', async () => {
    const csv = await admin.get(`${base}/downloads/responses.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="digital-gap-2017-responses.csv"');
    expect(csv.headers['cache-control']).toBe('no-store');
    expect(csv.body).toBe((await exportResponses(store, 'digital-gap-2017', 'csv', 'cli:test')).content);
    const json = await admin.get(`${base}/downloads/responses.json`);
    expect((JSON.parse(json.body) as { responses: unknown[] }).responses).toHaveLength(235);
    const xlsx = await admin.get(`${base}/downloads/responses.xlsx`);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = await workbookOf(xlsx.rawPayload);
    expect(workbook.getWorksheet('Responses')!.actualRowCount).toBe(236);
  });

  it('streams the raw responses as the file is read, without a length worked out beforehand', async () => {
    for (const file of ['responses.csv', 'responses.json', 'responses.xlsx']) {
      const response = await admin.get(`${base}/downloads/${file}`);
      expect(response.statusCode, file).toBe(200);
      expect(response.headers['transfer-encoding'], file).toBe('chunked');
      expect(response.headers['content-length'], file).toBeUndefined();
    }
  });

  it('gives the figures for the filter and breakdown of the results page, as CSV and XLSX', async () => {
    const query = { filter: 'strategy = yes', by: 'org.nation' };
    const results = await admin.get(`${base}/results?${new URLSearchParams(query).toString()}`);
    const href = `${base}/downloads/aggregates.csv?${new URLSearchParams(query).toString()}`;
    expect(results.body).toContain(`href="${href.replace(/&/g, '&amp;')}"`);
    const csv = await admin.get(href);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toBe((await exportAggregates(store, 'digital-gap-2017', query, 'csv')).content);
    expect(csv.body).toMatch(/,strategy = yes,org\.nation,Wales,/);
    const xlsx = await admin.get(`${base}/downloads/aggregates.xlsx?${new URLSearchParams(query).toString()}`);
    const sheet = (await workbookOf(xlsx.rawPayload)).getWorksheet('Aggregates')!;
    expect(sheet.actualRowCount).toBe(csv.body.trimEnd().split('\n').length);
  });

  it('gives the open-data package as three files that make a valid Tabular Data Package', async () => {
    const files = new Map<string, string>();
    for (const name of ['datapackage.json', 'aggregates.csv', 'codebook.csv']) {
      const response = await admin.get(`${base}/open-data/${name}`);
      expect(response.statusCode, name).toBe(200);
      files.set(name, response.body);
    }
    const descriptor = JSON.parse(files.get('datapackage.json')!) as { description: string };
    expect(checkTabularDataPackage(descriptor, (path) => files.get(path) ?? '')).toEqual([]);
    expect(descriptor.description).toMatch(/^Reconstructed from the published figures; not the original responses/);
  });

  it('answers 404 for a file it does not offer, and explains a filter it cannot understand', async () => {
    expect((await admin.get(`${base}/downloads/secrets.txt`)).statusCode).toBe(404);
    expect((await admin.get(`${base}/open-data/responses.csv`)).statusCode).toBe(404);
    const bad = await admin.get(`${base}/downloads/aggregates.csv?filter=${encodeURIComponent('strategy =')}`);
    expect(bad.statusCode).toBeGreaterThanOrEqual(400);
    expect(bad.statusCode).toBeLessThan(500);
  });
});
