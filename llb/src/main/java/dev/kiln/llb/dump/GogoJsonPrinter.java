package dev.kiln.llb.dump;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;
import dev.kiln.llb.GoJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints any LLB message the way Go's {@code encoding/json} prints BuildKit's gogo structs,
 * driven by the protobuf descriptors: proto field names as keys, declaration order, zero values
 * omitted, enums as numbers, bytes as base64, map keys sorted. The exceptions live in {@link
 * GogoRules}.
 */
final class GogoJsonPrinter {
  private final StringBuilder out;

  GogoJsonPrinter(StringBuilder out) {
    this.out = out;
  }

  void message(Message message) {
    out.append('{');
    boolean first = true;
    for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
      OneofDescriptor oneof = field.getRealContainingOneof();
      if (oneof != null) {
        // The whole oneof is one Go field, placed where its first member is declared.
        if (oneof.getField(0) == field) {
          first = key(first, GogoRules.oneofKey(oneof));
          oneof(message, oneof);
        }
      } else if (isPrinted(message, field)) {
        first = key(first, field.getName());
        field(message, field);
      }
    }
    out.append('}');
  }

  private boolean key(boolean first, String name) {
    if (!first) {
      out.append(',');
    }
    GoJson.string(name, out);
    out.append(':');
    return false;
  }

  // omitempty: empty lists and maps, unset messages and zero scalars are left out.
  private static boolean isPrinted(Message message, FieldDescriptor field) {
    if (GogoRules.alwaysPrinted(field)) {
      return true;
    }
    if (field.isRepeated()) {
      return message.getRepeatedFieldCount(field) > 0;
    }
    // Proto3 scalars without presence report hasField only when non-zero.
    return message.hasField(field);
  }

  private void field(Message message, FieldDescriptor field) {
    if (field.isMapField()) {
      map(message, field);
    } else if (field.isRepeated()) {
      out.append('[');
      for (int i = 0; i < message.getRepeatedFieldCount(field); i++) {
        if (i > 0) {
          out.append(',');
        }
        value(field, message.getRepeatedField(field, i));
      }
      out.append(']');
    } else {
      value(field, message.getField(field));
    }
  }

  // A set oneof prints as {"member":value}; a zero scalar member is omitted, leaving {}.
  private void oneof(Message message, OneofDescriptor oneof) {
    FieldDescriptor member = message.getOneofFieldDescriptor(oneof);
    if (member == null) {
      out.append("null"); // nil interface
      return;
    }
    Object value = message.getField(member);
    out.append('{');
    boolean isMessage = member.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
    if (isMessage || !value.equals(member.getDefaultValue())) {
      key(true, member.getName());
      value(member, value);
    }
    out.append('}');
  }

  private void map(Message message, FieldDescriptor field) {
    int count = message.getRepeatedFieldCount(field);
    if (count == 0) {
      out.append("null"); // only reached for non-nullable maps: a nil Go map
      return;
    }
    FieldDescriptor keyField = field.getMessageType().findFieldByNumber(1);
    FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
    List<Map.Entry<String, Object>> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Message entry = (Message) message.getRepeatedField(field, i);
      entries.add(Map.entry(String.valueOf(entry.getField(keyField)), entry.getField(valueField)));
    }
    entries.sort(Map.Entry.comparingByKey(GoJson.KEY_ORDER));
    out.append('{');
    for (int i = 0; i < entries.size(); i++) {
      key(i == 0, entries.get(i).getKey());
      value(valueField, entries.get(i).getValue());
    }
    out.append('}');
  }

  private void value(FieldDescriptor field, Object value) {
    switch (value) {
      case Message m -> message(m);
      case String s -> GoJson.string(s, out);
      case ByteString b -> GoJson.bytes(b.toByteArray(), out);
      case EnumValueDescriptor e -> out.append(e.getNumber());
      case Boolean b -> out.append(b);
      case Integer i -> out.append(isUnsigned(field) ? Integer.toUnsignedString(i) : i.toString());
      case Long l -> out.append(isUnsigned(field) ? Long.toUnsignedString(l) : l.toString());
      default ->
          // LLB has no float fields; Go's float formatting is not worth guessing at.
          throw new IllegalArgumentException(
              "unsupported field type " + field.getType() + " of " + field.getFullName());
    }
  }

  private static boolean isUnsigned(FieldDescriptor field) {
    return switch (field.getType()) {
      case UINT32, UINT64, FIXED32, FIXED64 -> true;
      default -> false;
    };
  }
}
