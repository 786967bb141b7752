package io.nvo3.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nvo3.openflow.message.BarrierRequest;
import io.nvo3.openflow.message.OfMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TranslatedMessagesTest {

    /** The lazy list reads exactly as the eager concatenation of every segment's translated items. */
    @Property(tries = 200)
    void readsAsTheEagerConcatenation(@ForAll @Size(max = 6) List<@Size(max = 20) List<@IntRange(max = 10_000) Integer>> segments,
                                      @ForAll boolean builtFirst) {
        TranslatedMessages lazy = new TranslatedMessages();
        List<OfMessage> eager = new ArrayList<>();
        if (builtFirst) {
            lazy.addBuilt(List.of(new BarrierRequest(-1)));
            eager.add(new BarrierRequest(-1));
        }
        for (List<Integer> seg : segments) {
            lazy.add(seg, BarrierRequest::new);
            seg.forEach(x -> eager.add(new BarrierRequest(x)));
        }
        assertThat(lazy).hasSize(eager.size()).containsExactlyElementsOf(eager);
        for (int i = 0; i < eager.size(); i++) {
            assertThat(lazy.get(i)).isEqualTo(eager.get(i));
        }
        assertThatThrownBy(() -> lazy.get(eager.size())).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> lazy.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void translatesOnlyWhatIsReadAndIgnoresLaterChangesToTheSource() {
        AtomicInteger translations = new AtomicInteger();
        List<Integer> source = new ArrayList<>(List.of(1, 2, 3));
        TranslatedMessages lazy = new TranslatedMessages().add(source, x -> {
            translations.incrementAndGet();
            return new BarrierRequest(x);
        });
        source.set(0, 99);
        assertThat(translations).hasValue(0);
        assertThat(lazy.get(0)).isEqualTo(new BarrierRequest(1));
        assertThat(translations).hasValue(1);
        assertThatThrownBy(() -> lazy.add(null, BarrierRequest::new)).isInstanceOf(NullPointerException.class);
    }
}
