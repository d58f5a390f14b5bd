package dev.kiln.daemon.gateway;

import com.google.protobuf.ByteString;
import dev.kiln.daemon.frontend.FrontendRunner;
import dev.kiln.llb.frontend.FrontendResult;
import dev.kiln.llb.frontend.ImageMetaResolver;
import dev.kiln.proto.gateway.LLBBridgeGrpc;
import dev.kiln.proto.gateway.PingRequest;
import dev.kiln.proto.gateway.PongResponse;
import dev.kiln.proto.gateway.ReadDirRequest;
import dev.kiln.proto.gateway.ReadDirResponse;
import dev.kiln.proto.gateway.ReadFileRequest;
import dev.kiln.proto.gateway.ReadFileResponse;
import dev.kiln.proto.gateway.StatFileRequest;
import dev.kiln.proto.gateway.StatFileResponse;
import dev.kiln.proto.gateway.Ref;
import dev.kiln.proto.gateway.Result;
import dev.kiln.proto.gateway.ReturnRequest;
import dev.kiln.proto.gateway.ReturnResponse;
import dev.kiln.proto.gateway.SolveRequest;
import dev.kiln.proto.gateway.SolveResponse;
import dev.kiln.proto.pb.Definition;
import dev.kiln.proto.types.WorkerRecord;
import dev.kiln.session.HeadersInterceptor;
import dev.kiln.session.SessionHeaders;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;

/**
 * {@code moby.buildkit.v1.frontend.LLBBridge}, the part buildctl and buildx use to drive a build:
 * Ping, Solve (a frontend run in-process, or a definition, answered with a lazy ref), ReadFile,
 * ReadDir and StatFile (which solve the ref on first use) and Return.
 * Calls find their build by the {@code buildkit-controlapi-buildid} header.
 */
public final class BridgeService extends LLBBridgeGrpc.LLBBridgeImplBase {
  static final Metadata.Key<String> BUILD_ID = SessionHeaders.key("buildkit-controlapi-buildid");
  private static final Duration BUILD_WAIT = Duration.ofSeconds(3);

  private final GatewayRegistry builds;
  private final WorkerRecord worker;
  private final ImageMetaResolver images;

  public BridgeService(GatewayRegistry builds, WorkerRecord worker, ImageMetaResolver images) {
    this.images = images;
    this.builds = builds;
    this.worker = worker;
  }

  @Override
  public void ping(PingRequest request, StreamObserver<PongResponse> response) {
    response.onNext(PongResponse.newBuilder().addAllFrontendAPICaps(Caps.gateway()).addAllLLBCaps(Caps.llb())
        .addWorkers(worker).build());
    response.onCompleted();
  }

  @Override
  public void solve(SolveRequest request, StreamObserver<SolveResponse> response) {
    try {
      GatewayBuild build = build();
      Result.Builder result = Result.newBuilder();
      Definition definition;
      if (!request.getFrontend().isEmpty()) {
        FrontendResult fr = FrontendRunner.run(request.getFrontend(), request.getFrontendOptMap(), build.locals(), build.sessionId(), images);
        definition = fr.definition();
        result.putMetadata("containerimage.config", ByteString.copyFrom(fr.imageConfig()));
      } else {
        definition = request.getDefinition();
      }
      result.setRef(Ref.newBuilder().setId(build.addRef(definition)).setDef(definition));
      response.onNext(SolveResponse.newBuilder().setResult(result).build());
      response.onCompleted();
    } catch (StatusException e) {
      response.onError(e);
    } catch (FrontendRunner.FrontendFailure e) {
      response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
    }
  }

  @Override
  public void return_(ReturnRequest request, StreamObserver<ReturnResponse> response) {
    try {
      GatewayBuild build = build();
      if (request.hasError() && request.getError().getCode() != 0) {
        build.fail(request.getError().getMessage());
      } else {
        build.complete(definition(build, request.getResult()));
      }
      response.onNext(ReturnResponse.getDefaultInstance());
      response.onCompleted();
    } catch (StatusException e) {
      response.onError(e);
    }
  }

  @Override
  public void readFile(ReadFileRequest request, StreamObserver<ReadFileResponse> response) {
    onRef(request.getRef(), response, root -> ReadFileResponse.newBuilder().setData(RefFiles.read(root,
        request.getFilePath(), request.getRange().getOffset(), request.getRange().getLength())).build());
  }

  @Override
  public void readDir(ReadDirRequest request, StreamObserver<ReadDirResponse> response) {
    onRef(request.getRef(), response, root -> ReadDirResponse.newBuilder()
        .addAllEntries(RefFiles.list(root, request.getDirPath(), request.getIncludePattern())).build());
  }

  @Override
  public void statFile(StatFileRequest request, StreamObserver<StatFileResponse> response) {
    onRef(request.getRef(), response, root -> StatFileResponse.newBuilder().setStat(RefFiles.stat(root, request.getPath())).build());
  }

  /** What a read does with the solved tree of a ref. */
  private interface TreeRead<T> {
    T apply(java.nio.file.Path root) throws java.io.IOException;
  }

  /** Solves the ref (a cache hit once solved), opens its tree read-only, answers with {@code read}. */
  private <T> void onRef(String refId, StreamObserver<T> response, TreeRead<T> read) {
    try {
      GatewayBuild build = build();
      Definition definition = build.ref(refId);
      if (definition == null) throw Status.NOT_FOUND.withDescription("unknown ref '" + refId + "'").asException();
      try (var solved = build.solver().solve(definition); var tree = solved.open()) {
        response.onNext(read.apply(tree.root()));
      }
      response.onCompleted();
    } catch (StatusException e) {
      response.onError(e);
    } catch (java.io.IOException e) {
      response.onError(Status.NOT_FOUND.withDescription(e.getMessage()).asRuntimeException());
    } catch (Exception e) {
      response.onError(Status.UNKNOWN.withDescription(String.valueOf(e.getMessage())).asRuntimeException());
    }
  }

  private static Definition definition(GatewayBuild build, Result result) throws StatusException {
    Ref ref = switch (result.getResultCase()) {
      case REF -> result.getRef();
      case REFS -> result.getRefs().getRefsCount() == 1 ? result.getRefs().getRefsMap().values().iterator().next() : null;
      case REFDEPRECATED -> Ref.newBuilder().setId(result.getRefDeprecated()).build();
      default -> null;
    };
    if (ref == null) {
      throw Status.UNIMPLEMENTED.withDescription("kilnd exports a single result ref (multi-platform results are not supported yet)").asException();
    }
    if (ref.hasDef() && ref.getDef().getDefCount() > 0) return ref.getDef();
    Definition known = build.ref(ref.getId());
    if (known == null) {
      throw Status.INVALID_ARGUMENT.withDescription("unknown result ref '" + ref.getId() + "'").asException();
    }
    return known;
  }

  private GatewayBuild build() throws StatusException {
    String id = HeadersInterceptor.current().get(BUILD_ID);
    if (id == null) {
      throw Status.INVALID_ARGUMENT.withDescription("missing buildkit-controlapi-buildid header").asException();
    }
    try {
      return builds.await(id, BUILD_WAIT).orElseThrow(() ->
          Status.NOT_FOUND.withDescription("no build with id " + id).asException());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Status.CANCELLED.asException();
    }
  }
}
