export type SpreadsheetCell = string | number | null;

/** Writes one sheet of a table as an Excel workbook (.xlsx bytes): the exceljs adapter. */
export interface SpreadsheetWriter {
  xlsx(
    sheetName: string,
    header: readonly string[],
    rows: readonly (readonly SpreadsheetCell[])[],
  ): Promise<Uint8Array>;
}
