import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cachedDir, runOnHost, stamp } from './toolchains-cache.ts';

/** JVM options for javac in every sample; the class archive is made, and only valid, with them. */
export const JAVAC_JVM_FLAGS = ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1'];

const PROBE = `import java.util.*;
import java.util.stream.*;

class Probe {
    public List<Integer> f(List<Integer> xs, Map<String, Integer> m) {
        Optional<Integer> max = xs.stream().filter(x -> x > 0).max(Comparator.naturalOrder());
        String s = String.join(",", xs.stream().map(String::valueOf).collect(Collectors.toList()));
        return new ArrayList<>(Arrays.asList(max.orElse(0), s.length(), m.getOrDefault("a", 1)));
    }
}

public class Main {
    public static void main(String[] args) {
        if (new Probe().f(Arrays.asList(1, 2), new HashMap<>()).size() != 3) throw new AssertionError();
    }
}
`;

/**
 * A dynamic class-data-sharing archive of javac's own classes, made by compiling a probe once.
 * javac then starts with its classes already parsed: about 1.0 s of CPU a sample instead of 1.5 s.
 * The JVM checks the archive against itself and ignores one that does not match, so a JDK update
 * costs speed, not correctness. `undefined` when it cannot be made.
 */
export async function prepareJavacArchive(options: { javac: string; cacheRoot: string }): Promise<string | undefined> {
  const version = await runOnHost(options.javac, ['-version'], { cwd: '/', env: { PATH: '/usr/bin:/bin' }, timeoutMs: 60_000 });
  if (version.code !== 0) return undefined;
  const modules = join(dirname(dirname(options.javac)), 'lib/modules');
  const jdkStamp = `${options.javac} ${version.stdout}${version.stderr} ${safeMtime(modules)}`;
  try {
    const dir = await cachedDir(options.cacheRoot, `javac-cds-${stamp(jdkStamp, ...JAVAC_JVM_FLAGS)}`, async (tmp) => {
      mkdirSync(join(tmp, 'probe'));
      writeFileSync(join(tmp, 'probe/Main.java'), PROBE);
      const args = [...JAVAC_JVM_FLAGS, '-Xmx512m', `-XX:ArchiveClassesAtExit=${join(tmp, 'javac.jsa')}`].map((f) => `-J${f}`);
      const run = await runOnHost(options.javac, [...args, '-d', join(tmp, 'probe/classes'), 'probe/Main.java'], { cwd: tmp, env: { PATH: '/usr/bin:/bin', HOME: tmp }, timeoutMs: 5 * 60_000 });
      if (run.code !== 0 || !safeMtime(join(tmp, 'javac.jsa'))) throw new Error('no archive');
    });
    return join(dir, 'javac.jsa');
  } catch {
    return undefined;
  }
}

function safeMtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}
