/**
 * The Google Workspace connector ({@code type: google}): users, groups and memberships through the
 * official Admin SDK Directory client, authenticated as a service account with domain-wide
 * delegation to an admin. Full listings only; Google has no change feed for the directory.
 */
package io.dirsync.google;
