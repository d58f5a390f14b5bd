package dev.kiln.engine.executor.oci;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes a {@link RuntimeSpec} as compact {@code config.json}, field by field with Jackson's
 * streaming generator: one file per RUN step, and the data-binding serializer's reflection cost
 * about a tenth of the Java time of a trivial step. Field names and order are the records'
 * components; absent (null) fields are left out.
 */
final class RuntimeSpecJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private RuntimeSpecJson() {}

  static byte[] write(RuntimeSpec spec) {
    var out = new ByteArrayOutputStream(4096);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      string(g, "ociVersion", spec.ociVersion());
      if (spec.process() != null) process(g, spec.process());
      if (spec.root() != null) {
        g.writeObjectFieldStart("root");
        string(g, "path", spec.root().path());
        g.writeBooleanField("readonly", spec.root().readonly());
        g.writeEndObject();
      }
      string(g, "hostname", spec.hostname());
      if (spec.mounts() != null) {
        g.writeArrayFieldStart("mounts");
        for (RuntimeSpec.Mount m : spec.mounts()) mount(g, m);
        g.writeEndArray();
      }
      if (spec.linux() != null) linux(g, spec.linux());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  private static void process(JsonGenerator g, RuntimeSpec.Process p) throws IOException {
    g.writeObjectFieldStart("process");
    g.writeBooleanField("terminal", p.terminal());
    if (p.user() != null) {
      g.writeObjectFieldStart("user");
      g.writeNumberField("uid", p.user().uid());
      g.writeNumberField("gid", p.user().gid());
      if (p.user().additionalGids() != null) {
        g.writeArrayFieldStart("additionalGids");
        for (long gid : p.user().additionalGids()) g.writeNumber(gid);
        g.writeEndArray();
      }
      g.writeEndObject();
    }
    strings(g, "args", p.args());
    strings(g, "env", p.env());
    string(g, "cwd", p.cwd());
    if (p.capabilities() != null) {
      g.writeObjectFieldStart("capabilities");
      strings(g, "bounding", p.capabilities().bounding());
      strings(g, "effective", p.capabilities().effective());
      strings(g, "permitted", p.capabilities().permitted());
      g.writeEndObject();
    }
    if (p.rlimits() != null) {
      g.writeArrayFieldStart("rlimits");
      for (RuntimeSpec.Rlimit r : p.rlimits()) {
        g.writeStartObject();
        string(g, "type", r.type());
        g.writeNumberField("hard", r.hard());
        g.writeNumberField("soft", r.soft());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeBooleanField("noNewPrivileges", p.noNewPrivileges());
    g.writeEndObject();
  }

  private static void mount(JsonGenerator g, RuntimeSpec.Mount m) throws IOException {
    g.writeStartObject();
    string(g, "destination", m.destination());
    string(g, "type", m.type());
    string(g, "source", m.source());
    strings(g, "options", m.options());
    g.writeEndObject();
  }

  private static void linux(JsonGenerator g, RuntimeSpec.Linux l) throws IOException {
    g.writeObjectFieldStart("linux");
    if (l.namespaces() != null) {
      g.writeArrayFieldStart("namespaces");
      for (RuntimeSpec.Namespace ns : l.namespaces()) {
        g.writeStartObject();
        string(g, "type", ns.type());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    string(g, "cgroupsPath", l.cgroupsPath());
    if (l.resources() != null) {
      g.writeObjectFieldStart("resources");
      if (l.resources().devices() != null) {
        g.writeArrayFieldStart("devices");
        for (RuntimeSpec.DeviceRule rule : l.resources().devices()) deviceRule(g, rule);
        g.writeEndArray();
      }
      g.writeEndObject();
    }
    if (l.devices() != null) {
      g.writeArrayFieldStart("devices");
      for (RuntimeSpec.Device d : l.devices()) device(g, d);
      g.writeEndArray();
    }
    strings(g, "maskedPaths", l.maskedPaths());
    strings(g, "readonlyPaths", l.readonlyPaths());
    g.writeEndObject();
  }

  private static void deviceRule(JsonGenerator g, RuntimeSpec.DeviceRule r) throws IOException {
    g.writeStartObject();
    g.writeBooleanField("allow", r.allow());
    string(g, "type", r.type());
    if (r.major() != null) g.writeNumberField("major", r.major());
    if (r.minor() != null) g.writeNumberField("minor", r.minor());
    string(g, "access", r.access());
    g.writeEndObject();
  }

  private static void device(JsonGenerator g, RuntimeSpec.Device d) throws IOException {
    g.writeStartObject();
    string(g, "path", d.path());
    string(g, "type", d.type());
    g.writeNumberField("major", d.major());
    g.writeNumberField("minor", d.minor());
    g.writeNumberField("fileMode", d.fileMode());
    g.writeNumberField("uid", d.uid());
    g.writeNumberField("gid", d.gid());
    g.writeEndObject();
  }

  private static void string(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) g.writeStringField(name, value);
  }

  private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
    if (values == null) return;
    g.writeArrayFieldStart(name);
    for (String v : values) g.writeString(v);
    g.writeEndArray();
  }
}
