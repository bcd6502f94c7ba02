package io.dirsync.core.contract;

import io.dirsync.core.spi.Connector;

/**
 * A source seeded for the contract suite (an emulator, or an in-memory fake) and a connector
 * pointed at it. Mutations take effect for the next request the connector makes.
 */
public interface ContractDirectory extends AutoCloseable {

  Connector connector();

  void renameUser(String userName, String newUserName);

  void disableUser(String userName);

  void deleteUser(String userName);

  void addUser(SeedUser user);

  /** Every request for this 0-based page of the users listing fails with HTTP 500 (or the source's equivalent) until closed. */
  void failUsersPage(int pageIndex);

  @Override
  void close() throws Exception;
}
