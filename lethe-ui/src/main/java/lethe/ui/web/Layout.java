package lethe.ui.web;

import lethe.ui.Viewer;

/**
 * What the shared page frame needs: the page title, which main section is current, who is looking (null
 * on error pages, which may be shown to someone not signed in) and where things live.
 *
 * @param base the path lethe is mounted at, without a trailing slash ("" at the root)
 */
public record Layout(String title, String nav, Viewer viewer, String base, String stylesheet, String icon) {

    public String href(String path) {
        return base + path;
    }
}
