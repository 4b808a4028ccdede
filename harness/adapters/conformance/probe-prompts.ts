/**
 * The prompts every probe sends, shared by both protocols. They ask for answers a model gives
 * reliably (an exact echo, counting), so a wrong result points at the endpoint, not the model.
 */
export const PROMPTS = {
  exact: 'Reply with exactly: codebench-ok',
  exactText: 'codebench-ok',
  systemExact: 'Reply with exactly: system-wins',
  systemText: 'system-wins',
  systemUser: 'Reply with exactly: user-loses',
  /** Far more than the 5 tokens it is allowed. */
  longCount: 'Count from 1 to 200, separated by single spaces, and nothing else.',
  shortCount: 'Count from 1 to 10, separated by single spaces, and nothing else.',
  stopSequence: '6',
  remember: 'Remember the word: tangerine. Reply OK.',
  recall: 'Which word did I ask you to remember? Reply with the word only.',
  recallText: 'tangerine',
  tool: 'Call the get_weather tool with city=Paris. Use the tool; do not answer directly.',
  toolName: 'get_weather',
  toolResult: '18C and sunny',
  reasoning: 'Reply with exactly: thought-through',
  reasoningText: 'thought-through',
  /** Appended to the model name to ask for one that does not exist. */
  unknownModelSuffix: '-nonexistent-codebench-probe',
} as const;

export const WEATHER_SCHEMA = {
  type: 'object',
  properties: { city: { type: 'string', description: 'City name' } },
  required: ['city'],
} as const;
