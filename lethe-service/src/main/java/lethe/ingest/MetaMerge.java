package lethe.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 7396 JSON merge patch on maps, in time linear in the patch: each member of the patch is one hash
 * lookup in the target. A {@code null} member removes the key; an object merges into an object; anything
 * else replaces. Applied line after line to the stored meta, it gives the same result however the lines
 * were split into requests.
 */
final class MetaMerge {

    private MetaMerge() {
    }

    /** Applies {@code patch} to {@code target} in place. Recursion is bounded by the patch's depth limit. */
    @SuppressWarnings("unchecked")
    static void apply(Map<String, Object> target, Map<String, Object> patch) {
        for (Map.Entry<String, Object> member : patch.entrySet()) {
            Object value = member.getValue();
            if (value == null) {
                target.remove(member.getKey());
            } else if (value instanceof Map<?, ?> nested) {
                Object current = target.get(member.getKey());
                Map<String, Object> into = current instanceof Map<?, ?> existing
                        ? (Map<String, Object>) existing : new LinkedHashMap<>();
                apply(into, (Map<String, Object>) nested);
                target.put(member.getKey(), into);
            } else {
                target.put(member.getKey(), value);
            }
        }
    }

    /** Every member of every object, nested ones included: what {@code ingest.max_meta_keys} counts. */
    static int keyCount(Object value) {
        int count = 0;
        if (value instanceof Map<?, ?> map) {
            count += map.size();
            for (Object member : map.values()) {
                count += keyCount(member);
            }
        } else if (value instanceof List<?> list) {
            for (Object element : list) {
                count += keyCount(element);
            }
        }
        return count;
    }
}
