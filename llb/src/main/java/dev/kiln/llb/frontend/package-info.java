/**
 * The frontend SPI: a frontend is a pure function from definition files and options to LLB plus
 * an image config, like BuildKit's {@code dockerfile.v0}. The engine supplies the context side
 * ({@link dev.kiln.llb.frontend.FrontendContext}); frontends depend on {@code llb} only.
 */
package dev.kiln.llb.frontend;
