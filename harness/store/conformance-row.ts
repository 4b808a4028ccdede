/** One probe's stored outcome; the store keeps it as given and does not interpret it. */
export interface StoredProbeResult {
  name: string;
  result: 'pass' | 'deviation' | 'unsupported';
  detail: string;
}

/** One `codebench conformance` battery, as kept for night-to-night comparison. */
export interface ConformanceRun {
  id: number;
  createdAt: string;
  /** `provider:model` as given on the command line. */
  modelSpec: string;
  protocol: string;
  /** Host (and port) only: the path and any key-bearing query are not kept. */
  baseUrlHost: string;
  results: StoredProbeResult[];
  /** Input plus output tokens the battery spent. */
  tokens: number;
}
