import type { Definition } from '../definition/schema.js';
import { definitionToXlsform, XlsformExportError } from '../definition/xlsform/to-xlsform.js';
import { CanvassError } from '../errors/canvass-error.js';
import { writeXlsformWorkbook } from './xlsform-file.js';

/** A definition as an XLSForm workbook's bytes, or a user error naming each question that XLSForm cannot hold. */
export async function exportXlsform(definition: Definition): Promise<Buffer> {
  try {
    return await writeXlsformWorkbook(definitionToXlsform(definition));
  } catch (error) {
    if (!(error instanceof XlsformExportError)) throw error;
    throw new CanvassError('definition.invalid', `Survey '${definition.id}' cannot be written as an XLSForm (${error.problems.length} problem${error.problems.length === 1 ? '' : 's'})`, {
      problems: error.problems.map((p) => ({ ...p, code: 'xlsform-export' })),
    });
  }
}
