import { spawn } from 'node:child_process';

/**
 * PVE's check of a value against a schema pattern, run by Perl itself: pve-common's
 * `check_prop` does `$value !~ m/^$pattern$/`. One `perl` process judges every (pattern, string)
 * pair of a run, read as JSON lines on stdin; each pattern is compiled once. Strings are
 * upgraded to Perl character strings, so Perl applies Unicode rules to them (as it does to the
 * decoded parameters of an API call).
 */
const SCRIPT = String.raw`
use strict;
use JSON::PP;
my $json = JSON::PP->new->utf8;
my %compiled;
while (my $line = <STDIN>) {
  my ($pattern, $value) = @{ $json->decode($line) };
  utf8::upgrade($value);
  my $re = $compiled{$pattern} //= (eval { qr/^$pattern$/ } // 'error');
  if (!ref $re) { print "E\n"; next; }
  print(($value =~ $re) ? "1\n" : "0\n");
}
`;

/** Perl's verdicts, in order: `true` (matches), `false`, or `'error'` (the pattern does not compile). */
export async function perlMatches(
  pairs: readonly [pattern: string, value: string][],
): Promise<(boolean | 'error')[]> {
  const child = spawn('perl', ['-e', SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const done = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? -1));
  });
  child.stdin.end(pairs.map((pair) => `${JSON.stringify(pair)}\n`).join(''));
  const code = await done;
  const lines = stdout.split('\n').filter((line) => line !== '');
  if (code !== 0 || lines.length !== pairs.length) {
    throw new Error(
      `perl judged ${lines.length} of ${pairs.length} strings (exit ${code}): ${stderr.slice(0, 500)}`,
    );
  }
  return lines.map((line) => (line === 'E' ? 'error' : line === '1'));
}
