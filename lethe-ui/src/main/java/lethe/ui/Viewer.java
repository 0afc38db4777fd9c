package lethe.ui;

/** The signed-in person a page is rendered for, as the pages need to know them. */
public interface Viewer {

    String getName();

    boolean isAdmin();

    /** True in local single-user mode, where no sign-in happened; pages say so. */
    boolean isLocalMode();

    /** How the viewer signed in, for the page header (e.g. "forward-auth"). */
    String signedInVia();
}
