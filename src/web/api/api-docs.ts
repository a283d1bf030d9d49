import { componentPage, govuk, heading, link, paragraph, type Component } from '../page-components.js';
import type { ViewModel } from '../views.js';
import type { openApiDocument } from './openapi.js';

type Document = typeof openApiDocument;
type Operation = {
  summary: string;
  description: string;
  security?: ReadonlyArray<Record<string, readonly string[]>>;
  parameters?: ReadonlyArray<{ name: string; in: string; required: boolean; description: string }>;
  requestBody?: { content: { 'application/json': { example?: unknown } } };
  responses: Record<string, { description: string }>;
};

/** OpenAPI descriptions are Markdown; the page shows them as plain text, without code marks. */
function plain(text: string): string {
  return text.replace(/`/g, '');
}

function authentication(operation: Operation): string {
  const security = operation.security ?? [];
  if (security.length === 0) return 'None';
  return security.some((s) => Object.keys(s).length === 0) ? 'Only for surveys that take responses only with a token' : 'An API token: Authorization: Bearer TOKEN';
}

/** The API's documentation as a page, read from the same OpenAPI document the API serves. */
export function apiDocsPage(document: Document): ViewModel {
  const components: Component[] = [heading(document.info.title, { size: 'xl' }), paragraph(plain(document.info.description)), link('The OpenAPI description (JSON)', '/api/v1/openapi.json')];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, value] of Object.entries(methods)) {
      const operation = value as unknown as Operation;
      const example = operation.requestBody?.content['application/json'].example;
      components.push(
        heading(`${method.toUpperCase()} /api/v1${path}`, { level: 2, caption: operation.summary }),
        paragraph(plain(operation.description)),
        govuk('govukSummaryList', {
          rows: [
            { key: { text: 'Authentication' }, value: { text: authentication(operation) } },
            ...(operation.parameters?.length
              ? [{ key: { text: 'Parameters' }, value: { text: operation.parameters.map((p) => `${p.name} (${p.in}${p.required ? ', required' : ''}): ${plain(p.description)}`).join('\n'), classes: 'canvass-lines' } }]
              : []),
            { key: { text: 'Responses' }, value: { text: Object.entries(operation.responses).map(([status, r]) => `${status}: ${plain(r.description)}`).join('\n'), classes: 'canvass-lines' } },
          ],
        }),
        ...(example ? [heading('Example body', { level: 3 }), { kind: 'code' as const, text: JSON.stringify(example, null, 2) }] : []),
      );
    }
  }
  return componentPage({ title: 'API documentation', serviceName: 'Canvass API', serviceUrl: '/api/v1/docs' }, components, { fullWidth: false });
}
