import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { SpreadsheetCell, SpreadsheetWriter } from '../../app/ports/spreadsheet.port.ts';

/**
 * Excel workbooks through exceljs (README: why it is a dependency): one sheet, a bold frozen header row,
 * numbers kept as numbers. The streaming writer keeps a large export's memory flat.
 */
export const exceljsWriter: SpreadsheetWriter = {
  async xlsx(sheetName, header, rows) {
    const chunks: Buffer[] = [];
    const sink = new PassThrough();
    sink.on('data', (c: Buffer) => chunks.push(c));
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
    // Excel refuses sheet names over 31 characters or with []:*?/\
    const sheet = book.addWorksheet(sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    const head = sheet.addRow([...header]);
    head.font = { bold: true };
    head.commit();
    for (const r of rows) sheet.addRow(r.map((c: SpreadsheetCell) => c ?? undefined)).commit();
    sheet.commit();
    await book.commit();
    return new Uint8Array(Buffer.concat(chunks));
  },
};
