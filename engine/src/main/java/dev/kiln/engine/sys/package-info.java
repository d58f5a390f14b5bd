/**
 * The few Linux syscalls the engine needs and the JDK lacks (mount, xattrs, mknod, lchown, full
 * lstat, nanosecond times on symlinks), and the system's zlib for layer compression, through the FFM API. This is the only package that may
 * import {@code java.lang.foreign}. Every call is blocking and thread-safe; failures are {@link
 * dev.kiln.engine.sys.SysException}s naming the call, its object and errno.
 */
package dev.kiln.engine.sys;
