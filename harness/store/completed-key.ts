export { sampleKey as completedKey } from '../core/sample-key.ts';
