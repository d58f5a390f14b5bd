package dev.kiln.dockerfile.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImageJsonTest {

    @Test
    void writesGoEscapesAndFieldOrder() {
        Image img = Image.empty("linux", "amd64", "");
        img.config.cmd = java.util.List.of("a<b>&c\u0001\n");
        img.history.add(History.step("RUN x # buildkit", true));
        String json = new String(ImageJson.write(img), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":null},\"history\":[{\"created_by\":\"RUN x # buildkit\",\"comment\":"
                + "\"buildkit.dockerfile.v0\"}],\"config\":{\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:"
                + "/usr/bin:/sbin:/bin\"],\"Cmd\":[\"a\\u003cb\\u003e\\u0026c\\u0001\\n\"],\"WorkingDir\":\"/\","
                + "\"OnBuild\":null}}");
    }

    @Test
    void readDropsCreatedAndKeepsHistory() throws Exception {
        String cfg = "{\"created\":\"2020-01-01T00:00:00Z\",\"architecture\":\"amd64\",\"os\":\"linux\","
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},\"history\":[{\"created\":\"2020\",\"empty_layer\":true}],"
                + "\"config\":{\"OnBuild\":[],\"ExposedPorts\":{\"80/tcp\":{}}}}";
        Image img = ImageJson.read(cfg.getBytes(StandardCharsets.UTF_8));
        String json = new String(ImageJson.write(img), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("2020-01-01").contains("\"diff_ids\":[]").contains("\"OnBuild\":[]")
                .contains("\"created\":\"2020\"").contains("\"ExposedPorts\":{\"80/tcp\":{}}");
    }
}
