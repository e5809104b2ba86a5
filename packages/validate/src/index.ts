export { formatReportMarkdown, formatReportText } from './format-report.js';
export type { ValidateInputs } from './load-inputs.js';
export { loadValidateInputs } from './load-inputs.js';
export type { Finding, ValidateOptions, ValidationReport } from './types.js';
export { validateSpec } from './validate-spec.js';
