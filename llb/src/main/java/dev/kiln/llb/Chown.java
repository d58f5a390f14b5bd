package dev.kiln.llb;

/** Owner for files an action creates: a user and optionally a group, by id or by name. */
public record Chown(UserRef user, UserRef group) {

  /** A user or group, either numeric or a name resolved in the action's base filesystem. */
  public sealed interface UserRef permits ById, ByName {}

  public record ById(int id) implements UserRef {}

  public record ByName(String name) implements UserRef {}

  public static Chown ids(int uid, int gid) {
    return new Chown(new ById(uid), new ById(gid));
  }

  /** Parses {@code user[:group]}; numeric parts and {@code root} become ids. */
  public static Chown parse(String spec) {
    String[] parts = spec.split(":", 2);
    return new Chown(ref(parts[0]), parts.length > 1 ? ref(parts[1]) : null);
  }

  private static UserRef ref(String s) {
    if (s.equals("root")) return new ById(0);
    try {
      return new ById(Integer.parseInt(s));
    } catch (NumberFormatException e) {
      return new ByName(s);
    }
  }

  dev.kiln.proto.pb.ChownOpt toProto(long baseInput) {
    dev.kiln.proto.pb.ChownOpt.Builder b = dev.kiln.proto.pb.ChownOpt.newBuilder();
    if (user != null) b.setUser(userOpt(user, baseInput));
    if (group != null) b.setGroup(userOpt(group, baseInput));
    return b.build();
  }

  private static dev.kiln.proto.pb.UserOpt userOpt(UserRef ref, long baseInput) {
    return switch (ref) {
      case ById(int id) -> dev.kiln.proto.pb.UserOpt.newBuilder().setByID(id).build();
      case ByName(String name) ->
          dev.kiln.proto.pb.UserOpt.newBuilder()
              .setByName(dev.kiln.proto.pb.NamedUserOpt.newBuilder().setName(name).setInput(baseInput))
              .build();
    };
  }
}
