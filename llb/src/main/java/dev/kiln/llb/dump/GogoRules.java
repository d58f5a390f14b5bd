package dev.kiln.llb.dump;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import java.util.Set;

/**
 * Where BuildKit's gogo-generated Go structs differ from plain "omit zero values" JSON.
 *
 * <p>gogo drops {@code omitempty} from the JSON tag of every field declared {@code
 * (gogoproto.nullable) = false} (see {@code solver/pb/ops.pb.go}, BuildKit v0.11.6). Such a
 * field is a Go value, not a pointer, so it is always printed: an index as a number (even 0), a
 * struct as an object (even empty), and an empty map as {@code null}.
 */
final class GogoRules {
  private static final Set<String> NON_NULLABLE =
      Set.of(
          "pb.Input.digest",
          "pb.Input.index",
          "pb.Mount.input",
          "pb.Mount.output",
          "pb.BuildOp.builder",
          "pb.BuildInput.input",
          "pb.OpMetadata.caps",
          "pb.Definition.metadata",
          "pb.Range.start",
          "pb.Range.end",
          "pb.FileAction.input",
          "pb.FileAction.secondaryInput",
          "pb.FileAction.output",
          "pb.NamedUserOpt.input",
          "pb.MergeInput.input",
          "pb.LowerDiffInput.input",
          "pb.UpperDiffInput.input");

  private GogoRules() {}

  /** True if the field is printed even when it holds its zero value. */
  static boolean alwaysPrinted(FieldDescriptor field) {
    return NON_NULLABLE.contains(field.getFullName());
  }

  /**
   * A oneof becomes one interface-typed Go field without a JSON tag, so its key is the Go field
   * name: the oneof name in CamelCase ({@code op} → {@code Op}, {@code user} → {@code User}).
   */
  static String oneofKey(OneofDescriptor oneof) {
    StringBuilder name = new StringBuilder();
    boolean upper = true;
    for (char c : oneof.getName().toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        name.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return name.toString();
  }
}
