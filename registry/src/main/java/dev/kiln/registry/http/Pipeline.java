package dev.kiln.registry.http;

import dev.kiln.registry.RegistryException;
import java.util.List;

/** Interceptors in order (outermost first) ending in the {@link Transport}. Immutable. */
public record Pipeline(List<Interceptor> interceptors, Transport transport) {
  public Pipeline {
    interceptors = List.copyOf(interceptors);
  }

  public Response execute(Request request) throws RegistryException {
    return new Link(0, request).proceed(request);
  }

  private final class Link implements Interceptor.Chain {
    private final int index;
    private final Request request;

    Link(int index, Request request) {
      this.index = index;
      this.request = request;
    }

    @Override
    public Request request() {
      return request;
    }

    @Override
    public Response proceed(Request next) throws RegistryException {
      if (index == interceptors.size()) {
        return transport.send(next);
      }
      return interceptors.get(index).intercept(new Link(index + 1, next));
    }
  }
}
