/**
 * Turns an {@link dev.kiln.engine.executor.ExecRequest} into an OCI runtime spec ({@code
 * config.json}, spec 1.0.2 as runc 1.1 reads it), in the shape of BuildKit's OCI worker:
 * containerd's default mounts without {@code /run}, masked and read-only /proc paths, BuildKit's
 * default capabilities, {@code noNewPrivileges}, RLIMIT_NOFILE 1024 unless overridden, a default
 * PATH, generated {@code /etc/hosts} and a copy of the host's {@code /etc/resolv.conf} bind-mounted
 * read-only.
 *
 * <p>Choices worth knowing:
 *
 * <ul>
 *   <li>No seccomp profile (BuildKit applies one only when built with seccomp; adding Docker's
 *       default profile is future work).
 *   <li>Network NONE is a fresh network namespace; runc itself brings its {@code lo} up (its
 *       "loopback" strategy for namespaces it creates), so no hook is needed — the integration
 *       tests check that lo is UP and answers ping.
 *   <li>INSECURE grants the capabilities this process holds (containerd's {@code
 *       WithAllCurrentCapabilities}), all host devices, no masked paths and a writable /sys.
 *   <li>Paths inside the rootfs are resolved by {@link dev.kiln.engine.executor.oci.RootPath}, which
 *       keeps symlinks and {@code ..} inside the root.
 *   <li>Mount stubs include /etc/hosts and /etc/resolv.conf, so a run over a rootfs without them
 *       leaves no empty files behind; those whose parent exists are created before runc, so their
 *       parent's times can be put back (see {@link dev.kiln.engine.executor.oci.MountStubs}). The
 *       overlay snapshot driver usually provides these two from a layer of its own instead.
 * </ul>
 */
package dev.kiln.engine.executor.oci;
