package lethe.ui.web;

/** HTML escaping for markup written in Java: safe in text and in double- or single-quoted attributes. */
public final class Escape {

    private Escape() {
    }

    public static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        html(text, out);
        return out.toString();
    }

    public static void html(String text, StringBuilder out) {
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            String entity = switch (text.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (entity != null) {
                out.append(text, start, i).append(entity);
                start = i + 1;
            }
        }
        out.append(text, start, text.length());
    }
}
