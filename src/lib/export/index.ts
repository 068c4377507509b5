// Export of what the Finder lists, as CSV, from the local database.
export { csvCell, toCsv } from './csv';
export { interactionsCsv, type InteractionsCsvOptions } from './interactions-csv';
export { allFinderRows, downloadText, exportFilename, type ExportProgress } from './finder-export';
