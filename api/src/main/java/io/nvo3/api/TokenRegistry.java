package io.nvo3.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API's static tokens: {@code X-Auth-Token} value → (project, role).
 *
 * <p>Token file format: one {@code TOKEN PROJECT_ID ROLE} per line, ROLE {@code admin} or
 * {@code member}; blank lines and lines starting with {@code #} are ignored.
 */
public final class TokenRegistry {
    public static final String ADMIN_TOKEN_FILE = "admin-token";
    public static final String ADMIN_PROJECT = "admin";

    private final Map<String, Principal> tokens;

    private TokenRegistry(Map<String, Principal> tokens) {
        this.tokens = Map.copyOf(tokens);
    }

    public static TokenRegistry of(Map<String, Principal> tokens) {
        return new TokenRegistry(tokens);
    }

    /** Reads a token file; a malformed line is an {@link IllegalArgumentException} naming its number. */
    public static TokenRegistry load(Path tokenFile) throws IOException {
        List<String> lines = Files.readAllLines(tokenFile, StandardCharsets.UTF_8);
        Map<String, Principal> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            String where = tokenFile + " line " + (i + 1);
            if (f.length != 3) {
                throw new IllegalArgumentException(where + ": expected 'TOKEN PROJECT_ID ROLE', got " + f.length
                        + " fields");
            }
            boolean admin = switch (f[2]) {
                case "admin" -> true;
                case "member" -> false;
                default -> throw new IllegalArgumentException(where + ": role must be admin or member, not '" + f[2] + "'");
            };
            if (out.put(f[0], new Principal(f[1], admin)) != null) {
                throw new IllegalArgumentException(where + ": token defined twice");
            }
        }
        return new TokenRegistry(out);
    }

    /**
     * The admin token of a data directory: read from {@code DATA_DIR/admin-token} (first field
     * of its first line), or generated (256 random bits, hex) and written there, mode 0600, on first start.
     */
    public static String adminTokenIn(Path dataDir) throws IOException {
        Path file = dataDir.resolve(ADMIN_TOKEN_FILE);
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String l = line.strip();
                if (!l.isEmpty()) {
                    return l.split("\\s+")[0];
                }
            }
            throw new IOException(file + " is empty; delete it to generate a new admin token");
        }
        Files.createDirectories(dataDir);
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        String token = HexFormat.of().formatHex(b);
        Path tmp = dataDir.resolve(ADMIN_TOKEN_FILE + ".tmp");
        Files.writeString(tmp, token + " " + ADMIN_PROJECT + " admin\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return token;
    }

    /** This registry plus {@code token} as an admin of project {@value #ADMIN_PROJECT}. */
    public TokenRegistry withAdmin(String token) {
        Map<String, Principal> m = new LinkedHashMap<>(tokens);
        m.put(token, new Principal(ADMIN_PROJECT, true));
        return new TokenRegistry(m);
    }

    public Optional<Principal> lookup(String token) {
        return token == null ? Optional.empty() : Optional.ofNullable(tokens.get(token));
    }

    public int size() {
        return tokens.size();
    }
}
