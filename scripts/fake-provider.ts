// A fake LLM provider for end-to-end runs with no network: it speaks both the OpenAI Chat
// Completions and the Anthropic Messages wire formats on 127.0.0.1, streaming or not.
//
//   npx tsx scripts/fake-provider.ts --port 0            # prints http://127.0.0.1:PORT
//   codebench run --model anthropic-compatible:any --base-url http://127.0.0.1:PORT
//   codebench run --model openai-compatible:any --base-url http://127.0.0.1:PORT/v1
//
// Answers: by default every task of our corpus (tasks/codebench) is answered with its reference
// solution in a fenced block, so a run should pass 100%. `--corpus DIR` reads another folder of
// task files; `--answers FILE` takes a JSON object {"prompt substring": "answer"} instead (the
// longest key found in the last user message wins). Anything else gets a fixed non-answer.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { answerByPrompt } from '../harness/adapters/fake-provider/answer-by-prompt.ts';
import { OPENAI_FLAVOURS, type OpenAiFlavour } from '../harness/adapters/fake-provider/build-openai-sse.ts';
import { FakeProvider } from '../harness/adapters/fake-provider/fake-provider-server.ts';
import { corpusAnswers } from '../harness/adapters/fake-provider/corpus-answers.ts';
import { loadCorpus } from '../harness/tasks/load-corpus.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    corpus: { type: 'string', default: resolve(import.meta.dirname, '../tasks/codebench') },
    answers: { type: 'string' },
    flavour: { type: 'string', default: 'openai' },
    reasoning: { type: 'string' },
    cached: { type: 'string', default: '0' },
    'first-token-delay': { type: 'string', default: '0' },
  },
});

if (!OPENAI_FLAVOURS.includes(values.flavour as OpenAiFlavour)) {
  process.stderr.write(`fake-provider: --flavour ${values.flavour}: expected one of ${OPENAI_FLAVOURS.join(', ')}\n`);
  process.exit(2);
}
const answers: Record<string, string> = values.answers
  ? (JSON.parse(readFileSync(values.answers, 'utf8')) as Record<string, string>)
  : corpusAnswers(loadCorpus(values.corpus));
const answer = answerByPrompt(answers);
const fake = await FakeProvider.start({
  port: Number(values.port),
  flavour: values.flavour as OpenAiFlavour,
  cachedTokens: Number(values.cached),
  firstTokenDelayMs: Number(values['first-token-delay']),
  answer: (prompt) => (values.reasoning === undefined ? answer(prompt) : { text: answer(prompt), reasoning: values.reasoning }),
});
process.stdout.write(`${fake.url}\n`);
const stop = async () => {
  process.stderr.write(`fake-provider: ${fake.requestCount} request(s) served\n`);
  await fake.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
