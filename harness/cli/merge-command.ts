import type { CommandModule } from 'yargs';
import { mergeStores } from '../store/merge-stores.ts';
import type { CliIO } from './main.ts';

interface MergeArgs {
  databases: string[];
  out: string;
  json?: boolean;
}

export function mergeCommand(setCode: (code: number) => void, io: CliIO): CommandModule<object, MergeArgs> {
  return {
    command: 'merge <databases..>',
    describe: 'Combine the shard databases of one run spec into one database',
    builder: (y) =>
      y
        .positional('databases', { type: 'string', array: true, demandOption: true, describe: 'Shard databases (one run each)' })
        .option('out', { type: 'string', demandOption: true, describe: 'The merged database to create (must not exist)' })
        .option('json', { type: 'boolean' })
        .example('$0 merge shard-1.db shard-2.db --out results/all.db', 'After `run --shard 1/2` and `run --shard 2/2`'),
    handler: (args) => {
      const result = mergeStores(args.databases, args.out);
      io.stdout(args.json ? `${JSON.stringify({ ...result, out: args.out })}\n` : `merged ${result.samples} samples from ${result.inputs} database(s) into ${args.out}: run ${result.runId} (${result.status})\n`);
      setCode(0);
    },
  };
}
