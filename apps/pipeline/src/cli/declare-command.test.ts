import { InputError } from '@proxmox-openapi/core';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../test-support/memory-io.js';
import { defineCommand } from './declare-command.js';
import { helpText } from './help-text.js';
import { parseArguments } from './parse-arguments.js';

// A command declared as every real one is, whose run shows what it received.
const demo = defineCommand({
  name: 'demo',
  summary: 'a demo',
  description: 'Reads FILE and says so.',
  options: {
    file: { type: 'string', value: 'FILE', description: 'what to read', required: true, file: 'input' },
    mode: {
      type: 'string',
      value: 'M',
      description: 'fast or slow',
      choices: ['fast', 'slow'],
      default: 'fast',
    },
    tag: { type: 'string', value: 'T', description: 'a label', multiple: true },
    dry: { type: 'boolean', description: 'change nothing' },
  },
  async run({ values }, io) {
    // Typed by the declaration: no casts, and the compiler checks these uses.
    const mode: 'fast' | 'slow' = values.mode;
    const tags: string[] = values.tag;
    const dry: boolean = values.dry;
    if (values.file === 'missing.js')
      throw new InputError(`cannot read ${values.file}:\nmissing`, { api: 'pve', stage: 'fetch' });
    io.stdout.write(`${values.file} ${mode} [${tags.join(',')}] ${dry}\n`);
    return 0;
  },
});

describe('a declared command', () => {
  it('parses its options into typed values with defaults', async () => {
    const io = memoryIo('/');
    expect(await demo.execute(['--file', 'a.js', '--tag', 'x', '--tag=y'], 'local', io)).toBe(0);
    expect(io.out()).toBe('a.js fast [x,y] false\n');
  });

  it('refuses what its declaration refuses, in the words of its help', () => {
    const cases: [string[], string][] = [
      [[], "--file FILE is required (see 'proxmox-openapi demo --help')"],
      [['--file', 'a', '--mode', 'warp'], '--mode must be fast or slow, not "warp"'],
      [['--file'], '--file needs a value: FILE'],
      [['--file', '--dry'], '--file needs a value: FILE'],
      [['--file', 'a', '--dry=yes'], '--dry is a flag and takes no value'],
      [['--file', 'a', '--nope'], 'unknown option --nope (demo takes --file, --mode, --tag, --dry)'],
      [['--file', 'a', 'extra'], 'unexpected argument "extra": demo takes options only'],
    ];
    for (const [argv, message] of cases) {
      expect(() => parseArguments(demo, argv)).toThrow(message);
    }
    for (const [argv] of cases) {
      try {
        parseArguments(demo, argv);
      } catch (error) {
        expect(String(error)).not.toMatch(/ERR_PARSE_ARGS|positional|ambiguous/);
      }
    }
  });

  it('writes its --help from the declaration, global options included', () => {
    const text = helpText(demo);
    expect(text.split('\n')[0]).toBe('usage: proxmox-openapi demo --file FILE [options]');
    expect(text).toContain('Reads FILE and says so.');
    expect(text).toMatch(/^ {2}--file FILE +what to read \(required\)$/m);
    expect(text).toMatch(/^ {2}--tag T +a label \(may be given more than once\)$/m);
    expect(text).toMatch(/^ {2}--quiet +print nothing but warnings and errors$/m);
    expect(text).not.toContain('--engine');
  });
});
