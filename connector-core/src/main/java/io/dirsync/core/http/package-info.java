/**
 * The shared retry-and-pacing layer (resilience4j) every connector's HTTP requests go through:
 * {@link io.dirsync.core.http.DirectoryResilience} per directory, configured by
 * {@link io.dirsync.core.http.RetryConfig} ({@code retry:}) and
 * {@link io.dirsync.core.http.RateLimitConfig} ({@code rateLimit:}), counting into a
 * {@link io.dirsync.core.http.RunMeter} per run, waiting only through a
 * {@link io.dirsync.core.http.Sleeper}. {@link io.dirsync.core.http.RetryAfter} parses the
 * {@code Retry-After} header for the connectors' error classifiers. {@link
 * io.dirsync.core.http.TrustMaterial} is what every HTTPS client trusts: the JVM's trust store plus
 * {@code tls.caFile}.
 */
package io.dirsync.core.http;
