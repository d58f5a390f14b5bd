package dev.kiln.bench;

import dev.kiln.dockerfile.convert.Conversion;
import dev.kiln.dockerfile.convert.ConversionException;
import dev.kiln.dockerfile.convert.ConvertOptions;
import dev.kiln.dockerfile.convert.DockerfileConverter;
import dev.kiln.proto.pb.Definition;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parse + convert of a generated Dockerfile ({@link GeneratedDockerfile}), warm; target ≤ 20 ms
 * per op for 500 instructions. {@link #convertAndMarshal} adds marshalling to a Definition, as
 * the frontend does before returning.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DockerfileConvertBenchmark {

    @Param("500")
    public int instructions;

    private byte[] dockerfile;
    private ConvertOptions options;

    @Setup
    public void setUp() {
        dockerfile = GeneratedDockerfile.of(instructions).getBytes(StandardCharsets.UTF_8);
        options = ConvertOptions.builder(new FixedImageResolver()).sessionId("bench").build();
    }

    @Benchmark
    public Conversion convert() throws ConversionException {
        return DockerfileConverter.convert(dockerfile, options);
    }

    @Benchmark
    public Definition convertAndMarshal() throws ConversionException {
        return DockerfileConverter.convert(dockerfile, options).definition("bench");
    }
}
