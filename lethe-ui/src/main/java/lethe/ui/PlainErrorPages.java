package lethe.ui;

/** A minimal, self-contained error page; every value is HTML-escaped. */
public class PlainErrorPages implements ErrorPages {

    @Override
    public String render(int status, String title, String detail, String errorId) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status + " " + escape(title)
                + " · lethe</title></head><body><main><h1>" + status + " " + escape(title) + "</h1><p>" + escape(detail)
                + "</p>" + (errorId == null ? "" : "<p>Error id: <code>" + escape(errorId) + "</code></p>")
                + "</main></body></html>";
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
