package dev.kiln.cli.launch;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;

/**
 * Rewrites class files older than Java 6 (version 50) as Java 8 class files with stack maps. The
 * JDK's AOT cache cannot link such classes ahead of time (their verifier records no constraints),
 * so a library compiled for Java 5 — picocli is — was loaded and verified on every start. The
 * bytecode is rebuilt instruction by instruction, unchanged in meaning.
 */
final class OldClassFiles {
  static final int FIRST_WITH_STACK_MAPS = 50;
  private static final int TARGET = 52;

  private final ClassFile classFile;

  /** @param loader resolves the classes the rewritten ones name, for their stack maps */
  OldClassFiles(ClassLoader loader) {
    ClassHierarchyResolver resolver = ClassHierarchyResolver.defaultResolver()
        .orElse(ClassHierarchyResolver.ofResourceParsing(loader));
    this.classFile = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(resolver));
  }

  /** The class file's major version, from its header. */
  static int majorVersion(byte[] header) {
    return header.length < 8 ? Integer.MAX_VALUE : ((header[6] & 0xff) << 8) | (header[7] & 0xff);
  }

  /** {@code bytes} as a Java 8 class file when older than Java 6, else unchanged. */
  byte[] upgrade(byte[] bytes) {
    if (majorVersion(bytes) >= FIRST_WITH_STACK_MAPS) return bytes;
    ClassModel model = classFile.parse(bytes);
    ClassTransform rebuildCode = ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL);
    return classFile.transformClass(model, rebuildCode.andThen((builder, element) -> {
      if (element instanceof ClassFileVersion) {
        builder.withVersion(TARGET, 0);
      } else {
        builder.with(element);
      }
    }));
  }
}
