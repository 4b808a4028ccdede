// Entry of the grading process that RemoteGrader forks: TypeScript through tsx, as bin/codebench.mjs does.
import { register } from 'tsx/esm/api';

register();
await import('./grading-host.ts');
