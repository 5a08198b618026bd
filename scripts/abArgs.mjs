// The A/B scripts' command line (layoutTrace, queueFrames, turboFrames): `--name=value` options and `label=dir`
// builds, each split at its first '=' only. A --url has its own: split('=', 2) cut --url=/?a=1&b=2 to '/?a', so
// a run given a --url measured the app's default lab.
const pair = (a) => (a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined]);

export function abArgs(argv = process.argv.slice(2)) {
  return {
    args: Object.fromEntries(argv.filter((a) => a.startsWith('--')).map((a) => pair(a.slice(2)))),
    builds: argv.filter((a) => !a.startsWith('--')).map(pair),
  };
}
