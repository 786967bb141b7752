package io.nvo3.controller.reconcile;

import io.nvo3.openflow.message.OfMessage;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Function;

/**
 * An immutable list of OpenFlow messages translated from FIB entries only when read. A plan of 100k flow adds kept
 * as 100k FlowMod trees until the last one was written was mostly what the garbage collector copied while the
 * switch was programmed; translated at write time they die young. Reading an element twice translates it twice
 * (equal results: the translation is pure).
 */
final class TranslatedMessages extends AbstractList<OfMessage> implements RandomAccess {
    private record Segment<T>(List<T> items, Function<? super T, ? extends OfMessage> translate) {
        OfMessage get(int i) {
            return translate.apply(items.get(i));
        }
    }

    private final List<Segment<?>> segments = new ArrayList<>();
    private final List<Integer> starts = new ArrayList<>();
    private int size;

    /** Appends {@code items}, each read as {@code translate(item)}; {@code items} must not change afterwards. */
    <T> TranslatedMessages add(List<T> items, Function<? super T, ? extends OfMessage> translate) {
        if (!items.isEmpty()) {
            segments.add(new Segment<>(List.copyOf(items), translate));
            starts.add(size);
            size += items.size();
        }
        return this;
    }

    /** Appends messages built already. */
    TranslatedMessages addBuilt(List<? extends OfMessage> messages) {
        return add(messages, m -> m);
    }

    @Override
    public OfMessage get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        int s = segments.size() - 1;
        while (starts.get(s) > index) {
            s--;
        }
        return segments.get(s).get(index - starts.get(s));
    }

    @Override
    public int size() {
        return size;
    }
}
