package lethe.ui;

/** Renders the HTML page a browser gets instead of a problem document. */
public interface ErrorPages {

    /**
     * @param errorId set on server errors: the id the failure was logged under, shown so a user can report it
     * @return a complete HTML document; every argument is escaped
     */
    String render(int status, String title, String detail, String errorId);
}
