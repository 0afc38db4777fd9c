package lethe.ui.web;

/**
 * Whose data a page shows. {@code owner} is the user to read as, or null for everyone (admins only);
 * {@code param} is the {@code owner=} value to carry in links, null when viewers look at their own.
 */
public record Scope(String owner, String param) {

    public static final String EVERYONE = "*";

    public boolean everyone() {
        return owner == null;
    }
}
