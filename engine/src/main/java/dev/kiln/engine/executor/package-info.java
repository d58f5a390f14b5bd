/**
 * The executor SPI: run one process in a container over a prepared root filesystem and extra
 * mounts. Like BuildKit's {@code executor.Executor}, the contract is one method and everything
 * else is data ({@link dev.kiln.engine.executor.ExecRequest}, {@link
 * dev.kiln.engine.executor.Meta}, {@link dev.kiln.engine.executor.ExecMount}). This package imports
 * nothing from the cache or the solver; {@code executor.oci} turns a request into an OCI runtime
 * spec and {@code executor.runc} runs it.
 */
package dev.kiln.engine.executor;
