import { describe, expect, it, vi } from 'vitest';
import { main } from './cli.js';

describe('proxmox-openapi-lint', () => {
  it('refuses --biome-only with --typecheck-only: one line, exit 2, nothing run', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      // A folder that does not exist: had anything run, it would have failed differently.
      expect(await main(['--biome-only', '--typecheck-only'], '/nonexistent/lint-cli')).toBe(2);
      expect(stderr.mock.calls.map((call) => String(call[0]))).toEqual([
        'proxmox-openapi-lint: --biome-only and --typecheck-only exclude each other\n',
      ]);
    } finally {
      stderr.mockRestore();
    }
  });
});
