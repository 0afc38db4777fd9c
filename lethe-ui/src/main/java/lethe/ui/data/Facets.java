package lethe.ui.data;

import java.util.List;

/** The distinct tools and hosts of someone's sessions, sorted. */
public record Facets(List<String> tools, List<String> hosts) {

    public Facets {
        tools = List.copyOf(tools);
        hosts = List.copyOf(hosts);
    }
}
