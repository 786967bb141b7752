package io.nvo3.api;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;

/**
 * A record with every component filled (strings "sample", numbers 1, true, lists of one sample element), built
 * through its canonical constructor: a view serialized with Jackson gets checked against openapi.json whatever
 * components it gains later.
 */
final class SampleRecords {
    private SampleRecords() {}

    static <T> T sample(Class<T> type) {
        return type.cast(value(type, 0));
    }

    private static Object value(Type t, int depth) {
        if (depth > 8) {
            throw new AssertionError("records nest too deep at " + t);
        }
        if (t instanceof ParameterizedType p && p.getRawType() == List.class) {
            return List.of(value(p.getActualTypeArguments()[0], depth + 1));
        }
        Class<?> c = (Class<?>) t;
        if (c == String.class) {
            return "sample";
        } else if (c == int.class || c == Integer.class) {
            return 1;
        } else if (c == long.class || c == Long.class) {
            return 1L;
        } else if (c == double.class || c == Double.class) {
            return 1.5;
        } else if (c == boolean.class || c == Boolean.class) {
            return true;
        } else if (c.isRecord()) {
            RecordComponent[] parts = c.getRecordComponents();
            Class<?>[] types = new Class<?>[parts.length];
            Object[] args = new Object[parts.length];
            for (int i = 0; i < parts.length; i++) {
                types[i] = parts[i].getType();
                args[i] = value(parts[i].getGenericType(), depth + 1);
            }
            try {
                Constructor<?> k = c.getDeclaredConstructor(types);
                return k.newInstance(args);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("cannot build a sample " + c.getName(), e);
            }
        }
        throw new AssertionError("no sample for " + t + ": teach SampleRecords this type");
    }
}
