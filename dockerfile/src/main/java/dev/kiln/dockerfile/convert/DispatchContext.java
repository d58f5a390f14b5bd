package dev.kiln.dockerfile.convert;

import dev.kiln.dockerfile.shell.ShellLexer;
import dev.kiln.llb.ProxyEnv;
import dev.kiln.llb.State;

/**
 * What every instruction conversion of one Dockerfile shares.
 *
 * @param lexer        the Dockerfile's lexer (its escape token)
 * @param buildContext the build context, resolved once all context paths are known
 * @param proxy        proxy settings from {@code build-arg:HTTP_PROXY…}, or null
 */
record DispatchContext(ConvertOptions options, PlatformOpt platforms, MetaArgs metaArgs, ShellLexer lexer,
        State buildContext, Stages stages, ProxyEnv proxy) {

    /** The lexer BuildKit uses for RUN step names: quotes kept, unknown variables left as written. */
    ShellLexer rawLexer() {
        return lexer.withRawQuotes(true).withSkipUnsetEnv(true);
    }
}
