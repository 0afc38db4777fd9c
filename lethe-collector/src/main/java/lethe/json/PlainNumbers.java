package lethe.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;

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
                generator.writeNumber(plain(value));
            }
        }
    }

    /**
     * The digits of {@link Double#toString(double)} (the shortest that read back as the same double) with
     * the decimal point moved instead of an exponent: what {@code BigDecimal.valueOf(value).toPlainString()}
     * gives, without building a BigDecimal for every timestamp of a 2 000-turn session.
     */
    static String plain(double value) {
        String millis = asMillis(value);
        if (millis != null) {
            return millis;
        }
        String shortest = Double.toString(value);
        int exponentAt = shortest.indexOf('E');
        if (exponentAt < 0) {
            return shortest;
        }
        boolean negative = shortest.charAt(0) == '-';
        String mantissa = shortest.substring(negative ? 1 : 0, exponentAt);
        int exponent = Integer.parseInt(shortest.substring(exponentAt + 1));
        int pointAt = mantissa.indexOf('.');
        String digits = mantissa.substring(0, pointAt) + mantissa.substring(pointAt + 1);
        int newPointAt = pointAt + exponent;
        StringBuilder out = new StringBuilder(digits.length() + Math.abs(exponent) + 3);
        if (negative) {
            out.append('-');
        }
        if (newPointAt <= 0) {
            out.append("0.").append("0".repeat(-newPointAt)).append(digits);
        } else if (newPointAt >= digits.length()) {
            out.append(digits).append("0".repeat(newPointAt - digits.length()));
        } else {
            out.append(digits, 0, newPointAt).append('.').append(digits, newPointAt, digits.length());
        }
        return out.toString();
    }

    /**
     * Timestamps mostly carry milliseconds: written from the whole thousandths when they are exactly the
     * value, without Double.toString's digit search (whole numbers are left to it). Below 1e12 every thousandth is a different double, so
     * no shorter decimal reads back as the same value and this is the shortest form too; else null.
     */
    private static String asMillis(double value) {
        if (!(Math.abs(value) < 1e12)) {
            return null;
        }
        long thousandths = Math.round(value * 1000);
        if (thousandths / 1000.0 != value || thousandths % 1000 == 0) {
            return null;
        }
        long whole = Math.abs(thousandths) / 1000;
        int fraction = (int) (Math.abs(thousandths) % 1000);
        StringBuilder out = new StringBuilder(24);
        if (value < 0) {
            out.append('-');
        }
        out.append(whole).append('.');
        if (fraction < 100) {
            out.append('0');
        }
        if (fraction < 10) {
            out.append('0');
        }
        out.append(fraction);
        int end = out.length();
        while (out.charAt(end - 1) == '0') {
            end--;
        }
        out.setLength(end);
        return out.toString();
    }
}
