export { formatReportMarkdown, formatReportText } from './format-report.js';
export type { Finding, ValidateOptions, ValidationReport } from './types.js';
export { validateCommand } from './validate-command.js';
export { validateSpec } from './validate-spec.js';
