import { evalPlusOracle, ORACLE_HELPERS, ORACLE_PYTHON } from './evalplus-oracles.ts';

export interface EvalPlusTestSpec {
  dataset: 'humaneval' | 'mbpp';
  entryPoint: string;
  /** `prompt + canonical_solution`: the code whose outputs are the expected ones. */
  referenceSource: string;
  /** Named groups of inputs, each the raw JSON text of a list of argument lists. */
  inputs: { name: string; json: string }[];
  atol: number;
  /** Python expression over `inp` that rebuilds tuples, sets and complex numbers (MBPP+). */
  inputConversion?: string;
}

/**
 * EvalPlus's defaults (`evalplus/config.py`): each call may take max(1 s, 4 × the reference's time
 * on the same input).
 */
const MIN_TIME_LIMIT_S = 1;
const TIME_LIMIT_FACTOR = 4;

/**
 * The call that runs the tests. Not `check`: MBPP+ has a task whose entry point is named `check`,
 * and the tests, which come after the solution, would replace it.
 */
export const EVALPLUS_TEST_CALL_NAME = '_cb_check';

/**
 * Python test code defining `_cb_check(candidate)` that grades like EvalPlus's evaluator. Expected
 * outputs are computed inside the sandbox by the canonical solution, which runs in a namespace of
 * its own so its helpers cannot collide with the candidate's. The inputs are embedded as the
 * dataset's own JSON text and read with Python's `json`, which keeps big integers exact and knows
 * NaN and Infinity. Every call gets a deep copy, since solutions may mutate their arguments.
 * numpy is not available in the sandbox, so `np.allclose(out, exp, rtol=1e-07, atol)` is done by
 * hand.
 */
export function toEvalPlusTests(spec: EvalPlusTestSpec): string {
  const oracle = evalPlusOracle(spec.dataset, spec.entryPoint);
  const special = oracle === undefined ? '' : `    ${ORACLE_PYTHON[oracle]}\n`;
  const helper = oracle && ORACLE_HELPERS[oracle] ? `\n${ORACLE_HELPERS[oracle]}\n` : '';
  const notNone = oracle === 'not-none';
  const inputs = spec.inputs.map((group) => `    (${py(group.name)}, ${py(group.json)}),\n`).join('');
  const allTuples = spec.inputConversion?.includes('_cb_all_tuples')
    ? '\ndef _cb_all_tuples(value):\n    return tuple(_cb_all_tuples(v) for v in value) if isinstance(value, list) else value\n\n'
    : '';
  return `import copy as _cb_copy
import json as _cb_json
import math as _cb_math
import signal as _cb_signal
import sys as _cb_sys
import time as _cb_time

_CB_ENTRY = ${py(spec.entryPoint)}
_CB_ATOL = ${pyNumber(spec.atol)}
_CB_REFERENCE = ${py(spec.referenceSource)}
_CB_INPUTS = (
${inputs})

${allTuples}
def _cb_convert(inp):
    return ${spec.inputConversion ?? 'inp'}

${helper}
def _cb_is_floats(x):
    if isinstance(x, float):
        return True
    if isinstance(x, (list, tuple)) and x:
        return all(isinstance(i, float) for i in x)
    return False


def _cb_isclose(a, b, atol):
    # np.isclose with rtol=1e-07, element by element; numpy compares nested lists and tuples alike.
    if isinstance(a, (list, tuple)) or isinstance(b, (list, tuple)):
        if not (isinstance(a, (list, tuple)) and isinstance(b, (list, tuple))) or len(a) != len(b):
            return False
        return all(_cb_isclose(x, y, atol) for x, y in zip(a, b))
    numbers = (bool, int, float, complex)
    if not (isinstance(a, numbers) and isinstance(b, numbers)):
        return False
    try:
        if a == b:
            return True
        if not (_cb_finite(a) and _cb_finite(b)):
            return False
        return abs(a - b) <= atol + 1e-07 * abs(b)
    except (OverflowError, TypeError, ValueError):
        return False


def _cb_finite(x):
    return _cb_math.isfinite(x.real) and _cb_math.isfinite(x.imag) if isinstance(x, complex) else _cb_math.isfinite(x)


def _cb_matches(inp, out, exp):
    atol = _CB_ATOL
    exact = out == exp
${special}    if atol == 0 and _cb_is_floats(exp):
        atol = 1e-6
    if not exact and atol != 0:
        if type(out) is not type(exp):
            return False
        if isinstance(exp, (list, tuple)) and len(out) != len(exp):
            return False
        return _cb_isclose(out, exp, atol)
    return exact


class _CbTimeLimit(BaseException):
    pass


class _CbSink:
    def write(self, text):
        return len(text)

    def flush(self):
        pass


def _cb_on_alarm(signum, frame):
    raise _CbTimeLimit()


def _cb_call(fn, inp, limit):
    # EvalPlus swallows what solutions print; a chatty one must not fill the output cap.
    # The limit counts CPU time rather than wall time, so a loaded machine does not fail a call.
    saved = _cb_sys.stdout, _cb_sys.stderr
    _cb_sys.stdout = _cb_sys.stderr = _CbSink()
    started = _cb_time.process_time()
    if limit is not None:
        _cb_signal.signal(_cb_signal.SIGPROF, _cb_on_alarm)
        _cb_signal.setitimer(_cb_signal.ITIMER_PROF, limit)
    try:
        return fn(*_cb_copy.deepcopy(inp)), _cb_time.process_time() - started
    finally:
        if limit is not None:
            _cb_signal.setitimer(_cb_signal.ITIMER_PROF, 0)
        _cb_sys.stdout, _cb_sys.stderr = saved


def _cb_show(value):
    return _cb_cut(repr(value))


def _cb_cut(text):
    return text if len(text) <= 300 else text[:300] + '...'


def _cb_check(candidate):
    namespace = {}
    exec(compile(_CB_REFERENCE, '<canonical solution>', 'exec'), namespace)
    reference = namespace[_CB_ENTRY]
    for group, text in _CB_INPUTS:
        for index, raw in enumerate(_cb_json.loads(text)):
            inp = _cb_convert(raw)
            exp, seconds = _cb_call(reference, inp, None)
${notNone ? '            exp = exp is not None\n' : ''}            limit = max(${MIN_TIME_LIMIT_S}, ${TIME_LIMIT_FACTOR} * seconds)
            where = '%s input %d: %s(%s)' % (group, index, _CB_ENTRY, _cb_cut(', '.join(map(repr, inp))))
            try:
                out, _ = _cb_call(candidate, inp, limit)
            except _CbTimeLimit:
                raise AssertionError('%s took more than %.1f s of CPU time' % (where, limit)) from None
            if not _cb_matches(inp, out, exp):
                raise AssertionError('%s returned %s, expected %s' % (where, _cb_show(out), _cb_show(exp)))
            # Some outputs are a gigabyte (MbppPlus/255): hold no more than this input's two.
            del exp, out
`;
}

/** A Python string literal. JSON's escapes are a subset of Python's, and it emits no raw newlines. */
function py(text: string): string {
  return JSON.stringify(text);
}

function pyNumber(value: number): string {
  if (!Number.isFinite(value)) throw new TypeError(`Expected \`atol\` to be a finite number, got ${value}`);
  return String(value);
}
