package io.nvo3.app;

import io.nvo3.app.config.ConfigException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Makes sure the data dir exists and is writable before anything opens files in it. */
final class DataDir {
    private DataDir() {}

    static Path prepare(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(abs);
        } catch (FileSystemException e) {
            throw new ConfigException("data dir " + abs + " cannot be created: " + reason(e));
        } catch (IOException e) {
            throw new ConfigException("data dir " + abs + " cannot be created: " + e.getMessage());
        }
        if (!Files.isDirectory(abs)) {
            throw new ConfigException("data dir " + abs + " is not a directory");
        }
        Path probe = abs.resolve(".nvo3-write-probe");
        try {
            Files.writeString(probe, "ok");
            Files.delete(probe);
        } catch (FileSystemException e) {
            throw new ConfigException("data dir " + abs + " is not writable: " + reason(e));
        } catch (IOException e) {
            throw new ConfigException("data dir " + abs + " is not writable: " + e.getMessage());
        }
        return abs;
    }

    private static String reason(FileSystemException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "a parent directory is missing or cannot hold directories";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        return e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
    }
}
