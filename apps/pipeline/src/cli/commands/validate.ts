import { resolve } from 'node:path';
import { checkOutputTarget, FindingsError, writeOutputFile } from '@proxmox-openapi/core';
import { defineCommand } from '../declare-command.js';

/** `proxmox-openapi validate SPEC`: exit 1 when the document has errors. */
export const validateCommand = defineCommand({
  name: 'validate',
  summary: 'check an OpenAPI document: OpenAPI rules, coverage of the apidoc, YAML twin',
  description: `Checks an OpenAPI document (SPEC: .json, .yaml or .yml) with Redocly's recommended rules,
ECMA-262 patterns and path shapes; with an apidoc, that every operation and parameter of it
is in the document at its exact path, path parameters are declared, operationIds are unique
and every 2xx response is the {"data": …} envelope. A YAML twin beside a JSON SPEC
(x.json + x.yaml) is checked to be the same document.`,
  positionals: { name: 'SPEC', min: 1, max: 1, description: 'the document to check', file: 'input' },
  options: {
    apidoc: {
      type: 'string',
      value: 'FILE',
      description:
        'the apidoc the document was generated from (apidoc.js, or the bare JSON array as .json or .json.gz); default: apidoc.json beside SPEC when it exists',
      file: 'input',
    },
    report: {
      type: 'string',
      value: 'FILE',
      description: 'write the whole report: Markdown when FILE ends in .md, JSON otherwise',
      file: 'output-file',
    },
  },
  engine: 'whole',
  notes: `Prints a summary with the first problems; with GITHUB_STEP_SUMMARY set, appends the Markdown
report there. Exit codes: 0 valid, 1 errors found, 2 usage error, 3 unreadable input.`,
  async run({ values, positionals }, io) {
    const [spec = ''] = positionals;
    const reportFile = values.report !== undefined ? resolve(io.cwd, values.report) : undefined;
    // A folder as --report is said before the document is read and checked, not after.
    if (reportFile !== undefined) await checkOutputTarget(reportFile, { what: '--report' });
    // Loaded on use: Redocly alone costs about 0.8 s of CPU, which no other command needs.
    const { formatReportMarkdown, formatReportText, loadValidateInputs, validateSpec } = await import(
      '@proxmox-openapi/validate'
    );
    const inputs = await loadValidateInputs(spec, values.apidoc);
    const report = await validateSpec(inputs.document, {
      ...(inputs.apidoc ? { apidoc: inputs.apidoc } : {}),
      ...(inputs.yaml !== undefined ? { yaml: inputs.yaml } : {}),
    });
    const against = [
      inputs.yamlPath ? `YAML ${inputs.yamlPath}` : undefined,
      inputs.apidocPath ? `apidoc ${inputs.apidocPath}` : 'no apidoc: coverage skipped',
    ].filter(Boolean);
    io.stdout.write(`${inputs.documentPath} (${against.join(', ')})\n${formatReportText(report)}`);
    const title = `OpenAPI validation of ${inputs.documentPath}`;
    if (reportFile !== undefined) {
      const body = reportFile.toLowerCase().endsWith('.md')
        ? formatReportMarkdown(report, title)
        : `${JSON.stringify(report, null, 2)}\n`;
      // Atomically over a file; in place to a device or a pipe (/dev/stdout works, /dev/full fails).
      await writeOutputFile(reportFile, body, { what: 'the report' });
    }
    const summary = io.env.GITHUB_STEP_SUMMARY;
    if (summary) {
      const { appendStepSummaryText } = await import('../../report/run-report.js');
      await appendStepSummaryText(summary, `${formatReportMarkdown(report, title)}\n`, 'validate');
    }
    if (!report.valid) {
      throw new FindingsError(
        `${inputs.documentPath}: ${report.errors.length} error${report.errors.length === 1 ? '' : 's'}`,
        { stage: 'validate' },
      );
    }
    return 0;
  },
});
