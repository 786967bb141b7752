package io.nvo3.openflow.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.ErrorCodes;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelloAndErrorNamesTest {

    @Test
    void negotiatesByBitmapWhenOneIsPresentElseByHeaderVersion() {
        // OpenFlow 1.0 + 1.3 advertised by bitmap (bits 1 and 4) in a version-6 header
        assertThat(new Hello(1, 6, List.of(new Hello.VersionBitmap(List.of(0x12L)))).supports(4)).isTrue();
        // 1.0 + 1.4 + 1.5 only: no common version even though the header says 6
        assertThat(new Hello(1, 6, List.of(new Hello.VersionBitmap(List.of(0x62L)))).supports(4)).isFalse();
        assertThat(new Hello(1, 4, List.of()).supports(4)).isTrue();
        assertThat(new Hello(1, 1, List.of()).supports(4)).isFalse();
        assertThat(Hello.of13(7).supports(4)).isTrue();
    }

    @Test
    void namesStandardAndOnfBundleErrors() {
        assertThat(ErrorMsg.of(1, 4, 9, Bytes.EMPTY).name()).isEqualTo("OFPET_BAD_MATCH/OFPBMC_BAD_PREREQ");
        assertThat(ErrorMsg.of(1, 5, 1, Bytes.EMPTY).name()).isEqualTo("OFPET_FLOW_MOD_FAILED/OFPFMFC_TABLE_FULL");
        assertThat(new ErrorMsg(1, 0xffff, 2313, ErrorCodes.ONF_EXPERIMENTER, Bytes.EMPTY).name())
                .isEqualTo("OFPET_EXPERIMENTER(ONF)/OFPBFC_MSG_FAILED");
        assertThat(ErrorMsg.of(1, 4, 99, Bytes.EMPTY).name()).isEqualTo("OFPET_BAD_MATCH/99");
        assertThat(ErrorMsg.of(1, 77, 3, Bytes.EMPTY).name()).isEqualTo("OFPET_UNKNOWN(77)/3");
    }
}
