package org.odcmigrate.app;

import io.dropwizard.configuration.ConfigurationSourceProvider;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a configuration file from disk, or one bundled in the jar (such as {@code dev.yml}). */
final class FileOrClasspathSourceProvider implements ConfigurationSourceProvider {

  @Override
  public InputStream open(String path) throws IOException {
    if (Files.exists(Path.of(path))) {
      return new FileInputStream(path);
    }
    InputStream bundled = getClass().getClassLoader().getResourceAsStream(path);
    if (bundled == null) {
      throw new FileNotFoundException(
          "configuration file " + path + " not found (neither on disk nor bundled)");
    }
    return bundled;
  }
}
