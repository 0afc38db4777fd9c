package lethe.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * Writes doubles the way people write times: {@code 1700000000} or {@code 1700000000.25}, never
 * Jackson's default {@code 1.7E9}, which is valid JSON but unreadable in a terminal and trips up shell tools.
 */
public final class PlainNumbers {

    private PlainNumbers() {
    }

    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("lethe-plain-numbers");
        module.addSerializer(Double.class, new PlainDoubleSerializer(Double.class));
        module.addSerializer(double.class, new PlainDoubleSerializer(double.class));
        return module;
    }

    private static final class PlainDoubleSerializer extends StdSerializer<Double> {

        @SuppressWarnings({"unchecked", "rawtypes"})
        PlainDoubleSerializer(Class type) {
            super(type);
        }

        @Override
        public void serialize(Double value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            if (!Double.isFinite(value)) {
                generator.writeNumber(value);
            } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                generator.writeNumber(value.longValue());
            } else {
                generator.writeNumber(BigDecimal.valueOf(value).toPlainString());
            }
        }
    }
}
