package io.dirsync.core.action;

import io.dirsync.core.snapshot.OutboxEntry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Appends one action per line to a file (created owner-only), synced to disk before the batch is
 * acknowledged, or writes them to standard output when the path is {@code -}.
 */
public final class JsonlSink implements ActionSink {

  private final String id;
  private final Path path;
  private final PrintStream stdout;

  private JsonlSink(String id, Path path, PrintStream stdout) {
    this.id = id;
    this.path = path;
    this.stdout = stdout;
  }

  public static JsonlSink toFile(String id, Path path) {
    return new JsonlSink(id, path, null);
  }

  public static JsonlSink toStdout(String id, PrintStream out) {
    return new JsonlSink(id, null, out);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public void deliver(List<OutboxEntry> batch) throws SinkException {
    StringBuilder sb = new StringBuilder();
    for (OutboxEntry e : batch) {
      sb.append(e.body()).append('\n');
    }
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    if (stdout != null) {
      stdout.write(bytes, 0, bytes.length);
      stdout.flush();
      if (stdout.checkError()) {
        throw new SinkException("standard output is closed");
      }
      return;
    }
    try {
      if (!Files.exists(path)) {
        createPrivately();
      }
      try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(false);
      }
    } catch (IOException e) {
      throw new SinkException("cannot append to " + path + ": " + e.getMessage(), e);
    }
  }

  private void createPrivately() throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(path);
      }
    } catch (java.nio.file.FileAlreadyExistsException raced) {
      // created meanwhile: append to it
    }
  }

}
