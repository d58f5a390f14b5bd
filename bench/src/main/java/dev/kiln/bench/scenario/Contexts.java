package dev.kiln.bench.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes the scenarios' build contexts from fixed seeds, so every run and every machine builds the
 * same bytes. File contents are text-like (a 17-letter alphabet: about 2:1 under gzip).
 */
final class Contexts {
  private static final byte[] ALPHABET = "abcdefghijklmnop\n".getBytes();

  private Contexts() {}

  /** S1: two stages, 50 copied files, RUN steps that sort, checksum and tar, a verifying RUN. */
  static Path twoStage(Path dir, String base, long seed) throws IOException {
    Random random = new Random(seed);
    Path files = Files.createDirectories(dir.resolve("files"));
    for (int i = 0; i < 50; i++) {
      Files.write(files.resolve("part%02d.txt".formatted(i)), text(random, 4_000 + random.nextInt(8_000)));
    }
    Files.writeString(dir.resolve("Dockerfile"), """
        FROM %s AS build
        WORKDIR /src
        COPY files/ ./
        RUN sort *.txt > /sorted.txt && sha256sum *.txt > /sums.txt
        RUN tar cf /src.tar -C /src . && wc -c /src.tar > /size.txt
        ENV STAGE=final
        FROM %s
        ENV APP=/app
        COPY --from=build /sorted.txt /sums.txt /size.txt /src.tar /app/
        RUN cd /app && test -s sorted.txt && mkdir x && tar xf src.tar -C x && cd x && sha256sum -c /app/sums.txt > /dev/null
        """.formatted(base, base));
    return dir;
  }

  /** S3: {@code COPY . /app} of 20,000 files (about 200 MB in 4×50 directories), then a cheap RUN. */
  static Path manyFiles(Path dir, String base) throws IOException {
    writeDockerfile(dir, """
        FROM %s
        COPY . /app
        RUN find /app -type f | wc -l > /count.txt
        """.formatted(base));
    if (Files.isDirectory(dir.resolve("t0"))) return dir; // 200 MB: written once per work dir
    Random random = new Random(3);
    for (int top = 0; top < 4; top++) {
      for (int sub = 0; sub < 50; sub++) {
        Path d = Files.createDirectories(dir.resolve("t%d/s%02d".formatted(top, sub)));
        for (int f = 0; f < 100; f++) {
          Files.write(d.resolve("f%03d.txt".formatted(f)), text(random, 10_000));
        }
      }
    }
    return dir;
  }

  private static void writeDockerfile(Path dir, String text) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("Dockerfile"), text);
  }

  /** Changes one file of a {@link #manyFiles} context, differently for each {@code round}. */
  static void touchOne(Path dir, int round) throws IOException {
    Random random = new Random(1_000 + round);
    Path file = dir.resolve("t%d/s%02d/f%03d.txt".formatted(round % 4, round % 50, round % 100));
    Files.write(file, text(random, 10_000));
  }

  /** S4: one RUN writing 1 GiB, half incompressible (random) and half text. */
  static Path bigLayer(Path dir, String base) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("Dockerfile"), """
        FROM %s
        RUN dd if=/dev/urandom of=/random.bin bs=1M count=512 2>/dev/null && yes kiln-bench-compressible-text-line | head -c 536870912 > /text.bin
        """.formatted(base));
    return dir;
  }

  /** RUN steps of {@link #cacheTravel}. */
  static final int CACHE_TRAVEL_STEPS = 20;

  /**
   * S8: {@value #CACHE_TRAVEL_STEPS} RUN steps of 25 MB each (15 MB random, 10 MB text): 500 MB of
   * layers, about 320 MB under gzip.
   */
  static Path cacheTravel(Path dir, String base) throws IOException {
    StringBuilder df = new StringBuilder("FROM %s\n".formatted(base));
    for (int i = 0; i < CACHE_TRAVEL_STEPS; i++) {
      df.append("RUN head -c 15000000 /dev/urandom > /s%02d.bin && yes kiln-bench-step-%02d | head -c 10000000 > /s%02d.txt\n"
          .formatted(i, i, i));
    }
    writeDockerfile(dir, df.toString());
    return dir;
  }

  /** S5: four independent stages that each sleep a second, copied into a final stage. */
  static Path parallelStages(Path dir, String base, int round) throws IOException {
    Files.createDirectories(dir);
    StringBuilder df = new StringBuilder();
    for (String stage : new String[] {"a", "b", "c", "d"}) {
      // the round makes each run's steps new, so they execute while the base stays cached
      df.append("FROM %s AS %s\nRUN sleep 1 && echo %s-%d > /%s\n".formatted(base, stage, stage, round, stage));
    }
    df.append("FROM %s\n".formatted(base));
    for (String stage : new String[] {"a", "b", "c", "d"}) {
      df.append("COPY --from=%s /%s /%s\n".formatted(stage, stage, stage));
    }
    Files.writeString(dir.resolve("Dockerfile"), df);
    return dir;
  }

  private static byte[] text(Random random, int size) {
    byte[] b = new byte[size];
    random.nextBytes(b);
    for (int i = 0; i < size; i++) b[i] = ALPHABET[(b[i] & 0xff) % ALPHABET.length];
    return b;
  }
}
