package lethe.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.hibernate.validator.spi.nodenameprovider.JavaBeanProperty;
import org.hibernate.validator.spi.nodenameprovider.Property;
import org.hibernate.validator.spi.nodenameprovider.PropertyNodeNameProvider;

/**
 * Names configuration properties in validation errors as the operator wrote them in YAML
 * ({@code auth.forward_auth.trusted_proxies}), not as the Java fields are called ({@code forwardAuth}).
 */
public class JsonPropertyNames implements PropertyNodeNameProvider {

    @Override
    public String getName(Property property) {
        if (property instanceof JavaBeanProperty bean) {
            for (Class<?> type = bean.getDeclaringClass(); type != null; type = type.getSuperclass()) {
                try {
                    JsonProperty json = type.getDeclaredField(bean.getName()).getAnnotation(JsonProperty.class);
                    if (json != null && !json.value().isEmpty()) {
                        return json.value();
                    }
                    break;
                } catch (NoSuchFieldException e) {
                    // declared further up the hierarchy
                }
            }
        }
        return property.getName();
    }
}
