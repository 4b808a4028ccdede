import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, scanArrayItems, scanArraySpans, scanObjectMembers } from './scan-json.ts';

describe('scanObjectMembers', () => {
  it('returns each member as written, keeping Python-only numbers and big integers intact', () => {
    const members = scanObjectMembers('{"a": "x\\"y", "b" : [[-Infinity, NaN], [99999999999999999999999, 1e-30]], "c": {"k": [true, null]}, "d": -0.5}');
    expect([...members.keys()]).toEqual(['a', 'b', 'c', 'd']);
    expect(members.get('a')).toBe('"x\\"y"');
    expect(members.get('b')).toBe('[[-Infinity, NaN], [99999999999999999999999, 1e-30]]');
    expect(members.get('c')).toBe('{"k": [true, null]}');
    expect(members.get('d')).toBe('-0.5');
    expect(scanObjectMembers(' {} ').size).toBe(0);
  });

  it('keeps brackets and quotes inside strings out of the structure', () => {
    const members = scanObjectMembers('{"s": "[{\\"]}", "t": "\\\\"}');
    expect(members.get('s')).toBe('"[{\\"]}"');
    expect(members.get('t')).toBe('"\\\\"');
  });

  it.each([
    ['{"a": 1,}', /expected a member name/],
    ['{"a" 1}', /expected ":"/],
    ['{"a": [1, 2}', /expected "\]"/],
    ['{"a": "unterminated}', /unterminated or invalid string/],
    ['{"a": tru}', /expected a value/],
    ['{"a": 1} x', /unexpected text after the object/],
    ['[1]', /expected "\{"/],
    ['{"a": 01}', /expected "}"/],
    ['{"a": "tab\there"}', /invalid string/],
  ])('rejects %j', (text, message) => {
    expect(() => scanObjectMembers(text)).toThrow(JsonSyntaxError);
    expect(() => scanObjectMembers(text)).toThrow(message);
  });

  it('copes with deep nesting without recursion', () => {
    const deep = `{"a": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(scanObjectMembers(deep).get('a')?.length).toBe(200_000);
  });
});

describe('scanArrayItems', () => {
  it('splits the top level only, and reports where each item starts', () => {
    expect(scanArrayItems('[[1, [2]], "a,b", {"x": [3]}, -Infinity]')).toEqual(['[1, [2]]', '"a,b"', '{"x": [3]}', '-Infinity']);
    expect(scanArrayItems('[ ]')).toEqual([]);
    expect(scanArraySpans('[\n  1,\n  22\n]')).toEqual([
      { start: 4, end: 5 },
      { start: 9, end: 11 },
    ]);
    expect(() => scanArrayItems('[1 2]')).toThrow(/expected "\]"/);
  });
});
