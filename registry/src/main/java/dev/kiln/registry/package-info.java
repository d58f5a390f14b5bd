/**
 * The registry client's API: references, descriptors, the {@link dev.kiln.registry.RegistryClient}
 * contract, sinks and sources for streaming, credentials and the error family. It depends on no
 * other package of this module; implementations live in {@code .client} (the wire protocol),
 * {@code .http} (interceptor chain), {@code .auth}, {@code .hosts} and {@code .manifest}.
 */
package dev.kiln.registry;
