package io.nvo3.controller.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.nvo3.model.Network;
import io.nvo3.model.Port;
import io.nvo3.model.Subnet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** The stored JSON of model records (keys {@code /nvo3/networks/<id>}, {@code /nvo3/subnets/<id>}, {@code /nvo3/ports/<id>}). */
public final class ModelCodec {
    public static final String PREFIX = "/nvo3/";
    public static final String NETWORKS = PREFIX + "networks/";
    public static final String SUBNETS = PREFIX + "subnets/";
    public static final String PORTS = PREFIX + "ports/";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .registerModule(new SimpleModule("instant")
                    .addSerializer(Instant.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(Instant v, JsonGenerator g, SerializerProvider p) throws IOException {
                            g.writeString(v.toString());
                        }
                    })
                    .addDeserializer(Instant.class, new JsonDeserializer<>() {
                        @Override
                        public Instant deserialize(JsonParser p, DeserializationContext c) throws IOException {
                            return Instant.parse(p.getValueAsString());
                        }
                    }));

    private ModelCodec() {}

    public static byte[] encode(Object record) {
        try {
            return MAPPER.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T decode(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("stored " + type.getSimpleName() + " does not decode", e);
        }
    }

    /** Decodes a stored value by its key; null for keys outside the model. */
    public static Object decodeKey(String key, byte[] json) {
        if (key.startsWith(NETWORKS)) {
            return decode(json, Network.class);
        } else if (key.startsWith(SUBNETS)) {
            return decode(json, Subnet.class);
        } else if (key.startsWith(PORTS)) {
            return decode(json, Port.class);
        }
        return null;
    }

    public static String key(Object record) {
        return switch (record) {
            case Network n -> NETWORKS + n.id();
            case Subnet s -> SUBNETS + s.id();
            case Port p -> PORTS + p.id();
            default -> throw new IllegalArgumentException("not a model record: " + record);
        };
    }
}
