package io.nvo3.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenRegistryTest {
    @Test
    void loadsTokensSkippingCommentsAndBlankLines(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("tokens");
        Files.writeString(f, "# token project role\n\nt1 alice member\n  t2   ops   admin  \n");
        TokenRegistry r = TokenRegistry.load(f);
        assertThat(r.lookup("t1")).contains(new Principal("alice", false));
        assertThat(r.lookup("t2")).contains(new Principal("ops", true));
        assertThat(r.lookup("t3")).isEmpty();
        assertThat(r.lookup(null)).isEmpty();
    }

    @Test
    void aMalformedLineIsAnErrorNamingItsNumber(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("tokens");
        Files.writeString(f, "t1 alice member\n# ok\nt2 bob\n");
        assertThatThrownBy(() -> TokenRegistry.load(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3");
        Files.writeString(f, "t1 alice superuser\n");
        assertThatThrownBy(() -> TokenRegistry.load(f)).hasMessageContaining("line 1").hasMessageContaining("superuser");
    }

    @Test
    void generatesTheAdminTokenOnceAndReusesIt(@TempDir Path dir) throws Exception {
        String first = TokenRegistry.adminTokenIn(dir);
        assertThat(first).hasSize(64);
        assertThat(Files.readString(dir.resolve("admin-token"))).startsWith(first + " ");
        assertThat(TokenRegistry.adminTokenIn(dir)).isEqualTo(first);
        assertThat(TokenRegistry.of(java.util.Map.of()).withAdmin(first).lookup(first))
                .contains(new Principal("admin", true));
        assertThat(Files.getPosixFilePermissions(dir.resolve("admin-token")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }
}
