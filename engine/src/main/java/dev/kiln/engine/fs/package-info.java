/**
 * File actions inside a root directory standing for {@code /} of a container filesystem: the
 * rooted resolver ({@link dev.kiln.engine.fs.RootedResolver}), BuildKit's file-op semantics
 * ({@link dev.kiln.engine.fs.FileActions}), dockerignore patterns ({@link
 * dev.kiln.engine.fs.PatternMatcher}), {@code --chown} lookups ({@link
 * dev.kiln.engine.fs.UserDb}) and {@code cp -a} ({@link dev.kiln.engine.fs.TreeCopier}).
 */
package dev.kiln.engine.fs;
