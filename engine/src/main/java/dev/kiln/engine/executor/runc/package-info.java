/**
 * The executor on runc: one {@code runc run} per request, in the foreground, so its exit status is
 * the process's.
 *
 * <p>On disk, under the run root ({@link dev.kiln.engine.executor.runc.RuncConfig#runRoot()}: by
 * default a private 0700 directory on {@code /dev/shm}, else the state root): {@code executor/<id>/}
 * is the bundle ({@code config.json}, {@code hosts}, {@code resolv.conf}, runc's {@code init.pid}
 * and JSON {@code runc.log}); {@code runc/} is runc's {@code --root}. Secrets go to a private 0700
 * directory per run, by default {@code secrets/<id>} in the run root on {@code /dev/shm} (tmpfs) so
 * they never reach a disk. A run root on {@code /dev/shm} names its state root in a {@code
 * state-root} file and is removed when the executor closes; opening an executor removes those of
 * state roots that no longer exist ({@code StaleRunDirs}). Each container gets cgroup {@code
 * kiln/<id>}, relative to Kiln's own cgroup; runc removes it when the container is deleted.
 *
 * <p>Start failures are told apart from process failures by the pid file: runc writes it only
 * once the process started, so a non-zero exit without it is runc's own failure, reported with the
 * error entries of its log. Cancellation sends KILL to the container's init (taking the pid
 * namespace with it) until {@code runc run} exits; cleanup then deletes any remaining runc state,
 * removes mount stubs, the bundle and secrets. {@link dev.kiln.engine.executor.runc.RuncExecutor#sweep()}
 * removes what a crashed process left.
 */
package dev.kiln.engine.executor.runc;
