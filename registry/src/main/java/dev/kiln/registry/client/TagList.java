package dev.kiln.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.registry.ImageRef;
import dev.kiln.registry.RegistryException;
import dev.kiln.registry.RegistryException.Rejected;
import dev.kiln.registry.http.Request;
import dev.kiln.registry.http.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Lists a repository's tags, following {@code Link: <…>; rel="next"} pages. */
record TagList(ImageRef repo) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
  private static final int MAX_PAGES = 1000;

  String description() {
    return "list tags of " + repo.name();
  }

  List<String> run(Wire wire) throws RegistryException {
    List<String> tags = new ArrayList<>();
    // GET /v2/<name>/tags/list?n=1000   then the Link header's next page, if any
    Request request = wire.request("GET", repo, Access.PULL, "/v2/" + repo.repository() + "/tags/list?n=1000", description());
    for (int page = 0; page < MAX_PAGES; page++) {
      Optional<String> next;
      Response answered;
      try (Response r = wire.send(request)) {
        if (r.status() != 200) {
          throw Errors.of(wire, description(), Access.PULL, repo, r, "repository " + repo.name() + " does not exist");
        }
        answered = r;
        next = r.header("Link").map(NEXT::matcher).filter(Matcher::find).map(m -> m.group(1));
        JsonNode json = JSON.readTree(r.readBody(16 << 20));
        json.path("tags").forEach(t -> tags.add(t.asText()));
      } catch (RegistryException e) {
        throw e;
      } catch (IOException e) {
        throw new Rejected(description(), 200, "unreadable tag list: " + e.getMessage());
      }
      if (next.isEmpty()) {
        return tags;
      }
      request = Wire.follow(answered, "GET", next.get(), description());
    }
    throw new Rejected(description(), 200, "more than " + MAX_PAGES + " pages of tags");
  }
}
