/**
 * The normalized directory model: immutable records for users, groups and memberships. JDK only;
 * every connector maps its source into these, and the diff engine compares nothing else.
 */
package io.dirsync.core.model;
